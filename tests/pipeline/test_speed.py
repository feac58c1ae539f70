from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.pipeline.speed import bench_pipeline


def test_bench_pipeline_reports_ratio_and_memory(nlp: Language, review_text: str) -> None:
    text = review_text[:8000]
    r = bench_pipeline([text, text], runs=1, nlp=nlp)
    assert set(r) == {
        "words",
        "pipeline_words_per_s",
        "tokenizer_words_per_s",
        "ratio",
        "peak_rss_mb",
    }
    assert r["words"] == 2 * len(text.split())
    assert r["ratio"] == pytest.approx(r["pipeline_words_per_s"] / r["tokenizer_words_per_s"])
    assert 0 < r["ratio"] < 1.5
    assert r["peak_rss_mb"] < 1024  # issue 4: peak memory under 1 GiB


def test_bench_pipeline_needs_text(nlp: Language) -> None:
    with pytest.raises(ValueError, match="at least one text"):
        bench_pipeline([], nlp=nlp)
