"""Outcome values with time points between the numbers ("from 3.4 on day 0 to 1.2", "was 18.6
at baseline; at month 3 it was 7.2") and a score taken up again by "it" after its baseline
value (README "Fields"). Time-point numbers, durations and percentages are not values."""

from __future__ import annotations

import pytest

from extractor.records import fields as F
from extractor.types import Outcome

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import by_sentence, mark
except ImportError:
    from records_helpers import by_sentence, mark  # type: ignore[no-redef]

SCORES = [
    ("Severity Scoring of Atopic Dermatitis", "OUTCOME_SCORE", "SCORAD"),
    ("SCORAD", "OUTCOME_SCORE", "SCORAD"),
    ("PASI", "OUTCOME_SCORE", "PASI"),
    ("mRSS", "OUTCOME_SCORE", "mRSS"),
    ("DLQI", "OUTCOME_SCORE", "DLQI"),
]


def _outcomes(text: str) -> tuple[Outcome, ...]:
    return F.outcomes(text, mark(text, SCORES), by_sentence(text))[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time point after the first value of "from X to Y"
        ("The PASI fell from 22.5 on day 0 to 6.1.", Outcome("PASI", 22.5, 6.1)),
        ("mRSS went from 27 at week 0 to 19 at week 24.", Outcome("mRSS", 27.0, 19.0)),
        ("SCORAD decreased from 48.3 at enrollment to 20.4.", Outcome("SCORAD", 48.3, 20.4)),
        ("PASI improved from 14, at baseline, to 5.", Outcome("PASI", 14.0, 5.0)),
        # "to Y (time) from X (time)"
        (
            "DLQI decreased to 4 at month 6 from 15 at baseline.",
            Outcome("DLQI", 15.0, 4.0),
        ),
        ("PASI declined to 3.3 from 12.9.", Outcome("PASI", 12.9, 3.3)),
        # "X at baseline; (time) it was Y"
        ("The mRSS was 31 at baseline; at month 6 it was 22.", Outcome("mRSS", 31.0, 22.0)),
        ("DLQI was 17 at baseline, and at week 8 it had fallen to 9.", Outcome("DLQI", 17.0, 9.0)),
        # an arrow
        ("PASI 18.6 → 7.2 after three infusions.", Outcome("PASI", 18.6, 7.2)),
    ],
)
def test_values_around_time_points(text: str, expected: Outcome) -> None:
    assert _outcomes(text) == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # baseline cue before the score, the final value in "it" in the next sentence
        (
            "At enrolment the mean SCORAD score was 52.0 in the treated arm. By week 16 it had "
            "decreased to 24.5, against 41.0 with vehicle.",
            Outcome("SCORAD", 52.0, 24.5),
        ),
        (
            "Before the first injection, the PASI activity score was 19.1; at month 3 it was 8.4.",
            Outcome("PASI", 19.1, 8.4),
        ),
        # a long form with its abbreviation, a time phrase before "was"
        (
            "The Severity Scoring of Atopic Dermatitis (SCORAD) at screening was 60. Eight weeks "
            "after the infusion it was 35.",
            Outcome("SCORAD", 60.0, 35.0),
        ),
    ],
)
def test_final_value_taken_up_by_it(text: str, expected: Outcome) -> None:
    assert _outcomes(text) == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        # durations, percentages and time points are not values
        "PASI was assessed from week 0 to week 12.",
        "The PASI response rose from 40% at week 4 to 65%.",
        "PASI was recorded from day 0 to day 28.",
        # "it" without a baseline statement gives no pair
        "The PASI was high. At month 3 it was 7.2.",
        # another score comes between: "it" is not the first score
        "At baseline the PASI was 20. The DLQI was then scored, and at month 3 it was 7.",
        # "it" two sentences later is too far
        "At baseline the PASI was 20. Biopsies were taken. At month 3 it was 7.",
    ],
)
def test_no_values(text: str) -> None:
    got = _outcomes(text)
    assert all(o.baseline is None and o.final is None for o in got), got
