"""Study records (SCHEMA §4): turn a document and its entities into one record per study.

``assemble(document, entities)`` segments the document into studies (table rows and cited
studies of a review, or the article itself), reads every field from the pieces of text that
describe each study (``content.FIELD_READERS``), links citations to the reference list, and
notes where the table, the prose and the reference list disagree. Pure: no printing, no I/O
beyond the cue lexicons. A review's records are built in ``review``, a primary article's in
``primary``; confidences in ``confidence``.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.records.content import Mentions
from extractor.records.primary import primary_record
from extractor.records.review import Said, review_record
from extractor.records.review import minus as _minus  # noqa: F401 (its property test)
from extractor.records.segment import body_end, segment, with_text_structure
from extractor.records.text import Layout
from extractor.types import Bibliography, Document, Entity, StudyRecord

__all__ = ["assemble", "body_end", "segment"]


def assemble(
    document: Document,
    entities: list[Entity],
    bibliography: Bibliography | None = None,
    *,
    from_pipeline: bool = False,
) -> list[StudyRecord]:
    """All study records of ``document``, in order of first mention.

    ``bibliography`` is the document's own (``extractor.bibliography``): a primary article's
    record takes its identity from it. ``from_pipeline``: ``entities`` are what the entity
    pipeline found (its DOSE mentions, with their parsed doses, are the record's doses, even
    when there are none); otherwise, with no entities, the dose parser reads the text.
    """
    document = with_text_structure(document)
    seg = segment(document, bibliography)
    # a tuple: the per-document indexes of pieces.py are kept for it
    ents = tuple(entities if from_pipeline else _with_doses(document, entities, seg.body_end))
    layout = Layout(document.text)
    if seg.kind == "primary":
        rec = primary_record(document, ents, seg, bibliography, layout)
        # a text that names no disease, product, model or measurement describes no study
        if not (rec.disease or rec.intervention or rec.model or rec.doses or rec.outcomes):
            return []
        return [rec]
    said = Said.of(document.text, seg.studies)  # what it says about each study, read once
    mentions = Mentions.of(ents)
    drafts = [
        review_record(document, ents, st, said, i, mentions, layout)
        for i, st in enumerate(seg.studies)
    ]
    return _dedupe_ids(drafts)


def _with_doses(document: Document, entities: list[Entity], end: int) -> list[Entity]:
    """Entities; without any (no entity pipeline was run), DOSE mentions from the dose parser,
    so records still get doses. A pipeline's result is never second-guessed: it may have
    dropped a stimulus concentration on purpose."""
    if entities:
        return entities
    try:
        from extractor.normalize.dose import find_doses
    except ImportError:
        return entities
    extra = [
        Entity(m.start, m.end, "DOSE", m.text, tuple(m.doses), confidence=m.confidence)
        for m in find_doses(document.text[:end])
        if m.doses
    ]
    return sorted([*entities, *extra], key=lambda e: (e.start, e.end))


def _dedupe_ids(records: list[StudyRecord]) -> list[StudyRecord]:
    """Same slug twice in one document: the second gets -b, the third -c (first mention order)."""
    counts: dict[str, int] = {}
    out = []
    for r in records:
        k = counts.get(r.study_id, 0)
        counts[r.study_id] = k + 1
        if k:
            r = replace(r, study_id=f"{r.study_id}-{chr(ord('a') + k)}")
        out.append(r)
    return out
