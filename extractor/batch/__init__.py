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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor import SCHEMA_VERSION, __version__
from extractor.batch import journal, outputs
from extractor.batch.pool import TaskResult, default_workers, run_local
from extractor.batch.processors import DEFAULT_PROCESSOR
from extractor.errors import ExtractorError

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


@dataclass(slots=True)
class Progress:
    """Counters the CLI shows while the batch runs."""

    total: int = 0
    skipped: int = 0
    done: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)


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
    else:
        row = {
            "schema": SCHEMA_VERSION,
            "doc_id": item.path.stem,
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
) -> dict[str, Any]:
    """Run (or resume) a batch; returns the summary that is also written to summary.json."""
    t0 = time.perf_counter()
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    paths = discover(input_dir)
    if not paths:
        raise BatchError(f"{input_dir}: no supported files ({', '.join(SUPPORTED_SUFFIXES)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    phash = pipeline_hash()
    inputs = [BatchInput(i, p, str(p.relative_to(input_dir)), _sha256(p)) for i, p in enumerate(paths)]
    by_rel = {x.rel: x for x in inputs}

    journal_path = out_dir / DOCUMENTS
    kept: dict[str, dict[str, Any]] = {}
    previous = journal.recover(journal_path)
    for row in previous:
        meta = row.get("meta") or {}
        item = by_rel.get(meta.get("input", ""))
        if item is None or meta.get("content_sha256") != item.sha256 or meta.get("pipeline_hash") != phash:
            continue
        if force or (retry_failed and row.get("error")):
            continue
        kept[item.rel] = row  # last line wins if a crash ever left two
    if len(kept) != len(previous):
        journal.rewrite(journal_path, kept.values())

    todo = [x for x in inputs if x.rel not in kept]
    state = Progress(total=len(inputs), skipped=len(kept))
    if progress:
        progress(state, None)
    n_workers = workers or default_workers()
    peaks: dict[int, float] = {}

    def note_peak(pid: int, mb: float) -> None:
        peaks[pid] = max(peaks.get(pid, 0.0), mb)

    if todo:
        tasks = [(x.index, str(x.path)) for x in todo]
        if engine == "dask" or scheduler:
            from extractor.batch.dask_engine import run_dask

            results = run_dask(
                tasks, processor_spec=processor, workers=n_workers, timeout=timeout,
                scheduler=scheduler, on_worker_peak=note_peak,
            )  # fmt: skip
        elif engine == "local":
            results = run_local(
                tasks, processor_spec=processor, workers=n_workers, timeout=timeout,
                on_worker_peak=note_peak,
            )  # fmt: skip
        else:
            raise BatchError(f"unknown engine {engine!r} (local or dask)")
        with journal.Journal(journal_path) as jr:
            for result in results:
                item = inputs[result.index]
                row = _row_from_result(item, result, phash)
                jr.append(row)
                kept[item.rel] = row
                state.done += 1
                state.failed += bool(row.get("error"))
                if progress:
                    progress(state, result)

    docs = [kept[x.rel] for x in inputs if x.rel in kept]
    journal.rewrite(journal_path, docs)
    n_records = outputs.write_records_csv(out_dir / "records.csv", docs)
    n_entities = outputs.write_entities_parquet(out_dir / "entities.parquet", docs)
    n_errors = outputs.write_errors_csv(out_dir / "errors.csv", docs)
    elapsed = time.perf_counter() - t0
    summary: dict[str, Any] = {
        "input_dir": str(input_dir),
        "inputs": len(inputs),
        "processed": state.done,
        "skipped_already_done": state.skipped,
        "failed": n_errors,
        "failed_this_run": state.failed,
        "records": n_records,
        "entities": n_entities,
        "seconds": round(elapsed, 3),
        "docs_per_s_this_run": round(state.done / elapsed, 3) if state.done else None,
        "workers": n_workers,
        "engine": "dask" if (engine == "dask" or scheduler) else "local",
        "scheduler": scheduler,
        "timeout_s": timeout,
        "worker_peak_rss_mb": {str(k): round(v, 1) for k, v in sorted(peaks.items())},
        "max_worker_peak_rss_mb": round(max(peaks.values()), 1) if peaks else None,
        "pipeline_hash": phash,
        "versions": {
            "extractor": __version__,
            "schema": SCHEMA_VERSION,
            "python": platform.python_version(),
            **_library_versions(),
        },
    }
    outputs.write_summary(out_dir / "summary.json", summary)
    return summary


def _library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("spacy", "scispacy", "pdfplumber", "pypdfium2", "dask", "distributed"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found
