"""Study rows of the document's tables: each row one study, named by its study column (an
author citation, a reference number or a footnote letter), read by what its headers mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractor.records.citations import Citation, ref_surname
from extractor.records.table_shape import (
    NUMBER_CELL,
    SUPER_LETTERS,
    lettered_notes,
    study_blocks,
    transposed,
    with_header_rows,
    with_row_above,
)
from extractor.records.text import Span
from extractor.records.text_tables import column_role, parse_author_cell
from extractor.types import Document, Reference, Table

_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d{2})[a-z]?\s*$")


_YEAR_IN = re.compile(r"\b((?:19|20)\d{2})\b")


# "12", "n = 12", "30 (15 + 15)", "30 (15/15)", "48 (24 vs 24)", "8 per group", "8/group",
# "6 per arm"
_SAMPLE_CELL = re.compile(
    # a combined design-and-count cell puts a label without digits before the count ("RCT,
    # 40", "Yorkshire pigs, 4") and may explain it in brackets after ("40 (20 per arm)",
    # "4 (8 wounds each)"): the count is the study's whole sample (SCHEMA §4)
    r"\s*(?:(?P<label>[^\W\d][^,\d]*),\s*)?(?:n\s*=\s*)?(\d{1,5})"
    r"(?:\s*\(\s*\d{1,5}(?:\s*(?:[+/:]|vs\.?|versus)\s*\d{1,5})+\s*\)"
    r"|\s*(?:per|/|in\s+each)\s*(?:group|arm)"
    r"|(?(label)\s*\([^()]*\)))?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cell:
    header: str
    text: str
    start: int | None  # offsets in Document.text, None when the cell could not be located
    end: int | None
    role: str | None = None  # column_role of the header
    # a cell wrapped over lines of a space-aligned table: where each of its lines' pieces
    # is (other columns' text lies between them); empty for a cell printed in one piece
    parts: tuple[tuple[int, int], ...] = ()

    def spans(self) -> tuple[tuple[int, int], ...]:
        """Where the cell's text is: its pieces, or its one span; () when not located."""
        if self.parts:
            return self.parts
        return ((self.start, self.end),) if self.start is not None and self.end is not None else ()


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
            if m and not _YEAR_CELL.match(c.text[m.start(2) :]):
                return int(m.group(2))
        return None


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


def table_rows(document: Document) -> list[Row]:
    """Study rows of every table whose first citation-like cell names a study."""
    found: list[Row] = []
    for table in document.tables:
        found.extend(_rows_of(document.text, table, document.references))
    return found


def _numbered_cell(cell: str, references: tuple[Reference, ...]) -> Citation | None:
    """A study given by its reference number only ("[18]"): author and year from the list."""
    m = NUMBER_CELL.match(cell)
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
            _leading_author(_BREAK.sub(" ", c.text))
            or _numbered_cell(c.text, references)
            or _lettered_cell(c.text, notes or {})
        )
        if cit is not None:
            return cit
    marked = _marked_year_citation(located, notes or {}) if not study_cols else None
    if marked is not None:
        return marked
    year_cell = next((c for c in located if c.role == "year" and _YEAR_CELL.match(c.text)), None)
    if year_cell is None:
        return _first_cells_citation(located)
    for c in study_cols:
        # "| Villanueva | 2018 |": the surname in a "First author" column, the year in its own
        m = _BARE_SURNAME.fullmatch(c.text)
        if m:
            return Citation(m.group(1), int(year_cell.text.strip()[:4]), None, 0, len(c.text))
    return _first_cells_citation(located)


# a year cell with a footnote mark: "2019ᵃ", "2019^a", "2019 (a)"
_MARKED_YEAR = re.compile(
    r"^\s*((?:19|20)\d{2})\s*(?:([ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ])|\^\(?([a-z])\)?|\(([a-z])\))\s*$"
)


def _marked_year_citation(located: list[Cell], notes: dict[str, Reference]) -> Citation | None:
    """A table with no study column whose year cells carry footnote letters ("| 2019ᵃ |",
    a GRADE summary-of-findings layout): the note of that letter names the study."""
    for c in located:
        m = _MARKED_YEAR.match(c.text) if c.role == "year" else None
        if m is None:
            continue
        letter = (m.group(2) or m.group(3) or m.group(4)).translate(SUPER_LETTERS)
        ref = notes.get(letter)
        if ref is None:
            return None
        year = int(m.group(1))
        return Citation(ref_surname(ref) or "", year, ref.number, 0, len(c.text))
    return None


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


# a study cell's first author before a bracket that holds a place with the year:
# "Aydin (Turkey, 2016)", "Kim (Seoul, Korea, 2019)", "Keller et al. [Germany, 2019]"
_AUTHOR_BEFORE_PLACE = re.compile(
    rf"\s*({_ONE_SURNAME})(?:\s+et\s+al\.?)?\s*[(\[]"
    r"\s*[A-ZÀ-Þ][\w .,'\u2019-]*?,\s*((?:19|20)\d{2})[a-z]?\s*[)\]]"
)


def _leading_author(cell: str) -> Citation | None:
    """The study a study cell names: its author citation, whose surname is the cell's first
    one (a place in the bracket with the year, "Aydin (Turkey, 2016)", is no author)."""
    m = _AUTHOR_BEFORE_PLACE.match(cell)
    if m:
        return Citation(m.group(1), int(m.group(2)), None, m.start(1), m.end())
    return parse_author_cell(cell)


def _first_cells_citation(located: list[Cell]) -> Citation | None:
    """An author cell among the first two cells of a table whose headers say nothing, else a
    cell anywhere in the row that is a whole author citation with its year or number
    ("| Psoriasis | 6 | Lee et al. 2020 [31] | …" under "Representative study")."""
    for c in located[:2]:
        if c.role in ("number", "sample", "year"):
            continue
        cit = _leading_author(c.text)
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
    table = with_header_rows(with_row_above(text, table))
    flipped = transposed(table) or study_blocks(table)
    if flipped is not None:
        # one study a column: its cells run down the table, each study read from the top
        roles = _count_columns(flipped, [column_role(h) for h in flipped.header])
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


_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)  # a line break inside a Markdown cell


def _rows_with(
    text: str,
    table: Table,
    references: tuple[Reference, ...],
    roles: list[str | None],
    restart: bool = False,
) -> list[Row]:
    """The study rows of ``table`` under column ``roles``; ``restart`` looks every row's cells
    up from the table's start (a turned table, whose rows run down the text)."""
    out: list[Row] = []
    group: tuple[str | None, Span | None] = (None, None)
    pos = table.start
    notes = lettered_notes(text, table.start, references) if _has_letter_cells(table, roles) else {}
    above: Row | None = None  # the row the line above opened, if it named a study
    for raw in table.rows:
        filled = [c.strip() for c in raw if c.strip()]
        if not filled:
            continue
        located = _located_cells(text, table, raw, roles, table.start if restart else pos)
        starts = [c.start for c in located if c.start is not None]
        ends = [c.end for c in located if c.end is not None]
        if above is not None and _continues_row(raw, roles, above):
            # its cells wrapped onto a row of their own: "| Kim et al. 2019 | 12 adults |"
            # then "| | with vitiligo |", or "| Kim et al. | 12 adults |" then "| (2019) | … |"
            out[-1] = above = _extended(above, located)
            pos = max([pos, *ends])
            continue
        above = None
        if len(filled) == 1 and out and _continues_study_cell(located, out[-1]):
            # the study cell wrapped: "| Osei et al. | … |" then "| (2019) | | |"
            out[-1] = _with_year(out[-1], located)
            continue
        if len(filled) == 1:
            # a sub-heading row spanning the table ("ADMSC-derived sEVs in psoriasis")
            group = (filled[0], Span(starts[0], ends[-1]) if starts else None)
            pos = ends[-1] if ends else pos
            continue
        cit = _row_citation(located, references, notes)
        if cit is None or not starts:
            continue
        pos = max(ends)
        year = _row_year(located, cit)
        above = Row(tuple(located), min(starts), max(ends), cit, year, *group, table.label)
        out.append(above)
    return out


def _continues_row(raw: tuple[str, ...], roles: list[str | None], above: Row) -> bool:
    """A row of a table with a study column whose study cell and first cell are blank, or
    whose study cell is only the year or the reference number the row above lacks: the rest
    of the row above, its cells wrapped (a sub-heading fills the first cell)."""
    study = [i for i, r in enumerate(roles) if r == "study" and i < len(raw)]
    if not study:
        return False
    cell = raw[study[0]]
    if above.year is None and _WRAPPED_YEAR.match(cell):
        return True
    if above.citation.ref is None and above.citation.surname and NUMBER_CELL.match(cell):
        return not _WRAPPED_YEAR.match(cell)  # "Azevedo et al." over "[32]"
    return all(not raw[i].strip() for i in (0, *study) if i < len(raw))


def _extended(row: Row, more: list[Cell]) -> Row:
    """``row`` with the cells of its continuation row added, cell by cell."""
    cells = []
    for i, c in enumerate(row.cells):
        m = more[i] if i < len(more) else None
        if m is None or not m.text or m.start is None or m.end is None:
            cells.append(c)
            continue
        spans = (*c.spans(), *m.spans())
        text = _joined([c.text, m.text]) if c.text else m.text
        cells.append(replace(c, text=text, start=spans[0][0], end=spans[-1][1], parts=spans))
    ends = [c.end for c in cells if c.end is not None]
    row = replace(row, cells=tuple(cells), end=max([row.end, *ends]))
    study = next((c for c in cells if c.role == "study"), None)
    cit = parse_author_cell(study.text) if study is not None else None
    if cit is None or cit.surname != row.citation.surname:
        return row
    if row.year is None and cit.year is not None:
        row = replace(row, citation=replace(row.citation, year=cit.year), year=cit.year)
    if row.citation.ref is None and cit.ref is not None:
        row = replace(row, citation=replace(row.citation, ref=cit.ref))
    return row


def _located_cells(
    text: str, table: Table, raw: tuple[str, ...], roles: list[str | None], pos: int
) -> list[Cell]:
    """The row's cells with their offsets, each looked up after the first line of the one
    before it (a wrapped cell's later lines come after the row's first line)."""
    header = list(table.header)
    located: list[Cell] = []
    p = pos
    for i, cell in enumerate(raw):
        pieces = [x.strip() for x in cell.split("\n") if x.strip()]
        spans: list[tuple[int, int]] = []
        for piece in pieces:
            loc = _locate(text, piece, spans[-1][1] if spans else p, table.end)
            if loc:
                spans.append(loc)
        if spans:
            p = spans[0][1]
        head = header[i] if i < len(header) else ""
        role = roles[i] if i < len(roles) else None
        start, end = (spans[0][0], spans[-1][1]) if spans else (None, None)
        parts = tuple(spans) if len(pieces) > 1 else ()
        located.append(Cell(head, _joined(pieces), start, end, role, parts))
    return located


def _joined(pieces: list[str]) -> str:
    """A wrapped cell's lines as one text: a line ending in a hyphen after a letter or digit
    ("UC-MSC-" / "Exos") runs on without a space."""
    out = ""
    for piece in pieces:
        hyphen = len(out) > 1 and out.endswith("-") and out[-2].isalnum()
        out = f"{out}{piece}" if hyphen or not out else f"{out} {piece}"
    return out


def _row_year(located: list[Cell], cit: Citation) -> int | None:
    """A year column's year, or a year alone in a column no header explains, else the
    citation's."""
    for c in located:
        m = _YEAR_CELL.match(c.text) if c.role in ("year", None) else None
        if m is None and c.role == "year":  # a date: "March 2020", "2020-03-14"
            m = _YEAR_IN.search(c.text)
        if m:
            return int(m.group(1))
    return cit.year


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
    """A study column whose cells are single footnote letters ("a", "b"), or, with no study
    column, a year column whose cells carry one ("2019ᵃ")."""
    cols = [i for i, r in enumerate(roles) if r == "study"]
    years = [] if cols else [i for i, r in enumerate(roles) if r == "year"]
    if any(_MARKED_YEAR.match(r[i]) for r in table.rows for i in years if i < len(r)):
        return True
    return any(
        len(r[i].strip("()[]^ ")) == 1 and r[i].strip("()[]^ ").isalpha()
        for r in table.rows
        for i in cols
        if i < len(r)
    )
