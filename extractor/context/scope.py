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
    "after_last",
    "before_first",
    "clause_tail",
    "open_paren",
]

CLAUSE_BREAK = re.compile(r"[.;|\n]\s|[|\n]")
PART_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\b|\b(?:whereas|while)\b")
CONTRAST_BREAK = re.compile(r";|\bwhereas\b|\bwhile\b|\bbut\b")


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
    """Index of the parenthesis still open at the end of ``before``, else None."""
    depth = 0
    for k in range(len(before) - 1, -1, -1):
        if before[k] == ")":
            depth += 1
        elif before[k] == "(":
            if depth == 0:
                return k
            depth -= 1
    return None


def clause_tail(before: str) -> str:
    """The end of ``before`` that belongs to the span's clause. A semicolon inside the
    parenthesis that holds the span does not end the clause: in "(DNFB; 20 µL)" the amount
    is still the abbreviation's."""
    opened = open_paren(before)
    brk = [b for b in CLAUSE_BREAK.finditer(before) if opened is None or b.start() < opened]
    return before[brk[-1].end() :] if brk else before
