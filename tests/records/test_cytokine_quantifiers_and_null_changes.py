"""Cytokine directions: "more"/"greater" right before a list is an increase; a list whose
own clause follows an earlier clause closed by ", and" takes its own predicate; a change
reported as not significant, "neither … nor", "changed neither" and "but not" are no change
(direction None). Sentences written for these tests, in the notations papers use."""

from __future__ import annotations

import pytest

from extractor.records import fields as F
from extractor.types import CytokineEffect

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import mark, whole_text
except ImportError:
    from records_helpers import mark, whole_text  # type: ignore[no-redef]

_NAMES = (
    "IL-4",
    "IL-5",
    "IL-6",
    "IL-8",
    "IL-10",
    "IL-13",
    "IL-17",
    "IL-17A",
    "IL-1β",
    "IFN-γ",
    "TNF-α",
    "TNF-alpha",
    "TGF-β",
    "TGF-β1",
    "VEGF",
    "HGF",
)


def _directions(text: str) -> tuple[CytokineEffect, ...]:
    ents = mark(text, [(n, "CYTOKINE", "TNF-α" if n == "TNF-alpha" else n) for n in _NAMES])
    found, _, _ = F.cytokines(text, ents, whole_text(text), [])
    return found


def _expect(items: list[tuple[str, str | None]]) -> tuple[CytokineEffect, ...]:
    return tuple(CytokineEffect(n, d) for n, d in items)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second list quantified by "more" after one quantified by "less"
        (
            "Exosome-treated wounds contained less TNF-alpha and IL-6 and more VEGF, HGF and "
            "IL-10 than vehicle wounds.",
            [("TNF-α", "down"), ("IL-6", "down"), ("VEGF", "up"), ("HGF", "up"), ("IL-10", "up")],
        ),
        (
            "Macrophages cultured with ADSC-EVs secreted more IL-10 and less IL-1β.",
            [("IL-10", "up"), ("IL-1β", "down")],
        ),
        (
            "MSC-treated mice showed greater TGF-β1 and VEGF staining in the dermis.",
            [("TGF-β1", "up"), ("VEGF", "up")],
        ),
        (
            "After the infusions, lower IL-17 but more IL-10 was measured.",
            [("IL-17", "down"), ("IL-10", "up")],
        ),
        # counter-examples: "more" that does not quantify the list
        ("The exosomes were more effective than the cells at reducing IL-6.", [("IL-6", "down")]),
        ("More patients in the cell arm had lower IL-17 at week 12.", [("IL-17", "down")]),
        ("IL-13 was reduced more strongly after intradermal dosing.", [("IL-13", "down")]),
    ],
)
def test_more_before_a_list_is_an_increase(text: str, expected: list) -> None:
    assert _directions(text) == _expect(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb of a clause closed by ", and" does not govern the next list
        (
            "Plasma IL-4 decreased, and IL-10 and TGF-β increased after the infusions.",
            [("IL-4", "down"), ("IL-10", "up"), ("TGF-β", "up")],
        ),
        (
            "Serum IL-5 and IL-13 fell, IFN-γ was unchanged, and IL-10 and TGF-β1 rose at "
            "weeks 4 and 8.",
            [
                ("IL-5", "down"),
                ("IL-13", "down"),
                ("IFN-γ", None),
                ("IL-10", "up"),
                ("TGF-β1", "up"),
            ],
        ),
        # counter-examples: a verb that governs the list is still split from the next clause
        (
            "ADSC-Exos restored IL-10 and IL-6 levels were reduced.",
            [("IL-10", "up"), ("IL-6", "down")],
        ),
        (
            "The vesicles raised IL-10, and IL-6 and IL-8 were suppressed.",
            [("IL-10", "up"), ("IL-6", "down"), ("IL-8", "down")],
        ),
    ],
)
def test_a_list_after_a_closed_clause_takes_its_own_predicate(text: str, expected: list) -> None:
    assert _directions(text) == _expect(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change reported as not significant
        ("TNF-alpha showed a downward trend that was not significant.", [("TNF-α", None)]),
        ("A non-significant decrease in IL-6 followed the MSC infusion.", [("IL-6", None)]),
        ("The reduction in IL-17 did not reach significance.", [("IL-17", None)]),
        ("IL-13 fell slightly, which was not statistically significant.", [("IL-13", None)]),
        (
            "IL-10 rose, whereas the fall in IL-6 was not significant.",
            [("IL-10", "up"), ("IL-6", None)],
        ),
        # neither / nor, "but not"
        (
            "Both products lowered IL-17A, and neither changed IFN-γ.",
            [("IL-17A", "down"), ("IFN-γ", None)],
        ),
        ("The cells changed neither IL-4 nor IL-13.", [("IL-4", None), ("IL-13", None)]),
        ("Neither IL-4 nor IL-13 changed after treatment.", [("IL-4", None), ("IL-13", None)]),
        (
            "The vesicles lowered TGF-β1 and IL-13 but not IL-4.",
            [("TGF-β1", "down"), ("IL-13", "down"), ("IL-4", None)],
        ),
        # counter-examples: significance or a negation elsewhere does not reach the list
        ("IL-6 decreased significantly after the infusions.", [("IL-6", "down")]),
        ("Neither dose was toxic; both reduced IL-6.", [("IL-6", "down")]),
        ("The exosomes did not alter body weight but reduced IL-8.", [("IL-8", "down")]),
        ("Not only MSCs but also their exosomes increased IL-10.", [("IL-10", "up")]),
    ],
)
def test_non_significant_and_neither_nor_changes_have_no_direction(
    text: str, expected: list
) -> None:
    assert _directions(text) == _expect(expected)
