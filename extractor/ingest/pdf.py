"""PDF reader: pdfium's text layer for speed, pdfplumber's table finder for ruled tables.

pdfplumber (over pdfminer) costs ~300 ms a page here, pdfium ~4 ms, so the text, its
geometry and the ruling lines all come from pdfium; the ruling lines are then handed to
pdfplumber's ``TableFinder`` (the lines strategy: edges -> intersections -> cells ->
tables), which is where its analysis earns its keep, at no pdfminer parsing cost.

Steps per page: lines with their geometry (first/last character origin, font size and
weight); ruled tables; running headers/footers and page numbers dropped (lines in the
outer margins that repeat across pages once digits are masked, or are bare numbers);
reading order by column (two-column pages read left column then right, full-width lines
split the page into bands); paragraphs rebuilt from line spacing, style and indentation;
line-break hyphens resolved against the document's own vocabulary; powers of ten whose
exponent is raised written as ``10^6``. The text is assembled with tables as pipe tables
(the plain-text convention), and sections/tables/references are found on it, so offsets
are consistent with ``text`` by construction.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from extractor.errors import IngestError
from extractor.ingest.glyphs import (
    GONE,
    SPACING_ACCENTS,
    compose,
    fold_code_points,
    fold_line,
    fold_page_text,
)
from extractor.ingest.structure import heading_level
from extractor.ingest.text import read_bytes, structure_of
from extractor.normalize.text import (
    HYPHEN_MARKS,
    collapse_spaces,
    dehyphenate,
    join_hyphenated,
    normalize_ligatures,
    vocabulary,
)
from extractor.types import Document, Page

_MARK = "\ufffe"
# A power-of-ten candidate: "10" (not inside a longer number) and 1-2 exponent digits, as in
# "5×106" or "106 cells"; only a raised exponent (checked on the glyphs) gets the caret.
_POWER = re.compile(r"(?<![\d.,])10(?:\r\n)?([-−]?\d{1,2})(?!\d)")
# a line that ends in a hyphen right after a letter or digit ("hyd-", "IL-"), not a dash
_LITERAL_BREAK = re.compile(r"\w[-\u2010]$")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


@dataclass
class _Line:
    page: int
    a: int  # char index range [a, b) in the page text
    b: int
    text: str
    x0: float
    x1: float
    y_first: float  # baseline of the first character (PDF space, y up)
    y_last: float
    size: float
    bold: bool
    hyph: bool = False  # ended in a line-break hyphen
    column: int = 0  # 0 left (or the only column), 1 right, -1 across both
    run_in: bool = False  # a run-in heading cut off the start of its paragraph's line


@dataclass
class _TableBlock:
    page: int
    bbox: tuple[float, float, float, float]  # x0, y_bottom, x1, y_top (PDF space)
    rows: list[list[str]]
    column: int = 0


@dataclass
class _PageData:
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    tables: list[_TableBlock] = field(default_factory=list)


# --------------------------------------------------------------------------- checks


def _open(path: Path, data: bytes) -> Any:
    import pypdfium2 as pdfium

    if not data.strip():
        raise IngestError(path, "empty file (no PDF data)")
    if b"%PDF-" not in data[:1024]:
        raise IngestError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "truncated PDF (the file ends without its %%EOF trailer)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        msg = str(err)
        if "password" in msg.lower():
            raise IngestError(path, "encrypted PDF (needs a password); decrypt it first") from None
        raise IngestError(path, f"damaged PDF, pdfium cannot open it ({msg})") from None
    if len(pdf) == 0:
        raise IngestError(path, "PDF has no pages")
    return pdf


# --------------------------------------------------------------------------- page reading


class _Chars:
    """Thin ctypes access to per-character geometry of one pdfium text page."""

    def __init__(self, textpage: Any) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.tp = textpage.raw
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._l, self._r = ctypes.c_double(), ctypes.c_double()
        self._b, self._t = ctypes.c_double(), ctypes.c_double()
        self._m = raw.FS_MATRIX()
        self._boxes: dict[int, tuple[float, float, float, float]] = {}
        self._centres: list[tuple[float, float]] | None = None
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()

    def origin(self, i: int) -> tuple[float, float]:
        self.raw.FPDFText_GetCharOrigin(self.tp, i, self._x, self._y)
        return self._x.value, self._y.value

    def box(self, i: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of character ``i``; kept, as table finding, cell
        filling and accent placing ask for the same characters."""
        got = self._boxes.get(i)
        if got is None:
            self.raw.FPDFText_GetCharBox(self.tp, i, self._l, self._r, self._b, self._t)
            got = self._boxes[i] = (self._l.value, self._b.value, self._r.value, self._t.value)
        return got

    def centres(self, text: str, height: float) -> list[tuple[float, float]]:
        """Box centres (top-based y) of the page's printed characters, computed once."""
        if self._centres is None:
            self._centres = []
            for i, ch in enumerate(text):
                if ch.isspace() or ch in HYPHEN_MARKS or ch == GONE:
                    continue
                left, low, right, up = self.box(i)
                self._centres.append(((left + right) / 2, height - (low + up) / 2))
        return self._centres

    def unicode(self, i: int) -> int:
        return int(self.raw.FPDFText_GetUnicode(self.tp, i))

    def size(self, i: int) -> float:
        """The type size as printed: the font size times the text matrix's vertical scale
        (Distiller and others set size 1 and scale the matrix)."""
        size = float(self.raw.FPDFText_GetFontSize(self.tp, i))
        if self.raw.FPDFText_GetMatrix(self.tp, i, self._m):
            scale = (self._m.c**2 + self._m.d**2) ** 0.5
            if scale > 0:
                size *= scale
        return size

    def bold(self, i: int) -> bool:
        """Bold by the font's name (…-Bold, …Semibold, …Black) where it has one, else by the
        weight pdfium reads (embedded subsets often report a weight that says nothing)."""
        n = self.raw.FPDFText_GetFontInfo(self.tp, i, self._name, 128, self._flags)
        if n > 0:
            name = self._name.value.decode("latin-1", "replace").casefold()
            if name.strip():
                return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
        return int(self.raw.FPDFText_GetFontWeight(self.tp, i)) >= 600


def _superscript_marks(text: str, chars: _Chars) -> set[int]:
    """Indices where a raised exponent starts after "10" ("5×10" + raised "6")."""
    out: set[int] = set()
    for m in _POWER.finditer(text):
        k = m.start(1)
        one = m.start()  # the "1" of "10"
        size = chars.size(one) or 1.0
        _, y_one = chars.origin(one)
        _, y_exp = chars.origin(k)
        if y_exp - y_one > 0.18 * size:
            out.add(k)
    return out


def _place_accents(text: str, chars: _Chars) -> str:
    """Put each spacing accent (´ ¨ ˆ ˜ ` ¸ ˇ ˚ ˙) that TeX typeset over or under a letter
    onto that letter: the letter whose box it is centred on, on the same line, wherever
    pdfium put the accent in the text order (often the line's end). The accent's index
    becomes ``GONE``, so indices and geometry stay aligned."""
    out = list(text)
    for i, ch in enumerate(text):
        if ch not in SPACING_ACCENTS:
            continue
        left, bottom, right, top = chars.box(i)
        if right - left <= 0:
            continue
        cx, height = (left + right) / 2, max(top - bottom, 1.0)
        best: tuple[float, int] | None = None
        for j in range(max(0, i - 150), min(len(text), i + 150)):
            if j == i or not out[j].isalpha():
                continue
            jl, jb, jr, jt = chars.box(j)
            if not (jl - 0.3 <= cx <= jr + 0.3):
                continue
            # above the letter (or below it for a cedilla or an ogonek), within a line
            gap = bottom - jt if ch not in "\u00b8\u02db" else jb - top
            if -0.8 * height <= gap <= 0.5 * (jt - jb) + 1.0:
                d = abs((jl + jr) / 2 - cx) + abs(gap)
                if best is None or d < best[0]:
                    best = (d, j)
        if best is not None and (new := compose(out[best[1]], ch)) is not None:
            out[best[1]] = new
            out[i] = GONE
            # the space pdfium set where the accent stood inside a word goes too
            for k in (i - 1, i + 1):
                if (
                    0 < k < len(out) - 1
                    and out[k] == " "
                    and out[k - 1].isalpha()
                    and (out[k + 1].isalpha() or out[k + 1] == GONE)
                ):
                    out[k] = GONE
    return "".join(out)


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    """Horizontal and vertical ruling segments of the page, as pdfplumber edge dicts."""
    import pypdfium2.raw as raw

    edges: list[dict[str, Any]] = []
    fx, fy = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        m = obj.get_matrix()
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        n = raw.FPDFPath_CountSegments(obj.raw)
        prev: tuple[float, float] | None = None
        start: tuple[float, float] | None = None
        for k in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
            raw.FPDFPathSegment_GetPoint(seg, fx, fy)
            x, y = fx.value, fy.value
            pt = (a * x + c * y + e, b * x + d * y + f)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = pt
            elif kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                _add_edge(edges, prev, pt, height)
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_edge(edges, pt, start, height)
            prev = pt
    return edges


def _add_edge(
    edges: list[dict[str, Any]], p: tuple[float, float], q: tuple[float, float], height: float
) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.5 and abs(x0 - x1) >= 1:
        lo, hi = sorted((x0, x1))
        top = height - y0
        edges.append(
            {
                "x0": lo,
                "x1": hi,
                "top": top,
                "bottom": top,
                "width": hi - lo,
                "height": 0.0,
                "orientation": "h",
                "object_type": "line",
            }
        )
    elif abs(x0 - x1) < 0.5 and abs(y0 - y1) >= 1:
        lo, hi = sorted((y0, y1))
        edges.append(
            {
                "x0": x0,
                "x1": x0,
                "top": height - hi,
                "bottom": height - lo,
                "width": 0.0,
                "height": hi - lo,
                "orientation": "v",
                "object_type": "line",
            }
        )


class _EdgePage:
    """The part of a pdfplumber Page that its TableFinder reads for the lines strategy."""

    def __init__(self, edges: list[dict[str, Any]], width: float, height: float) -> None:
        self.edges = edges
        self.bbox = (0.0, 0.0, width, height)


def _bbox_of(rows: list[list[tuple[Any, ...] | None]]) -> tuple[float, float, float, float]:
    cells = [c for r in rows for c in r if c]
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def _find_tables(
    edges: list[dict[str, Any]], width: float, height: float
) -> list[list[list[tuple[Any, ...] | None]]]:
    """Row lists of cell bboxes (pdfplumber top-based coords) of each fully ruled table."""
    if sum(e["orientation"] == "v" for e in edges) < 2 or len(edges) < 6:
        return []
    from pdfplumber.table import TableFinder

    finder = TableFinder(_EdgePage(edges, width, height))  # type: ignore[arg-type]
    out = []
    for t in finder.tables:
        rows = [list(r.cells) for r in t.rows]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            out.append(rows)
    return out


def _cell_locator(
    rows: list[list[tuple[Any, ...] | None]],
) -> Callable[[float, float], tuple[int, int] | None]:
    """(x, y) -> (row, column) of the cell holding the point, by bisection on the grid's
    lines (a table's cells tile a grid; a spanning cell covers several slots)."""
    cells = [(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell]
    xs = sorted({v for _, _, cl in cells for v in (cl[0], cl[2])})
    ys = sorted({v for _, _, cl in cells for v in (cl[1], cl[3])})
    slot: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, (x0, t, x1, btm) in cells:
        for i in range(bisect_left(xs, x0), bisect_left(xs, x1)):
            for j in range(bisect_left(ys, t), bisect_left(ys, btm)):
                slot.setdefault((i, j), (r, c))

    def locate(x: float, y: float) -> tuple[int, int] | None:
        i, j = bisect_right(xs, x) - 1, bisect_right(ys, y) - 1
        return slot.get((i, j)) if i >= 0 and j >= 0 else None

    return locate


def _has_cell_text(
    rows: list[list[tuple[Any, ...] | None]], text: str, chars: _Chars, height: float
) -> bool:
    """A table holds text in its cells: a row with two filled cells, and a fifth of all
    cells filled. A chart's grid, a decorative frame or a box of rules has (almost) none;
    a table's last row carried over to the next page still passes."""
    cells = [(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell]
    x0 = min(cell[0] for _, _, cell in cells)
    x1 = max(cell[2] for _, _, cell in cells)
    top = min(cell[1] for _, _, cell in cells)
    bottom = max(cell[3] for _, _, cell in cells)
    filled: set[tuple[int, int]] = set()
    locate = _cell_locator(rows)
    for cx, cy in chars.centres(text, height):
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        hit = locate(cx, cy)
        if hit is not None:
            filled.add(hit)
    per_row = Counter(r for r, _ in filled)
    return max(per_row.values(), default=0) >= 2 and len(filled) >= 0.2 * len(cells)


def _rule_only_tables(
    edges: list[dict[str, Any]],
    text: str,
    chars: _Chars,
    width: float,
    height: float,
    taken: list[tuple[float, float, float, float]],
) -> list[list[list[tuple[Any, ...] | None]]]:
    """Tables drawn with horizontal rules only (booktabs: top, mid and bottom rule).

    Column separators are the x ranges that the text lines between the rules leave empty
    (allowing a spanning group row to cross them); row separators are the larger vertical
    steps between text lines (cell padding), or every line when all steps are equal. The
    cells are the grid these lines make.
    """
    rules = [e for e in edges if e["orientation"] == "h" and e["width"] > 60]
    groups: list[list[dict[str, Any]]] = []
    for e in sorted(rules, key=lambda e: e["top"]):
        for g in groups:
            if abs(g[0]["x0"] - e["x0"]) < 3 and abs(g[0]["x1"] - e["x1"]) < 3:
                g.append(e)
                break
        else:
            groups.append([e])
    out = []
    boxes: list[tuple[int, float, float, float, float]] | None = None
    for g in groups:
        tops: list[float] = []
        for e in sorted(g, key=lambda e: e["top"]):
            if not tops or e["top"] - tops[-1] > 2:  # a thick rule gives two close edges
                tops.append(e["top"])
        if len(tops) < 2 or (len(tops) == 2 and tops[1] - tops[0] > 60):
            continue
        x0, x1 = g[0]["x0"], g[0]["x1"]
        if boxes is None:  # per-character boxes, only on pages that have such rules
            boxes = []
            for i, ch in enumerate(text):
                if ch.isspace() or ch in HYPHEN_MARKS or ch == GONE:
                    continue
                left, _, right, tp = chars.box(i)
                _, base = chars.origin(i)
                boxes.append((i, left, right, height - tp, height - base))
        if len(tops) == 2:
            # a top rule and the header's: a table the page break cut before its bottom
            # rule; its body runs on down to the last line of the block below the header
            end = _block_end(boxes, x0, x1, tops[1])
            if end is None:
                continue
            tops.append(end)
        top, bottom = tops[0], tops[-1]
        if any(not (x1 < a or x0 > c or bottom < b or top > d) for a, b, c, d in taken):
            continue
        inside = [b for b in boxes if x0 - 1 <= b[1] and b[2] <= x1 + 1 and top < b[4] < bottom]
        if not inside:
            continue
        # text lines: baselines closer than 0.7 of the ink height are one line (an exponent joins
        # the line it belongs to); keyed by the line's lowest baseline
        by_base: dict[float, list[tuple[int, float, float, float, float]]] = {}
        cur: list[tuple[int, float, float, float, float]] = []
        em = max(b[4] - b[3] for b in inside)  # tallest glyph above its baseline
        for b in sorted(inside, key=lambda b: b[4], reverse=True):
            if cur and cur[0][4] - b[4] > 0.7 * em:
                by_base[cur[0][4]] = cur
                cur = []
            cur.append(b)
        if cur:
            by_base[cur[0][4]] = cur
        lines = sorted(by_base.items())
        if len(lines) < 2:
            continue
        # columns: x bins that (almost) no line covers
        n_bins = int(x1 - x0) + 1
        cover = [0] * n_bins
        # the body rows define the columns; a header's centred cells may straddle them
        body_lines = [ln for ln in lines if ln[0] > tops[1]]
        col_lines = body_lines if len(body_lines) >= 3 else lines
        for _, bs in col_lines:
            hit: set[int] = set()
            for b in bs:
                hit.update(range(max(0, int(b[1] - x0)), min(n_bins, int(b[2] - x0) + 1)))
            for k in hit:
                cover[k] += 1
        limit = max(1, len(col_lines) // 8)
        seps: list[float] = []
        # the cell padding left of the first column is no column gap
        k = next((x for x in range(n_bins) if cover[x] > limit), n_bins)
        while k < n_bins:
            if cover[k] <= limit and k > 0:
                j = k
                while j < n_bins and cover[j] <= limit:
                    j += 1
                edge = x0 + j
                starts = sum(
                    1
                    for _, bs in col_lines
                    if any(edge - 1.5 <= b[1] <= edge + 2.5 for b in bs)
                    # clear ink for more than a word space before it: a cell starts here
                    and not any(b[2] > edge - 5.0 and b[1] < edge - 1.5 for b in bs)
                )
                if j - k >= 5 and j < n_bins and starts >= max(2, len(col_lines) // 10):
                    # columns are left-aligned: the boundary sits where the next column's
                    # text begins (many lines start there), not mid-gap, which a long
                    # ragged cell may run into
                    seps.append(edge - 1.5)
                elif j - k >= 8 and j < n_bins and len(col_lines) >= 3:
                    # centred columns: a wide strip that no line crosses
                    seps.append(x0 + (k + j) / 2)
                k = j
            else:
                k += 1
        if not seps:
            continue
        # rows: the header between the first two rules, body rows by their larger steps
        bases = [base for base, _ in lines]
        body = [b for b in bases if b > tops[1]]
        steps = [b - a for a, b in pairwise(body)]
        leading = min(steps) if steps else 0.0  # the step between lines of one cell
        uniform = bool(steps) and max(steps) <= 1.3 * leading  # then every line is a row
        h_lines = [*tops]
        bounds = [x0, *seps, x1]

        for t_a, t_b in pairwise(tops[1:]):
            inner = [b for b in body if t_a < b < t_b]
            if len(inner) < 2:
                continue
            stepped = [b for a, b in pairwise(inner) if b - a > 1.3 * leading]
            starts: list[float] = []
            # padding between rows (a step clearly larger than a cell's line step) is the
            # surest sign; else the columns each line fills
            if len(tops) == 3 and stepped and not uniform and _padded(inner, leading):
                starts = stepped
            elif len(tops) <= 5:  # a rule or two may set off groups; more rules are the rows
                starts = _row_starts(
                    inner,
                    [_slots(by_base[b], bounds) for b in inner],
                    [_wraps(by_base[b], bounds, text) for b in inner],
                    [min(bx[1] for bx in by_base[b]) for b in inner],
                )
            if not starts and len(tops) == 3:
                # padded rows: a larger step starts a row; evenly spaced lines are rows
                starts = stepped if stepped and not uniform else inner[1:]
            for b in starts:
                size = max(bx[4] - bx[3] for bx in by_base[b])
                h_lines.append((b - size + max(x for x in inner if x < b)) / 2)
        xs, ys = _snap([x0, *seps, x1]), _snap(h_lines)
        rows: list[list[tuple[Any, ...] | None]] = [
            [(a, t, b, btm) for a, b in pairwise(xs)] for t, btm in pairwise(ys)
        ]
        if len(rows) >= 2 and len(xs) >= 3:
            out.append([_span_if_crossing(r, lines, seps) for r in rows])
    return out


def _snap(values: list[float], tolerance: float = 3.0) -> list[float]:
    """Sorted grid lines, those closer than ``tolerance`` merged at their mean (as
    pdfplumber snaps explicit lines)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _block_end(
    boxes: list[tuple[int, float, float, float, float]], x0: float, x1: float, below: float
) -> float | None:
    """Bottom (top-based y) of the run of text lines right under ``below`` within [x0, x1]:
    lines follow each other at no more than three times their usual step."""
    bases = sorted(
        {round(b[4], 1) for b in boxes if x0 - 1 <= b[1] and b[2] <= x1 + 1 and b[4] > below}
    )
    if len(bases) < 2:
        return None
    steps = [b - a for a, b in pairwise(bases) if b - a > 1.0]
    step = median(steps) if steps else 10.0
    end = bases[0]
    for a, b in pairwise(bases):
        if b - a > 3 * step:
            break
        end = b
    if end - bases[0] < 1.5 * step:
        return None
    return end + 0.4 * step


def _runs_across(bs: list[tuple[int, float, float, float, float]], x: float) -> bool:
    """Does this line's text run on across ``x`` (word spacing, not a column gap)?"""
    left = [b[2] for b in bs if b[1] < x]
    right = [b[1] for b in bs if b[2] > x]
    em = max((b[4] - b[3] for b in bs), default=0.0)  # ascent of the tallest glyph ~ 0.9 em
    return bool(left and right) and min(right) - max(left) < 0.5 * em


def _column_of(bx: tuple[int, float, float, float, float], bounds: list[float]) -> int:
    return sum(1 for sx in bounds[1:-1] if (bx[1] + bx[2]) / 2 > sx)


def _slots(bs: list[tuple[int, float, float, float, float]], bounds: list[float]) -> frozenset[int]:
    """The columns a text line puts ink in."""
    return frozenset(_column_of(bx, bounds) for bx in bs)


def _wraps(
    bs: list[tuple[int, float, float, float, float]], bounds: list[float], text: str
) -> bool:
    """Does a cell of this line past the first open in lower case (wrapped prose)?"""
    first: dict[int, tuple[float, int]] = {}
    for bx in bs:
        c = _column_of(bx, bounds)
        if c and (c not in first or bx[1] < first[c][0]):
            first[c] = (bx[1], bx[0])
    return any(text[i].islower() for _, i in first.values())


def _padded(bases: list[float], leading: float) -> bool:
    """Are the steps between lines of two kinds only, a cell's line step and a larger row
    step (padded rows), rather than spread by centred or irregular cells?"""
    steps = [round((b - a) / max(leading, 1.0), 1) for a, b in pairwise(bases)]
    big = [x for x in steps if x > 1.3]
    return bool(big) and max(big) - min(big) <= 0.25 and all(x <= 1.1 for x in steps if x <= 1.3)


def _row_starts(
    bases: list[float], filled: list[frozenset[int]], wrapped: list[bool], lefts: list[float]
) -> list[float]:
    """Baselines (top-down) that open a row, from the columns each text line fills.

    A *full* line has text in the first column and at least one other, none of it opening
    in lower case (the continuation of a wrapped cell does): it carries a row's values. A
    first-column-only line set further left than the next full line is a group label, a
    row of its own. Other lines belong to a full line: with every line full, each is a row;
    when a run starts with a line that is not full the stub cells are centred on their
    values (as many stub lines above a full line as below it), otherwise a row's cells wrap
    below its first line.
    """
    n = len(bases)
    full = [0 in f and len(f) >= 2 and not w for f, w in zip(filled, wrapped, strict=True)]
    if sum(full) < 2:
        return []
    label = [False] * n
    for k in range(n):
        nxt = next((j for j in range(k + 1, n) if full[j]), None)
        if not full[k] and filled[k] == {0} and nxt is not None and lefts[k] < lefts[nxt] - 2:
            label[k] = True
    rows: list[int] = []
    k = 0
    while k < n:
        if label[k]:
            rows.append(k)
            k += 1
            continue
        end = next((j for j in range(k, n) if label[j]), n)
        seg = range(k, end)
        if full[k]:
            rows += [j for j in seg if full[j]] or [k]
        else:
            j = k
            while j < end:
                nxt = next((m for m in range(j, end) if full[m]), None)
                if nxt is None:
                    if not rows or rows[-1] < k:
                        rows.append(j)
                    break
                rows.append(j)
                above, below = nxt - j, 0
                j = nxt + 1
                while j < end and not full[j] and below < above:
                    below += 1
                    j += 1
        k = end
    return [bases[k] for k in sorted(set(rows)) if k > 0]


def _one_run(bs: list[tuple[int, float, float, float, float]]) -> bool:
    """Is this line one run of words (no gap wider than an em), like a group row's label?
    A header whose centred cells straddle a column boundary has several runs."""
    em = max((b[4] - b[3] for b in bs), default=0.0)
    xs = sorted((b[1], b[2]) for b in bs)
    return all(nxt[0] - cur[1] < 1.1 * em for cur, nxt in pairwise(xs))


def _span_if_crossing(
    row: list[tuple[Any, ...] | None],
    lines: list[tuple[float, list[tuple[int, float, float, float, float]]]],
    seps: list[float],
) -> list[tuple[Any, ...] | None]:
    """A row whose text runs across a column separator is one spanning cell (a group row)."""
    cells = [c for c in row if c]
    if not cells:
        return row
    top, bottom = min(c[1] for c in cells), max(c[3] for c in cells)
    inside = [(base, bs) for base, bs in lines if top < base < bottom]
    if len(inside) != 1:  # a group label is one line; a header's cells may wrap
        return row
    for _, bs in inside:
        if any(_runs_across(bs, x) for x in seps) and _one_run(bs):
            merged = (cells[0][0], top, cells[-1][2], bottom)
            return [merged] + [None] * (len(row) - 1)
    return row


def _read_page(pdf: Any, index: int) -> tuple[_PageData, str]:
    page = pdf[index]
    width, height = page.get_size()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    chars = _Chars(textpage)
    n = textpage.count_chars()
    data = _PageData(width, height)
    # one character per pdfium index (math letters outside the BMP take two), folded
    folded = fold_page_text(text, n)
    text = fold_code_points([chars.unicode(i) for i in range(n)]) if folded is None else folded
    if any(ch in SPACING_ACCENTS for ch in text):
        text = _place_accents(text, chars)
    sup = _superscript_marks(text, chars)

    # tables first: their characters leave the running text
    table_cells: list[
        tuple[list[list[tuple[Any, ...] | None]], tuple[float, float, float, float]]
    ] = []
    edges = _edges(page, height)
    found = _find_tables(edges, width, height)
    taken = [_bbox_of(rows) for rows in found]
    found += _rule_only_tables(edges, text, chars, width, height, taken)
    found = [rows for rows in found if _has_cell_text(rows, text, chars, height)]
    for rows in found:
        cells = [c for r in rows for c in r if c]
        x0 = min(c[0] for c in cells)
        top = min(c[1] for c in cells)
        x1 = max(c[2] for c in cells)
        bottom = max(c[3] for c in cells)
        table_cells.append((rows, (x0, height - bottom, x1, height - top)))

    def in_table(x: float, y: float) -> int:
        for k, (_, (tx0, tyb, tx1, tyt)) in enumerate(table_cells):
            if tx0 - 1 <= x <= tx1 + 1 and tyb - 1 <= y <= tyt + 1:
                return k
        return -1

    table_chars: dict[int, list[int]] = defaultdict(list)
    for a, b, run_in in _segments(text, chars):
        hyph = text[b - 1] == _MARK
        core_b = b - 1 if hyph else b
        seg = text[a:core_b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if not seg.strip():
            continue
        i0, i1 = a + lead, core_b - trail - 1
        x_first, y_first = chars.origin(i0)
        if table_cells:
            k = in_table(x_first, y_first)
            if k >= 0:
                table_chars[k].extend(range(a, b))
                continue
        _, y_last = chars.origin(i1)
        x_right = chars.box(i1)[2]
        data.lines.append(
            _Line(
                index,
                a,
                b,
                "",
                x_first,
                x_right,
                y_first,
                y_last,
                # the larger of the end sizes: a raised exponent may end it
                round(max(chars.size(i0), chars.size(i1)), 1),
                chars.bold(i1),
                hyph,
                run_in=run_in,
            )
        )

    starts = {line.a: line for line in data.lines}
    for line in data.lines:
        line.text = _slice(text, line.a, line.b, sup)
        if line.run_in:  # a run-in heading: a line of its own now
            line.text = line.text.rstrip().rstrip(".")
            if (body := starts.get(line.b)) is not None:
                body.x0 = line.x0  # its paragraph starts where the heading does
    data.lines = _hoist_exponents(data.lines, text, chars, sup)
    for k, (rows, bbox) in enumerate(table_cells):
        data.tables.append(
            _table_block(index, rows, bbox, height, text, chars, table_chars.get(k, []), sup)
        )
    return data, text


_EXPONENT = re.compile(r"[-\u2212]?\d{1,2}")
_LEADING_EXPONENT = re.compile(r"\s*[-\u2212]?\d{1,2}(?=\s)")


def _segments(text: str, chars: _Chars) -> Iterator[tuple[int, int, bool]]:
    """pdfium's text lines as index ranges. A raised number drawn before its line (the
    exponent of ``10`` set first) heads the line in the text though it stands further
    right: it becomes a segment of its own, for ``_hoist_exponents``."""
    for m in re.finditer(r"[^\r\n" + _MARK + r"]+" + f"{_MARK}?", text):
        a, b = m.start(), m.end()
        lead = _LEADING_EXPONENT.match(text, a, b)
        if lead:
            k = lead.end()
            nxt = k + len(text[k:b]) - len(text[k:b].lstrip())
            if nxt < b:
                x_exp, y_exp = chars.origin(lead.end() - 1)
                x_nxt, y_nxt = chars.origin(nxt)
                size = chars.size(nxt) or 1.0
                if x_exp > x_nxt + 2 and 0.15 * size < y_exp - y_nxt < 0.8 * size:
                    yield a, k, False
                    yield k, b, False
                    continue
        k = _run_in_heading_end(text, a, b, chars)
        if k is not None:
            yield a, k, True
            yield k, b, False
            continue
        yield a, b, False


# "2.1. PBPC Mobilization." or "Statistical Analysis." set in bold before the paragraph (a
# lead-in ending in a colon, "Keywords:", is a label of the line, not a heading)
_RUN_IN = re.compile(r"(?:(?:\d{1,2}\.)*\d{1,2}\.?\s+)?[A-Z][^.!?:]{1,80}\.\s*")


def _run_in_heading_end(text: str, a: int, b: int, chars: _Chars) -> int | None:
    """Where a run-in heading (a bold lead-in ending in a full stop, the body text following
    on the same line) ends, or None."""
    if text.startswith(("Table", "Figure", "Fig.", "TABLE", "FIGURE"), a):
        return None  # a caption's label
    i0 = a + len(text[a:b]) - len(text[a:b].lstrip())
    if i0 >= b or not text[i0].isalnum() or not chars.bold(i0):
        return None
    k = i0
    while k < b and (text[k].isspace() or chars.bold(k)):
        k += 1
    if k >= b or not text[k].isalnum():
        return None
    head = text[i0:k]
    if not _RUN_IN.fullmatch(head) or len(head.split()) > 12:
        return None
    return k


def _hoist_exponents(lines: list[_Line], text: str, chars: _Chars, sup: set[int]) -> list[_Line]:
    """A raised exponent that pdfium put on a line of its own (``6`` before the line
    holding ``1 × 10 cells/kg``) goes back into that line at its x position, as ``10^6``
    after a ten; a line that is only a raised number over another line is never a line."""
    out = [ln for ln in lines]
    for s in lines:
        digits = s.text.strip()
        if not _EXPONENT.fullmatch(digits):
            continue
        host = next(
            (
                ln
                for ln in out
                if ln is not s
                and ln.page == s.page
                and 0.15 * ln.size < s.y_first - ln.y_first < 0.8 * ln.size
                and ln.x0 - 1 <= s.x0 <= ln.x1 + 1
                and s.size < ln.size
            ),
            None,
        )
        if host is None:
            continue
        # the host's last character left of the exponent
        j = max(
            (i for i in range(host.a, host.b) if text[i].strip() and chars.box(i)[2] <= s.x0 + 0.5),
            default=None,
        )
        if j is None:
            continue
        before = _slice(text, host.a, j + 1, sup)
        caret = "^" if re.search(r"(?<![\d.,])10$", before) else ""
        host.text = before + caret + digits + _slice(text, j + 1, host.b, sup)
        out.remove(s)
    return out


def _slice(text: str, a: int, b: int, sup: set[int]) -> str:
    """Page text [a, b) with exponent marks inserted; a trailing hyphen mark is kept."""
    marks = sorted(i for i in sup if a <= i < b)
    if not marks:
        return text[a:b].replace("\r", " ").replace("\n", " ").replace(GONE, "")
    out, pos = [], a
    for i in marks:
        out += [text[pos:i], "^"]
        pos = i
    out.append(text[pos:b])
    return "".join(out).replace("\r", " ").replace("\n", " ").replace(GONE, "")


def _table_block(
    page: int,
    rows: list[list[tuple[Any, ...] | None]],
    bbox: tuple[float, float, float, float],
    height: float,
    text: str,
    chars: _Chars,
    indices: list[int],
    sup: set[int],
) -> _TableBlock:
    """Assign each character inside the table to its cell (by its box centre)."""
    locate = _cell_locator(rows)
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    last: tuple[int, int] | None = None
    # a word goes to the cell holding its centre, whole: a centred header word may
    # straddle a column boundary found from the body rows
    word_of: dict[int, tuple[float, float]] = {}
    word: list[tuple[int, float, float, float, float]] = []

    def close() -> None:
        if word:
            cx = (word[0][1] + max(w[3] for w in word)) / 2
            cy = height - (min(w[2] for w in word) + max(w[4] for w in word)) / 2
            for w in word:
                word_of[w[0]] = (cx, cy)
            word.clear()

    for i in sorted(indices):
        ch = text[i]
        if ch == " ":
            continue  # a word space: the phrase may go on
        box = chars.box(i)
        if ch.isspace() or ch in HYPHEN_MARKS or box[2] - box[0] <= 0:
            close()
            continue
        # one phrase: characters of one line closer than a wide word space (a cell's
        # words); a column gap is wider
        if word and not (
            i <= word[-1][0] + 2 and box[0] - word[-1][3] < 0.8 * (box[3] - box[1] or 1)
        ):
            close()
        word.append((i, *box))
    close()
    for i in sorted(indices):
        ch = text[i]
        if ch in "\r\n":
            if last is not None:
                buckets[last].append(i)
            continue
        left, bottom, right, top = chars.box(i)
        if ch in HYPHEN_MARKS or (right - left <= 0 and top - bottom <= 0):
            # generated characters (space, line-break hyphen mark) follow the previous one
            if last is not None:
                buckets[last].append(i)
            continue
        cx, cy = word_of.get(i, ((left + right) / 2, height - (bottom + top) / 2))
        hit = locate(cx, cy)
        if hit is not None:
            buckets[hit].append(i)
            last = hit
    out_rows: list[list[str]] = []
    for r, row in enumerate(rows):
        cells = []
        for c, cell in enumerate(row):
            idx = buckets.get((r, c), [])
            if cell is None:
                cells.append("")
                continue
            s = "".join(
                ("\n" if k and i > idx[k - 1] + 1 else "") + ("^" if i in sup else "") + text[i]
                for k, i in enumerate(idx)
            )
            cells.append(s.replace("\r", "\n").replace(GONE, ""))
        out_rows.append(cells)
    return _TableBlock(page, bbox, out_rows)


# --------------------------------------------------------------------------- layout


def _running_key(s: str) -> str:
    """A margin line with its page number taken off either end and other digits masked, so
    that ``2 Journal Name`` (even pages) and ``Journal Name 3`` (odd pages) pair up."""
    s = collapse_spaces(s).replace(_MARK, "")
    s = re.sub(r"^(?:page\s*)?\d{1,4}\s+|\s+(?:page\s*)?\d{1,4}$", "", s, flags=re.IGNORECASE)
    return re.sub(r"\d+", "#", s).casefold()


def _drop_running_lines(pages: list[_PageData]) -> None:
    """Remove running headers/footers and page numbers from the outer page margins.

    A margin line is running when its key (``_running_key``) recurs on at least half of the
    pages: alternating heads pair up across odd and even pages.
    """

    def in_margin(line: _Line, p: _PageData) -> bool:
        return line.y_first > p.height * 0.92 or line.y_first < p.height * 0.08

    counts: Counter[str] = Counter()
    for p in pages:
        counts.update({_running_key(ln.text) for ln in p.lines if in_margin(ln, p)})
    repeat = max(2, len(pages) // 2)
    for p in pages:
        p.lines = [
            ln
            for ln in p.lines
            if not (
                in_margin(ln, p)
                and (
                    (counts[_running_key(ln.text)] >= repeat and _running_key(ln.text))
                    or _PAGE_NUMBER.match(collapse_spaces(ln.text))
                )
            )
        ]


def _merge_split_lines(lines: list[_Line]) -> list[_Line]:
    """Rejoin a line that pdfium broke after a raised exponent (same baseline, to the right)."""
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.hyph
            and not prev.run_in
            # same visual line: baselines closer than half the type size (a raised
            # exponent may end the previous piece or start this one)
            and min(abs(ln.y_first - prev.y_last), abs(ln.y_first - prev.y_first))
            < 0.5 * max(ln.size, prev.size)
            and -1.0 <= ln.x0 - prev.x1 < 12.0
            and ln.size == prev.size
        ):
            prev.text += ln.text
            prev.x1, prev.b, prev.hyph, prev.y_last = ln.x1, ln.b, ln.hyph, ln.y_last
            continue
        out.append(ln)
    return out


def _reading_order(p: _PageData) -> list[_Line | _TableBlock]:
    """Left column, then right column, band by band; full-width items split the bands.
    Margin boxes (``_margin_lines``) come after the page's body, top down."""
    mid = p.width / 2
    margin = _margin_lines(p)
    items: list[_Line | _TableBlock] = [
        *(ln for ln in p.lines if id(ln) not in margin),
        *p.tables,
    ]

    def span(it: _Line | _TableBlock) -> tuple[float, float, float]:
        if isinstance(it, _Line):
            return it.x0, it.x1, it.y_first
        return it.bbox[0], it.bbox[2], it.bbox[3]

    # two columns only when both halves carry several lines; otherwise short lines of a
    # one-column page would be taken for a left column
    right_half = sum(1 for it in items if span(it)[0] >= mid - 6)
    left_half = sum(1 for it in items if span(it)[1] <= mid + 6)
    two_columns = right_half >= 2 and left_half >= 2
    for it in items:
        x0, x1, _ = span(it)
        if not two_columns:
            it.column = 0
        else:
            it.column = 0 if x1 <= mid + 6 else 1 if x0 >= mid - 6 else -1
    fulls = sorted((span(it)[2] for it in items if it.column == -1), reverse=True)
    bounds = [float("inf"), *fulls, float("-inf")]
    ordered: list[_Line | _TableBlock] = []
    for hi, lo in pairwise(bounds):
        band = [it for it in items if it.column != -1 and lo < span(it)[2] < hi]
        for col in (0, 1):
            ordered += sorted((it for it in band if it.column == col), key=lambda it: -span(it)[2])
        ordered += [it for it in items if it.column == -1 and span(it)[2] == lo]
    side = sorted(
        (ln for ln in p.lines if id(ln) in margin), key=lambda ln: (ln.x0 > mid, -ln.y_first)
    )
    for ln in side:
        ln.column = _MARGIN
    return ordered + side


_MARGIN = 2  # the column of a margin box's lines


def _margin_lines(p: _PageData) -> set[int]:
    """Lines of a margin box: a sidebar (editors and reviewers, a citation box, an author
    bio) set in the outer strip beside the body. The body's extent comes from its wide
    lines (over a third of the page); two or more lines wholly outside it, left or right,
    are a margin box."""
    wide = [ln for ln in p.lines if ln.x1 - ln.x0 >= 0.34 * p.width]
    if len(wide) < 3:
        return set()
    lo = sorted(ln.x0 for ln in wide)[len(wide) // 10]  # robust to a stray wide line
    hi = sorted((ln.x1 for ln in wide), reverse=True)[len(wide) // 10]
    out = {id(ln) for ln in p.lines if ln.x1 < lo - 6 or ln.x0 > hi + 6}
    return out if len(out) >= 2 else set()


_CAPTION = re.compile(r"^(?:Figure|Fig\.|FIGURE|Table|TABLE|Scheme|Box)\s+S?\d+[A-Za-z]?\s*[:.|]")


def _floats(
    seq: list[_Line | _TableBlock],
    lead: dict[float, float],
    right: dict[tuple[int, int], float],
    left: dict[tuple[int, int], float],
) -> set[int]:
    """Indices of ``seq`` that are figure or table material, not the running text.

    Tables; captions ("Figure 2:", "Table 1.") and their continuation lines; the run of
    short lines right before a caption in its column (a chart's axis labels and legends,
    panel letters) and, after a table caption, the lines of an unruled table (short lines or
    type smaller than the body's). A line that continues a full body line at the body's
    leading is never taken: it is a paragraph's last line.
    """
    sizes: Counter[float] = Counter()
    for it in seq:
        if isinstance(it, _Line):
            sizes[it.size] += len(it.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    out: set[int] = set()

    def line(k: int) -> _Line | None:
        it = seq[k] if 0 <= k < len(seq) else None
        return it if isinstance(it, _Line) else None

    def width(ln: _Line) -> float:
        key = (ln.page, ln.column)
        return max(right.get(key, ln.x1) - left.get(key, ln.x0), 1.0)

    def short(ln: _Line) -> bool:
        return ln.x1 - ln.x0 < 0.6 * width(ln)

    def continues(prev: _Line, ln: _Line) -> bool:
        """``ln`` is the next line of ``prev``'s paragraph (same column, body leading)."""
        if prev.page != ln.page or prev.column != ln.column or prev.hyph:
            return prev.hyph
        step = lead.get(ln.size, ln.size * 1.2)
        return (
            abs(prev.size - ln.size) < 0.25
            and 0 < prev.y_last - ln.y_first <= 1.25 * step
            and not short(prev)
        )

    for k, it in enumerate(seq):
        if isinstance(it, _TableBlock) or it.column == _MARGIN:
            out.add(k)
            continue
        if k in out or not _CAPTION.match(it.text.strip()):
            continue
        cap = [k]
        j = k + 1
        while (nxt := line(j)) is not None and not _breaks(line(j - 1), nxt, lead, right):
            cap.append(j)
            j += 1
        out.update(cap)
        # before the caption: the figure's own text
        i = k - 1
        while isinstance(seq[i] if i >= 0 else None, _TableBlock) or (
            (ln := line(i)) is not None and ln.page == it.page and short(ln)
        ):
            if isinstance(seq[i], _TableBlock):
                out.add(i)
                i -= 1
                continue
            assert ln is not None
            if ln.column not in (it.column, -1) and it.column != -1:
                break
            prev = line(i - 1)
            if prev is not None and continues(prev, ln) and prev.size == body:
                break
            out.add(i)
            i -= 1
        # after a table caption: an unruled table's lines
        if it.text.lstrip().startswith(("Table", "TABLE")):
            while (ln := line(j)) is not None and ln.page == it.page:
                if not (short(ln) or ln.size < body - 0.3) or heading_level(ln.text):
                    break
                out.add(j)
                j += 1
    return out


def _paragraphs(pages: list[_PageData]) -> list[tuple[str, list[_Line] | _TableBlock]]:
    """Group lines into paragraphs; tables, captions and figure text stay out of them.

    Float material (``_floats``) waits until the paragraph it interrupts has ended, so a
    sentence running across a column or page break past a figure stays whole.
    """
    leading: dict[float, list[float]] = defaultdict(list)
    seq: list[_Line | _TableBlock] = []
    for p in pages:
        order = _reading_order(p)
        seq += order
        prev: _Line | None = None
        for it in order:
            if isinstance(it, _Line) and prev is not None and prev.column == it.column:
                gap = prev.y_last - it.y_first
                if 0 < gap < 3 * it.size:
                    leading[it.size].append(gap)
            prev = it if isinstance(it, _Line) else None
    lead = {s: median(v) for s, v in leading.items() if v}
    right: dict[tuple[int, int], float] = {}
    left: dict[tuple[int, int], float] = {}
    for p in pages:
        for ln in p.lines:
            k = (ln.page, ln.column)
            right[k] = max(right.get(k, 0.0), ln.x1)
            left[k] = min(left.get(k, ln.x0), ln.x0)
    floats = _floats(seq, lead, right, left)
    blocks: list[tuple[str, list[_Line] | _TableBlock]] = []
    pending: list[tuple[str, list[_Line] | _TableBlock]] = []
    cur: list[_Line] = []
    fcur: list[_Line] = []
    jumped = False
    for idx, it in enumerate(seq):
        if idx in floats:
            if isinstance(it, _TableBlock):
                if fcur:
                    pending.append(("p", fcur))
                    fcur = []
                pending.append(("t", it))
            else:
                if fcur and _breaks(fcur[-1], it, lead, right):
                    pending.append(("p", fcur))
                    fcur = []
                fcur.append(it)
            jumped = bool(cur)
            continue
        assert isinstance(it, _Line)
        if fcur:
            pending.append(("p", fcur))
            fcur = []
        if cur and _breaks(cur[-1], it, lead, right, jumped):
            blocks.append(("p", cur))
            cur = []
        if not cur and pending:
            blocks += pending
            pending = []
        cur.append(it)
        jumped = False
    if fcur:
        pending.append(("p", fcur))
    if cur:
        blocks.append(("p", cur))
    blocks += pending
    return blocks


def _breaks(
    a: _Line | None,
    b: _Line,
    lead: dict[float, float],
    right: dict[tuple[int, int], float],
    jumped: bool = False,
) -> bool:
    """Does a paragraph end between line ``a`` and the next line ``b``?

    ``jumped``: float material stood between them, so their distance says nothing.
    """
    if a is None:
        return True
    if a.hyph:
        return False
    if abs(a.size - b.size) > 0.25 or a.bold != b.bold:
        return True
    col_right = right.get((a.page, a.column), a.x1)
    full = a.x1 >= col_right - 0.03 * max(col_right - a.x0, 1.0) - 2
    if a.page != b.page or a.column != b.column or jumped:
        return not full
    step = lead.get(b.size, b.size * 1.2)
    gap = a.y_last - b.y_first
    if gap > 1.25 * step or gap < 0:
        return True
    if b.x0 < a.x0 - 3:  # outdent: the next entry of a hanging-indent list
        return True
    # a short heading in the body font ("2. Methods") stands on its own line
    short = a.x1 - a.x0 < 0.5 * max(col_right - a.x0, 1.0)
    if short and heading_level(a.text) is not None:
        return True
    if heading_level(b.text) is not None and re.search(r"[.!?:)]$", a.text.rstrip()):
        return True
    return bool(not full and b.x0 <= a.x0 + 3 and re.search(r"[.!?:)]$", a.text.rstrip()))


# --------------------------------------------------------------------------- assembly


def read_pdf(path: str | Path, doc_id: str | None = None) -> Document:
    """Read a born-digital PDF into a Document (raises IngestError on bad input)."""
    import pypdfium2 as pdfium

    p = Path(path)
    data = read_bytes(p)
    pdf = _open(p, data)
    try:
        pages: list[_PageData] = []
        raw_texts: list[str] = []
        for i in range(len(pdf)):
            try:
                page, raw_text = _read_page(pdf, i)
            except pdfium.PdfiumError as err:  # a damaged page object
                raise IngestError(p, f"damaged PDF, page {i + 1} cannot be read ({err})") from None
            page.lines = _merge_split_lines(page.lines)
            pages.append(page)
            raw_texts.append(raw_text)
    finally:
        pdf.close()
    if not any(raw.strip() for raw in raw_texts):
        raise IngestError(p, "PDF has no text layer (scanned images?); run OCR on it first")
    _drop_running_lines(pages)
    vocab = vocabulary(
        re.sub(rf"\S*[{HYPHEN_MARKS}]\S*", " ", normalize_ligatures(t.replace(GONE, "")))
        for t in raw_texts
    )

    parts: list[str] = []
    page_of: list[tuple[int, int, int]] = []  # (page, start, end) per emitted piece
    pos = 0
    prev_header: list[str] | None = None  # header of the table just emitted, if any
    lead = False
    for kind, block in _paragraphs(pages):
        if kind == "t":
            assert isinstance(block, _TableBlock)
            rows = [[_clean(c, vocab) for c in r] for r in block.rows]
            if not rows:
                continue
            if prev_header is not None and rows[0] == prev_header:
                # the same table continued in the next column or page, its header repeated
                lines = [_pipe(r, lead) for r in rows[1:]]
            elif prev_header is not None and len(rows[0]) == len(prev_header):
                # continued straight after the previous part (nothing but a column or page
                # break between them) with no header repeated: every row is a body row
                lines = [_pipe(r, lead) for r in rows]
            else:
                lead = not rows[0][0]  # a header stub: every row opens with a pipe
                lines = [_pipe(rows[0], lead), "|".join("---" for _ in rows[0]) + "|"]
                lines += [_pipe(r, lead) for r in rows[1:]]
                prev_header = rows[0]
            if not lines:
                continue
            piece = "\n".join(lines)
        else:
            assert isinstance(block, list)
            piece, line_spans = _join_lines(block, vocab)
            if not piece:
                continue
            prev_header = None
            page_of += [(pg, pos + a, pos + b) for pg, a, b in line_spans]
        if kind == "t":
            page_of.append((block.page, pos, pos + len(piece)))  # type: ignore[union-attr]
        parts.append(piece + "\n")
        pos += len(piece) + 1
    text = "".join(parts)
    spans: dict[int, list[int]] = {}
    for pg, a, b in page_of:
        lo, hi = spans.get(pg, [a, b])
        spans[pg] = [min(lo, a), max(hi, b)]
    page_objs = tuple(Page(pg + 1, a, b) for pg, (a, b) in sorted(spans.items()))
    struct, meta = structure_of(text)
    meta = {**meta, "pages": len(pages)}
    return Document(
        doc_id=doc_id or p.stem,
        source=str(path),
        text=text,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        pages=page_objs,
        meta=meta,
        **struct,  # type: ignore[arg-type]
    )


def _clean(s: str, vocab: frozenset[str]) -> str:
    """Cell text: hyphen marks resolved, then line breaks ("\n") joined the same way."""
    s = dehyphenate(fold_line(normalize_ligatures(s)), vocab)
    lines = [collapse_spaces(x) for x in s.split("\n")]
    out = ""
    for ln in (x for x in lines if x):
        if out and _LITERAL_BREAK.search(out) and ln[:1].isalnum():
            out = join_hyphenated(out[:-1], ln, vocab)
        else:
            out = f"{out} {ln}" if out else ln
    return out


def _pipe(cells: list[str], lead: bool = False) -> str:
    """A pipe-table row; ``lead`` opens it with a pipe too, so that a table whose header
    starts with an empty stub cell keeps it."""
    row = " | ".join(c.replace("|", "\\|") for c in cells) + " |"
    return f"| {row}" if lead else row


@cache
def compound_heads() -> tuple[frozenset[str], frozenset[str]]:
    """Second elements of hyphenated compounds and prefixes closed up without a hyphen
    (data file, sources listed in it)."""
    raw = files("extractor.ingest").joinpath("data/compound_heads.txt").read_text("utf-8")
    rows = [x.strip() for x in raw.splitlines() if x.strip() and not x.startswith("#")]
    prefixes = frozenset(x.split(":", 1)[1].strip() for x in rows if x.startswith("prefix:"))
    return frozenset(x for x in rows if not x.startswith("prefix:")), prefixes


def _join_break(left: str, right: str, vocab: frozenset[str]) -> str:
    """A word broken at a line-end hyphen: the hyphen stays when the word already holds a
    hyphen (TeX breaks such a word only at its own hyphens: "Cobas-Amplicor-|assay") or a
    word of the document is followed by a compound's second element ("voltage-|gated");
    otherwise the document's vocabulary decides (``join_hyphenated``)."""
    lw = re.search(r"[\w\u2010\u2011-]*$", left)
    rw = re.match(r"[a-z]+", right)
    if lw and re.search(r"\w[-\u2010\u2011]\w", lw.group()):
        return f"{left}-{right}"
    heads, prefixes = compound_heads()
    last = re.split(r"[-\u2010\u2011]", lw.group())[-1].casefold() if lw else ""
    if (
        rw
        and rw.group() in heads
        and (last in vocab or len(last) >= 5)  # a word before the break, not "cor-"
        and last not in prefixes
        and (last + rw.group()) not in vocab  # nor a word the document writes closed up
    ):
        return f"{left}-{right}"
    return join_hyphenated(left, right, vocab)


def _join_lines(
    lines: list[_Line], vocab: frozenset[str]
) -> tuple[str, list[tuple[int, int, int]]]:
    """One paragraph from its lines, and (page, start, end) of each line's share of it.

    Lines are cleaned one by one and only ever appended to, so each line's span is exact.
    """
    s = ""
    spans: list[tuple[int, int, int]] = []
    hyph = False
    for ln in lines:
        piece = collapse_spaces(fold_line(normalize_ligatures(ln.text.rstrip(HYPHEN_MARKS))))
        if not piece:
            hyph = hyph or ln.hyph
            continue
        if not s:
            start, s = 0, piece
        elif hyph or (_LITERAL_BREAK.search(s) and piece[:1].isalnum()):
            # pdfium's mark, or a literal hyphen left at the line end by other producers
            left = s if hyph else s[:-1]
            joined = _join_break(left, piece, vocab)
            start, s = len(joined) - len(piece), joined
        else:
            start, s = len(s) + 1, f"{s} {piece}"
        spans.append((ln.page, start, len(s)))
        hyph = ln.hyph
    return s, spans
