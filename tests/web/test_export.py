"""Export: curated state back to SCHEMA §5 that the gold checker accepts and the scorer reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.evaluate.scoring import score_documents
from extractor.gold.check import check_file
from extractor.io import read_jsonl
from extractor.web.actions import (
    add_entity_change,
    entity_change,
    field_change,
    record_status_change,
)
from extractor.web.export import curated_document, export_jsonl
from extractor.web.store import EventStore, Invalid

from .conftest import trial_doc


def curate(store: EventStore) -> None:
    """A curator's session: fix a label, reject a span, add one, fix a field, confirm."""
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e8", "relabel", 0, label="CYTOKINE")], "ann")
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e8", "norm", 1, norm="IL-6")], "ann")
    store.apply("trial-a", [entity_change(st, "e0", "reject", 0)], "ann")
    store.apply("trial-a", [entity_change(st, "e3", "accept", 0)], "ann")
    st = store.state("trial-a")
    s = st.text.index("seven patients") + len("seven ")
    _, ch = add_entity_change(st, s, s + len("patients"), "CELL")
    store.apply("trial-a", [ch], "bob")
    st = store.state("trial-a")
    store.apply("trial-a", [field_change(st, "r0", "sample_size", "8", 0)], "ann")
    store.apply("trial-a", [record_status_change(store.state("trial-a"), "r0", "accept", 0)], "ann")


def test_export_is_valid_gold_and_carries_the_corrections(
    store: EventStore, tmp_path: Path
) -> None:
    curate(store)
    out = tmp_path / "curated.jsonl"
    stats = export_jsonl(store, out)
    assert stats.problems == ()
    assert check_file(out) == []
    docs = {d["doc_id"]: d for d in read_jsonl(out)}
    assert set(docs) == {"trial-a", "xss-doc"}  # the failed document is not gold
    trial = docs["trial-a"]
    labels = {(e["text"], e["label"]) for e in trial["entities"]}
    assert ("IL-6", "CYTOKINE") in labels and ("patients", "CELL") in labels
    assert [e["text"] for e in trial["entities"]].count("UC-MSCs") == 1  # e0 rejected
    assert all("status" not in e and "confidence" not in e for e in trial["entities"])
    assert trial["records"][0]["sample_size"] == 8
    assert trial["meta"]["curation"]["curators"] == ["ann", "bob"]
    assert trial["meta"]["pipeline_hash"] == "abc123"


def test_confirmed_only_keeps_what_a_curator_touched(store: EventStore, tmp_path: Path) -> None:
    curate(store)
    out = tmp_path / "confirmed.jsonl"
    export_jsonl(store, out, confirmed_only=True)
    docs = list(read_jsonl(out))
    assert [d["doc_id"] for d in docs] == ["trial-a"]
    assert [e["text"] for e in docs[0]["entities"]] == ["patients", "PASI", "IL-6"]
    assert len(docs[0]["records"]) == 1
    assert check_file(out) == []


def test_scorer_reads_the_export_against_the_pipeline_output(
    store: EventStore, tmp_path: Path
) -> None:
    curate(store)
    export_jsonl(store, tmp_path / "gold.jsonl")
    gold = list(read_jsonl(tmp_path / "gold.jsonl"))
    pred = [trial_doc()]
    scores = score_documents(gold[:1], pred)
    # gold: 9 pipeline spans - the rejected UC-MSCs + the added "patients"; IL-6 relabelled.
    # Against it the pipeline has 7 right, IL-6 wrongly labelled, "patients" missed and the
    # rejected span spurious.
    m = scores["entities"]["strict"]["micro"]
    assert (m["correct"], m["incorrect"], m["missed"], m["spurious"]) == (7, 1, 1, 1)
    assert scores["documents"]["scored"] == 1


def test_overlapping_pipeline_spans_export_flat(tmp_path: Path) -> None:
    doc = trial_doc()
    s = doc["text"].index("HaCaT cells")
    doc["entities"].append(
        {"start": s, "end": s + 5, "label": "CELL", "text": "HaCaT", "norm": "HaCaT"}
    )
    p = tmp_path / "in.jsonl"
    p.write_text(__import__("json").dumps(doc) + "\n", encoding="utf-8")
    store = EventStore(tmp_path / "c.sqlite")
    store.load_documents(p)
    out, dropped = curated_document(store.state("trial-a"))
    assert dropped == 1
    assert [e["text"] for e in out["entities"] if e["start"] == s] == ["HaCaT cells"]


def test_incomplete_record_cannot_be_accepted(store: EventStore) -> None:
    st = store.state("trial-a")
    store.apply("trial-a", [field_change(st, "r0", "design", "", 0)], "ann")
    with pytest.raises(Invalid, match="cannot accept chen yet: design"):
        record_status_change(store.state("trial-a"), "r0", "accept", 0)


def test_dose_without_value_stays_pending(store: EventStore) -> None:
    st = store.state("trial-a")
    s = st.text.index("seven")
    eid, ch = add_entity_change(st, s, s + 5, "DOSE")  # words, not a number: no parsed value
    store.apply("trial-a", [ch], "ann")
    e = store.state("trial-a").states[f"entity:{eid}"]
    assert (e["norm"], e["status"]) == ([], "pending")
    with pytest.raises(Invalid, match="needs its value"):
        entity_change(store.state("trial-a"), eid, "accept", 1)
    store.apply("trial-a", [entity_change(store.state("trial-a"), eid, "norm", 1, norm="7")], "ann")
    e = store.state("trial-a").states[f"entity:{eid}"]
    assert (e["norm"][0]["low"], e["status"]) == (7.0, "accepted")


GOLD_FILES = sorted((Path(__file__).resolve().parents[2] / "gold").rglob("*.jsonl"))


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name)
def test_untouched_gold_round_trips_exactly(gold_file: Path, tmp_path: Path) -> None:
    """The project's real gold (a whole review, hundreds of spans) survives load -> export."""
    store = EventStore(tmp_path / "c.sqlite")
    store.load_documents(gold_file)
    out = tmp_path / "out.jsonl"
    export_jsonl(store, out)
    for src, got in zip(read_jsonl(gold_file), read_jsonl(out), strict=True):
        assert got["entities"] == [
            {k: v for k, v in e.items() if k != "confidence"} for e in src["entities"]
        ]
        assert got["records"] == [
            {k: v for k, v in r.items() if k != "confidence"} for r in src["records"]
        ]
        assert got["text"] == src["text"]


def test_a_relabelled_entity_without_its_new_norm_is_not_gold(
    store: EventStore, tmp_path: Path
) -> None:
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e4", "relabel", 0, label="VESICLE")], "ann")
    stats = export_jsonl(store, tmp_path / "o.jsonl")
    (doc,) = [d for d in read_jsonl(tmp_path / "o.jsonl") if d["doc_id"] == "trial-a"]
    (e4,) = [e for e in doc["entities"] if e["text"] == "TNF-α"]
    assert (e4["label"], e4["norm"]) == ("VESICLE", "")
    assert any("norm must be a non-empty string" in p for p in stats.problems), stats.problems
    # a confirmed-only export leaves it out: it is still pending
    export_jsonl(store, tmp_path / "c.jsonl", confirmed_only=True)
    confirmed = [e["text"] for d in read_jsonl(tmp_path / "c.jsonl") for e in d["entities"]]
    assert "TNF-α" not in confirmed


def test_export_keeps_the_bibliography(store: EventStore, tmp_path: Path) -> None:
    export_jsonl(store, tmp_path / "o.jsonl")
    docs = {d["doc_id"]: d for d in read_jsonl(tmp_path / "o.jsonl")}
    assert docs["xss-doc"]["bibliography"]["title"].startswith("<script>")
    assert "bibliography" not in docs["trial-a"]  # none in the input, none made up
