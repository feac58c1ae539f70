"""``extractor_dose_recognizer``: DOSE candidates from :func:`extractor.normalize.dose.find_doses`.

The finder works on ``doc.text``; this adapter turns its character spans into token spans
with exact boundaries. Where a boundary falls inside a token (scispaCy keeps "1x10(6" or
"5×106ADSCs" whole), the token is split there, which leaves ``doc.text`` unchanged, so
the span's offsets equal the finder's. Spans go to ``doc.spans[SPANS_KEY]``; the final
filter, not this component, sets ``doc.ents``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.normalize.dose import DoseMatch, find_doses
from extractor.pipeline.alignment import align_tokens
from extractor.pipeline.extensions import SPANS_KEY, doc_text, register_extensions

LABEL = "DOSE"


@Language.factory("extractor_dose_recognizer", assigns=["doc.spans"], default_config={})
def make_dose_recognizer(nlp: Language, name: str) -> DoseRecognizer:
    register_extensions()
    return DoseRecognizer(name=name)


class DoseRecognizer:
    """Stateless: the unit grammar is ``extractor/data/units.json`` (package data); the
    disease inducers and stimuli whose amounts are not doses are in
    ``models/records/inducers.jsonl``."""

    def __init__(self, *, name: str = "extractor_dose_recognizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        matches = find_doses(doc_text(doc))
        if matches:
            doc = align_tokens(doc, {b for m in matches for b in (m.start, m.end)})
        group = doc.spans.setdefault(SPANS_KEY, [])
        for m in matches:
            span = _to_span(doc, m)
            if span is not None:
                group.append(span)
        return doc


def _to_span(doc: Doc, m: DoseMatch) -> Span | None:
    span = doc.char_span(m.start, m.end, label=LABEL)
    if span is None:  # only when a boundary sits in whitespace; keep the tokens it touches
        span = doc.char_span(m.start, m.end, label=LABEL, alignment_mode="contract")
    if span is None:
        return None
    span._.doses = m.doses
    span._.norm = None
    span._.concept_id = None
    span._.confidence = m.confidence
    span._.source = "dose"
    return span
