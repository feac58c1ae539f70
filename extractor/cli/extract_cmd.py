"""``extractor extract``: documents in, SCHEMA §5 JSON Lines out (and a flat CSV sheet)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from extractor.cli import app, examples
from extractor.extract import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from spacy.language import Language


def load_nlp() -> Language:
    """The entity pipeline, loaded once per run (a module function so tests can swap it)."""
    from extractor.pipeline import load_pipeline

    return load_pipeline(freeze_gc=True)


EPILOG = examples(
    "extractor extract my-paper.pdf -o out.jsonl",
    "extractor extract papers/*.xml -o out.jsonl --csv records.csv",
    "extractor extract notes.txt -o - | jq .records",
    note="Exit status: 0 at least one input processed; 1 none could be (or the entity "
    "pipeline cannot be loaded, or the output cannot be written); 2 a usage error.",
)


_Inputs = Annotated[
    list[Path],
    typer.Argument(
        help="Documents to read: .txt/.md, .pdf or JATS .xml/.nxml files.", metavar="FILE..."
    ),
]
_Output = Annotated[
    str,
    typer.Option("-o", "--output", help="JSONL file to write, or '-' for stdout.", metavar="FILE"),
]
_Csv = Annotated[
    Path | None,
    typer.Option(
        "--csv", help="Also write a flat sheet: one row per study record.", metavar="FILE"
    ),
]
_Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
_MaxChars = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        help="Largest document text, in characters, to process; a larger input gets an "
        "error line and the run goes on.",
        metavar="N",
    ),
]


@app.command("extract", epilog=EPILOG)
def extract_cli(
    inputs: _Inputs,
    output: _Output,
    csv: _Csv = None,
    quiet: _Quiet = False,
    max_chars: _MaxChars = DEFAULT_MAX_CHARS,
) -> None:
    """Extract entities and study records, one JSON line per input in input order.

    An input that cannot be read still gets its line, with "error" set, and a one-line
    message on stderr; the run goes on. For a folder of papers, see `extractor batch`.
    """
    from extractor.extract import LazyPipeline, PipelineUnavailable, write_records_csv
    from extractor.io import atomic_open

    nlp = LazyPipeline(load_nlp)  # loaded by the first input that needs it
    show = not quiet and len(inputs) > 1
    target = output
    try:
        if output == "-":
            results, failed = _write_lines(sys.stdout, inputs, nlp, max_chars, show)
        else:
            with atomic_open(output) as fh:
                results, failed = _write_lines(fh, inputs, nlp, max_chars, show)
        if csv is not None:
            target = str(csv)
            write_records_csv(csv, results)
    except PipelineUnavailable as err:  # missing pipeline or model files: one clear line
        typer.echo(f"error: cannot load the entity pipeline: {err}", err=True)
        raise typer.Exit(1) from err
    except OSError as err:
        typer.echo(f"error: cannot write {target}: {err.strerror or err}", err=True)
        raise typer.Exit(1) from err
    if not quiet:
        done = len(inputs) - failed
        where = "stdout" if output == "-" else output
        typer.echo(f"{done}/{len(inputs)} documents processed -> {where}", err=True)
    if failed == len(inputs):
        raise typer.Exit(1)


def _write_lines(
    fh: Any, inputs: list[Path], nlp: Any, max_chars: int, show: bool
) -> tuple[list[Any], int]:
    """One JSON line per input, flushed as it comes; returns the results (without their text,
    for the CSV) and how many failed."""
    from extractor.extract import process_paths
    from extractor.io import dumps_line

    results: list[Any] = []
    failed = 0
    for i, result in enumerate(process_paths(inputs, nlp, max_chars), 1):
        fh.write(dumps_line(result.to_dict()))
        fh.flush()
        # keep only what the CSV needs, not every document's text
        results.append(replace(result, text="", entities=()))
        if result.error:
            failed += 1
            typer.echo(f"[{i}/{len(inputs)}] error: {result.error}", err=True)
        elif show:
            typer.echo(
                f"[{i}/{len(inputs)}] {result.source}: {len(result.entities)} entities, "
                f"{len(result.records)} records",
                err=True,
            )
    return results, failed
