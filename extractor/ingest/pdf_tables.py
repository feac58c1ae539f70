"""Tables of a PDF page: ruled grids and booktabs tables, found from pdfium's ruling
lines and character boxes, then filled with the characters inside their cells.

Fully ruled tables go to pdfplumber's ``TableFinder`` (the lines strategy: edges ->
intersections -> cells -> tables), fed with edges read from pdfium, so no pdfminer parse
is paid. Tables ruled only horizontally are inferred in ``pdf_booktabs``, tables with no
rules under their caption in ``pdf_unruled``. A found grid must
hold aligned text (``_has_cell_text``): a chart's grid or a decorative frame is no table.
``find_tables`` is the entry point.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from extractor.ingest.glyphs import GONE
from extractor.ingest.pdf_booktabs import _boxes, rule_only_tables
from extractor.ingest.pdf_chars import Chars, unprototyped
from extractor.ingest.pdf_turned import Turn, turned_view
from extractor.ingest.pdf_unruled import (
    TABLE_CAPTION,
    heads_table,
    opens_with_table_row,
    unruled_tables,
)
from extractor.normalize.text import HYPHEN_MARKS


@dataclass(frozen=True)
class FoundTable:
    """One table of a page: its cell grid (top-based y) and its box in PDF space; on a
    page set sideways (``turn``) both are in the page's upright view."""

    grid: list[list[tuple[Any, ...] | None]]
    bbox: tuple[float, float, float, float]  # x0, y_bottom, x1, y_top (PDF space, y up)
    turn: Turn | None = None

    def contains(self, x: float, y: float) -> bool:
        """Does the point (PDF space, the table's view) fall inside it (1 pt of slack)?"""
        x0, yb, x1, yt = self.bbox
        return x0 - 1 <= x <= x1 + 1 and yb - 1 <= y <= yt + 1

    def cells(
        self, height: float, text: str, chars: Chars, indices: list[int], sup: set[int]
    ) -> list[list[str]]:
        """Cell texts, row by row, from the page characters ``indices`` inside the table
        (``chars`` and ``height`` of the table's view)."""
        return _fill(self.grid, height, text, chars, indices, sup)


def find_tables(
    page: Any, text: str, chars: Chars, width: float, height: float
) -> list[FoundTable]:
    """Every table of ``page`` whose cells hold aligned text; on a page whose text is set
    sideways (a landscape table), the tables of its upright view, each with the ``turn``."""
    out = _tables(_edges(page, height), text, chars, width, height)
    turned = None if out else turned_view(page, text, chars)
    if turned is not None:
        turn, view = turned
        w, h = turn.size
        return [
            FoundTable(t.grid, t.bbox, turn)
            for t in _tables(_edges(page, h, turn), text, view, w, h)
        ]
    # a caption may head a table drawn without rules, or a page continue one (an upright
    # page: read upright, a page set sideways runs its lines into runs of words)
    taken = [
        (x0, height - top, x1, height - bottom) for x0, bottom, x1, top in (t.bbox for t in out)
    ]
    captions = [
        (m.start(1), height - chars.origin(m.start(1))[1]) for m in TABLE_CAPTION.finditer(text)
    ]
    captions = [c for c in captions if not heads_table(c[1], taken)]
    if (captions or (not out and opens_with_table_row(text, chars, height))) and (
        not out or turned_view(page, text, chars) is None
    ):
        for rows in unruled_tables(_boxes(text, chars, height), text, captions, taken, height):
            if _has_cell_text(rows, text, chars, height):
                x0, top, x1, bottom = _bbox_of(rows)
                out.append(FoundTable(rows, (x0, height - bottom, x1, height - top)))
    return out


def _tables(
    edges: list[dict[str, Any]], text: str, chars: Chars, width: float, height: float
) -> list[FoundTable]:
    found = _find_tables(edges, width, height)
    taken = [_bbox_of(rows) for rows in found]
    found += rule_only_tables(edges, text, chars, width, height, taken)
    out = []
    for rows in found:
        if not _has_cell_text(rows, text, chars, height):
            continue
        x0, top, x1, bottom = _bbox_of(rows)
        out.append(FoundTable(rows, (x0, height - bottom, x1, height - top)))
    return out


_MIN_RULE = 3.0  # pt: pdfplumber's edge_min_length


def _path_objects(raw: Any, parent: Any, form: bool, level: int = 0) -> Iterator[Any]:
    """Raw path objects of a page, descending into form XObjects two levels (the order and
    depth of pypdfium2's ``get_objects(max_depth=3)``, without a wrapper per object: a page
    of text has thousands of text objects that are only skipped)."""
    count = raw.FPDFFormObj_CountObjects if form else raw.FPDFPage_CountObjects
    get = raw.FPDFFormObj_GetObject if form else raw.FPDFPage_GetObject
    path_type, form_type = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    kind_of = unprototyped("FPDFPageObj_GetType")  # takes the typed handle from ``get``
    for i in range(count(parent)):
        obj = get(parent, i)
        kind = kind_of(obj)
        if kind == path_type:
            yield obj
        elif kind == form_type and level < 2:
            yield from _path_objects(raw, obj, True, level + 1)


def _edges(page: Any, height: float, turn: Turn | None = None) -> list[dict[str, Any]]:
    """Horizontal and vertical ruling segments of the page, as pdfplumber edge dicts (in
    the upright view of a ``turn``, whose height ``height`` is then)."""
    import pypdfium2.raw as raw

    edges: list[dict[str, Any]] = []
    fx, fy = ctypes.c_float(), ctypes.c_float()
    m = raw.FS_MATRIX()
    lo_x, lo_y, hi_x, hi_y = (ctypes.c_float() for _ in range(4))
    # the segment handles come typed from get_segment; the per-segment calls take them bare
    get_segment = raw.FPDFPath_GetPathSegment
    get_point = unprototyped("FPDFPathSegment_GetPoint")
    get_type = unprototyped("FPDFPathSegment_GetType")
    get_close = unprototyped("FPDFPathSegment_GetClose")
    fx_ref, fy_ref = ctypes.byref(fx), ctypes.byref(fy)
    moveto, lineto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    for obj in _path_objects(raw, page.raw, False):
        # a path smaller than a table finder's shortest edge both ways (a chart's marker,
        # a glyph drawn as an outline) holds no ruling
        if (
            raw.FPDFPageObj_GetBounds(obj, lo_x, lo_y, hi_x, hi_y)
            and hi_x.value - lo_x.value < _MIN_RULE
            and hi_y.value - lo_y.value < _MIN_RULE
        ):
            continue
        if not raw.FPDFPageObj_GetMatrix(obj, m):
            continue
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        prev: tuple[float, float] | None = None
        start: tuple[float, float] | None = None
        for k in range(raw.FPDFPath_CountSegments(obj)):
            seg = get_segment(obj, k)
            get_point(seg, fx_ref, fy_ref)
            x, y = fx.value, fy.value
            pt = (a * x + c * y + e, b * x + d * y + f)
            if turn is not None:
                pt = turn.point(*pt)
            kind = get_type(seg)
            if kind == moveto:
                start = pt
            elif kind == lineto and prev is not None:
                _add_edge(edges, prev, pt, height)
            if get_close(seg) and start is not None:
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
    rows: list[list[tuple[Any, ...] | None]], text: str, chars: Chars, height: float
) -> bool:
    """A table holds text in its cells: a row with two filled cells, a fifth of all cells
    filled, and text in at least half of its rows. A chart's grid, a decorative frame or a
    box of rules has (almost) none, or text in a few rows only (the axis labels of a line
    chart whose grid makes forty rows); a table's last row carried over to the next page
    still passes."""
    cells = [(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell]
    x0 = min(cell[0] for _, _, cell in cells)
    x1 = max(cell[2] for _, _, cell in cells)
    top = min(cell[1] for _, _, cell in cells)
    bottom = max(cell[3] for _, _, cell in cells)
    filled: set[tuple[int, int]] = set()
    locate = _cell_locator(rows)
    for _, left, low, right, up in chars.printed(text):
        cy = height - (low + up) / 2
        if not top <= cy <= bottom:
            continue
        cx = (left + right) / 2
        if not x0 <= cx <= x1:
            continue
        hit = locate(cx, cy)
        if hit is not None:
            filled.add(hit)
    per_row = Counter(r for r, _ in filled)
    return (
        max(per_row.values(), default=0) >= 2
        and len(filled) >= 0.2 * len(cells)
        and 2 * len(per_row) >= len(rows)
    )


def _fill(
    rows: list[list[tuple[Any, ...] | None]],
    height: float,
    text: str,
    chars: Chars,
    indices: list[int],
    sup: set[int],
) -> list[list[str]]:
    """Assign each character inside the table to its cell (by its box centre)."""
    order = sorted(indices)
    box_of = chars.box
    boxes = [box_of(i) if text[i] not in "\r\n" else None for i in order]
    word_of = _word_centres(order, boxes, text, height)
    buckets = _buckets(order, boxes, text, height, word_of, _cell_locator(rows))
    return _cell_texts(rows, buckets, text, sup)


CharBox = tuple[float, float, float, float] | None


def _word_centres(
    order: list[int], boxes: list[CharBox], text: str, height: float
) -> dict[int, tuple[float, float]]:
    """Each word's characters mapped to the word's centre: a word goes to the cell holding
    its centre, whole (a centred header word may straddle a column boundary found from the
    body rows)."""
    word_of: dict[int, tuple[float, float]] = {}
    word: list[tuple[int, float, float, float, float]] = []

    def close() -> None:
        if word:
            cx = (word[0][1] + max(w[3] for w in word)) / 2
            cy = height - (min(w[2] for w in word) + max(w[4] for w in word)) / 2
            for w in word:
                word_of[w[0]] = (cx, cy)
            word.clear()

    for i, box in zip(order, boxes, strict=True):
        ch = text[i]
        if ch == " ":
            continue  # a word space: the phrase may go on
        if box is None or ch.isspace() or ch in HYPHEN_MARKS or box[2] - box[0] <= 0:
            close()
            continue
        # one phrase: characters of one line closer than a wide word space (a cell's
        # words); a column gap is wider; a character left of the last one's start begins a
        # new phrase (the text order came back from another column or line)
        # the taller of the two glyphs measures the space (a full stop's box is tiny)
        if word:
            prev = word[-1]
            h = max(box[3] - box[1], prev[4] - prev[2]) or 1
            if not (i <= prev[0] + 2 and box[0] > prev[1] - 0.5 and box[0] - prev[3] < 0.8 * h):
                close()
        word.append((i, *box))
    close()
    return word_of


def _buckets(
    order: list[int],
    boxes: list[CharBox],
    text: str,
    height: float,
    word_of: dict[int, tuple[float, float]],
    locate: Callable[[float, float], tuple[int, int] | None],
) -> dict[tuple[int, int], list[int]]:
    """Each cell's characters (text indices in order): a word's by its centre, located once;
    line breaks and generated characters follow the character before them."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    last: tuple[int, int] | None = None
    found: dict[tuple[float, float], tuple[int, int] | None] = {}  # a word's cell, once
    for i, box in zip(order, boxes, strict=True):
        if box is None:  # a line break
            if last is not None:
                buckets[last].append(i)
            continue
        left, bottom, right, top = box
        if text[i] in HYPHEN_MARKS or (right - left <= 0 and top - bottom <= 0):
            # generated characters (space, line-break hyphen mark) follow the previous one
            if last is not None:
                buckets[last].append(i)
            continue
        at = word_of.get(i)
        if at is None:
            hit = locate((left + right) / 2, height - (bottom + top) / 2)
        elif at in found:
            hit = found[at]
        else:
            hit = found[at] = locate(*at)
        if hit is not None:
            buckets[hit].append(i)
            last = hit
    return buckets


def _cell_texts(
    rows: list[list[tuple[Any, ...] | None]],
    buckets: dict[tuple[int, int], list[int]],
    text: str,
    sup: set[int],
) -> list[list[str]]:
    """The text of each cell: a gap in its characters' text order is a line break; a
    superscript glyph is marked with ``^``."""
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
    return out_rows
