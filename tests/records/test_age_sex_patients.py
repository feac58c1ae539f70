"""An age with a human noun ("a 41-year-old woman", "a 10-month-old boy") names a patient:
the model is human and the sample is one; an age with an animal noun stays with the animal.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from extractor.records import fields as F

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import whole_text
except ImportError:
    from records_helpers import whole_text  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A 41-year-old woman with plaque disease received ADSCs; fibroblasts were spared.",
            "human",
        ),
        ("a 12-year-old boy was given SVF into the forehead; keratinocytes recovered", "human"),
        ("An 18-month-old infant with severe eczema received UC-MSCs.", "human"),
        ("a 66-year-old Japanese man received exosome injections", "human"),
        ("a 5 year old girl received three sessions of fat grafting", "human"),
        ("a seven-year-old child received ADSC-exosomes into the scalp", "human"),
        ("a 3-week-old neonate with epidermolysis bullosa was treated", "human"),
        # counter-examples: an age on an animal stays with that animal
        ("a 6-year-old dog with atopic dermatitis received ADSCs", "dog"),
        ("a 4-year-old male beagle was injected with MSCs", "dog"),
        ("Ten-week-old female mice were injected with exosomes", "mouse"),
        ("8-week-old BALB/c mice received EVs", "mouse"),
        ("a 2-year-old rat was treated", "rat"),
    ],
)
def test_age_and_sex_phrase_is_a_human_cue(text: str, expected: str) -> None:
    assert F.model(text, whole_text(text)).value == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("A 41-year-old woman received ADSCs intralesionally.", "human", 1),
        ("An 18-month-old infant received UC-MSCs.", "human", 1),
        ("a 9-week-old baby was treated with MSCs", "human", 1),
        ("a 15-year-old adolescent received SVF", "human", 1),
        # counter-examples: animals are never counted by the case-report opening
        ("a 6-year-old dog received ADSCs", "dog", None),
        ("Ten-week-old female mice were injected", "mouse", None),
    ],
)
def test_age_and_sex_phrase_counts_one_patient(text: str, model: str, expected: int | None) -> None:
    assert F.sample_size(text, whole_text(text), model).value == expected
