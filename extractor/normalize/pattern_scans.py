"""Faster scans that give exactly a pattern's own matches, read from the pattern's structure
(``normalize.first_chars.parse_pattern``): a pattern found by the class of its first
characters, a pattern tried only before the literal keys every match holds, a multi-line
"^" pattern tried only at line starts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from extractor.normalize.first_chars import first_chars, opens_at, parse_pattern


def by_first_char(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """``pattern`` behind a character class of its first characters that consumes the
    character, the pattern itself read from there by a look-ahead inside a one-character
    look-behind: a pattern opening with a class is scanned for by the regex engine's own
    loop over the text, not tried at each position as a pattern behind a look-ahead guard
    (``normalize.first_chars.guarded``) is. Its hits are where ``pattern`` matches, each
    character one hit; ``study_mentions.Clue.finditer`` keeps the leftmost-first ones. The
    reference-marker rows that open with a digit: 0.77 -> 0.43 ms each over the review's
    text, the year rows 0.7-1.0 -> 0.04-0.37. None when the first characters cannot be read
    or take in white space (a class that matches a space at every word gap is slower than
    the guard)."""
    lead = first_chars(re.compile(pattern, flags))
    if lead is None or re.search(f"[{lead}]", " \t\n", flags) is not None:
        return None
    try:
        return re.compile(f"[{lead}](?<=(?={pattern})[\\s\\S])", flags)
    except re.error:  # pragma: no cover - e.g. inline global flags inside the pattern
        return None


def _is_gap(ch: str) -> bool:
    return ch.isspace() or ch in _GAP_MARKS


_GAP_MARKS = ",*_"  # with white space, what may part a word from "et al." or "and"


class KeyedScan:
    """Where ``pattern`` matches, found from the strings it must hold: each match opens with
    a gap (white space, commas, emphasis marks) and then a literal key ("et", "and", "&",
    "'"), read from the pattern's parse (``keyed_scan``). The text is searched for the keys
    (``str.find``), and the pattern is tried only at the points of the gap before each;
    the points are exactly those a look-ahead scan ``(?=pattern)`` gives, which tries the
    pattern at every character: a citation's second part over the review's paragraphs
    2.0 -> 0.6 ms."""

    __slots__ = ("keys", "pattern")

    def __init__(self, pattern: re.Pattern[str], keys: tuple[tuple[str, int], ...]) -> None:
        self.pattern = pattern
        self.keys = keys  # (key, the fewest gap characters before it)

    def points(self, text: str, start: int, end: int) -> list[int]:
        found: set[int] = set()
        for key, least in self.keys:
            k = text.find(key, start, end)
            while k >= 0:
                r = k
                while r > start and _is_gap(text[r - 1]):
                    r -= 1
                for b in range(r, k - least + 1):
                    if b not in found and self.pattern.match(text, b, end) is not None:
                        found.add(b)
                k = text.find(key, k + 1, end)
        return sorted(found)


def keyed_scan(pattern: re.Pattern[str]) -> KeyedScan | None:
    """``pattern``'s ``KeyedScan``; None when a branch does not open with a gap and a key
    (or the pattern ignores case, or its parse cannot be read)."""
    parsed = parse_pattern(pattern)
    if parsed is None or pattern.flags & re.IGNORECASE:
        return None
    keys = _keys(parsed[0], parsed[1], 0)
    if keys is None:
        return None
    least: dict[str, int] = {}
    for key, gap in keys:
        least[key] = min(gap, least.get(key, gap))
    return KeyedScan(pattern, tuple(sorted(least.items())))


def _keys(items: list[Any], C: Any, gap: int) -> list[tuple[str, int]] | None:
    """(key, fewest gap characters before it) of each way ``items`` can open."""
    for i, (op, av) in enumerate(items):
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: what follows opens
        rest = items[i + 1 :]
        if op == C.SUBPATTERN:
            return None if av[1] or av[2] else _keys([*av[3], *rest], C, gap)
        if op == C.BRANCH:
            ways = [_keys([*alt, *rest], C, gap) for alt in av[1]]
            return None if any(w is None for w in ways) else [k for w in ways for k in w or ()]
        width = _gap_width(op, av, C)
        if width is not None:
            gap += width
            continue
        if op == C.LITERAL:
            run = [chr(av)]
            for op2, av2 in rest:
                if op2 != C.LITERAL:
                    break
                run.append(chr(av2))
            return [("".join(run), gap)]
        if op == C.IN and all(o == C.LITERAL for o, _ in av):
            return [(chr(a), gap) for _, a in av]
        return None
    return None  # only gaps: no key


def _gap_width(op: Any, av: Any, C: Any) -> int | None:
    """The fewest characters an item matches when it matches only gap characters, else None."""
    if op == C.LITERAL:
        return 1 if _is_gap(chr(av)) else None
    if op == C.IN:
        if (C.NEGATE, None) in av:
            return 1 if (C.CATEGORY, C.CATEGORY_NOT_SPACE) in av else None  # "[^\S\n]"
        ok = all(
            (o == C.LITERAL and _is_gap(chr(a))) or (o == C.CATEGORY and a == C.CATEGORY_SPACE)
            for o, a in av
        )
        return 1 if ok else None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        widths = [_gap_width(o, a, C) for o, a in av[2]]
        return None if any(w is None for w in widths) else av[0] * sum(w or 0 for w in widths)
    return None


def line_start_finditer(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``; a multi-line pattern whose every match opens at a line
    start ("^" first) is tried at each line start only, not at every character."""
    if not _at_line_starts(regex):
        yield from regex.finditer(text)
        return
    pos, at = 0, 0
    while at >= 0:
        if at >= pos and (m := regex.match(text, at)) is not None:
            yield m
            pos = max(m.end(), at + 1)
        nl = text.find("\n", at)
        at = nl + 1 if nl >= 0 else -1


@lru_cache(maxsize=64)
def _at_line_starts(regex: re.Pattern[str]) -> bool:
    return bool(regex.flags & re.MULTILINE) and opens_at(regex, "AT_BEGINNING")
