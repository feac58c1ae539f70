"""The out-of-domain check set: its annotation is sound, and the pipeline keeps generalising.

The floors are a little below what ``tests/ood/measure.py`` measured, per batch: batch 1 =
ood-01..20 and batch 2 = ood-21..30 (both used for fixes since), batch 3 = ood-31..40 (floors at
first contact), batch 4 = ood-41..50 (fresh, floors at first contact); tests/ood/README.md gives the figures and the commands. A change that makes the pipeline worse on papers it was
not written from fails here even when the review's own scores stay put.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def _load(name: str) -> ModuleType:
    # Loaded by path under a unique name: tests/ has no packages, and "build"/"measure"
    # are names other folders may use too.
    spec = importlib.util.spec_from_file_location(f"ood_{name}", HERE / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


build = _load("build")
measure = _load("measure")
GOLD = measure.load_gold()
IDS = [d["doc_id"] for d in GOLD]


# ----------------------------------------------------------------- annotation integrity


def test_gold_file_is_built_from_the_annotations() -> None:
    """ood.jsonl is exactly what the passages and hand annotations anchor to (not stale)."""
    docs, problems = build.build_all()
    assert problems == []
    assert (HERE / "ood.jsonl").read_text(encoding="utf-8") == build.serialise(docs)


def test_set_size_and_labels() -> None:
    # Batch 1 (ood-01..20) and batch 2 (ood-21..30), both used for fixes, batch 3 (ood-31..40)
    # and batch 4 (ood-41..50, fresh): README.md.
    assert [d["doc_id"] for d in GOLD] == [
        *measure.BATCHES[1],
        *measure.BATCHES[2],
        *measure.BATCHES[3],
        *measure.BATCHES[4],
        *measure.BATCHES[5],
        *measure.BATCHES[6],
        *measure.BATCHES[7],
        *measure.BATCHES[8],
        *measure.BATCHES[9],
        *measure.BATCHES[10],
        *measure.BATCHES[11],
        *measure.BATCHES[12],
    ]
    for batch in measure.BATCHES:
        docs = measure.select(GOLD, measure.BATCHES[batch])
        assert {e["label"] for d in docs for e in d["entities"]} == set(measure.LABELS), batch
    labels = {e["label"] for d in GOLD for e in d["entities"]}
    assert labels == {"CELL", "VESICLE", "CYTOKINE", "DOSE", "OUTCOME_SCORE"}
    assert all(d["records"] for d in GOLD)


@pytest.mark.parametrize("doc_id", IDS)
def test_passage_matches_its_file_and_spans_are_exact(doc_id: str) -> None:
    doc = next(d for d in GOLD if d["doc_id"] == doc_id)
    text = (REPO / doc["source"]).read_text(encoding="utf-8")
    assert doc["text"] == text
    assert 80 <= len(text.split()) <= 250
    if doc_id in measure.BATCHES[3]:  # batch 3 was written to 150–220 words (README.md)
        assert 150 <= len(text.split()) <= 220
    if doc_id in measure.BATCHES[4]:  # batch 4 was written to 150–230 words (README.md)
        assert 150 <= len(text.split()) <= 230
    if doc_id in (*measure.BATCHES[5], *measure.BATCHES[6], *measure.BATCHES[7]):  # 150–180 words
        assert 150 <= len(text.split()) <= 180
    prev_end = 0
    for e in doc["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["start"] >= prev_end, f"overlap at {e['start']}: {e['text']!r}"
        prev_end = e["end"]
        if e["label"] == "DOSE":
            assert isinstance(e["norm"], list) and e["norm"]
            for d in e["norm"]:
                assert d["low"] <= d["high"]
        else:
            assert isinstance(e["norm"], str) and e["norm"]
    for r in doc["records"]:
        for ev in r["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(text)


def test_same_surface_same_norm_across_the_set() -> None:
    """Hand annotation stays consistent: one surface string (and label) has one norm."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for d in GOLD:
        for e in d["entities"]:
            norm = json.dumps(
                [(x["low"], x["high"], x["unit"]) for x in e["norm"]]
                if e["label"] == "DOSE"
                else e["norm"]
            )
            first = seen.setdefault((e["text"], e["label"]), (norm, d["doc_id"]))
            assert first[0] == norm, (
                f"{e['text']!r}: {norm} in {d['doc_id']}, {first[0]} in {first[1]}"
            )


@pytest.mark.parametrize(
    "unit_char, doc_id",
    [
        ("\u00b5", "ood-03"),
        ("\u03bc", "ood-08"),
        ("\u00b5", "ood-30"),
        ("\u03bc", "ood-26"),
        ("\u00b5", "ood-33"),
        ("\u03bc", "ood-33"),
        ("\u03bc", "ood-37"),
        ("\u00b5", "ood-38"),
        ("\u00b5", "ood-41"),
        ("\u03bc", "ood-41"),
        ("\u03bc", "ood-44"),
        ("\u00b5", "ood-50"),
        ("\u03bc", "ood-50"),
    ],  # micro sign and Greek mu in the passages (ood-33's, ood-41's and ood-50's doses use both)
)
def test_dose_units_use_the_micro_sign(unit_char: str, doc_id: str) -> None:
    """SCHEMA §3: whichever mu the text uses, dose-object units carry U+00B5."""
    doc = next(d for d in GOLD if d["doc_id"] == doc_id)
    doses = [x for e in doc["entities"] if e["label"] == "DOSE" for x in e["norm"]]
    assert any(unit_char in x["text"] for x in doses)
    for d in GOLD:
        for e in d["entities"]:
            if e["label"] == "DOSE":
                assert all("\u03bc" not in (x["unit"] or "") for x in e["norm"])


# ------------------------------------------------------------------- generalisation floors


@pytest.fixture(scope="module")
def predictions() -> list[dict[str, Any]]:
    """One pipeline run over all passages; each batch is scored on its own slice of it."""
    return measure.predict(GOLD)


def _batch_figures(batch: int, pred: list[dict[str, Any]]) -> dict[str, float]:
    ids = measure.BATCHES[batch]
    ev = measure.evaluate(measure.select(GOLD, ids), measure.select(pred, ids))
    return measure.summary(ev.metrics)


@pytest.fixture(scope="module")
def batch_figures(predictions: list[dict[str, Any]]) -> dict[int, dict[str, float]]:
    """Each batch scored on its own slice of the one run: adding passages never moves the
    floors of another batch."""
    return {batch: _batch_figures(batch, predictions) for batch in FLOORS_BY_BATCH}


# Batch 1 (ood-01..ood-20). First measured 2026-11-26 18:31 UTC on commit b463639; raised
# 2026-11-27 00:40 UTC to the figures of commit 8d49f08 (`.venv/bin/python tests/ood/measure.py
# --batch 1` on a clean `git archive` export), after general dose and record fixes. Comments:
# figure at b463639 -> at 8d49f08. Each floor leaves room for about one to three further errors
# on this small set, so a real regression fails and a single debatable case does not.
FLOORS: dict[str, float] = {
    "strict_micro_f1": 0.96,  # 0.978 -> 0.991
    "lenient_micro_f1": 0.97,  # 0.982 -> 0.994
    "norm_accuracy": 0.97,  # 0.991 -> 0.991
    "strict_f1[CELL]": 0.95,  # 1.000 -> 1.000
    "strict_f1[VESICLE]": 0.95,  # 1.000 -> 1.000
    "strict_f1[CYTOKINE]": 0.96,  # 1.000 -> 1.000
    "strict_f1[DOSE]": 0.88,  # 0.820 -> 0.964
    "strict_f1[OUTCOME_SCORE]": 0.90,  # 0.966 -> 0.966
    "records_found": 0.92,  # 1.000 -> 1.000
    "acc[disease]": 0.92,  # 1.000 -> 1.000
    "acc[intervention]": 0.92,  # 1.000 -> 1.000
    "acc[model]": 0.92,  # 1.000 -> 1.000
    "acc[design]": 0.92,  # 1.000 -> 1.000
    "acc[sample_size]": 0.88,  # 1.000 -> 1.000
    "f1[doses]": 0.90,  # 0.879 -> 0.969
    "f1[routes]": 0.93,  # 0.978 -> 1.000
    "f1[cells]": 0.92,  # 0.984 -> 0.984
    "f1[outcomes]": 0.88,  # 0.935 -> 0.951
    "f1[outcomes_values]": 0.88,  # 0.935 -> 0.951
    "f1[cytokines]": 0.95,  # 0.994 -> 1.000
    "f1[cytokine_directions]": 0.95,  # 0.994 -> 1.000
}


# Batch 2 (ood-21..ood-30): first contact measured 2026-11-27 00:07 UTC with
# `.venv/bin/python tests/ood/measure.py --batch 2` on commit dec3e2b (passages and annotations
# committed before the pipeline first ran on them; README.md, "Batch 2 … first contact").
# The engineers then read its misses and made general fixes, so the figures of commit 8d49f08
# (00:40 UTC, clean export) are partly fitted; the floors sit a little below those (about one
# further error on 14 records / ~220 mentions). Comments: first contact -> at 8d49f08.
FLOORS_BATCH2: dict[str, float] = {
    "strict_micro_f1": 0.96,  # 0.910 -> 0.989
    "lenient_micro_f1": 0.97,  # 0.939 -> 0.991
    "norm_accuracy": 0.92,  # 0.956 -> 0.941 (apoptotic bodies: ApoBD vs gold ApoV, convention)
    "strict_f1[CELL]": 0.95,  # 0.917 -> 1.000
    "strict_f1[VESICLE]": 0.92,  # 0.784 -> 0.975
    "strict_f1[CYTOKINE]": 0.96,  # 0.986 -> 1.000
    "strict_f1[DOSE]": 0.80,  # 0.774 -> 0.933
    "strict_f1[OUTCOME_SCORE]": 0.93,  # 0.949 -> 0.984
    "records_found": 0.92,  # 1.000 -> 1.000
    "acc[disease]": 0.92,  # 0.929 -> 1.000
    "acc[intervention]": 0.92,  # 0.929 -> 1.000
    "acc[model]": 0.92,  # 1.000 -> 1.000
    "acc[design]": 0.92,  # 1.000 -> 1.000
    "acc[sample_size]": 0.92,  # 0.786 -> 1.000
    "f1[doses]": 0.85,  # 0.800 -> 0.941
    "f1[routes]": 0.90,  # 0.815 -> 1.000
    "f1[cells]": 0.93,  # 0.979 -> 0.979
    "f1[outcomes]": 0.90,  # 0.950 -> 0.976
    "f1[outcomes_values]": 0.90,  # 0.950 -> 0.976
    "f1[cytokines]": 0.88,  # 0.913 -> 0.941
    "f1[cytokine_directions]": 0.88,  # 0.874 -> 0.941
}


# Batch 3 (ood-31..ood-40): first contact measured 2026-11-27 04:11:58 UTC with
# `PYTHONPATH=<git archive a56bd55> .venv/bin/python tests/ood/measure.py --batch 3 --errors`
# (passages and annotations committed in a56bd55 before the pipeline first ran on them;
# README.md, "Batch 3 … first contact"; the shared working tree gave the same figures).
# Floors were set a little below the first-contact figures; after the general fixes of
# 2026-11-27 04:15–05:12 UTC they sit a little below the fitted figures of 05:13 UTC, so the
# fixes are protected (comments: now, then first contact).
FLOORS_BATCH3: dict[str, float] = {
    "strict_micro_f1": 0.96,  # now 0.996; first contact 0.972
    "lenient_micro_f1": 0.97,  # now 0.998; first contact 0.981
    "norm_accuracy": 0.96,  # now 0.991; first contact 0.982
    "strict_f1[CELL]": 0.95,  # now 0.986; first contact 0.986
    "strict_f1[VESICLE]": 0.95,  # now 1.000; first contact 1.000
    "strict_f1[CYTOKINE]": 0.96,  # now 1.000; first contact 1.000
    "strict_f1[DOSE]": 0.93,  # now 1.000; first contact 0.923
    "strict_f1[OUTCOME_SCORE]": 0.93,  # now 1.000; first contact 0.899
    "records_found": 0.94,  # now 1.000 (18/18); first contact 0.833 (15/18)
    "acc[disease]": 0.94,  # now 1.000; first contact 0.733 (11/15)
    "acc[intervention]": 0.94,  # now 1.000; first contact 0.867 (13/15)
    "acc[model]": 0.94,  # now 1.000; first contact 1.000
    "acc[design]": 0.94,  # now 1.000; first contact 1.000
    "acc[sample_size]": 0.94,  # now 1.000; first contact 0.933 (14/15)
    "f1[doses]": 0.93,  # now 1.000; first contact 0.863
    "f1[routes]": 0.93,  # now 1.000; first contact 0.903
    "f1[cells]": 0.95,  # now 0.990; first contact 0.928
    "f1[outcomes]": 0.93,  # now 0.980; first contact 0.870
    "f1[outcomes_values]": 0.93,  # now 0.980; first contact 0.870
    "f1[cytokines]": 0.92,  # now 0.969; first contact 0.891
    "f1[cytokine_directions]": 0.92,  # now 0.969; first contact 0.773
}


# Batch 4 (ood-41..ood-50): first contact measured 2026-11-27 04:41:02 UTC with
# `PYTHONPATH=<git archive d2145a9> .venv/bin/python tests/ood/measure.py --batch 4 --errors`
# (passages and annotations committed in d2145a9 before the pipeline first ran on them;
# README.md, "Batch 4 … first contact"; the shared working tree gave the same figures).
# Floors were set a little below the first-contact figures; after the general fixes of
# 2026-11-27 04:47–05:12 UTC they sit a little below the fitted figures of 05:13 UTC, so the
# fixes are protected (comments: now, then first contact).
FLOORS_BATCH4: dict[str, float] = {
    "strict_micro_f1": 0.95,  # now 0.987; first contact 0.961
    "lenient_micro_f1": 0.96,  # now 0.992; first contact 0.969
    "norm_accuracy": 0.95,  # now 0.985; first contact 0.973
    "strict_f1[CELL]": 0.95,  # now 0.981; first contact 0.981
    "strict_f1[VESICLE]": 0.95,  # now 1.000; first contact 1.000
    "strict_f1[CYTOKINE]": 0.96,  # now 1.000; first contact 1.000
    "strict_f1[DOSE]": 0.93,  # now 1.000; first contact 0.913
    "strict_f1[OUTCOME_SCORE]": 0.90,  # now 0.947; first contact 0.824
    "records_found": 0.95,  # now 1.000 (21/21); first contact 0.810 (17/21)
    "acc[disease]": 0.90,  # now 0.952; first contact 0.765 (13/17)
    "acc[intervention]": 0.90,  # now 0.952; first contact 1.000
    "acc[model]": 0.95,  # now 1.000; first contact 0.941 (16/17)
    "acc[design]": 0.95,  # now 1.000; first contact 0.941 (16/17)
    "acc[sample_size]": 0.95,  # now 1.000; first contact 0.882 (15/17)
    "f1[doses]": 0.93,  # now 1.000; first contact 0.870
    "f1[routes]": 0.93,  # now 1.000; first contact 0.923
    "f1[cells]": 0.89,  # now 0.932; first contact 0.889
    "f1[outcomes]": 0.91,  # now 0.957; first contact 0.833
    "f1[outcomes_values]": 0.87,  # now 0.913; first contact 0.722
    "f1[cytokines]": 0.95,  # now 1.000; first contact 0.937
    "f1[cytokine_directions]": 0.95,  # now 1.000; first contact 0.901
}


# Batches 5-7 (skin diseases outside the review's four, issue 14): floors a little below
# the figures after the general fixes (comments: now, then first contact). Batch 5's first
# contact came before every fix, batch 6's after the lexicon/grammar fixes, batch 7's after
# the score-by-form fix (README.md "Batch 5/6/7").
FLOORS_BATCH5: dict[str, float] = {
    "strict_micro_f1": 0.94,  # now 0.961; first contact 0.803
    "lenient_micro_f1": 0.95,  # now 0.972; first contact 0.850
    "norm_accuracy": 0.96,  # now 0.980; first contact 0.857
    "strict_f1[CELL]": 0.93,  # now 0.955; first contact 0.809
    "strict_f1[VESICLE]": 0.92,  # now 0.947; first contact 0.883
    "strict_f1[CYTOKINE]": 0.97,  # now 0.990; first contact 0.962
    "strict_f1[DOSE]": 0.87,  # now 0.894; first contact 0.792
    "strict_f1[OUTCOME_SCORE]": 0.95,  # now 0.976; first contact 0.620
    "acc[sample_size]": 0.90,  # now 0.933; first contact 0.867
    "f1[outcomes]": 0.91,  # now 0.937; first contact 0.483
    "f1[cells]": 0.90,  # now 0.930; first contact 0.748
}
FLOORS_BATCH6: dict[str, float] = {
    "strict_micro_f1": 0.93,  # now 0.949; first contact 0.863
    "lenient_micro_f1": 0.94,  # now 0.959; first contact 0.887
    "norm_accuracy": 0.94,  # now 0.961; first contact 0.966
    "strict_f1[CELL]": 0.93,  # now 0.957; first contact 0.912
    "strict_f1[VESICLE]": 0.92,  # now 0.944; first contact 0.944
    "strict_f1[CYTOKINE]": 0.95,  # now 0.978; first contact 0.978
    "strict_f1[DOSE]": 0.86,  # now 0.889; first contact 0.842
    "strict_f1[OUTCOME_SCORE]": 0.91,  # now 0.939; first contact 0.556
    "acc[sample_size]": 0.95,  # now 1.000; first contact 1.000
}
FLOORS_BATCH7: dict[str, float] = {
    "strict_micro_f1": 0.96,  # now 0.990 (0.975 before the 'Control Test' head); first 0.893
    "lenient_micro_f1": 0.96,  # now 0.980; first contact 0.934
    "norm_accuracy": 0.96,  # now 0.990; first contact 0.886
    "strict_f1[CELL]": 0.97,  # now 1.000; first contact 0.939
    "strict_f1[VESICLE]": 0.93,  # now 0.955; first contact 0.773
    "strict_f1[CYTOKINE]": 0.97,  # now 1.000; first contact 0.923
    "strict_f1[DOSE]": 0.97,  # now 1.000; first contact 1.000
    "strict_f1[OUTCOME_SCORE]": 0.97,  # now 1.000 (0.903 before 'Control Test'); first 0.867
}


# Batch 8 (written after the speed work, issue 14): floors a little below its first contact,
# measured before any change made after reading its output (README.md "Batch 8"). Outcome
# scores have no floor: first contact found none of its three (SCORTEN, a FACE-Q subscale).
FLOORS_BATCH8: dict[str, float] = {
    "strict_micro_f1": 0.88,  # first contact 0.901
    "lenient_micro_f1": 0.90,  # first contact 0.924
    "norm_accuracy": 0.94,  # first contact 0.961
    "strict_f1[CELL]": 0.90,  # first contact 0.921
    "strict_f1[VESICLE]": 0.80,  # first contact 0.826
    "strict_f1[CYTOKINE]": 0.97,  # first contact 1.000
    "strict_f1[DOSE]": 0.91,  # first contact 0.933
    "acc[sample_size]": 0.95,  # first contact 1.000
    "f1[cells]": 0.88,  # first contact 0.905
}


# Batch 9 (written after the instrument table and grammar, issue 14): floors a little below its
# first contact (README.md "Batch 9"), measured on the commit that added it.
FLOORS_BATCH9: dict[str, float] = {
    "strict_micro_f1": 0.94,  # first contact 0.965
    "lenient_micro_f1": 0.95,  # first contact 0.969
    "norm_accuracy": 0.93,  # first contact 0.951
    "strict_f1[CELL]": 0.95,  # first contact 0.979
    "strict_f1[VESICLE]": 0.97,  # first contact 1.000
    "strict_f1[CYTOKINE]": 0.97,  # first contact 1.000
    "strict_f1[DOSE]": 0.83,  # first contact 0.857
    "strict_f1[OUTCOME_SCORE]": 0.90,  # first contact 0.923
    "acc[sample_size]": 0.95,  # first contact 1.000
}


# Batch 10 (written after the batch-9 fixes): floors a little below its first contact
# (README.md "Batch 10"), which fell short of the floors on instruments and cells.
FLOORS_BATCH10: dict[str, float] = {
    "strict_micro_f1": 0.88,  # first contact 0.908
    "lenient_micro_f1": 0.90,  # first contact 0.920
    "norm_accuracy": 0.95,  # first contact 0.973
    "strict_f1[CELL]": 0.85,  # first contact 0.871
    "strict_f1[VESICLE]": 0.97,  # first contact 1.000
    "strict_f1[CYTOKINE]": 0.97,  # first contact 1.000
    "strict_f1[DOSE]": 0.85,  # first contact 0.875
    "strict_f1[OUTCOME_SCORE]": 0.68,  # first contact 0.706
    "acc[sample_size]": 0.95,  # first contact 1.000
}


# Batch 11 (written after the batch-10 fixes): floors a little below its first contact
# (README.md "Batch 11").
FLOORS_BATCH11: dict[str, float] = {
    "strict_micro_f1": 0.94,  # first contact 0.964
    "lenient_micro_f1": 0.95,  # first contact 0.976
    "norm_accuracy": 0.97,  # first contact 1.000
    "strict_f1[CELL]": 0.91,  # first contact 0.939
    "strict_f1[VESICLE]": 0.97,  # first contact 1.000
    "strict_f1[CYTOKINE]": 0.94,  # first contact 0.971
    "strict_f1[DOSE]": 0.90,  # first contact 0.933
    "strict_f1[OUTCOME_SCORE]": 0.97,  # first contact 1.000
}


# Batch 12 (written after the batch-11 fix): floors a little below its first contact
# (README.md "Batch 12").
FLOORS_BATCH12: dict[str, float] = {
    "strict_micro_f1": 0.96,  # first contact 0.992
    "lenient_micro_f1": 0.96,  # first contact 0.992
    "norm_accuracy": 0.91,  # first contact 0.933
    "strict_f1[CELL]": 0.94,  # first contact 0.974
    "strict_f1[VESICLE]": 0.97,  # first contact 1.000
    "strict_f1[CYTOKINE]": 0.97,  # first contact 1.000
    "strict_f1[DOSE]": 0.97,  # first contact 1.000
    "strict_f1[OUTCOME_SCORE]": 0.97,  # first contact 1.000
    "acc[sample_size]": 0.95,  # first contact 1.000
}


FLOORS_BY_BATCH: dict[int, dict[str, float]] = {
    1: FLOORS,
    2: FLOORS_BATCH2,
    3: FLOORS_BATCH3,
    4: FLOORS_BATCH4,
    5: FLOORS_BATCH5,
    6: FLOORS_BATCH6,
    7: FLOORS_BATCH7,
    8: FLOORS_BATCH8,
    9: FLOORS_BATCH9,
    10: FLOORS_BATCH10,
    11: FLOORS_BATCH11,
    12: FLOORS_BATCH12,
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("batch", "name"),
    [(batch, name) for batch, floors in FLOORS_BY_BATCH.items() for name in sorted(floors)],
)
def test_generalisation_floor(
    batch_figures: dict[int, dict[str, float]], batch: int, name: str
) -> None:
    got = batch_figures[batch][name]
    floor = FLOORS_BY_BATCH[batch][name]
    assert got >= floor, f"batch {batch} {name} = {got:.3f} fell below its floor {floor:.2f}"


def test_summary_reads_every_floor_name() -> None:
    """The floors name figures ``measure.summary`` actually produces (no silent typo)."""
    perfect = measure.evaluate(GOLD, [json.loads(json.dumps(d)) for d in GOLD])
    s = measure.summary(perfect.metrics)
    for floors in FLOORS_BY_BATCH.values():
        assert set(floors) <= set(s)
    assert all(s[k] == 1.0 for floors in FLOORS_BY_BATCH.values() for k in floors)


def test_batches_split_the_set() -> None:
    """Every passage is in exactly one batch, and ``measure.select`` keeps only the named ids."""
    batches = [set(measure.BATCHES[b]) for b in measure.BATCHES]
    for i, a in enumerate(batches):
        for b in batches[i + 1 :]:
            assert not a & b
    assert set().union(*batches) == set(IDS)
    for b in (2, 3, 4, 5, 6, 7):
        assert [d["doc_id"] for d in measure.select(GOLD, measure.BATCHES[b])] == list(
            measure.BATCHES[b]
        )
    with pytest.raises(ValueError):
        measure.select(GOLD, ["ood-999"])


def test_batch4_shape() -> None:
    """Batch 4 is what README.md says: 5 review paragraphs citing 3–4 studies each, 5 primary
    abstracts with one record each; every record has evidence inside its passage."""
    docs = measure.select(GOLD, measure.BATCHES[4])
    reviews = [d for d in docs if len(d["records"]) > 1]
    primaries = [d for d in docs if len(d["records"]) == 1]
    assert len(reviews) == 5 and len(primaries) == 5
    assert all(3 <= len(d["records"]) <= 4 for d in reviews)
    assert all(d["records"][0]["study_id"] == d["doc_id"] for d in primaries)
    assert sum(len(d["records"]) for d in docs) == 21
    for d in docs:
        for r in d["records"]:
            assert r["evidence"], r["study_id"]


def test_rct_snippets_are_well_formed() -> None:
    """20 RCT-style sentences, each with one hand-read sample size that its text states."""
    rows = measure.load_rct()
    assert len(rows) == 20 and len({r["id"] for r in rows}) == 20
    for r in rows:
        assert isinstance(r["sample_size"], int) and r["sample_size"] > 0
        assert r["text"].strip() and r["note"]


@pytest.mark.slow
def test_rct_sample_size_floor() -> None:
    """Sample size read from the 20 RCT-style sentences (counts in words, grouped digits,
    nouns of persons and animals): measured 0.80 (16/20) after issue 14's parser; the four
    misses are README.md's (sentence-wide exclusions of the record stage, a breed word)."""
    rows = measure.load_rct()
    acc, misses = measure.score_rct(rows, measure.predict_rct(rows))
    assert acc >= 0.75, misses
