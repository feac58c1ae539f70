"""A pattern searched only where a match can start: at a line start or at an anchor word.

``re``'s search skips ahead to a pattern's first character when the pattern opens with one; a
pattern that opens with ``^`` (multi-line), ``\\b`` or an alternation of them is tried at
every position instead, about 20 ns a character: 0.1-0.7 ms for each such pattern over a
title page's 8000 characters. The patterns the title page is read with open so, and their
matches can only start at a line start or at one of a few words (``Vol``, ``Year``, a
month, a cue after ``;``). These functions try the pattern at those places alone, in text
order, and so find exactly the match ``search`` or ``finditer`` finds: ``rx.match(text,
pos)`` reads ``^``, ``\\b`` and look-behinds against the whole text, as ``search`` does.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator, Sequence

_BREAK = re.compile(r"\n")


def _line_starts(text: str) -> Iterator[int]:
    yield 0
    for m in _BREAK.finditer(text):
        yield m.end()


def starts(text: str, anchors: Sequence[re.Pattern[str]] = ()) -> Iterator[int]:
    """Every line start of ``text`` and every start of an ``anchors`` match, in order.

    Between them, ``anchors`` must match wherever the searched pattern can start off a line
    start, and no match of one anchor may overlap a place where the same anchor could start
    again (a word, or a word's first letters with its boundary written after them,
    ``V(?<!\\wV)ol``, never do). A literal anchor (``;``) is found by re's fast search; a
    class of first characters (``[;|]``) is scanned character by character, several times
    slower, so two literals beat one class."""
    found = [(m.start() for m in a.finditer(text)) for a in anchors]
    last = -1
    for pos in heapq.merge(_line_starts(text), *found):
        if pos != last:
            yield pos
            last = pos


def search(
    rx: re.Pattern[str], text: str, anchors: Sequence[re.Pattern[str]] = ()
) -> re.Match[str] | None:
    """``rx.search(text)`` for a pattern whose matches start only at a line start or where
    one of ``anchors`` matches (``starts``)."""
    for pos in starts(text, anchors):
        m = rx.match(text, pos)
        if m is not None:
            return m
    return None


def finditer(
    rx: re.Pattern[str], text: str, anchors: Sequence[re.Pattern[str]] = ()
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for such a pattern whose matches are never empty: each match
    is the first one at or after the end of the one before."""
    after = 0
    for pos in starts(text, anchors):
        if pos < after:
            continue
        m = rx.match(text, pos)
        if m is not None:
            if m.end() == pos:
                raise ValueError(f"an empty match of {rx.pattern!r}: finditer cannot skip it")
            yield m
            after = m.end()
