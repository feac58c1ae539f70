"""Tables ruled with horizontal rules only (booktabs: top, mid and bottom rule, perhaps a
rule between row groups): the grid is inferred from the text between the rules.

Column separators are the x ranges the lines leave empty (pdfplumber's ``text`` strategy
reads columns the same way, from words aligned on their edges); rows come from the line
steps and from which columns each line fills.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median
from typing import Any

from extractor.ingest.pdf_chars import Chars

_CAPTION = re.compile(r"(?m)^[ \t]*((?:Table|TABLE|Tab\.|Figure|FIGURE|Fig\.)\s+S?\d+)")
Cell = tuple[float, float, float, float]
Grid = list[list[Cell | None]]


def rule_only_tables(
    edges: list[dict[str, Any]],
    text: str,
    chars: Chars,
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
    captions = [chars.origin(m.start(1)) for m in _CAPTION.finditer(text)]
    for g in groups:
        rule_tops: list[float] = []
        for e in sorted(g, key=lambda e: e["top"]):
            if not rule_tops or e["top"] - rule_tops[-1] > 2:  # a thick rule: two edges
                rule_tops.append(e["top"])
        x0, x1 = g[0]["x0"], g[0]["x1"]
        inside = [height - y for x, y in captions if x0 - 1 <= x <= x1]
        for tops in _split_at_captions(rule_tops, inside):
            grid = _one_table(g, tops, text, chars, height, taken, boxes_ref := [boxes])
            boxes = boxes_ref[0]
            if grid is not None:
                out.append(grid)
    return out


def _split_at_captions(tops: list[float], captions: list[float]) -> list[list[float]]:
    """Rules of one width split into tables where a caption ("Table 3:") starts a line
    between two of them (``captions``: its top-based y): tables of the same width stacked on
    a page share their rules' extent."""
    out: list[list[float]] = [tops[:1]]
    for a, b in pairwise(tops):
        if any(a < y < b for y in captions):
            out.append([])
        out[-1].append(b)
    return out


def _one_table(
    g: list[dict[str, Any]],
    tops: list[float],
    text: str,
    chars: Chars,
    height: float,
    taken: list[tuple[float, float, float, float]],
    boxes_ref: list[list[tuple[int, float, float, float, float]] | None],
) -> Grid | None:
    """The table that the rules at ``tops`` (top-based y) of extent ``g`` enclose, if any."""
    if len(tops) < 2 or (len(tops) == 2 and tops[1] - tops[0] > 60):
        return None
    x0, x1 = g[0]["x0"], g[0]["x1"]
    boxes = boxes_ref[0]
    if boxes is None:  # per-character boxes, only on pages that have such rules
        boxes = boxes_ref[0] = [
            (i, left, right, height - tp, height - base)
            for (i, left, _, right, tp), base in zip(
                chars.printed(text), chars.baselines(text), strict=True
            )
        ]
    if len(tops) == 2:
        # a top rule and the header's: a table the page break cut before its bottom
        # rule; its body runs on down to the last line of the block below the header
        end = _block_end(boxes, x0, x1, tops[1])
        if end is None:
            return None
        tops = [*tops, end]
    top, bottom = tops[0], tops[-1]
    if any(not (x1 < a or x0 > c or bottom < b or top > d) for a, b, c, d in taken):
        return None
    inside = [b for b in boxes if x0 - 1 <= b[1] and b[2] <= x1 + 1 and top < b[4] < bottom]
    if not inside:
        return None
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
        return None
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
            n_starts = _cell_starts(edge, col_lines)
            # a column of short cells on a few lines only (a year beside wrapping
            # prose) stays under the limit: it still starts its own cells
            seps += [x0 + r - 1.5 for r in _inner_columns(cover, k, j, x0, col_lines)]
            if j - k >= 5 and j < n_bins and n_starts >= max(2, len(col_lines) // 10):
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
        return None
    # rows: the header between the first two rules, body rows by their larger steps
    bases = [base for base, _ in lines]
    body = [b for b in bases if b > tops[1]]
    steps = [b - a for a, b in pairwise(body)]
    leading = min(steps) if steps else 0.0  # the step between lines of one cell
    uniform = bool(steps) and max(steps) <= 1.3 * leading  # then every line is a row
    h_lines = [*tops]
    bounds = [x0, *seps, x1]

    spanned: list[tuple[float, float, list[float]]] = []  # band, x centres of spanning cells
    for t_a, t_b in pairwise(tops[1:]):
        inner = [b for b in body if t_a < b < t_b]
        if len(inner) < 2:
            continue
        stepped = [b for a, b in pairwise(inner) if b - a > 1.3 * leading]
        starts: list[float] = []
        subs = _sub_rows(inner, by_base, bounds, text, em, lines) if len(tops) > 5 else None
        # padding between rows (a step clearly larger than a cell's line step) is the
        # surest sign; else the columns each line fills
        if subs is not None:
            starts = subs[0]
            spanned.append((t_a, t_b, subs[1]))
        elif stub := _stub_padded_rows(inner, by_base, bounds, em):
            starts = stub
        elif len(tops) == 3 and stepped and not uniform and _padded(inner, leading):
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
        for base in starts:
            size = max(bx[4] - bx[3] for bx in by_base[base])
            h_lines.append((base - size + max(x for x in inner if x < base)) / 2)
    xs, ys = _snap([x0, *seps, x1]), _snap(h_lines)
    rows: list[list[tuple[Any, ...] | None]] = [
        [(a, t, b, btm) for a, b in pairwise(xs)] for t, btm in pairwise(ys)
    ]
    if len(rows) < 2 or len(xs) < 3:
        return None
    _span_down(rows, ys, xs, spanned)
    return [_span_if_crossing(r, lines, seps) for r in rows]


Box = tuple[int, float, float, float, float]  # index, left, right, top, baseline (top-based)


def _stub_padded_rows(
    inner: list[float], by_base: dict[float, list[Box]], bounds: list[float], em: float
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
    stub = _snap(list(key_of), 1.0)
    # a raised glyph (the 2 of kg/m2) stands on a baseline just above its line's: no line
    stub = [y for y in stub if not any(0 < y2 - y < 0.7 * em for y2 in stub)]
    steps = [(b - a, b) for a, b in pairwise(stub) if b - a > 0.6 * em]
    if len(steps) < 2:
        return []
    lead = min(d for d, _ in steps)
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


def _sub_rows(
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
        for ph in _phrases(by_base[b], em):
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


def _phrases(bs: list[Box], em: float) -> list[list[Box]]:
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
        for ph in _phrases(bs, em):
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


def _span_down(
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


def _cell_starts(edge: float, lines: list[tuple[float, list[tuple[Any, ...]]]]) -> int:
    """Lines whose text starts a cell at ``edge``: ink begins there after a clear stretch
    wider than a word space."""
    return sum(
        1
        for _, bs in lines
        if any(edge - 1.5 <= b[1] <= edge + 2.5 for b in bs)
        and not any(b[2] > edge - 5.0 and b[1] < edge - 1.5 for b in bs)
    )


def _inner_columns(
    cover: list[int], k: int, j: int, x0: float, lines: list[tuple[float, list[tuple[Any, ...]]]]
) -> list[int]:
    """Bins inside a gap [k, j) where a column of its own begins: ink rises there at least
    5 bins into the gap, two or more lines start a cell there (a spanning group row does
    not), and the column's ink ends at least 5 bins before the gap does."""
    out: list[int] = []
    r = k + 5
    while r < j - 5:
        if cover[r] > cover[r - 1] and _cell_starts(x0 + r, lines) >= 2:
            end = r
            while end < j and cover[end] >= cover[r]:
                end += 1
            if j - end >= 5:
                out.append(r)
            r = end
        r += 1
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
