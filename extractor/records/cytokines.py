"""Cytokines a study's therapy moved, and which way (SCHEMA §4 ``cytokines``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.records.lexicon import kind
from extractor.records.pieces import (
    THERAPY_WORDS,
    TITLE,
    Piece,
    inducer,
)
from extractor.records.text import Span
from extractor.types import CytokineEffect, Entity

_LIST_GAP = re.compile(r"^(?:\s*(?:,|and|or|&|/|\(|\)|e\.g\.,?|i\.e\.,?|including)\s*)*$", re.I)


def cytokines(
    text: str, entities: Sequence[Entity], sentences_: Sequence[Piece], therapy: Sequence[Entity]
) -> tuple[tuple[CytokineEffect, ...], list[Span], list[float]]:
    """Cytokines with the direction the therapy moved them.

    Per sentence: cytokines coordinated in one list share the cue nearest before the list
    (else the first cue after it, for passives: "IL-6 levels were reduced"). A sentence about
    an insult (exposure, -induced) with no therapy in it says nothing about the therapy; a
    cytokine used as the stimulus ("stimulated with TGF-β1") is not an effect at all.
    """
    down, up = kind("directions", "down"), kind("directions", "up")
    neg, insult = kind("directions", "negation"), kind("directions", "insult")
    pathway = kind("directions", "pathway")
    mechanism = kind("directions", "mechanism")
    stim_before, stim_after = kind("directions", "stimulus"), kind("directions", "stimulus_after")
    votes: dict[str, list[str | None]] = {}
    order: list[str] = []
    spans: list[Span] = []
    confs: list[float] = []
    for s in sentences_:
        if s.origin == TITLE:
            continue
        ments = sorted(
            (
                e
                for e in entities
                if e.label == "CYTOKINE"
                and isinstance(e.norm, str)
                and e.norm
                and s.start <= e.start
                and e.end <= s.end
            ),
            key=lambda e: e.start,
        )
        if not ments:
            continue
        has_therapy = any(s.start <= t.start < s.end for t in therapy) or (
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
        for g in groups:
            first, last = g[0], g[-1]
            direction = _direction(
                text, s, first, last, down, up, neg, pathway, tuple(e.start for e in ments)
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
                if e.norm not in votes:
                    votes[e.norm] = []
                    order.append(e.norm)
                votes[e.norm].append(direction)
                spans.append(Span(e.start, e.end))
                confs.append(e.confidence if e.confidence is not None else 0.8)
    out = []
    for name in order:
        dirs = [d for d in votes[name] if d is not None]
        if not dirs:
            out.append(CytokineEffect(name, None))
            continue
        best = max(
            ("down", "up"), key=lambda d: (dirs.count(d), -dirs.index(d) if d in dirs else -99)
        )
        out.append(CytokineEffect(name, best))
    return tuple(out), spans, confs


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
    before = re.split(r";|\bwhereas\b|\bwhile\b|\bbut\b", before)[-1]
    after = text[last.end : min(s.end, last.end + 30)]
    after = re.split(r"[,;]|\band\b|\bbut\b", after)[0]
    if neg.search(before) or neg.search(after):
        return False
    return mechanism.search(before) is not None or mechanism.search(after) is not None


def _insult_subject(subject: str) -> bool:
    """The words before a regulation verb name an inducer or stimulus and no therapy."""
    if THERAPY_WORDS.search(subject):
        return False
    return bool(inducer().search(subject) or kind("directions", "insult_subject").search(subject))


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
_CLAUSE_SPLIT = re.compile(r"[,;]|\bwhereas\b|\bwhile\b|\bbut\b")
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
) -> str | None:
    is_path = pathway.match(text[last.end : last.end + 25]) is not None
    window = 35 if is_path else 110
    lo = max(s.start, first.start - window)
    before = text[lo : first.start]
    # the clause before: stop at a semicolon or a new clause opened by "while/whereas/but"
    cut = max(
        before.rfind(";"), before.rfind(" whereas "), before.rfind(" while "), before.rfind(" but ")
    )
    if cut >= 0:
        before = before[cut + 1 :]
    after = text[last.end : min(s.end, last.end + 100)]
    after = re.split(r";|\bwhereas\b|\bwhile\b|\bbut\b", after)[0]
    # a negation counts only in this list's own clause ("IL-6 did not change"), not in the
    # next one (", and did not alter IL-8") nor in the one before ("IL-31 was unchanged, and
    # IL-10 was upregulated"); a relative clause on the list is its own ("IL-22, which the
    # vesicles did not lower")
    relative = _RELATIVE.match(after)
    own_clause = (
        relative.group(0) if relative else re.split(r"[,;]|\band\b|\bbut\b", after[:60])[0]
    )
    if neg.search(_CLAUSE_SPLIT.split(before)[-1]) or neg.search(own_clause):
        return None
    best: tuple[int, str] | None = None
    for d, pat in (("down", down), ("up", up)):
        for m in pat.finditer(before):
            if _COPULA_BEFORE.search(before[: m.start()]):
                continue  # "IL-4 was reduced and IL-10 rose": that verb is IL-4's
            if best is None or m.start() > best[0]:
                best = (m.start(), d)
    # a passive with an agent after the list is the agent's effect ("IL-17, which was
    # reversed by exosome treatment"), whatever verb the insult had before it
    for d, which in (("down", "down_by"), ("up", "up_by")):
        m = kind("directions", which).match(after)
        if m:
            agent = after[m.end() : m.end() + 50]
            return "insult" if _insult_subject(agent) else d
    # the list's own predicate right after it ("IL-10 was upregulated", "IL-13 fell") outranks
    # a verb of an earlier clause ("IL-13 fell after the infusions, IL-31 was unchanged, and
    # IL-10 was upregulated"); a participle with an agent ("IL-6 increased by IMQ") is not one
    own = _OWN_PREDICATE.match(after)
    earlier = best is None or re.search(r"[,;]", before[best[0] :]) is not None
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
        m = pat.search(after)
        if m:
            cands.append((m.start(), d))
    return min(cands)[1] if cands else None
