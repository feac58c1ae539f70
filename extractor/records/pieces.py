"""Pieces of text that describe a study, and the shared cues every field extractor reads.

A ``Piece`` is a span of ``Document.text`` with a weight saying how much it speaks for the
study (a table's population cell more than a paragraph sentence, the reference title least).
Every extractor returns a ``Found``: the value, the spans that support it, and the share of the
weighted evidence that agreed (the basis of the field's confidence).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractor.normalize.agents import INDUCER_ROLES, agents
from extractor.normalize.first_chars import guarded
from extractor.records.text import Span, ends_abbreviation
from extractor.types import Entity

POPULATION, ROW, GROUP, PARAGRAPH, TITLE = "population", "row", "group", "paragraph", "title"


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    weight: float
    origin: str


@dataclass(frozen=True, slots=True)
class Found:
    value: Any
    spans: tuple[Span, ...] = ()
    share: float = 1.0  # winner's share of the weighted votes, 0..1
    origin: str | None = None  # strongest origin that supported the value
    other: Any = None  # a disagreeing value from a weaker source (-> conflict)


ORIGIN_RANK = {POPULATION: 0, ROW: 1, GROUP: 2, PARAGRAPH: 3, TITLE: 4}


def best_origin(origins: Iterable[str]) -> str | None:
    return min(origins, key=lambda o: ORIGIN_RANK[o], default=None)


_CLAUSE_END = re.compile(r"[.;] ")


def _ends_clause(text: str, i: int, lo: int) -> bool:
    """Whether the ". " or "; " at ``i`` ends a clause: not the period of an abbreviation
    ("a single i.p. injection", "Lee et al. reported"), not a semicolon inside brackets
    ("(BM-MSCs; 5 × 10^5 cells per mouse)", "(40% cream; n = 10)")."""
    if text[i] == ".":
        return not ends_abbreviation(text, i, lo)
    depth = 0
    for c in text[lo:i]:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
    return depth == 0


def sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around ``pos`` within ``[lo, hi)``, cut at ". " and "; " (see
    ``_ends_clause``)."""
    s = lo
    for m in _CLAUSE_END.finditer(text, lo, pos):
        if _ends_clause(text, m.start(), lo):
            s = m.start() + 1
    e = hi
    for m in _CLAUSE_END.finditer(text, pos, hi):
        if _ends_clause(text, m.start(), lo):
            e = m.start()
            break
    return s, e


def inside(e: Entity, pieces: Sequence[Piece]) -> bool:
    """Whether the entity lies wholly inside one of the pieces."""
    return any(p.start <= e.start and e.end <= p.end for p in pieces)


def enclosed(pieces: Sequence[Piece]) -> Callable[[Entity], bool]:
    """``inside(e, pieces)`` as a test built once: the farthest end among the pieces that
    start at or before a point, found by bisection (a record asks it of every entity)."""
    ordered = sorted((p.start, p.end) for p in pieces)
    starts = [s for s, _ in ordered]
    reach: list[int] = []
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)

    def test(e: Entity) -> bool:
        i = bisect_right(starts, e.start)
        return i > 0 and e.end <= reach[i - 1]

    return test


def covered(spans: Sequence[Span]) -> Callable[[int], bool]:
    """A test of whether a position lies in one of ``spans`` (``start <= pos < end``), built
    once: the farthest end among the spans that start at or before it."""
    ordered = sorted((x.start, x.end) for x in spans)
    starts = [a for a, _ in ordered]
    reach: list[int] = []
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)

    def test(pos: int) -> bool:
        i = bisect_right(starts, pos)
        return i > 0 and pos < reach[i - 1]

    return test


def inside_pieces(entities: Sequence[Entity], pieces: Sequence[Piece]) -> list[Entity]:
    """The entities lying wholly inside one of ``pieces``, in their given order: ``inside``
    asked only of the entities that start in a piece (found by bisection)."""
    order, starts = _by_start(entities)
    hits: set[int] = set()
    for p in pieces:
        hits.update(order[bisect_left(starts, p.start) : bisect_right(starts, p.end)])
    test = enclosed(pieces)
    return [entities[i] for i in sorted(hits) if test(entities[i])]


_BY_START: list[tuple[Sequence[Entity], list[int], list[int]]] = []


def _by_start(entities: Sequence[Entity]) -> tuple[list[int], list[int]]:
    """Indices of ``entities`` by start, and the starts; kept for the last tuple asked about
    (one document's entities, asked once per record)."""
    last = _BY_START[0] if _BY_START else None  # read once: another thread may replace it
    if last is not None and last[0] is entities:
        return last[1], last[2]
    order = sorted(range(len(entities)), key=lambda i: entities[i].start)
    starts = [entities[i].start for i in order]
    if isinstance(entities, tuple):
        _BY_START[:] = [(entities, order, starts)]
    return order, starts


def between(
    entities: Sequence[Entity], key: Callable[[Entity], bool] | None = None
) -> Callable[[int, int], list[Entity]]:
    """A lookup of the entities (those passing ``key``) lying wholly inside ``[start, end)``,
    sorted by start (ties in the given order), built once for many sentences."""
    chosen, starts = _chosen(entities, key)

    def lookup(start: int, end: int) -> list[Entity]:
        lo, hi = bisect_left(starts, start), bisect_right(starts, end)
        return [e for e in chosen[lo:hi] if e.end <= end]

    return lookup


_CHOSEN: list[tuple[Sequence[Entity], object, list[Entity], list[int]]] = []


def _chosen(
    entities: Sequence[Entity], key: Callable[[Entity], bool] | None
) -> tuple[list[Entity], list[int]]:
    """The entities passing ``key`` by start, and their starts; kept for the last tuple and
    module-level ``key`` asked about (once per record of one document)."""
    last = _CHOSEN[0] if _CHOSEN else None  # read once: another thread may replace it
    if last is not None and last[0] is entities and last[1] is key:
        return last[2], last[3]
    order, _ = _by_start(entities)  # a stable sort: ties stay in the given order
    chosen = [entities[i] for i in order if key is None or key(entities[i])]
    starts = [e.start for e in chosen]
    if isinstance(entities, tuple):
        _CHOSEN[:] = [(entities, key, chosen, starts)]
    return chosen, starts


def any_start_in(entities: Sequence[Entity]) -> Callable[[int, int], bool]:
    """Whether one of ``entities`` starts inside ``[start, end)``, by bisection."""
    starts = _sorted_starts(entities)

    def test(start: int, end: int) -> bool:
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    return test


_STARTS: list[tuple[Sequence[Entity], list[int]]] = []


def _sorted_starts(entities: Sequence[Entity]) -> list[int]:
    """The starts of ``entities``, sorted; kept for the last tuple asked about (a document's
    CELL and VESICLE mentions, asked once per record)."""
    last = _STARTS[0] if _STARTS else None  # read once: another thread may replace it
    if last is not None and last[0] is entities:
        return last[1]
    starts = sorted(e.start for e in entities)
    if isinstance(entities, tuple):
        _STARTS[:] = [(entities, starts)]
    return starts


# ---------------------------------------------------------------- inducers and therapy words

THERAPY_WORDS = guarded(
    re.compile(
        r"\b(?:therap|treat|administ|transplant|exosom|vesic|secretom)\w*|\bs?EVs?\b|"
        r"(?:MSC|ASC|ADSC)s?\b|"
        r"\bExos?\b|\bstem\s+cells?\b|\bconditioned\s+medi|\bSVF\b",
        re.IGNORECASE,
    )
)  # tried only where a match can open (normalize.first_chars): the same matches


@cache
def inducer() -> re.Pattern[str]:
    """Disease inducers and stimuli (``models/records/inducers.jsonl``, roles
    ``INDUCER_ROLES``): the same rows the dose filter drops amounts of; tried only at a word
    boundary with a first character a row can open with (``normalize.first_chars``)."""
    rows = "|".join(f"(?:{r['pattern']})" for r in agents(INDUCER_ROLES))
    return guarded(re.compile(rows, re.IGNORECASE))


def about_insult_only(text: str, start: int, end: int) -> bool:
    """A sentence that names an inducer and no therapy describes the disease model (the
    therapy words first: they are found sooner, and most sentences name one)."""
    chunk = text[start:end]
    return THERAPY_WORDS.search(chunk) is None and inducer().search(chunk) is not None
