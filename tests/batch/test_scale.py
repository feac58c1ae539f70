"""The scale benchmark's corpus generator and its alternating, median-of-repeats report."""

from __future__ import annotations

from pathlib import Path

from extractor.benchmarks.scale import bench_scaling, make_scale_corpus
from extractor.ingest import read_document
from tests.batch.test_batch import MAKE
from tests.conftest import REVIEW_TEXT


def test_corpus_is_deterministic_text_and_pdf(tmp_path: Path) -> None:
    a = make_scale_corpus(tmp_path / "a", n_docs=8, pdf_share=0.5, seed=3, review=REVIEW_TEXT)
    b = make_scale_corpus(tmp_path / "b", n_docs=8, pdf_share=0.5, seed=3, review=REVIEW_TEXT)
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    kinds = {p.suffix for p in a}
    assert kinds == {".txt", ".pdf"}
    for p in a:  # every generated file is a readable document with review text in it
        assert len(read_document(p).text.split()) > 50


def test_report_is_median_of_alternating_repeats(tmp_path: Path) -> None:
    make_scale_corpus(tmp_path / "c", n_docs=6, pdf_share=0.0, review=REVIEW_TEXT)
    got = bench_scaling(tmp_path / "c", (1, 2), repeat=2, processor=MAKE, measure_ceiling=False)
    assert got["repeat"] == 2
    for n in ("1", "2"):
        run = got["runs"][n]
        assert len(run["trials"]) == 2 and all(t["docs"] == 6 for t in run["trials"])
        rates = sorted(t["docs_per_s"] for t in run["trials"])
        assert run["docs_per_s"] == round(sum(rates) / 2, 3)  # median of two
    assert got["runs"]["1"]["speedup_vs_1"] == 1.0
    assert got["runs"]["2"]["speedup_vs_1"] == round(
        got["runs"]["2"]["docs_per_s"] / got["runs"]["1"]["docs_per_s"], 3
    )


def test_cpu_ceiling_counts_tasks_per_second(monkeypatch) -> None:
    import extractor.benchmarks.scale as scale

    monkeypatch.setattr(scale, "SPIN_N", 10_000)
    one, two = scale.cpu_ceiling(1, tasks_per_process=2), scale.cpu_ceiling(2, tasks_per_process=2)
    assert one > 0 and two > 0
