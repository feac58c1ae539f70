from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.pipeline.speed import bench_pipeline


def test_bench_pipeline_reports_ratio_and_memory(nlp: Language, review_text: str) -> None:
    text = review_text[:8000]
    r = bench_pipeline([text, text], runs=3, nlp=nlp, min_run_seconds=0.3)
    assert set(r) == {
        "words",
        "run_seconds",
        "tokenizer_run_seconds",
        "passes_per_run",
        "pipeline_words_per_s",
        "tokenizer_words_per_s",
        "ratio",
        "cpu_ratio",
        "peak_rss_mb",
    }
    assert r["words"] == 2 * len(text.split())
    assert len(r["run_seconds"]) == len(r["tokenizer_run_seconds"]) == 3
    per_run = sorted(
        t / p for t, p in zip(r["tokenizer_run_seconds"], r["run_seconds"], strict=True)
    )
    assert r["ratio"] == per_run[1]  # the median of the paired runs
    assert r["pipeline_words_per_s"] == pytest.approx(r["words"] / sorted(r["run_seconds"])[1])
    assert 0 < r["ratio"] < 1.5
    assert 0 < r["cpu_ratio"] < 1.5  # the same pairing in CPU time
    # each run alternates enough passes to last about min_run_seconds
    assert r["passes_per_run"] >= 1
    assert r["passes_per_run"] * (r["run_seconds"][0] + r["tokenizer_run_seconds"][0]) > 0.1
    assert r["peak_rss_mb"] < 1024  # issue 4: peak memory under 1 GiB


def test_bench_pipeline_needs_text(nlp: Language) -> None:
    with pytest.raises(ValueError, match="at least one text"):
        bench_pipeline([], nlp=nlp)
