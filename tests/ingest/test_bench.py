"""Ingestion benchmarks: the figures are consistent with each other.

Speed itself is measured by ``extractor bench`` (README), never asserted here: a timed
assertion fails on a loaded CI machine without any change to the code."""

from __future__ import annotations

import pytest

from extractor.benchmarks.ingest import bench_pdf_ingestion, bench_text_ingestion
from tests.conftest import CORPUS, REVIEW_TEXT


def test_text_bench():
    got = bench_text_ingestion(REVIEW_TEXT, runs=1)
    assert got["chars"] == len(REVIEW_TEXT.read_text("utf-8"))
    assert got["docs_per_s"] > 0
    assert got["chars_per_s"] == pytest.approx(got["chars"] * got["docs_per_s"])


@pytest.mark.slow
def test_pdf_bench_figures_are_consistent():
    got = bench_pdf_ingestion(CORPUS / "pdf" / "fimmu-2025-1617157.pdf", runs=1)
    assert got["pages"] == 9
    assert got["ratio"] == pytest.approx(
        got["baseline_seconds_median"] / got["ours_seconds_median"]
    )
    assert got["ours_pages_per_s"] == pytest.approx(9 / got["ours_seconds_median"])
