"""One PDF page read from pdfium: its text (glyphs folded, accents placed, raised exponents
marked), its lines with their geometry, and its tables (``pdf_tables``), whose characters
leave the running text."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from extractor.ingest.glyphs import (
    GONE,
    SPACING_ACCENTS,
    compose,
    fold_code_points,
    fold_page_text,
)
from extractor.ingest.pdf_chars import Chars
from extractor.ingest.pdf_tables import find_tables
from extractor.ingest.pdf_turned import TurnedChars

MARK = "\ufffe"
# A power-of-ten candidate: "10" (not inside a longer number) and 1-2 exponent digits, as in
# "5×106" or "106 cells"; only a raised exponent (checked on the glyphs) gets the caret.
_POWER = re.compile(r"(?<![\d.,])10(?:\r\n)?([-−]?\d{1,2})(?!\d)")


@dataclass
class Line:
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
class TableBlock:
    page: int
    bbox: tuple[float, float, float, float]  # x0, y_bottom, x1, y_top (PDF space)
    rows: list[list[str]]
    column: int = 0


@dataclass
class PageData:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)


# --------------------------------------------------------------------------- page reading


def _superscript_marks(text: str, chars: Chars) -> set[int]:
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


def _place_accents(text: str, chars: Chars) -> str:
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


def read_page(pdf: Any, index: int) -> tuple[PageData, str]:
    """The page's lines and tables, and its text (lines and cells index into it)."""
    page = pdf[index]
    width, height = page.get_size()
    textpage = page.get_textpage()
    chars = Chars(textpage)
    text = _page_text(textpage, chars)
    sup = _superscript_marks(text, chars)

    # tables first: their characters leave the running text
    tables = find_tables(page, text, chars, width, height)
    turn = next((t.turn for t in tables if t.turn is not None), None)
    if turn is not None:  # a page set sideways is read in its upright view
        chars = TurnedChars(chars, turn)
        width, height = turn.size
    data = PageData(width, height)

    def in_table(x: float, y: float) -> int:
        return next((k for k, t in enumerate(tables) if t.contains(x, y)), -1)

    segments = _segments(text, chars)
    if turn is not None:
        segments = _split_turned(segments, text, chars, in_table)
    table_chars = _read_lines(data, index, segments, text, chars, in_table if tables else None)
    _set_line_texts(data.lines, text, sup)
    data.lines = _hoist_exponents(data.lines, text, chars, sup)
    for k, t in enumerate(tables):
        rows = t.cells(height, text, chars, table_chars.get(k, []), sup)
        data.tables.append(TableBlock(index, t.bbox, rows))
    return data, text


def _page_text(textpage: Any, chars: Chars) -> str:
    """One character per pdfium index (math letters outside the BMP take two), folded, with
    spacing accents placed on their letters."""
    text = textpage.get_text_range()
    n = textpage.count_chars()
    folded = fold_page_text(text, n)
    text = fold_code_points([chars.unicode(i) for i in range(n)]) if folded is None else folded
    if not SPACING_ACCENTS.isdisjoint(text):
        text = _place_accents(text, chars)
    return text


def _read_lines(
    data: PageData,
    index: int,
    segments: Iterator[tuple[int, int, bool]],
    text: str,
    chars: Chars,
    in_table: Callable[[float, float], int] | None,
) -> dict[int, list[int]]:
    """Append the page's text lines (their text still unset) to ``data``; a segment that
    starts in a table goes to that table instead. Returns each table's characters."""
    table_chars: dict[int, list[int]] = defaultdict(list)
    for a, b, run_in in segments:
        hyph = text[b - 1] == MARK
        core_b = b - 1 if hyph else b
        seg = text[a:core_b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if not seg.strip():
            continue
        i0, i1 = a + lead, core_b - trail - 1
        x_first, y_first = chars.origin(i0)
        if in_table is not None:
            k = in_table(x_first, y_first)
            if k >= 0:
                table_chars[k].extend(range(a, b))
                continue
        _, y_last = chars.origin(i1)
        x_right = chars.box(i1)[2]
        data.lines.append(
            Line(
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
    return table_chars


def _set_line_texts(lines: list[Line], text: str, sup: set[int]) -> None:
    """Each line's text; a run-in heading becomes a line of its own, its paragraph
    starting where the heading does."""
    starts = {line.a: line for line in lines}
    for line in lines:
        line.text = _slice(text, line.a, line.b, sup)
        if line.run_in:  # a run-in heading: a line of its own now
            line.text = line.text.rstrip().rstrip(".")
            if (body := starts.get(line.b)) is not None:
                body.x0 = line.x0  # its paragraph starts where the heading does


def _split_turned(
    segments: Iterator[tuple[int, int, bool]],
    text: str,
    chars: Chars,
    in_table: Callable[[float, float], int],
) -> Iterator[tuple[int, int, bool]]:
    """Segments of a page set sideways cut into lines and at table edges: pdfium runs the
    lines of sideways text together without a break. A line ends where the baseline (in
    the upright view) moves by half the type size, or where the text enters or leaves a
    table."""
    for a, b, run_in in segments:
        start, where, base = a, None, None
        for i in range(a, b):
            if text[i].isspace() or text[i] == MARK:
                continue
            x, y = chars.origin(i)
            k = in_table(x, y)
            moved = base is not None and abs(y - base) > 0.5 * (chars.size(i) or 1.0)
            if where is not None and (k != where or moved):
                yield start, i, run_in
                start, run_in = i, False
            where, base = k, y
        yield start, b, run_in


_EXPONENT = re.compile(r"[-\u2212]?\d{1,2}")
_LEADING_EXPONENT = re.compile(r"\s*[-\u2212]?\d{1,2}(?=\s)")


def _segments(text: str, chars: Chars) -> Iterator[tuple[int, int, bool]]:
    """pdfium's text lines as index ranges. A raised number drawn before its line (the
    exponent of ``10`` set first) heads the line in the text though it stands further
    right: it becomes a segment of its own, for ``_hoist_exponents``."""
    for m in re.finditer(r"[^\r\n" + MARK + r"]+" + f"{MARK}?", text):
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
        head_end = _run_in_heading_end(text, a, b, chars)
        if head_end is not None:
            yield a, head_end, True
            yield head_end, b, False
            continue
        yield a, b, False


# "2.1. PBPC Mobilization." or "Statistical Analysis." set in bold before the paragraph (a
# lead-in ending in a colon, "Keywords:", is a label of the line, not a heading)
_RUN_IN = re.compile(r"(?:(?:\d{1,2}\.)*\d{1,2}\.?\s+)?[A-Z][^.!?:]{1,80}\.\s*")


def _run_in_heading_end(text: str, a: int, b: int, chars: Chars) -> int | None:
    """Where a run-in heading (a bold lead-in ending in a full stop, the body text following
    on the same line) ends, or None."""
    if text.startswith(("Table", "Figure", "Fig.", "TABLE", "FIGURE"), a):
        return None  # a caption's label
    i0 = a + len(text[a:b]) - len(text[a:b].lstrip())
    if i0 >= b or not text[i0].isalnum():
        return None
    # the heading is a prefix of the line that fits _RUN_IN: no such prefix, no font lookup
    if not _RUN_IN.match(text, i0, b) or not chars.bold(i0):
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


def _hoist_exponents(lines: list[Line], text: str, chars: Chars, sup: set[int]) -> list[Line]:
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
