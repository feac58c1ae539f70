"""Reading a report's input: folder, file, curated export; renderings; lines that fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.report.load import ReportInputError, load

from .conftest import mice_line, trial_line, write_batch


def test_folder_and_file_give_the_same_studies(small_batch: Path) -> None:
    a, b = load(small_batch), load(small_batch / "documents.jsonl")
    assert [s.key for s in a.studies] == [s.key for s in b.studies]
    assert [s.key for s in a.studies] == ["trial/smith-2020", "mice/lee-2019", "mice/park-2021"]


def test_failed_documents_and_bad_lines_are_listed_and_the_rest_is_read(small_batch: Path) -> None:
    inp = load(small_batch)
    failed = {p.doc_id: p.error for p in inp.failed}
    assert failed["broken"] == "papers/broken.pdf: not a PDF file"
    assert failed["documents.jsonl:4"].startswith("not valid JSON")
    assert len(inp.studies) == 3


def test_one_paper_in_three_renderings_counts_once_and_jats_is_read(tmp_path: Path) -> None:
    text, pdf, jats = trial_line(), trial_line(), trial_line()
    pdf["meta"], jats["meta"] = {"format": "pdf"}, {"format": "jats"}
    pdf["source"], jats["source"] = "papers/trial.pdf", "papers/trial.xml"
    inp = load(write_batch(tmp_path, [pdf, text, jats], bad_line=False))
    assert len(inp.studies) == 1
    assert inp.studies[0].paper.source == "papers/trial.xml"
    assert inp.studies[0].paper.renderings == 3


def test_renderings_named_by_the_batch_are_one_paper(tmp_path: Path) -> None:
    """The batch names one paper's renderings x.txt, x.pdf, x.xml (assign_doc_ids)."""
    from extractor.extract import assign_doc_ids

    names = ["papers/trial.txt", "papers/trial.pdf", "papers/trial.xml", "papers/mice.xml"]
    ids = assign_doc_ids(names)
    assert ids == ["trial.txt", "trial.pdf", "trial.xml", "mice"]
    lines = [trial_line(), trial_line(), trial_line(), mice_line()]
    for line, doc_id, fmt in zip(lines, ids, ["text", "pdf", "jats", "jats"], strict=True):
        line.update(doc_id=doc_id, meta={"format": fmt})
    inp = load(write_batch(tmp_path, lines, bad_line=False))
    assert [s.key for s in inp.studies] == ["trial/smith-2020", "mice/lee-2019", "mice/park-2021"]
    assert inp.studies[0].paper.doc_id == "trial.xml"
    assert [p.renderings for p in inp.papers] == [3, 1]


def test_a_failed_rendering_gives_way_to_one_that_worked(tmp_path: Path) -> None:
    bad = trial_line()
    bad.update(error="papers/trial.xml: not XML", records=[], meta={"format": "jats"})
    inp = load(write_batch(tmp_path, [bad, trial_line()], bad_line=False))
    assert [s.paper.source for s in inp.studies] == ["papers/trial.txt"]
    assert inp.failed == ()


def test_a_record_that_cannot_be_read_is_named_and_skipped(tmp_path: Path) -> None:
    line = mice_line()
    line["records"].insert(0, {"first_author": "no study id"})
    inp = load(write_batch(tmp_path, [line], bad_line=False))
    assert [s.record.study_id for s in inp.studies] == ["lee-2019", "park-2021"]
    assert inp.problems == ("mice: record 1 unreadable (KeyError: 'study_id')",)


def test_same_study_id_twice_in_one_paper_keeps_both(tmp_path: Path) -> None:
    line = mice_line()
    line["records"][1]["study_id"] = "lee-2019"
    inp = load(write_batch(tmp_path, [line], bad_line=False))
    assert [s.key for s in inp.studies] == ["mice/lee-2019", "mice/lee-2019#2"]


def test_bibliography_may_be_absent(tmp_path: Path) -> None:
    line = mice_line()
    del line["bibliography"]
    inp = load(write_batch(tmp_path, [line], bad_line=False))
    assert inp.studies[0].paper.bibliography.title is None


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "nothing-here", "no such file or folder"),
        (lambda p: p, "folder has no documents.jsonl (not a batch output folder)"),
        (
            lambda p: (p / "empty.jsonl").write_text("\n") and p / "empty.jsonl",
            "holds no documents",
        ),
    ],
)
def test_input_that_cannot_make_a_report_is_one_line_naming_it(
    tmp_path: Path, make, message
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(ReportInputError) as err:
        load(path)
    assert str(err.value) == f"{path}: {message}"


def test_curated_export_carries_the_curators_correction(tmp_path: Path) -> None:
    from extractor.web.actions import field_change
    from extractor.web.export import export_jsonl
    from extractor.web.store import EventStore

    docs = write_batch(tmp_path / "batch", [trial_line(), mice_line()], bad_line=False)
    store = EventStore(tmp_path / "curation.sqlite")
    store.load_documents(docs)
    st = store.state("trial")
    store.apply("trial", [field_change(st, "r0", "sample_size", "14", 0)], "ann")
    out = tmp_path / "curated.jsonl"
    export_jsonl(store, out)
    assert json.loads(out.read_text().splitlines()[0])["meta"]["curation"]["curators"] == ["ann"]
    studies = {s.record.study_id: s.record for s in load(out).studies}
    assert studies["smith-2020"].sample_size == 14
    assert studies["lee-2019"].sample_size is None


def test_odd_values_are_typed_or_left_out_and_named(tmp_path: Path) -> None:
    line = trial_line()
    rec = line["records"][0]
    rec.update(year="2020", sample_size="many", ref=3.0, disease=7, cells=[1])
    rec["outcomes"] = [{"measure": None, "baseline": "n/a", "final": 4}]
    rec["cytokines"] = [{"name": "IL-6", "direction": "sideways"}]
    inp = load(write_batch(tmp_path, [line], bad_line=False))
    r = inp.studies[0].record
    assert (r.year, r.sample_size, r.ref, r.disease, r.cells) == (2020, None, 3, "7", ("1",))
    assert [(o.measure, o.baseline, o.final) for o in r.outcomes] == [("None", None, 4.0)]
    assert [(c.name, c.direction) for c in r.cytokines] == [("IL-6", None)]
    assert inp.problems == (
        "trial: smith-2020: sample_size 'many' is not a whole number; left out",
        "trial: smith-2020: None baseline 'n/a' is not a number; left out",
    )


def test_a_byte_order_mark_is_not_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("\ufeff" + json.dumps(mice_line(), ensure_ascii=False) + "\n", "utf-8")
    inp = load(path)
    assert inp.failed == () and len(inp.studies) == 2
