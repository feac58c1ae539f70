"""The shape of a study table before its rows are read: header rows under the header
joined to it (a sub-header, a row of units), and a table with one study a column, or with
its studies as sub-heading rows over their fields, turned so that each study is a row; and
the lettered notes under a table that give its rows their references.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.records.citations import find_citations, link
from extractor.records.text_tables import column_role, parse_author_cell
from extractor.types import Reference, Table

# a study cell that is only a reference number: "18", "[18]", "(18)", "Ref. 22", "Ref. [8]",
# "Reference 4"
NUMBER_CELL = re.compile(
    r"^\s*(?:ref(?:erence)?s?\.?\s*(?:no\.?\s*)?)?[\[(]?\s*(\d{1,4})\s*[\])]?\s*$", re.IGNORECASE
)


_HEADER_ROWS = 2  # rows under a header that may still be header (a sub-header, units)
_UNITS_CELL = re.compile(r"\s*[(\[].*[)\]]\s*")  # "(n)", "(× 10^6 cells/kg)", "[years]"


def with_row_above(text: str, table: Table) -> Table:
    """A pipe table whose header line has right above it a pipe line of as many cells that
    names a column the header does not (a grouping row over the header the ingester took:
    "| Author (country, year) [ref] | … | Product | |" over "| | | Source and type | … |"):
    that line joins the header, its cell before each header cell."""
    line_start = text.rfind("\n", 0, table.start) + 1
    if line_start != table.start or "|" not in text[table.start : table.start + 200]:
        return table
    above_end = line_start - 1
    above = text[text.rfind("\n", 0, max(above_end, 0)) + 1 : max(above_end, 0)].strip()
    if not above.startswith("|"):
        return table
    cells = [c.strip() for c in above.strip("|").split("|")]
    if len(cells) != len(table.header) or not any(column_role(c) for c in cells):
        return table
    header = tuple(f"{a} {h}".strip() for a, h in zip(cells, table.header, strict=True))
    start = text.rfind("\n", 0, max(above_end, 0)) + 1
    return replace(table, header=header, start=start)


def with_header_rows(table: Table) -> Table:
    """``table`` with the rows right under its header that are header too joined to it,
    column by column: a sub-header under a grouping row ("| | Age group | n |" under "| Study
    | Population | |"), a row of units ("| | (n) | (× 10^6 cells/kg) |")."""
    if not any(column_role(h) for h in table.header):
        return table  # a header of studies (a turned table) or of nothing known
    n = 0
    while n < min(_HEADER_ROWS, len(table.rows)) and _header_row(table.rows[n], table.header):
        n += 1
    if n == 0:
        return table
    header = list(table.header)
    for row in table.rows[:n]:
        padded = [*row, *[""] * (len(header) - len(row))]
        header = [f"{h} {c}".strip() for h, c in zip(header, padded, strict=False)]
    return replace(table, header=tuple(header), rows=table.rows[n:])


def _header_row(row: tuple[str, ...], header: tuple[str, ...]) -> bool:
    """A row that is header: every filled cell a unit in brackets, or at least two short
    cells with no figure, one of them a header the header rows know, and no study cell
    (under a study column) that names no column."""
    filled = [c.strip() for c in row if c.strip()]
    if filled and all(_UNITS_CELL.fullmatch(c) for c in filled):
        return True
    if len(filled) < 2 or any(ch.isdigit() for c in filled for ch in c):
        return False
    if any(len(c.split()) > _HEADER_ROW_WORDS for c in filled):
        return False
    study = [i for i, h in enumerate(header) if column_role(h) == "study" and i < len(row)]
    if any(row[i].strip() and column_role(row[i]) is None for i in study):
        return False
    return any(column_role(c) is not None for c in filled)


_HEADER_ROW_WORDS = 4  # a header cell is a few words


def transposed(table: Table) -> Table | None:
    """A table with one study a column, the fields as rows under a first column of labels
    the header lexicon knows, turned so that each study is a row: the studies named in the
    header ("| | Moreau et al. (2019) | Bakr et al. (2021) |") or in a row whose label is a
    study column's ("| First author, year [ref.] | Ferreira, 2019 [7] | …", under "| | Study 1
    | Study 2 |"); None for any other table."""
    cols = range(1, len(table.header))
    labels = [r[0] if r else "" for r in table.rows]
    roles = [column_role(x) for x in labels]
    if len(cols) < 2 or sum(r is not None for r in roles) < 2:
        return None

    def column(j: int) -> tuple[str, ...]:
        return tuple(r[j] if j < len(r) else "" for r in table.rows)

    named = [j for j in cols if _names_a_study(table.header[j])]
    if len(named) == len(cols):
        rows = tuple((table.header[j], *column(j)) for j in cols)
        return Table(table.label, table.caption, ("Study", *labels), rows, table.start, table.end)
    if "study" in roles:
        rows = tuple(column(j) for j in cols)
        return Table(table.label, table.caption, tuple(labels), rows, table.start, table.end)
    return None


_EMPHASIS = re.compile(r"^[*_]{1,2}|[*_]{1,2}$")


_YEAR = re.compile(r"\s*[(\[]?(?:19|20)\d{2}[)\]]?\s*")


def _names_a_study(cell: str) -> bool:
    """A header cell that names a study: an author cited with a year or a reference number,
    or a reference number alone ("Ref. [8]", "[11]")."""
    cit = parse_author_cell(cell)
    if cit is not None:
        return bool(cit.year or cit.ref)
    return bool(NUMBER_CELL.match(cell)) and not _YEAR.fullmatch(cell)


def study_blocks(table: Table) -> Table | None:
    """A table of fields whose sub-heading rows name the studies ("| **Kim et al. (2019)** |
    |" over "| Population | 10 mice |", "| Outcome | … |"), turned so that each study is a row
    of its fields; None for any other table."""
    blocks: list[tuple[str, dict[str, str]]] = []
    for r in table.rows:
        filled = [c.strip() for c in r if c.strip()]
        if len(filled) == 1 and r[0].strip():
            cit = parse_author_cell(_EMPHASIS.sub("", filled[0]))
            if cit is None or not (cit.year or cit.ref):
                return None
            blocks.append((filled[0], {}))
        elif blocks and len(filled) >= 2 and column_role(r[0]) is not None:
            blocks[-1][1].setdefault(r[0].strip(), " ".join(c.strip() for c in r[1:] if c.strip()))
    if len(blocks) < 2:
        return None
    labels = list(dict.fromkeys(k for _, fields in blocks for k in fields))
    rows = tuple((head, *(fields.get(k, "") for k in labels)) for head, fields in blocks)
    return Table(table.label, table.caption, ("Study", *labels), rows, table.start, table.end)


_LETTER_NOTE = re.compile(r"^[ \t]*([a-z])[ \t.)]+(?=[A-ZÀ-Þ])(.+)$", re.MULTILINE)
# superscript footnote letters (Unicode modifier letters), as a GRADE or summary table marks
# its rows ("2019ᵃ") and its notes ("ᵃ Moradi et al. [18]. ᵇ Teixeira et al. [19].")
SUPER_LETTERS = str.maketrans("ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnoprstuvwxyz")
_SUPER_NOTE = re.compile(r"(?:^|(?<=\s))([ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ])[^\S\n]*(?=\S)")


def lettered_notes(
    text: str, start: int, references: tuple[Reference, ...] = ()
) -> dict[str, Reference]:
    """Footnotes under a table that give each lettered row its reference (``a Kang J, Park S.
    … 2019;94:100-8.``, or several on one line in superscript letters, ``ᵃ Moradi et al.
    [18]. ᵇ Teixeira et al. [19].``): letter -> the entry, read by the bibliography's citation
    parser, or a short citation's entry in ``references``."""
    out: dict[str, Reference] = {}
    pos = start
    for line in text[start:].split("\n"):
        a = pos
        pos += len(line) + 1
        if not line.strip():
            if out:
                break
            continue
        notes = _line_notes(line, a, references)
        if notes is None:
            if out:
                break
            continue
        out.update(notes)
    return out


def _line_notes(
    line: str, a: int, references: tuple[Reference, ...]
) -> dict[str, Reference] | None:
    """The lettered notes of one line: one ``a Kang J, …`` note, or each superscript-lettered
    note of the line; None for a line that is no note."""
    m = _LETTER_NOTE.match(line)
    if m is not None:
        ref = _note_entry(m.group(2), a, a + len(line), references)
        return {m.group(1): ref} if ref is not None else {}
    marks = list(_SUPER_NOTE.finditer(line))
    if not marks or marks[0].start(1) != len(line) - len(line.lstrip()):
        return None
    out: dict[str, Reference] = {}
    for i, mk in enumerate(marks):
        end = marks[i + 1].start(1) if i + 1 < len(marks) else len(line)
        ref = _note_entry(line[mk.end() : end], a + mk.end(), a + end, references)
        if ref is not None:
            out[mk.group(1).translate(SUPER_LETTERS)] = ref
    return out


def _note_entry(note: str, a: int, b: int, references: tuple[Reference, ...]) -> Reference | None:
    """A note's reference: a full citation read by the bibliography's parser, else a short
    one ("Moradi et al. [18]") resolved through the reference list."""
    from extractor.bibliography.citation import parse_citation

    bib = parse_citation(note)
    if bib is not None and bib.authors:
        entry = (bib.authors, bib.year, bib.title, bib.doi, bib.pmid)
        return Reference(None, note.strip(), a, b, *entry)
    cits = find_citations(note)
    if len(cits) != 1:
        return None
    c = cits[0]
    return link(c.surname, c.ref, c.year, references)
