"""Tables with no rules at all: found under their caption ("Table 2.") from the alignment
of their text, as a reader sees them.

Only a caption that heads no table found from rules is followed, and a header line at the
top of a page that holds no ruled table (a table continued, its header repeated: three or
more short runs of words 1.5 em apart). The table is the run of text lines under the
caption (after the caption's own lines) or from that header up to a line of running prose
as wide as the page's text, or a gap far larger than the table's line step. Columns are the
x strips that (almost) no line of the table puts ink in, whether the cells are set left,
centred or right; rows are where the cells of the columns begin: within a column, lines a
cell's leading apart are one cell, and cells of different columns whose vertical spans
overlap are one row (cells centred vertically in their row sit inside its tallest cell). A
cell padding of a point still tells rows apart: the step between the last line of one cell
and the first of the next is then larger than the leading; where every step is alike,
each line is a row.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

from extractor.ingest.pdf_chars import Chars
from extractor.ingest.pdf_rows import Box, phrases

Grid = list[list[tuple[float, float, float, float] | None]]

# a table's caption: its label and a full stop, colon or bar right after the number
TABLE_CAPTION = re.compile(r"(?m)^[ \t]*((?:Table|TABLE)\s+S?\d+[A-Za-z]?)\s*[.:|]")


def unruled_tables(
    boxes: list[Box],
    text: str,
    captions: list[tuple[int, float]],
    taken: list[tuple[float, float, float, float]],
    height: float,
) -> list[Grid]:
    """Grids (top-based cell boxes) of the unruled tables under ``captions`` ((index of the
    caption's first character, its baseline), top-based) or continued at the top of the
    page, none overlapping ``taken``."""
    lines = _lines(boxes)
    starts: list[tuple[int, bool]] = []  # (line, under a caption?)
    for start, _ in captions:
        k = next((j for j, (_, bs) in enumerate(lines) if any(b[0] == start for b in bs)), None)
        if k is not None:
            starts.append((k, True))
    # a table continued from the page before, its header repeated: the page's first line
    # under the running head is a header line (``_header_like``)
    first = next((j for j, (base, _) in enumerate(lines) if base > 0.06 * height), None)
    if first is not None and _header_like(lines[first][1]):
        starts.append((first, False))
    out: list[Grid] = []
    for k, captioned in starts:
        base = lines[k][0]
        if heads_table(base, taken):
            continue  # the caption heads a table found from its rules
        body = _table_lines(lines, k, captioned)
        if body is None:
            continue
        grid = _grid(body)
        if grid is not None and (captioned or (len(grid) >= 3 and len(grid[0]) >= 3)):
            out.append(grid)
            x0, top = grid[0][0][0], grid[0][0][1]  # type: ignore[index]
            taken = [*taken, (x0, top, grid[-1][-1][2], grid[-1][-1][3])]  # type: ignore[index]
    return out


Line = tuple[float, list[Box]]  # baseline (top-based), boxes left to right


def heads_table(base: float, taken: list[tuple[float, float, float, float]]) -> bool:
    """Does a line at ``base`` (top-based) stand over or in a table of ``taken``?"""
    return any(top - 2 <= base + 80 and bottom >= base for _, top, _, bottom in taken)


def opens_with_table_row(text: str, chars: Chars, height: float) -> bool:
    """Is one of the page's first three text lines (pdfium's order), standing in the top
    quarter of the page, a table's header line (``_header_like``: a header repeated on the
    page that continues its table)? Reads a line's first glyph, then, only for a line in
    the top quarter, the first and last glyph of each word (pdfium sets a space wherever
    glyphs stand further apart than within a word)."""
    pos = 0
    for _ in range(3):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        idx = [i for i in range(pos, end) if not text[i].isspace()]
        base = height - chars.origin(idx[0])[1] if idx else 0.0
        if idx and 0.06 * height < base < 0.25 * height:
            words: list[list[int]] = []  # runs of consecutive glyph indices
            for i in idx:
                if words and words[-1][-1] == i - 1:
                    words[-1].append(i)
                else:
                    words.append([i])
            bs: list[Box] = []  # one box per word, from its first and last glyph
            for w in words:
                left, _, _, top = chars.box(w[0])
                _, _, right, top2 = chars.box(w[-1])
                bs.append((w[0], left, right, height - max(top, top2), base))
            if _header_like(bs):
                return True
        pos = end + 1
        if pos >= len(text):
            break
    return False


def _lines(boxes: list[Box]) -> list[Line]:
    """Text lines of the page, top down: boxes sorted by baseline, a new line where the
    baseline drops by more than 0.7 of the tallest glyph's ascent so far (an exponent
    joins its line)."""
    out: list[Line] = []
    cur: list[Box] = []
    em = 0.0  # the tallest ascent in ``cur``
    for b in boxes:
        if cur and b[4] - cur[0][4] > 0.7 * em:
            out.append((cur[-1][4], sorted(cur, key=lambda x: x[1])))
            cur, em = [], 0.0
        cur.append(b)
        em = max(em, b[4] - b[3])
    if cur:
        out.append((cur[-1][4], sorted(cur, key=lambda x: x[1])))
    return out


def _header_like(bs: list[Box]) -> bool:
    """A table's header line: three or more runs of words set apart by gaps over 1.5 em
    (wider than a justified line stretches a word space), each short (under a quarter of
    the line's extent), unlike two columns of prose side by side."""
    runs = phrases(sorted(bs, key=lambda b: b[1]), 1.875 * _em(bs))  # split at 1.5 em
    extent = max(b[2] for b in bs) - min(b[1] for b in bs)
    return len(runs) >= 3 and all(r[-1][2] - r[0][1] < 0.25 * extent for r in runs)


def _em(bs: list[Box]) -> float:
    return max(b[4] - b[3] for b in bs)


def _table_lines(lines: list[Line], k: int, captioned: bool) -> list[Line] | None:
    """The table's lines from line ``k``: under a caption, after the caption's own lines."""
    if captioned:
        cap_left = min(b[1] for b in lines[k][1])
        k += 1
        # the caption's own lines: one run of words each, flush with its first line
        while k < len(lines) and len(phrases(lines[k][1], _em(lines[k][1]))) == 1:
            if abs(lines[k][1][0][1] - cap_left) > 2:
                break
            k += 1
    prose = max((bs[-1][2] - bs[0][1] for _, bs in lines), default=0.0)
    body: list[Line] = []
    for base_k, bs in lines[k:]:
        em = _em(bs)
        runs = phrases(bs, em)
        if len(runs) == 1 and bs[-1][2] - bs[0][1] > 0.8 * prose and len(body) >= 2:
            break  # running prose as wide as the page's text: the table has ended
        if body:
            steps = [b - a for (a, _), (b, _) in pairwise(body)]
            step = min(steps) if steps else 2 * em
            if base_k - body[-1][0] > 3 * max(step, em):
                break
        body.append((base_k, bs))
    if len(body) < 3 or sum(len(phrases(bs, _em(bs))) >= 2 for _, bs in body) < 2:
        return None
    return body


def _raised(ph: list[Box], base: float, em: float) -> bool:
    """Is a run of glyphs set above its line's baseline (an exponent standing apart)?"""
    return base - max(b[4] for b in ph) > 0.2 * em


def _columns(body: list[Line]) -> list[float]:
    """Separators: the middle of each x strip at least 2 pt wide that at most a tenth of
    the lines put ink in, between inked strips (centred, left- or right-set cells alike)."""
    x0 = min(bs[0][1] for _, bs in body)
    x1 = max(max(b[2] for b in bs) for _, bs in body)
    n = int(x1 - x0) + 2
    cover = [0] * n
    for _, bs in body:
        hit: set[int] = set()
        for b in bs:
            hit.update(range(max(0, int(b[1] - x0)), min(n, int(b[2] - x0) + 1)))
        for k in hit:
            cover[k] += 1
    limit = len(body) // 10
    seps: list[float] = []
    k = 0
    while k < n and cover[k] <= limit:
        k += 1
    while k < n:
        if cover[k] <= limit:
            j = k
            while j < n and cover[j] <= limit:
                j += 1
            if j < n and j - k >= 2:
                seps.append(x0 + (k + j) / 2)
            k = j
        else:
            k += 1
    return seps


def _grid(body: list[Line]) -> Grid | None:
    """Rows and columns of the table's lines (see the module's docstring)."""
    seps = _columns(body)
    if not seps:
        return None
    x0 = min(bs[0][1] for _, bs in body) - 1
    x1 = max(max(b[2] for b in bs) for _, bs in body) + 1
    em = median(_em(bs) for _, bs in body)
    seps = _inked_separators(body, seps, x1, em)
    cols = _column_lines(body, seps, em)
    rows = _rows(cols, em)
    if rows is None or len(rows) < 2:
        return None
    bounds = [x0, *seps, x1]
    cuts = [rows[0][0] - 1]
    cuts += [(a[1] + b[0]) / 2 for a, b in pairwise(rows)]
    cuts.append(rows[-1][1] + 0.3 * em)
    return [[(a, t, b, btm) for a, b in pairwise(bounds)] for t, btm in pairwise(cuts)]


def _phrase_centres(body: list[Line], em: float) -> list[tuple[float, float, list[Box]]]:
    """Each phrase's centre with its line's baseline, exponents standing apart left out (an
    exponent is no line of a cell)."""
    return [
        ((ph[0][1] + max(b[2] for b in ph)) / 2, base, ph)
        for base, bs in body
        for ph in phrases(bs, em)
        if not _raised(ph, base, em)
    ]


def _inked_separators(body: list[Line], seps: list[float], x1: float, em: float) -> list[float]:
    """A strip that only word spaces left free (few lines) bounds a column holding no phrase
    of its own: no column."""
    runs = [m for m, _, _ in _phrase_centres(body, em)]
    return [
        s for s, nxt in zip(seps, [*seps[1:], x1], strict=True) if any(s < m < nxt for m in runs)
    ]


def _column_lines(
    body: list[Line], seps: list[float], em: float
) -> dict[int, list[tuple[float, float]]]:
    """Each column's lines as (baseline, ascent top), a phrase to the column holding its
    centre; a raised glyph's baseline just above a line's is no line."""
    cols: dict[int, list[tuple[float, float]]] = {}
    for mid, _, ph in _phrase_centres(body, em):
        c = sum(1 for s in seps if mid > s)
        cols.setdefault(c, []).append((max(b[4] for b in ph), min(b[3] for b in ph)))
    for c, ys in cols.items():
        ys = sorted(set(ys))
        cols[c] = [y for y in ys if not any(0 < y2[0] - y[0] < 0.7 * em for y2 in ys)]
    return cols


def _rows(cols: dict[int, list[tuple[float, float]]], em: float) -> list[list[float]] | None:
    """Cell blocks per column (lines a leading apart, 5 % slack), then blocks that overlap
    across columns, as [top, bottom] rows; None when no two lines are a step apart."""
    steps = [
        b[0] - a[0]
        for ys in cols.values()
        for a, b in pairwise(sorted(set(ys)))
        if b[0] - a[0] > 0.7 * em
    ]
    if not steps:
        return None
    lead = min(steps)
    if max(steps) <= 1.05 * lead:
        lead = 0.0  # every step alike, no padding anywhere: each line is a row
    blocks: list[tuple[float, float]] = []
    for ys in cols.values():
        ys = sorted(set(ys))
        top, last = ys[0][1], ys[0][0]
        for y, t in ys[1:]:
            if y - last > 1.05 * lead:
                blocks.append((top, last))
                top = t
            last = y
        blocks.append((top, last))
    rows: list[list[float]] = []
    for top, bottom in sorted(blocks):
        if rows and top <= rows[-1][1]:
            rows[-1][1] = max(rows[-1][1], bottom)
        else:
            rows.append([top, bottom])
    return rows
