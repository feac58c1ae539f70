"""Batch extraction over a folder: parallel, resumable, fault-isolated.

``run_batch`` discovers every supported file under a folder, skips those already done with the
same content and the same pipeline, processes the rest on a local process pool (or a Dask
cluster), appends each result to ``documents.jsonl`` as it arrives, and finally rewrites the
journal in input order and derives the tables. A run killed at any moment loses at most the
documents in flight; rerunning the same command finishes the job with each input exactly once.
"""

from __future__ import annotations

import hashlib
import platform
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor import SCHEMA_VERSION, __version__
from extractor.batch import journal, outputs
from extractor.batch.pool import TaskResult, default_workers, run_local
from extractor.batch.processors import DEFAULT_PROCESSOR
from extractor.errors import ExtractorError
from extractor.extract import assign_doc_ids

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".pdf", ".xml", ".nxml")
DOCUMENTS = "documents.jsonl"


class BatchError(ExtractorError):
    """The batch as a whole cannot run (no inputs, output folder unusable, workers cannot start)."""


@dataclass(frozen=True, slots=True)
class BatchInput:
    index: int
    path: Path
    rel: str  # path relative to the input folder: the resume key with the hashes
    sha256: str
    doc_id: str  # by extractor.extract.assign_doc_ids over the whole folder


@dataclass(slots=True)
class Progress:
    """The one set of counts the progress bar, the summary line and summary.json show.

    Every input is in exactly one of: ``skipped`` (done without error by an earlier run, with
    the same content and pipeline), ``processed`` (done without error in this run) and
    ``failed`` (its line has ``error``, from this run or kept from an earlier one), so
    ``skipped + processed + failed == total`` once the batch ends.
    """

    total: int = 0
    skipped: int = 0
    processed: int = 0
    failed: int = 0
    failed_this_run: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> int:
        """Inputs with a line in the journal now (the bar's position)."""
        return self.skipped + self.processed + self.failed

    @property
    def ran(self) -> int:
        """Inputs this run worked on (the rate's numerator)."""
        return self.processed + self.failed_this_run


ProgressCallback = Callable[[Progress, TaskResult | None], None]


def discover(input_dir: Path) -> list[Path]:
    """Every supported file under ``input_dir``, recursively, in a stable (sorted) order."""
    if not input_dir.is_dir():
        raise BatchError(f"{input_dir}: not a folder")
    return sorted(
        p
        for p in input_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def models_dir() -> Path:
    from extractor.knowledge import locate

    return locate()


def pipeline_hash(models: Path | None = None, package: Path | None = None) -> str:
    """Identify what the pipeline would compute: package version, every file under models/
    and the package's own code and data files.

    The code counts too: in a git checkout, an edit to a rule changes the output without
    changing the version, and a resumed batch must not keep results of the old rule.
    """
    digest = hashlib.sha256(f"extractor {__version__} schema {SCHEMA_VERSION}".encode())
    for name, root in (("models", models or models_dir()), ("package", package or _PACKAGE)):
        if not root.is_dir():
            continue
        files = (p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in sorted(files):
            if name == "package" and file.suffix in (".pyc", ".pyo"):
                continue
            digest.update(f"{name}/{file.relative_to(root).as_posix()}".encode())
            digest.update(_sha256(file).encode())
    return digest.hexdigest()[:16]


_PACKAGE = Path(__file__).resolve().parents[1]


def _row_from_result(item: BatchInput, result: TaskResult, phash: str) -> dict[str, Any]:
    if result.row is not None:
        row = dict(result.row)
        row["doc_id"] = item.doc_id  # the batch's rule, whatever the processor wrote
    else:
        row = {
            "schema": SCHEMA_VERSION,
            "doc_id": item.doc_id,
            "source": str(item.path),
            "text": "",
            "entities": [],
            "records": [],
            "error": f"{item.path}: {result.error}",
        }
    meta = dict(row.get("meta") or {})
    if row.get("error") and "error_stage" not in meta:
        meta["error_stage"] = result.error_stage or "ingest"
    meta.update(
        {
            "input": item.rel,
            "content_sha256": item.sha256,
            "pipeline_hash": phash,
            "seconds": round(result.seconds, 4),
            "worker_pid": result.worker_pid,
        }
    )
    row["meta"] = meta
    return row


def run_batch(
    input_dir: str | Path,
    out_dir: str | Path,
    *,
    workers: int | None = None,
    force: bool = False,
    retry_failed: bool = False,
    timeout: float = 600.0,
    engine: str = "local",
    scheduler: str | None = None,
    processor: str = DEFAULT_PROCESSOR,
    progress: ProgressCallback | None = None,
    max_chars: int | None = None,
) -> dict[str, Any]:
    """Run (or resume) a batch; returns the summary that is also written to summary.json.

    ``max_chars`` (default ``extractor.extract.DEFAULT_MAX_CHARS``) is the largest document
    text processed; a larger input gets its error line."""
    options = {"max_chars": max_chars} if max_chars else {}
    t0 = time.perf_counter()
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    inputs = _batch_inputs(input_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    phash = pipeline_hash()
    journal_path = out_dir / DOCUMENTS
    kept = _resume(journal_path, inputs, phash, force=force, retry_failed=retry_failed)
    todo = [x for x in inputs if x.rel not in kept]
    kept_failed = sum(1 for row in kept.values() if row.get("error"))
    state = Progress(total=len(inputs), skipped=len(kept) - kept_failed, failed=kept_failed)
    if progress:
        progress(state, None)
    n_workers = workers or default_workers()
    peaks: dict[int, float] = {}

    def note_peak(pid: int, mb: float) -> None:
        peaks[pid] = max(peaks.get(pid, 0.0), mb)

    if todo:
        tasks = [(x.index, str(x.path), x.doc_id) for x in todo]
        results = _run_engine(
            tasks, engine=engine, scheduler=scheduler, processor=processor, workers=n_workers,
            timeout=timeout, on_worker_peak=note_peak, options=options,
        )  # fmt: skip
        _journal_results(journal_path, results, inputs, phash, kept, state, progress)
    docs = [kept[x.rel] for x in inputs if x.rel in kept]
    journal.rewrite(journal_path, docs)
    n_records = outputs.write_records_csv(out_dir / "records.csv", docs)
    n_entities = outputs.write_entities_parquet(out_dir / "entities.parquet", docs)
    outputs.write_errors_csv(out_dir / "errors.csv", docs)
    summary = {
        "input_dir": str(input_dir),
        "inputs": len(inputs),
        **_run_counts(state, n_records, n_entities, time.perf_counter() - t0),
        **_run_setup(n_workers, engine, scheduler, timeout, peaks),
        "pipeline_hash": phash,
        "versions": _versions(),
    }
    outputs.write_summary(out_dir / "summary.json", summary)
    return summary


def _batch_inputs(input_dir: Path) -> list[BatchInput]:
    """Every supported file under ``input_dir``, in order, with its hash and doc_id."""
    paths = discover(input_dir)
    if not paths:
        raise BatchError(f"{input_dir}: no supported files ({', '.join(SUPPORTED_SUFFIXES)})")
    doc_ids = assign_doc_ids(paths, input_dir)
    return [
        BatchInput(i, p, str(p.relative_to(input_dir)), _sha256(p), doc_ids[i])
        for i, p in enumerate(paths)
    ]


def _resume(
    journal_path: Path,
    inputs: list[BatchInput],
    phash: str,
    *,
    force: bool,
    retry_failed: bool,
) -> dict[str, dict[str, Any]]:
    """The journal's lines still valid (same content, pipeline and doc_id), by input; the
    journal is rewritten to hold only those."""
    by_rel = {x.rel: x for x in inputs}
    kept: dict[str, dict[str, Any]] = {}
    previous = journal.recover(journal_path)
    for row in previous:
        meta = row.get("meta") or {}
        item = by_rel.get(meta.get("input", ""))
        if (
            item is None
            or meta.get("content_sha256") != item.sha256
            or meta.get("pipeline_hash") != phash
        ):
            continue
        if row.get("doc_id") != item.doc_id:  # a new input now shares its stem: redo it
            continue
        if force or (retry_failed and row.get("error")):
            continue
        kept[item.rel] = row  # last line wins if a crash ever left two
    if len(kept) != len(previous):
        journal.rewrite(journal_path, kept.values())
    return kept


def _run_engine(
    tasks: list[tuple[int, str, str]],
    *,
    engine: str,
    scheduler: str | None,
    processor: str,
    workers: int,
    timeout: float,
    on_worker_peak: Callable[[int, float], None],
    options: dict[str, Any],
) -> Iterable[TaskResult]:
    """The tasks' results, from the local pool or from Dask (--engine dask or a scheduler)."""
    if engine == "dask" or scheduler:
        from extractor.batch.dask_engine import run_dask

        return run_dask(
            tasks, processor_spec=processor, workers=workers, timeout=timeout,
            scheduler=scheduler, on_worker_peak=on_worker_peak, options=options,
        )  # fmt: skip
    if engine == "local":
        return run_local(
            tasks, processor_spec=processor, workers=workers, timeout=timeout,
            on_worker_peak=on_worker_peak, options=options,
        )  # fmt: skip
    raise BatchError(f"unknown engine {engine!r} (local or dask)")


def _journal_results(
    journal_path: Path,
    results: Iterable[TaskResult],
    inputs: list[BatchInput],
    phash: str,
    kept: dict[str, dict[str, Any]],
    state: Progress,
    progress: ProgressCallback | None,
) -> None:
    """Append each result's line to the journal as it arrives, and count it."""
    with journal.Journal(journal_path) as jr:
        for result in results:
            item = inputs[result.index]
            row = _row_from_result(item, result, phash)
            jr.append(row)
            kept[item.rel] = row
            if row.get("error"):
                state.failed += 1
                state.failed_this_run += 1
            else:
                state.processed += 1
            if progress:
                progress(state, result)


def _run_counts(state: Progress, n_records: int, n_entities: int, elapsed: float) -> dict[str, Any]:
    return {
        "processed": state.processed,
        "skipped_already_done": state.skipped,
        "failed": state.failed,
        "failed_this_run": state.failed_this_run,
        "records": n_records,
        "entities": n_entities,
        "seconds": round(elapsed, 3),
        "docs_per_s_this_run": round(state.ran / elapsed, 3) if state.ran else None,
    }


def _run_setup(
    workers: int, engine: str, scheduler: str | None, timeout: float, peaks: dict[int, float]
) -> dict[str, Any]:
    """How the batch ran: workers, engine, timeout and each worker's peak memory."""
    return {
        "workers": workers,
        "engine": "dask" if (engine == "dask" or scheduler) else "local",
        "scheduler": scheduler,
        "timeout_s": timeout,
        "worker_peak_rss_mb": {str(k): round(v, 1) for k, v in sorted(peaks.items())},
        "max_worker_peak_rss_mb": round(max(peaks.values()), 1) if peaks else None,
    }


def _versions() -> dict[str, str]:
    return {
        "extractor": __version__,
        "schema": SCHEMA_VERSION,
        "python": platform.python_version(),
        **_library_versions(),
    }


def _library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("spacy", "scispacy", "pdfplumber", "pypdfium2", "dask", "distributed"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found
