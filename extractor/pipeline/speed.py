"""Throughput of the pipeline as a ratio to the bare scispaCy tokenizer, measured in one run.

A ratio is stable across machines where absolute words/s are not; the issue's target is
``ratio >= 0.4`` with peak RSS under 1 GiB. Both passes are timed in one process, run by run.
"""

from __future__ import annotations

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


def bench_pipeline(
    texts: Sequence[str], runs: int = 3, nlp: Language | None = None
) -> dict[str, Any]:
    """Words/s of the tokenizer alone and of the full pipeline on ``texts``, interleaved.

    Each run times the tokenizer pass and then the pipeline pass back to back, so both see
    the same machine state; on a shared (virtualised) CPU, throughput drifts by tens of
    percent within a minute, and a ratio of figures taken minutes apart inherits that drift.
    ``ratio`` is the median over runs of (tokenizer seconds / pipeline seconds). A pipeline
    loaded here is loaded as the CLI and batch workers load it (``freeze_gc=True``), so a
    full garbage collection landing in one run does not walk the lexicon index.

    Returns keys ``words`` (whitespace-separated words in ``texts``), ``run_seconds`` and
    ``tokenizer_run_seconds`` (per run), ``pipeline_words_per_s`` and
    ``tokenizer_words_per_s`` (from the median run), ``ratio``, and ``peak_rss_mb`` (this
    process's peak resident set size after the runs).
    """
    if not texts:
        raise ValueError("bench_pipeline needs at least one text")
    nlp = nlp or load_pipeline(freeze_gc=True)
    words = sum(len(t.split()) for t in texts)
    for t in texts:  # warm lazy tables and regex caches outside the timed runs
        nlp(t)

    def tokenize() -> None:
        for t in texts:
            nlp.make_doc(t)

    def full() -> None:
        for t in texts:
            nlp(t)

    tok_s: list[float] = []
    pipe_s: list[float] = []
    for _ in range(max(1, runs)):
        tok_s.append(_seconds(tokenize))
        pipe_s.append(_seconds(full))
    mem = psutil.Process().memory_info()
    peak = getattr(mem, "peak_wset", None) or _peak_rss_linux() or mem.rss
    return {
        "words": words,
        "run_seconds": pipe_s,
        "tokenizer_run_seconds": tok_s,
        "pipeline_words_per_s": words / statistics.median(pipe_s),
        "tokenizer_words_per_s": words / statistics.median(tok_s),
        "ratio": statistics.median(t / p for t, p in zip(tok_s, pipe_s, strict=True)),
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
