"""Cytokine directions: an in-vitro stimulus ("exposed HaCaT cells to IL-17A", "an IL-4/IL-13
model", "IL-4-primed") is not the therapy's effect, even in a sentence that also lists
effects; a stimulus cytokine that is later measured takes the effect's direction; a trend
"without reaching significance" is no change. Sentences written for these tests."""

from __future__ import annotations

import pytest

from extractor.records import fields as F
from extractor.types import CytokineEffect

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import by_sentence, mark, whole_text
except ImportError:
    from records_helpers import by_sentence, mark, whole_text  # type: ignore[no-redef]

_NAMES = ("IL-4", "IL-6", "IL-8", "IL-10", "IL-13", "IL-17A", "IFN-γ", "IFNγ", "TNF-α", "CCL17")


def _directions(text: str) -> tuple[CytokineEffect, ...]:
    ents = mark(text, [(n, "CYTOKINE", "IFN-γ" if n == "IFNγ" else n) for n in _NAMES])
    pieces = whole_text(text)
    return F.cytokines(text, ents, pieces, [])[0]


def _by_sentence(text: str) -> tuple[CytokineEffect, ...]:
    ents = mark(text, [(n, "CYTOKINE", "IFN-γ" if n == "IFNγ" else n) for n in _NAMES])
    pieces = by_sentence(text)
    return F.cytokines(text, ents, pieces, [])[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cells named between the verb and "to"/"with"
        (
            "Keratinocytes were stimulated with IL-17A and IFN-γ, and the exosomes reduced IL-6 "
            "and IL-8.",
            [("IL-6", "down"), ("IL-8", "down")],
        ),
        (
            "We exposed HaCaT cells to IL-17A and IFNγ (20 ng/mL each) and then added ADSC-Exos, "
            "which lowered IL-6.",
            [("IL-6", "down")],
        ),
        (
            "The authors challenged the keratinocytes with IL-4 and IL-13 before adding the "
            "vesicles, which decreased CCL17.",
            [("CCL17", "down")],
        ),
        # a cytokine naming the model or the priming
        (
            "The vesicles restored barrier proteins in an IL-4/IL-13 model of atopic skin.",
            [],
        ),
        ("In IL-4-primed macrophages, the exosomes increased IL-10.", [("IL-10", "up")]),
        (
            "In the IFN-γ-driven model, MSC-EVs lowered TNF-α.",
            [("TNF-α", "down")],
        ),
    ],
)
def test_stimuli_are_not_effects(text: str, expected: list) -> None:
    assert _directions(text) == tuple(CytokineEffect(n, d) for n, d in expected)


def test_stimulus_then_measured_takes_the_effect_direction() -> None:
    text = (
        "Keratinocytes were exposed to IL-4 and IL-13 for 24 h. "
        "After co-culture with the vesicles, IL-13 and TNF-α production fell."
    )
    assert _by_sentence(text) == (CytokineEffect("IL-13", "down"), CytokineEffect("TNF-α", "down"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "IL-6 was reduced, and TNF-α trended lower without reaching significance.",
            [("IL-6", "down"), ("TNF-α", None)],
        ),
        (
            "The exosomes produced a non-significant trend towards lower IL-8.",
            [("IL-8", None)],
        ),
        (
            "IL-10 tended to rise without achieving statistical significance.",
            [("IL-10", None)],
        ),
        (
            "PASI fell after the infusions, while serum IL-4 and IFN-γ stayed within normal "
            "limits.",
            [("IL-4", None), ("IFN-γ", None)],
        ),
        ("IL-6 remained within the normal range.", [("IL-6", None)]),
        # counter-example: a significant trend keeps its direction
        ("IL-8 was significantly reduced.", [("IL-8", "down")]),
    ],
)
def test_trends_without_significance_have_no_direction(text: str, expected: list) -> None:
    assert _directions(text) == tuple(CytokineEffect(n, d) for n, d in expected)
