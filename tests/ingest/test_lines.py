"""Lines of a text: the fast split agrees with the line-break regex on every break style."""

from __future__ import annotations

import re

import pytest

from extractor.ingest.lines import Line, clip_lines, split_lines


def _by_regex(text: str) -> list[Line]:
    """The reference reading: one regex match per line, as the readers once split."""
    out = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if m.start() == len(text) and not m.group():
            break
        body = m.group().rstrip("\r\n")
        out.append(Line(m.start(), m.start() + len(body), body))
    return out


TEXTS = [
    "",
    "\n",
    "\n\n",
    "one line",
    "one line\n",
    "two\nlines",
    "two\nlines\n\n",
    "\nleading break",
    "windows\r\nbreaks\r\n",
    "old mac\rbreaks\r",
    "mixed\r\n\rand\n\r\nall",
    "Introduction\n\nThe text.\n1. Ref A. 2019.\n2. Ref B. 2020.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_split_lines_agrees_with_the_line_regex(text: str) -> None:
    assert split_lines(text) == _by_regex(text)
    for ln in split_lines(text):
        assert text[ln.start : ln.end] == ln.text


@pytest.mark.parametrize("text", TEXTS)
def test_clip_lines_reads_as_the_lines_of_the_slice(text: str) -> None:
    lines = split_lines(text)
    for hi in range(len(text) + 1):
        for lo in range(hi + 1):
            want = [ln for ln in _by_regex(text[:hi]) if ln.start >= lo]
            assert clip_lines(lines, lo, hi) == want, (lo, hi)
