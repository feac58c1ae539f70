"""Throughput of the pipeline as a ratio to the bare scispaCy tokenizer, measured in one run.

A ratio is stable across machines where absolute words/s are not; the issue's target is
``ratio >= 0.4`` with peak RSS under 1 GiB.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import psutil
from spacy.language import Language

from extractor.pipeline import load_pipeline


def _best_time(fn: Any, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench_pipeline(
    texts: Sequence[str], runs: int = 3, nlp: Language | None = None
) -> dict[str, float | int]:
    """Best-of-``runs`` words/s of tokenizer alone and of the full pipeline on ``texts``.

    Returns keys ``words`` (whitespace-separated words in ``texts``),
    ``pipeline_words_per_s``, ``tokenizer_words_per_s``, ``ratio`` (pipeline / tokenizer)
    and ``peak_rss_mb`` (this process's peak resident set size after the runs).
    """
    if not texts:
        raise ValueError("bench_pipeline needs at least one text")
    nlp = nlp or load_pipeline()
    words = sum(len(t.split()) for t in texts)
    nlp(texts[0][:2000])  # warm lazy tables outside the timed runs

    def tokenize() -> None:
        for t in texts:
            nlp.make_doc(t)

    def full() -> None:
        for t in texts:
            nlp(t)

    tok_s = _best_time(tokenize, runs)
    pipe_s = _best_time(full, runs)
    mem = psutil.Process().memory_info()
    peak = getattr(mem, "peak_wset", None) or _peak_rss_linux() or mem.rss
    return {
        "words": words,
        "pipeline_words_per_s": words / pipe_s,
        "tokenizer_words_per_s": words / tok_s,
        "ratio": tok_s / pipe_s,
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
