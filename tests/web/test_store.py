"""Event store: state is the baseline plus replayed events; stale writes refused; nothing lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.web.actions import add_entity_change, entity_change, field_change
from extractor.web.store import (
    Change,
    Conflict,
    EventStore,
    Invalid,
    NotFound,
    ReviewInputError,
)


def test_baseline_is_the_pipeline_output(store: EventStore) -> None:
    st = store.state("trial-a")
    assert [e["text"] for _, e in st.entities()][:3] == ["UC-MSCs", "1 × 10^6 cells/kg", "UC-MSCs"]
    assert {e["status"] for _, e in st.entities()} == {"pending"}
    assert st.record("r0")["disease"] == "psoriasis"
    assert store.doc_ids() == ["trial-a", "xss-doc", "broken"]


def test_every_correction_is_an_event_with_who_when_what(store: EventStore) -> None:
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e8", "relabel", 0, label="CYTOKINE")], "ann")
    store.apply(
        "trial-a", [field_change(store.state("trial-a"), "r0", "sample_size", "8", 0)], "bob"
    )
    evs = store.events("trial-a")
    assert [(e.target, e.curator, e.version) for e in evs] == [
        ("entity:e8", "ann", 1),
        ("record:r0:sample_size", "bob", 1),
    ]
    assert evs[0].before["label"] == "CELL" and evs[0].after["label"] == "CYTOKINE"
    assert (evs[1].before, evs[1].after) == (7, 8)
    assert evs[0].pipeline_version == "abc123"  # from the input line's meta
    assert evs[0].ts.endswith("+00:00")
    # derived state, read back by a fresh store object on the same file
    st2 = EventStore(store.path).state("trial-a")
    assert st2.states["entity:e8"]["label"] == "CYTOKINE"
    assert st2.record("r0")["sample_size"] == 8
    # the baseline is never rewritten
    assert st2.baseline["records"][0]["sample_size"] == 7


def test_stale_version_is_refused_with_the_other_change(store: EventStore) -> None:
    st = store.state("trial-a")  # both curators loaded version 0
    ann = field_change(st, "r0", "disease", "atopic dermatitis", 0)
    bob = field_change(st, "r0", "disease", "acne scars", 0)
    store.apply("trial-a", [ann], "ann")
    with pytest.raises(Conflict) as err:
        store.apply("trial-a", [bob], "bob")
    assert (err.value.curator, err.value.value, err.value.current) == (
        "ann",
        "atopic dermatitis",
        1,
    )
    assert store.state("trial-a").record("r0")["disease"] == "atopic dermatitis"
    assert len(store.events("trial-a")) == 1


def test_a_batch_is_all_or_nothing(store: EventStore) -> None:
    st = store.state("trial-a")
    good = field_change(st, "r0", "year", "2020", 0)
    stale = Change("record:r0:ref", "edit", 15, 3)
    with pytest.raises(Conflict):
        store.apply("trial-a", [good, stale], "ann")
    assert store.events("trial-a") == []


def test_undo_reverts_own_last_change_as_a_new_event(store: EventStore) -> None:
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e4", "reject", 0)], "ann")
    store.apply("trial-a", [entity_change(store.state("trial-a"), "e5", "accept", 0)], "ann")
    ev = store.undo("trial-a", "ann")
    assert (ev.target, ev.action, ev.undoes) == ("entity:e5", "undo", 2)
    assert store.state("trial-a").states["entity:e5"]["status"] == "pending"
    store.undo("trial-a", "ann")
    assert store.state("trial-a").states["entity:e4"]["status"] == "pending"
    with pytest.raises(NotFound):
        store.undo("trial-a", "ann")
    assert len(store.events("trial-a")) == 4  # history keeps everything


def test_undo_never_rolls_back_someone_elses_later_change(store: EventStore) -> None:
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e4", "reject", 0)], "ann")
    store.apply("trial-a", [entity_change(store.state("trial-a"), "e4", "accept", 1)], "bob")
    with pytest.raises(Conflict):
        store.undo("trial-a", "ann")
    assert store.state("trial-a").states["entity:e4"]["status"] == "accepted"


def test_added_span_must_not_overlap_an_active_entity(store: EventStore) -> None:
    st = store.state("trial-a")
    text = st.text
    s = text.index("TNF-α")
    _, ch = add_entity_change(st, s, s + 3, "CYTOKINE")
    with pytest.raises(Invalid, match="overlaps 'TNF-α'"):
        store.apply("trial-a", [ch], "ann")
    # once the old span is rejected the new one fits, and blanks around a selection are trimmed
    store.apply("trial-a", [entity_change(st, "e4", "reject", 0)], "ann")
    eid, ch = add_entity_change(store.state("trial-a"), s - 1, s + 5, "CYTOKINE")
    store.apply("trial-a", [ch], "ann")
    new = store.state("trial-a").states[f"entity:{eid}"]
    assert (new["start"], new["text"], new["norm"], new["status"]) == (
        s,
        "TNF-α",
        "TNF-α",
        "accepted",
    )


def test_added_dose_gets_a_parsed_norm(store: EventStore) -> None:
    st = store.state("trial-a")
    s = st.text.index("21.6")
    eid, ch = add_entity_change(st, s, s + 4, "DOSE")
    store.apply("trial-a", [ch], "ann")
    assert store.state("trial-a").states[f"entity:{eid}"]["norm"] == [
        {"text": "21.6", "low": 21.6, "high": 21.6, "unit": None}
    ]


def test_respan_and_relabel_keep_offsets_and_text_consistent(store: EventStore) -> None:
    st = store.state("trial-a")
    s = st.text.index("serum TNF-α")
    store.apply("trial-a", [entity_change(st, "e4", "respan", 0, start=s, end=s + 11)], "ann")
    e = store.state("trial-a").states["entity:e4"]
    assert (e["text"], e["label"], e["norm"]) == ("serum TNF-α", "CYTOKINE", "TNF-α")
    with pytest.raises(Invalid, match="not inside the text"):
        entity_change(st, "e4", "respan", 1, start=5, end=10_000)


def test_wal_mode(store: EventStore) -> None:
    assert store.journal_mode() == "wal"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"doc_id": "a", "text": "x"}\n{oops\n', ":2: not valid JSON"),
        ('{"text": "x"}\n', ":1: missing doc_id"),
        (
            '{"doc_id": "a", "text": "abc", '
            '"entities": [{"start": 2, "end": 9, "label": "CELL"}]}\n',
            ":1: entity 0 needs",
        ),
        (
            '{"doc_id": "a", "text": "abc", '
            '"entities": [{"start": 0, "end": 1, "label": "GENE"}]}\n',
            ":1: entity 0 needs",
        ),
        ('{"doc_id": "a", "text": "x"}\n{"doc_id": "a", "text": "x"}\n', "appears twice"),
        ("", "holds no documents"),
    ],
)
def test_bad_input_names_file_and_problem(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewInputError) as err:
        EventStore(tmp_path / "c.sqlite").load_documents(p)
    assert str(err.value).startswith(str(p)) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_reloading_keeps_corrections_and_refuses_changed_text(
    store: EventStore, docs_path: Path
) -> None:
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e8", "reject", 0)], "ann")
    assert store.load_documents(docs_path) == (0, 3)
    assert store.state("trial-a").states["entity:e8"]["status"] == "rejected"
    changed = docs_path.parent / "changed.jsonl"
    changed.write_text(json.dumps({"doc_id": "trial-a", "text": "other"}) + "\n", encoding="utf-8")
    with pytest.raises(ReviewInputError, match="different text"):
        store.load_documents(changed)


WRITER = """
import sys, time
from extractor.web.store import EventStore
from extractor.web.actions import field_change
s = EventStore(sys.argv[1])
st = s.state("trial-a")
s.apply("trial-a", [field_change(st, "r0", "sample_size", "9", 0)], "ann")
print("saved", flush=True)
time.sleep(60)
"""


def test_killed_server_process_loses_nothing_saved(store: EventStore) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store.path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "saved"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    time.sleep(0.05)
    assert EventStore(store.path).state("trial-a").record("r0")["sample_size"] == 9
