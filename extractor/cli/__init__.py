"""The ``extractor`` command line. Each command lives in its own module and registers on ``app``."""

from __future__ import annotations

import importlib
from typing import Any

import typer
import typer.core

# Placeholders in words, as a manual writes them: Typer would print the Python type
# (<bool>, <list[Path]>, <int range>) and a required argument as {name}.
_PLACEHOLDERS = {
    "bool": None,  # a flag takes no value
    "int": "N",
    "float": "NUMBER",
    "str": "TEXT",
    "path": "PATH",
    "file": "FILE",
    "directory": "DIR",
}


def _display_type(self: Any, ctx: Any) -> str | None:
    word = _typer_display_type(self, ctx).strip("<>")
    word = word.removeprefix("list[").removesuffix("]").removesuffix(" range")
    if "|" in word:  # a choice: the values themselves
        return word
    return _PLACEHOLDERS.get(word.lower(), word.upper())


def _usage_name(self: Any) -> str:
    name = self.display_name_raw
    many = self.nargs != 1 and not name.endswith("...")
    name += "..." if many else ""
    return name if self.required else f"[{name}]"


_Param = typer.core._TyperParameter
if hasattr(_Param, "display_type") and hasattr(typer.core.TyperArgument, "_usage_display_name"):
    _typer_display_type = _Param.display_type
    _Param.display_type = _display_type  # type: ignore[method-assign]
    _Param.display_name_raw = property(  # type: ignore[assignment]
        lambda self: self.metavar or (self.name or "").upper()
    )
    typer.core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]


def examples(*commands: str, note: str = "") -> str:
    """A command's epilog: example command lines, then an optional note (Markdown)."""
    block = "\n".join(commands)
    return f"**Examples**\n\n```\n{block}\n```\n\n{note}".rstrip()


app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    # Markdown: paragraphs reflow to the terminal; `code` and lists render as such.
    rich_markup_mode="markdown",
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
    "validate_cmd",
    "report_cmd",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"extractor.cli.{_name}")
