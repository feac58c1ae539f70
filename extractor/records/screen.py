"""Screening cue tables cheaply: which cues of a table can match a piece of text at all.

Running every cue of a table over every piece of every record was the record stage's main
cost. A cue whose every match opens with one of a few literal strings (``\\bpsoria(?:sis|
tic)\\b`` opens with "psoria") cannot match a piece that does not contain one; ``screen``
keeps only the cues that can, so the regexes run on far fewer pieces and the matches stay
exactly those of the full scan (tests/records/test_screen.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import ahocorasick

from extractor.context.literals import (  # noqa: F401 (here since the screens began here)
    _SPECIAL,
    FOLD_SPECIAL,
    folded_literals,
    may_match,
    required_literals,
)
from extractor.normalize.first_chars import parse_pattern

if TYPE_CHECKING:
    from extractor.records.lexicon import Cue

_I = int(re.IGNORECASE)  # a plain int: ``flags & re.IGNORECASE`` goes through enum.Flag


def literal_prefixes(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal ASCII strings (two characters or more) one of which opens every match of
    ``regex``, lower-cased when it ignores case; None when the pattern's opening is not a
    literal (a character class, a repeat, a flag change)."""
    parsed = parse_pattern(regex)  # the parser ``re`` itself compiles with (private)
    if parsed is None:
        return None  # another layout: no screening, same results
    found = _openings(*parsed)
    if not found or any(len(p) < 2 for p, _ in found):
        return None
    fold = bool(regex.flags & re.IGNORECASE)
    return tuple(sorted({p.lower() if fold else p for p, _ in found}))


def bounded_prefixes(regex: re.Pattern[str]) -> frozenset[str]:
    """The ``literal_prefixes`` a match opens with only right after a word boundary
    (``\\bAD\\b``, ``\\bin\\s+vitro``) and that start with a word character: an occurrence
    inside a word ("r-ad-iation", "sk-in") opens no match, unless a slice starts there."""
    parsed = parse_pattern(regex)
    if parsed is None or regex.flags & re.ASCII or literal_prefixes(regex) is None:
        return frozenset()  # an ASCII-only boundary is not the one ``_word`` reads
    fold = bool(regex.flags & re.IGNORECASE)
    found = {(p.lower() if fold else p, bounded) for p, bounded in _openings(*parsed) or ()}
    loose = {p for p, bounded in found if not bounded}
    return frozenset(p for p, _ in found if p not in loose and _word(p[0]))


def _word(c: str) -> bool:
    """Whether ``re`` reads ``c`` as a word character (``\\w`` of a str pattern)."""
    return c.isalnum() or c == "_"


def _openings(items: list[tuple[Any, Any]], C: Any, bounded: bool = False) -> set[Any] | None:
    """(opening, whether a word boundary comes right before it) of every path."""
    lit: list[str] = []
    for i, (op, av) in enumerate(items):
        if not lit and op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0:
            # an optional opening ("(?:chronic\\s+)?venous"): it, or what follows it
            first = _openings(list(av[2]), C, bounded)
            rest = _openings(items[i + 1 :], C, bounded)
            return first | rest if first and rest else None
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: consumes nothing
            if lit:
                break
            bounded = bounded or (op == C.AT and av == C.AT_BOUNDARY)
            continue
        if op == C.LITERAL and chr(av).isascii():
            lit.append(chr(av))
            continue
        head = "".join(lit)
        got = _group_openings(op, av, C, bounded)
        if got and head:  # "m(?:ice|ouse)" opens with "mice" or "mouse"
            return {(head + g, bounded) for g, _ in got}
        if got:
            return got
        return {(head, bounded)} if head else None
    return {("".join(lit), bounded)} if lit else None


def _group_openings(op: Any, av: Any, C: Any, bounded: bool) -> set[Any] | None:
    """Openings of a group or an alternation (None when one branch has none)."""
    if op == C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _openings(list(sub), C, bounded)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _openings(list(av[2]), C, bounded)
    if op == C.IN and all(o == C.LITERAL and chr(a).isascii() for o, a in av):
        return {(chr(a), bounded) for _, a in av}  # "(?:C|P)" parses as the class [CP]
    if op == C.BRANCH:
        out: set[Any] = set()
        for branch in av[1]:
            got = _openings(list(branch), C, bounded)
            if not got:
                return None
            out |= got
        return out
    return None


def _holds(cue: Cue, text: str, folded: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (``folded``: ``text`` lower-cased, same offsets) holds one
    of the cue's required literals (and of its second set), or the cue has none."""
    if cue.needs_re is None:
        return True
    hay = folded if cue.regex.flags & _I else text
    return cue.needs_re.search(hay, start, end) is not None and _also(cue, text, folded, start, end)


def _also(cue: Cue, text: str, folded: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds one of the cue's second literal set, or it has none."""
    if cue.also_re is None:
        return True
    return cue.also_re.search(folded if cue.regex.flags & _I else text, start, end) is not None


def screen(table: Sequence[Cue], chunk: str) -> Sequence[Cue]:
    """The cues of ``table`` that can match somewhere in ``chunk`` (a superset of those that
    do: a regex still decides), in the table's order."""
    if _SPECIAL.search(chunk):
        return table
    folded = chunk.lower()
    always, openings = _plan(table)
    keep = {i for i in always if _holds(table[i], chunk, folded, 0, len(chunk))}
    for opening, fold, _, which in openings:
        if opening in (folded if fold else chunk):
            keep.update(c for c in which if _also(table[c], chunk, folded, 0, len(chunk)))
    return [c for i, c in enumerate(table) if i in keep]


_PLANS: dict[int, tuple[Sequence[Cue], tuple[Any, ...]]] = {}


def _plan(table: Sequence[Cue]) -> tuple[Any, ...]:
    """Per table: the cues with no known opening, and each distinct (opening, folds case,
    only after a word boundary) with the cues it opens (kept for the lexicon's own tuples,
    built afresh for any other sequence)."""
    got = _PLANS.get(id(table))
    if got is not None and got[0] is table:
        return got[1]
    always = tuple(i for i, c in enumerate(table) if c.prefixes is None)
    which: dict[tuple[str, bool, bool], list[int]] = {}
    for i, c in enumerate(table):
        fold = bool(c.regex.flags & re.IGNORECASE)
        for p in c.prefixes or ():
            which.setdefault((p, fold, p in c.bounded), []).append(i)
    plan = (always, tuple((*key, tuple(ix)) for key, ix in which.items()))
    if isinstance(table, tuple):
        _PLANS[id(table)] = (table, plan)
        global _KNOWN
        _KNOWN = _KNOWN | {(p, fold) for p, fold, _ in which}
    return plan


# Every (opening, folds case) of the lexicon tables planned so far: a text's first index
# finds them all in one scan, for the tables asked for later too (one automaton scan of the
# lower-cased review finds its 252 openings and required literals in 1.3 ms; one scan per
# table took longer). Replaced, never changed in place, so a thread reading it sees a whole
# set.
_KNOWN: frozenset[tuple[str, bool]] = frozenset()


def screen_span(table: Sequence[Cue], text: str, start: int, end: int) -> Sequence[Cue]:
    """``screen(table, text[start:end])`` from an index of where each opening occurs in the
    whole text, built once per document and table: a piece then costs a bisection."""
    index = _occurrences(table, text)
    if index is None:
        return screen(table, text[start:end])
    free, folded, events, inner, held = index
    keep = set(free)
    for starts, ends, which in (events, inner, held):  # a slice makes any start a word's
        i = bisect_left(starts, start)  # start
        while i < len(starts) and starts[i] < end:
            if ends[i] <= end:
                keep.update(c for c in which[i] if _also(table[c], text, folded, start, end))
            i += 1
    if len(keep) == len(table):
        return table
    return [table[i] for i in sorted(keep)]


_LAST: dict[int, tuple[str, Any]] = {}  # per table: the last text indexed and its index
# the last text, lower-cased, and where each opening occurs in it (tables share openings)
# and whether it holds a letter that folds onto an ASCII one (read once per text, not per table)
_TEXT: list[tuple[str, str, dict[tuple[str, bool], list[int]], bool]] = []
# Every (literal, folds case) a no-opening cue of an indexed table requires (``Cue.needs``):
# found in the same scan as the openings, so whether a piece holds one is a bisection, not a
# regex search through the piece (the review's 1,900 such searches per document)
_KNOWN_NEEDS: frozenset[tuple[str, bool]] = frozenset()


def _occurrences(table: Sequence[Cue], text: str) -> Any:
    """(cues with no opening nor required literal, ``text`` lower-cased, events, inner
    events, literal events): the (starts, ends, cue indices) of every opening's occurrences
    in ``text``, by start; inner ones are those of an opening that needs a word boundary
    before it, inside a word (``bounded_prefixes``: they open a match only where a slice
    starts, and the review's weak openings "in", "en", "ad" are inside words half the time);
    literal ones those of the literals a cue with no opening requires (``Cue.needs``: a piece
    holding none is not searched for it). None where lower-casing would move offsets or a
    special letter occurs."""
    got = _LAST.get(id(table))
    if got is not None and got[0] is text:
        return got[1]
    last = _TEXT[0] if _TEXT else None  # read once: another thread may replace it
    if last is None or last[0] is not text:
        last = (text, text.lower(), {}, _SPECIAL.search(text) is not None)
        _TEXT[:] = [last]
    _, folded, found, special = last
    index = None
    if len(folded) == len(text) and not special:
        always, openings = _plan(table)
        needs = {(n, bool(table[i].regex.flags & _I)) for i in always for n in table[i].needs or ()}
        wanted = {(o, f) for o, f, _, _ in openings} | needs
        if any(k not in found for k in wanted):
            _find_openings(text, folded, found, wanted | _KNOWN | _KNOWN_NEEDS)
        if isinstance(table, tuple) and not needs <= _KNOWN_NEEDS:
            _know_needs(needs)
        events: list[tuple[int, int, tuple[int, ...]]] = []
        inner: list[tuple[int, int, tuple[int, ...]]] = []
        for opening, fold, bounded, cues_ in openings:
            n, at = len(opening), found[(opening, fold)]
            if not bounded:
                events += [(pos, pos + n, cues_) for pos in at]
                continue
            for pos in at:  # inside a word: after a character ``_word`` reads as one
                before = text[pos - 1] if pos else " "
                word = before.isalnum() or before == "_"
                (inner if word else events).append((pos, pos + n, cues_))
        held = [  # where a no-opening cue's required literal occurs: the whole piece is tried
            (pos, pos + len(n), (i,))
            for i in always
            for n in table[i].needs or ()
            for pos in found[(n, bool(table[i].regex.flags & _I))]
        ]
        free = tuple(i for i in always if table[i].needs is None)  # tried on every piece
        index = (free, folded, _columns(events), _columns(inner), _columns(held))
    if isinstance(table, tuple):  # the lexicon's own tables live as long as the process
        _LAST[id(table)] = (text, index)
    return index


def _know_needs(needs: set[tuple[str, bool]]) -> None:
    global _KNOWN_NEEDS
    _KNOWN_NEEDS = _KNOWN_NEEDS | needs


def _columns(events: list[tuple[int, int, tuple[int, ...]]]) -> Any:
    """(starts, ends, cue indices) of ``events``, by start."""
    events.sort(key=itemgetter(0))
    return [ev[0] for ev in events], [ev[1] for ev in events], [ev[2] for ev in events]


def _find_openings(
    text: str, folded: str, found: dict[tuple[str, bool], list[int]], wanted: set[Any]
) -> None:
    """Adds to ``found`` where each (opening, folds case) of ``wanted`` not in it yet occurs:
    in ``folded`` for a case-folding cue, in ``text`` for the others; one scan of each."""
    for fold in (True, False):
        missing = {o for o, f in wanted if f == fold and (o, f) not in found}
        hay = folded if fold else text
        if len(missing) >= _ONE_SCAN:
            hits = find_each(hay, tuple(sorted(missing)))
            found.update(((o, fold), hits[o]) for o in missing)
        else:
            found.update(((o, fold), _find_all(hay, o)) for o in missing)


# From this many openings on, one scan beats a ``str.find`` scan per opening (on the review:
# the 200 openings of the disease, model and route tables, 5.9 against 8.1 ms with the former
# regex trie, 1.3 ms with the automaton; a table of a few openings is faster with
# ``str.find``, but reading the ten two-letter openings by ``str.find`` beside the automaton
# was not: 1.6 against 1.3 ms).
_ONE_SCAN = 16


def find_each(hay: str, needles: tuple[str, ...]) -> dict[str, list[int]]:
    """Every start of each needle in ``hay``, overlapping ones included (what ``str.find``
    from each start + 1 gives), in one scan instead of one per needle.

    One Aho-Corasick automaton (pyahocorasick, in C) reports every needle ending at every
    position; it replaced a trie-shaped regex tried in a look-ahead at every position (the
    review's 224 openings: 5.8 -> 1.3 ms)."""
    automaton = _automaton(needles)
    if automaton is None:  # an empty needle occurs everywhere: no automaton needed
        return {n: _find_all(hay, n) for n in needles}
    found: list[list[int]] = [[] for _ in needles]
    for end, (i, back) in automaton.iter(hay):
        found[i].append(end - back)
    # a needle given twice: the automaton keeps its last index, so both read that list
    return {n: found[automaton.get(n)[0]] for n in needles}


@cache
def _automaton(needles: tuple[str, ...]) -> Any:
    """The needles' automaton, each needle mapped to (its index, its length - 1): the
    offset from where a match ends back to where it starts."""
    if not all(needles):
        return None
    automaton = ahocorasick.Automaton()
    for i, n in enumerate(needles):
        automaton.add_word(n, (i, len(n) - 1))
    automaton.make_automaton()
    return automaton


def _find_all(hay: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``hay``, overlapping ones included (``find_each``'s
    reference)."""
    out = []
    pos = hay.find(needle)
    while pos >= 0:
        out.append(pos)
        pos = hay.find(needle, pos + 1)
    return out


def may_match_in(regex: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """``literals.may_match`` read from the lower-cased text the index keeps: no copy of the
    span, one ``str.find`` per literal. The model reader screens every piece for a cultured
    product's name this way (0.5 ms of regex scans per document on the review)."""
    last = _TEXT[0] if _TEXT else None  # read once: another thread may replace it
    if last is None or last[0] is not text or last[3] or len(last[1]) != len(text):
        return may_match(regex, text, start, end)  # lower-casing moved offsets, or a
    found = _folded(regex)  # letter folds onto an ASCII one: read the span itself
    return found is None or any(last[1].find(n, start, end) >= 0 for n in found)


@cache
def _folded(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    return folded_literals(regex)


def cue_matches(
    table: Sequence[Cue], text: str, start: int, end: int, sliced: bool = True
) -> list[tuple[Cue, re.Match[str]]]:
    """(cue, match) of every cue of ``table`` in ``text[start:end]``, cue by cue in the table's
    order, as ``cue.regex.finditer(text[start:end])`` gives them (offsets in that slice), or
    with ``sliced=False`` as ``cue.regex.finditer(text, start, end)`` (offsets in ``text``). A
    cue whose every match opens with a known literal is tried only where one occurs (from the
    per-document index), not at every character of the piece.

    A list, gathered in one pass over the piece's openings: a generator that set up a dict
    of position lists and sorted each cue's again cost the votes of the review (478 calls)
    6.9 -> 5.8 ms.
    """
    got = _LAST.get(id(table))  # ``_occurrences``, its answer for the last text read inline
    index = got[1] if got is not None and got[0] is text else _occurrences(table, text)
    out: list[tuple[Cue, re.Match[str]]] = []
    if index is None:
        hay, lo, hi = (text[start:end], 0, end - start) if sliced else (text, start, end)
        for cue in screen(table, text[start:end]):
            out += [(cue, m) for m in cue.regex.finditer(hay, lo, hi)]
        return out
    free, folded, (starts, ends, which), inner, (ls, le, lw) = index
    at: dict[int, list[int] | None] = dict.fromkeys(free)  # no known opening: the whole
    for k in range(bisect_left(ls, start), bisect_left(ls, end)):  # piece, where a literal
        c = lw[k][0]  # the cue requires occurs in it, and one of its second set
        if le[k] <= end and c not in at and _also(table[c], text, folded, start, end):
            at[c] = None
    if sliced:  # an opening inside a word starts a word in the slice that starts with it
        k, (at_starts, at_ends, at_which) = bisect_left(inner[0], start), inner
        while k < len(at_starts) and at_starts[k] == start:
            if at_ends[k] <= end:
                for c in at_which[k]:
                    at[c] = [0]
            k += 1
    shift = -start if sliced else 0  # to offsets in the slice, or in ``text``
    for k in range(bisect_left(starts, start), bisect_left(starts, end)):
        if ends[k] <= end:
            p = starts[k] + shift  # by start: each cue's positions come in order
            for c in which[k]:
                got = at.get(c)
                if got is None:
                    at[c] = [p]
                else:
                    got.append(p)
    if not at:
        return out  # most pieces: no cue can match, and the slice is never made
    hay, lo, hi = (text[start:end], 0, end - start) if sliced else (text, start, end)
    for c in sorted(at):
        cue, got = table[c], at[c]
        if got is None:
            out += [(cue, m) for m in cue.regex.finditer(hay, lo, hi)]
            continue
        match, pos = cue.regex.match, lo  # finditer's scan: the leftmost match, on from its end
        for p in got:
            if p >= pos:
                m = match(hay, p, hi)
                if m is not None and m.end() > p:
                    out.append((cue, m))
                    pos = m.end()
    return out
