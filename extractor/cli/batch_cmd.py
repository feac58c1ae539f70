"""``extractor batch``: a folder of papers in, a folder of tables out."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extractor.cli import app, examples
from extractor.extract import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from extractor.batch import Progress as BatchProgress
    from extractor.batch.pool import TaskResult

EPILOG = examples(
    "extractor batch papers/ -o out/",
    "extractor batch papers/ -o out/ --workers 2 --timeout 120",
    "extractor batch papers/ -o out/ --retry-failed",
    "extractor batch papers/ -o out/ --scheduler tcp://10.0.0.5:8786",
    note='Exit status: 0 every input extracted; 1 an input failed (its line has "error"; '
    "see errors.csv; --allow-failures exits 0 instead); 2 the batch cannot run (DIR is "
    "not a folder or holds no papers, an unknown engine, workers cannot start).",
)


# The options, declared once here so the command reads as what it does.
_InputDir = Annotated[
    Path,
    typer.Argument(
        help="Folder of papers, searched recursively for .txt/.md/.pdf/.xml/.nxml files.",
        metavar="DIR",
    ),
]
_Out = Annotated[
    Path,
    typer.Option("-o", "--out", help="Output folder (created if missing).", metavar="DIR"),
]
_Workers = Annotated[
    int, typer.Option("--workers", "-w", min=0, help="Worker processes; 0 = one per core.")
]
_Force = Annotated[
    bool, typer.Option("--force", help="Redo inputs already done with this pipeline.")
]
_RetryFailed = Annotated[
    bool, typer.Option("--retry-failed", help="Redo inputs that failed last time.")
]
_Timeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=1.0,
        help="Seconds one document may take before its worker is killed and it is "
        "recorded as failed.",
        metavar="SECONDS",
    ),
]
_Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where documents run: local (a process pool on this machine) or dask "
        "(a Dask LocalCluster, or the cluster --scheduler names).",
        metavar="local|dask",
    ),
]
_Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786; implies --engine dask.",
        metavar="ADDRESS",
    ),
]
_Processor = Annotated[
    str,
    typer.Option("--processor", hidden=True, help="module:factory returning process(path)->dict."),
]
_Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress bar; one log line per failure and a summary."),
]
_MaxChars = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        help="Largest document text (characters) to process; "
        "a larger input fails with a one-line error.",
        metavar="N",
    ),
]
_AllowFailures = Annotated[
    bool,
    typer.Option(
        "--allow-failures",
        help="Exit 0 even when inputs failed (they are listed in errors.csv).",
    ),
]


@app.command("batch", epilog=EPILOG)
def batch_cli(
    input_dir: _InputDir,
    out: _Out,
    workers: _Workers = 0,
    force: _Force = False,
    retry_failed: _RetryFailed = False,
    timeout: _Timeout = 600.0,
    engine: _Engine = "local",
    scheduler: _Scheduler = None,
    processor: _Processor = "extractor.batch.processors:pipeline_processor",
    quiet: _Quiet = False,
    max_chars: _MaxChars = DEFAULT_MAX_CHARS,
    allow_failures: _AllowFailures = False,
) -> None:
    """Extract every paper in a folder into a folder of tables; resumable, safe to kill and rerun.

    Reads DIR recursively and writes, into the -o folder, documents.jsonl (SCHEMA §5, one
    line per input, in input order), records.csv, entities.parquet, errors.csv and
    summary.json. A rerun skips inputs whose content and pipeline are unchanged, so an
    interrupted batch picks up where it stopped.
    """
    from rich.console import Console

    from extractor.batch import BatchError, run_batch
    from extractor.batch.pool import WorkerStartError

    err = Console(
        stderr=True, soft_wrap=True
    )  # an error stays one line, whatever the terminal width
    bar = _progress_bar(err, quiet)
    try:
        with bar:
            summary = run_batch(
                input_dir, out, workers=workers or None, force=force, retry_failed=retry_failed,
                timeout=timeout, engine=engine, scheduler=scheduler, processor=processor,
                progress=_progress_callback(bar, err, quiet), max_chars=max_chars,
            )  # fmt: skip
    except (BatchError, WorkerStartError, ValueError) as exc:
        err.print(f"error: {exc}", highlight=False)
        raise typer.Exit(2) from exc
    _finish(summary, out, allow_failures, err)


def _progress_bar(err: Console, quiet: bool) -> Progress:
    """extract ━━━ 3/10 0.65 files/s 0 failed 0:00:12, on stderr (off with --quiet)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} files/s"),
        TextColumn("[red]{task.fields[failed]} failed"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
    )


def _progress_callback(
    bar: Progress, err: Console, quiet: bool
) -> Callable[[BatchProgress, TaskResult | None], None]:
    """What run_batch calls after each document: move the bar; quiet, print each failure."""
    task_id = None

    def on_progress(state: BatchProgress, result: TaskResult | None) -> None:
        nonlocal task_id
        elapsed = max(time.monotonic() - state.started, 1e-9)
        rate = f"{state.ran / elapsed:.2f}"
        if task_id is None:
            task_id = bar.add_task("extract", total=state.total, completed=0, rate=rate, failed=0)
        bar.update(task_id, completed=state.finished, rate=rate, failed=state.failed)
        if result is not None and result.error and quiet:
            err.print(
                f"failed [{result.error_stage}] {result.path}: {result.error}", highlight=False
            )

    return on_progress


def _finish(summary: dict, out: Path, allow_failures: bool, err: Console) -> None:
    """The summary line; exit 1 when inputs failed (unless --allow-failures)."""
    err.print(summary_line(summary, out), highlight=False)
    if summary["failed"] and not allow_failures:
        err.print(
            f"error: {summary['failed']} of {summary['inputs']} inputs failed (see "
            f"{out / 'errors.csv'}; --allow-failures exits 0)",
            highlight=False,
        )
        raise typer.Exit(FAILED_INPUTS_EXIT)


FAILED_INPUTS_EXIT = 1


def summary_line(summary: dict, out: Path) -> str:
    """The closing line: the same counts as summary.json and the progress bar."""
    return (
        f"{summary['inputs']} inputs: {summary['processed']} processed, "
        f"{summary['skipped_already_done']} already done, {summary['failed']} failed; "
        f"{summary['records']} records, {summary['entities']} entities in {summary['seconds']} s "
        f"-> {out}"
    )
