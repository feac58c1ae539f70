"""Study tables the ingester's pipe-table reader leaves in the text, and what a column means.

A table pasted from a word processor or a spreadsheet keeps its cells apart by tabs; one
exported as values by semicolons or by quoted commas; one copied from a PDF by runs of
spaces. Each is a run of lines with the same number of cells (at least ``TABLE_CELLS``), a
header and at least one row. Tabs say "table" by themselves; the other separators also occur
in prose, so their header must read as a study table's: short cells, one of them a study,
year or reference column (``column_role``). A table's study cell is read as a citation
(``parse_author_cell``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import cache

from extractor.records.aligned_tables import aligned_tables
from extractor.records.citations import (
    _YEAR,
    Citation,
    _surname_regex,
    clean_surname,
    find_citations,
)
from extractor.records.lexicon import rows
from extractor.records.markup_tables import html_tables, latex_tables
from extractor.records.study_mentions import header_role
from extractor.types import Document, Table

TABLE_CELLS = 3  # a row of a text table has at least this many cells
TABLE_ROWS = 1  # and a table at least a header and this many rows
# "Table 3. Caption", also inside a paragraph's tags ("<p>Table 3. Caption</p>")
_LABEL_LINE = re.compile(
    r"^\s*(?:<[a-z][^>]*>\s*)*(Table\s+[\dIVX]+[A-Za-z]?)\s*[.:|\u2014\u2013-]?\s*"
    r"(.*?)\s*(?:</[a-z]+>\s*)*$",
    re.I,
)
_HEADER_CELL_WORDS = 6  # a header cell of a delimited table is short


@cache
def _column_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (r["role"], re.compile(r["pattern"], re.IGNORECASE)) for r in rows("table_columns.jsonl")
    )


def column_role(header: str) -> str | None:
    """What a study table's column describes, from its header's meaning (table_columns.jsonl):
    ``study``, ``year``, ``number``, ``sample``, ``population``, ``intervention``, ``dose``,
    ``outcome``, ``followup``; None for a header no row knows. The study-column rows of
    ``study_mentions.jsonl`` ("Ref no.", "Trial") are tried first."""
    role = header_role(header)
    if role is not None:
        return role
    for role, pat in _column_rules():
        if pat.search(header):
            return role
    return None


def column_product(header: str) -> str | None:
    """The product a column's header says its cells give ("Vesicle source": ``vesicles``,
    "Secretome source": ``conditioned medium``): the ``product`` of the first
    table_columns.jsonl row that matches it, None for any other header."""
    for product, pat in _product_rules():
        if pat.search(header):
            return product
    return None


@cache
def _product_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (str(r["product"]), re.compile(r["pattern"], re.IGNORECASE))
        for r in rows("table_columns.jsonl")
        if "product" in r
    )


def parse_author_cell(cell: str) -> Citation | None:
    """A table's study cell: "De Jesus et al. (12)", "Kim (2021)", "Lee and Park, 2019",
    "Kim/2019"."""
    placed = _placed_author(cell)
    if placed is not None:
        return _with_trailing_number(cell, placed)
    cits = find_citations(cell)
    if cits:
        return _with_trailing_number(cell, cits[0])
    m = re.match(
        rf"\s*(?P<sur>{_surname_regex()})\s*(?:[(\[]\s*(?P<num>(?!{_YEAR}\b)\d{{1,4}})\s*[)\]]"
        rf"|[,/]?\s*\(?(?P<year>{_YEAR})\)?)",  # "Kim, 2019", "Kim/2019", "Kim (2019)"
        cell,
    )
    if not m:
        return None
    sur = clean_surname(m.group("sur"))
    if sur is None:
        return None
    return _with_trailing_number(
        cell,
        Citation(
            sur,
            int(m.group("year")[:4]) if m.group("year") else None,
            int(m.group("num")) if m.group("num") else None,
            m.start("sur"),
            m.end(),
        ),
    )


def _placed_author(cell: str) -> Citation | None:
    """A systematic review's study cell ``Author (country, year)`` ("Haddad (Lebanon, 2020)
    [17]"): the name before the brackets is the author; the bracketed word is where the
    study was done, not a second author's surname."""
    m = re.match(
        rf"\s*(?P<sur>{_surname_regex()})[^\S\n]*\([^\S\n]*[A-Z][^()\d,;]{{1,40}},"
        rf"[^\S\n]*(?P<year>{_YEAR})[^\S\n]*\)",
        cell,
    )
    sur = clean_surname(m.group("sur")) if m else None
    if m is None or sur is None or not m.group("sur").startswith(sur):
        return None
    return Citation(sur, int(m.group("year")[:4]), None, m.start("sur"), m.end())


_TRAILING_NUMBER = re.compile(rf"[\s,;]*[\[(]\s*(?!{_YEAR}\b)(\d{{1,4}})\s*[\])]")


def _with_trailing_number(cell: str, cit: Citation) -> Citation:
    """An author-year cell that also prints the reference number ("Haddad, 2020 [21]"):
    the number is the study's ``ref``, so a later "[21]" in the prose finds the row."""
    if cit.ref is not None:
        return cit
    m = _TRAILING_NUMBER.match(cell, cit.end)
    if m is None:
        return cit
    return Citation(cit.surname, cit.year, int(m.group(1)), cit.start, m.end())


def _tabs(line: str) -> list[str]:
    return line.split("\t") if "\t" in line else []


def _semicolons(line: str) -> list[str]:
    return line.split(";") if ";" in line else []


def _commas(line: str) -> list[str]:
    """Comma-separated values, a cell with a comma of its own in quotes (RFC 4180). A line
    with no quote (nor a character the CSV reader takes for a line end) is what the reader
    makes of it cut at each comma, spaces after a comma dropped: prose lines full of commas
    read that way: the comma pass of ``_blocks`` 0.76 -> 0.45 ms on the review."""
    if line.count(",") < TABLE_CELLS - 1:
        return []
    if '"' not in line and "\r" not in line and "\x00" not in line:
        return [c.lstrip(" ") for c in line.strip().split(",")]
    try:
        return next(csv.reader([line.strip()], skipinitialspace=True))
    except csv.Error:
        return []


def _spaces(line: str) -> list[str]:
    return re.split(r" {2,}", line.strip()) if re.search(r"\S {2,}\S", line) else []


def _pipes(line: str) -> list[str]:
    """Cells between pipes, with or without the outer ones (a database console's output,
    " Study | n | …" over "------+----+"); a Markdown table is the ingester's."""
    s = line.strip()
    if s.count("|") < TABLE_CELLS - 1:
        return []
    return s.removeprefix("|").removesuffix("|").split("|")


def _dashes(line: str) -> list[str]:
    """Cells between spaced en or em dashes ("Study – Condition – Patients"), as a list of
    studies one a line prints them."""
    if "\u2013" not in line and "\u2014" not in line:
        return []  # no dash, no cell break (the pattern needs one): most lines
    return re.split(r"\s+[–—]\s+", line.strip()) if re.search(r"\S\s+[–—]\s+\S", line) else []


# (splitter, whether its header must read as a study table's, what a text holding such a
# table holds at least twice: a cheap test before the text is read line by line; signs
# apart by a space are alternatives)
_SPLITTERS: tuple[tuple[Callable[[str], list[str]], bool, str], ...] = (
    (_tabs, False, "\t"),
    (_semicolons, True, ";"),
    (_commas, True, ","),
    (_pipes, True, "|"),
    (_dashes, True, "– —"),
    (_spaces, True, "  "),
)

# a rule line between a header and its rows: "-----", "=====  ====", "------+------"
_RULE_LINE = re.compile(r"^[ \t]*[-=_+|:─━┼]{3,}[-=_+|: \t─━┼]*$")


def _study_header(cells: list[str]) -> bool:
    """Short cells, one of them naming the study, its year or its reference; or, over a
    table with one study a column, cells that are all studies cited with a year or a
    reference number (at least two: "Moreau et al. (2019)  Bakr 2021")."""
    if any(len(c.split()) > _HEADER_CELL_WORDS for c in cells):
        return False
    if any(column_role(c) in ("study", "year") for c in cells):
        return True
    cited = [parse_author_cell(c) for c in cells if c.strip()]
    return len(cited) >= 2 and all(c is not None and (c.year or c.ref) for c in cited)


def _table(text: str, block: list[tuple[int, int]], split: Callable[[str], list[str]]) -> Table:
    """One run of lines [(start, end)] as a Table, labelled by the line above it."""
    cells = [tuple(c.strip() for c in split(text[a:b])) or (text[a:b].strip(),) for a, b in block]
    label, caption, start = _label_above(text, block[0][0])
    return Table(label, caption, cells[0], tuple(cells[1:]), start, block[-1][1])


def _label_above(text: str, pos: int) -> tuple[str | None, str, int]:
    """(label, caption, start) of a ``Table N.`` line within the two non-blank lines above
    ``pos``; (None, "", pos) when there is none."""
    above = [ln for ln in text[:pos].rstrip("\n").split("\n")[-3:] if ln.strip()]
    for line in reversed(above[-2:]):
        m = _LABEL_LINE.match(line)
        if m:
            return m.group(1), m.group(2), text.rfind(line, 0, pos)
    return None, "", pos


def _blocks(
    text: str,
    split: Callable[[str], list[str]],
    taken: list[tuple[int, int]],
    spans: list[tuple[int, int]],
) -> list[list[tuple[int, int]]]:
    """Runs of lines outside ``taken`` with the same number (>= TABLE_CELLS) of cells; rule
    lines inside a run are left out, and a sub-heading line between two of its lines
    (``_sub_heading``) is kept in it."""
    out: list[list[tuple[int, int]]] = []
    block: list[tuple[int, int]] = []
    width = 0
    for i, (a, b) in enumerate(spans):
        line = text[a:b]
        inside = any(s <= a < e for s, e in taken)
        if block and not inside and _RULE_LINE.match(line):
            continue  # the rule under a header, or between rows
        n = 0 if inside else len(split(line))
        if n >= TABLE_CELLS and (not block or n == width):
            block.append((a, b))
            width = n
            continue
        if block and not inside and _sub_heading(text, spans, i, split, width):
            block.append((a, b))
            continue
        if len(block) > TABLE_ROWS:
            out.append(block)
        block, width = ([(a, b)], n) if n >= TABLE_CELLS else ([], 0)
    return out


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, and an empty one after the last."""
    out, pos = [], 0
    for line in [*text.split("\n"), ""]:
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_GROUP_WORDS = 8  # a sub-heading line between a table's rows is short


def _sub_heading(
    text: str, spans: list[tuple[int, int]], i: int, split: Callable[[str], list[str]], width: int
) -> bool:
    """A short line with no separator and no closing full stop ("Keloid", "Animal
    studies") right above a line of ``width`` cells: a sub-heading row of the table."""
    line = text[spans[i][0] : spans[i][1]].strip()
    if not line or split(line) or len(line.split()) > _GROUP_WORDS or line.endswith((".", ":")):
        return False
    if _LABEL_LINE.match(line):
        return False  # the next table's "Table 3" line
    nxt = spans[i + 1] if i + 1 < len(spans) else None
    return nxt is not None and len(split(text[nxt[0] : nxt[1]])) == width


_FIELD_LINE = re.compile(r"^[ \t]*([A-Z][\w /(),.-]{0,30}?)[ \t]*:[ \t]+(\S.*?)[ \t]*$")


_Field = tuple[str, str, int, int]  # label, value, line start, line end


def _field_blocks(text: str, taken: list[tuple[int, int]]) -> list[list[_Field]]:
    """Runs of ``Field: value`` lines (at least TABLE_CELLS, one field naming the study):
    each run is one study, ((label, value, start, end), ...)."""
    runs: list[list[_Field]] = [[]]
    pos = 0
    for line in text.split("\n"):
        a = pos
        pos += len(line) + 1
        m = _FIELD_LINE.match(line)
        if m is None or any(s <= a < e for s, e in taken):
            runs.append([])
            continue
        runs[-1].append((m.group(1), m.group(2), a, a + len(line)))
    return [
        run
        for run in runs
        if len(run) >= TABLE_CELLS and any(column_role(x[0]) == "study" for x in run)
    ]


def field_tables(text: str, taken: list[tuple[int, int]]) -> list[Table]:
    """Studies written as blocks of ``Study: … / Population: … / Outcome: …`` lines, one
    block a study: consecutive blocks with the same fields make one table, a block a row."""
    out: list[Table] = []
    for run in _field_blocks(text, taken):
        labels = tuple(x[0] for x in run)
        values = tuple(x[1] for x in run)
        start, end = run[0][2], run[-1][3]
        last = out[-1] if out else None
        if last is not None and last.header == labels and not text[last.end : start].strip():
            out[-1] = Table(last.label, last.caption, labels, (*last.rows, values), last.start, end)
        else:
            out.append(Table(None, "", labels, (values,), start, end))
    return out


_BORDER = re.compile(r"^[ \t]*[+|│┌┐└┘├┤┬┴┼╞╡╪╤╧][-=+─━═┼┬┴├┤┌┐└┘╞╡╪╤╧│| \t:]*$")
_BOXED = re.compile(r"^[ \t]*[|│](.*)[|│][ \t]*$")


def bordered_tables(text: str, taken: list[tuple[int, int]]) -> list[Table]:
    """Tables drawn with borders: a grid table (``+----+`` / ``+====+`` lines between ``| … |``
    rows) or box-drawing characters (``┌─┬─┐``, ``│ … │``); the first boxed line is the
    header, each later one a row (equal numbers of cells, TABLE_CELLS at least)."""
    out: list[Table] = []
    if "+-" not in text and "+=" not in text and "─" not in text:
        return out
    block: list[tuple[int, int]] = []
    pos = 0
    for line in [*text.split("\n"), ""]:
        a, b = pos, pos + len(line)
        pos = b + 1
        inside = any(s <= a < e for s, e in taken)
        if not inside and line.strip() and (_BORDER.match(line) or _BOXED.match(line)):
            block.append((a, b))
            continue
        table = _bordered(text, block) if block else None
        if table is not None:
            out.append(table)
        block = []
    return out


def _bordered(text: str, block: list[tuple[int, int]]) -> Table | None:
    rows = [
        [c.strip() for c in re.split(r"[|│]", m.group(1))]
        for a, b in block
        if not _BORDER.match(text[a:b]) and (m := _BOXED.match(text[a:b]))
    ]
    if len(rows) <= TABLE_ROWS or len(rows[0]) < TABLE_CELLS:
        return None
    if any(len(r) != len(rows[0]) for r in rows) or not any(
        _BORDER.match(text[a:b]) for a, b in block
    ):
        return None
    label, caption, start = _label_above(text, block[0][0])
    head, body = tuple(rows[0]), tuple(map(tuple, rows[1:]))
    return Table(label, caption, head, body, start, block[-1][1])


_Line = tuple[int, int]  # start, end of one line of text


def _line_blocks(text: str) -> list[list[_Line]]:
    """Runs of non-blank lines, each line as (start, end)."""
    blocks: list[list[_Line]] = [[]]
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if line.strip():
            blocks[-1].append((a, b))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def stacked_tables(text: str, taken: list[tuple[int, int]]) -> list[Table]:
    """A table copied from a web page one cell a line: a block of short header lines (at
    least TABLE_CELLS, one naming the study column, each a column the header rows know), then
    blocks of as many lines between blank lines, one a row, whose study cell is an author
    citation with its year or reference number."""
    out: list[Table] = []
    blocks = _line_blocks(text) if "\n\n" in text else []
    i = 0
    while i < len(blocks):
        head = blocks[i]
        if _LABEL_LINE.match(text[head[0][0] : head[0][1]]) and len(head) > TABLE_CELLS:
            head = head[1:]  # the "Table 4." caption right above the header lines
        cells = [text[a:b].strip() for a, b in head]
        study = _stacked_study_column(cells)
        if study is None or any(s <= head[0][0] < e for s, e in taken):
            i += 1
            continue
        rows: list[tuple[str, ...]] = []
        j = i + 1
        while j < len(blocks) and len(blocks[j]) == len(head):
            row = tuple(text[a:b].strip() for a, b in blocks[j])
            cit = parse_author_cell(row[study])
            if cit is None or not (cit.year or cit.ref):
                break
            rows.append(row)
            j += 1
        if len(rows) < TABLE_ROWS:
            i += 1
            continue
        label, caption, start = _label_above(text, head[0][0])
        out.append(Table(label, caption, tuple(cells), tuple(rows), start, blocks[j - 1][-1][1]))
        i = j
    return out


def _stacked_study_column(cells: list[str]) -> int | None:
    """The study column of a header written one cell a line, else None: at least TABLE_CELLS
    short lines, every one a column the header rows know, one of them the study's."""
    if len(cells) < TABLE_CELLS or any(len(c.split()) > _HEADER_CELL_WORDS for c in cells):
        return None
    roles = [column_role(c) for c in cells]
    if None in roles or "study" not in roles:
        return None
    return roles.index("study")


def text_tables(document: Document) -> tuple[Table, ...]:
    """Tab-, semicolon-, quoted-comma- and space-separated tables in the text that ingestion
    did not find, tables whose columns line up by spaces (``aligned_tables``: a wrapped cell
    kept whole, its lines apart by newlines), tables copied one cell a line, and studies
    written as blocks of ``Field: value`` lines; lines inside a table already found are left
    alone."""
    text = document.text
    taken = [(t.start, t.end) for t in document.tables]
    out: list[Table] = []
    for marked in (*html_tables(text, taken), *latex_tables(text, taken)):
        label, caption, start = _label_above(text, marked.start)
        out.append(Table(label, caption, marked.header, marked.rows, start, marked.end))
    taken.extend((t.start, t.end) for t in out)
    out += field_tables(text, taken) + bordered_tables(text, taken)
    taken.extend((t.start, t.end) for t in out)
    out.extend(stacked := stacked_tables(text, taken))
    taken.extend((t.start, t.end) for t in stacked)
    for a in aligned_tables(text, taken, _study_header, column_role):
        label, caption, start = _label_above(text, a.start)
        out.append(Table(label, caption, a.header, a.rows, start, a.end))
        taken.append((a.start, a.end))
    spans: list[tuple[int, int]] | None = None  # the lines, cut once for every splitter
    for split, needs_header, sign in _SPLITTERS:
        signs = sign.split(" ") if sign.strip() else [sign]
        if all(text.count(x) < TABLE_CELLS - 1 for x in signs):
            continue
        spans = _line_spans(text) if spans is None else spans
        for whole in _blocks(text, split, taken, spans):
            # the block from its first line that reads as a study table's header
            block = whole
            while needs_header and len(block) > TABLE_ROWS:
                if _study_header(split(text[block[0][0] : block[0][1]])):
                    break
                block = block[1:]
            if len(block) <= TABLE_ROWS:
                continue
            table = _table(text, block, split)
            out.append(table)
            taken.append((block[0][0], block[-1][1]))
    return tuple(sorted(out, key=lambda t: t.start))
