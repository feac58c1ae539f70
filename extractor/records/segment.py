"""Study segmentation: which parts of a document describe which primary study.

A review yields one ``Study`` per table row and per cited study discussed in its results;
a primary article yields one ``Study`` covering the article. The decision is made from
structure (study tables, author citations acting as sentence subjects, review/primary wording
near the start), never from the file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractor.records.citations import (
    Citation,
    bare_numbers,
    find_citations,
    fold,
    is_subject,
    parse_author_cell,
    ref_surname,
    study_nouns,
    surname_matches,
    unnumbered_references,
)
from extractor.records.lexicon import json_table, kind
from extractor.records.study_mentions import (
    complete,
    counted_numbers,
    lettered_notes,
    marker_sentences,
    names_other_work,
    study_heading_starts,
)
from extractor.records.text import Span, paragraphs
from extractor.records.text_tables import column_role, text_tables
from extractor.types import Bibliography, Document, Reference, Table

_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d{2})[a-z]?\s*$")
# a study cell that is only a reference number: "18", "[18]", "(18)"
_NUMBER_CELL = re.compile(r"^\s*[\[(]?\s*(\d{1,4})\s*[\])]?\s*$")


# "12", "n = 12", "30 (15 + 15)", "30 (15/15)", "8 per group", "8/group", "6 per arm"
_SAMPLE_CELL = re.compile(
    r"\s*(?:n\s*=\s*)?(\d{1,5})"
    r"(?:\s*\(\s*\d{1,5}(?:\s*[+/:]\s*\d{1,5})+\s*\)|\s*(?:per|/|in\s+each)\s*(?:group|arm))?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cell:
    header: str
    text: str
    start: int | None  # offsets in Document.text, None when the cell could not be located
    end: int | None
    role: str | None = None  # column_role of the header


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    start: int
    end: int
    citation: Citation
    year: int | None
    group: str | None  # the sub-heading row above ("ADMSCs in psoriasis")
    group_span: Span | None
    table_label: str | None

    def population(self) -> tuple[Cell, ...]:
        """Cells whose header names the study population (empty when no header says so)."""
        return tuple(c for c in self.cells if c.role == "population")

    def sample(self) -> int | None:
        """The count of a sample-size column ("n", "No. of patients"): one number, a total with
        its arms ("30 (15 + 15)": all arms together, SCHEMA §4), or the animals per group as
        stated ("8 per group")."""
        for c in self.cells:
            if c.role != "sample":
                continue
            m = _SAMPLE_CELL.fullmatch(c.text)
            if m and not _YEAR_CELL.match(c.text):
                return int(m.group(1))
        return None


@dataclass(slots=True)
class Study:
    surname: str
    year: int | None
    ref: int | None
    first_pos: int
    row: Row | None = None
    sentences: list[Span] = field(default_factory=list)
    text_surnames: list[str] = field(default_factory=list)
    text_years: list[int] = field(default_factory=list)

    def matches(self, cit: Citation) -> bool:
        if self.ref is not None and cit.ref is not None:
            return self.ref == cit.ref
        if not surname_matches(self.surname, cit.surname):
            return False
        return self.year is None or cit.year is None or self.year == cit.year


@dataclass(frozen=True, slots=True)
class Segmentation:
    kind: str  # "review" | "primary"
    studies: tuple[Study, ...]
    body_end: int  # where the reference list starts (or len(text))


# --------------------------------------------------------------------------- structure


def body_end(document: Document) -> int:
    """Start of the reference list: from ``references`` or a "References" heading. Asked
    once per study; the last document's answer is kept (the heading search reads the whole
    text)."""
    if _BODY_END and _BODY_END[0][0] is document:
        return _BODY_END[0][1]
    end = _body_end(document)
    _BODY_END[:] = [(document, end)]
    return end


_BODY_END: list[tuple[Document, int]] = []


def _body_end(document: Document) -> int:
    text = document.text
    heading = re.compile(kind("sections", "references").pattern, re.IGNORECASE | re.MULTILINE)
    if document.references:
        first = min(r.start for r in document.references)
        head = text.rfind("\n", 0, first)
        start = head + 1 if head >= 0 else first
        # an entry the list reader did not take may sit between the heading and the first
        # entry it did ("Similar articles" / "Fat grafting for wrinkles." / "Lee S, et al. …")
        above = [m.start() for m in heading.finditer(text, 0, start)]
        if above and text.count("\n", above[-1], start) <= _HEADING_GAP_LINES:
            return above[-1]
        return start
    found = [m.start() for m in heading.finditer(text)]
    return found[-1] if found else len(text)


_HEADING_GAP_LINES = 4  # lines between a reference heading and the first entry read


def excluded_sections(document: Document, end: int) -> list[Span]:
    """Spans (abstract, introduction, methods, conclusions...) where no new study starts."""
    pat = kind("sections", "no_new_studies")
    spans: list[Span] = []
    if document.sections:
        for s in document.sections:
            if pat.match(s.title):
                # a heading the reader did not take as a section, that opens the studies
                # ("Clinical studies"), ends the introduction above it
                cut = study_heading_starts(document.text, s.start + 1, s.end)
                spans.append(Span(s.start, cut[0] if cut else s.end))
        return spans
    # No sections from ingestion: headings are short lines; a section runs to the next one.
    text = document.text[:end]
    heads = [
        (m.start(), bool(pat.match(m.group(1))))
        for m in re.finditer(r"^([^\n]{1,80})$", text, re.MULTILINE)
        if _looks_like_heading(m.group(1))
    ]
    for i, (pos, excluded) in enumerate(heads):
        if excluded:
            stop = heads[i + 1][0] if i + 1 < len(heads) else end
            spans.append(Span(pos, stop))
    return spans


def _looks_like_heading(line: str) -> bool:
    s = line.strip()
    if not s or (s.endswith((".", ",", ";", ":")) and not re.match(r"^\d+(\.\d+)*\.$", s)):
        return False
    return len(s.split()) <= 8 and (s[0].isupper() or s[0].isdigit())


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


# --------------------------------------------------------------------------- tables


def _locate(text: str, needle: str, pos: int, limit: int) -> tuple[int, int] | None:
    if not needle:
        return None
    i = text.find(needle, pos, limit)
    if i >= 0:
        return i, i + len(needle)
    words = needle.split()
    if not words:
        return None
    flex = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(flex).search(text, pos, limit)
    return (m.start(), m.end()) if m else None


def with_text_structure(document: Document) -> Document:
    """``document`` with what the ingester's readers leave in the text: tab-separated tables
    added to ``tables``, and, when it found no numbered reference list, the author-year list
    under the last "References" heading as ``references`` (so a row or a sentence citing
    ``Farahani et al. (2017)`` gets that entry's DOI)."""
    tables = text_tables(document)
    refs: tuple[Reference, ...] = ()
    if not document.references:
        end = body_end(document)
        if end < len(document.text):
            line_end = document.text.find("\n", end)
            refs = unnumbered_references(document.text, line_end + 1) if line_end >= 0 else ()
    if not tables and not refs:
        return document
    return replace(
        document,
        tables=tuple(sorted((*document.tables, *tables), key=lambda t: t.start)),
        references=refs or document.references,
    )


def table_rows(document: Document) -> list[Row]:
    """Study rows of every table whose first citation-like cell names a study."""
    found: list[Row] = []
    for table in document.tables:
        found.extend(_rows_of(document.text, table, document.references))
    return found


def _numbered_cell(cell: str, references: tuple[Reference, ...]) -> Citation | None:
    """A study given by its reference number only ("[18]"): author and year from the list."""
    m = _NUMBER_CELL.match(cell)
    if not m or _YEAR_CELL.match(cell.strip("[]() ")):
        return None
    num = int(m.group(1))
    ref = next((r for r in references if r.number == num), None)
    surname = (ref_surname(ref) or "") if ref is not None else ""
    return Citation(surname, ref.year if ref is not None else None, num, m.start(1), m.end(1))


def _row_citation(
    located: list[Cell],
    references: tuple[Reference, ...],
    notes: dict[str, Reference] | None = None,
) -> Citation | None:
    """The study a row describes: its study column(s) by header meaning (an author cell, a
    reference number resolved through the reference list, or a footnote letter resolved
    through the table's ``notes``), else an author cell among the first two cells of a table
    whose headers say nothing."""
    study_cols = [c for c in located if c.role == "study"]
    for c in study_cols:
        cit = (
            parse_author_cell(c.text)
            or _numbered_cell(c.text, references)
            or _lettered_cell(c.text, notes or {})
        )
        if cit is not None:
            return cit
    year_cell = next((c for c in located if c.role == "year" and _YEAR_CELL.match(c.text)), None)
    for c in study_cols if year_cell is not None else ():
        # "| Villanueva | 2018 |": the surname in a "First author" column, the year in its own
        m = _BARE_SURNAME.fullmatch(c.text)
        if m:
            return Citation(m.group(1), int(year_cell.text.strip()[:4]), None, 0, len(c.text))
    return _first_cells_citation(located)


def _lettered_cell(cell: str, notes: dict[str, Reference]) -> Citation | None:
    """A study given by a footnote letter only ("a", "(b)"): author and year from the
    table's lettered footnote of that letter."""
    ref = notes.get(cell.strip("()[]^ ").lower()) if len(cell.strip("()[]^ ")) == 1 else None
    if ref is None:
        return None
    return Citation(ref_surname(ref) or "", ref.year, None, 0, len(cell))


# a study cell that is only a surname ("Villanueva", "De Jesus", "Ruiz-Gómez et al.")
_ONE_SURNAME = (
    r"(?:(?:de|van|von|der|den|da|dos|del|di|le|la|al|el)\s+)*"
    r"[A-ZÀ-Þ][\w'\u2019-]+(?:\s+[A-ZÀ-Þ][a-zà-ÿ'\u2019-][\w'\u2019-]*)?"
)
_INITIALS = r"(?:\s+(?:[A-Z]\.?-?){1,3}(?![\w'\u2019]))?"  # Vancouver: "Kim J", "Lee SH"
# "Villanueva", "Ruiz-Gómez et al.", and an author list without initials ("Comella, Parcero,
# Bansal", "Kim and Lee"): the first surname is the study's
_BARE_SURNAME = re.compile(
    rf"\s*({_ONE_SURNAME}){_INITIALS}(?:\s*(?:,|&|\band\b)\s*{_ONE_SURNAME}{_INITIALS})*"
    r"(?:,?\s+et\s+al\.?)?\s*"
)


def _first_cells_citation(located: list[Cell]) -> Citation | None:
    """An author cell among the first two cells of a table whose headers say nothing, else a
    cell anywhere in the row that is a whole author citation with its year or number
    ("| Psoriasis | 6 | Lee et al. 2020 [31] | …" under "Representative study")."""
    for c in located[:2]:
        if c.role in ("number", "sample", "year"):
            continue
        cit = parse_author_cell(c.text)
        if cit is not None:
            return cit
    for c in located[2:]:
        if c.role in ("number", "sample", "year", "outcome"):
            continue
        cit = parse_author_cell(c.text)
        if cit is not None and (cit.year or cit.ref) and cit.end >= len(c.text.rstrip()) - 1:
            return cit
    return None


def _rows_of(text: str, table: Table, references: tuple[Reference, ...] = ()) -> list[Row]:
    flipped = _transposed(table)
    if flipped is not None:
        # one study a column: its cells run down the table, each study read from the top
        roles = [column_role(h) for h in flipped.header]
        return _rows_with(text, flipped, references, roles, restart=True)
    roles = _count_columns(table, [column_role(h) for h in table.header])
    out = _rows_with(text, table, references, roles)
    if out or len(table.rows) < 2:
        return out
    # headers that name no study column ("Investigators | Published | …"): the columns whose
    # cells are all surnames and all years say it by their content
    by_content = _content_roles(table, roles)
    return _rows_with(text, table, references, by_content) if by_content != roles else out


_COUNT_CELL = re.compile(r"\s*(?:n\s*=\s*)?\d{1,5}\s*")


def _count_columns(table: Table, roles: list[str | None]) -> list[str | None]:
    """``roles`` with a population column ("Patients", "Subjects") whose every filled cell is
    a bare count read as the sample-size column it is."""
    out = list(roles)
    for i, role in enumerate(roles):
        cells = [r[i] for r in table.rows if i < len(r) and r[i].strip()]
        counts = cells and all(_COUNT_CELL.fullmatch(c) for c in cells)
        if role == "population" and counts and not any(_YEAR_CELL.match(c) for c in cells):
            out[i] = "sample"
    return out


def _content_roles(table: Table, roles: list[str | None]) -> list[str | None]:
    """``roles`` with a column of bare surnames as ``study`` and a column of years as
    ``year`` (every filled cell, two rows at least), when neither role is given yet."""
    if "study" in roles or "number" in roles:
        return roles
    out = list(roles)
    width = len(table.header)
    cols = [[r[i].strip() for r in table.rows if i < len(r) and r[i].strip()] for i in range(width)]
    years = [i for i, c in enumerate(cols) if len(c) >= 2 and all(_YEAR_CELL.match(x) for x in c)]
    names = [
        i
        for i, c in enumerate(cols)
        if len(c) >= 2 and all(_BARE_SURNAME.fullmatch(x) for x in c) and i not in years
    ]
    if years and names:
        out[years[0]], out[names[0]] = "year", "study"
    return out


def _transposed(table: Table) -> Table | None:
    """A table with one study a column ("| | Moreau et al. (2019) | Bakr et al. (2021) |", the
    fields as rows under a first column of labels that the header lexicon knows) turned so
    that each study is a row; None for any other table."""
    cols = [
        i
        for i, h in enumerate(table.header)
        if i > 0 and (c := parse_author_cell(h)) is not None and (c.year or c.ref)
    ]
    labels = [r[0] if r else "" for r in table.rows]
    if len(cols) < 2 or len(cols) < len(table.header) - 1:
        return None
    if sum(column_role(x) is not None for x in labels) < 2:
        return None
    rows = tuple((table.header[j], *(r[j] if j < len(r) else "" for r in table.rows)) for j in cols)
    return Table(table.label, table.caption, ("Study", *labels), rows, table.start, table.end)


def _rows_with(
    text: str,
    table: Table,
    references: tuple[Reference, ...],
    roles: list[str | None],
    restart: bool = False,
) -> list[Row]:
    out: list[Row] = []
    group: str | None = None
    group_span: Span | None = None
    pos = table.start
    header = list(table.header)
    notes = lettered_notes(text, table.start) if _has_letter_cells(table, roles) else {}
    for raw in table.rows:
        cells_text = [c.strip() for c in raw]
        filled = [c for c in cells_text if c]
        if not filled:
            continue
        located: list[Cell] = []
        p = table.start if restart else pos
        for i, c in enumerate(cells_text):
            loc = _locate(text, c, p, table.end) if c else None
            if loc:
                p = loc[1]
            located.append(
                Cell(
                    header[i] if i < len(header) else "",
                    c,
                    *(loc if loc else (None, None)),
                    roles[i] if i < len(roles) else None,
                )
            )
        starts = [c.start for c in located if c.start is not None]
        ends = [c.end for c in located if c.end is not None]
        if len(filled) == 1 and out and _continues_study_cell(located, out[-1]):
            # the study cell wrapped: "| Osei et al. | … |" then "| (2019) | | |"
            out[-1] = _with_year(out[-1], located)
            continue
        if len(filled) == 1:
            # a sub-heading row spanning the table ("ADMSC-derived sEVs in psoriasis")
            group = filled[0]
            group_span = Span(starts[0], ends[-1]) if starts else None
            pos = ends[-1] if ends else pos
            continue
        cit = _row_citation(located, references, notes)
        if cit is None or not starts:
            continue
        pos = ends[-1]
        year = cit.year
        for c in located:
            m = _YEAR_CELL.match(c.text) if c.role in ("year", None) else None
            if m:  # a year column, or a year alone in a column no header explains
                year = int(m.group(1))
                break
        out.append(
            Row(tuple(located), min(starts), max(ends), cit, year, group, group_span, table.label)
        )
    return out


_WRAPPED_YEAR = re.compile(r"^\s*[(\[]?\s*((?:19|20)\d{2})[a-z]?\s*[)\]]?\s*$")


def _continues_study_cell(located: list[Cell], above: Row) -> bool:
    """A row whose one filled cell is a bare year in the study column, below a row whose study
    has no year: the second line of a wrapped study cell, not a sub-heading."""
    cell = next(c for c in located if c.text)
    return cell.role == "study" and above.year is None and bool(_WRAPPED_YEAR.match(cell.text))


def _with_year(row: Row, located: list[Cell]) -> Row:
    cell = next(c for c in located if c.text)
    m = _WRAPPED_YEAR.match(cell.text)
    assert m is not None
    year = int(m.group(1))
    cit = replace(row.citation, year=year)
    return replace(row, citation=cit, year=year, end=max(row.end, cell.end or row.end))


def _has_letter_cells(table: Table, roles: list[str | None]) -> bool:
    """A study column whose cells are single footnote letters ("a", "b")."""
    cols = [i for i, r in enumerate(roles) if r == "study"]
    return any(
        len(r[i].strip("()[]^ ")) == 1 and r[i].strip("()[]^ ").isalpha()
        for r in table.rows
        for i in cols
        if i < len(r)
    )


# --------------------------------------------------------------------------- kind


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
    if (authors or len(distinct) >= 2) and primary_cues == 0 and len(document.text) < 6000:
        # a passage: cited studies discussed, nothing first-person
        return "review"
    return "primary"


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


# --------------------------------------------------------------------------- segmentation


def _own_citation(bibliography: Bibliography | None) -> tuple[str, int] | None:
    """(first author, year) of the document itself: a citation of it printed in its own front
    matter or page foot (Cell Press's ``Benítez et al., 2023, Stem Cell Reports 18``, running
    heads) names the article, not a study it discusses."""
    if bibliography is None or not bibliography.authors or bibliography.year is None:
        return None
    if _read_from_prose(bibliography):
        return None
    return fold(bibliography.authors[0]), bibliography.year


def _read_from_prose(bibliography: Bibliography) -> bool:
    """A bibliography without DOI or PMID whose title or journal holds an author-year citation
    ("Lee and Park (2019) applied …") was read from a review's first sentence, not from a
    header: its author is a study the text discusses."""
    if bibliography.doi or bibliography.pmid:
        return False
    return any(find_citations(x) for x in (bibliography.title, bibliography.journal) if x)


def _is_own(c: Citation, own: tuple[str, int] | None) -> bool:
    """A citation of the document itself: its first author with its year, or with no year
    (Cell Press's "In brief": "Benítez and colleagues show that …")."""
    return own is not None and fold(c.surname) == own[0] and c.year in (None, own[1])


def segment(document: Document, bibliography: Bibliography | None = None) -> Segmentation:
    text = document.text
    end = body_end(document)
    rows = table_rows(document)
    excluded = excluded_sections(document, end)
    table_spans = [Span(t.start, t.end) for t in document.tables]

    paras = [
        p
        for p in paragraphs(text, 0, end)
        if not any(t.start <= p.start < t.end for t in table_spans)
    ]
    cits: list[tuple[Span, list[Citation]]] = []
    all_subject: list[Citation] = []
    own = _own_citation(bibliography)
    for p in paras:
        found = [
            c
            for c in _mentions(document, p)
            if not _is_own(c, own)
            and (is_subject(text, c) or _reports_study(text, c, p) or _announces_study(text, c, p))
        ]
        cits.append((p, found))
        all_subject.extend(c for c in found if not _inside(c.start, excluded))

    # studies cited only by number ("... received UC-MSCs intravenously [12].")
    numbered: list[Citation] = []
    if not rows:
        for p in paras:
            if _inside(p.start, excluded):
                continue
            for s in marker_sentences(text, p.start, p.end):
                num = _study_number(text, s)
                nums = [num] if num is not None else _counted_study_numbers(text, s)
                numbered.extend(Citation("", None, n, s.start, s.end) for n in nums)
    doc_kind = document_kind(document, rows, all_subject + numbered, bibliography)
    if doc_kind == "primary":
        return Segmentation("primary", (), end)

    studies: list[Study] = []
    for r in rows:
        st = Study(r.citation.surname, r.year, r.citation.ref, r.start, row=r)
        studies.append(st)
    may_create = not rows  # with study tables, the tables define the studies (gold 7.1)

    def find(c: Citation) -> Study | None:
        for st in studies:
            if st.matches(c):
                return st
        return None

    for p, found in cits:
        in_excluded = _inside(p.start, excluded)
        current: Study | None = None
        by_pos = sorted(found, key=lambda c: c.start)
        sents = marker_sentences(text, p.start, p.end)
        lead: Span | None = None
        for i, s in enumerate(sents):
            here = [c for c in by_pos if s.start <= c.start < s.end]
            if current is not None and _leads_in(
                text, s, here, sents[i + 1 : i + 2], by_pos, current
            ):
                # "For photoageing, only animal data exist. Chen et al16 exposed …": a sentence
                # that reports nothing and comes right before another study's citation opens
                # that study; it is not the study before it going on
                current, lead = None, s
                continue
            target: Study | None = None
            named: list[Study] = []
            for c in here:
                st = find(c)
                if st is None and may_create and not in_excluded and (c.ref or c.year):
                    st = Study(c.surname, c.year, c.ref, c.start)
                    studies.append(st)
                if st is not None and st not in named:
                    st.text_surnames.append(c.surname)
                    if c.year is not None:
                        st.text_years.append(c.year)
                    named.append(st)
            if not named and rows and _cites_other_work(document, s, here, studies):
                # with study tables, a sentence citing only other work (a reference no row
                # stands for: "Whether this holds in chemotherapy-induced alopecia [8] is
                # unknown") is about that work, not a continuation of the study before it
                current = None
                continue
            if len(named) > 1:
                # "Both Kim et al. (5) and Lee et al. (6) used …": the sentence is about each
                # of them, and what follows it cannot be told apart
                if not in_excluded:
                    for st in named:
                        st.sentences.append(s)
                current = None
                continue
            if named:
                target = named[0]
            if target is None and current is None and not in_excluded and rows:
                target = _row_named_by_surname(text, s, studies)
            if target is None and current is None and not in_excluded:
                nums = bare_numbers(text, s.start, s.end)
                known = [st for st in studies if st.ref is not None and st.ref in nums]
                if len(known) == 1:
                    target = known[0]
            many = _counted_study_numbers(text, s) if target is None and numbered else []
            if many and may_create and not in_excluded:
                # "Two groups injected … [3,4]": the sentence is about each numbered study
                for n in many:
                    st = next((x for x in studies if x.ref == n), None)
                    if st is None:
                        st = _numbered_study(document, n, s.start)
                        studies.append(st)
                    st.sentences.append(s)
                current, lead = None, None
                continue
            if target is None and may_create and not in_excluded and numbered:
                num = _study_number(text, s)
                if num is not None:
                    target = next((st for st in studies if st.ref == num), None)
                    if target is None:
                        target = _numbered_study(document, num, s.start)
                        studies.append(target)
            if target is not None:
                current = target
                if lead is not None and not in_excluded and lead not in target.sentences:
                    target.sentences.append(lead)
            lead = None
            if current is not None and not in_excluded:
                current.sentences.append(s)
    studies = [st for st in studies if st.row is not None or st.sentences]
    for st in studies:
        if st.sentences:
            st.first_pos = min(st.first_pos, st.sentences[0].start)
    studies.sort(key=lambda st: st.first_pos)
    return Segmentation("review", tuple(studies), end)


def _mentions(document: Document, p: Span) -> list[Citation]:
    """The author mentions of paragraph ``p``, each with the year or reference number its
    sentence gives it apart from the author part (``study_mentions.complete``), less those
    that name a review, a guideline, a comparison or an authority."""
    text = document.text
    sents = marker_sentences(text, p.start, p.end)
    out = []
    for c in find_citations(text, p.start, p.end):
        s = next((x for x in sents if x.start <= c.start < x.end), None)
        if names_other_work(text, c, s):
            continue
        out.append(complete(text, c, s, document.references))
    return out


def _leads_in(
    text: str,
    s: Span,
    here: list[Citation],
    following: list[Span],
    by_pos: list[Citation],
    current: Study,
) -> bool:
    """Whether sentence ``s`` introduces the study cited in the next sentence rather than
    continuing ``current``: it cites nothing, names no study subject or treatment step
    (``study_cue``), and the next sentence cites a study that is not ``current``."""
    if here or not following or study_cue(text, s.start, s.end):
        return False
    if re.search(r"\d", text[s.start : s.end]) or not _names_disease(text, s):
        return False  # a result ("IL-8 fell from 27 to 14") or no topic of its own
    nxt = following[0]
    cited = [c for c in by_pos if nxt.start <= c.start < nxt.end]
    return bool(cited) and not any(current.matches(c) for c in cited)


def _names_disease(text: str, s: Span) -> bool:
    """Whether a row of the disease lexicon matches inside sentence ``s``."""
    from extractor.records.lexicon import cues

    return any(c.regex.search(text, s.start, s.end) for c in cues("diseases"))


def _cites_other_work(
    document: Document, s: Span, here: list[Citation], studies: list[Study]
) -> bool:
    """Whether sentence ``s`` cites only works that are none of ``studies``: an author
    citation that found no study, or bracketed numbers that are all entries of the reference
    list and none a study's."""
    if here:
        return True
    nums = bare_numbers(document.text, s.start, s.end)
    listed = {r.number for r in document.references if r.number is not None}
    own = {st.ref for st in studies if st.ref is not None}
    return bool(nums) and set(nums) <= listed and not set(nums) & own


_STUDY_CUE = re.compile(
    r"\b(?:patients?|participants?|volunteers?|mice|mouse|murine|rats?|dogs?|canine|animals|"
    r"trial|in\s+vivo|in\s+vitro|treated|injected|injections?|administered|infused|received|"
    r"transplanted|applied|"
    r"(?:intradermal|intravenous|subcutaneous|topical|intralesional)(?:ly)?)\b",
    re.IGNORECASE,
)


def _row_named_by_surname(text: str, s: Span, studies: list[Study]) -> Study | None:
    """The one table-row study whose first author a sentence names by surname alone ("In
    the keloid series, Kaur also measured TGF-β1"): a review names a tabulated study again
    without repeating the citation. Case-sensitive whole words; two rows named: neither."""
    hits = [
        st
        for st in studies
        if st.row is not None
        and len(st.surname) >= 2
        and re.search(rf"(?<![\w-]){re.escape(st.surname)}(?![\w-])", text[s.start : s.end])
    ]
    return hits[0] if len(hits) == 1 else None


def study_cue(text: str, start: int, end: int) -> bool:
    """The span names study subjects or a treatment step (patients, mice, injected …)."""
    return _STUDY_CUE.search(text, start, end) is not None


def _study_number(text: str, s: Span) -> int | None:
    """The one reference number of a sentence that reports a study's treatment, else None."""
    nums = bare_numbers(text, s.start, s.end)
    if len(set(nums)) != 1 or not _STUDY_CUE.search(text, s.start, s.end):
        return None
    return nums[0]


def _counted_study_numbers(text: str, s: Span) -> list[int]:
    """The reference numbers of a sentence that reports a treatment and counts its studies
    (``study_mentions.counted_numbers``), else []."""
    if not _STUDY_CUE.search(text, s.start, s.end):
        return []
    return counted_numbers(text, s)


def _numbered_study(document: Document, num: int, pos: int) -> Study:
    """A study known only by its number: author and year come from the reference list."""
    from extractor.records.citations import ref_surname

    ref = next((r for r in document.references if r.number == num), None)
    surname = (ref_surname(ref) or "") if ref is not None else ""
    return Study(surname, ref.year if ref is not None else None, num, pos)


def _reports_study(text: str, c: Citation, p: Span) -> bool:
    """A bracketed citation that is an item of its brackets, alone or in a ";"-separated
    list, anywhere in a sentence that reports a treatment, names the study the sentence is
    about: "… reduced IL-8 (Liu et al., 2022).", "In earlobe keloids (Rahman et al., 2023),
    12 patients received …", "a mouse model (Tanaka et al., 2018; 100 μg bleomycin s.c.)
    showed …". A citation that only supports a claim ("… agree with earlier data (Kim et al.,
    2015)") is not one."""
    if c.year is None and c.ref is None:
        return False
    opener = _bracket_opener(text, c, p)
    if opener is None:
        return False
    s = next(
        (x for x in marker_sentences(text, p.start, p.end) if x.start <= c.start < x.end),
        Span(p.start, p.end),
    )
    support = json_table("citation.json")["support_before"]
    if re.search(support, text[s.start : opener], re.IGNORECASE):
        return False
    return _STUDY_CUE.search(text, s.start, s.end) is not None


def _announces_study(text: str, c: Citation, p: Span) -> bool:
    """A bracketed citation closing a sentence of its own that names a study ("For localized
    scleroderma only one report exists (Okoye et al., 2023).") when the next sentence of the
    paragraph reports a treatment and cites nothing itself: the details that follow are that
    study's. A support citation ("… as earlier studies showed (Kim et al., 2015).") is not
    one, nor a citation after a general claim without a study noun."""
    if c.year is None and c.ref is None:
        return False
    opener = _bracket_opener(text, c, p)
    if opener is None:
        return False
    sents = marker_sentences(text, p.start, p.end)
    idx = next((i for i, x in enumerate(sents) if x.start <= c.start < x.end), None)
    if idx is None or idx + 1 >= len(sents):
        return False
    s, nxt = sents[idx], sents[idx + 1]
    if not re.fullmatch(r"\s*[)\]]?\s*[.;:]?\s*", text[c.end : s.end]):
        return False  # the citation must close its sentence
    support = json_table("citation.json")["support_before"]
    head = text[s.start : opener]
    if re.search(support, head, re.IGNORECASE):
        return False
    if not re.search(rf"\b(?:{study_nouns()})(?:e?s)?\b", head, re.IGNORECASE):
        return False
    if find_citations(text, nxt.start, nxt.end) or bare_numbers(text, nxt.start, nxt.end):
        return False
    return _STUDY_CUE.search(text, nxt.start, nxt.end) is not None


def _bracket_opener(text: str, c: Citation, p: Span) -> int | None:
    """Offset of the "(" / "[" whose list item ``c`` is: the bracket opens right before the
    citation or after a ";" of the list, and closes right after it or goes on with ";"."""
    depth = 0
    opener = None
    for i in range(c.start - 1, p.start - 1, -1):
        ch = text[i]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                opener = i
                break
            depth -= 1
    if opener is None:
        return None
    inner = text[opener + 1 : c.start]
    if inner.strip() and not re.search(r";\s*$", inner):
        return None  # "(reviewed in Kim et al., 2019)", "(e.g., Kim et al., 2015)"
    closed = text[c.end - 1 : c.end] in (")", "]") and not re.search(
        r"[(\[]\s*(?:19|20)\d{2}[a-z]?\s*[)\]]$", text[c.start : c.end]
    )
    if closed or re.match(r"\s*[)\];]", text[c.end : c.end + 3]):
        return opener
    return None
