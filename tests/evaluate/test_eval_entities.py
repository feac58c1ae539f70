"""Mention scores worked out by hand (SemEval-2013 schemes through nervaluate)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.evaluate import score_documents
from extractor.evaluate.entities import score_schemes, split_components


def ent(start: int, end: int, label: str, norm: Any = "") -> dict[str, Any]:
    return {"start": start, "end": end, "label": label, "text": "", "norm": norm}


def doc(entities: list[dict[str, Any]], text: str = "x" * 100, doc_id: str = "d1") -> dict:
    return {"doc_id": doc_id, "text": text, "entities": entities, "records": []}


def rounded(x: Any) -> Any:
    """Floats to 9 places so that whole nested values compare exactly."""
    if isinstance(x, float):
        return round(x, 9)
    if isinstance(x, dict):
        return {k: rounded(v) for k, v in x.items()}
    if isinstance(x, list):
        return [rounded(v) for v in x]
    return x


def counts(p, r, f, tp, fp, fn, correct, incorrect, partial, missed, spurious, possible, actual):
    return rounded(
        {
            "precision": p,
            "recall": r,
            "f1": f,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "correct": correct,
            "incorrect": incorrect,
            "partial": partial,
            "missed": missed,
            "spurious": spurious,
            "possible": possible,
            "actual": actual,
        }
    )


# One document, five gold mentions, five predictions, one of each kind of error:
#   G1 CELL 0-6          P1 CELL 0-6        exact hit
#   G2 CYTOKINE 10-14    P2 VESICLE 10-14   same span, wrong label
#   G3 CYTOKINE 20-25    P3 CYTOKINE 20-23  same label, short boundary
#   G4 DOSE 30-40        P4 CELL 30-35      overlap, wrong label
#   G5 OUTCOME 50-54     -                  missed
#   -                    P5 DOSE 60-65      spurious
GOLD = doc(
    [
        ent(0, 6, "CELL"),
        ent(10, 14, "CYTOKINE"),
        ent(20, 25, "CYTOKINE"),
        ent(30, 40, "DOSE"),
        ent(50, 54, "OUTCOME_SCORE"),
    ]
)
PRED = doc(
    [
        ent(0, 6, "CELL"),
        ent(10, 14, "VESICLE"),
        ent(20, 23, "CYTOKINE"),
        ent(30, 35, "CELL"),
        ent(60, 65, "DOSE"),
    ]
)


@pytest.fixture(scope="module")
def metrics() -> dict[str, Any]:
    return rounded(score_documents([GOLD], [PRED]))


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        # strict: P1 correct; P2, P3, P4 overlap a gold -> incorrect; P5 spurious; G5 missed.
        ("strict", counts(0.2, 0.2, 0.2, 1, 4, 4, 1, 3, 0, 1, 1, 5, 5)),
        # exact (boundaries only): P1, P2 correct; P3, P4 incorrect.
        ("exact", counts(0.4, 0.4, 0.4, 2, 3, 3, 2, 2, 0, 1, 1, 5, 5)),
        # partial (lenient): P1, P2 correct, P3, P4 half a point each -> tp = 3.
        ("partial", counts(0.6, 0.6, 0.6, 3, 2, 2, 2, 0, 2, 1, 1, 5, 5)),
        # type (overlap + label): P1, P3 correct; P2, P4 incorrect.
        ("type", counts(0.4, 0.4, 0.4, 2, 3, 3, 2, 2, 0, 1, 1, 5, 5)),
    ],
)
def test_micro_per_scheme(metrics: dict[str, Any], scheme: str, expected: dict) -> None:
    assert metrics["entities"][scheme]["micro"] == expected


def test_per_label_strict(metrics: dict[str, Any]) -> None:
    # Per label, each side is cut down to that label: P4 (CELL) has no CELL gold -> spurious.
    assert metrics["entities"]["strict"]["per_label"] == {
        "CELL": counts(0.5, 1.0, 2 / 3, 1, 1, 0, 1, 0, 0, 0, 1, 1, 2),
        "VESICLE": counts(0.0, 0.0, 0.0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1),
        "CYTOKINE": counts(0.0, 0.0, 0.0, 0, 1, 2, 0, 1, 0, 1, 0, 2, 1),
        "DOSE": counts(0.0, 0.0, 0.0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1),
        "OUTCOME_SCORE": counts(0.0, 0.0, 0.0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0),
    }
    # Macro: unweighted mean over the five labels in use.
    assert metrics["entities"]["strict"]["macro"] == rounded(
        {"precision": 0.1, "recall": 0.2, "f1": (2 / 3) / 5, "labels": 5}
    )


def test_per_label_cytokine_lenient(metrics: dict[str, Any]) -> None:
    per = {s: metrics["entities"][s]["per_label"]["CYTOKINE"] for s in ("partial", "type")}
    # Only P3 is a CYTOKINE prediction: half a point under partial, a full point under type.
    assert per == {
        "partial": counts(0.5, 0.25, 1 / 3, 0.5, 0.5, 1.5, 0, 0, 1, 1, 0, 2, 1),
        "type": counts(1.0, 0.5, 2 / 3, 1, 0, 1, 1, 0, 0, 1, 0, 2, 1),
    }


@pytest.mark.parametrize(
    ("pred_span", "partial_tp"),
    [
        ((4, 8), 0),  # touches gold 0-4 end to end: end-exclusive, so no overlap at all
        ((3, 8), 0.5),  # shares one character (offset 3): a partial match
        ((0, 4), 1),  # identical
    ],
    ids=["adjacent", "one-char-overlap", "identical"],
)
def test_offsets_are_end_exclusive(pred_span: tuple[int, int], partial_tp: float) -> None:
    m = score_documents([doc([ent(0, 4, "CYTOKINE")])], [doc([ent(*pred_span, "CYTOKINE")])])
    assert m["entities"]["partial"]["micro"]["tp"] == partial_tp


def test_norm_accuracy_on_strict_matches() -> None:
    gold = doc(
        [
            ent(0, 5, "CYTOKINE", "TNF-α"),
            ent(10, 15, "CYTOKINE", "IL-1β"),
            ent(20, 30, "DOSE", [{"text": "200 µg", "low": 200, "high": 200, "unit": "µg"}]),
            ent(40, 50, "DOSE", [{"low": v, "high": v, "unit": "µg/head"} for v in (1, 3, 10)]),
            ent(60, 70, "DOSE", [{"low": 5e6, "high": 5e6, "unit": "cells/kg"}]),
            ent(80, 86, "CELL", "ADMSC"),
        ]
    )
    pred = doc(
        [
            ent(0, 5, "CYTOKINE", "TNF-α"),  # right
            ent(10, 15, "CYTOKINE", "IL-1b"),  # wrong: Latin b
            # right: Greek mu (U+03BC) vs micro sign (U+00B5); text is not compared
            ent(
                20,
                30,
                "DOSE",
                [{"text": "200 \u03bcg", "low": 200.0, "high": 200.0, "unit": "\u03bcg"}],
            ),
            # right: same three values in another order
            ent(40, 50, "DOSE", [{"low": v, "high": v, "unit": "µg/head"} for v in (10, 1, 3)]),
            ent(60, 70, "DOSE", [{"low": 5e6, "high": 5e6, "unit": "cells"}]),  # wrong unit
            ent(80, 85, "CELL", "ADMSC"),  # not a strict match: not counted either way
        ]
    )
    acc = rounded(score_documents([gold], [pred])["entities"]["norm_accuracy"])
    assert acc == rounded(
        {
            "basis": "strict",
            "accuracy": 0.6,
            "correct": 3,
            "matched": 5,
            "per_label": {
                "CELL": {"accuracy": 0.0, "correct": 0, "matched": 0},
                "VESICLE": {"accuracy": 0.0, "correct": 0, "matched": 0},
                "CYTOKINE": {"accuracy": 0.5, "correct": 1, "matched": 2},
                "DOSE": {"accuracy": 2 / 3, "correct": 2, "matched": 3},
                "OUTCOME_SCORE": {"accuracy": 0.0, "correct": 0, "matched": 0},
            },
        }
    )


def test_perfect_prediction_scores_one() -> None:
    m = score_documents([GOLD], [GOLD])
    assert [m["entities"][s]["micro"]["f1"] for s in ("strict", "exact", "partial", "type")] == [
        1.0,
        1.0,
        1.0,
        1.0,
    ]


def test_empty_gold_and_pred_give_zero_counts() -> None:
    m = score_documents([doc([])], [doc([])])
    assert m["entities"]["strict"]["micro"] == counts(0.0, 0.0, 0.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert m["entities"]["strict"]["macro"]["labels"] == 0


_spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 8), st.sampled_from(["CELL", "DOSE", "CYTOKINE"])),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(gold=_spans, pred=_spans)
def test_splitting_into_overlap_runs_changes_no_count(gold: list, pred: list) -> None:
    # Scoring is linear because each run of overlapping mentions is scored on its own; that
    # must give nervaluate's exact counts on the whole document.
    g = [ent(s, s + n, lab) for s, n, lab in gold]
    p = [ent(s, s + n, lab) for s, n, lab in pred]
    parts = split_components(g, p)
    assert score_schemes([a for a, _ in parts], [b for _, b in parts]) == score_schemes([g], [p])


def test_an_exact_hit_is_not_used_up_by_an_earlier_overlap() -> None:
    # nervaluate matches predictions greedily in list order: fed (5,15) before (10,20) it would
    # give gold (10,20) to the overlap and call the exact hit spurious (tp 0). Exact hits go first.
    m = score_documents(
        [doc([ent(10, 20, "CELL")])], [doc([ent(5, 15, "CELL"), ent(10, 20, "CELL")])]
    )
    s = m["entities"]["strict"]["micro"]
    assert (s["tp"], s["fp"], s["fn"], s["spurious"], s["incorrect"]) == (1, 1, 0, 1, 0)
