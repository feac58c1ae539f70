"""Study segmentation: which parts of a document describe which primary study.

A review yields one ``Study`` per table row and per cited study discussed in its results;
a primary article yields one ``Study`` covering the article. The decision is made from
structure (study tables, author citations acting as sentence subjects, review/primary wording
near the start), never from the file name.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.records.assign import Assigner, Study
from extractor.records.doc_kind import document_kind, kind_match
from extractor.records.layout import body_end, excluded_sections, with_text_structure
from extractor.records.prose_mentions import collect_citations, numbered_citations, study_cue
from extractor.records.table_rows import Cell, Row, table_rows
from extractor.records.text import paragraphs
from extractor.records.text_tables import column_role, text_tables
from extractor.types import Bibliography, Document

__all__ = [
    "Cell",
    "Row",
    "Segmentation",
    "Study",
    "body_end",
    "column_role",
    "document_kind",
    "excluded_sections",
    "kind_match",
    "segment",
    "study_cue",
    "table_rows",
    "text_tables",
    "with_text_structure",
]


@dataclass(frozen=True, slots=True)
class Segmentation:
    kind: str  # "review" | "primary"
    studies: tuple[Study, ...]
    body_end: int  # where the reference list starts (or len(text))


def segment(document: Document, bibliography: Bibliography | None = None) -> Segmentation:
    """The document's kind and, for a review, its studies: (1) table rows, (2) the study
    mentions of each paragraph, (3) the studies cited by number only, (4) the kind, (5) each
    sentence given to its study."""
    end = body_end(document)
    rows = table_rows(document)
    excluded = excluded_sections(document, end)
    paras = [
        p
        for p in paragraphs(document.text, 0, end)
        if not any(t.start <= p.start < t.end for t in document.tables)
    ]
    cits, subjects = collect_citations(document, paras, excluded, bibliography)
    numbered = [] if rows else numbered_citations(document.text, paras, excluded)
    if document_kind(document, rows, subjects + numbered, bibliography) == "primary":
        return Segmentation("primary", (), end)
    studies = Assigner(document, rows, bool(numbered)).run(cits, excluded)
    return Segmentation("review", tuple(studies), end)
