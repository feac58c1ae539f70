"""The one table of spaCy extensions the pipeline sets, and an idempotent registrar.

Recognisers add candidate spans to ``doc.spans[SPANS_KEY]`` (overlaps allowed); one final
filter step resolves overlaps (longer span wins, SCHEMA §1) and sets ``doc.ents`` once.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

SPANS_KEY = "extractor_candidates"

# name -> (object, default). Values are set by components; read by extractor.mentions.
SPAN_EXTENSIONS: dict[str, Any] = {
    "norm": None,  # str: canonical name (SCHEMA §2); for DOSE see `doses`
    "concept_id": None,  # str | None: ontology id (CL:..., HGNC symbol)
    "doses": None,  # tuple[extractor.types.Dose, ...] for DOSE spans
    "confidence": None,  # float in [0, 1]
    "source": None,  # str: which recogniser proposed the span (lexicon name, "dose", "abbrev")
}
DOC_EXTENSIONS: dict[str, Any] = {
    "doc_id": None,
    "body_end": None,  # int | None: where the reference list starts; no entities after it
}


def register_extensions() -> None:
    """Register every extension once; safe to call from each factory and loader."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


TEXT_KEY = "extractor_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached in ``doc.user_data``: spaCy rebuilds it from every token on each
    access, and retokenisation (splits) never changes it, so one build per Doc suffices."""
    cached = doc.user_data.get(TEXT_KEY)
    if (
        isinstance(cached, str)
        and len(doc)
        and len(cached) == doc[-1].idx + len(doc[-1].text_with_ws)
    ):
        return cached
    text = doc.text
    doc.user_data[TEXT_KEY] = text
    return text
