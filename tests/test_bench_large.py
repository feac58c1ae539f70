"""The large-input benchmark builds its inputs right and reports every stage (no speed asserted)."""

from __future__ import annotations

from extractor.benchmarks.large import bench_large, make_large_text
from tests.conftest import REVIEW_TEXT


def test_large_text_reaches_the_size_by_whole_copies() -> None:
    text = make_large_text("Abstract\nADMSCs lowered PASI.", 0.001)
    assert len(text.encode("utf-8")) >= 1000
    assert set(text.split("\n\n")) == {"Abstract\nADMSCs lowered PASI."}


def test_report_has_seconds_per_mb_for_each_size() -> None:
    got = bench_large((0.05, 0.1), REVIEW_TEXT, with_pipeline=False)
    sizes = [r["mb"] for r in got["sizes"]]
    assert sizes[0] >= 0.05 and sizes[1] >= 0.1 and sizes[0] < sizes[1]
    for row in got["sizes"]:
        assert row["chars"] > 0 and row["sections"] > 0
        assert row["ingest_s_per_mb"] >= 0 and row["ingest_cpu_s_per_mb"] >= 0
        assert "entities" not in row  # no pipeline asked for
