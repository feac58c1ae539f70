"""Tables laid out by spaces: a PDF table as ``pdftotext -layout`` prints it, or a table a
writer lined up by hand in a plain-text file.

Such a table is a block of lines whose columns start at the same positions. As in the
text-alignment reasoning of pdfplumber and pdftotext, the columns are found from the gaps the
lines share: a run of at least ``MIN_GAP`` positions blank in (almost) every line of the
block. Every line is cut at the column starts the gaps give; a line whose study column (or,
when no header names one, first column) is blank continues the row above it, as a cell that
wraps over two or three lines prints; its pieces stay apart by newlines, as pdfplumber keeps
the lines of a wrapped cell. What the columns mean is left to the header reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

MIN_GAP = 2  # one space parts the words of a cell; two or more part columns
# a column gap may be crossed by at most one line in five (a cell that overflows its column
# by a character, a header wider than its column); a smaller block allows none
OVERFLOW_SHARE = 0.2
SHIFT = 2  # a cut that falls inside a word moves to a space at most this far away
MAX_BLANK_LINES = 1  # blank lines between two rows of one table (more ends the table)
GROUP_WORDS = 8  # a line this short with no column gap, between rows, is a sub-heading row
HEADER_LINES = 2  # lines a header may wrap onto below its first
STRADDLES = 2  # a line whose words run across this many column starts is prose: the end

_GAP = re.compile(rf"\S {{{MIN_GAP},}}\S")
_TABLE_LINE = re.compile(r"^\s*Table\s+[\dIVX]+[A-Za-z]?\b", re.IGNORECASE)
_RULE = re.compile(r"^[ \t]*[-=_─━]{3,}[-=_+─━ \t]*$")  # a rule line: "------  -----"
# what the second line of a wrapped study cell holds: its year or reference number, the
# rest of its author list ("et al.", "and Lee"), or words running on in lower case
_STUDY_TAIL = re.compile(
    r"^(?:(?:et\s+al\.?|and\b|&)\s*,?\s*)?[(\[]?\s*(?:(?:19|20)\d{2}[a-z]?|\d{1,3})\s*[)\]]?"
    r"\s*[.,;]?\s*$|^(?:et\s+al\b|and\b|&|(?!(?:van|von|de|da|di|del|der|den|du|dos|le|la)\b)[a-z])"
)


_RUNS_ON = ("-", ",", "&", " and")  # a study cell's line that breaks off here goes on below


@dataclass(frozen=True, slots=True)
class Aligned:
    """One space-aligned table: its header cells, its rows (a wrapped cell's lines joined
    by newlines), and where it runs in the text (first header line to last row line)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    start: int
    end: int


_Line = tuple[int, str]  # offset of the line in the text, the line


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def gapped(line: str) -> bool:
    """A line with a column gap inside it (tabs and pipes are the delimited readers')."""
    return "\t" not in line and "|" not in line and _GAP.search(line) is not None


def split_cells(line: str) -> list[str]:
    return [c for c in re.split(rf" {{{MIN_GAP},}}", line.strip()) if c]


def aligned_tables(
    text: str,
    taken: list[tuple[int, int]],
    is_header: Callable[[list[str]], bool],
    role: Callable[[str], str | None],
) -> list[Aligned]:
    """Every space-aligned table of ``text`` outside ``taken`` whose first line
    ``is_header``; ``role`` says what a header cell means (its study column, or else its
    first, is the one whose blank cell marks a continuation line)."""
    if "  " not in text:
        return []
    lines = _lines(text)
    out: list[Aligned] = []
    i = 0
    while i < len(lines):
        a, line = lines[i]
        found = None
        if gapped(line) and not any(s <= a < e for s, e in taken) and is_header(split_cells(line)):
            found = _table_at(lines, i, taken, is_header, role)
        if found is None:
            i += 1
            continue
        table, i = found
        out.append(table)
    return out


def _table_at(
    lines: list[_Line],
    i: int,
    taken: list[tuple[int, int]],
    is_header: Callable[[list[str]], bool],
    role: Callable[[str], str | None],
) -> tuple[Aligned, int] | None:
    """The table whose header line is ``lines[i]`` and the index of the line after it."""
    head = lines[i][1]
    block = _until_prose(lines, _block(lines, i, taken, is_header), _cell_starts(head))
    # a line with no gap that starts in the first column may be a sub-heading across the
    # columns ("Animal studies"): the gaps are the other lines'
    second = _cell_starts(head)[1]
    starts = _column_starts(
        [x for k in block if gapped(x := lines[k][1]) or x[:second].strip() == ""]
    )
    if len(starts) < 3 or len(block) < 2:
        return None
    cut = [_cut(lines[k][1], starts) for k in block]
    if [c for c in cut[0] if c] != split_cells(head):
        return None  # the header does not line up with the rows: not one table
    roles = [role(c) for c in cut[0]]
    key = roles.index("study") if "study" in roles else 0
    n_head = _header_lines(cut, key, role)
    above = _line_above(lines, i, taken, starts, role, cut[:n_head])
    head_lines = ([above] if above else []) + cut[:n_head]
    header = tuple(" ".join(p for p in col if p) for col in zip(*head_lines, strict=True))
    groups = [_sub_heading(lines, k, starts, key) for k in block[n_head:]]
    rows = _rows(cut[n_head:], key, groups, "study" in roles)
    if not rows:
        return None
    last = lines[block[-1]]
    start = lines[i - 1][0] if above else lines[i][0]
    return Aligned(header, rows, start, last[0] + len(last[1])), block[-1] + 1


def _line_above(
    lines: list[_Line],
    i: int,
    taken: list[tuple[int, int]],
    starts: list[int],
    role: Callable[[str], str | None],
    head: list[list[str]],
) -> list[str] | None:
    """The first line of a header whose words wrap down onto the line that names the
    study column ("First      Cell" over "author, year   source"), cut at the columns: a line
    right above with short words, no figure, none across a column start, that leaves every
    column a meaning and the study column the only one; None when there is none."""
    if i == 0 or any(s <= lines[i - 1][0] < e for s, e in taken):
        return None
    line = lines[i - 1][1]
    cells = _cut(line, starts)
    filled = [c for c in cells if c]
    if not filled or _straddles(line, starts) or line.rstrip().endswith((".", ":", ";")):
        return None
    if any(ch.isdigit() for ch in line) or any(len(c.split()) > 3 for c in filled):
        return None
    below = [" ".join(p for p in col if p) for col in zip(*head, strict=True)]
    joined = [f"{a} {b}".strip() for a, b in zip(cells, below, strict=True)]
    if any(_loses(role(b), role(j)) for b, j in zip(below, joined, strict=True)):
        return None
    return cells


def _loses(before: str | None, after: str | None) -> bool:
    """A header cell that meant something and no longer does, or that names the study
    column alone."""
    return (before is not None and after is None) or (before == "study") != (after == "study")


def _cell_starts(line: str) -> list[int]:
    """Where the cells of one line start."""
    return [m.start() for m in re.finditer(r"\S+(?: \S+)*", line)]


def _block(
    lines: list[_Line], i: int, taken: list[tuple[int, int]], is_header: Callable[[list[str]], bool]
) -> list[int]:
    """The header line ``i`` and the lines below it that may be rows: lines with a column
    gap, indented continuation lines, rule lines (left out) and short sub-heading lines,
    with at most MAX_BLANK_LINES blank lines between two of them, up to the next table's
    ``Table N`` line or header."""
    indent = len(lines[i][1]) - len(lines[i][1].lstrip())
    block = [i]
    blanks = 0
    for k in range(i + 1, len(lines)):
        a, line = lines[k]
        if any(s <= a < e for s, e in taken) or "\t" in line:
            break
        if not line.strip():
            blanks += 1
            if blanks > MAX_BLANK_LINES:
                break
            continue
        if _RULE.match(line):
            blanks = 0
            continue
        if _TABLE_LINE.match(line) or (gapped(line) and is_header(split_cells(line))):
            break
        lead = len(line) - len(line.lstrip())
        row_like = gapped(line) or lead >= indent + MIN_GAP
        if not row_like and not _group_line(lines, k):
            break
        blanks = 0
        block.append(k)
    return block


def _group_line(lines: list[_Line], k: int) -> bool:
    """A short line with no gap and no closing full stop, followed (after at most
    MAX_BLANK_LINES blank lines) by a line with a column gap: a sub-heading row."""
    s = lines[k][1].strip()
    if len(s.split()) > GROUP_WORDS or s.endswith((".", ":", ";")):
        return False
    for _, nxt in lines[k + 1 : k + 2 + MAX_BLANK_LINES]:
        if nxt.strip():
            return gapped(nxt)
    return False


def _column_starts(lines: list[str]) -> list[int]:
    """Where each column starts: the first position of the block's text, and every position
    with text after MIN_GAP positions that all but OVERFLOW_SHARE of the lines leave blank
    (the same lines: two lines filling one position each do not close a gap)."""
    if not lines:
        return []
    width = max(len(x) for x in lines)
    allowed = int(len(lines) * OVERFLOW_SHARE)
    filled = [sum(1 for x in lines if p < len(x) and x[p] != " ") for p in range(width)]
    starts: list[int] = []
    for p in range(width):
        if filled[p] <= allowed:
            continue
        if not starts:
            starts.append(p)
            continue
        crossing = sum(1 for x in lines if x[max(0, p - MIN_GAP) : p].strip())
        if crossing <= allowed:
            starts.append(p)
    return starts


def _until_prose(lines: list[_Line], block: list[int], starts: list[int]) -> list[int]:
    """``block`` up to the first line whose words run across STRADDLES of the header's cell
    starts: a paragraph below the table (a footnote, a sentence with two spaces after its
    full stops)."""
    for n, k in enumerate(block[1:], 1):
        if _straddles(lines[k][1], starts) >= STRADDLES and not _group_line(lines, k):
            return block[:n]
    return block


def _straddles(line: str, starts: list[int]) -> int:
    """How many column starts (after the first) a word of ``line`` runs across."""
    return sum(1 for s in starts[1:] if 0 < s < len(line) and line[s - 1] != " " != line[s])


def _cut(line: str, starts: list[int]) -> list[str]:
    """``line`` cut at the column starts; a cut inside a word moves to the nearest space
    within SHIFT characters (a cell one character wider than its column)."""
    cuts = [0]
    for s in starts[1:]:
        cuts.append(_nearest_space(line, s))
    cuts.append(max(len(line), cuts[-1]))
    return [line[a:b].strip() for a, b in pairwise(cuts)]


def _nearest_space(line: str, s: int) -> int:
    if s >= len(line) or line[s - 1] == " " or line[s] == " ":
        return s
    for d in range(1, SHIFT + 1):
        for p in (s + d, s - d):
            if 0 < p < len(line) and line[p - 1] == " ":
                return p
    return s


def _header_lines(cut: list[list[str]], key: int, role: Callable[[str], str | None]) -> int:
    """How many lines the header takes: its first, and up to two lines below it of short
    words with no figure whose key cell is blank or, joined to the cells above it, still
    names the study column (a header wrapped over lines: "Product," / "dose, route"; "First
    author" / "(year)"); a filled first cell under a header that names no study column
    opens a row (a turned table's "Disease")."""
    n = 1
    for cells in cut[1 : 1 + HEADER_LINES]:
        filled = [c for c in cells if c]
        if any(ch.isdigit() for c in filled for ch in c) or any(len(c.split()) > 3 for c in filled):
            break
        key_head = " ".join(c[key] for c in cut[: n + 1] if c[key])
        if cells[key] and role(key_head) != "study":
            break
        n += 1
    return n


def _rows(
    cut: list[list[str]], key: int, groups: list[str | None], study: bool
) -> tuple[tuple[str, ...], ...]:
    """The table's rows: a line whose key cell is filled opens a row, unless that cell is
    the rest of a wrapped study cell ("(2021)", "et al."; when the key is the ``study``
    column); a sub-heading line is a row of its own, its words in the first cell; every
    other line adds its pieces to the row above, cell by cell, one line a newline."""
    rows: list[list[list[str]]] = []
    for cells, group in zip(cut, groups, strict=True):
        if not any(cells):
            continue
        if group is not None:
            rows.append([[group]] + [[] for _ in cells[1:]])
            continue
        tail = study and bool(rows) and _continues(rows[-1][key], cells[key])
        opens = bool(cells[key]) and not tail
        if opens or not rows:
            rows.append([[c] if c else [] for c in cells])
            continue
        for col, c in zip(rows[-1], cells, strict=True):
            if c:
                col.append(c)
    return tuple(tuple("\n".join(col) for col in row) for row in rows)


def _sub_heading(lines: list[_Line], k: int, starts: list[int], key: int) -> str | None:
    """The words of a sub-heading line between rows ("Animal studies"), else None: a short
    line with no column gap that starts in the first column, no full stop at its end; when
    the study column is not the first, also a blank line above it or words across a column
    start (a first cell's second line, "areata" under "Alopecia", is neither)."""
    line = lines[k][1]
    s = line.strip()
    if gapped(line) or len(s.split()) > GROUP_WORDS or s.endswith((".", ":", ";")):
        return None
    if len(starts) < 2 or len(line) - len(line.lstrip()) >= starts[1]:
        return None
    if key != 0 and lines[k - 1][1].strip() and not _straddles(line, starts):
        return None
    return s


def _continues(above: list[str], cell: str) -> bool:
    """A filled key cell that is the rest of the study cell above it: that cell names no
    year or number yet, and this one holds one ("(2021)"), or "et al.", or runs on in lower
    case, or the cell above breaks off at a hyphen, a comma or "and" ("Moreno-" / "Vidal
    2018")."""
    if not above or any(ch.isdigit() for c in above for ch in c):
        return False
    return bool(_STUDY_TAIL.match(cell)) or above[-1].endswith(_RUNS_ON)
