"""The record of a primary article: the article is its own study (SCHEMA §4).

Its fields are read from its own sentences (introduction, discussion and tables of earlier
studies left out); statements of background give no cytokines; its identity comes from its
bibliographic data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.records import fields as F
from extractor.records.citations import slug
from extractor.records.confidence import dedupe_evidence
from extractor.records.content import Mentions, Sources, read_fields
from extractor.records.segment import Segmentation
from extractor.records.text import Layout
from extractor.types import Bibliography, Document, Entity, StudyRecord

_DOI = re.compile(r"\b(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s,;]+)", re.I)


def _header_doi(text: str) -> str | None:
    """The article's own DOI when its header (first 1000 characters) states one."""
    m = _DOI.search(text, 0, min(len(text), 1000))
    return m.group(1).rstrip(".)") if m else None


def _primary_skipped(document: Document, end: int) -> list[tuple[int, int]]:
    """Introduction and discussion spans of a primary article: they describe other studies.

    Only when the article also has sections that describe its own work (abstract, methods,
    results) or text outside them that reports its own study; an unsectioned abstract is
    read whole.
    """
    from extractor.records.lexicon import kind
    from extractor.records.segment import table_rows

    # tables of earlier studies (rows that start with a citation) are about those studies
    cited = {r.table_label for r in table_rows(document)}
    skip = [(t.start, t.end) for t in document.tables if t.label in cited]
    skip += _prior_evidence_panels(document.text, end)
    skip_pat = kind("sections", "primary_skip")
    secs = [s for s in document.sections if s.start < end]
    own = kind("primary_voice", "own_section")  # Abstract, Methods, Results, Case Report
    spans = [
        _cut_at_own_heading(document.text, s.start, s.end) for s in secs if skip_pat.match(s.title)
    ]
    if not any(own.search(s.title) for s in secs) and not _own_text_outside(document, spans, end):
        return skip
    return skip + spans


def _cut_at_own_heading(text: str, start: int, end: int) -> tuple[int, int]:
    """A skipped section ends at a heading line of the article's own work inside it ("CASE
    PRESENTATION", "Methods") that the ingester left in its text: what follows reports the
    article's own study. The section's own first line (its heading) is not looked at."""
    from extractor.records.lexicon import kind

    body = text.find("\n", start, end)
    if body < 0:
        return start, end
    m = kind("primary_voice", "own_heading").search(text, body + 1, end)
    return (start, m.start()) if m else (start, end)


def _prior_evidence_panels(text: str, end: int) -> list[tuple[int, int]]:
    """The summary of earlier studies in a "Research in context" panel ("Evidence before
    this study"): from its heading to the panel's next heading, else to the next blank line."""
    from extractor.records.lexicon import kind

    head, after = kind("primary_voice", "prior_evidence"), kind("primary_voice", "panel_next")
    spans = []
    for m in head.finditer(text, 0, end):
        stop = after.search(text, m.end(), end)
        blank = text.find("\n\n", m.end(), end)
        ends = [x for x in (stop.start() if stop else -1, blank) if x > m.end()]
        spans.append((m.start(), min(ends) if ends else end))
    return spans


def _own_text_outside(document: Document, spans: list[tuple[int, int]], end: int) -> bool:
    """Whether text outside the introduction and discussion reports a study (an abstract
    printed without its heading, as Hindawi prints it, above "1. Introduction"): then those
    sections describe other studies even though no heading names the article's own work."""
    from extractor.records.lexicon import kind
    from extractor.records.segment import study_cue

    first_person = kind("primary_voice", "first_person")  # "we": the authors' own voice
    lo = 0
    for a, b in [*sorted(spans), (end, end)]:
        if a > lo and study_cue(document.text, lo, a) and first_person.search(document.text, lo, a):
            return True
        lo = max(lo, b)
    return False


def _identity(
    document: Document, bibliography: Bibliography | None
) -> tuple[str, int | None, str | None]:
    """First author, year and DOI of a primary article: its own bibliographic data (SCHEMA §4,
    "a primary article is its own study", read by ``extractor.bibliography``); without it
    (a caller that passes none), only the DOI printed in its header."""
    bib = bibliography or Bibliography()
    first = bib.authors[0].strip() if bib.authors else ""
    return first, bib.year, bib.doi or _header_doi(document.text)


def _background(text: str, ents: Sequence[Entity], pieces: Sequence[F.Piece]) -> list[F.Piece]:
    """Sentences of a primary article that state background, not the study's results: a
    structured abstract's Background/Introduction/Objective part, and the opening sentences
    of a paragraph, before its first sentence about the therapy or the study's subjects, that
    report nothing in the past tense ("Hidradenitis suppurativa is driven by TNF-α and
    IL-1β.")."""
    from extractor.records.lexicon import kind
    from extractor.records.pieces import THERAPY_WORDS
    from extractor.records.segment import study_cue

    label, past = kind("sections", "background_label"), kind("sections", "past_report")
    therapy = [e for e in ents if e.label == "VESICLE" or (e.label == "CELL" and _is_product(e))]
    out: list[F.Piece] = []
    leading = True
    prev_end = -1
    for p in pieces:
        if text[prev_end : p.start].count("\n") and prev_end >= 0:
            leading = True  # a new paragraph
        prev_end = p.end
        if label.search(text[p.start : min(p.end, p.start + 60)]):
            out.append(p)
            leading = True
            continue
        about_study = (
            THERAPY_WORDS.search(text, p.start, p.end) is not None
            or study_cue(text, p.start, p.end)
            or any(p.start <= e.start < p.end for e in therapy)
        )
        if leading and not about_study and past.search(text, p.start, p.end) is None:
            out.append(p)
            continue
        leading = False
    return out


def _is_product(e: Entity) -> bool:
    """A CELL mention that names a cell therapeutic (MSC family, SVF), not a target cell."""
    norm = e.norm if isinstance(e.norm, str) else ""
    return "MSC" in norm or norm in ("SVF",) or "stem" in norm.lower()


FRONT_PIECES = 12  # a primary article's title is among its first lines (masthead, labels, title)


def primary_record(
    document: Document,
    ents: Sequence[Entity],
    seg: Segmentation,
    bibliography: Bibliography | None = None,
    layout: Layout | None = None,
) -> StudyRecord:
    """The article's record; ``layout``: its paragraphs and sentences (else split here)."""
    text = document.text
    end = seg.body_end
    skip = _primary_skipped(document, end)
    layout = layout or Layout(text)
    mentions = Mentions.of(ents)
    pieces = [
        F.Piece(s.start, s.end, 1.0, F.PARAGRAPH)
        for p in layout.paragraphs(0, end)
        if not any(a <= p.start < b for a, b in skip)
        for s in layout.sentences(p.start, p.end)
    ]
    src = Sources(
        text,
        ents,
        pieces,
        background=_background(text, ents, pieces),
        front=FRONT_PIECES,
        therapy=mentions.therapy,
        scores=mentions.scores,
    )
    values, evidence, conflicts, conf = read_fields(src)
    first, year, doi = _identity(document, bibliography)
    # keyed by the document only when it names no author anywhere (SCHEMA §4)
    sid = slug(first) if first else slug(document.doc_id)
    if first and year is not None:
        sid = f"{sid}-{year}"
    from_bib = bibliography is not None and bool(bibliography.authors)
    conf.update(
        first_author=(0.9 if from_bib else 0.8) if first else 0.2,
        year=0.8 if year is not None else 0.3,
        ref=1.0,
        doi=0.9 if doi else 0.3,
    )
    return StudyRecord(
        study_id=sid,
        first_author=first,
        year=year,
        ref=None,
        doi=doi,
        evidence=tuple(dedupe_evidence(evidence)),
        conflicts=tuple(conflicts),
        confidence=dict(sorted(conf.items())),
        **values,  # type: ignore[arg-type]
    )
