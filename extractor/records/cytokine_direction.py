"""Which way a sentence says the therapy moved one list of cytokines (``records.cytokines``).

The list's own clause is read first (a negation, a passive's agent, its own predicate), then
the verb of change before the list, then the first one after it. The cue patterns come in a
``Cues`` built by ``records.cytokines`` from the context rules, so this module reads no rules
of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.context.scope import CONTRAST_BREAK
from extractor.records.pieces import THERAPY_WORDS, Piece, inducer
from extractor.types import Entity


@dataclass(frozen=True)
class Cues:
    """The context rules' cue patterns (``extractor/context/data/rules.jsonl``) one call of
    ``cytokines`` reads its sentences with."""

    down: re.Pattern[str]  # DIRECTION_DOWN, either way
    up: re.Pattern[str]  # DIRECTION_UP, either way
    neg: re.Pattern[str]  # DIRECTION_UNCHANGED
    insult: re.Pattern[str]  # BACKGROUND, either way
    pathway: re.Pattern[str]
    mechanism: re.Pattern[str]
    stim_before: re.Pattern[str]  # STIMULUS, forward: "stimulated with" TNF-α
    stim_after: re.Pattern[str]  # STIMULUS, backward: TNF-α "-stimulated"
    down_by: re.Pattern[str]  # DIRECTION_DOWN, backward: IL-17 "was reversed by"
    up_by: re.Pattern[str]  # DIRECTION_UP, backward
    insult_before: re.Pattern[str]  # BACKGROUND, forward


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
COPULA_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def list_direction(
    text: str,
    s: Piece,
    first: Entity,
    last: Entity,
    cues: Cues,
    cyto_starts: tuple[int, ...] = (),
    clause_lo: int | None = None,
    stimulus_verbs: frozenset[int] = frozenset(),
) -> str | None:
    """ "down", "up", None (no direction, or one negated) or "insult" (only the insult moved
    it) for the list ``first``..``last`` of the sentence ``s``; ``clause_lo``: where the
    list's clause starts when a list was cut in two (``cytokines._split_clauses``)."""
    is_path = cues.pathway.match(text[last.end : last.end + 25]) is not None
    lo = max(s.start, first.start - (35 if is_path else 110), clause_lo or 0)
    before = _clause_before(text[lo : first.start])
    after = CONTRAST_BREAK.split(text[last.end : min(s.end, last.end + 100)])[0]
    if _negated(before, after, last.end, cues.neg, cyto_starts):
        return None
    best = _verb_before(before, lo, cues, stimulus_verbs)
    by_agent = _by_agent(after, cues)
    if by_agent is not None:
        return by_agent
    own = _own_predicate(before, after, best, cues)
    if own is not None:
        return own
    if best is not None and _insult_subject(before[: best[0]], cues):
        # "IMQ upregulated IL-17 …; EV treatment attenuated …", "Bleomycin increased TGF-β1,
        # CTGF and IL-6, and BM-MSCs suppressed all three": the verb before the list is the
        # insult's; the therapy's verb, if any, comes after it in the same sentence
        later = _therapy_cue_after(
            text[last.end : s.end], cues.down, cues.up, tuple(c - last.end for c in cyto_starts)
        )
        return later if later is not None else "insult"
    if best is not None:
        return best[1]
    return None if is_path else _verb_after(after, cues)


def _clause_before(before: str) -> str:
    """The clause before the list: it stops at a semicolon or at a new clause opened by
    "while/whereas/but"."""
    cut = max(
        before.rfind(";"), before.rfind(" whereas "), before.rfind(" while "), before.rfind(" but ")
    )
    return before[cut + 1 :] if cut >= 0 else before


def _negated(
    before: str, after: str, end: int, neg: re.Pattern[str], cyto_starts: tuple[int, ...]
) -> bool:
    """A negation in the list's own clause ("IL-6 did not change"), not in the next one (",
    and did not alter IL-8") nor in the one before ("IL-31 was unchanged, and IL-10 was
    upregulated"); a relative clause on the list is its own ("IL-22, which the vesicles did
    not lower"), and one that denies the change names no other cytokine ("IL-13 fell
    slightly, which was not significant"). ``end``: where the list ends in the text."""
    relative = _RELATIVE.match(after)
    own_clause = relative.group(0) if relative else re.split(r"[,;]|\band\b|\bbut\b", after[:60])[0]
    if neg.search(_CLAUSE_SPLIT.split(before)[-1]) or neg.search(own_clause):
        return True
    qualifier = _QUALIFYING_RELATIVE.match(after)
    return (
        qualifier is not None
        and neg.search(qualifier.group("rel")) is not None
        and not any(
            end + qualifier.start("rel") <= c < end + qualifier.end("rel") for c in cyto_starts
        )
    )


def _verb_before(
    before: str, lo: int, cues: Cues, stimulus_verbs: frozenset[int]
) -> tuple[int, str] | None:
    """(position, direction) of the last verb of change before the list that governs it."""
    best: tuple[int, str] | None = None
    for d, pat in (("down", cues.down), ("up", cues.up)):
        for m in pat.finditer(before):
            if COPULA_BEFORE.search(before[: m.start()]):
                continue  # "IL-4 was reduced and IL-10 rose": that verb is IL-4's
            if lo + m.end() in stimulus_verbs:
                continue  # "reduced TNF-α induced IL-6": the stimulus's participle
            if best is None or m.start() > best[0]:
                best = (m.start(), d)
    return best


def _by_agent(after: str, cues: Cues) -> str | None:
    """A passive with an agent after the list is the agent's effect ("IL-17, which was
    reversed by exosome treatment"), whatever verb the insult had before it."""
    for d, by_cue in (("down", cues.down_by), ("up", cues.up_by)):
        by = by_cue.match(after)
        if by:
            agent = after[by.end() : by.end() + 50]
            return "insult" if _insult_subject(agent, cues) else d
    return None


def _own_predicate(before: str, after: str, best: tuple[int, str] | None, cues: Cues) -> str | None:
    """The list's own predicate right after it ("IL-10 was upregulated", "IL-13 fell"),
    which outranks a verb of an earlier clause ("IL-13 fell after the infusions, IL-31 was
    unchanged, and IL-10 was upregulated"); a participle with an agent ("IL-6 increased by
    IMQ") is not one. The verb before sits in an earlier clause when a comma or a
    coordinating "and" comes between ("restored IL-10 and the IL-6 levels were reduced")."""
    own = _OWN_PREDICATE.match(after)
    earlier = best is None or re.search(r"[,;]|\band\b", before[best[0] :]) is not None
    if not earlier or own is None or re.match(r"\s+by\b", after[own.end() :]):
        return None
    verb = own.group("verb")
    for d, pat in (("down", cues.down), ("up", cues.up)):
        if pat.fullmatch(verb) and (own.group("cop") or verb.endswith(("ed", "ose", "ell"))):
            return d
    return None


def _verb_after(after: str, cues: Cues) -> str | None:
    """The first verb of change after the list (a passive: "IL-6 levels were reduced"),
    passing over a participle whose agent is not the therapy."""
    cands = []
    for d, pat in (("down", cues.down), ("up", cues.up)):
        for m in pat.finditer(after):
            if _insult_participle(after, m, cues.down, cues.up):
                continue
            cands.append((m.start(), d))
            break
    return min(cands)[1] if cands else None


def _insult_subject(subject: str, cues: Cues) -> bool:
    """The words before a regulation verb name an inducer or stimulus and no therapy."""
    if THERAPY_WORDS.search(subject):
        return False
    return bool(inducer().search(subject) or cues.insult_before.search(subject))


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
