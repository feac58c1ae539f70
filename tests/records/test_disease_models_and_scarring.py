"""The disease of a study that names only its disease model ("atopic keratinocytes",
"a psoriasiform skin model", "AD-like HaCaT cells"), and scars of burns kept in the
`other: …` convention (SCHEMA has no general scar value; acne scars are acne's).
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
        ("ADSC-EVs were tested in an in vitro model of atopic dermatitis.", "atopic dermatitis"),
        ("AD-like inflammation was induced in HaCaT cells with IL-4.", "atopic dermatitis"),
        ("Th2 cytokines turned NHEKs into atopic keratinocytes.", "atopic dermatitis"),
        ("a 3D atopic skin model built from primary cells", "atopic dermatitis"),
        ("exosomes restored barrier proteins in an atopic skin equivalent", "atopic dermatitis"),
        ("the cytokine cocktail mimics the atopic milieu of lesions", "atopic dermatitis"),
        ("psoriasis-like keratinocytes were treated with MSC-CM", "psoriasis"),
        ("IL-17A created psoriasiform keratinocytes in culture", "psoriasis"),
        ("an imiquimod-induced psoriasiform dermatitis in mice", "psoriasis"),
        # counter-examples: 'atopic' on a person or another organ names no skin disease
        ("atopic donors gave PBMCs for the co-culture", None),
        ("the atopic march begins in infancy", None),
        # a named disease outweighs the weak model cue
        ("psoriasiform lesions in patients with atopic dermatitis", "atopic dermatitis"),
    ],
)
def test_disease_from_the_model_it_names(text: str, expected: str | None) -> None:
    assert F.disease(text, whole_text(text)).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deep dermal burns in pigs led to hypertrophic scarring.", "other: hypertrophic scar"),
        (
            "ADSCs reduced post-burn hypertrophic scars in 14 patients",
            "other: post-burn hypertrophic scar",
        ),
        ("exosomes were injected into burn scars of rabbit ears", "other: burn scar"),
        ("surgical scarring of the abdomen after caesarean section", "other: surgical scar"),
        ("a burn scar contracture of the hand", "other: burn scar"),
        # counter-examples: burns without a scar stay burns, acne scarring stays acne scars
        ("second-degree burns healed faster after MSC spraying", "other: burn"),
        ("atrophic scarring after acne was treated with fractional laser", "acne scars"),
    ],
)
def test_burn_scars_keep_the_other_convention(text: str, expected: str) -> None:
    assert F.disease(text, whole_text(text)).value == expected
