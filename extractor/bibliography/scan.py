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
from collections.abc import Iterator

_BREAK = re.compile(r"\n")


def _line_starts(text: str) -> Iterator[int]:
    yield 0
    for m in _BREAK.finditer(text):
        yield m.end()


def starts(text: str, anchors: re.Pattern[str] | None) -> Iterator[int]:
    """Every line start of ``text`` and every start of an ``anchors`` match, in order.

    ``anchors`` must match wherever the searched pattern can start off a line start, and
    its matches must not overlap a place where another could start (a word's first letters,
    with the word boundary written after them, ``V(?<!\\wV)ol``, never do)."""
    lines = _line_starts(text)
    if anchors is None:
        yield from lines
        return
    last = -1
    for pos in heapq.merge(lines, (m.start() for m in anchors.finditer(text))):
        if pos != last:
            yield pos
            last = pos


def search(rx: re.Pattern[str], text: str, anchors: re.Pattern[str] | None) -> re.Match[str] | None:
    """``rx.search(text)`` for a pattern whose matches start only at a line start or where
    ``anchors`` matches (``starts``)."""
    for pos in starts(text, anchors):
        m = rx.match(text, pos)
        if m is not None:
            return m
    return None


def finditer(
    rx: re.Pattern[str], text: str, anchors: re.Pattern[str] | None
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
