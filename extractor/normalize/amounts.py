"""Amounts: quantities with their units, ranges ("1–2 × 10^6") and lists ("1, 3 and 10 µg")
that share a trailing unit, and the dose objects they denote (SCHEMA §3).

Pure grammar, no context: every amount the notation allows is read here; which of them are
administered doses is decided by ``extractor.normalize.dose_filters``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np

from extractor.normalize.numbers import words_pattern
from extractor.normalize.quantity import (
    SP,
    Qty,
    Unit,
    alternation,
    grammar,
    next_word,
    qty_at,
    unit_at,
)
from extractor.types import Dose

__all__ = ["Group", "Item", "confidence", "doses_of", "parse_dose", "scan"]

_RANGE_STRICT = re.compile(rf"{SP}*[–—‒−~\u2010\u2011-]{SP}*|{SP}+to{SP}+")
_LIST_SEP = re.compile(rf"{SP}*,{SP}*(?:(?:and|or){SP}+)?|{SP}+(?:and/or|and|or){SP}+")
_LABEL = re.compile(rf"{SP}*\((?P<label>[^()\d\n]{{1,30}})\)")


@dataclass(frozen=True, slots=True)
class Item:
    start: int
    end: int  # end of the item's own text (incl. its own unit)
    low: Qty
    high: Qty | None
    unit: Unit | None
    label_end: int  # end after a trailing "(low dose)" label, else == end


def _item_at(text: str, i: int) -> Item | None:
    """A quantity or a range of two, with its own unit when written there."""
    low = qty_at(text, i)
    if low is None:
        return None
    unit = unit_at(text, low.end, count=low.has_power or low.scaled)
    end = unit.end if unit else low.end
    high: Qty | None = None
    rng = _RANGE_STRICT.match(text, end)
    if rng is not None:
        cand = qty_at(text, rng.end())
        if cand is not None:
            unit2 = unit_at(text, cand.end, count=cand.has_power or cand.scaled)
            same_unit = unit is None or (unit2 is not None and unit2.canonical == unit.canonical)
            # "0.5–3.1 million", "1–2 × 10^6": the multiplier is written once, at the end.
            lo = _with_multiplier_of(low, cand)
            if same_unit and lo.value < cand.value:
                low, high = lo, cand
                unit = unit2 if unit2 is not None else unit
                end = unit2.end if unit2 is not None else cand.end
    label_end = end
    if unit is None:
        lab = _LABEL.match(text, end)
        if lab is not None:
            label_end = lab.end()
    return Item(start=i, end=end, low=low, high=high, unit=unit, label_end=label_end)


# Real dose lists have a handful of items; the cap keeps the scan linear on number soup.
_MAX_LIST_ITEMS = 12


@dataclass(frozen=True, slots=True)
class Group:
    start: int
    end: int
    items: tuple[Item, ...]
    units: tuple[str | None, ...]  # canonical unit per item after sharing


def _group_at(text: str, i: int, cache: dict[int, Item | None] | None = None) -> Group | None:
    """The amount that starts at ``i``: one item, a range, or a list whose items share the
    unit written after the last ("1, 3 and 10 µg"); ``cache`` keeps the items read, since a
    failed list is re-read from each of its numbers."""
    items = _list_at(text, i, {} if cache is None else cache)
    if not items:
        return None
    items = _between_and(text, i, items)
    items[-1] = _unit_after_label(text, items[-1])
    units = _share_units(text, items)
    return _kept(items, units)


def _list_at(text: str, i: int, cache: dict[int, Item | None]) -> list[Item]:
    """The items of a list from ``i``, joined by commas, "and", "or"; none when no amount
    starts there."""

    def item(k: int) -> Item | None:
        # A failed list is re-read from each of its numbers; parse each position once.
        if k not in cache:
            cache[k] = _item_at(text, k)
        return cache[k]

    first = item(i)
    if first is None:
        return []
    items = [first]
    while len(items) < _MAX_LIST_ITEMS:
        last = items[-1]
        pos = last.label_end if last.unit is None else last.end
        sep = _LIST_SEP.match(text, pos)
        if sep is None or sep.end() == pos:
            break
        nxt_start = sep.end()
        if nxt_start >= len(text) or not text[nxt_start].isdigit():
            break
        nxt = item(nxt_start)
        if nxt is None:
            break
        prev_units = [it.unit.canonical for it in items if it.unit is not None]
        if (
            nxt.unit is not None
            and prev_units
            and prev_units[-1] != nxt.unit.canonical
            and not _denominator_shared(text, prev_units[-1], nxt.unit)
        ):
            break  # "1 × 10^6 cells and 5 µg" are two amounts of two things, two spans
        items.append(nxt)
    return items


def _between_and(text: str, i: int, items: list[Item]) -> list[Item]:
    """ "between 1 and 5 µg" is a range, not a list of two."""
    if len(items) != 2 or not re.search(r"\bbetween\s+$", text[max(0, i - 12) : i]):
        return items
    a, b = items
    joined = text[a.label_end if a.unit is None else a.end : b.start]
    if not re.fullmatch(rf"{SP}+and{SP}+", joined) or a.high is not None or b.high is not None:
        return items
    lo = _with_multiplier_of(a.low, b.low)
    if lo.value < b.low.value:
        return [Item(a.start, b.end, lo, b.low, b.unit or a.unit, b.label_end)]
    return items


def _unit_after_label(text: str, tail: Item) -> Item:
    """A trailing unit may sit after a dose label: "1.19 × 1010 (high dose) particles/20 g"."""
    if tail.unit is None and tail.label_end > tail.end:
        u = unit_at(text, tail.label_end)
        if u is not None:
            return Item(tail.start, u.end, tail.low, tail.high, u, u.end)
    return tail


def _share_units(text: str, items: list[Item]) -> list[str | None]:
    """The canonical unit of each item, shared right to left; trailing unit-less items stand
    alone (unit null). An item that takes a unit takes the multiplier written once with it
    too ("1 and 2 × 10^6 cells"): ``items`` is updated in place."""
    units: list[str | None] = [None] * len(items)
    nxt_unit: Unit | None = None
    nxt_item: Item | None = None
    for k in range(len(items) - 1, -1, -1):
        it = items[k]
        if it.unit is not None:
            units[k] = it.unit.canonical
            if nxt_unit is not None and _denominator_shared(text, it.unit.canonical, nxt_unit):
                units[k] = nxt_unit.canonical  # "10 µg or 50 µg per mouse": µg/mouse both
            else:
                nxt_unit, nxt_item = it.unit, it
        elif nxt_unit is not None and nxt_item is not None:
            units[k] = nxt_unit.canonical
            lo = _with_multiplier_of(it.low, nxt_item.low)
            if lo is not it.low:
                items[k] = Item(it.start, it.end, lo, it.high, it.unit, it.label_end)
    return units


def _denominator_shared(text: str, unit: str, later: Unit) -> bool:
    """Whether a later item's unit is this item's with a denominator written once, in words,
    at the end of the list ("10 µg or 50 µg per mouse"): the same numerator, none here, and
    "per" before the later one's denominator; "10 000 cells and 500 000 cells/kg" stay two."""
    return (
        "/" not in unit
        and later.canonical.startswith(unit + "/")
        and re.search(r"\bper\b", text[later.start : later.end]) is not None
    )


def _with_multiplier_of(q: Qty, src: Qty) -> Qty:
    """``q`` with the power or scale word of ``src`` when only ``src`` writes one ("0.5–3.1
    million": the multiplier is written once, at the end); else ``q`` itself."""
    if (q.has_power or q.scaled) or not (src.has_power or src.scaled):
        return q
    return Qty(
        q.start,
        q.end,
        q.mantissa,
        src.multiplier,
        src.has_power,
        src.times_power,
        src.scaled,
        src.negative_exp,
    )


def _kept(items: list[Item], units: list[str | None]) -> Group | None:
    """The group of the items kept: after the last item with a unit, only unit-less power
    counts; unit-less items without power notation end the list."""
    keep: list[int] = []
    for k, it in enumerate(items):
        if units[k] is None and not _is_count(it) and k > 0:
            break  # the first item alone may still be a count before a cell noun
        keep.append(k)
    if not keep:
        return None
    if any(units[k] is not None for k in keep) and any(units[k] is None for k in keep):
        # Mixed: cut at the last unit-bearing item to avoid guessing.
        last_u = max(k for k in keep if units[k] is not None)
        keep = [k for k in keep if k <= last_u]
    sel = tuple(items[k] for k in keep)
    sel_units = tuple(units[k] for k in keep)
    last = sel[-1]
    end = last.unit.end if last.unit is not None else last.end
    if last.high is not None:
        end = max(end, last.high.end)
    return Group(start=sel[0].start, end=end, items=sel, units=sel_units)


def _is_count(it: Item) -> bool:
    """A unit-less quantity that can still be a dose: mantissa × 10^k, k ≥ 3 (cell counts)."""
    q = it.high or it.low
    return it.low.times_power and q.times_power and not q.negative_exp and q.multiplier >= 1000


def _to_float(d: Decimal) -> float:
    return float(d)


def doses_of(text: str, g: Group) -> tuple[Dose, ...]:
    if len(g.items) == 1:
        it = g.items[0]
        lo = _to_float(it.low.value)
        hi = _to_float(it.high.value) if it.high else lo
        return (Dose(text[g.start : g.end], lo, hi, g.units[0]),)
    out: list[Dose] = []
    for it, unit in zip(g.items, g.units, strict=False):
        lo = _to_float(it.low.value)
        hi = _to_float(it.high.value) if it.high else lo
        out.append(Dose(text[it.start : it.end], lo, hi, unit))
    return tuple(out)


def scan(text: str, limit: int | None = None) -> list[Group]:
    """Left-to-right, non-overlapping groups (the longest group from each start).

    ``limit``: only the groups that start before it (each read in the whole text, as
    without a limit): the pipeline reads no amounts in a reference list, whose years,
    volumes and pages were a quarter of the review's scan."""
    groups: list[Group] = []
    cache: dict[int, Item | None] = {}
    stop = len(text) if limit is None else min(limit, len(text))
    words = sorted(
        {
            m.start()
            for s in _scale_words(text)
            for m in _WORD_START_RE.finditer(text, max(0, s.start() - 60), s.end())
            if m.start() < stop
        }
    )
    runs = _digit_runs(text[:stop])
    i = 0
    while True:
        digit = _run_from(runs, i)  # DIGIT_RUN.search(text, i, stop), as (start, end)
        k = bisect_left(words, i) if words else 0
        word = words[k] if k < len(words) else None
        if word is not None and (digit is None or word < digit[0]):
            g = _group_at(text, word, cache)
            if g is None or not _has_unit_or_count(text, g):
                i = word + 1
                continue
            groups.append(g)
            i = g.end
            continue
        if digit is None:
            break
        i = digit[0]
        if not may_continue(text, i):
            i = digit[1]  # no unit, power or scale word can follow: no group here
            continue
        g = _group_at(text, i, cache)
        if g is None or not _has_unit_or_count(text, g):
            i = digit[1]  # past this digit run, so "2016" is not re-read as "016"
            continue
        groups.append(g)
        i = g.end
    return groups


# Only ASCII digits start a number (a regex jump, not a character loop: most text is words),
# and a count in words right before a scale word ("two million cells").
DIGIT_RUN = re.compile(r"[0-9]+")
_LONG_TEXT = 2000  # characters from which the digit runs are found by numpy (_digit_runs)


def _digit_runs(text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of every run of ASCII digits, as ``DIGIT_RUN.finditer`` gives them.

    In a paper the runs are found in one pass of numpy over the characters' code points:
    the regex engine tests its class at every character, and the scan searched once per run
    (771 searches over the review: 0.60 ms; numpy: 0.10 ms). A short text keeps the regex."""
    if len(text) < _LONG_TEXT:
        found = [m.span() for m in DIGIT_RUN.finditer(text)]
        return [a for a, _ in found], [b for _, b in found]
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    digit = ((codes >= 48) & (codes <= 57)).astype(np.int8)
    edges = np.diff(digit, prepend=np.int8(0), append=np.int8(0))
    return np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()


def _run_from(runs: tuple[list[int], list[int]], i: int) -> tuple[int, int] | None:
    """The digit run ``DIGIT_RUN.search(text, i)`` finds: the rest of the run ``i`` is in,
    else the next run, else None."""
    starts, ends = runs
    k = bisect_right(starts, i) - 1
    if k >= 0 and ends[k] > i:
        return i, ends[k]
    return (starts[k + 1], ends[k + 1]) if k + 1 < len(starts) else None


_SCALE_RE = re.compile(r"(?i)\b(?:million|billion)")
# The letters of "llion" and every letter (?i) folds to them ("İ" and "ı" are i's): a scale
# word is looked for only where this cheap case-sensitive scan finds its tail.
_LLION_RE = re.compile(r"[lL][lL][iIıİ][oO][nN]")
# The same tail, one pattern per way of writing its first two letters: a pattern opening
# with a literal is searched for in C (the class above is tested at every character), and
# two tails never overlap (the third letter of one would be an "l"), so the four patterns'
# matches together are the class's (0.37 -> 0.12 ms on the review).
_LLION_BY_HEAD = tuple(re.compile(rf"{h}[iIıİ][oO][nN]") for h in ("ll", "lL", "Ll", "LL"))


def _scale_words(text: str) -> Iterator[re.Match[str]]:
    """``_SCALE_RE.finditer(text)``: every "million"/"billion" ends in "llion" (scale words
    never overlap), and the case-insensitive match is tried only there."""
    tails = sorted(q.start() for p in _LLION_BY_HEAD for q in p.finditer(text))
    for start in tails:
        s = _SCALE_RE.match(text, start - 2) if start >= 2 else None
        if s is not None:
            yield s


_WORD_START_RE = re.compile(rf"(?i)(?<![\w\-])(?:{words_pattern()})(?=\s+(?:million|billion)s?\b)")


# What a group is made of before its first unit, power or scale word: digits, decimal and
# thousands marks, spaces and line breaks, range dashes, list commas and the words of
# _RANGE_STRICT and _LIST_SEP. Every group that _has_unit_or_count has such a mark, so the
# first character after this stretch is one of _MARK (or the stretch is too long to tell).
_STRETCH_ONE = r"(?:[0-9.,\s–—‒−~\u2010\u2011-]|(?:and/or|and|or|to)(?=\s))"


@lru_cache(maxsize=1)
def _mark() -> re.Pattern[str]:
    """Where a unit (a numerator: units start with a letter), a power of ten (×, x, ^, (, E,
    superscripts), a scale word or a dose label ("(low dose)") can begin."""
    t = grammar()
    scale = alternation(list(t.scale))
    return re.compile(rf"[×xX*·✕^(eE⁰¹²³⁴⁵⁶⁷⁸⁹⁻]|(?i:{scale})|{t.numerator.pattern}")


@lru_cache(maxsize=1)
def _continues() -> re.Pattern[str]:
    """The stretch, taken whole (possessive: no shorter stretch is tried), then one more
    stretch character (the stretch was too long to tell) or a mark: ``may_continue`` in one
    match instead of three calls (0.50 -> 0.42 ms at the review's 771 digit runs)."""
    return re.compile(rf"(?:{_STRETCH_ONE}){{0,200}}+(?:{_STRETCH_ONE}|{_mark().pattern})")


def may_continue(text: str, i: int) -> bool:
    """False only where no group starting at the digit run at ``i`` can carry a unit or be a
    count (citations "(28)", years, page ranges): a necessary condition of a kept group,
    far cheaper than reading one: the stretch of up to 200 characters from ``i``, then one
    more (a long stretch of numbers: read it) or a mark there (``_continues``)."""
    return _continues().match(text, i) is not None


def _has_unit_or_count(text: str, g: Group) -> bool:
    if any(u is not None for u in g.units):
        return True
    # Unit null: "5 × 105" counts, or "2 million" / "10^6" right before a cell/vesicle noun.
    follow = next_word(text, g.end)
    if follow is not None and grammar().non_dose_unit.match(follow):
        return False  # "4 × 103 mm3", "2 × 105 g": a size or a force, not a count
    if all(_is_count(it) for it in g.items):
        return True
    return (
        follow is not None
        and grammar().count_noun.fullmatch(follow) is not None
        and all((it.low.scaled or it.low.has_power) and not it.low.negative_exp for it in g.items)
    )


def confidence(g: Group) -> float:
    if all(u is None for u in g.units):
        return 0.8
    if any(it.low.has_power and not it.low.times_power for it in g.items):
        return 0.85  # e-notation / bare 10^k: rarer, slightly less sure of intent
    return 0.95


def parse_dose(text: str) -> tuple[Dose, ...]:
    """Dose objects of one mention ("1, 3, and 10 μg/head" gives three); () if none.

    No context filter here: the caller has already decided the text is a dose.
    """
    if not isinstance(text, str) or not text:
        return ()
    doses: list[Dose] = []
    for g in scan(text):
        doses.extend(doses_of(text, g))
    return tuple(doses)
