"""Where a cue's reach ends: clause and sentence boundaries, defined once for every consumer.

A *clause* ends at a sentence stop, a semicolon, a table-cell bar or a line break
(``CLAUSE_BREAK``); a *part* of a clause at ", and", ", but", "whereas", "while"
(``PART_BREAK``); a *contrast* at a semicolon or "whereas", "while", "but" (``CONTRAST_BREAK``,
the cut the cytokine directions read within one sentence). The helpers cut a window of text
before or after a span at these boundaries.
"""

from __future__ import annotations

import re

__all__ = [
    "CLAUSE_BREAK",
    "CONTRAST_BREAK",
    "PART_BREAK",
    "WRAPPED_PAREN",
    "after_last",
    "before_first",
    "clause_tail",
    "open_paren",
    "wrapped_paren",
]

CLAUSE_BREAK = re.compile(r"[.;|\n]\s|[|\n]")
PART_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\b|\b(?:whereas|while)\b")
CONTRAST_BREAK = re.compile(r";|\bwhereas\b|\bwhile\b|\bbut\b")
# A line break inside a sentence of hard-wrapped prose, right before a parenthesis that opens
# the next line: the line ends in a word (no stop, colon, bar or cell break) and the bracket
# continues it, as in the abstracts journals and PDF-to-text tools wrap at a fixed width
WRAPPED_PAREN = re.compile(r"(?<=[A-Za-z0-9\u00b5\u03bc\u03b1-\u03c9,])[ \t]*\n[ \t]*\($")


def after_last(pattern: re.Pattern[str], before: str) -> str:
    """What follows the last match of ``pattern`` in ``before`` (all of it if none): the
    part of a clause, sentence or list that ends at the span."""
    last = None
    for last in pattern.finditer(before):  # noqa: B007 (only the last match is wanted)
        pass
    return before[last.end() :] if last is not None else before


def before_first(after: str, *patterns: re.Pattern[str]) -> str:
    """``after`` up to the first match of any of ``patterns``: the part that starts at the
    span."""
    cuts = [m.start() for m in (p.search(after) for p in patterns) if m is not None]
    return after[: min(cuts)] if cuts else after


def open_paren(before: str) -> int | None:
    """Index of the parenthesis still open at the end of ``before``, else None.

    The brackets are visited right to left by ``str.rfind``, skipping the text between them
    in C: a loop over every character cost ~0.6 ms of the review's dose scan (~100 windows)."""
    depth = 0
    close = before.rfind(")")
    opening = before.rfind("(")
    while opening >= 0:
        if close > opening:
            depth += 1
            close = before.rfind(")", 0, close)
        elif depth == 0:
            return opening
        else:
            depth -= 1
            opening = before.rfind("(", 0, opening)
    return None


def wrapped_paren(text: str, paren: int) -> int | None:
    """Where the line break before the parenthesis at ``paren`` starts, when that break only
    wraps a sentence (``WRAPPED_PAREN``, and the line before is no table row: no cell bar or
    tab), else None."""
    m = WRAPPED_PAREN.search(text, max(0, paren - 8), paren + 1)
    if m is None:
        return None
    line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    return None if "|" in line or "\t" in line else m.start()


def clause_tail(before: str) -> str:
    """The end of ``before`` that belongs to the span's clause. A semicolon inside the
    parenthesis that holds the span does not end the clause: in "(DNFB; 20 µL)" the amount
    is still the abbreviation's."""
    opened = open_paren(before)
    wrap = None if opened is None else wrapped_paren(before, opened)
    if wrap is not None:
        # "with streptozotocin\n(60 mg/kg, i.p.)": a hard-wrapped line that opens with the
        # parenthesis holding the span continues the words before the wrap
        opened = wrap
    brk = [b for b in CLAUSE_BREAK.finditer(before) if opened is None or b.start() < opened]
    return before[brk[-1].end() :] if brk else before
