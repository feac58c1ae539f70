"""Throughput of the pipeline as a ratio to the bare scispaCy tokenizer, measured in one run.

A ratio is stable across machines where absolute words/s are not; the issue's target is
``ratio >= 0.4`` with peak RSS under 1 GiB. Both passes are timed in one process, run by run.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Sequence
from typing import Any

import psutil
from spacy.language import Language

from extractor.pipeline import load_pipeline


def _seconds(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def wall_and_cpu(fn: Any) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def paired_runs(
    baseline: Any, measured: Any, runs: int, passes: int
) -> tuple[list[float], list[float], list[float], list[float]]:
    """Per run, ``passes`` alternating calls of ``baseline`` and ``measured``: mean wall
    seconds of one pass of each, and total CPU seconds of each, so both see the same machine
    state. Returns (baseline wall, measured wall, baseline CPU, measured CPU), one per run."""
    base_s: list[float] = []
    meas_s: list[float] = []
    base_cpu: list[float] = []
    meas_cpu: list[float] = []
    for _ in range(max(1, runs)):
        base_t = meas_t = base_c = meas_c = 0.0
        for _ in range(passes):
            wall, cpu = wall_and_cpu(baseline)
            base_t, base_c = base_t + wall, base_c + cpu
            wall, cpu = wall_and_cpu(measured)
            meas_t, meas_c = meas_t + wall, meas_c + cpu
        base_s.append(base_t / passes)
        meas_s.append(meas_t / passes)
        base_cpu.append(base_c)
        meas_cpu.append(meas_c)
    return base_s, meas_s, base_cpu, meas_cpu


def cpu_ratio(tok_cpu: Sequence[float], other_cpu: Sequence[float]) -> float:
    """Median over runs of tokenizer CPU seconds / other CPU seconds: what the wall-clock
    ratio would be on an idle machine (CPU time leaves out the time other processes took
    the core), the figure to compare before and after a change on a shared one."""
    return statistics.median(t / p for t, p in zip(tok_cpu, other_cpu, strict=True) if p > 0)


def bench_pipeline(
    texts: Sequence[str],
    runs: int = 3,
    nlp: Language | None = None,
    min_run_seconds: float = 1.0,
) -> dict[str, Any]:
    """Words/s of the tokenizer alone and of the full pipeline on ``texts``, interleaved.

    Each run alternates a tokenizer pass and a pipeline pass over ``texts``, as many times as
    it takes the run to last ``min_run_seconds`` (one pass over a single paper is ~0.2 s, short
    enough for one hiccup of a shared virtual CPU to move it by half), so both sides see the
    same machine state, averaged. ``ratio`` is the median over runs of (tokenizer seconds /
    pipeline seconds). A pipeline loaded here is loaded as the CLI and batch workers load it
    (``freeze_gc=True``), so a full garbage collection does not walk the lexicon index.

    Returns keys ``words`` (whitespace-separated words in ``texts``), ``run_seconds`` and
    ``tokenizer_run_seconds`` (per run: mean seconds of one pass), ``passes_per_run``,
    ``pipeline_words_per_s`` and ``tokenizer_words_per_s`` (from the median run), ``ratio``,
    ``cpu_ratio`` (the same pairing in CPU time, see :func:`cpu_ratio`) and ``peak_rss_mb``
    (this process's peak resident set size after the runs).
    """
    if not texts:
        raise ValueError("bench_pipeline needs at least one text")
    nlp = nlp or load_pipeline(freeze_gc=True)
    words = sum(len(t.split()) for t in texts)

    def tokenize() -> None:
        for t in texts:
            nlp.make_doc(t)

    def full() -> None:
        for t in texts:
            nlp(t)

    warm = _seconds(full)  # also warms lazy tables and regex caches outside the timed runs
    passes = max(1, math.ceil(min_run_seconds / max(warm + _seconds(tokenize), 1e-6)))
    tok_s, pipe_s, tok_cpu, pipe_cpu = paired_runs(tokenize, full, runs, passes)
    mem = psutil.Process().memory_info()
    peak = getattr(mem, "peak_wset", None) or _peak_rss_linux() or mem.rss
    return {
        "words": words,
        "run_seconds": pipe_s,
        "tokenizer_run_seconds": tok_s,
        "passes_per_run": passes,
        "pipeline_words_per_s": words / statistics.median(pipe_s),
        "tokenizer_words_per_s": words / statistics.median(tok_s),
        "ratio": statistics.median(t / p for t, p in zip(tok_s, pipe_s, strict=True)),
        "cpu_ratio": cpu_ratio(tok_cpu, pipe_cpu),
        "peak_rss_mb": peak / 2**20,
    }


def _peak_rss_linux() -> int | None:
    # VmHWM is the kernel's high-water mark of resident memory for this process.
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
