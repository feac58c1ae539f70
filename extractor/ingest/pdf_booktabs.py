"""Tables ruled with horizontal rules only (booktabs: top, mid and bottom rule, perhaps a
rule between row groups): the grid is inferred from the text between the rules.

Column separators are the x ranges the lines leave empty (pdfplumber's ``text`` strategy
reads columns the same way, from words aligned on their edges); rows come from the line
steps and from which columns each line fills.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import pairwise
from statistics import median
from typing import Any

from extractor.ingest.pdf_chars import Chars
from extractor.ingest.pdf_rows import (
    Box,
    column_lines,
    padded,
    phrases,
    projected_rows,
    row_starts,
    slots,
    snap,
    span_down,
    span_if_crossing,
    stub_padded_rows,
    sub_rows,
    wraps,
)

_CAPTION = re.compile(r"(?m)^[ \t]*((?:Table|TABLE|Tab\.|Figure|FIGURE|Fig\.)\s+S?\d+)")
_PART = re.compile(r"\([a-h]\)")  # the label of a table's part: "(a)", "(b)"
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
        if len(rule_tops) > 3 and _PART.search(text):
            if boxes is None:
                boxes = _boxes(text, chars, height)
            inside += _part_labels(rule_tops, boxes, x0, x1, text)
        for tops in _split_at_captions(rule_tops, inside):
            grid = _one_table(g, tops, text, chars, height, taken, boxes_ref := [boxes])
            boxes = boxes_ref[0]
            if grid is not None:
                out.append(grid)
    return out


def _split_at_captions(tops: list[float], captions: list[float]) -> list[list[float]]:
    """Rules of one width split into tables where a caption ("Table 3:") or a part label
    ("(b)") stands between two of them (``captions``: their top-based y): tables, or parts
    of one, stacked on a page share their rules' extent."""
    out: list[list[float]] = [tops[:1]]
    for a, b in pairwise(tops):
        if any(a < y < b for y in captions):
            out.append([])
        out[-1].append(b)
    return out


def _boxes(text: str, chars: Chars, height: float) -> list[Box]:
    """(index, left, right, top, baseline) of every printed character, top-based y, in
    the order of their baselines (a table's band is then a bisection away)."""
    return sorted(
        (
            (i, left, right, height - tp, height - base)
            for (i, left, _, right, tp), base in zip(*chars.with_baselines(text), strict=True)
        ),
        key=_baseline,
    )


def _baseline(box: Box) -> float:
    return box[4]


def _part_labels(
    tops: list[float], boxes: list[Box], x0: float, x1: float, text: str
) -> list[float]:
    """Baselines of part labels ("(a)", "(b)") standing alone between two rules. Read from
    the glyphs, not the text order: pdfium runs a sideways table's lines together."""
    order = boxes  # in the order of their baselines
    bases = [bx[4] for bx in order]
    out = []
    for a, b in pairwise(tops):
        lo, hi = bisect_right(bases, a), bisect_left(bases, b)
        band = sorted(
            (bx for bx in order[lo:hi] if x0 <= bx[1] and bx[2] <= x1), key=lambda bx: bx[1]
        )
        if 0 < len(band) <= 4 and _PART.fullmatch("".join(text[bx[0]] for bx in band)):
            out.append(band[0][4])
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
        boxes = boxes_ref[0] = _boxes(text, chars, height)
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
    lo, hi = bisect_right(boxes, top, key=_baseline), bisect_left(boxes, bottom, key=_baseline)
    inside = [b for b in boxes[lo:hi] if x0 - 1 <= b[1] and b[2] <= x1 + 1]
    if not inside:
        return None
    em = max(b[4] - b[3] for b in inside)  # tallest glyph above its baseline
    by_base = _text_lines(inside, em)
    lines = sorted(by_base.items())
    if len(lines) < 2:
        return None
    seps = _separators(lines, tops, x0, x1, em)
    if not seps:
        return None
    return _cells(lines, by_base, tops, seps, x0, x1, text, em)


BoxLine = list[tuple[int, float, float, float, float]]


def _text_lines(inside: list[Box], em: float) -> dict[float, BoxLine]:
    """Text lines: baselines closer than 0.7 of the ink height ``em`` are one line (an
    exponent joins the line it belongs to); keyed by the line's lowest baseline."""
    by_base: dict[float, BoxLine] = {}
    cur: BoxLine = []
    for b in sorted(inside, key=lambda b: b[4], reverse=True):
        if cur and cur[0][4] - b[4] > 0.7 * em:
            by_base[cur[0][4]] = cur
            cur = []
        cur.append(b)
    if cur:
        by_base[cur[0][4]] = cur
    return by_base


def _separators(
    lines: list[tuple[float, BoxLine]], tops: list[float], x0: float, x1: float, em: float
) -> list[float]:
    """Column separators: x bins that (almost) no line covers, plus the header's own."""
    n_bins = int(x1 - x0) + 1
    # the body rows define the columns; a header's centred cells may straddle them
    body_lines = [ln for ln in lines if ln[0] > tops[1]]
    col_lines = body_lines if len(body_lines) >= 3 else lines
    cover = _cover(col_lines, x0, n_bins)
    limit = max(1, len(col_lines) // 8)
    seps = _gap_separators(cover, limit, col_lines, x0)
    head_lines = [ln for ln in lines if ln[0] < tops[1]]
    if head_lines and len(tops) >= 3:
        seps = sorted(seps + _header_columns(head_lines, cover, seps, x0, x1, limit, em))
    return seps


def _cover(col_lines: list[tuple[float, BoxLine]], x0: float, n_bins: int) -> list[int]:
    """How many lines cover each 1pt x bin (a line counts once per bin)."""
    cover = [0] * n_bins
    for _, bs in col_lines:
        hit: set[int] = set()
        for b in bs:
            hit.update(range(max(0, int(b[1] - x0)), min(n_bins, int(b[2] - x0) + 1)))
        for k in hit:
            cover[k] += 1
    return cover


def _gap_separators(
    cover: list[int], limit: int, col_lines: list[tuple[float, BoxLine]], x0: float
) -> list[float]:
    """Separators in the strips that at most ``limit`` lines cover: at the next column's
    left edge when many lines start there, else mid-strip when the strip is wide."""
    n_bins = len(cover)
    line_starts = _line_starts(col_lines)
    seps: list[float] = []
    # the cell padding left of the first column is no column gap
    k = next((x for x in range(n_bins) if cover[x] > limit), n_bins)
    while k < n_bins:
        if cover[k] <= limit and k > 0:
            j = k
            while j < n_bins and cover[j] <= limit:
                j += 1
            edge = x0 + j
            n_starts = _cell_starts(edge, line_starts)
            # a column of short cells on a few lines only (a year beside wrapping
            # prose) stays under the limit: it still starts its own cells
            seps += [x0 + r - 1.5 for r in _inner_columns(cover, k, j, x0, line_starts)]
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
    return seps


def _cells(
    lines: list[tuple[float, BoxLine]],
    by_base: dict[float, BoxLine],
    tops: list[float],
    seps: list[float],
    x0: float,
    x1: float,
    text: str,
    em: float,
) -> Grid | None:
    """The grid of the rules, the row lines and the separators; spanning cells merged."""
    bounds = [x0, *sorted(seps), x1]  # sorted: a glyph's column is a bisection away
    h_lines, spanned = _row_lines(lines, by_base, tops, bounds, text, em)
    xs, ys = snap([x0, *seps, x1]), snap(h_lines)
    rows: list[list[tuple[Any, ...] | None]] = [
        [(a, t, b, btm) for a, b in pairwise(xs)] for t, btm in pairwise(ys)
    ]
    if len(rows) < 2 or len(xs) < 3:
        return None
    span_down(rows, ys, xs, spanned)
    return [span_if_crossing(r, lines, seps) for r in rows]


def _row_lines(
    lines: list[tuple[float, BoxLine]],
    by_base: dict[float, BoxLine],
    tops: list[float],
    bounds: list[float],
    text: str,
    em: float,
) -> tuple[list[float], list[tuple[float, float, list[float]]]]:
    """Rows: the header between the first two rules, body rows by their larger steps.
    Returns the row lines and, per band, the x centres of its spanning cells."""
    body = [base for base, _ in lines if base > tops[1]]
    steps = [b - a for a, b in pairwise(body)]
    leading = min(steps) if steps else 0.0  # the step between lines of one cell
    uniform = bool(steps) and max(steps) <= 1.3 * leading  # then every line is a row
    h_lines = [*tops]
    spanned: list[tuple[float, float, list[float]]] = []  # band, x centres of spanning cells
    for t_a, t_b in pairwise(tops[1:]):
        inner = [b for b in body if t_a < b < t_b]
        if len(inner) < 2:
            continue
        stepped = [b for a, b in pairwise(inner) if b - a > 1.3 * leading]
        subs = sub_rows(inner, by_base, bounds, text, em, lines) if len(tops) > 5 else None
        if subs is not None:
            starts = subs[0]
            spanned.append((t_a, t_b, subs[1]))
        else:
            starts = _band_rows(inner, by_base, bounds, text, em, tops, stepped, uniform, leading)
        if not starts and len(tops) == 3:
            # padded rows: a larger step starts a row; evenly spaced lines are rows
            starts = stepped if stepped and not uniform else inner[1:]
        for base in starts:
            size = max(bx[4] - bx[3] for bx in by_base[base])
            h_lines.append((base - size + max(x for x in inner if x < base)) / 2)
    return h_lines, spanned


def _band_rows(
    inner: list[float],
    by_base: dict[float, BoxLine],
    bounds: list[float],
    text: str,
    em: float,
    tops: list[float],
    stepped: list[float],
    uniform: bool,
    leading: float,
) -> list[float]:
    """The row starts of the band of lines ``inner``: padding between rows (a step clearly
    larger than a cell's line step) is the surest sign; else the columns each line fills."""
    cols = column_lines(inner, by_base, bounds, em)  # read by both row tests, once
    if stub := stub_padded_rows(inner, by_base, bounds, em, cols):
        return stub
    if centred := projected_rows(inner, by_base, bounds, em, cols):
        return centred
    if len(tops) == 3 and stepped and not uniform and padded(inner, leading):
        return stepped
    if len(tops) <= 5:  # a rule or two may set off groups; more rules are the rows
        return row_starts(
            inner,
            [slots(by_base[b], bounds) for b in inner],
            [wraps(by_base[b], bounds, text) for b in inner],
            [min(bx[1] for bx in by_base[b]) for b in inner],
        )
    return []


LineStarts = list[tuple[list[float], list[float]]]


def _line_starts(lines: list[tuple[float, list[tuple[Any, ...]]]]) -> LineStarts:
    """Per text line, its boxes' left edges in order and the furthest right edge reached
    by the boxes up to each (so ``_cell_starts`` bisects instead of scanning every box)."""
    out: LineStarts = []
    for _, bs in lines:
        order = sorted(bs, key=lambda b: b[1])
        reach: list[float] = []
        for b in order:
            reach.append(max(reach[-1], b[2]) if reach else b[2])
        out.append(([b[1] for b in order], reach))
    return out


def _cell_starts(edge: float, lines: LineStarts) -> int:
    """Lines whose text starts a cell at ``edge``: ink begins there after a clear stretch
    wider than a word space (a box starting within [edge - 1.5, edge + 2.5], and none that
    starts left of it reaching past edge - 5)."""
    n = 0
    for lefts, reach in lines:
        k = bisect_left(lefts, edge - 1.5)
        if k < len(lefts) and lefts[k] <= edge + 2.5 and not (k and reach[k - 1] > edge - 5.0):
            n += 1
    return n


def _inner_columns(cover: list[int], k: int, j: int, x0: float, starts: LineStarts) -> list[int]:
    """Bins inside a gap [k, j) where a column of its own begins: ink rises there at least
    5 bins into the gap, two or more lines start a cell there (a spanning group row does
    not), and the column's ink ends at least 5 bins before the gap does."""
    out: list[int] = []
    r = k + 5
    while r < j - 5:
        if cover[r] > cover[r - 1] and _cell_starts(x0 + r, starts) >= 2:
            end = r
            while end < j and cover[end] >= cover[r]:
                end += 1
            if j - end >= 5:
                out.append(r)
            r = end
        r += 1
    return out


def _header_columns(
    head: list[tuple[float, list[Box]]],
    cover: list[int],
    seps: list[float],
    x0: float,
    x1: float,
    limit: int,
    em: float,
) -> list[float]:
    """Separators the header shows where the body is silent: a column filled in a few rows
    only (an unadjusted estimate given for two rows of forty) leaves no gap in the body's
    ink, but its header cell stands apart. Within each column found so far, the header's
    cells (phrases stacked over each other are one cell) and the runs of body ink are
    groups; a group made of header cells alone, with some body ink under it and a clear
    gap before it that no body line crosses, starts a column of its own, parted mid-gap.
    A header group with no ink under it is a label over other cells (``No`` over
    ``N | wt row%``), not a column."""
    # (left, right, from the header?)
    spans = [(ph[0][1], max(b[2] for b in ph), True) for _, bs in head for ph in phrases(bs, em)]
    k = 0
    n = len(cover)
    while k < n:  # the body's dense ink, run by run
        if cover[k] > limit:
            j = k
            while j < n and cover[j] > limit:
                j += 1
            spans.append((x0 + k, x0 + j - 1, False))
            k = j
        else:
            k += 1
    out: list[float] = []
    bounds = [x0, *seps, x1]
    for lo, hi in pairwise(bounds):
        groups: list[list[float]] = []  # left, right, 1 while only header cells
        for a, b, head_only in sorted(s for s in spans if lo <= (s[0] + s[1]) / 2 < hi):
            if groups and a <= groups[-1][1] + 0.8 * em:
                groups[-1][1] = max(groups[-1][1], b)
                groups[-1][2] = float(groups[-1][2] and head_only)
            else:
                groups.append([a, b, float(head_only)])
        inked = [g for g in groups if any(cover[max(0, int(g[0] - x0)) : int(g[1] - x0) + 1])]
        for (_, b, _), (a, _, new_head) in pairwise(inked):
            mid = (a + b) / 2
            # the column to the right is the header's alone (the body's ink there sparse)
            if not new_head or not lo + em < mid < hi - em:
                continue
            if cover[min(n - 1, max(0, int(mid - x0)))] <= limit:
                out.append(mid)
    return out


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
