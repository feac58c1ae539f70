"""``extractor bench``: stage measurements, baseline ratios, missing stages, the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.benchmarks import pipeline as bench
from extractor.benchmarks import stages, timing
from extractor.cli import app

SENTENCE = "Adipose-derived MSCs (5 × 10^6 cells/kg) lowered TNF-α and IL-17A in patients.\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus" / "text"
    d.mkdir(parents=True)
    (d / "a.txt").write_text(SENTENCE * 20, encoding="utf-8")
    (d / "b.txt").write_text(SENTENCE * 5, encoding="utf-8")
    return tmp_path / "corpus"


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timing, "MIN_RUN_S", 0.01)


def test_text_baseline_counts_what_it_read(corpus: Path) -> None:
    r = bench.run_stage("text_ingest_baseline", corpus, runs=3)
    words = len(SENTENCE.split()) * 25
    assert (r["status"], r["documents"], r["words"], r["runs"]) == ("ok", 2, words, 3)
    assert r["words_per_s"] == pytest.approx(words / r["median_s"])
    assert r["median_s"] == sorted(r["run_seconds"])[1]
    assert 10 < r["peak_rss_mib"] < 4096


def test_tokenizer_baseline_runs_the_scispacy_tokenizer(corpus: Path) -> None:
    r = bench.run_stage("pipeline_baseline", corpus, runs=1)
    assert (r["status"], r["documents"], r["measured_by"]) == (
        "ok",
        2,
        "spacy.blank('en') + scispacy combined_rule_tokenizer",
    )


def test_missing_pdfs_are_reported_not_faked(corpus: Path) -> None:
    assert bench.run_stage("pdf_ingest_baseline", corpus, runs=1) == {
        "stage": "pdf_ingest_baseline",
        "status": "missing",
        "reason": f"no .pdf files under {corpus}",
    }


def test_ratios_divide_like_for_like() -> None:
    stages = {
        "pipeline": {"status": "ok", "docs_per_s": 2.0, "words_per_s": 3000.0},
        "pipeline_baseline": {"status": "ok", "docs_per_s": 8.0, "words_per_s": 6000.0},
        "pdf_ingest": {"status": "ok", "docs_per_s": 1.0, "pages_per_s": 10.0},
        "pdf_ingest_baseline": {"status": "missing"},
    }
    assert bench.ratios(stages) == {"pipeline": {"docs_per_s": 0.25, "words_per_s": 0.5}}


def test_cli_writes_bench_json(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    res = CliRunner().invoke(
        app,
        [
            "bench",
            "--runs",
            "1",
            "--corpus",
            str(corpus),
            "--out",
            str(out),
            "--stage",
            "text_ingest_baseline",
            "--stage",
            "pdf_ingest",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data["stages"]) == ["text_ingest_baseline", "pdf_ingest"]
    assert data["stages"]["text_ingest_baseline"]["status"] == "ok"  # measured in a child
    assert data["stages"]["pdf_ingest"]["status"] == "missing"
    assert data["machine"]["nproc"] >= 1 and data["runs"] == 1
    assert f"pdf_ingest: missing: no .pdf files under {corpus}" in res.output


def test_cli_rejects_a_missing_corpus(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["bench", "--corpus", str(tmp_path / "nope")])
    assert (res.exit_code, res.output.strip()) == (
        2,
        f"error: {tmp_path / 'nope'}: corpus directory not found",
    )


def test_pdf_baseline_counts_pages(corpus: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = corpus / "pdf" / "two-pages.pdf"
    pdf.parent.mkdir()
    c = canvas.Canvas(str(pdf), pagesize=A4)
    for page in range(2):
        c.drawString(72, 720, f"Page {page + 1}: keratinocytes and fibroblasts were treated.")
        c.showPage()
    c.save()
    r = bench.run_stage("pdf_ingest_baseline", corpus, runs=1)
    # 7 words a page
    assert (r["status"], r["documents"], r["pages"], r["words"]) == ("ok", 1, 2, 14)
    assert r["pages_per_s"] == pytest.approx(2 / r["median_s"])


def test_measuring_functions_of_other_modules_are_adopted() -> None:
    # Shapes returned by extractor.benchmarks.ingest: medians per file, summed over the corpus.
    got = bench._adopt(
        "m",
        [
            {"runs": 3, "seconds_median": 0.25, "chars": 10},
            {"runs": 3, "ours_seconds_median": 0.5, "ratio": 9.0},
        ],
    )
    assert (got["run_seconds"], got["runs_inside"]) == ([0.75], 3)
    per_run = bench._adopt("m", [{"run_seconds": [1.0, 3.0]}, {"run_seconds": [2.0, 2.0]}])
    assert per_run["run_seconds"] == [3.0, 5.0]
    with pytest.raises(bench.StageMissing, match="m returned no per-run seconds"):
        bench._adopt("m", [{"chars": 10}])


def test_text_stage_runs_the_toolkit_reader(corpus: Path) -> None:
    r = bench.run_stage("text_ingest", corpus, runs=1)
    assert (r["status"], r["documents"], r["words"]) == ("ok", 2, len(SENTENCE.split()) * 25)


def test_markdown_table_names_machine_and_ratio() -> None:
    result = {
        "when": "2026-01-01T10:00:00+00:00",
        "runs": 3,
        "corpus": "corpus",
        "machine": {"nproc": 2, "cpu": "CPU X", "mem_gib": 8.0, "python": "3.11.7"},
        "stages": {
            "pipeline": {
                "status": "ok",
                "measured_by": "f",
                "docs_per_s": 1.0,
                "words_per_s": 500.0,
                "peak_rss_mib": 100.4,
            },
            "pipeline_baseline": {
                "status": "ok",
                "measured_by": "tok",
                "docs_per_s": 2.0,
                "words_per_s": 2000.0,
                "peak_rss_mib": 90.0,
            },
            "pdf_ingest": {"status": "missing", "reason": "no .pdf files under corpus"},
        },
        "ratios": {"pipeline": {"docs_per_s": 0.5, "words_per_s": 0.25}},
    }
    assert bench.markdown_table(result).splitlines()[-3:] == [
        "| pipeline | `f` | 1.00 | 500 | – | 100 | 0.250 (words/s) |",
        "| pipeline_baseline | `tok` | 2.00 | 2,000 | – | 90 | baseline |",
        "| pdf_ingest | missing: no .pdf files under corpus | | | | | |",
    ]
    assert "on 2 cores (CPU X)" in bench.markdown_table(result)


def test_gc_freeze_benchmark_reports_paired_ratios(corpus: Path) -> None:
    from extractor.benchmarks.gc_freeze import measure

    out = measure(corpus, runs=3, freeze=False)  # in-process: never freeze the test session
    assert out["freeze_gc"] is False and len(out["ratios"]) == 3
    assert all(0 < r < 10 for r in out["ratios"])
    assert out["min"] <= out["interquartile"][0] <= out["median"] <= out["interquartile"][1]
    assert out["interquartile"][1] <= out["max"]
    assert out["full_collection_ms"] > 0


@pytest.fixture(scope="module")
def shipped_nlp() -> Any:
    from extractor.pipeline import load_pipeline

    return load_pipeline()


def test_extract_stage_is_paired_with_the_tokenizer_and_quoted_by_that_ratio(
    corpus: Path, shipped_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.pipeline as pipeline

    # the stage loads with freeze_gc=True (process-wide): never in the test session
    monkeypatch.setattr(pipeline, "load_pipeline", lambda **_: shipped_nlp)
    monkeypatch.setattr(stages, "EXTRACT_MIN_RUN_S", 0.05)
    r = bench.run_stage("extract", corpus, runs=2)
    assert (r["status"], r["documents"], r["runs"]) == ("ok", 2, 2)
    assert r["words"] == len(SENTENCE.split()) * 25
    assert len(r["tokenizer_run_seconds"]) == 2 and r["passes_per_run"] >= 1
    # a whole extraction (ingest, entities, records) costs more than tokenising the text
    assert 0 < r["paired_ratio"] < 1
    assert 0 < r["cpu_ratio"] < 1  # the same pairing in CPU time
    base = {"status": "ok", "docs_per_s": 1.0, "words_per_s": 1.0}
    got = bench.ratios({"extract": r, "pipeline_baseline": base})["extract"]
    assert got["words_per_s"] == r["paired_ratio"]


def test_pipeline_stage_is_paired_with_the_plain_scispacy_tokenizer(
    corpus: Path, shipped_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.pipeline as pipeline

    monkeypatch.setattr(pipeline, "load_pipeline", lambda **_: shipped_nlp)
    monkeypatch.setattr(stages, "EXTRACT_MIN_RUN_S", 0.05)
    made: list[Any] = []
    real = stages.scispacy_tokenizer
    monkeypatch.setattr(stages, "scispacy_tokenizer", lambda: made.append(real()) or made[-1])
    r = bench.run_stage("pipeline", corpus, runs=2)
    assert (r["status"], r["documents"], r["runs"], r["statistic"]) == ("ok", 2, 2, "median")
    # the baseline is scispaCy's own tokenizer in a blank pipeline, not the pipeline's
    assert len(made) == 1 and made[0].pipe_names == [] and made[0] is not shipped_nlp
    assert 0 < r["paired_ratio"] < 1 and 0 < r["cpu_ratio"] < 1
    got = bench.ratios({"pipeline": r, "pipeline_baseline": {"status": "ok", "docs_per_s": 1.0}})
    assert got["pipeline"]["words_per_s"] == r["paired_ratio"]


def test_extract_pass_is_what_extract_writes(
    tmp_path: Path, shipped_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timed pass is the CLI's work: the same entities and records per file."""
    import extractor.extract as extract

    seen: list[Any] = []
    real = extract.process_document
    monkeypatch.setattr(extract, "process_document", lambda d, n: seen.append(real(d, n)))
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    bench.bench_extract([tmp_path / "a.txt"], 1, shipped_nlp, min_run_seconds=0)
    monkeypatch.undo()
    want = extract.process_path(tmp_path / "a.txt", shipped_nlp)
    assert len(seen) == 2  # the warm-up pass and one timed pass
    assert all(x.to_dict() == want.to_dict() for x in seen)
    assert [e.label for e in want.entities] == ["CELL", "DOSE", "CYTOKINE", "CYTOKINE"]


def test_each_timed_pass_meets_its_text_as_new(
    tmp_path: Path, shipped_nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before every pass the memos keyed by words and phrases of texts already read are
    empty, so repeating one document does not flatter the figure."""
    import extractor.extract as extract
    from extractor.normalize.folding import fold_atom

    index = shipped_nlp.get_pipe("extractor_lexicon").index
    before: list[tuple[int, int]] = []
    real = extract.process_document

    def spy(d: Any, n: Any) -> Any:
        before.append((fold_atom.cache_info().currsize, len(index._verdicts)))
        return real(d, n)

    monkeypatch.setattr(extract, "process_document", spy)
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    shipped_nlp(SENTENCE)  # the memos hold this text's words before the bench starts
    assert fold_atom.cache_info().currsize > 0 and index._verdicts
    bench.bench_extract([tmp_path / "a.txt"], 1, shipped_nlp, min_run_seconds=0)
    assert before == [(0, 0), (0, 0)]
    assert fold_atom.cache_info().currsize > 0  # and the pass filled them again
