"""``extractor evaluate``: score one or more SCHEMA §5 outputs against gold, side by side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extractor.cli import app, examples

if TYPE_CHECKING:
    from extractor.evaluate.harness import SystemResult

EPILOG = examples(
    "extractor evaluate --gold gold/ out/",
    "extractor evaluate --summary --gold gold/ out/ --out out/eval",
    "extractor evaluate --gold gold/review.jsonl runA.jsonl runB/ --out eval/ --min-f1 0.9",
    note="Exit status: 0 scored; 1 a file cannot be read or scored; 2 an F1 below --min-f1.",
)


_Preds = Annotated[
    list[Path],
    typer.Argument(
        help="Output to score: JSONL files, or batch output folders (their documents.jsonl).",
        metavar="PRED...",
    ),
]
_Gold = Annotated[
    Path,
    typer.Option(
        "--gold",
        help="Gold JSONL file, or a folder (its documents.jsonl, else every *.jsonl in it).",
        metavar="PATH",
    ),
]
_Out = Annotated[
    Path | None,
    typer.Option(
        "--out",
        help="Also write metrics.json, errors.jsonl and report.html into this folder.",
        metavar="DIR",
    ),
]
_MinF1 = Annotated[
    float | None,
    typer.Option(
        "--min-f1",
        min=0.0,
        max=1.0,
        help="Exit 2 when any PRED's micro strict mention F1 is below this floor.",
    ),
]
_Brief = Annotated[
    bool, typer.Option("--brief", help="Micro rows only (per-label rows stay in --out files).")
]
_Summary = Annotated[
    bool,
    typer.Option(
        "--summary",
        help="Instead of the tables, three lines: where the records are, where the report "
        "is, and the headline accuracy with what it means.",
    ),
]


@app.command("evaluate", epilog=EPILOG)
def evaluate_cli(
    preds: _Preds,
    gold: _Gold,
    out: _Out = None,
    min_f1: _MinF1 = None,
    brief: _Brief = False,
    summary: _Summary = False,
) -> None:
    """Print mention scores (strict, exact, partial, type), norm accuracy and record field scores.

    Several PRED files print as columns side by side.
    """
    from rich.console import Console

    from extractor.evaluate.harness import EvaluationInputError, evaluate_paths, write_outputs
    from extractor.evaluate.report import terminal_tables

    # Tables go through rich; messages through plain echo so that a long path never wraps
    # a one-line error over two lines.
    console = Console()
    try:
        results = evaluate_paths(gold, list(preds))
    except EvaluationInputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    # Wide enough that P / R / F1 cells never wrap, whatever the terminal (CI logs have none).
    console.width = max(console.width, 40 + 24 * len(results))
    if not summary:
        for table in terminal_tables(results, brief=brief):
            console.print(table)
    if out is not None:
        for path in write_outputs(out, gold, results):
            if not summary:
                typer.echo(f"wrote {path}", err=True)
    if summary:
        from extractor.evaluate.summary import summary_lines

        for line in summary_lines(results, list(preds), out):
            typer.echo(line)
    if min_f1 is not None:
        _check_min_f1(results, min_f1)


def _check_min_f1(results: list[SystemResult], min_f1: float) -> None:
    """Exit 2, naming each, when a system's micro strict mention F1 is below the floor."""
    failing = [
        (r.name, r.evaluation.metrics["entities"]["strict"]["micro"]["f1"])
        for r in results
        if r.evaluation.metrics["entities"]["strict"]["micro"]["f1"] < min_f1
    ]
    for name, f1 in failing:
        typer.echo(
            f"FAIL {name}: micro strict mention F1 {f1:.3f} < --min-f1 {min_f1:.3f}", err=True
        )
    if failing:
        raise typer.Exit(2)
