"""Rows of a table ruled only horizontally: where each row starts among its text lines.

The evidence, strongest first: sub-rows of a row group set off by rules (one short value
per line, the stub centred over them); the stub column's own line steps (a cell's leading
against the padding between rows); padding between lines; the columns each line fills.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from itertools import pairwise
from typing import Any

Grid = list[list[tuple[float, float, float, float] | None]]

Box = tuple[int, float, float, float, float]  # index, left, right, top, baseline (top-based)
# each column's text lines of a band, computed once for the row tests that both read them
ColumnLines = Callable[[], tuple[dict[float, float], dict[int, list[float]]]]


def stub_padded_rows(
    inner: list[float],
    by_base: dict[float, list[Box]],
    bounds: list[float],
    em: float,
    column_lines: ColumnLines | None = None,
) -> list[float]:
    """Row starts read from the stub column alone, where its cells wrap and rows are padded:
    the stub's line steps are of two kinds, a cell's leading and a larger one between rows.
    Values set vertically centred on a wrapped stub stand between its lines, so the steps
    over all lines say nothing; the stub's own lines do."""
    # the stub's own baselines: a text line may have merged a centred value into it
    key_of: dict[float, float] = {}
    for b in inner:
        for bx in by_base[b]:
            if _column_of(bx, bounds) == 0:
                key_of.setdefault(round(bx[4], 1), b)
    stub = snap(list(key_of), 1.0)
    # a raised glyph (the 2 of kg/m2) stands on a baseline just above its line's: no line
    stub = [y for y in stub if not any(0 < y2 - y < 0.7 * em for y2 in stub)]
    steps = [(b - a, b) for a, b in pairwise(stub) if b - a > 0.6 * em]
    if len(steps) < 2:
        return []
    lead = min(d for d, _ in steps)
    # the stub's small steps must be a cell's leading, not short rows: the table's own
    got = column_lines() if column_lines else _column_lines(inner, by_base, bounds, em)
    cell_lead = _cell_leading(got[1], em)
    if cell_lead is not None and lead > 1.05 * cell_lead:
        return []
    big = [b for d, b in steps if d > 1.1 * lead and d > lead + 1.0]
    small = [d for d, _ in steps if not (d > 1.1 * lead and d > lead + 1.0)]
    if not big or not small or max(small) > 1.05 * lead:
        return []
    # wrapped stubs, not rows at the body leading set off by a space: in most groups a
    # value stands between two stub lines, on no stub baseline (centred on the cell)
    values = [bx[4] for b in inner for bx in by_base[b] if _column_of(bx, bounds) > 0]
    groups: list[list[float]] = [[stub[0]]]
    for b in stub[1:]:
        if b in big:
            groups.append([])
        groups[-1].append(b)
    multi = [g for g in groups if len(g) > 1]
    centred = [
        g
        for g in multi
        if any(g[0] < v < g[-1] and all(abs(v - y) > 1.0 for y in g) for v in values)
    ]
    if not multi or 2 * len(centred) < len(multi):
        return []
    return sorted({key_of[min(key_of, key=lambda k: abs(k - b))] for b in big})


def sub_rows(
    inner: list[float],
    by_base: dict[float, list[Box]],
    bounds: list[float],
    text: str,
    em: float,
    lines: list[tuple[float, list[Box]]],
) -> tuple[list[float], list[float]] | None:
    """Sub-rows of a row group set off by rules (``Age | <60 ...`` over ``| >=60 ...``): value
    columns hold one short value per line, each line a row of its own (the next value would
    have fitted on the line above, so it is no wrapped cell), while the stub and other
    single-line cells are centred over the group and span it. Returns the row starts and
    the x centres of the spanning cells, or None."""
    cols: dict[int, list[tuple[float, list[Box]]]] = {}
    for b in inner:
        for ph in phrases(by_base[b], em):
            cols.setdefault(_column_of(_span_box(ph), bounds), []).append((b, ph))
    n = max((len(v) for c, v in cols.items() if c), default=0)
    dense = [c for c, v in cols.items() if c and len(v) == n]
    if n < 2 or len(dense) < 2:
        return None
    measure = _measures(lines, bounds, em)
    fits = 0
    for c in dense:
        ok = True
        for (_, prev), (_, nxt) in pairwise(cols[c]):
            if text[nxt[0][0]].islower():
                return None  # the continuation of a wrapped cell
            # one word on the line above was no wrap (a value per line); else the next
            # word must have fitted beside the words above within the column's measure
            one_word = _first_word(prev, em) >= prev[-1][2] - prev[0][1] - 0.01
            width = prev[-1][2] - prev[0][1] + 0.3 * em + _first_word(nxt, em)
            ok = ok and (one_word or width <= measure.get(c, 0.0))
        fits += ok
    if fits < 2 or fits <= len(dense) - fits:
        return None  # wrapped cells: their next words did not fit on the lines above
    rows = [b for b, _ in cols[dense[0]]]
    if len(set(rows)) != len(rows):
        return None
    spanning = [(ph[0][1] + ph[-1][2]) / 2 for c, v in cols.items() if len(v) == 1 for _, ph in v]
    return rows[1:], spanning


def phrases(bs: list[Box], em: float) -> list[list[Box]]:
    """A line's boxes in runs left to right, split at gaps wider than a word space."""
    out: list[list[Box]] = []
    for bx in sorted(bs, key=lambda x: x[1]):
        if out and bx[1] - out[-1][-1][2] < 0.8 * em:
            out[-1].append(bx)
        else:
            out.append([bx])
    return out


def _span_box(ph: list[Box]) -> Box:
    return (ph[0][0], ph[0][1], max(b[2] for b in ph), ph[0][3], ph[0][4])


def _measures(
    lines: list[tuple[float, list[Box]]], bounds: list[float], em: float
) -> dict[int, float]:
    """Each column's measure: its widest phrase anywhere in the table."""
    out: dict[int, float] = {}
    for _, bs in lines:
        for ph in phrases(bs, em):
            c = _column_of(_span_box(ph), bounds)
            out[c] = max(out.get(c, 0.0), ph[-1][2] - ph[0][1])
    return out


def _first_word(bs: list[Box], em: float) -> float:
    """Width of the first word of a cell's line (its boxes sorted left to right)."""
    end = bs[0][2]
    for bx in bs[1:]:
        if bx[1] - end > 0.25 * em:
            break
        end = bx[2]
    return end - bs[0][1]


def span_down(
    rows: Grid, ys: list[float], xs: list[float], spanned: list[tuple[float, float, list[float]]]
) -> None:
    """Cells centred over a row group's sub-rows become one cell spanning the group, its
    text in the group's first row (as JATS writes a ``rowspan`` cell)."""
    for top, bottom, centres in spanned:
        band = [r for r, (t, btm) in enumerate(pairwise(ys)) if t >= top - 1 and btm <= bottom + 1]
        if len(band) < 2:
            continue
        for c in {sum(1 for x in xs[1:-1] if cx > x) for cx in centres}:
            cell = rows[band[0]][c]
            if cell is None:
                continue
            rows[band[0]][c] = (cell[0], cell[1], cell[2], ys[band[-1] + 1])
            for r in band[1:]:
                rows[r][c] = None


def snap(values: list[float], tolerance: float = 3.0) -> list[float]:
    """Sorted grid lines, those closer than ``tolerance`` merged at their mean (as
    pdfplumber snaps explicit lines)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _runs_across(bs: list[tuple[int, float, float, float, float]], x: float) -> bool:
    """Does this line's text run on across ``x`` (word spacing, not a column gap)?"""
    left = [b[2] for b in bs if b[1] < x]
    right = [b[1] for b in bs if b[2] > x]
    em = max((b[4] - b[3] for b in bs), default=0.0)  # ascent of the tallest glyph ~ 0.9 em
    return bool(left and right) and min(right) - max(left) < 0.5 * em


def _column_of(bx: tuple[int, float, float, float, float], bounds: list[float]) -> int:
    """The column holding a box's centre: the separators left of it (``bounds``: the
    table's left edge, its separators in order, its right edge)."""
    return bisect_left(bounds, (bx[1] + bx[2]) / 2, 1, len(bounds) - 1) - 1


def slots(bs: list[tuple[int, float, float, float, float]], bounds: list[float]) -> frozenset[int]:
    """The columns a text line puts ink in."""
    return frozenset(_column_of(bx, bounds) for bx in bs)


def wraps(bs: list[tuple[int, float, float, float, float]], bounds: list[float], text: str) -> bool:
    """Does a cell of this line past the first open in lower case (wrapped prose)?"""
    first: dict[int, tuple[float, int]] = {}
    for bx in bs:
        c = _column_of(bx, bounds)
        if c and (c not in first or bx[1] < first[c][0]):
            first[c] = (bx[1], bx[0])
    return any(text[i].islower() for _, i in first.values())


def padded(bases: list[float], leading: float) -> bool:
    """Are the steps between lines of two kinds only, a cell's line step and a larger row
    step (padded rows), rather than spread by centred or irregular cells?"""
    steps = [round((b - a) / max(leading, 1.0), 1) for a, b in pairwise(bases)]
    big = [x for x in steps if x > 1.3]
    return bool(big) and max(big) - min(big) <= 0.25 and all(x <= 1.1 for x in steps if x <= 1.3)


def row_starts(
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


def span_if_crossing(
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


def projected_rows(
    inner: list[float],
    by_base: dict[float, list[Box]],
    bounds: list[float],
    em: float,
    column_lines: ColumnLines | None = None,
) -> list[float]:
    """Row starts of padded rows whose cells wrap and are set vertically centred: each
    column's lines form cell blocks (lines a cell's leading apart), and blocks whose
    vertical spans overlap are one row (a one-line stub centred on a three-line value).
    Only where the steps say so plainly: within a cell the leading, between rows a step
    at least a quarter larger."""
    key_of, lines = column_lines() if column_lines else _column_lines(inner, by_base, bounds, em)
    lead = _cell_leading(lines, em)
    if lead is None:
        return []
    steps = [b - a for ys in lines.values() for a, b in pairwise(ys) if b - a > em]
    small = [d for d in steps if d <= 1.05 * lead]
    big = [d for d in steps if d > 1.05 * lead]
    if not small or not big or min(big) < 1.25 * lead:
        return []
    spans: list[tuple[float, float]] = []
    for ys in lines.values():
        start = ys[0]
        for a, b in pairwise(ys):
            if b - a > 1.05 * lead:
                spans.append((start, a))
                start = b
        spans.append((start, ys[-1]))
    rows: list[list[float]] = []
    for top, bottom in sorted(spans):
        if rows and top <= rows[-1][1] + 0.5:
            rows[-1][1] = max(rows[-1][1], bottom)
        else:
            rows.append([top, bottom])
    starts = {key_of[min(key_of, key=lambda k: abs(k - r[0]))] for r in rows[1:]}
    return sorted(b for b in starts if b > inner[0])


def column_lines(
    inner: list[float], by_base: dict[float, list[Box]], bounds: list[float], em: float
) -> ColumnLines:
    """``_column_lines`` of a band, computed on the first call only."""
    return cache(lambda: _column_lines(inner, by_base, bounds, em))


def _column_lines(
    inner: list[float], by_base: dict[float, list[Box]], bounds: list[float], em: float
) -> tuple[dict[float, float], dict[int, list[float]]]:
    """Each column's own text lines (baselines), and for each baseline the text line
    (cluster key) holding it. A phrase goes to one column whole (a centred phrase may be
    wider than its column); a raised glyph's baseline just above a line's is no line."""
    key_of: dict[float, float] = {}
    cols: dict[int, set[float]] = {}
    for b in inner:
        for ph in phrases(by_base[b], em):
            c = _column_of((0, ph[0][1], max(bx[2] for bx in ph), 0.0, 0.0), bounds)
            for bx in ph:
                key_of.setdefault(round(bx[4], 1), b)
                cols.setdefault(c, set()).add(round(bx[4], 1))
    lines = {}
    for c, ys in cols.items():
        snapped = snap(sorted(ys), 1.0)
        lines[c] = [y for y in snapped if not any(0 < y2 - y < 0.7 * em for y2 in snapped)]
    return key_of, lines


def _cell_leading(lines: dict[int, list[float]], em: float) -> float | None:
    """The step between the lines of one cell: the smallest step within any column."""
    steps = [b - a for ys in lines.values() for a, b in pairwise(ys) if b - a > em]
    return min(steps) if steps else None
