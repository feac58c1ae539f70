"""``extractor_dose_recognizer``: DOSE candidates from :func:`extractor.normalize.dose.scan_doses`.

The finder works on ``doc.text``; this adapter turns its character spans into token spans
with exact boundaries. Where a boundary falls inside a token (scispaCy keeps "1x10(6" or
"5×106ADSCs" whole), the token is split there, which leaves ``doc.text`` unchanged, so
the span's offsets equal the finder's. Spans go to ``doc.spans[SPANS_KEY]``; the final
filter, not this component, sets ``doc.ents``. The amounts a context rule dropped go to
``doc.spans[DROPPED_KEY]``, each labelled with the id of the rule that dropped it.

Like spaCy's SpanRuler, the component owns its rules: ``initialize(rules=…)`` sets them (rows
or a JSONL path; the packaged rows by default) and ``to_disk``/``from_disk`` save and load
them with the pipeline, so a saved pipeline carries the rules it was built with.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.context import (
    ContextEngine,
    default_engine,
    load_rules,
    rules_from_rows,
)
from extractor.normalize.dose import DoseMatch, DroppedDose, scan_doses
from extractor.pipeline import set_span_values
from extractor.pipeline.alignment import align_tokens
from extractor.pipeline.extensions import SPANS_KEY, doc_text, register_extensions

LABEL = "DOSE"
DROPPED_KEY = "extractor_dropped_doses"  # amounts a context rule dropped; label = rule id
_RULES_FILE = "rules.jsonl"


@Language.factory("extractor_dose_recognizer", assigns=["doc.spans"], default_config={})
def make_dose_recognizer(nlp: Language, name: str) -> DoseRecognizer:
    register_extensions()
    return DoseRecognizer(name=name)


class DoseRecognizer:
    """The unit grammar is ``extractor/data/units.json`` (package data); the context rules
    that drop non-administered amounts are the engine's rows (the packaged ones until
    ``initialize`` or ``from_disk`` sets others)."""

    def __init__(
        self, *, name: str = "extractor_dose_recognizer", engine: ContextEngine | None = None
    ) -> None:
        self.name = name
        self.engine = engine if engine is not None else default_engine()

    def __call__(self, doc: Doc) -> Doc:
        # no amounts in the reference list (its mentions are dropped, GUIDELINES §0): its
        # years, volumes and pages are not read (the review: scan 2.7 -> 2.0 ms)
        matches, dropped = scan_doses(doc_text(doc), self.engine, doc._.body_end)
        if matches:
            doc = align_tokens(doc, {b for m in matches for b in (m.start, m.end)})
        group = doc.spans.setdefault(SPANS_KEY, [])
        for m in matches:
            span = _to_span(doc, m)
            if span is not None:
                group.append(span)
        if dropped:
            doc.spans[DROPPED_KEY] = [s for s in (_dropped_span(doc, d) for d in dropped) if s]
        return doc

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Any = None,
        rules: Any = None,
    ) -> None:
        """Set the rules: a JSONL path, rows (dicts with the keys of ``extractor.context.KEYS``)
        or None for the packaged rows. Bad rows raise with their ``file:line``. (Plain ``Any``
        annotations: spaCy validates this signature at ``nlp.initialize``.)"""
        if rules is None:
            self.engine = default_engine()
        elif isinstance(rules, str | Path):
            self.engine = ContextEngine(load_rules(rules))
        else:
            self.engine = ContextEngine(rules_from_rows(rules, where=f"{self.name} rules"))

    @property
    def rules(self) -> list[dict[str, Any]]:
        """The rows of the rules in use (what ``to_disk`` writes)."""
        return [r.to_row() for r in self.engine.rules]

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(p / _RULES_FILE, self.rules)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DoseRecognizer:
        rules = Path(path) / _RULES_FILE
        if rules.is_file():
            self.engine = ContextEngine(load_rules(rules))
        return self


def _to_span(doc: Doc, m: DoseMatch) -> Span | None:
    span = doc.char_span(m.start, m.end, label=LABEL)
    if span is None:  # only when a boundary sits in whitespace; keep the tokens it touches
        span = doc.char_span(m.start, m.end, label=LABEL, alignment_mode="contract")
    if span is None:
        return None
    set_span_values(
        doc,
        span.start_char,
        span.end_char,
        doses=m.doses,
        norm=None,
        concept_id=None,
        confidence=m.confidence,
        source="dose",
    )
    return span


def _dropped_span(doc: Doc, d: DroppedDose) -> Span | None:
    """The tokens of a dropped amount (no retokenising: a dropped amount changes nothing)."""
    return doc.char_span(d.start, d.end, label=d.rule, alignment_mode="expand")
