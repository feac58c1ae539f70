"""Record scores worked out by hand: pairing, scalar accuracy, set-F1 of list fields, accept."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.evaluate import evaluate_documents, score_documents

from .test_eval_entities import rounded


def rec(study_id: str, first_author: str, year: int | None, ref: int | None, **kw: Any) -> dict:
    base: dict[str, Any] = {
        "study_id": study_id,
        "first_author": first_author,
        "year": year,
        "ref": ref,
        "doi": None,
        "disease": None,
        "intervention": None,
        "model": None,
        "design": None,
        "sample_size": None,
        "doses": [],
        "routes": [],
        "outcomes": [],
        "cytokines": [],
        "cells": [],
        "evidence": [],
    }
    base.update(kw)
    return base


def dose(low: float, high: float, unit: str | None) -> dict[str, Any]:
    return {"text": "", "low": low, "high": high, "unit": unit}


def doc(records: list[dict]) -> dict[str, Any]:
    return {"doc_id": "r", "text": "t", "entities": [], "records": records}


GOLD = doc(
    [
        rec(
            "de-jesus-2016",
            "De Jesus",
            2016,
            12,
            doi="10.1/abc",
            disease="psoriasis",
            intervention="cells",
            model="human",
            design="case report",
            sample_size=2,
            doses=[dose(5e5, 3.1e6, "cells/kg")],
            routes=["i.v."],
            outcomes=[{"measure": "PASI", "baseline": 21.6, "final": 9.0}],
            cytokines=[
                {"name": "TNF-α", "direction": "down"},
                {"name": "IL-17A", "direction": "down"},
            ],
            cells=["ADMSC"],
        ),
        rec(
            "kim-2020",
            "Kim",
            2020,
            20,
            disease="atopic dermatitis",
            intervention="vesicles",
            model="mouse",
            design="animal study",
            doses=[dose(1e6, 1e6, "cells/cm2"), dose(3e6, 3e6, "cells/cm2")],
            routes=["s.c."],
            outcomes=[{"measure": "SCORAD", "baseline": None, "final": None}],
            cytokines=[{"name": "IL-4", "direction": "down"}],
            accept={"disease": ["other: eczema"]},
        ),
        rec("wang-2019", "Wang", 2019, 30),  # the system never finds this one
    ]
)
PRED = doc(
    [
        # found through (first_author, year): the slug differs
        rec(
            "dejesus-2016",
            "de jesus",
            2016,
            12,
            doi="https://doi.org/10.1/ABC",
            disease="psoriasis",
            intervention="cells",
            model="human",
            design="clinical trial",
            sample_size=2,
            doses=[dose(500000.0, 3100000.0, "cells/kg")],
            routes=["i.v.", "topical"],
            outcomes=[{"measure": "PASI", "baseline": 21.6, "final": 9.1}],
            cytokines=[
                {"name": "TNF-α", "direction": "down"},
                {"name": "IL-17A", "direction": "up"},
            ],
            cells=["ADMSC", "MSC"],
        ),
        # found through study_id
        rec(
            "kim-2020",
            "Kim",
            2020,
            21,
            disease="other: eczema",
            intervention="cells",
            model="mouse",
            design="animal study",
            sample_size=10,
            doses=[dose(1e6, 1e6, "cells/cm2")],
            routes=["s.c."],
            outcomes=[{"measure": "SCORAD", "baseline": None, "final": None}],
        ),
        rec("lee-2018", "Lee", 2018, None),  # not in gold
    ]
)


@pytest.fixture(scope="module")
def records() -> dict[str, Any]:
    return rounded(score_documents([GOLD], [PRED])["records"])


def test_pairing(records: dict[str, Any]) -> None:
    assert {k: records[k] for k in ("found", "precision", "counts", "matched_by")} == rounded(
        {
            "found": 2 / 3,
            "precision": 2 / 3,
            "counts": {"gold": 3, "pred": 3, "matched": 2},
            "matched_by": {"study_id": 1, "first_author_year": 1, "ref": 0},
        }
    )


def acc(c: int, n: int) -> dict[str, Any]:
    return rounded({"accuracy": c / n, "correct": c, "total": n})


def prf(tp: int, fp: int, fn: int, p: float, r: float, f: float) -> dict[str, Any]:
    return rounded({"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn})


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("study_id", acc(1, 2)),  # dejesus-2016 != de-jesus-2016
        ("first_author", acc(2, 2)),  # case-folded
        ("year", acc(2, 2)),
        ("ref", acc(1, 2)),  # 21 != 20
        ("doi", acc(2, 2)),  # resolver prefix and case ignored; null == null
        ("disease", acc(2, 2)),  # "other: eczema" is in kim-2020's accept map
        ("intervention", acc(1, 2)),
        ("model", acc(2, 2)),
        ("design", acc(1, 2)),
        ("sample_size", acc(1, 2)),  # 10 where gold has null
        # de-jesus 1 tp; kim 1 tp + 1 fn (3e6 missing)
        ("doses", prf(2, 0, 1, 1.0, 2 / 3, 0.8)),
        # topical is extra
        ("routes", prf(2, 1, 0, 2 / 3, 1.0, 0.8)),
        # MSC is extra; kim has no cells on either side
        ("cells", prf(1, 1, 0, 0.5, 1.0, 2 / 3)),
        ("outcomes", prf(2, 0, 0, 1.0, 1.0, 1.0)),
        # PASI final 9.1 vs 9.0: one fp + one fn; SCORAD null/null matches
        ("outcomes_values", prf(1, 1, 1, 0.5, 0.5, 0.5)),
        # IL-4 missing from kim
        ("cytokines", prf(2, 0, 1, 1.0, 2 / 3, 0.8)),
        # IL-17A up vs down: fp + fn; IL-4 down: fn
        ("cytokine_directions", prf(1, 1, 2, 0.5, 1 / 3, 0.4)),
    ],
)
def test_field_scores(records: dict[str, Any], field: str, expected: dict[str, Any]) -> None:
    assert records["fields"][field] == expected


def test_pairing_falls_back_to_ref() -> None:
    gold = doc([rec("li-2018", "Li", 2018, 5)])
    pred = doc([rec("lee-2018", "Lee", 2018, 5)])
    r = score_documents([gold], [pred])["records"]
    assert (r["matched_by"], r["fields"]["first_author"]) == (
        {"study_id": 0, "first_author_year": 0, "ref": 1},
        {"accuracy": 0.0, "correct": 0, "total": 1},
    )


@pytest.mark.parametrize(
    ("field", "gold_value", "accept", "pred_value", "expected"),
    [
        # a single tolerated item: predicting it is no false positive
        ("cells", ["ADMSC"], ["MSC"], ["ADMSC", "MSC"], (1, 0, 0)),
        # tolerated but not predicted: no false negative either
        ("cells", ["ADMSC"], ["MSC"], ["ADMSC"], (1, 0, 0)),
        # an alternative whole list
        ("routes", ["i.v."], [["intralesional"]], ["intralesional"], (1, 0, 0)),
        # accept applies to the derived view too (cytokine_directions reads "cytokines"):
        # a tolerated item spares the fp, the gold item is still missed ...
        (
            "cytokines",
            [{"name": "IL-6", "direction": "down"}],
            [{"name": "IL-6", "direction": None}],
            [{"name": "IL-6", "direction": None}],
            (0, 0, 1),
        ),
        # ... while an alternative whole list replaces it
        (
            "cytokines",
            [{"name": "IL-6", "direction": "down"}],
            [[{"name": "IL-6", "direction": None}]],
            [{"name": "IL-6", "direction": None}],
            (1, 0, 0),
        ),
        ("doses", [dose(1, 1, "mL")], [], [dose(1, 1, "ml")], (0, 1, 1)),  # unit case counts
        ("doses", [dose(200, 200, "µg")], [], [dose(200, 200, "\u03bcg")], (1, 0, 0)),  # µ = μ
    ],
    ids=[
        "tolerated-item",
        "tolerated-absent",
        "alt-list",
        "derived-item",
        "derived-list",
        "unit-case",
        "mu",
    ],
)
def test_accept_and_item_keys(
    field: str, gold_value: list, accept: list, pred_value: list, expected: tuple
) -> None:
    gold = doc([rec("a-2000", "A", 2000, 1, **{field: gold_value, "accept": {field: accept}})])
    pred = doc([rec("a-2000", "A", 2000, 1, **{field: pred_value})])
    fields = score_documents([gold], [pred])["records"]["fields"]
    view = "cytokine_directions" if field == "cytokines" else field
    got = fields[view]
    assert (got["tp"], got["fp"], got["fn"]) == expected


def test_record_errors_for_curators() -> None:
    ev = evaluate_documents([GOLD], [PRED])
    rows = [(e["type"], e["study_id"], e.get("field")) for e in ev.errors]
    assert sorted(rows, key=repr) == sorted(
        [
            ("RECORD_FN", "wang-2019", None),
            ("RECORD_FP", "lee-2018", None),
            ("FIELD", "de-jesus-2016", "study_id"),
            ("FIELD", "de-jesus-2016", "design"),
            ("FIELD", "de-jesus-2016", "routes"),
            ("FIELD", "de-jesus-2016", "cells"),
            ("FIELD", "de-jesus-2016", "outcomes_values"),
            ("FIELD", "de-jesus-2016", "cytokine_directions"),
            ("FIELD", "kim-2020", "ref"),
            ("FIELD", "kim-2020", "intervention"),
            ("FIELD", "kim-2020", "sample_size"),
            ("FIELD", "kim-2020", "doses"),
            ("FIELD", "kim-2020", "cytokines"),
            ("FIELD", "kim-2020", "cytokine_directions"),
        ],
        key=repr,
    )
    cells = next(e for e in ev.errors if e.get("field") == "cells")
    assert (cells["missing"], cells["extra"]) == ([], ["msc"])
