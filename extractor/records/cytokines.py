"""Cytokines a study's therapy moved, and which way (SCHEMA §4 ``cytokines``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractor.context import default_engine
from extractor.context.scope import CONTRAST_BREAK
from extractor.records.cytokine_direction import COPULA_BEFORE, Cues, list_direction
from extractor.records.pieces import (
    THERAPY_WORDS,
    TITLE,
    Piece,
    any_start_in,
    between,
    inducer,
)
from extractor.records.screen import may_match_in
from extractor.records.text import Span
from extractor.types import CytokineEffect, Entity

_LIST_GAP = re.compile(r"^(?:\s*(?:,|and|or|nor|&|/|\(|\)|e\.g\.,?|i\.e\.,?|including)\s*)*$", re.I)


def _cue(category: str, direction: str | None = None) -> re.Pattern[str]:
    """The cues of one category of the context rules (``extractor/context/data/rules.jsonl``:
    ``DIRECTION_UP``, ``DIRECTION_DOWN``, ``DIRECTION_UNCHANGED``, ``BACKGROUND``, ``STIMULUS``,
    ``PATHWAY``, ``MECHANISM``, ``RATIO``) as one pattern."""
    return default_engine().pattern(category, direction)


_ARROWS = (("DIRECTION_DOWN", "down"), ("DIRECTION_UP", "up"))


def _arrow(
    text: str, e: Entity, directions: tuple[str, ...] = ("forward", "backward")
) -> str | None:
    """The direction an arrow written right beside the mention gives it (the ``forward`` and
    ``backward`` rows of DIRECTION_DOWN/UP: "↓ IL-6", "IL-17A ↓"), else None."""
    engine = default_engine()
    for category, direction in _ARROWS:
        if engine.modifiers(
            text, e.start, e.end, category=category, types=("CYTOKINE",), directions=directions
        ):
            return direction
    return None


def _list_arrow(text: str, g: Sequence[Entity]) -> str | None:
    """The arrow that marks a coordinated list as a whole: after its last member ("TGF-β1 and
    IL-6 ↓") or before its first ("↓ IL-6 and IL-1β"), as study tables write one mark for
    the analytes listed before it; a member's own arrow still wins (``_arrow``)."""
    if len(g) < 2:
        return None
    return _arrow(text, g[-1], ("backward",)) or _arrow(text, g[0], ("forward",))


def _named_cytokine(e: Entity) -> bool:
    return e.label == "CYTOKINE" and isinstance(e.norm, str) and bool(e.norm)


def cytokines(
    text: str, entities: Sequence[Entity], sentences_: Sequence[Piece], therapy: Sequence[Entity]
) -> tuple[tuple[CytokineEffect, ...], list[Span], list[float]]:
    """Cytokines with the direction the therapy moved them.

    Per sentence: cytokines coordinated in one list share the cue nearest before the list
    (else the first cue after it, for passives: "IL-6 levels were reduced"). A sentence about
    an insult (exposure, -induced) with no therapy in it says nothing about the therapy; a
    cytokine used as the stimulus ("stimulated with TGF-β1") is not an effect at all.
    """
    cues = _cues()
    tally = _Tally()
    mentions_in = between(entities, _named_cytokine)
    therapy_in = any_start_in(therapy)
    for s in sentences_:
        if s.origin == TITLE:
            continue
        ments = mentions_in(s.start, s.end)
        if ments:
            _read_sentence(text, s, ments, therapy_in, cues, tally)
    return tally.effects(), tally.spans, tally.confs


_CUES: list[tuple[object, Cues]] = []  # (the engine read, its cue patterns)


def _cues() -> Cues:
    """The cue patterns of one call, read from this module's ``default_engine``: gathered
    once per engine (its category patterns are compiled once), not once per study (eleven
    look-ups for each of the review's 19 studies: 0.07 -> 0.003 ms)."""
    engine = default_engine()
    last = _CUES[0] if _CUES else None  # read once: another thread may replace it
    if last is not None and last[0] is engine:
        return last[1]
    cues = _read_cues()
    _CUES[:] = [(engine, cues)]
    return cues


def _read_cues() -> Cues:
    return Cues(
        down=_cue("DIRECTION_DOWN", "bidirectional"),
        up=_cue("DIRECTION_UP", "bidirectional"),
        neg=_cue("DIRECTION_UNCHANGED"),
        insult=_cue("BACKGROUND", "bidirectional"),
        pathway=_cue("PATHWAY"),
        mechanism=_cue("MECHANISM"),
        stim_before=_cue("STIMULUS", "forward"),
        stim_after=_cue("STIMULUS", "backward"),
        down_by=_cue("DIRECTION_DOWN", "backward"),
        up_by=_cue("DIRECTION_UP", "backward"),
        insult_before=_cue("BACKGROUND", "forward"),
    )


@dataclass
class _Tally:
    """The directions each cytokine was given, in the order the names were first met."""

    votes: dict[str, list[str | None]] = field(default_factory=dict)
    # names met only in the headline (the article's title line: "… by inhibiting the
    # IL-23/IL-17 axis"): named, not measured, unless a result sentence names them too
    measured: set[str] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)
    confs: list[float] = field(default_factory=list)

    def add(self, e: Entity, direction: str | None, named_only: bool) -> None:
        name = str(e.norm)  # a named cytokine (_named_cytokine): its norm is a name
        self.votes.setdefault(name, []).append(direction)
        if not named_only:
            self.measured.add(name)
        self.spans.append(Span(e.start, e.end))
        self.confs.append(e.confidence if e.confidence is not None else 0.8)

    def effects(self) -> tuple[CytokineEffect, ...]:
        """One effect per measured name: the direction given most often (the first given on
        a tie), or None when no sentence gave one."""
        out = []
        for name, votes in self.votes.items():
            if name not in self.measured:
                continue
            dirs = [d for d in votes if d is not None]
            if not dirs:
                out.append(CytokineEffect(name, None))
                continue
            best = max(
                ("down", "up"),
                key=lambda d: (dirs.count(d), -dirs.index(d) if d in dirs else -99),
            )
            out.append(CytokineEffect(name, best))
        return tuple(out)


def _read_sentence(
    text: str,
    s: Piece,
    ments: list[Entity],
    therapy_in: Callable[[int, int], bool],
    cues: Cues,
    tally: _Tally,
) -> None:
    """Tally the cytokines of one sentence, list by list."""
    has_therapy = therapy_in(s.start, s.end) or (
        THERAPY_WORDS.search(text, s.start, s.end) is not None
    )
    insult_sentence = not has_therapy and (
        cues.insult.search(text, s.start, s.end) is not None
        or inducer().search(text, s.start, s.end) is not None
    )
    in_ratio = _ratio_members(text, s, ments)
    # "TNF-α induced IL-6", "TNFα–stimulated": the participle names the stimulus, it is
    # no verb on the next list
    stimulus_verbs = frozenset(
        e.end + m.end()
        for e in ments
        if (m := cues.stim_after.match(text[e.end : e.end + 20])) is not None
    )
    headline_end = _headline_end(text, s)
    starts = tuple(e.start for e in ments)
    for g, clause_lo in _clauses(text, s, ments, cues):
        first, last = g[0], g[-1]
        moved = list_direction(text, s, first, last, cues, starts, clause_lo, stimulus_verbs)
        if _no_effect(text, s, first, last, moved, cues):
            continue
        whole = _list_arrow(text, g)
        for e in g:
            if _stimulus(text, s, e, 40, cues) or insult_sentence:
                continue
            # "increased the ratio of IL-10 to IL-12": the verb moved the ratio, not
            # either cytokine on its own
            # "IL-17A ↓" in a table cell: the cell's own mark, else the list's
            marked = _arrow(text, e) or whole
            vote = marked or (None if e.start in in_ratio else moved)
            tally.add(e, vote, named_only=last.end <= headline_end)


def _clauses(
    text: str, s: Piece, ments: list[Entity], cues: Cues
) -> list[tuple[list[Entity], int | None]]:
    """The sentence's mentions grouped into coordinated lists, each with the position its
    clause starts at (None: the sentence's clause). A list that runs across "and" from one
    finite clause into the next ("restored IL-10, and IL-6 levels were reduced") is two
    lists, each with its own clause."""
    groups: list[list[Entity]] = []
    for e in ments:
        if groups and _LIST_GAP.match(text[groups[-1][-1].end : e.start]):
            groups[-1].append(e)
        else:
            groups.append([e])
    clauses: list[tuple[list[Entity], int | None]] = []
    for g in groups:
        if _search_in(cues.stim_before, text, max(s.start, g[0].start - 60), g[0].start):
            clauses.append((g, None))  # "stimulated with TNF-α and IFN-γ": one stimulus
        else:
            clauses.extend(_split_clauses(text, s, g, cues.down, cues.up, cues.neg))
    return clauses


def _no_effect(
    text: str, s: Piece, first: Entity, last: Entity, moved: str | None, cues: Cues
) -> bool:
    """The list ``first``..``last`` names no effect of the therapy: only the insult moved
    it, it names a mechanism ("the TGF-β pathway" with no verb on it; "the effect depended
    on TGF-β1", "lost when IL-10 was silenced"), or it is a stimulus as a whole ("stimulated
    with TNF-α and IFN-γ", "TNF-α/IFN-γ-stimulated")."""
    if moved == "insult":
        return True
    if moved is None and cues.pathway.match(text[last.end : last.end + 25]):
        return True
    if moved is None and _tested_mechanism(text, s, first, last, cues.mechanism, cues.neg):
        return True
    if moved is None and _not_measured(text, s, first, last):
        return True
    return bool(
        _search_in(cues.stim_before, text, max(s.start, first.start - 60), first.start)
        or cues.stim_after.match(text[last.end : last.end + 15])
    )


def _not_measured(text: str, s: Piece, first: Entity, last: Entity) -> bool:
    """The list is only named as a candidate or said to be unmeasured ("VEGF in the medium was
    proposed as the active factor but was not measured"): a NOT_MEASURED context row."""
    return bool(
        default_engine().modifiers(
            text,
            first.start,
            last.end,
            category="NOT_MEASURED",
            types=("CYTOKINE",),
            lo=s.start,
            hi=s.end,
        )
    )


def _stimulus(text: str, s: Piece, e: Entity, reach: int, cues: Cues) -> bool:
    """The mention is named as a stimulus ("stimulated with TNF-α", "TNF-α-stimulated")."""
    return bool(
        _search_in(cues.stim_before, text, max(s.start, e.start - reach), e.start)
        or cues.stim_after.match(text[e.end : e.end + 15])
    )


def _search_in(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    """``pattern.search(text[lo:hi])``, not run where none of its required literals occurs
    (``screen.may_match_in``)."""
    return pattern.search(text[lo:hi]) if may_match_in(pattern, text, lo, hi) else None


HEADLINE_WORDS = 40  # a title line is shorter than this


def _headline_end(text: str, s: Piece) -> int:
    """Where the headline that opens ``s`` ends, or -1: a line of its own at the very top of
    the text (after blank lines only), without the full stop of a sentence, the way an
    article's title is printed."""
    if text[: s.start].strip():
        return -1
    line = text[s.start : s.end].split("\n", 1)[0]
    words = line.strip()
    if not words or words.endswith((".", "!", "?")) or len(words.split()) >= HEADLINE_WORDS:
        return -1
    if not text[s.start + len(line) :].strip():
        return -1  # nothing below it: the text is one statement, not a title and a body
    return s.start + len(line)


_CLAUSE_CUT = CONTRAST_BREAK
# "and" (with or without a comma) inside a list gap: where two clauses may be coordinated
_CLAUSE_AND = re.compile(r",\s*(?:and|but|whereas|while)\b", re.IGNORECASE)
_AND_GAP = re.compile(r"(?:,\s*)?\band\b", re.IGNORECASE)
# a verb of change followed by nothing but "and" before the list has no object: it is the
# predicate of the words before it ("VEGF and bFGF rose and IL-1β and TNF-α fell")
_VERB_THEN_AND = re.compile(r"\w*\s+and\s+", re.IGNORECASE)
# the finite predicate of a clause whose subject is the list just read: an auxiliary or
# copula ("IL-6 levels were reduced", "IL-10 did not change", "IL-8 remained unchanged") or a
# finite verb of change ("IL-10 increased"); a participle with an agent ("IL-6 induced by
# TNF-α") modifies the noun, it is no predicate
_FINITE = re.compile(
    r"\s*(?:(?:levels?|expression|concentrations?|secretion|production|release|mRNA|"
    r"protein|content|amounts?)\s+){0,2}"
    r"(?:(?:\w+ly|also|further|both|all|however,?)\s+){0,2}"
    r"(?P<verb>was|were|is|are|has|have|had|did|does|do|remained|remains|stayed|became|"
    r"showed|appeared|[a-z-]+(?:ed|ose|ell|ew))\b(?!\s+by\b)",
    re.IGNORECASE,
)
_AUXILIARIES = frozenset(
    [
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "did",
        "does",
        "do",
        "remained",
        "remains",
        "stayed",
        "became",
        "showed",
        "appeared",
    ]
)


def _change_predicate_after(
    text: str,
    pos: int,
    end: int,
    down: re.Pattern[str],
    up: re.Pattern[str],
    neg: re.Pattern[str],
) -> bool:
    """The words after ``pos`` are the finite predicate of a clause (see ``_FINITE``) that
    states a change or its absence ("were reduced", "did not change", "remained unchanged");
    "cells stimulated with TNF-α and IFN-γ were treated" has a predicate of another kind."""
    m = _FINITE.match(text, pos, end)
    if m is None:
        return False
    verb = m.group("verb").lower()
    if verb not in _AUXILIARIES:
        return any(p.fullmatch(verb) for p in (down, up))
    rest = re.split(r"[,;]|\band\b|\bbut\b", text[m.start("verb") : min(end, m.end() + 40)])[0]
    return any(p.search(rest) for p in (down, up, neg))


def _split_clauses(
    text: str,
    s: Piece,
    g: list[Entity],
    down: re.Pattern[str],
    up: re.Pattern[str],
    neg: re.Pattern[str],
) -> list[tuple[list[Entity], int | None]]:
    """Cut a list where "and" coordinates two finite clauses: the part before is the object
    of a verb of change before the list ("ADSC-Exos restored IL-10"), the part after is the
    subject of its own predicate ("and IL-6 levels were reduced"). Returns each part with
    the position its clause starts at (None: the sentence's clause as usual).

    "IL-6, IL-8 and TNF-α were reduced" (no verb before) and "reduced IL-6 and IL-8" (no
    predicate after) stay one list."""
    if len(g) < 2 or not _change_predicate_after(text, g[-1].end, s.end, down, up, neg):
        return [(g, None)]
    before = text[max(s.start, g[0].start - 110) : g[0].start]
    before = _CLAUSE_CUT.split(before)[-1]
    # the verb must govern the list: one whose clause was closed by ", and" before the list
    # ("IL-13 decreased, TNF-α showed a trend, and IL-10 and TGF-β increased") is another's
    if not any(
        m
        and not COPULA_BEFORE.search(before[: m.start()])
        and not _CLAUSE_AND.search(before, m.end())
        and not _VERB_THEN_AND.fullmatch(before, m.end())
        for pat in (down, up, neg)
        for m in pat.finditer(before)
    ):
        return [(g, None)]
    gaps = [
        (k, m)
        for k in range(1, len(g))
        if (m := _AND_GAP.search(text, g[k - 1].end, g[k].start)) is not None
    ]
    if not gaps:
        return [(g, None)]
    # a comma before "and" marks the clause break ("IL-6, IL-8 and TNF-α, and IL-10 was
    # increased"); without one, the last "and" of the list
    k, m = next(((k, m) for k, m in reversed(gaps) if m.group(0).startswith(",")), gaps[-1])
    return [(g[:k], None), (g[k:], m.end())]


def _ratio_members(text: str, s: Piece, ments: Sequence[Entity]) -> frozenset[int]:
    """Starts of the cytokines named as the terms of a ratio ("the ratio of IL-10 to IL-12",
    "the IL-4/IFN-γ ratio", "Th1/Th2 ratio")."""
    out: set[int] = set()
    ratio = _cue("RATIO")
    if not may_match_in(ratio, text, s.start, s.end):
        return frozenset()  # no "ratio" in the sentence: most sentences
    for m in ratio.finditer(text, s.start, s.end):
        out.update(e.start for e in ments if m.start() <= e.start and e.end <= m.end())
    return frozenset(out)


def _tested_mechanism(
    text: str,
    s: Piece,
    first: Entity,
    last: Entity,
    mechanism: re.Pattern[str],
    neg: re.Pattern[str],
) -> bool:
    """The list sits in a dependence or loss-of-function clause and no negation measures it
    ("IL-10 was unchanged" is a result; "depended on IL-10" is the mechanism tested)."""
    before = text[max(s.start, first.start - 60) : first.start]
    before = CONTRAST_BREAK.split(before)[-1]
    after = text[last.end : min(s.end, last.end + 30)]
    after = re.split(r"[,;]|\band\b|\bbut\b", after)[0]
    if neg.search(before) or neg.search(after):
        return False
    return mechanism.search(before) is not None or mechanism.search(after) is not None
