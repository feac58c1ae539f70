"""A text's front as lines, cleaned of what print and copying add to it.

Typographic hyphens become ``-``, a preprint's manuscript line numbers go, and affiliation
marks a web page copied onto the line after their name are joined back to it; the reading
stops at a reference-list heading, so a review's references never become its front.
"""

from __future__ import annotations

import re

from extractor.bibliography.cues import cues

HEAD_CHARS = 8000

# hyphens that look like "-" but are other code points: U+2010 HYPHEN and U+2011 NON-BREAKING
# HYPHEN, which BMC, Springer and Spandidos PDFs and pages print inside names and titles
# ("Rahimi\u2011Farahani"); citations and databases write the ASCII hyphen. Two
# str.replace calls, not a dict str.translate, which costs 0.23 ms on one 4 KB line.


# a line that opens with a name's affiliation marks, as PMC's page copies an author line
# with each name's marks on the next line ("Yichen Ouyang" / "1,#, Hao Zhang" / "1,3,✉"):
# marks with a comma or a symbol among them (a lone page number is no mark), then the next
# name or the line's end
_MARK_SYMBOLS = "#*\u2020\u2021\u00a7\u00b6\u2217\u2709"
_MARKS_LEAD = re.compile(
    rf"^(?=[\d,{_MARK_SYMBOLS}]*[,{_MARK_SYMBOLS}])[\d,{_MARK_SYMBOLS}]+"
    r"(?:\s*,?\s+(?=[A-ZÀ-Þ][a-zà-ÿ])|$)"
)


# a manuscript's line numbers as pdftotext prints them ("1   Induced pluripotent …", "4"):
# a number, then two spaces or more or the line's end
_LINE_NUMBER = re.compile(r"^\s*(\d{1,4})(?:\s{2,}|\s*$)")
NUMBERED_MIN = 5  # this many lines numbered 1, 2, 3, … in order make a numbered manuscript


def _unnumbered(lines: list[str]) -> list[str]:
    """``lines`` without a preprint's manuscript line numbers, when it has them: at least
    ``NUMBERED_MIN`` lines numbered from 1 in steps of one (a table's figures do not count up)."""
    numbered = [(i, int(m.group(1))) for i, x in enumerate(lines) if (m := _LINE_NUMBER.match(x))]
    run = [i for k, (i, n) in enumerate(numbered) if n == k + 1]
    if len(run) < NUMBERED_MIN or numbered[0][1] != 1:
        return lines
    out = list(lines)
    for i in run:
        out[i] = _LINE_NUMBER.sub("", out[i], count=1)
    return out


def word_count(line: str, limit: int) -> int:
    """The number of words of ``line``, counted no further than ``limit + 1``: as good as the
    whole count for a comparison with ``limit``, without splitting a paragraph line whole."""
    return len(line.split(None, limit))


def head_lines(text: str, limit: int = HEAD_CHARS) -> list[str]:
    """The text's lines up to a reference heading, within ``limit`` characters, with
    typographic hyphens read as ``-`` and names broken from their marks joined again."""
    out: list[str] = []
    for line in _unnumbered(text[:limit].splitlines()):
        if cues().reference_heading.match(line):
            break
        line = line.strip().replace("\u2010", "-").replace("\u2011", "-")
        if out and _MARKS_LEAD.match(line) and out[-1][-1:].isalpha():
            out[-1] += line  # "Yichen Ouyang" / "1,#, Hao Zhang": the marks are the name's
            continue
        out.append(line)
    return out
