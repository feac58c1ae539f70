"""Page layout of a PDF: running heads and page numbers dropped, reading order by column
and band, margin boxes set aside, figure and table material kept out of the sentence flow,
and lines grouped into paragraphs."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate, pairwise
from statistics import median

from extractor.ingest.pdf_page import MARK, Line, PageData, TableBlock
from extractor.ingest.structure import heading_level
from extractor.normalize.text import (
    collapse_spaces,
)

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


def _running_key(s: str) -> str:
    """A margin line with its page number taken off either end and other digits masked, so
    that ``2 Journal Name`` (even pages) and ``Journal Name 3`` (odd pages) pair up."""
    s = collapse_spaces(s).replace(MARK, "")
    s = re.sub(r"^(?:page\s*)?\d{1,4}\s+|\s+(?:page\s*)?\d{1,4}$", "", s, flags=re.IGNORECASE)
    return re.sub(r"\d+", "#", s).casefold()


def drop_running_lines(pages: list[PageData]) -> None:
    """Remove running headers/footers and page numbers from the outer page margins.

    A margin line is running when its key (``_running_key``) recurs on at least half of the
    pages: alternating heads pair up across odd and even pages.
    """

    def in_margin(line: Line, p: PageData) -> bool:
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


def merge_split_lines(lines: list[Line]) -> list[Line]:
    """Rejoin a line that pdfium broke after a raised exponent (same baseline, to the right)."""
    out: list[Line] = []
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


def _reading_order(p: PageData) -> list[Line | TableBlock]:
    """Left column, then right column, band by band; full-width items split the bands.
    Margin boxes (``_margin_lines``) come after the page's body, top down."""
    mid = p.width / 2
    margin = _margin_lines(p)
    items: list[Line | TableBlock] = [
        *(ln for ln in p.lines if id(ln) not in margin),
        *p.tables,
    ]
    spans = [_span(it) for it in items]
    gutters = _gutters(
        [sp for it, sp in zip(items, spans, strict=True) if isinstance(it, Line)], p.width
    )
    _assign_columns(items, spans, gutters, mid)
    ordered = _by_bands(items, spans, max(2, len(gutters) + 1))
    side = sorted(
        (ln for ln in p.lines if id(ln) in margin), key=lambda ln: (ln.x0 > mid, -ln.y_first)
    )
    for ln in side:
        ln.column = _MARGIN
    return ordered + side


def _span(it: Line | TableBlock) -> tuple[float, float, float]:
    """An item's left and right edges and the height it starts at."""
    if isinstance(it, Line):
        return it.x0, it.x1, it.y_first
    return it.bbox[0], it.bbox[2], it.bbox[3]


def _assign_columns(
    items: list[Line | TableBlock],
    spans: list[tuple[float, float, float]],
    gutters: list[float],
    mid: float,
) -> None:
    """Set each item's column: by the gutters on a page of three or more columns (or one
    whose last columns stay empty), else left/right of the middle; -1 for full width."""
    # two columns only when both halves carry several lines; otherwise short lines of a
    # one-column page would be taken for a left column
    right_half = sum(1 for x0, _, _ in spans if x0 >= mid - 6)
    left_half = sum(1 for _, x1, _ in spans if x1 <= mid + 6)
    two_columns = right_half >= 2 and left_half >= 2
    by_gutters = len(gutters) >= 2 or (gutters and abs(gutters[0] - mid) > 20)
    for it, (x0, x1, _) in zip(items, spans, strict=True):
        if by_gutters:
            k = sum(1 for g in gutters if x0 > g)
            it.column = k if k == len(gutters) or x1 < gutters[k] else -1
        elif not two_columns:
            it.column = 0
        else:
            it.column = 0 if x1 <= mid + 6 else 1 if x0 >= mid - 6 else -1


def _by_bands(
    items: list[Line | TableBlock], spans: list[tuple[float, float, float]], columns: int
) -> list[Line | TableBlock]:
    """Bands between full-width items, top down; within a band each column in turn, top
    down (ties in page order); an item level with a band's edge is in none."""
    full_at: dict[float, list[Line | TableBlock]] = defaultdict(list)
    flow: list[tuple[float, Line | TableBlock]] = []
    for it, (_, _, y) in zip(items, spans, strict=True):
        if it.column == -1:
            full_at[y].append(it)
        else:
            flow.append((y, it))
    flow.sort(key=lambda f: -f[0])
    fulls = sorted((y for y, its in full_at.items() for _ in its), reverse=True)
    bounds = [float("inf"), *fulls, float("-inf")]
    ordered: list[Line | TableBlock] = []
    k = 0
    for hi, lo in pairwise(bounds):
        while k < len(flow) and flow[k][0] >= hi:
            k += 1
        band = []
        while k < len(flow) and flow[k][0] > lo:
            band.append(flow[k][1])
            k += 1
        for col in range(columns):
            ordered += [it for it in band if it.column == col]
        ordered += full_at.get(lo, [])
    return ordered


_MARGIN = -2  # the column of a margin box's lines


def _gutters(spans: list[tuple[float, float, float]], width: float) -> list[float]:
    """Middles of the gutters of a page set in three or more columns: x strips at least
    5 pt wide that no line narrower than 45 % of the page crosses, with ten or more such
    lines wholly on each side. On a page of one or two columns (where lines run across
    the middle, or there is one gutter) the reading order needs none of them."""
    narrow = [(x0, x1) for x0, x1, _ in spans if x1 - x0 < 0.45 * width]
    if len(narrow) < 30:
        return []
    lo = int(min(x0 for x0, _ in narrow))
    n = int(max(x1 for _, x1 in narrow)) - lo + 2
    step = [0] * (n + 1)  # lines starting minus lines ending, bin by bin
    for x0, x1 in narrow:
        step[int(x0) - lo] += 1
        step[int(x1) - lo + 1] -= 1
    cover = list(accumulate(step[:n]))
    out: list[float] = []
    k = 0
    while k < n:
        if cover[k] == 0:
            j = k
            while j < n and cover[j] == 0:
                j += 1
            g = lo + (k + j) / 2
            left = sum(1 for _, x1 in narrow if x1 < g)
            right = sum(1 for x0, _ in narrow if x0 > g)
            if j - k >= 5 and j < n and k > 0 and min(left, right) >= 10:
                out.append(g)
            k = j
        else:
            k += 1
    return out


def _margin_lines(p: PageData) -> set[int]:
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
    seq: list[Line | TableBlock],
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
    view = _Flow(seq, lead, right, left, _body_size(seq))
    out: set[int] = set()
    for k, it in enumerate(seq):
        if isinstance(it, TableBlock) or it.column == _MARGIN:
            out.add(k)
            continue
        if k in out or not _CAPTION.match(it.text.strip()):
            continue
        j = view.caption_end(k)
        out.update(range(k, j))
        out.update(view.figure_text(k, it))
        # after a table caption: an unruled table's lines
        if it.text.lstrip().startswith(("Table", "TABLE")):
            out.update(view.table_lines(j, it))
    return out


def _body_size(seq: list[Line | TableBlock]) -> float:
    """The running text's type size: the size that sets the most characters."""
    sizes: Counter[float] = Counter()
    for it in seq:
        if isinstance(it, Line):
            sizes[it.size] += len(it.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


@dataclass(frozen=True)
class _Flow:
    """The reading sequence with what ``_floats`` measures lines against: the leading per
    type size, each column's extent and the body's type size."""

    seq: list[Line | TableBlock]
    lead: dict[float, float]
    right: dict[tuple[int, int], float]
    left: dict[tuple[int, int], float]
    body: float

    def line(self, k: int) -> Line | None:
        it = self.seq[k] if 0 <= k < len(self.seq) else None
        return it if isinstance(it, Line) else None

    def short(self, ln: Line) -> bool:
        """Under 0.6 of its column's width."""
        key = (ln.page, ln.column)
        width = max(self.right.get(key, ln.x1) - self.left.get(key, ln.x0), 1.0)
        return ln.x1 - ln.x0 < 0.6 * width

    def continues(self, prev: Line, ln: Line) -> bool:
        """``ln`` is the next line of ``prev``'s paragraph (same column, body leading)."""
        if prev.page != ln.page or prev.column != ln.column or prev.hyph:
            return prev.hyph
        step = self.lead.get(ln.size, ln.size * 1.2)
        return (
            abs(prev.size - ln.size) < 0.25
            and 0 < prev.y_last - ln.y_first <= 1.25 * step
            and not self.short(prev)
        )

    def caption_end(self, k: int) -> int:
        """The index after the caption at ``k`` and its continuation lines."""
        j = k + 1
        while (nxt := self.line(j)) is not None and not _breaks(
            self.line(j - 1), nxt, self.lead, self.right
        ):
            j += 1
        return j

    def figure_text(self, k: int, it: Line) -> list[int]:
        """Before the caption ``it`` at ``k``: the figure's own text (short lines of its
        column and page) and tables, up to a paragraph's last line."""
        seq, out = self.seq, []
        i = k - 1
        while isinstance(seq[i] if i >= 0 else None, TableBlock) or (
            (ln := self.line(i)) is not None and ln.page == it.page and self.short(ln)
        ):
            if isinstance(seq[i], TableBlock):
                out.append(i)
                i -= 1
                continue
            assert ln is not None
            if ln.column not in (it.column, -1) and it.column != -1:
                break
            prev = self.line(i - 1)
            if prev is not None and self.continues(prev, ln) and prev.size == self.body:
                break
            out.append(i)
            i -= 1
        return out

    def table_lines(self, j: int, it: Line) -> list[int]:
        """From ``j`` on, after the table caption ``it``: an unruled table's lines (short
        or in type smaller than the body's, no heading), on the caption's page."""
        out = []
        while (ln := self.line(j)) is not None and ln.page == it.page:
            if not (self.short(ln) or ln.size < self.body - 0.3) or heading_level(ln.text):
                break
            out.append(j)
            j += 1
        return out


def paragraphs(pages: list[PageData]) -> list[tuple[str, list[Line] | TableBlock]]:
    """Group lines into paragraphs; tables, captions and figure text stay out of them.

    Float material (``_floats``) waits until the paragraph it interrupts has ended, so a
    sentence running across a column or page break past a figure stays whole.
    """
    orders = [_reading_order(p) for p in pages]
    seq = [it for order in orders for it in order]
    lead = _leading(orders)
    right, left = _column_edges(pages)
    return _grouped(seq, _floats(seq, lead, right, left), lead, right)


def _leading(orders: list[list[Line | TableBlock]]) -> dict[float, float]:
    """The median step between consecutive lines of one column, per type size."""
    leading: dict[float, list[float]] = defaultdict(list)
    for order in orders:
        prev: Line | None = None
        for it in order:
            if isinstance(it, Line) and prev is not None and prev.column == it.column:
                gap = prev.y_last - it.y_first
                if 0 < gap < 3 * it.size:
                    leading[it.size].append(gap)
            prev = it if isinstance(it, Line) else None
    return {s: median(v) for s, v in leading.items() if v}


def _column_edges(
    pages: list[PageData],
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """The right and left edges of each (page, column)'s lines."""
    right: dict[tuple[int, int], float] = {}
    left: dict[tuple[int, int], float] = {}
    for p in pages:
        for ln in p.lines:
            k = (ln.page, ln.column)
            right[k] = max(right.get(k, 0.0), ln.x1)
            left[k] = min(left.get(k, ln.x0), ln.x0)
    return right, left


def _grouped(
    seq: list[Line | TableBlock],
    floats: set[int],
    lead: dict[float, float],
    right: dict[tuple[int, int], float],
) -> list[tuple[str, list[Line] | TableBlock]]:
    """The paragraphs of ``seq``, float material held back until the paragraph it
    interrupts has ended."""
    blocks: list[tuple[str, list[Line] | TableBlock]] = []
    pending: list[tuple[str, list[Line] | TableBlock]] = []
    cur: list[Line] = []
    fcur: list[Line] = []
    jumped = False
    for idx, it in enumerate(seq):
        if idx in floats:
            if isinstance(it, TableBlock):
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
        assert isinstance(it, Line)
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
    a: Line | None,
    b: Line,
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
    if re.search(r"[.!?:)]$", a.text.rstrip()) and heading_level(b.text) is not None:
        return True
    return bool(not full and b.x0 <= a.x0 + 3 and re.search(r"[.!?:)]$", a.text.rstrip()))
