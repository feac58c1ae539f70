"""``extractor ingest FILE``: print the ingested Document as JSON (the reader's view of a file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from extractor.cli import app, examples

EPILOG = examples(
    "extractor ingest my-paper.pdf",
    "extractor ingest my-paper.xml --no-text",
    "extractor ingest notes.txt --doc-id trial-7",
    note="Exit status: 0 read; 2 the file cannot be read (one line: `path: reason`).",
)


@app.command("ingest", epilog=EPILOG)
def ingest_cli(
    path: Annotated[
        Path,
        typer.Argument(help="A .txt/.md, .pdf or JATS .xml/.nxml file.", metavar="FILE"),
    ],
    doc_id: Annotated[
        str | None,
        typer.Option(
            "--doc-id", help="Document id.", metavar="ID", show_default="the file name's stem"
        ),
    ] = None,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="Leave the full text out of the JSON.")
    ] = False,
) -> None:
    """Read one document and print it as JSON: text, sections, tables, references, pages.

    A file that cannot be read prints one line, "path: reason", on stderr and exits 2.
    """
    from extractor.errors import IngestError
    from extractor.ingest import read_document

    try:
        document = read_document(path, doc_id)
    except IngestError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2) from None
    d = document.to_dict()
    if no_text:
        d.pop("text")
    typer.echo(json.dumps(d, indent=2, ensure_ascii=False))
