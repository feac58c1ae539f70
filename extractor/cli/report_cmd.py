"""``extractor report``: the study table, evidence map and figures of a batch, as one folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.cli import app, examples

EPILOG = examples(
    "extractor report out/ -o out/report",
    "extractor report curated.jsonl -o report/",
    note="Exit status: 0 when the report was written (documents that failed are listed on "
    "the page); 1 when the input cannot be read at all.",
)


@app.command("report", epilog=EPILOG)
def report_cli(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="A batch output folder, a documents.jsonl, or a curated export (review export).",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "-o",
            "--out",
            metavar="DIR",
            help="Report folder (created if missing).",
            show_default=False,
        ),
    ],
) -> None:
    """Write DIR/index.html (study table, evidence map, figures), studies.csv/.xlsx and
    figures/*.svg from SCHEMA §5 output. The page opens from disk and fetches nothing."""
    from extractor.report import ReportInputError, write_report

    try:
        result = write_report(input_path, out)
    except ReportInputError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from err
    typer.echo(f"{result.summary} in {result.seconds} s", err=True)
    typer.echo(str(result.index))
