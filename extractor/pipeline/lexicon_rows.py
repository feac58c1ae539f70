"""Lexicon rows and what matching makes of them: the types shared by the matcher's modules.

A row (``models/lexicons/*.jsonl``) is validated here, reduced to a :class:`Concept`, and
each of its synonyms to :class:`_Variant` keys; :class:`Match` is a candidate with exact
character offsets. The case rules for abbreviations live here too: they judge a variant
against the atoms of the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from extractor.normalize.folding import GREEK_WORDS, Atom

ROW_KEYS = {
    "id",
    "label",
    "name",
    "synonyms",
    "source",
    "status",
    "species_prefix",
    "cell_line",
    "drop_synonyms",
    "compound_synonyms",
}
LABELS = {"CELL", "VESICLE", "CYTOKINE", "DOSE", "OUTCOME_SCORE"}

# Confidence is a prior on the kind of evidence, not a trained probability (models/README.md).
CONF_CURATED = 0.95
CONF_GENERATED = 0.85
CASE_PENALTY = 0.9
CONF_ELLIPSIS = 0.8


@dataclass(frozen=True, slots=True)
class Concept:
    """One lexicon row, reduced to what a match needs."""

    label: str
    norm: str
    id: str | None
    source: str
    confidence: float
    cell_line: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate mention with exact offsets into the matched text."""

    start: int
    end: int
    label: str
    norm: str
    id: str | None
    confidence: float
    source: str


@dataclass(frozen=True, slots=True)
class _Variant:
    concept: int
    raws: tuple[str, ...]  # synonym atoms as written (case check)
    gaps: tuple[str, ...]  # synonym's internal gaps (an unusual gap such as "." must match)
    tight: tuple[bool, ...]  # atom must be glued or hyphenated (Latin stand-in for Greek)
    case_sensitive: bool
    has_tight: bool = False  # any(tight), precomputed: most variants have none


@dataclass(frozen=True, slots=True)
class Blocker:
    """Drop a ``label`` match when the text right after it matches ``after`` or the text
    right before it ends with ``before`` ("nuclear factor of activated | T cells")."""

    label: str
    after: re.Pattern[str] | None
    source: str
    before: re.Pattern[str] | None = None


def validate_row(row: Mapping[str, Any], where: str = "lexicon") -> None:
    """Reject rows with unknown keys or labels (medspaCy TargetRule style), naming the row."""
    unknown = set(row) - ROW_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)} in row {row.get('name')!r}")
    if row.get("label") not in LABELS:
        raise ValueError(f"{where}: bad label {row.get('label')!r} in row {row.get('name')!r}")
    if not row.get("name") or not isinstance(row.get("synonyms"), list):
        raise ValueError(f"{where}: row needs 'name' and a 'synonyms' list: {row!r}")


def _case_sensitive(syn: str, atoms: list[Atom]) -> bool:
    # Abbreviations (an atom with a capital after its first letter, or one short atom) are
    # case-sensitive on their capitals: IGA is a score, IgA an antibody. Title Case names
    # ("Peak Pruritus Numerical Rating Scale") are not: prose writes them in lower case.
    if any(any(c.isupper() for c in a.raw[1:]) for a in atoms):
        return True
    return len(atoms) == 1 and len(syn) <= 4 and syn[:1].isupper()


def _case_ok(raws: tuple[str, ...], atoms: list[Atom]) -> bool:
    # Only the first lettered atom is checked: that is where an abbreviation differs from
    # a word or another molecule (IGA/IgA, LIGHT/light); later atoms vary with species
    # notation (FOXP3/Foxp3) without changing the concept.
    for want, got in zip(raws, atoms, strict=True):
        if want.lower() in GREEK_WORDS or not want.isalpha() or not want.isascii():
            continue
        return all(b.isupper() for a, b in zip(want, got.raw, strict=False) if a.isupper())
    return True


def _plural_of_capitals(raws: tuple[str, ...], seq: list[Atom]) -> bool:
    """A one-word capital acronym written with a plural "s" ("KCs" for the chemokine KC):
    cells are counted ("KCs", "DCs"), a protein named by its acronym is not."""
    return (
        len(raws) == 1 and raws[0].isalpha() and raws[0].isupper() and seq[0].raw == raws[0] + "s"
    )
