"""What a regular expression's matches must hold: literals one of which every match contains
(``required_literals``; lower-cased ``folded_literals`` for patterns that ignore case) and a
cheap test that a span holds none (``may_match``). The context engine screens its rules with
them, the record stage its cue tables (``extractor.records.screen``): a rule or cue whose
literals a span lacks is not run there, with the same results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from extractor.normalize.first_chars import parse_pattern

# Non-ASCII characters that a case-insensitive ASCII letter matches although their lower case
# is not that letter (dotted and dotless i, long s, Kelvin sign): where one occurs, no cue is
# screened out (tests/records/test_screen.py derives the set from ``re`` itself).
FOLD_SPECIAL = frozenset("\u0130\u0131\u017f\u212a")
_SPECIAL = re.compile("[" + "".join(sorted(FOLD_SPECIAL)) + "]")


def required_literals(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal ASCII strings (two characters or more) one of which every match of ``regex``
    holds somewhere (lower-cased when it ignores case): a cue with no known opening ("a
    45-year-old man", ``\\b\\w*MSCs?\\b``) cannot match a piece holding none. None: not known,
    or some of them match case-sensitively and others not."""
    fold = bool(regex.flags & re.IGNORECASE)
    found = _required_of(regex, fold)
    if not found or any(f != fold for _, f in found):
        return None
    return tuple(sorted({x.lower() if fold else x for x, _ in found}))


def fewest_literals(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    r"""``required_literals`` chosen for the fewest literals, then the longest shortest one,
    instead of the longest shortest one: another set, as sound, every match holds one of
    ("cm" of ``[\w-]*(?:MSCs?|…|SCs?)-?CM`` where the other choice reads five acronyms)."""
    fold = bool(regex.flags & re.IGNORECASE)
    parsed = parse_pattern(regex)
    if parsed is None:
        return None
    items, C = parsed
    found = _required(items, C, fold, _by_count)
    if not found or any(f != fold for _, f in found):
        return None
    return tuple(sorted({x.lower() if fold else x for x, _ in found}))


def folded_literals(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """``required_literals`` of a pattern whose literals all ignore case, also inside a
    ``(?i:…)`` group (the context rules' form), lower-cased; None otherwise."""
    found = _required_of(regex, bool(regex.flags & re.IGNORECASE))
    if not found or not all(f for _, f in found):
        return None
    return tuple(sorted({x.lower() for x, _ in found}))


@cache
def _folded_needs(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    found = folded_literals(regex)
    return None if found is None else re.compile("|".join(map(re.escape, found)))


def may_match(regex: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """False only when ``regex`` (its literals ignoring case: ``folded_literals``) cannot
    match inside ``text[start:end]``: none of its required literals occurs there. A context
    rule tried on a clause ("the ratio of IL-10 to IL-12") is skipped on most of them."""
    needs = _folded_needs(regex)
    if needs is None:
        return True
    chunk = text[start:end]
    return bool(_SPECIAL.search(chunk)) or needs.search(chunk.lower()) is not None


def _required_of(regex: re.Pattern[str], fold: bool) -> set[tuple[str, bool]] | None:
    parsed = parse_pattern(regex)
    if parsed is None:
        return None  # another parser layout: no screening, same results
    items, C = parsed
    return _required(items, C, fold)


def _by_length(cand: set[tuple[str, bool]]) -> tuple[int, ...]:
    return (min(len(x) for x, _ in cand),)


def _by_count(cand: set[tuple[str, bool]]) -> tuple[int, ...]:
    return (-len(cand), min(len(x) for x, _ in cand))


def _required(
    items: list[tuple[Any, Any]],
    C: Any,
    fold: bool,
    rank: Callable[[set[tuple[str, bool]]], tuple[int, ...]] = _by_length,
) -> set[tuple[str, bool]] | None:
    """The best set of (literal, ignores case) one of which a match of ``items`` holds: of
    each literal run and each group that must match, the set ``rank`` puts highest (the
    first on a tie; by default the one whose shortest literal is longest). A group may turn
    case folding on or off, no other flag."""
    best: set[tuple[str, bool]] | None = None
    run: list[str] = []

    def consider(cand: set[tuple[str, bool]] | None) -> None:
        nonlocal best
        if not cand or any(len(x) < 2 for x, _ in cand):
            return
        if best is None or rank(cand) > rank(best):
            best = cand

    for op, av in [*items, (None, None)]:
        if op == C.LITERAL and chr(av).isascii():
            run.append(chr(av))
            continue
        consider({("".join(run), fold)} if run else None)
        run = []
        if op == C.SUBPATTERN and not (av[1] | av[2]) & ~re.IGNORECASE:
            inner = (fold or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
            consider(_required(list(av[3]), C, inner, rank))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2]), C, fold, rank))
        elif op == C.BRANCH:
            parts = [_required(list(b), C, fold, rank) for b in av[1]]
            if all(parts):
                consider(set().union(*parts))  # type: ignore[arg-type]
    return best
