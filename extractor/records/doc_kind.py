"""Review or primary article, from the document's own signals (never from the file name)."""

from __future__ import annotations

import re
from functools import cache

from extractor.normalize.first_chars import guarded
from extractor.records.citations import Citation, fold
from extractor.records.lexicon import kind, rows
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
    # the first-person cues of the whole text are counted only as far as a test needs them
    # (``_count``'s ``limit``): a review with a study table and review wording reads none
    if len(rows) >= 2:
        # a primary article may tabulate earlier studies for comparison; its own
        # first-person reporting then outweighs the table
        primary = not review_cue and _count("primary", document.text, 5) >= 5
        return "primary" if primary else "review"
    distinct = {(c.ref, fold(c.surname), c.year) for c in subject_cits}
    if review_cue and len(distinct) >= 1:
        return "review"
    half = len(distinct) // 2
    if len(distinct) >= 3 and _count("primary", document.text, half + 1) <= half:
        return "review"
    authors = {k for k in distinct if k[1]}
    if (
        (authors or len(distinct) >= 2)
        and len(document.text) < 6000
        and _count("primary", document.text, 1) == 0
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


def _count(which: str, text: str, limit: int = 1 << 30) -> int:
    """``min(limit, len(kind("document_kind", which).findall(text)))``, from each row's own
    guarded pattern (``normalize.first_chars``): the rows' leftmost matches merged as the
    alternation takes them (the earliest start; on a tie, the row listed first). One
    alternation tried in full at every character of a paper cost ~3 ms; the count stops at
    ``limit``, all a test of it asks (the whole text read only to count it: ~1.5 ms)."""
    pats = _row_patterns(which)
    pos, n = 0, 0
    nxt = [p.search(text) for p in pats]
    while n < limit:
        best = None
        for i, m in enumerate(nxt):
            if m is not None and m.start() < pos:
                m = nxt[i] = pats[i].search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return n
        if best.end() == best.start():  # an empty match: findall's own rules
            return min(limit, len(kind("document_kind", which).findall(text)))
        n += 1
        pos = best.end()
    return n


@cache
def _row_patterns(which: str) -> tuple[re.Pattern[str], ...]:
    found = [r["pattern"] for r in rows("document_kind.jsonl") if r.get("kind") == which]
    return tuple(guarded(re.compile(p, re.IGNORECASE)) for p in found)


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
