"""``extractor_abbrev_propagator``: a defined abbreviation inherits its long form's label and norm.

scispaCy's AbbreviationDetector (Schwartz & Hearst 2003) pairs "adipose-derived stem cells
(ASCs)" and lists every later "ASCs". If a candidate span ends where the long form ends
(the long form's head), each occurrence of the short form becomes a candidate with that
label, norm and id. Two more document-level decisions follow from the definition:
- a short form defined with a long form that holds no candidate at all ("atopic
  dermatitis (AD)", "apoptosis-associated speck-like protein (ASC)") is not an entity in
  this document, so lexicon candidates on that short form are dropped;
- when the short form is a more specific member of the long form's concept (long form
  norm ``CADESI``, short form ``CADESI-03``), the long form takes the specific norm.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from extractor.pipeline.abbrev_detect import (
    DefinitionDetector,
    ParenthesisMatcher,
    abbreviation_pairs,
)
from extractor.pipeline.abbrev_forms import ABBREV_CONFIDENCE, MAX_WIDEN_WORDS, at_short_same
from extractor.pipeline.abbrev_propagate import propagate
from extractor.pipeline.extensions import register_extensions

__all__ = [
    "ABBREV_CONFIDENCE",
    "MAX_WIDEN_WORDS",
    "AbbrevPropagator",
    "DefinitionDetector",
    "ParenthesisMatcher",
    "abbreviation_pairs",
    "at_short_same",
    "make_abbrev_propagator",
    "make_abbreviation_detector",
    "propagate",
]


@Language.factory(
    "extractor_abbreviation_detector",
    assigns=["doc._.abbreviations"],
    default_config={},
)
def make_abbreviation_detector(nlp: Language, name: str) -> DefinitionDetector:
    return DefinitionDetector(nlp, name=name)


@Language.factory(
    "extractor_abbrev_propagator",
    requires=[],
    assigns=["doc.spans"],
    default_config={},
)
def make_abbrev_propagator(nlp: Language, name: str) -> AbbrevPropagator:
    register_extensions()
    return AbbrevPropagator(name=name)


class AbbrevPropagator:
    """Adapter over :func:`propagate`."""

    def __init__(self, *, name: str = "extractor_abbrev_propagator") -> None:
        self.name = name
        self.outside: frozenset[str] = frozenset()

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        outside_modifiers: list[str] | None = None,
    ) -> None:
        self.outside = frozenset(w.lower() for w in outside_modifiers or [])

    def __call__(self, doc: Doc) -> Doc:
        return propagate(doc, self.outside)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        p = ensure_path(path)
        p.mkdir(parents=True, exist_ok=True)
        srsly.write_json(p / "outside_modifiers.json", sorted(self.outside))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> AbbrevPropagator:
        self.outside = frozenset(srsly.read_json(ensure_path(path) / "outside_modifiers.json"))
        return self
