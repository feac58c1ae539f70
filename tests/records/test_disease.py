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


_BURN_ARTICLE = (
    "Zhang R, Chen H. Stem cell vesicles in a hydrogel heal deep partial-thickness burns in "
    "pigs. Burns. 2023;49(6):1398-409. doi:10.1016/j.burns.2022.11.014\n"
    "Abstract\nDeep partial-thickness burns leave hypertrophic scars. Six pigs each carried "
    "eight burns; at day 60 the Vancouver Scar Scale was lower after EVs.\n"
)


def test_the_condition_the_title_names_outranks_a_sequel_scored_as_an_outcome() -> None:
    # keep: the title names burns, the hypertrophic scar is what the outcome scale scores
    assert _found(_BURN_ARTICLE).value == "other: burn"


def test_without_a_title_the_longest_name_still_wins() -> None:
    # drop: no title of its own, so the rule does not apply (the longest name is taken)
    text = "Deep partial-thickness burns leave hypertrophic scars in six pigs."
    assert _found(text).value == "other: hypertrophic scar"
