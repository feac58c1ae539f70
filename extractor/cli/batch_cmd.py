"""``extractor batch``: a folder of papers in, a folder of tables out."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from extractor.cli import app, examples
from extractor.extract import DEFAULT_MAX_CHARS

EPILOG = examples(
    "extractor batch papers/ -o out/",
    "extractor batch papers/ -o out/ --workers 2 --timeout 120",
    "extractor batch papers/ -o out/ --retry-failed",
    "extractor batch papers/ -o out/ --scheduler tcp://10.0.0.5:8786",
    note='Exit status: 0 every input extracted; 1 an input failed (its line has "error"; '
    "see errors.csv; --allow-failures exits 0 instead); 2 the batch cannot run (DIR is "
    "not a folder or holds no papers, an unknown engine, workers cannot start).",
)


@app.command("batch", epilog=EPILOG)
def batch_cli(
    input_dir: Annotated[
        Path,
        typer.Argument(
            help="Folder of papers, searched recursively for .txt/.md/.pdf/.xml/.nxml files.",
            metavar="DIR",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("-o", "--out", help="Output folder (created if missing).", metavar="DIR"),
    ],
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=0, help="Worker processes; 0 = one per core.")
    ] = 0,
    force: Annotated[
        bool, typer.Option("--force", help="Redo inputs already done with this pipeline.")
    ] = False,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Redo inputs that failed last time.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=1.0,
            help="Seconds one document may take before its worker is killed and it is "
            "recorded as failed.",
            metavar="SECONDS",
        ),
    ] = 600.0,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="Where documents run: local (a process pool on this machine) or dask "
            "(a Dask LocalCluster, or the cluster --scheduler names).",
            metavar="local|dask",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address, e.g. tcp://10.0.0.5:8786; implies --engine dask.",
            metavar="ADDRESS",
        ),
    ] = None,
    processor: Annotated[
        str,
        typer.Option(
            "--processor", hidden=True, help="module:factory returning process(path)->dict."
        ),
    ] = "extractor.batch.processors:pipeline_processor",
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="No progress bar; one log line per failure and a summary."
        ),
    ] = False,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            min=1,
            help="Largest document text (characters) to process; "
            "a larger input fails with a one-line error.",
            metavar="N",
        ),
    ] = DEFAULT_MAX_CHARS,
    allow_failures: Annotated[
        bool,
        typer.Option(
            "--allow-failures",
            help="Exit 0 even when inputs failed (they are listed in errors.csv).",
        ),
    ] = False,
) -> None:
    """Extract every paper in a folder into a folder of tables; resumable, safe to kill and rerun.

    Reads DIR recursively and writes, into the -o folder, documents.jsonl (SCHEMA §5, one
    line per input, in input order), records.csv, entities.parquet, errors.csv and
    summary.json. A rerun skips inputs whose content and pipeline are unchanged, so an
    interrupted batch picks up where it stopped.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from extractor.batch import BatchError, run_batch
    from extractor.batch import Progress as BatchProgress
    from extractor.batch.pool import TaskResult, WorkerStartError

    err = Console(
        stderr=True, soft_wrap=True
    )  # an error stays one line, whatever the terminal width
    bar = Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} files/s"),
        TextColumn("[red]{task.fields[failed]} failed"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
    )
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

    try:
        with bar:
            summary = run_batch(
                input_dir, out, workers=workers or None, force=force, retry_failed=retry_failed,
                timeout=timeout, engine=engine, scheduler=scheduler, processor=processor,
                progress=on_progress, max_chars=max_chars,
            )  # fmt: skip
    except (BatchError, WorkerStartError, ValueError) as exc:
        err.print(f"error: {exc}", highlight=False)
        raise typer.Exit(2) from exc
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
