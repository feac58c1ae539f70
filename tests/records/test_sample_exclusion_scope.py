"""An exclusion word ("screened", "completed", "donors") drops only the count whose noun
phrase it follows, and none that goes on to randomisation (CONSORT 2010 item 13a: the number
randomly assigned is the sample). Sentences written for these tests."""

from __future__ import annotations

import pytest

from extractor.records import fields as F

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import whole_text
except ImportError:
    from records_helpers import whole_text  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # keep: the exclusion word belongs to another count, or goes on to randomisation
        ("Of 612 subjects screened, 258 were randomised to exosomes or saline.", "human", 258),
        ("Of 90 patients screened, 64 were enrolled and treated with MSCs.", "human", 64),
        ("In total, 120 adults were screened and randomised to UC-MSCs or placebo.", "human", 120),
        ("Overall, 48 patients (24 per arm) completed randomisation to ADSCs.", "human", 48),
        ("Cells from 3 donors were infused into 20 patients with scleroderma.", "human", 20),
        # drop: the exclusion word follows the count itself
        ("Thirty patients completed the 12-week study.", "human", None),
        ("Of 40 patients screened, 12 were excluded.", "human", None),
        ("Twenty patients were screened; eight withdrew before infusion.", "human", None),
        ("Keratinocytes were obtained from 5 healthy donors.", "human", None),
    ],
)
def test_an_exclusion_drops_the_count_it_describes(
    text: str, model: str, expected: int | None
) -> None:
    assert F.sample_size(text, whole_text(text), model).value == expected


def test_a_bare_count_before_randomised_is_read_only_with_the_verb() -> None:
    text = "At week 12, 258 were in remission and 12 were unchanged."
    assert F.sample_size(text, whole_text(text), "human").value is None
