"""find_doses on the review text: every dose a reader marks, exact boundaries, nothing else.

The expected list below is a hand reading of the review (fimmu-2025-1617157, SCHEMA §1 and
gold/GUIDELINES.md §5), written before looking at the finder's output; the finder's rules
are notation rules and do not know these sentences.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from extractor.normalize.dose import find_doses

M = "µg"
# (span text, [(low, high, unit) ...]) in document order; repeated spans appear as often
# as the text has them.
EXPECTED: list[tuple[str, list[tuple[float, float, str | None]]]] = [
    ("0.5–3.1 million cells/kg", [(5e5, 3.1e6, "cells/kg")]),
    ("0,5-3.1 million cells/kg", [(5e5, 3.1e6, "cells/kg")]),
    ("3 ml", [(3, 3, "mL")]),
    ("5×106", [(5e6, 5e6, None)]),
    ("1×106 or 3×106 cells/cm2", [(1e6, 1e6, "cells/cm2"), (3e6, 3e6, "cells/cm2")]),
    ("0.5×106 cells/kg", [(5e5, 5e5, "cells/kg")]),
    ("3.7×109 cells/cm2", [(3.7e9, 3.7e9, "cells/cm2")]),
    ("200 μg", [(200, 200, M)]),
    ("200 µg", [(200, 200, M)]),
    ("100 μg or 200 μg", [(100, 100, M), (200, 200, M)]),
    ("2 × 105", [(2e5, 2e5, None)]),
    ("2 × 106", [(2e6, 2e6, None)]),
    ("2 × 105", [(2e5, 2e5, None)]),
    ("2 × 106", [(2e6, 2e6, None)]),
    ("1.3 million cells/kg", [(1.3e6, 1.3e6, "cells/kg")]),
    (
        "7.45 × 108 (low dose), 2.98 × 109 (mid-dose), and 1.19 × 1010 (high dose) particles/20 g",
        [
            (7.45e8, 7.45e8, "particles/20 g"),
            (2.98e9, 2.98e9, "particles/20 g"),
            (1.19e10, 1.19e10, "particles/20 g"),
        ],
    ),
    ("2 × 106 cells/head", [(2e6, 2e6, "cells/head")]),
    ("2 × 1010 particles/head", [(2e10, 2e10, "particles/head")]),
    (
        "0.14 μg/head, 1.4 μg/head, and 10 μg/head",
        [(0.14, 0.14, "µg/head"), (1.4, 1.4, "µg/head"), (10, 10, "µg/head")],
    ),
    ("1, 3, and 10 μg/head", [(1, 1, "µg/head"), (3, 3, "µg/head"), (10, 10, "µg/head")]),
    ("25 μg/cm2", [(25, 25, "µg/cm2")]),
    ("2.0 × 109 particles/mL", [(2e9, 2e9, "particles/mL")]),
    ("25 to 400 ng", [(25, 400, "ng")]),
    ("1 ng/mL or 2.5 ng/mL", [(1, 1, "ng/mL"), (2.5, 2.5, "ng/mL")]),
    ("1× 106 cells", [(1e6, 1e6, "cells")]),
    ("9.78×1010 particles/ml", [(9.78e10, 9.78e10, "particles/mL")]),
    ("1.63×1010 particles/ml", [(1.63e10, 1.63e10, "particles/mL")]),
    ("1.3 million cells/kg", [(1.3e6, 1.3e6, "cells/kg")]),
]


def _anchor(text: str) -> list[tuple[int, int]]:
    """Offsets of the expected spans, each searched after the previous one."""
    out, pos = [], 0
    for span, _ in EXPECTED:
        start = text.index(span, pos)
        out.append((start, start + len(span)))
        pos = start + len(span)
    return out


def test_review_doses_exact(review_text: str) -> None:
    got = find_doses(review_text)
    want = _anchor(review_text)
    got_spans = [(m.start, m.end) for m in got]
    missing = [review_text[a:b] for a, b in want if (a, b) not in got_spans]
    spurious = [m.text for m in got if (m.start, m.end) not in want]
    assert not missing and not spurious, f"missing={missing} spurious={spurious}"
    for m, (_, doses) in zip(got, EXPECTED, strict=True):
        assert len(m.doses) == len(doses), m.text
        for d, (lo, hi, unit) in zip(m.doses, doses, strict=True):
            assert math.isclose(d.low, lo, rel_tol=1e-9), m.text
            assert math.isclose(d.high, hi, rel_tol=1e-9), m.text
            assert d.unit == unit, m.text


@pytest.mark.parametrize(
    "decoy",
    [
        "21.6 to 9.0",  # score change
        "2 to 3 weeks",  # duration
        "0.27% to 11.4%",  # percentages
        "Six-week-old",  # age
        "25 patients",  # sample size
        "133:377–85",  # volume and pages
        "9.7 months",
        "3.5- to 5-fold",
        "(2016)",  # year
    ],
)
def test_review_decoys_are_not_doses(review_text: str, decoy: str) -> None:
    start = review_text.index(decoy)  # the decoy is really in the review
    hits = [m for m in find_doses(review_text) if m.start < start + len(decoy) and start < m.end]
    assert hits == []


GOLD_REVIEW = Path(__file__).resolve().parents[2] / "gold" / "review.jsonl"


def test_review_doses_match_gold() -> None:
    """Strict spans and dose objects against the adjudicated gold, which others wrote."""
    docs = [json.loads(line) for line in GOLD_REVIEW.read_text(encoding="utf-8").splitlines()]
    for doc in docs:
        gold = {(e["start"], e["end"]): e["norm"] for e in doc["entities"] if e["label"] == "DOSE"}
        got = {(m.start, m.end): m.doses for m in find_doses(doc["text"])}
        assert gold, "the gold has DOSE mentions"
        assert set(got) == set(gold)
        for key, doses in got.items():
            want = [(d["low"], d["high"], d["unit"]) for d in gold[key]]
            assert len(doses) == len(want), key
            for d, (lo, hi, unit) in zip(doses, want, strict=True):
                assert math.isclose(d.low, lo) and math.isclose(d.high, hi), key
                assert d.unit == unit, key
