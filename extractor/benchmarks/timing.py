"""What every ``extractor bench`` stage shares: the corpus, the timer, and reading another
module's measuring function (a stage that finds none reports :class:`StageMissing`)."""

from __future__ import annotations

import importlib
import math
import resource
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt", ".md")
PDF_SUFFIXES = (".pdf",)
JATS_SUFFIXES = (".xml", ".nxml")
MIN_RUN_S = 0.2


class StageMissing(Exception):
    """The code a stage measures is not in the tree (yet); the message says what is missing."""


# --------------------------------------------------------------------------- corpus


def corpus_files(corpus: Path, suffixes: Sequence[str]) -> list[Path]:
    """Files under ``corpus`` with one of ``suffixes``, sorted for a reproducible order."""
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def _words(text: str) -> int:
    return len(text.split())


def _peak_rss_mib() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[], Any], runs: int) -> tuple[Any, list[float]]:
    """One untimed warm-up call, then ``runs`` timed runs; returns the last result and the
    seconds per call of each run.

    A call faster than MIN_RUN_S (reading one text file takes well under a millisecond) is
    repeated within a run until the run lasts that long, so that timer resolution and
    scheduler noise do not dominate the figure.
    """
    t0 = time.perf_counter()
    result = fn()
    warm = time.perf_counter() - t0
    reps = max(1, math.ceil(MIN_RUN_S / warm)) if warm > 0 else 1000
    times: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(reps):
            result = fn()
        times.append((time.perf_counter() - t0) / reps)
    return result, times


def _optional(module: str, attr: str) -> Callable[..., Any] | None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name and (module == err.name or module.startswith(err.name + ".")):
            return None
        raise
    fn = getattr(mod, attr, None)
    return fn if callable(fn) else None


def _seconds_from(result: Any) -> list[float] | None:
    """Per-run seconds from another module's bench result, if it reports them recognisably."""
    if isinstance(result, dict):
        for key in ("run_seconds", "runs_s", "seconds", "times", "times_s"):
            v = result.get(key)
            if isinstance(v, list) and v and all(isinstance(x, (int, float)) for x in v):
                return [float(x) for x in v]
        for key in ("median_s", "median_seconds", "seconds_median", "ours_seconds_median"):
            v = result.get(key)
            if isinstance(v, (int, float)):
                return [float(v)]
    if isinstance(result, list) and result and all(isinstance(x, (int, float)) for x in result):
        return [float(x) for x in result]
    return None


def _seconds(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _adopt(name: str, results: list[Any]) -> dict[str, Any]:
    """Per-file results of another module's bench function -> seconds per corpus pass.

    Where a function reports only a median per file, the pass time is the sum of the files'
    medians (one figure, ``runs`` says how many passes each median summarises).
    """
    per_file = [_seconds_from(r) for r in results]
    if not results or any(t is None for t in per_file):
        got = repr(results[0])[:300] if results else "nothing"
        raise StageMissing(f"{name} returned no per-run seconds (got {got})")
    n = min(len(t) for t in per_file if t is not None)
    times = [sum(t[k] for t in per_file if t is not None) for k in range(n)]
    out: dict[str, Any] = {"measured_by": name, "run_seconds": times}
    inner = [r.get("runs") for r in results if isinstance(r, dict)]
    counts = [x for x in inner if isinstance(x, int)]
    if n == 1 and counts and len(counts) == len(inner):
        out["runs_inside"] = min(counts)
    out["reported"] = [
        {k: v for k, v in r.items() if isinstance(v, (int, float, str))}
        for r in results
        if isinstance(r, dict)
    ]
    return out
