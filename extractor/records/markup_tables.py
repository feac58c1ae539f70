"""Study tables left in a text as markup: an HTML ``<table>`` (copied from a web page's
source, or a Markdown file that embeds one) and a LaTeX ``tabular`` (a preprint's source).

The markup says "table" by itself, so no header test is needed; each cell is given as the
pieces of plain text between its tags or commands, one a line, so that every piece can be
found in the text where it is (a wrapped cell of a space-aligned table is given the same
way). What the columns mean is left to the header reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True, slots=True)
class Marked:
    """One table written in markup: header cells, rows, where it runs in the text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    start: int
    end: int


class _Cells(HTMLParser):
    """The rows of one HTML table, each cell the list of its text pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.cell = []
            self.rows[-1].append(self.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "tr"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None and data.strip():
            self.cell.extend(x.strip() for x in data.split("\n") if x.strip())


_HTML_TABLE = re.compile(r"<table\b[^>]*>.*?</table\s*>", re.IGNORECASE | re.DOTALL)


def html_tables(text: str, taken: list[tuple[int, int]]) -> list[Marked]:
    """Every ``<table>…</table>`` of ``text`` outside ``taken`` with a row of cells under
    its first row."""
    if "<t" not in text.lower():
        return []
    out: list[Marked] = []
    for m in _HTML_TABLE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        parser = _Cells()
        parser.feed(m.group(0))
        parser.close()
        grid = [r for r in parser.rows if r]
        if len(grid) < 2:
            continue
        out.append(_marked(grid, m.start(), m.end()))
    return out


def _marked(grid: list[list[list[str]]], start: int, end: int) -> Marked:
    """A grid of cells (each the list of its pieces) as a Marked table: its first row the
    header (pieces joined by spaces), each later row's cells their pieces one a line."""
    header = tuple(" ".join(c) for c in grid[0])
    rows = tuple(tuple("\n".join(c) for c in r) for r in grid[1:])
    return Marked(header, rows, start, end)


_TABULAR = re.compile(
    r"\\begin\{(tabular\*?|tabularx|longtable|supertabular|xltabular)\}(.*?)\\end\{\1\}", re.DOTALL
)
# what a cell's commands leave no text of: rules, citations, labels, column spans' arguments
_LATEX_DROP = re.compile(
    r"\\(?:[hc]line|toprule|midrule|bottomrule|cmidrule|addlinespace|endhead|endfirsthead"
    r"|endfoot|endlastfoot|noalign)\*?(?:\([^)]*\))?(?:\{[^{}]*\})?"
    r"|\\(?:cite[pt]?|citeauthor|citeyear|ref|label|footnotemark)\*?(?:\[[^\]]*\])*\{[^{}]*\}"
    r"|\\(?:multicolumn|multirow)\{[^{}]*\}\{[^{}]*\}"
)
_LATEX_SPLIT = re.compile(r"\\[a-zA-Z]+\*?|[{}~$^]|\\[,;!]")
_LATEX_ROW = re.compile(r"\\\\(?:\[[^\]]*\])?")
_LATEX_CELL = re.compile(r"(?<!\\)&")


def latex_tables(text: str, taken: list[tuple[int, int]]) -> list[Marked]:
    """Every LaTeX ``tabular`` (``tabular*``, ``tabularx``, ``longtable``) of ``text``
    outside ``taken``: rows end at ``\\\\``, cells part at ``&``, rules are left out."""
    if "\\begin{" not in text:
        return []
    out: list[Marked] = []
    for m in _TABULAR.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        body = _after_spec(m.group(2))
        grid = []
        for row in _LATEX_ROW.split(_LATEX_DROP.sub(" ", body)):
            cells = [_latex_pieces(c) for c in _LATEX_CELL.split(row)]
            if any(cells):
                grid.append(cells)
        if len(grid) >= 2:
            out.append(_marked(grid, m.start(), m.end()))
    return out


def _after_spec(body: str) -> str:
    """A tabular's body after its width and column spec (``{\\linewidth}{p{3cm}lll}``):
    the leading groups in balanced braces or brackets."""
    i = 0
    while True:
        while i < len(body) and body[i].isspace():
            i += 1
        if i >= len(body) or body[i] not in "{[":
            return body[i:]
        opening, closing = body[i], "}" if body[i] == "{" else "]"
        depth = 0
        for j in range(i, len(body)):
            depth += (body[j] == opening) - (body[j] == closing)
            if depth == 0:
                i = j + 1
                break
        else:
            return body[i:]


def _latex_pieces(cell: str) -> list[str]:
    """The plain-text pieces of a LaTeX cell: ``\\textbf{Study}`` gives "Study",
    ``Kim et al.~\\cite{kim19}`` gives "Kim et al."; escaped ``\\%``, ``\\&`` keep their sign."""
    cell = re.sub(r"\\([%&#_])", r"\1", cell)
    pieces = [x.strip() for x in _LATEX_SPLIT.split(cell)]
    return [x for x in pieces if x and not re.fullmatch(r"[\s{}\[\]]*", x)]
