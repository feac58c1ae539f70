"""``Doc`` -> ``list[Entity]``: the one exit point of spaCy types (SCHEMA §1-2)."""

from __future__ import annotations

from spacy.tokens import Doc

from extractor.types import Dose, Entity


def from_doc(doc: Doc) -> list[Entity]:
    """The document's entities sorted by start, with norm, id and confidence.

    ``norm`` is the canonical name; for ``DOSE`` it is the tuple of ``Dose`` objects the dose
    recogniser stored in ``span._.doses`` (empty tuple if it stored none).
    """
    out: list[Entity] = []
    for span in doc.ents:
        norm: str | tuple[Dose, ...]
        if span.label_ == "DOSE":
            doses = span._.doses if span.has_extension("doses") else None
            norm = tuple(doses or ())
        else:
            norm = span._.norm if isinstance(span._.norm, str) else span.text
        conf = span._.confidence
        out.append(
            Entity(
                start=span.start_char,
                end=span.end_char,
                label=span.label_,
                text=span.text,
                norm=norm,
                id=span._.concept_id,
                confidence=None if conf is None else float(conf),
            )
        )
    return sorted(out, key=lambda e: (e.start, e.end))
