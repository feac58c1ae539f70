"""A regex that tries only where a match can open: a look-ahead on its first characters.

Python's regex engine tries a pattern at every position of the text unless the pattern
opens with a literal or a character class. An alternation whose branches open with
look-behinds and long word lists (the sample-size pattern: counts in digits and words,
"sample size", "n =") is tried in full at every character, letters, spaces and all.
:func:`guarded` puts ``(?=[...])`` in front, the set of characters any match can open
with (read from the pattern by the parser ``re`` itself uses), compiled with the pattern's
own flags so case folding is the same: a position whose character is not in the set is
left after one test. The matches, their groups and their order stay exactly those of the
pattern (tests/pipeline/test_first_chars.py).
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Iterator
from typing import Any


def guarded(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` behind a look-ahead on its possible first characters; ``regex`` itself when
    they cannot be read (a pattern that may match empty, opens with ``.`` or a negated class,
    or changes flags in a group)."""
    if opens_at(regex, "AT_BEGINNING", "AT_BEGINNING_LINE", "AT_BEGINNING_STRING"):
        return regex  # "^" first: the cheapest test there is already
    chars = first_chars(regex)
    # every match opening at a word boundary (r"\bimiquimod\b|(?-i:\bIMQ\b)|…"): a position
    # inside a word leaves after that one test, not after a failed test per alternative
    boundary = opens_at(regex, "AT_BOUNDARY")
    if chars is None and not boundary:
        return regex
    head = ("\\b" if boundary else "") + (f"(?=[{chars}])" if chars is not None else "")
    try:
        return re.compile(f"{head}(?:{regex.pattern})", regex.flags)
    except re.error:  # pragma: no cover - e.g. global inline flags at the pattern's start
        return regex


def parse_pattern(regex: re.Pattern[str]) -> tuple[list[tuple[Any, Any]], Any] | None:
    """The items CPython's ``re`` parser reads ``regex`` into, and its constants module; None
    where that private layout differs (callers then skip their shortcut: same results)."""
    parsed = _parse(regex)
    return None if parsed is None else (list(parsed), importlib.import_module("re._constants"))


def _parse(regex: re.Pattern[str]) -> Any:
    """``re._parser.parse`` of ``regex`` (None where that private layout differs); the
    warnings the pattern gave when it was compiled are not given again."""
    try:
        P = importlib.import_module("re._parser")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            return P.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - another layout
        return None


def opens_at(regex: re.Pattern[str], *anchors: str) -> bool:
    """Whether every match of ``regex`` opens with one of ``anchors`` (``re._constants``
    names: "AT_BOUNDARY" for ``\\b``), the first item of each alternative, through groups
    that change no flag but case and multi-line mode."""
    parsed = parse_pattern(regex)
    if parsed is None:
        return False
    items, C = parsed
    return _opens_at(items, C, {getattr(C, a) for a in anchors})


def _opens_at(items: list[tuple[Any, Any]], C: Any, anchors: set[Any]) -> bool:
    if not items:
        return False
    op, av = items[0]
    if op == C.AT:
        return av in anchors
    if op == C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & ~(re.IGNORECASE | re.MULTILINE):
            return False
        return _opens_at(list(sub), C, anchors)
    if op == C.BRANCH:
        return all(_opens_at(list(branch), C, anchors) for branch in av[1])
    return False


def first_chars(regex: re.Pattern[str]) -> str | None:
    """The body of a character class holding every character a match of ``regex`` can open
    with (unfolded: compiled with the pattern's flags it folds case as the pattern does), or
    None when that is not known."""
    parsed = parse_pattern(regex)
    if parsed is None:
        return None  # another layout: no guard, same results
    found, nullable = _first(*parsed, bool(regex.flags & re.IGNORECASE))
    if found is None or nullable or not found:
        return None
    return "".join(sorted(found))


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def last_chars(regex: re.Pattern[str]) -> str | None:
    """The body of a character class holding every character a match of ``regex`` can end
    with (as :func:`first_chars`, read from the other end), or None when that is not known."""
    parsed = parse_pattern(regex)
    if parsed is None:
        return None
    found, nullable = _first(*parsed, bool(regex.flags & re.IGNORECASE), reverse=True)
    if found is None or nullable or not found:
        return None
    return "".join(sorted(found))


_MAX_REACH = 64  # a branch wider than this counts as unbounded


def end_reach(regex: re.Pattern[str]) -> tuple[int, str] | None:
    """(width, class body) for a pattern whose matches all end where the string ends: a
    match opens at most ``width`` characters before its end, unless its branch is unbounded
    ("\\.\\.+$"), and such a match opens with a character of the class ("" when no branch
    is). The branches are the pattern's top-level alternatives, behind any zero-width items
    (a guard). None when a width or an unbounded branch's first characters are not known."""
    parsed = _parse(regex)
    if parsed is None:
        return None
    P = importlib.import_module("re._parser")
    C = importlib.import_module("re._constants")
    items = [item for item in parsed if item[0] not in (C.AT, C.ASSERT, C.ASSERT_NOT)]
    while len(items) == 1 and items[0][0] == C.SUBPATTERN and not (items[0][1][1] | items[0][1][2]):
        items = list(items[0][1][3])
    branches = (
        [list(b) for b in items[0][1][1]]
        if len(items) == 1 and items[0][0] == C.BRANCH
        else [items]
    )
    width, opens = 0, set()
    for branch in branches:
        hi = P.SubPattern(parsed.state, branch).getwidth()[1]
        if hi <= _MAX_REACH:
            width = max(width, hi)
            continue
        found, nullable = _first(branch, C, bool(regex.flags & re.IGNORECASE))
        if found is None or nullable:
            return None
        opens |= found
    return width, "".join(sorted(opens))


def _first(
    items: list[tuple[Any, Any]], C: Any, folds: bool, reverse: bool = False
) -> tuple[set[str] | None, bool]:
    """(class items a match of ``items`` can open with, whether ``items`` can match empty);
    None for the items when unknown. ``folds``: the pattern ignores case, so its class folds
    case too, and a group that matches case-sensitively (``(?-i:IMQ)``) adds a superset.
    ``reverse``: the items a match can end with, read from the last item back."""
    out: set[str] = set()
    for op, av in reversed(items) if reverse else items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: the next item opens
            continue
        if op == C.LITERAL:
            return out | {re.escape(chr(av))}, False
        if op == C.IN:
            got = _class(av, C)
            return (None, False) if got is None else (out | got, False)
        if op == C.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if not _case_only(add_flags, del_flags, folds):
                return None, False
            got, nullable = _first(list(sub), C, folds, reverse)
        elif op == C.BRANCH:
            got, nullable = set(), False
            for branch in av[1]:
                b, b_null = _first(list(branch), C, folds, reverse)
                if b is None:
                    return None, False
                got |= b
                nullable = nullable or b_null
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            got, nullable = _first(list(av[2]), C, folds, reverse)
            nullable = nullable or av[0] == 0
        else:  # ".", a negated literal, a back-reference, an atomic group...
            return None, False
        if got is None:
            return None, False
        out |= got
        if not nullable:
            return out, False
    return out, True


def _case_only(add_flags: int, del_flags: int, folds: bool) -> bool:
    """A group's flags leave its first characters readable: none changed, or only multi-line
    mode, or case folding turned off (or on again) inside a pattern that folds case."""
    case = re.IGNORECASE if folds else 0
    return not (add_flags & ~(re.MULTILINE | case)) and not (del_flags & ~(re.MULTILINE | case))


def _class(av: Any, C: Any) -> set[str] | None:
    out: set[str] = set()
    for op, a in av:
        if op == C.LITERAL:
            out.add(re.escape(chr(a)))
        elif op == C.RANGE:
            out.add(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
        elif op == C.CATEGORY and str(a) in _CATEGORIES:
            out.add(_CATEGORIES[str(a)])
        else:  # a negated class, a locale category
            return None
    return out


def finditer_not_after(
    pattern: re.Pattern[str],
    text: str,
    before: re.Pattern[str] | None,
    pos: int = 0,
    endpos: int | None = None,
    heads: tuple[str, ...] | None = None,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)`` for the matches whose preceding character
    ``before`` does not match, as a leading look-behind ``(?<![...])`` would give. Without
    that look-behind a pattern opening with a literal or a class is scanned for by its first
    characters, several times faster; a hit right after such a character is skipped and the
    search goes on one character later. ``before`` None: every match.

    ``heads``: literal strings one of which every match opens with (:func:`literal_heads`,
    or the words of a literal alternation); the pattern is then tried only where one of them
    is written (:func:`_at_heads`)."""
    end = len(text) if endpos is None else endpos
    if heads is not None:
        yield from _at_heads(pattern, text, before, pos, end, heads)
        return
    while (m := pattern.search(text, pos, end)) is not None:
        start = m.start()
        if start and before is not None and before.match(text, start - 1):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


def _at_heads(
    pattern: re.Pattern[str],
    text: str,
    before: re.Pattern[str] | None,
    pos: int,
    end: int,
    heads: tuple[str, ...],
) -> Iterator[re.Match[str]]:
    """The matches ``finditer_not_after`` gives, found by trying ``pattern.match`` only where
    a head is written, in text order: ``str.find`` skips to a literal in C, where the regex
    engine would try an alternation of words at every character that opens one (the score
    grammar's heads "score", "index", "scale" open at every s and i of a paper). A match
    opens with a head, so the leftmost match from a position is the first head from there
    at which the pattern matches; a hit after ``before`` is skipped as the search skips it."""
    starts: set[int] = set()
    for head in _shortest(heads):
        k = text.find(head, pos, end)
        while k >= 0:
            starts.add(k)
            k = text.find(head, k + 1, end)
    for start in sorted(starts):
        if start < pos or (start and before is not None and before.match(text, start - 1)):
            continue
        m = pattern.match(text, start, end)
        if m is not None:
            yield m
            pos = m.end() if m.end() > start else start + 1


def _shortest(heads: tuple[str, ...]) -> list[str]:
    """``heads`` less those another of them opens ("scores" after "score"): sorted, a word
    any head opens follows that head, with only such words between."""
    out: list[str] = []
    for head in sorted(heads):
        if not (out and head.startswith(out[-1])):
            out.append(head)
    return out


_MAX_HEADS = 512


def literal_heads(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``regex`` opens with (the words of an
    opening alternation, each run on with the literals after it: "(?:IL|TNF)-" gives "IL-"
    and "TNF-"), or None when a match may open otherwise, the pattern folds case or the
    heads would be too many."""
    if regex.flags & re.IGNORECASE:
        return None
    parsed = parse_pattern(regex)
    if parsed is None:
        return None
    heads, _ = _heads(*parsed)
    if not heads or "" in heads or len(heads) > _MAX_HEADS:
        return None
    return tuple(sorted(heads))


def _heads(items: list[tuple[Any, Any]], C: Any) -> tuple[set[str], bool]:
    """(prefixes every match of ``items`` opens with, whether each is a whole match)."""
    acc = {""}
    for k, (op, av) in enumerate(items):
        if op == C.LITERAL:
            acc = {p + chr(av) for p in acc}
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):  # "(?:atopic[ \t]+){0,2}dermatitis"
            inner, _ = _heads(list(av[2]), C)
            taken = {p + s for p in acc for s in inner}
            if av[0] > 0:
                return taken, False
            rest, _ = _heads(items[k + 1 :], C)  # or no repeat at all
            return taken | {p + s for p in acc for s in rest}, False
        if op == C.SUBPATTERN and not (av[1] | av[2]):
            sub, whole = _heads(list(av[3]), C)
        elif op == C.BRANCH:
            sub, whole = set(), True
            for branch in av[1]:
                got, branch_whole = _heads(list(branch), C)
                sub |= got
                whole = whole and branch_whole
        else:  # a class, a repeat, an assertion...: the literal part ends here
            return acc, False
        acc = {p + s for p in acc for s in sub}
        if len(acc) > _MAX_HEADS or not whole:
            return acc, False
    return acc, True
