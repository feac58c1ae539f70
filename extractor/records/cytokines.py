"""Cytokines a study's therapy moved, and which way (SCHEMA §4 ``cytokines``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.context import default_engine
from extractor.context.scope import CONTRAST_BREAK
from extractor.records.pieces import (
    THERAPY_WORDS,
    TITLE,
    Piece,
    any_start_in,
    between,
    inducer,
)
from extractor.records.text import Span
from extractor.types import CytokineEffect, Entity

_LIST_GAP = re.compile(r"^(?:\s*(?:,|and|or|nor|&|/|\(|\)|e\.g\.,?|i\.e\.,?|including)\s*)*$", re.I)


def _cue(category: str, direction: str | None = None) -> re.Pattern[str]:
    """The cues of one category of the context rules (``extractor/context/data/rules.jsonl``:
    ``DIRECTION_UP``, ``DIRECTION_DOWN``, ``DIRECTION_UNCHANGED``, ``BACKGROUND``, ``STIMULUS``,
    ``PATHWAY``, ``MECHANISM``, ``RATIO``) as one pattern."""
    return default_engine().pattern(category, direction)


_ARROWS = (("DIRECTION_DOWN", "down"), ("DIRECTION_UP", "up"))


def _arrow(text: str, e: Entity) -> str | None:
    """The direction an arrow written right beside the mention gives it (the ``forward`` and
    ``backward`` rows of DIRECTION_DOWN/UP: "↓ IL-6", "IL-17A ↓"), else None."""
    engine = default_engine()
    for category, direction in _ARROWS:
        if engine.modifiers(
            text,
            e.start,
            e.end,
            category=category,
            types=("CYTOKINE",),
            directions=("forward", "backward"),
        ):
            return direction
    return None


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
    down, up = _cue("DIRECTION_DOWN", "bidirectional"), _cue("DIRECTION_UP", "bidirectional")
    neg, insult = _cue("DIRECTION_UNCHANGED"), _cue("BACKGROUND", "bidirectional")
    pathway = _cue("PATHWAY")
    mechanism = _cue("MECHANISM")
    stim_before, stim_after = _cue("STIMULUS", "forward"), _cue("STIMULUS", "backward")
    votes: dict[str, list[str | None]] = {}
    order: list[str] = []
    # names met only in the headline (the article's title line: "… by inhibiting the
    # IL-23/IL-17 axis"): named, not measured, unless a result sentence names them too
    measured: set[str] = set()
    spans: list[Span] = []
    confs: list[float] = []
    mentions_in = between(entities, _named_cytokine)
    therapy_in = any_start_in(therapy)
    for s in sentences_:
        if s.origin == TITLE:
            continue
        ments = mentions_in(s.start, s.end)
        if not ments:
            continue
        has_therapy = therapy_in(s.start, s.end) or (
            THERAPY_WORDS.search(text, s.start, s.end) is not None
        )
        insult_sentence = not has_therapy and (
            insult.search(text, s.start, s.end) is not None
            or inducer().search(text, s.start, s.end) is not None
        )
        # group coordinated mentions into lists
        groups: list[list[Entity]] = []
        for e in ments:
            if groups and _LIST_GAP.match(text[groups[-1][-1].end : e.start]):
                groups[-1].append(e)
            else:
                groups.append([e])
        # a list that runs across "and" from one finite clause into the next ("restored IL-10,
        # and IL-6 levels were reduced") is two lists, each with its own clause
        clauses: list[tuple[list[Entity], int | None]] = []
        for g in groups:
            if stim_before.search(text[max(s.start, g[0].start - 60) : g[0].start]):
                clauses.append((g, None))  # "stimulated with TNF-α and IFN-γ": one stimulus
            else:
                clauses.extend(_split_clauses(text, s, g, down, up, neg))
        in_ratio = _ratio_members(text, s, ments)
        # "TNF-α induced IL-6", "TNFα–stimulated": the participle names the stimulus, it is
        # no verb on the next list
        stimulus_verbs = frozenset(
            e.end + m.end()
            for e in ments
            if (m := stim_after.match(text[e.end : e.end + 20])) is not None
        )
        headline_end = _headline_end(text, s)
        for g, clause_lo in clauses:
            first, last = g[0], g[-1]
            named_only = last.end <= headline_end
            direction = _direction(
                text,
                s,
                first,
                last,
                down,
                up,
                neg,
                pathway,
                tuple(e.start for e in ments),
                clause_lo,
                stimulus_verbs,
            )
            if direction == "insult":
                continue  # only the insult moved it here
            if direction is None and pathway.match(text[last.end : last.end + 25]):
                # "the TGF-β pathway" with no verb on it names a mechanism, not an effect
                continue
            if direction is None and _tested_mechanism(text, s, first, last, mechanism, neg):
                # "the effect depended on TGF-β1", "lost when IL-10 was silenced"
                continue
            # a stimulus named as a list ("stimulated with TNF-α and IFN-γ",
            # "TNF-α/IFN-γ-stimulated") is a stimulus as a whole
            if stim_before.search(text[max(s.start, first.start - 60) : first.start]) or (
                stim_after.match(text[last.end : last.end + 15])
            ):
                continue
            for e in g:
                if stim_before.search(
                    text[max(s.start, e.start - 40) : e.start]
                ) or stim_after.match(text[e.end : e.end + 15]):
                    continue
                if insult_sentence:
                    continue
                name = str(e.norm)  # a named cytokine (_named_cytokine): its norm is a name
                if name not in votes:
                    votes[name] = []
                    order.append(name)
                if not named_only:
                    measured.add(name)
                # "increased the ratio of IL-10 to IL-12": the verb moved the ratio, not
                # either cytokine on its own
                marked = _arrow(text, e)  # "IL-17A ↓" in a table cell: the cell's own mark
                votes[name].append(marked or (None if e.start in in_ratio else direction))
                spans.append(Span(e.start, e.end))
                confs.append(e.confidence if e.confidence is not None else 0.8)
    out = []
    for name in order:
        if name not in measured:
            continue
        dirs = [d for d in votes[name] if d is not None]
        if not dirs:
            out.append(CytokineEffect(name, None))
            continue
        best = max(
            ("down", "up"), key=lambda d: (dirs.count(d), -dirs.index(d) if d in dirs else -99)
        )
        out.append(CytokineEffect(name, best))
    return tuple(out), spans, confs


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


# "and" (with or without a comma) inside a list gap: where two clauses may be coordinated
_CLAUSE_AND = re.compile(r",\s*(?:and|but|whereas|while)\b", re.IGNORECASE)
_AND_GAP = re.compile(r"(?:,\s*)?\band\b", re.IGNORECASE)
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
        and not _COPULA_BEFORE.search(before[: m.start()])
        and not _CLAUSE_AND.search(before, m.end())
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
    for m in _cue("RATIO").finditer(text, s.start, s.end):
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


def _insult_subject(subject: str) -> bool:
    """The words before a regulation verb name an inducer or stimulus and no therapy."""
    if THERAPY_WORDS.search(subject):
        return False
    return bool(inducer().search(subject) or _cue("BACKGROUND", "forward").search(subject))


def _therapy_cue_after(
    after: str, down: re.Pattern[str], up: re.Pattern[str], cytokines_at: tuple[int, ...]
) -> str | None:
    """A regulation verb later in the sentence whose subject is the therapy and whose object
    is this list again ("suppressed all three"), not a list of its own."""
    cands = []
    for d, pat in (("down", down), ("up", up)):
        for m in pat.finditer(after):
            if not THERAPY_WORDS.search(after[max(0, m.start() - 40) : m.start()]):
                continue
            obj = re.split(r"[,;]|\bwhereas\b|\bwhile\b|\bbut\b", after[m.end() : m.end() + 60])[0]
            if any(m.end() <= c < m.end() + len(obj) for c in cytokines_at):
                continue
            cands.append((m.start(), d))
    return min(cands)[1] if cands else None


_OWN_PREDICATE = re.compile(
    r"\s*(?:(?:levels?|expression|concentrations?|secretion|production|release)\s+)?"
    r"(?P<cop>(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+)?"
    r"(?:(?:significantly|markedly|strongly|further|also|clearly)\s+)?(?P<verb>[a-z-]+)",
    re.IGNORECASE,
)
# a relative clause on the list, maybe after a short place phrase ("IL-1β in the wound, which")
_RELATIVE = re.compile(
    r"(?:\s+(?:in|of|from|within)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?"
    r"\s*,\s*(?:which|that)\b[^,;.]{0,80}"
)
_QUALIFYING_RELATIVE = re.compile(r"[^,;]{0,40},\s*(?:which|that)\b(?P<rel>[^,;.]{0,60})")
_CLAUSE_SPLIT = re.compile(r"[,;]|\bwhereas\b|\bwhile\b|\bbut\b")
_CLAUSE_CUT = CONTRAST_BREAK
_COPULA_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _direction(
    text: str,
    s: Piece,
    first: Entity,
    last: Entity,
    down: re.Pattern[str],
    up: re.Pattern[str],
    neg: re.Pattern[str],
    pathway: re.Pattern[str],
    cyto_starts: tuple[int, ...] = (),
    clause_lo: int | None = None,
    stimulus_verbs: frozenset[int] = frozenset(),
) -> str | None:
    is_path = pathway.match(text[last.end : last.end + 25]) is not None
    window = 35 if is_path else 110
    lo = max(s.start, first.start - window, clause_lo or 0)
    before = text[lo : first.start]
    # the clause before: stop at a semicolon or a new clause opened by "while/whereas/but"
    cut = max(
        before.rfind(";"), before.rfind(" whereas "), before.rfind(" while "), before.rfind(" but ")
    )
    if cut >= 0:
        before = before[cut + 1 :]
    after = text[last.end : min(s.end, last.end + 100)]
    after = CONTRAST_BREAK.split(after)[0]
    # a negation counts only in this list's own clause ("IL-6 did not change"), not in the
    # next one (", and did not alter IL-8") nor in the one before ("IL-31 was unchanged, and
    # IL-10 was upregulated"); a relative clause on the list is its own ("IL-22, which the
    # vesicles did not lower")
    relative = _RELATIVE.match(after)
    own_clause = relative.group(0) if relative else re.split(r"[,;]|\band\b|\bbut\b", after[:60])[0]
    if neg.search(_CLAUSE_SPLIT.split(before)[-1]) or neg.search(own_clause):
        return None
    # a relative clause on the list's own clause that denies the change ("IL-13 fell
    # slightly, which was not significant"), naming no other cytokine
    qualifier = _QUALIFYING_RELATIVE.match(after)
    if (
        qualifier is not None
        and neg.search(qualifier.group("rel"))
        and not any(
            last.end + qualifier.start("rel") <= c < last.end + qualifier.end("rel")
            for c in cyto_starts
        )
    ):
        return None
    best: tuple[int, str] | None = None
    for d, pat in (("down", down), ("up", up)):
        for m in pat.finditer(before):
            if _COPULA_BEFORE.search(before[: m.start()]):
                continue  # "IL-4 was reduced and IL-10 rose": that verb is IL-4's
            if lo + m.end() in stimulus_verbs:
                continue  # "reduced TNF-α induced IL-6": the stimulus's participle
            if best is None or m.start() > best[0]:
                best = (m.start(), d)
    # a passive with an agent after the list is the agent's effect ("IL-17, which was
    # reversed by exosome treatment"), whatever verb the insult had before it
    for d, which in (("down", "DIRECTION_DOWN"), ("up", "DIRECTION_UP")):
        by = _cue(which, "backward").match(after)
        if by:
            agent = after[by.end() : by.end() + 50]
            return "insult" if _insult_subject(agent) else d
    # the list's own predicate right after it ("IL-10 was upregulated", "IL-13 fell") outranks
    # a verb of an earlier clause ("IL-13 fell after the infusions, IL-31 was unchanged, and
    # IL-10 was upregulated"); a participle with an agent ("IL-6 increased by IMQ") is not one
    own = _OWN_PREDICATE.match(after)
    # the verb before sits in an earlier clause when a comma or a coordinating "and" comes
    # between ("restored IL-10 and the IL-6 levels were reduced")
    earlier = best is None or re.search(r"[,;]|\band\b", before[best[0] :]) is not None
    if earlier and own is not None and not re.match(r"\s+by\b", after[own.end() :]):
        verb = own.group("verb")
        for d, pat in (("down", down), ("up", up)):
            if pat.fullmatch(verb) and (own.group("cop") or verb.endswith(("ed", "ose", "ell"))):
                return d
    if best is not None and _insult_subject(before[: best[0]]):
        # "IMQ upregulated IL-17 …; EV treatment attenuated …", "Bleomycin increased TGF-β1,
        # CTGF and IL-6, and BM-MSCs suppressed all three": the verb before the list is the
        # insult's; the therapy's verb, if any, comes after it in the same sentence
        later = _therapy_cue_after(
            text[last.end : s.end], down, up, tuple(c - last.end for c in cyto_starts)
        )
        return later if later is not None else "insult"
    if best is not None:
        return best[1]
    if is_path:
        return None
    cands = []
    for d, pat in (("down", down), ("up", up)):
        for m in pat.finditer(after):
            if _insult_participle(after, m, down, up):
                continue
            cands.append((m.start(), d))
            break
    return min(cands)[1] if cands else None


_BY = re.compile(r"\s+by\s+")


def _insult_participle(
    after: str, m: re.Match[str], down: re.Pattern[str], up: re.Pattern[str]
) -> bool:
    """The verb ``m`` after a list is a participle with an agent that is not the therapy
    ("the IL-6 production induced by LPS decreased", "IL-8 stimulated by TNF-α fell"): a
    reduced relative clause naming what raised the cytokine, not the therapy's effect; the
    list's own predicate comes later ("IL-6 was induced by LPS and reduced by ADSC-Exos").
    "IL-6 reduced by ADSC-Exos" (a therapy agent) is not skipped."""
    if not m.group(0).lower().endswith("ed"):
        return False
    by = _BY.match(after, m.end())
    if by is None:
        return False
    agent = after[by.end() : by.end() + 50]
    agent = re.split(r"[,;()]", agent)[0]
    for pat in (down, up):
        v = pat.search(agent)
        if v is not None:
            agent = agent[: v.start()]
    return THERAPY_WORDS.search(agent) is None
