"""Review or primary article, from the document's own signals (never from the file name)."""

from __future__ import annotations

import re

from extractor.records.citations import Citation, fold
from extractor.records.lexicon import kind
from extractor.records.table_rows import Row
from extractor.types import Bibliography, Document


def document_kind(
    document: Document,
    rows: list[Row],
    subject_cits: list[Citation],
    bibliography: Bibliography | None = None,
) -> str:
    """ "review" or "primary", from the document's own signals (never from the file name):
    its JATS article type, its title, its headings and wording, its study tables."""
    art = str((document.meta or {}).get("article_type") or "")  # JATS <article article-type>
    if art and kind_match("document_kind", "article_type_review", art):
        return "review"
    primary_type = bool(art) and kind_match("document_kind", "article_type_primary", art)
    title = bibliography.title if bibliography is not None and bibliography.title else ""
    primary_title = bool(title) and kind_match("document_kind", "primary_title", title)
    if title and not primary_title and kind_match("document_kind", "review_title", title):
        return "review"
    own_headings = _own_study_headings(document)
    if primary_type or (
        bibliography is not None
        and bibliography.authors
        and title
        and (own_headings or primary_title)
    ):
        # an article of its own (authors, title, Methods and Results): a table of earlier
        # studies in it compares, it does not make the article a review
        return "primary"
    head = document.text[: min(len(document.text), 4000)]
    review_cue = kind("document_kind", "review").search(head) is not None
    primary_cues = len(kind("document_kind", "primary").findall(document.text))
    if len(rows) >= 2:
        # a primary article may tabulate earlier studies for comparison; its own
        # first-person reporting then outweighs the table
        return "primary" if primary_cues >= 5 and not review_cue else "review"
    distinct = {(c.ref, fold(c.surname), c.year) for c in subject_cits}
    if review_cue and len(distinct) >= 1:
        return "review"
    if len(distinct) >= 3 and primary_cues <= len(distinct) // 2:
        return "review"
    authors = {k for k in distinct if k[1]}
    if (
        (authors or len(distinct) >= 2)
        and primary_cues == 0
        and len(document.text) < 6000
        and not _own_header(bibliography, distinct)
    ):
        # a passage: cited studies discussed, nothing first-person
        return "review"
    return "primary"


def _own_header(
    bibliography: Bibliography | None, distinct: set[tuple[int | None, str, int | None]]
) -> bool:
    """The text opens with an article's own header (title, authors and a DOI or a second
    author), not a line read from a study it cites: an article that mentions an earlier
    study or two is a primary report even when its abstract speaks in the third person
    ("Here, 24 mice were assigned to ...")."""
    if bibliography is None or not bibliography.title or not bibliography.authors:
        return False
    if not (bibliography.doi or len(bibliography.authors) >= 2):
        return False
    first = fold(bibliography.authors[0])
    return not any(surname and fold(surname) == first for _, surname, _ in distinct)


def kind_match(name: str, which: str, value: str) -> bool:
    return kind(name, which).search(value) is not None


def _own_study_headings(document: Document) -> bool:
    """Both a Methods-like and a Results-like heading (the IMRaD frame of a primary report),
    or a case report's own "Case Report" / "Case Presentation" section."""
    titles = [s.title for s in document.sections]
    case = re.compile(r"\bcase\s+(?:report|presentation|description)s?\s*$", re.I)
    if any(case.search(t) for t in titles):
        return True
    methods = any(re.search(r"\bmethods?\b|\bpatients\s+and\b", t, re.I) for t in titles)
    results = any(re.search(r"\bresults?\b", t, re.I) for t in titles)
    return methods and results
