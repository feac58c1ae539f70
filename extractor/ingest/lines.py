"""Lines of a text with exact offsets, shared by the layout parsers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text; ``end`` excludes the line break."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Lines with exact offsets; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line.

    A text without ``\\r`` is cut by ``str.split("\\n")`` (one C call) instead of one regex
    match per line: 0.50 -> 0.10 ms on the review's 145 lines. The structure readers take
    one list per document rather than splitting the text again each.
    """
    if "\r" in text:
        return list(_regex_lines(text))
    out: list[Line] = []
    pos = 0
    for body in text.split("\n"):
        end = pos + len(body)
        out.append(Line(pos, end, body))
        pos = end + 1
    if out and out[-1].start == len(text):
        out.pop()  # the empty remainder after a final line break is no line
    return out


def _regex_lines(text: str) -> Iterator[Line]:
    for m in _LINE.finditer(text):
        if m.start() == len(text) and not m.group():
            break
        body = m.group().rstrip("\r\n")
        yield Line(m.start(), m.start() + len(body), body)


def iter_lines(text: str) -> Iterator[Line]:
    """Lines with exact offsets; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line."""
    return iter(split_lines(text))


def clip_lines(lines: list[Line], lo: int, hi: int) -> list[Line]:
    """The lines of ``text[:hi]`` that start at ``lo`` or after, from the lines of ``text``:
    the line ``hi`` falls inside is cut there, as splitting the slice would cut it."""
    first = bisect.bisect_left(lines, lo, key=lambda ln: ln.start)
    out: list[Line] = []
    for ln in lines[first:]:
        if ln.start >= hi:
            break
        out.append(ln if ln.end <= hi else Line(ln.start, hi, ln.text[: hi - ln.start]))
    return out


def fold_heading(s: str) -> str:
    """A heading folded for matching: no closing colon or stop, one case, single spaces."""
    s = s.strip().rstrip(":.").replace("’", "'").casefold()
    return _SPACES.sub(" ", s)
