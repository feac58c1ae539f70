"""The ``extractor`` command line. Each command lives in its own module and registers on ``app``."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Extract study records from papers on stem-cell and vesicle therapy for skin disease.",
)



@app.callback()
def main() -> None:
    """Extract study records from papers on stem-cell and vesicle therapy for skin disease."""


@app.command()
def version() -> None:
    """Print the toolkit and schema versions."""
    from extractor import SCHEMA_VERSION, __version__

    typer.echo(f"extractor {__version__} (schema {SCHEMA_VERSION})")


# One module per command group; each does `from extractor.cli import app` and registers.
COMMAND_MODULES = (
    "ingest_cmd",
    "extract_cmd",
    "gold_cmd",
    "evaluate_cmd",
    "bench_cmd",
    "batch_cmd",
    "review_cmd",
    "report_cmd",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"extractor.cli.{_name}")
