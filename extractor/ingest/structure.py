"""Layout structure found in a document's text: section headings, pipe tables, reference lists.

These parsers work on a text and return spans into that same text, so any reader (plain text,
PDF text layer) can reuse them without shifting offsets. They are written for the shapes
papers take in general (numbered or IMRaD headings, Markdown/pipe tables whose rows wrap,
Vancouver or APA reference lists), not for one file.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from importlib.resources import files
from statistics import median

from extractor.ingest.lines import Line as Line
from extractor.ingest.lines import fold_heading as _fold_heading
from extractor.ingest.lines import iter_lines as iter_lines
from extractor.ingest.lines import split_lines

# the reference lists live in their own module; callers may import them from here too
from extractor.ingest.references import find_references as find_references
from extractor.ingest.references import parse_reference as parse_reference
from extractor.types import Section, Table

# --------------------------------------------------------------------------- sections


@cache
def known_headings() -> frozenset[str]:
    """Unnumbered headings (data file, sources listed in it), folded for matching."""
    raw = files("extractor.ingest").joinpath("data/section_headings.txt").read_text("utf-8")
    return frozenset(
        _fold_heading(x) for x in raw.splitlines() if x.strip() and not x.startswith("#")
    )


# "3.1.2. Title", "2 Methods", "IV. Results"; the title starts with a capital or digit.
_NUMBERED = re.compile(r"^(?P<num>(?:\d{1,2}\.)*\d{1,2}\.?|[IVX]{1,5}\.)\s+(?P<title>\S.*)$")
# Wiley's numbered heads, the number and the title split by a bar ("1 | INTRODUCTION",
# "2.1 | Conditioned medium"); read as headings only at a sub-level, in capitals or by a known
# title, so a two-cell table row ("1 | Placebo") stays a row
_BAR_NUMBERED = re.compile(r"^(?P<num>(?:\d{1,2}\.)*\d{1,2})\s+\|\s+(?P<title>[^|]*[^|\s])$")
# ATX Markdown headings: "## 2.1 Methods" (level = number of #)
_MARKDOWN = re.compile(r"^(#{1,6})\s+(\S.*?)(?:\s+#+)?\s*$")
_END_PUNCT = (".", ",", ";", ":", "?", "!")
# Two or more authors in a row, Vancouver ("Zovein AC, Hofmann JJ") or initials first
# ("A. C. Zovein, J. J. Hofmann"): the first line of a numbered reference, not a heading.
_AUTHOR_LIST = re.compile(
    r"^(?:[A-Z][\w'’-]+ [A-Z]{1,3}|(?:[A-Z]\.\s?)+[A-Z][\w'’-]+)"
    r"(?:,\s*(?:and\s+)?(?:[A-Z][\w'’-]+ [A-Z]{1,3}|(?:[A-Z]\.\s?)+[A-Z][\w'’-]+))+"
)
# One Vancouver author closed by a full stop ("Quinn P. Keratinocyte ..."), or a line carrying
# a citation's marks (a DOI, "2019;180:30-41"): a numbered reference entry, not a heading.
_ENTRY_MARK = re.compile(r"^[A-Z][\w'’-]+ [A-Z]{1,3}\.\s+[A-Z]|\bdoi:?\s*10\.\d|\b[12]\d{3};\s?\d")


def heading_level(line: str) -> int | None:
    """The level of a heading line (1 = top), or None when the line is not a heading."""
    s = line.strip().lstrip("\ufeff").strip()
    md = _MARKDOWN.match(s)
    if md:
        return len(md.group(1))
    bar = _BAR_NUMBERED.match(s)
    if bar is not None and (
        "." in bar.group("num")
        or bar.group("title").isupper()
        or _fold_heading(bar.group("title")) in known_headings()
    ):
        s = f"{bar.group('num')} {bar.group('title')}"  # Wiley's "2.1 | Conditioned medium"
    if not s or "|" in s or len(s) > 120:
        return None
    if _fold_heading(s) in known_headings():
        return 1
    m = _NUMBERED.match(s)
    if m:
        title = m.group("title")
        words = title.split()
        if (
            len(words) <= 14
            and (title[0].isupper() or title[0].isdigit())
            and not title.endswith(_END_PUNCT)
            and not re.match(r"^\d", title)  # "1. 5 mg" is a list item, not a heading
            and not _AUTHOR_LIST.match(title)  # "1. Zovein AC, Hofmann JJ" opens a reference
            and not _ENTRY_MARK.search(title)
        ):
            num = m.group("num").rstrip(".")
            if _fold_heading(title) in known_headings() or re.fullmatch(r"[\d.]+", num):
                return num.count(".") + 1
            return 1
    return None


def _long_line_layout(lines: list[Line]) -> bool:
    """True when paragraphs are single long lines (no hard wrapping)."""
    lengths = [ln.end - ln.start for ln in lines if ln.text.strip()]
    return bool(lengths) and median(lengths) > 160


def find_sections(
    text: str, exclude: list[tuple[int, int]] | None = None, lines: list[Line] | None = None
) -> tuple[Section, ...]:
    """Sections from heading lines; each runs to the next heading of the same or higher level.

    Numbered headings and the known unnumbered ones are always taken. In texts that keep a
    paragraph per line, a short capitalised line without end punctuation between two other
    lines is taken too ("Funding Statement"): hard-wrapped texts would turn every wrapped
    line into a heading, so the heuristic stays off there. ``lines`` are ``text``'s own
    (``split_lines``), passed by a caller that has them already.
    """
    lines = split_lines(text) if lines is None else lines
    excluded = _Spans(exclude or [])
    loose = _long_line_layout(lines)
    heads: list[tuple[Line, int]] = []
    for i, ln in enumerate(lines):
        if ln.start in excluded:
            continue
        level = heading_level(ln.text)
        if level is None and loose:
            level = _loose_heading(lines, i)
        if level is not None:
            heads.append((ln, level))
    out: list[Section] = []
    text_end = _rstrip_end(text, len(text))
    # linear in the text and the headings (a large input has thousands of both): each
    # section's end is the next heading of the same or higher level, found with a stack
    ends = [text_end] * len(heads)
    stack: list[int] = []
    for k in range(len(heads) - 1, -1, -1):
        while stack and heads[stack[-1]][1] > heads[k][1]:
            stack.pop()
        if stack:
            ends[k] = heads[stack[-1]][0].start
        stack.append(k)
    for k, (ln, level) in enumerate(heads):
        body_end = _rstrip_end(text, ends[k])
        title = ln.text.strip().lstrip("\ufeff").strip()
        md = _MARKDOWN.match(title) or _BAR_NUMBERED.match(title)
        if md:
            title = md.group(2)  # "## Methods", "1 | INTRODUCTION": the title after the mark
        start = ln.start + ln.text.index(title)
        out.append(Section(title, start, max(body_end, start + len(title)), level))
    return tuple(out)


def _rstrip_end(text: str, end: int) -> int:
    """``len(text[:end].rstrip())`` without copying the text."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


class _Spans:
    """Membership of an offset in a set of [start, end) spans, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _loose_heading(lines: list[Line], i: int) -> int | None:
    s = lines[i].text.strip()
    if not s or i + 1 >= len(lines):
        return None
    # at most six words: split off seven at most, not every word of a paragraph line
    words = s.split(None, 6)
    nxt = lines[i + 1].text.strip()
    if (
        len(words) <= 6
        and s[0].isupper()
        and not s.endswith(_END_PUNCT)
        and "|" not in s
        and not re.match(r"^(Table|Figure|Fig\.)\s", s)
        and nxt
        and len(nxt) > len(s)
    ):
        return 1
    return None


# --------------------------------------------------------------------------- tables

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TABLE_LABEL = re.compile(
    r"^\s*(?P<label>(?:Table|TABLE|Tab\.)\s+(?:S?\d+[A-Za-z]?|[IVX]+))\s*[.:|]?\s*(?P<rest>.*)$"
)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _split_row(line: str, leading: bool) -> tuple[list[str], bool]:
    """Cells of one table line and whether the line closed its last cell with a pipe."""
    s = line.strip()
    if leading and s.startswith("|"):
        s = s[1:]
    closed = s.endswith("|") and not s.endswith("\\|")
    if closed:
        s = s[:-1]
    return [c.strip().replace("\\|", "|") for c in _UNESCAPED_PIPE.split(s)], closed


def _is_note(line: str) -> bool:
    """A table footnote: an abbreviation legend ("PV, psoriasis vulgaris; ...") or a marked note."""
    s = line.strip()
    if re.match(r"^(\*|†|‡|§|[a-z]\s|Note[s]?\b|Abbreviations?\b|Source\b)", s):
        return True
    pairs = re.findall(r"(?:^|;\s*)[^;,]{1,40},\s[^;]+", s)
    return len(pairs) >= 2 and s.count(";") >= 1


def find_tables(
    text: str, lines: list[Line] | None = None
) -> tuple[tuple[Table, ...], tuple[dict[str, object], ...]]:
    """Pipe tables: a header row, a ``---|---`` separator, body rows (wrapped rows rejoined).

    Returns the tables and their footnotes (``{"label", "text", "start", "end"}``); a footnote
    line directly under a table belongs to the table's span. A row with a single filled cell
    ("ADMSCs in psoriasis | |||") is a group header and is kept as a row. ``lines`` are
    ``text``'s own (``split_lines``), passed by a caller that has them already.
    """
    lines = split_lines(text) if lines is None else lines
    tables: list[Table] = []
    notes: list[dict[str, object]] = []
    i = 0
    while i + 1 < len(lines):
        head, sep = lines[i], lines[i + 1]
        if "|" not in head.text or not _SEPARATOR.match(sep.text) or "|" not in sep.text:
            i += 1
            continue
        leading = head.text.strip().startswith("|")
        header, closing = _split_row(head.text, leading)
        ncols = len(header)
        rows, j, last_end = _body_rows(lines, i + 2, leading, ncols, closing)
        rows = [_fit(r, ncols) for r in rows]

        label, caption, start = _label_and_caption(lines, i)
        end = last_end
        if j < len(lines) and lines[j].text.strip() and _is_note(lines[j].text):
            note = lines[j]
            notes.append(
                {"label": label, "text": note.text.strip(), "start": note.start, "end": note.end}
            )
            end = note.end
            j += 1
        tables.append(
            Table(label, caption, tuple(header), tuple(tuple(r) for r in rows), start, end)
        )
        i = j
    return tuple(tables), tuple(notes)


def _body_rows(
    lines: list[Line], j: int, leading: bool, ncols: int, closing: bool
) -> tuple[list[list[str]], int, int]:
    """The rows from line ``j`` on while lines hold a pipe, a row wrapped over several lines
    rejoined; returns them, the first line after them and where the last one ends."""
    rows: list[list[str]] = []
    pending: list[str] | None = None
    closed = True
    last_end = lines[j - 1].end
    while j < len(lines) and "|" in lines[j].text:
        cells, line_closed = _split_row(lines[j].text, leading)
        if pending is not None:
            joined = len(pending) + len(cells) - (0 if closed else 1)
            if joined <= ncols:
                if closed:
                    pending.extend(cells)
                else:
                    pending[-1] = f"{pending[-1]} {cells[0]}".strip()
                    pending.extend(cells[1:])
            else:
                rows.append(pending)
                pending = list(cells)
        else:
            pending = list(cells)
        closed = line_closed
        # where the header closes its last cell with a pipe, a row line that does not
        # is cut inside a cell and goes on on the next line
        if len(pending) >= ncols and (closed or not closing):
            rows.append(pending)
            pending = None
        last_end = lines[j].end
        j += 1
    if pending is not None:
        rows.append(pending)
    return rows, j, last_end


def _fit(row: list[str], ncols: int) -> list[str]:
    """Pad a short row; drop empty overflow cells (a stray trailing pipe)."""
    row = [c.strip() for c in row]
    while len(row) > ncols and not row[-1]:
        row.pop()
    return row + [""] * (ncols - len(row))


def _label_and_caption(lines: list[Line], i: int) -> tuple[str | None, str, int]:
    """Look above the header for "Table 1." and a caption (same line or the line between)."""
    start = lines[i].start
    above = [k for k in (i - 1, i - 2) if k >= 0]
    if not above or not lines[above[0]].text.strip():
        return None, "", start
    k1 = above[0]
    m1 = _TABLE_LABEL.match(lines[k1].text)
    if m1:
        return _norm_label(m1.group("label")), m1.group("rest").strip(), lines[k1].start
    if len(above) > 1:
        k2 = above[1]
        m2 = _TABLE_LABEL.match(lines[k2].text)
        if m2 and not m2.group("rest").strip():
            return _norm_label(m2.group("label")), lines[k1].text.strip(), lines[k2].start
    return None, "", start


def _norm_label(label: str) -> str:
    _, num = label.split(None, 1)
    return f"Table {num.strip()}"
