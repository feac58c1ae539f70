"""Study records (SCHEMA §4): turn a document and its entities into one record per study.

``assemble(document, entities)`` segments the document into studies (table rows and cited
studies of a review, or the article itself), reads every field from the pieces of text that
describe each study, links citations to the reference list, and notes where the table, the
prose and the reference list disagree. Pure: no printing, no I/O beyond the cue lexicons.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from extractor.records import fields as F
from extractor.records.citations import fold, link, ref_surname, slug
from extractor.records.segment import Segmentation, Study, body_end, segment, with_text_structure
from extractor.records.text import Span, paragraphs, sentences
from extractor.types import (
    Bibliography,
    Conflict,
    Document,
    Entity,
    Evidence,
    Reference,
    StudyRecord,
)

__all__ = ["assemble", "body_end", "segment"]

# Base confidence by the strongest kind of source a value came from (see README "records").
_BASE = {
    F.POPULATION: 0.95,
    F.ROW: 0.9,
    F.GROUP: 0.85,
    F.PARAGRAPH: 0.75,
    F.TITLE: 0.6,
    None: 0.4,
}


def assemble(
    document: Document, entities: list[Entity], bibliography: Bibliography | None = None
) -> list[StudyRecord]:
    """All study records of ``document``, in order of first mention.

    ``bibliography`` is the document's own (``extractor.bibliography``): a primary article's
    record takes its identity from it.
    """
    document = with_text_structure(document)
    seg = segment(document, bibliography)
    ents = tuple(_with_doses(document, entities, seg.body_end))  # indexed once (pieces.py)
    if seg.kind == "primary":
        rec = _primary(document, ents, seg, bibliography)
        # a text that names no disease, product, model or measurement describes no study
        if not (rec.disease or rec.intervention or rec.model or rec.doses or rec.outcomes):
            return []
        return [rec]
    told = [_told(document.text, st) for st in seg.studies]  # each study's own words, once
    drafts = [
        _review_record(
            document, ents, st, [sp for j, spans in enumerate(told) if j != i for sp in spans]
        )
        for i, st in enumerate(seg.studies)
    ]
    return _dedupe_ids(drafts)


# --------------------------------------------------------------------------- helpers


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


def _conf(found: F.Found, conflict: bool = False) -> float:
    if found.value is None or found.value == ():
        return round(_BASE[None] * (0.5 + 0.5 * found.share), 3) if found.share else 0.3
    c = _BASE.get(found.origin, 0.7) * (0.6 + 0.4 * found.share)
    if conflict:
        c *= 0.7
    return round(min(1.0, max(0.0, c)), 3)


# An empty list field: every study has a dose and a route, so finding none is suspect;
# many studies name no outcome score or cytokine, so an empty list there is usually right.
_EMPTY = {"doses": 0.4, "routes": 0.45, "cells": 0.5, "outcomes": 0.7, "cytokines": 0.7}


def _list_conf(
    values: Sequence[object], confs: Sequence[float], origin_base: float, field: str = ""
) -> float:
    if not values:
        return _EMPTY.get(field, 0.5)
    mean = sum(confs) / len(confs) if confs else 0.8
    return round(min(1.0, origin_base * mean + 0.1), 3)


def _ev(spans: Sequence[Span], field: str, limit: int = 6) -> list[Evidence]:
    out: list[Evidence] = []
    for s in spans[:limit]:
        ev = Evidence(s.start, s.end, field)
        if ev not in out:
            out.append(ev)
    return out


def _therapy(entities: Sequence[Entity]) -> list[Entity]:
    return [e for e in entities if e.label in ("CELL", "VESICLE")]


def _record_fields(
    text: str,
    ents: Sequence[Entity],
    pieces: list[F.Piece],
    context: Sequence[Sequence[F.Piece]] = (),
    background: Sequence[F.Piece] = (),
    front: int = 1,
    frame: Sequence[F.Piece] = (),
    own_context: Sequence[Sequence[F.Piece]] | None = None,
) -> tuple[dict[str, object], list[Evidence], list[Conflict], dict[str, float]]:
    """Every content field of a record from its pieces (shared by reviews and primaries).

    ``context`` lists wider and wider surroundings (the paragraph before the citation, the
    section heading, the whole document) consulted for the disease only when the study's
    own pieces never name one: reviews state the disease once for a run of studies.
    ``front``: how many of the earliest pieces the head-word fallback for the disease reads
    (a primary article's title sits below its masthead lines).
    ``background`` pieces (a primary article's statements of the disease mechanism) are
    among ``pieces`` but give no cytokines: SCHEMA §4 lists what the study measured.
    ``frame``: the words that introduce a review's study ("In frostbite, Lindqvist and
    Ogunleye (2019) …", its reference title): a disorder named there by its head word is the
    study's own, so it is read before the surroundings, which may name another study's.
    ``own_context``: ``context`` without what the review says about its other studies, for
    the model: a run of studies shares its disease more often than its species (a case
    report after a mouse study is about a person).
    """
    values: dict[str, object] = {}
    evidence: list[Evidence] = []
    conflicts: list[Conflict] = []
    conf: dict[str, float] = {}

    scores = [Span(e.start, e.end) for e in ents if e.label == "OUTCOME_SCORE"]
    lead = [p for p in frame if p.origin == F.GROUP and p.weight >= 1.0]
    dis = F.disease(text, lead, scores) if lead else F.Found(None, share=0.0)
    if dis.value is None:
        dis = F.disease(text, pieces, scores)
    if dis.value is None and frame:
        dis = F.disease_by_head(text, frame, len(frame), specific=True)
    for level, ctx in enumerate(context):
        if dis.value is not None:
            break
        found = F.disease(text, ctx, scores)
        if found.value is not None:
            dis = F.Found(found.value, found.spans, found.share * (0.8 - 0.2 * level), F.TITLE)
    if dis.value is None:  # no lexicon row: a disorder's name by its head word
        dis = F.disease_by_head(text, [*pieces, *(p for ctx in context for p in ctx)], front)
    values["disease"] = dis.value
    evidence += _ev(dis.spans, "disease", 2)
    conf["disease"] = _conf(dis)

    itv = F.intervention(text, pieces)
    values["intervention"] = itv.value
    evidence += _ev(itv.spans, "intervention", 2)
    if itv.other is not None and itv.value is not None:
        conflicts.append(Conflict("intervention", (itv.value, itv.other)))
    conf["intervention"] = _conf(itv, itv.other is not None)

    mod = F.model(text, pieces)
    near = (own_context if own_context is not None else context)[:-1]
    for ctx in near:  # nearby context only: a review's other studies differ
        if mod.value is not None:
            break
        found = F.model(text, ctx)
        if found.value is not None:
            mod = F.Found(found.value, found.spans, found.share * 0.6, F.TITLE)
    if mod.value is None:
        mod = _people_by_design(text, pieces)
    values["model"] = mod.value
    evidence += _ev(mod.spans, "model", 3)
    conf["model"] = _conf(mod)

    n = F.sample_size(text, pieces, mod.value)
    values["sample_size"] = n.value
    evidence += _ev(n.spans, "sample_size", 2)
    if n.other is not None:
        conflicts.append(Conflict("sample_size", (n.value, n.other)))
    conf["sample_size"] = _conf(n, n.other is not None)

    des = F.design(text, pieces, mod.value, n.value)
    values["design"] = des.value
    evidence += _ev(des.spans, "design", 2)
    conf["design"] = round(min(conf["model"], _conf(des)), 3)

    kept, _ = F.routes(text, pieces)
    values["routes"] = tuple(kept.value)
    evidence += _ev(kept.spans, "routes", 4)
    if kept.other:
        conflicts.append(Conflict("routes", (list(kept.value), list(kept.other))))
    conf["routes"] = _conf(kept, bool(kept.other)) if kept.value else _EMPTY["routes"]

    doses, dspans, dconf = F.doses(text, ents, pieces)
    values["doses"] = doses
    evidence += _ev(dspans, "doses", 8)
    conf["doses"] = _list_conf(doses, dconf, 0.85, "doses")

    outs, ospans, oconf = F.outcomes(text, ents, pieces)
    values["outcomes"] = outs
    evidence += _ev(ospans, "outcomes", 8)
    conf["outcomes"] = _list_conf(outs, oconf, 0.85, "outcomes")

    measured = [p for p in pieces if p not in background] if background else pieces
    cyts, cspans, cconf = F.cytokines(text, ents, measured, _therapy(ents))
    values["cytokines"] = cyts
    evidence += _ev(cspans, "cytokines", 12)
    directed = [c for c in cyts if c.direction is not None]
    conf["cytokines"] = _list_conf(
        cyts, cconf, 0.6 + 0.25 * (len(directed) / max(1, len(cyts))), "cytokines"
    )

    # "a Th2-driven disease" names no cell studied
    cells, cellspans = F.cells(text, ents, measured)
    values["cells"] = cells
    evidence += _ev(cellspans, "cells", 8)
    conf["cells"] = _list_conf(cells, [], 0.8, "cells")
    return values, evidence, conflicts, conf


_HUMAN_TRIAL = re.compile(
    r"\bRCTs?\b|\brandomi[sz]ed\s+(?:controlled|clinical|double-blind|placebo)|"
    r"\bplacebo-controlled\b|\b(?:vs\.?|versus)\s+placebo\b|\bcase\s+series\b|"
    r"\bsplit-(?:face|body|scalp)\b|\bhalf-(?:head|face|side)\b",
    re.IGNORECASE,
)


def _people_by_design(text: str, pieces: Sequence[F.Piece]) -> F.Found:
    """No species, no cells, no people named, but a design only people take part in (an
    RCT, a placebo-controlled or split-face trial, a case series, CONSORT and CARE): the
    study treated people. A mouse study names its species (ARRIVE 2.0 item 8)."""
    for p in pieces:
        if p.origin == F.TITLE:
            continue
        m = _HUMAN_TRIAL.search(text, p.start, p.end)
        if m:
            return F.Found("human", (Span(m.start(), m.end()),), 0.6, p.origin)
    return F.Found(None, share=0.0)


# --------------------------------------------------------------------------- review


def _study_pieces(document: Document, st: Study, ref: Reference | None) -> list[F.Piece]:
    pieces: list[F.Piece] = []
    if st.row is not None:
        pop = set(st.row.population())
        # the cells that name the study (its author or reference column, wherever the table
        # puts it: first, or "Ref." last) say nothing about what it did
        named = st.row.citation.surname
        cites = (
            {c for c in st.row.cells if c.role in ("study", "number")}
            or {c for c in st.row.cells if named and named in c.text}
            or {st.row.cells[0]}
        )
        for c in st.row.cells:
            if c.start is None or c.end is None or c in cites:
                continue
            if c.role == "induction":
                # how the model was made ("IL-23 intradermal, 14 days"): it may name the
                # disease, never the therapy's route, dose or a measured cytokine
                pieces.append(F.Piece(c.start, c.end, 0.5, F.TITLE))
                continue
            if c in pop:
                pieces.append(F.Piece(c.start, c.end, 4.0, F.POPULATION))
            else:
                pieces.append(F.Piece(c.start, c.end, 2.0, F.ROW))
        if st.row.group_span is not None:
            g = st.row.group_span
            pieces.append(F.Piece(g.start, g.end, 3.0, F.GROUP))
    for s in st.sentences:
        pieces.append(F.Piece(s.start, s.end, 1.0, F.PARAGRAPH))
    if ref is not None:
        pieces.append(F.Piece(ref.start, ref.end, 0.5, F.TITLE))
    return pieces


def _review_record(
    document: Document, ents: Sequence[Entity], st: Study, taken: Sequence[Span] = ()
) -> StudyRecord:
    """``taken``: what the review says about its other studies (``_told``)."""
    text = document.text
    ref = link(st.surname, st.ref, st.year, document.references, _year_letter(st))
    pieces = _study_pieces(document, st, ref)
    context = _context(document, st)
    induction = [
        F.Piece(c.start, c.end, 0.5, F.TITLE)
        for c in (st.row.cells if st.row is not None else ())
        if c.role == "induction" and c.start is not None and c.end is not None
    ]
    values, evidence, conflicts, conf = _record_fields(
        text,
        ents,
        pieces,
        context,
        background=induction,
        frame=_frame(text, st, ref),
        own_context=[m for m in (_minus(level, taken) for level in context) if m],
    )
    n_col = st.row.sample() if st.row is not None else None
    if n_col is not None:
        # a sample-size column ("n") is the table's own count of the study's people or animals
        if values["sample_size"] not in (None, n_col):
            conflicts = [c for c in conflicts if c.field != "sample_size"]
            conflicts.append(Conflict("sample_size", (n_col, values["sample_size"])))
        values["sample_size"] = n_col
        conf["sample_size"] = _BASE[F.ROW]
        if values["model"] is None and values["disease"]:
            # a row giving a disease and a head count but no species or cells: patients (an
            # animal model is named by species or strain, ARRIVE 2.0 item 8; a culture by its
            # cells)
            values["model"] = "human"
            values["design"] = F.design(text, pieces, "human", n_col).value
            conf["model"] = conf["design"] = _BASE[F.ROW] * 0.7

    base: list[Evidence] = []
    if st.row is not None:
        base.append(Evidence(st.row.start, st.row.end, None))
    base += [Evidence(s.start, s.end, None) for s in st.sentences]

    year = st.year if st.year is not None else (st.text_years[0] if st.text_years else None)
    year_src = F.ROW if st.row is not None and st.year is not None else F.PARAGRAPH
    if year is None and ref is not None and ref.year is not None:
        year, year_src = ref.year, F.TITLE
    year_conf = _BASE[year_src] if year is not None else 0.3
    other_years = sorted(
        {y for y in [*st.text_years, ref.year if ref else None] if y and y != year}
    )
    if year is not None and other_years:
        conflicts.insert(0, Conflict("year", (year, *other_years)))
        year_conf *= 0.7

    author_conf = 0.9 if st.row is not None else 0.8
    if ref is not None:
        listed = ref_surname(ref)
        if listed and fold(listed) != fold(st.surname):
            conflicts.insert(0, Conflict("first_author", (st.surname, listed)))
            author_conf *= 0.8
        evidence.append(Evidence(ref.start, ref.end, "doi"))

    conf.update(
        first_author=round(author_conf, 3),
        year=round(year_conf, 3),
        ref=0.95 if st.ref is not None else (0.85 if ref is not None and ref.number else 0.3),
        doi=0.95 if ref is not None and ref.doi else 0.3,
    )
    # a study known only by its number and with no reference list has no surname to slug
    sid = (slug(st.surname) if st.surname else f"ref-{st.ref}") + (
        f"-{year}" if year is not None else ""
    )
    return StudyRecord(
        study_id=sid,
        first_author=st.surname,
        year=year,
        # the number of the reference-list entry the study resolved to, however it was cited
        ref=st.ref if st.ref is not None else (ref.number if ref is not None else None),
        doi=ref.doi if ref is not None else None,
        evidence=tuple(_dedupe_ev(base + evidence)),
        conflicts=tuple(conflicts),
        confidence=dict(sorted(conf.items())),
        **values,  # type: ignore[arg-type]
    )


def _year_letter(st: Study) -> str | None:
    """The letter after the study's year in its table cell (``Kim 2019b``), if any."""
    if st.row is None or st.year is None:
        return None
    for c in st.row.cells:
        m = re.search(rf"\b{st.year}([a-z])\b", c.text)
        if m:
            return m.group(1)
    return None


@lru_cache(maxsize=1024)
def _surname_re(surname: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The surname as a word anywhere, and as a word at the start of a sentence (there the
    character before the sentence does not count)."""
    word = rf"{re.escape(surname)}(?![\w-])"
    return re.compile(rf"(?<![\w-]){word}"), re.compile(word)


@lru_cache(maxsize=1024)
def _number_re(ref: int) -> re.Pattern[str]:
    return re.compile(rf"[\[(,;]\s*{ref}\s*[\]),;]")


def _cited_at(text: str, st: Study, s: Span) -> int | None:
    """Where sentence ``s`` names study ``st`` (its surname, else its bracketed number)."""
    if st.surname:
        anywhere, opening = _surname_re(st.surname)
        if opening.match(text, s.start, s.end):
            return s.start
        m = anywhere.search(text, s.start, s.end)
        if m:
            return m.start()
    if st.ref is not None:
        m = _number_re(st.ref).search(text, s.start, s.end)
        if m:
            return m.start()
    return None


def _told(text: str, st: Study) -> list[Span]:
    """What a review says about study ``st`` itself: its table row, and its sentences from
    the citation on. The words before the citation ("In psoriasis, Kim et al. …") frame a run
    of studies and stay visible to the others."""
    out = [Span(st.row.start, st.row.end)] if st.row is not None else []
    for s in st.sentences:
        at = _cited_at(text, st, s)
        if at is not None and _closes(text, at, s):
            at = None  # "… onto nude mice (n = 7 per group) … [32]": all of it is the study's
        out.append(Span(at if at is not None else s.start, s.end))
    return out


def _closes(text: str, at: int, s: Span) -> bool:
    """Whether the citation at ``at`` closes its clause (a Vancouver number after what the
    study did): nothing but the citation and punctuation up to the next ';' or the end."""
    rest = re.split(r"[;:]", text[at : s.end], maxsplit=1)[0]
    return re.fullmatch(r"[\[(]?\s*[\w.\- ]{0,40}?\s*[\])]?\s*[.,]?\s*", rest) is not None and bool(
        re.match(r"\s*[\[(]\s*\d", rest)
    )


def _minus(pieces: Sequence[F.Piece], spans: Sequence[Span]) -> list[F.Piece]:
    """``pieces`` with ``spans`` cut out (a piece split around each; an empty span strictly
    inside a piece splits it). One sweep over the spans sorted by start per piece: a span
    starting later can no longer touch a fragment already closed before its start."""
    cuts = sorted((sp.start, sp.end) for sp in spans)
    out: list[F.Piece] = []
    for p in pieces:
        a = p.start
        for start, end in cuts:
            if start >= p.end:
                break
            if end <= a:
                continue
            if a < start:
                out.append(F.Piece(a, start, p.weight, p.origin))
            a = max(a, end)
        if a < p.end:
            out.append(F.Piece(a, p.end, p.weight, p.origin))
    return [p for p in out if p.end - p.start > 1]


def _frame(text: str, st: Study, ref: Reference | None) -> list[F.Piece]:
    """The words that introduce study ``st``: a sentence leading in to it, its first sentence
    up to the citation ("The only human report concerns calciphylaxis: Farouk and Hamdan
    (2022) …"), then its reference title. A disease named in the lead (by a lexicon row) is
    the study's before anything its other sentences name."""
    out: list[F.Piece] = []
    # a table row names its study's disease itself; a later sentence citing it only comments
    for s in st.sentences[:2] if st.row is None else ():
        at = _cited_at(text, st, s)
        if at is None:  # a sentence leading in to the study ("For photoageing, only …")
            out.append(F.Piece(s.start, s.end, 1.0, F.GROUP))
            continue
        if at > s.start:
            out.append(F.Piece(s.start, at, 1.0, F.GROUP))
        break
    if ref is not None and ref.title:
        i = text.find(ref.title, ref.start, ref.end)
        if i >= 0:
            out.append(F.Piece(i, i + len(ref.title), 0.5, F.GROUP))
    return out


def _context(document: Document, st: Study) -> list[list[F.Piece]]:
    """Surroundings of a study, nearest first: its paragraph before the citation, the titles
    of the sections it sits in, the whole body."""
    text = document.text
    pos = st.sentences[0].start if st.sentences else (st.row.start if st.row else st.first_pos)
    levels: list[list[F.Piece]] = []
    if st.sentences:
        para = next((p for p in paragraphs(text) if p.start <= pos < p.end), None)
        if para is not None and para.start < pos:
            levels.append([F.Piece(para.start, pos, 1.0, F.PARAGRAPH)])
    heads = [
        F.Piece(s.start, min(s.end, s.start + len(s.title) + 2), 1.0, F.GROUP)
        for s in document.sections
        if s.start <= pos < s.end
    ]
    if heads:
        levels.append(heads)
    if st.row is not None and st.row.table_label:
        caps = [t for t in document.tables if t.label == st.row.table_label]
        for t in caps:
            i = text.find(t.caption, max(0, t.start - len(t.caption) - 200)) if t.caption else -1
            if i >= 0:
                levels.append([F.Piece(i, i + len(t.caption), 1.0, F.GROUP)])
    levels.append([F.Piece(0, body_end(document), 0.3, F.PARAGRAPH)])
    return levels


def _dedupe_ev(evs: list[Evidence]) -> list[Evidence]:
    seen: set[Evidence] = set()
    out = []
    for e in evs:
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out


def _dedupe_ids(records: list[StudyRecord]) -> list[StudyRecord]:
    """Same slug twice in one document: the second gets -b, the third -c (first mention order)."""
    counts: dict[str, int] = {}
    out = []
    for r in records:
        k = counts.get(r.study_id, 0)
        counts[r.study_id] = k + 1
        if k:
            from dataclasses import replace

            r = replace(r, study_id=f"{r.study_id}-{chr(ord('a') + k)}")
        out.append(r)
    return out


# --------------------------------------------------------------------------- primary


_DOI = re.compile(r"\b(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s,;]+)", re.I)


def _header_doi(text: str) -> str | None:
    """The article's own DOI when its header (first 1000 characters) states one."""
    m = _DOI.search(text, 0, min(len(text), 1000))
    return m.group(1).rstrip(".)") if m else None


def _primary_skipped(document: Document, end: int) -> list[tuple[int, int]]:
    """Introduction and discussion spans of a primary article: they describe other studies.

    Only when the article also has sections that describe its own work (abstract, methods,
    results); an unsectioned abstract is read whole.
    """
    from extractor.records.lexicon import kind
    from extractor.records.segment import table_rows

    # tables of earlier studies (rows that start with a citation) are about those studies
    cited = {r.table_label for r in table_rows(document)}
    skip = [(t.start, t.end) for t in document.tables if t.label in cited]
    skip_pat = kind("sections", "primary_skip")
    secs = [s for s in document.sections if s.start < end]
    own = re.compile(r"abstract|summary|methods|results|case\s+(?:report|presentation)", re.I)
    if not any(own.search(s.title) for s in secs):
        return skip
    return skip + [(s.start, s.end) for s in secs if skip_pat.match(s.title)]


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


def _primary(
    document: Document,
    ents: Sequence[Entity],
    seg: Segmentation,
    bibliography: Bibliography | None = None,
) -> StudyRecord:
    text = document.text
    end = seg.body_end
    skip = _primary_skipped(document, end)
    pieces = [
        F.Piece(s.start, s.end, 1.0, F.PARAGRAPH)
        for p in paragraphs(text, 0, end)
        if not any(a <= p.start < b for a, b in skip)
        for s in sentences(text, p.start, p.end)
    ]
    values, evidence, conflicts, conf = _record_fields(
        text, ents, pieces, background=_background(text, ents, pieces), front=FRONT_PIECES
    )
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
        evidence=tuple(_dedupe_ev(evidence)),
        conflicts=tuple(conflicts),
        confidence=dict(sorted(conf.items())),
        **values,  # type: ignore[arg-type]
    )
