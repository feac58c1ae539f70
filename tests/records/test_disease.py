"""extractor.records.disease.manifestation_only: a manifestation category ("chronic wounds")
found alone, which a specific disorder named in a study's wider pieces replaces."""

from __future__ import annotations

from extractor.records import fields as F
from extractor.records.disease import manifestation_only


def _found(text: str) -> F.Found:
    return F.disease(text, [F.Piece(0, len(text), 1.0, F.PARAGRAPH)])


def test_a_manifestation_category_alone_is_manifestation_only() -> None:
    text = "BM-MSCs were injected into the margins of chronic wounds in six adults."
    assert manifestation_only(text, _found(text))


def test_a_named_disorder_is_not() -> None:
    text = "BM-MSCs were injected into chronic wounds of patients with epidermolysis bullosa."
    found = _found(text)
    assert found.value == "other: epidermolysis bullosa"
    assert not manifestation_only(text, found)
