"""One record per study a review cites: its pieces, its surroundings and its identity.

A review's study is told by its table row and the sentences that cite it; the words before
the citation frame it, the paragraph and section around it lend it a disease when it names
none, and what the review says about its other studies is kept out of its model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache

from extractor.records import fields as F
from extractor.records.citations import fold, link, ref_surname, slug
from extractor.records.confidence import BASE, dedupe_evidence
from extractor.records.content import Mentions, Sources, read_fields
from extractor.records.lexicon import cues
from extractor.records.segment import Study, body_end
from extractor.records.text import Layout, Span
from extractor.records.text_tables import column_product
from extractor.types import Conflict, Document, Entity, Evidence, Reference, StudyRecord


def review_record(
    document: Document,
    ents: Sequence[Entity],
    st: Study,
    said: Said | None = None,
    index: int = -1,
    mentions: Mentions | None = None,
    layout: Layout | None = None,
) -> StudyRecord:
    """The record of study ``st``, the ``index``-th of the review. ``said``: what the review
    says about each of its studies; ``mentions`` and ``layout``: what the document's entities
    and text give every study alike (else gathered here)."""
    said = said or Said([])
    mentions = mentions or Mentions.of(ents)
    text = document.text
    ref = link(st.surname, st.ref, st.year, document.references, _year_letter(st))
    pieces = study_pieces(st, ref)
    context = _context(document, st, layout or Layout(text))
    src = Sources(
        text,
        ents,
        pieces,
        context,
        background=_induction(st),
        frame=_frame(text, st, ref),
        near=said.near(context, index),
        therapy=mentions.therapy,
        scores=mentions.scores,
    )
    values, evidence, conflicts, conf = read_fields(src)
    _unwrapped(text, st, pieces, values, conf)
    _header_product(st, values, conf)
    _cultured_row(text, st, pieces, values, conf)
    _cell_count(text, st, pieces, values, conf)
    conflicts = _row_count(text, st, pieces, values, conflicts, conf)
    year, year_conflicts = _year(st, ref, conf)
    author_conflicts = _author(st, ref, conf)
    if ref is not None:
        evidence.append(Evidence(ref.start, ref.end, "doi"))
    base = [Evidence(st.row.start, st.row.end, None)] if st.row is not None else []
    base += [Evidence(s.start, s.end, None) for s in st.sentences]
    conf.update(
        ref=0.95 if st.ref is not None else (0.85 if ref is not None and ref.number else 0.3),
        doi=0.95 if ref is not None and ref.doi else 0.3,
    )
    return StudyRecord(
        study_id=_study_id(st, year),
        first_author=st.surname,
        year=year,
        # the number of the reference-list entry the study resolved to, however it was cited
        ref=st.ref if st.ref is not None else (ref.number if ref is not None else None),
        doi=ref.doi if ref is not None else None,
        evidence=tuple(dedupe_evidence(base + evidence)),
        conflicts=(*author_conflicts, *year_conflicts, *conflicts),
        confidence=dict(sorted(conf.items())),
        **values,  # type: ignore[arg-type]
    )


def told(text: str, st: Study) -> list[Span]:
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


def study_pieces(st: Study, ref: Reference | None) -> list[F.Piece]:
    """The pieces that describe ``st``: its row's cells (its population cell weighs most),
    its group heading, its sentences, its reference entry."""
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
            if c in cites:
                continue
            # how the model was made ("IL-23 intradermal, 14 days"): it may name the disease,
            # never the therapy's route, dose or a measured cytokine
            weight, kind = (
                (0.5, F.TITLE)
                if c.role == "induction"
                else (4.0, F.POPULATION)
                if c in pop
                else (2.0, F.ROW)
            )
            pieces.extend(F.Piece(a, b, weight, kind) for a, b in c.spans())
        if st.row.group_span is not None:
            g = st.row.group_span
            pieces.append(F.Piece(g.start, g.end, 3.0, F.GROUP))
    for s in st.sentences:
        pieces.append(F.Piece(s.start, s.end, 1.0, F.PARAGRAPH))
    if ref is not None:
        pieces.append(F.Piece(ref.start, ref.end, 0.5, F.TITLE))
    return pieces


def _induction(st: Study) -> list[F.Piece]:
    """The row's cells on how the model was made: background, no measured cytokines."""
    return [
        F.Piece(a, b, 0.5, F.TITLE)
        for c in (st.row.cells if st.row is not None else ())
        if c.role == "induction"
        for a, b in c.spans()
    ]


def _header_product(st: Study, values: dict[str, object], conf: dict[str, float]) -> None:
    """A row whose product column is headed by the product its cells made ("Vesicle source":
    "ADSCs"): the intervention is that product, not the cells named. Updates ``values``."""
    for c in st.row.cells if st.row is not None else ():
        product = column_product(c.header) if c.role == "intervention" and c.text else None
        if product is not None and values["intervention"] in (None, "cells"):
            values["intervention"] = product
            conf["intervention"] = BASE[F.ROW]
            return


def _cultured_row(
    text: str,
    st: Study,
    pieces: Sequence[F.Piece],
    values: dict[str, object],
    conf: dict[str, float],
) -> None:
    """A row whose model column names a cell line or a skin cell type ("SZ95 sebocytes",
    "HUVECs under high glucose") and no animal or patient: cells in culture, in vitro
    (Cellosaurus names, ``models/records/cell_lines.jsonl``). Updates ``values``."""
    if values["model"] is not None or st.row is None:
        return
    for c in st.row.population():
        if any(cue.regex.search(c.text) for cue in cues("cell_lines")):
            values["model"] = "cell culture"
            values["design"] = F.design(text, pieces, "cell culture", None).value
            conf["model"] = conf["design"] = BASE[F.ROW]
            return


def _cell_count(
    text: str,
    st: Study,
    pieces: Sequence[F.Piece],
    values: dict[str, object],
    conf: dict[str, float],
) -> None:
    """A population cell's head count read within the cell's own bounds, where the document
    around it hid it: a CSV cell starts straight after its comma ("...,10 children,..."),
    which reads as a thousands separator in running text. Updates ``values``."""
    if values["sample_size"] is not None or st.row is None:
        return
    for c in st.row.population():
        piece = F.Piece(0, len(c.text), 4.0, F.POPULATION)
        n = F.sample_size(c.text, [piece], values["model"]).value  # type: ignore[arg-type]
        if n is not None:
            values["sample_size"] = n
            conf["sample_size"] = BASE[F.ROW]
            if values["model"] is not None:  # one or two people: a case report
                values["design"] = F.design(text, pieces, values["model"], n).value  # type: ignore[arg-type]
            return


def _unwrapped(
    text: str,
    st: Study,
    pieces: Sequence[F.Piece],
    values: dict[str, object],
    conf: dict[str, float],
) -> None:
    """What a row's cell wrapped over lines hides from its lines read one by one (a disease
    "alopecia" / "areata", a count "C3H/HeJ mice," / "n = 12 per group", a product
    "ADSC-conditioned" / "medium"): the model, disease, sample size and intervention read
    from the cell's lines joined, where no single line gives that value (a line may give a
    part of it: "ADSC-conditioned" alone reads as cells). The cell is the row's, so it
    outranks what the prose gave. Updates ``values`` and ``conf``."""
    cells = [c for c in (st.row.cells if st.row else ()) if len(c.parts) > 1 and c.role]
    changed = False
    for c in cells:
        kind = F.POPULATION if c.role in ("population", "sample") else F.ROW
        whole = [F.Piece(0, len(c.text), 4.0, kind)]
        lines = [(text[a:b], [F.Piece(0, b - a, 4.0, kind)]) for a, b in c.parts]
        readers = {
            "model": lambda t, p: F.model(t, p),
            "disease": lambda t, p: F.disease(t, p),
            "sample_size": lambda t, p: F.sample_size(t, p, values["model"]),  # type: ignore[arg-type]
            "intervention": lambda t, p: F.intervention(t, p),
        }
        for name, read in readers.items():
            found = read(c.text, whole).value
            if found is None or any(read(t, p).value == found for t, p in lines):
                continue
            changed = changed or values[name] != found
            values[name] = found
            conf[name] = BASE[kind]
    if changed and values["model"] is not None:
        n = values["sample_size"]
        values["design"] = F.design(text, pieces, values["model"], n).value  # type: ignore[arg-type]


def _row_count(
    text: str,
    st: Study,
    pieces: Sequence[F.Piece],
    values: dict[str, object],
    conflicts: list[Conflict],
    conf: dict[str, float],
) -> list[Conflict]:
    """A sample-size column ("n") is the table's own count of the study's people or animals:
    it wins over the prose (a conflict says so). Updates ``values`` and ``conf``."""
    n_col = st.row.sample() if st.row is not None else None
    if n_col is None:
        return conflicts
    if values["sample_size"] not in (None, n_col):
        conflicts = [c for c in conflicts if c.field != "sample_size"]
        conflicts.append(Conflict("sample_size", (n_col, values["sample_size"])))
    values["sample_size"] = n_col
    conf["sample_size"] = BASE[F.ROW]
    if values["model"] is None and values["disease"]:
        # a row giving a disease and a head count but no species or cells: patients (an
        # animal model is named by species or strain, ARRIVE 2.0 item 8; a culture by its
        # cells)
        values["model"] = "human"
        values["design"] = F.design(text, pieces, "human", n_col).value
        conf["model"] = conf["design"] = BASE[F.ROW] * 0.7
    return conflicts


def _year(
    st: Study, ref: Reference | None, conf: dict[str, float]
) -> tuple[int | None, list[Conflict]]:
    """The study's year (its row, else its text, else its reference entry) and a conflict
    when they disagree; sets ``conf["year"]``."""
    year = st.year if st.year is not None else (st.text_years[0] if st.text_years else None)
    year_src = F.ROW if st.row is not None and st.year is not None else F.PARAGRAPH
    if year is None and ref is not None and ref.year is not None:
        year, year_src = ref.year, F.TITLE
    year_conf = BASE[year_src] if year is not None else 0.3
    others = sorted({y for y in [*st.text_years, ref.year if ref else None] if y and y != year})
    conflicts = []
    if year is not None and others:
        conflicts.append(Conflict("year", (year, *others)))
        year_conf *= 0.7
    conf["year"] = round(year_conf, 3)
    return year, conflicts


def _author(st: Study, ref: Reference | None, conf: dict[str, float]) -> list[Conflict]:
    """A conflict when the reference list names another first author; sets
    ``conf["first_author"]``."""
    author_conf = 0.9 if st.row is not None else 0.8
    conflicts = []
    if ref is not None:
        listed = ref_surname(ref)
        if listed and fold(listed) != fold(st.surname):
            conflicts.append(Conflict("first_author", (st.surname, listed)))
            author_conf *= 0.8
    conf["first_author"] = round(author_conf, 3)
    return conflicts


def _study_id(st: Study, year: int | None) -> str:
    # a study known only by its number and with no reference list has no surname to slug
    sid = slug(st.surname) if st.surname else f"ref-{st.ref}"
    return sid + (f"-{year}" if year is not None else "")


def _year_letter(st: Study) -> str | None:
    """The letter after the study's year in its table cell (``Kim 2019b``), if any."""
    if st.row is None or st.year is None:
        return None
    pattern = re.compile(rf"\b{st.year}([a-z])\b")
    for c in st.row.cells:
        m = pattern.search(c.text)
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


_CLAUSE_SPLIT = re.compile(r"[;:]")
_CLOSING = re.compile(r"[\[(]?\s*[\w.\- ]{0,40}?\s*[\])]?\s*[.,]?\s*")
_OPENS_NUMBER = re.compile(r"\s*[\[(]\s*\d")


def _closes(text: str, at: int, s: Span) -> bool:
    """Whether the citation at ``at`` closes its clause (a Vancouver number after what the
    study did): nothing but the citation and punctuation up to the next ';' or the end."""
    rest = _CLAUSE_SPLIT.split(text[at : s.end], maxsplit=1)[0]
    return _CLOSING.fullmatch(rest) is not None and bool(_OPENS_NUMBER.match(rest))


class Said:
    """What a review says about each of its studies (``told``), as one list of (start, end,
    study) sorted by start, with the farthest end reached so far at each place: a study's
    record cuts the others' words out of its surroundings by walking only the part of the
    list that can touch them."""

    __slots__ = ("cuts", "reach")

    def __init__(self, cuts: Sequence[tuple[int, int, int]]) -> None:
        self.cuts = sorted(cuts)
        self.reach: list[int] = []
        for _, end, _ in self.cuts:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    @classmethod
    def of(cls, text: str, studies: Sequence[Study]) -> Said:
        return cls([(sp.start, sp.end, i) for i, st in enumerate(studies) for sp in told(text, st)])

    def gaps(self, lo: int, hi: int, leave_out: int) -> Iterator[tuple[int, int]]:
        """The stretches of ``[lo, hi)`` that no study's words but ``leave_out``'s cover, in
        order. The walk starts at the first span reaching past ``lo``: those before it end at
        or before ``lo``. One sweep: a span starting later can no longer touch a stretch
        already closed before its start."""
        a = lo
        cuts = self.cuts
        for i in range(bisect_right(self.reach, lo), len(cuts)):
            start, end, owner = cuts[i]
            if start >= hi:
                break
            if end <= a or owner == leave_out:
                continue
            if a < start:
                yield a, start
            a = max(a, end)
        if a < hi:
            yield a, hi

    def minus(self, pieces: Sequence[F.Piece], leave_out: int = -1) -> list[F.Piece]:
        """``pieces`` with the words of every study but ``leave_out`` cut out (a piece split
        around each span; an empty span strictly inside a piece splits it); fragments of
        one character are dropped."""
        return [
            F.Piece(a, b, p.weight, p.origin)
            for p in pieces
            for a, b in self.gaps(p.start, p.end, leave_out)
            if b - a > 1
        ]

    def near(self, context: Sequence[Sequence[F.Piece]], leave_out: int) -> list[list[F.Piece]]:
        """The levels of ``context`` with the other studies' words cut out, the empty ones
        and then the widest left dropped: what study ``leave_out``'s model may be read from
        (``content.Sources.near``). Of the widest level (the whole body) it only asks whether
        anything is left."""
        *inner, widest = context
        kept = [m for m in (self.minus(level, leave_out) for level in inner) if m]
        left = any(b - a > 1 for p in widest for a, b in self.gaps(p.start, p.end, leave_out))
        return kept if left else kept[:-1]


def minus(pieces: Sequence[F.Piece], spans: Sequence[Span]) -> list[F.Piece]:
    """``pieces`` with ``spans`` cut out (a piece split around each; an empty span strictly
    inside a piece splits it)."""
    return Said([(sp.start, sp.end, 0) for sp in spans]).minus(pieces)


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


def _context(document: Document, st: Study, layout: Layout) -> list[list[F.Piece]]:
    """Surroundings of a study, nearest first: its paragraph before the citation, the titles
    of the sections it sits in, the whole body."""
    text = document.text
    pos = st.sentences[0].start if st.sentences else (st.row.start if st.row else st.first_pos)
    levels: list[list[F.Piece]] = []
    if st.sentences:
        para = layout.paragraph_at(pos)
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
