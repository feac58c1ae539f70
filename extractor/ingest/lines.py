"""Lines of a text with exact offsets, shared by the layout parsers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text; ``end`` excludes the line break."""

    start: int
    end: int
    text: str


def iter_lines(text: str) -> Iterator[Line]:
    """Lines with exact offsets; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line."""
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if m.start() == len(text) and not m.group():
            break
        body = m.group().rstrip("\r\n")
        yield Line(m.start(), m.start() + len(body), body)


def fold_heading(s: str) -> str:
    """A heading folded for matching: no closing colon or stop, one case, single spaces."""
    s = s.strip().rstrip(":.").replace("’", "'").casefold()
    return re.sub(r"\s+", " ", s)
