"""Disease vocabulary (acne scar subtypes, pressure ulcers, a generic "chronic wound" that
yields to a named condition) and sample sizes written as number word + modifiers + animal
noun. Sentences written for these tests, in the notations papers use."""

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
        ("SVF grafting for atrophic acne scars of the cheeks in 20 patients", "acne scars"),
        ("Atrophic acne scarring improved after three sessions.", "acne scars"),
        ("patients with ice-pick acne scars received exosome gel", "acne scars"),
        ("Boxcar and rolling scars were treated with fractional laser plus ADSC-CM.", "acne scars"),
        ("a split-face trial in post-acne scars", "acne scars"),
        ("moderate icepick scars on both temples", "acne scars"),
        # counter-examples: other scars keep their own name, active acne stays acne vulgaris
        ("22 patients with hypertrophic burn scars", "other: hypertrophic burn scar"),
        ("surgical scars of the abdomen were injected with SVF", "other: surgical scar"),
        ("inflammatory acne lesions on the face", "acne vulgaris"),
    ],
)
def test_acne_scar_subtypes_are_acne_scars(text: str, expected: str) -> None:
    assert F.disease(text, whole_text(text)).value == expected


def test_atrophic_acne_scars_cast_no_vote_for_another_scar() -> None:
    text = "Fractional laser with ADSCs for atrophic acne scars."
    found = F.disease(text, whole_text(text))
    assert (found.value, found.share) == ("acne scars", 1.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pressure ulcers were created in aged rats with magnets; ADSC-Exos may help "
            "chronic wounds in the elderly.",
            "other: pressure ulcer",
        ),
        ("Stage III pressure injuries healed faster after SVF.", "other: pressure ulcer"),
        ("a decubitus ulcer model in mice; chronic skin wounds", "other: pressure ulcer"),
        ("MSC sheets on sacral bedsores of 6 patients", "other: pressure ulcer"),
        ("chronic wounds: diabetic foot ulcers treated with ADSCs", "other: diabetic foot ulcer"),
        # counter-examples: the generic name is kept when no specific condition is named
        ("ADSC-Exos accelerate the closure of chronic wounds in mice.", "other: chronic wound"),
        ("non-healing wounds of 10 patients", "other: non-healing wound"),
        # "pressure" alone names no condition
        ("blood pressure was stable; chronic wounds closed", "other: chronic wound"),
    ],
)
def test_a_named_ulcer_outranks_the_generic_chronic_wound(text: str, expected: str) -> None:
    assert F.disease(text, whole_text(text)).value == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        (
            "Twelve client-owned dogs (aged 2–8 years) with atopic dermatitis were enrolled.",
            "dog",
            12,
        ),
        ("Eight privately owned dogs received ADSCs intravenously.", "dog", 8),
        ("nine purpose-bred beagle dogs were injected", "dog", 9),
        ("Fifteen client-owned cats with chronic gingivostomatitis received MSCs.", None, 15),
        ("Ten specific-pathogen-free rats were treated with exosomes.", "rat", 10),
        ("20 treatment-naive adult patients were randomised", "human", 20),
        # counter-examples: a control arm, an age written as a hyphenated number, a completer
        ("Six vehicle-treated mice served as controls.", "mouse", None),
        ("Six-week-old male BALB/c mice", "mouse", None),
        ("only ten client-owned dogs completed the study", "dog", None),
    ],
)
def test_number_word_modifiers_and_animal_noun(
    text: str, model: str | None, expected: int | None
) -> None:
    assert F.sample_size(text, whole_text(text), model).value == expected
