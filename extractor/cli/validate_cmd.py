"""``extractor validate``: check output lines against the output contract (docs/schema.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.cli import app, examples

EPILOG = examples(
    "extractor validate out/",
    "extractor validate my-paper.jsonl gold/review.jsonl",
    note="Exit status: 0 when every line is valid; 1 when some line is not (one "
    "`file:line: problem` per finding on standard output); 2 when a file cannot be read.",
)


@app.command("validate", epilog=EPILOG)
def validate_cli(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="JSON Lines files written by extract, batch, review export or by hand; a "
            "folder stands for its documents.jsonl (else every *.jsonl in it).",
            metavar="PATH...",
            show_default=False,
        ),
    ],
) -> None:
    """Check every line against the JSON Schema and against its own text.

    Beyond the schema: entity and evidence offsets inside the text, each entity's text equal
    to text[start:end], and the cells, cytokines, outcome scores and doses of a record named by
    the document's entities.
    """
    from extractor.schema.validate import UnreadableFile, validate_file

    bad_lines: set[tuple[str, int]] = set()
    unreadable = False
    n_files = 0
    targets: list[Path] = []
    for path in files:  # a batch output folder stands for its documents.jsonl
        if path.is_dir():
            inner = path / "documents.jsonl"
            targets.extend([inner] if inner.is_file() else sorted(path.glob("*.jsonl")) or [inner])
        else:
            targets.append(path)
    for path in targets:
        try:
            problems = validate_file(path)
        except UnreadableFile as err:
            typer.echo(str(err), err=True)
            unreadable = True
            continue
        n_files += 1
        for problem in problems:
            typer.echo(str(problem))
            bad_lines.add((problem.file, problem.line))
    if bad_lines:
        typer.echo(f"{len(bad_lines)} invalid line(s) in {len(targets)} file(s)", err=True)
    if unreadable:
        raise typer.Exit(2)
    if bad_lines:
        raise typer.Exit(1)
    typer.echo(f"ok: {n_files} file(s) valid", err=True)
