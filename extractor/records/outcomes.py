"""Outcome scores of a study, with baseline -> final values where the text gives them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from extractor.context import default_engine
from extractor.records.lexicon import kind, kind_source
from extractor.records.pieces import (
    TITLE,
    Piece,
    inside_pieces,
    sentence_bounds,
)
from extractor.records.text import Span, parse_value
from extractor.types import Entity, Outcome

_UNIT_AFTER_ARM = r"(?!\s*(?:%|percent|weeks?|months?|days?|years?|hours?|mm|cm|mg|µg|μg|mL|ml))"
_VAL = r"(?P<{n}>\d+(?:[.,]\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
# a time point said with a value ("18.6 at baseline", "3.4 on day 0", "7.2 at month 3"): its
# number is a time, not a value
_WHEN = (
    r"(?:at|on|in|by|after)\s+(?:the\s+)?(?:baseline|enrol(?:l)?ment|entry|screening|admission|"
    r"(?:week|day|month|year|visit)\s+\d+|(?:the\s+)?end\s+of\s+(?:treatment|therapy|follow-up))"
)
# the centre a value is reported as ("from a median of 9 (IQR 8-11) to 5"): SAMPL guidelines
# (Lang & Altman 2015, Int J Nurs Stud 52:5) ask for a mean with its SD or a median with its
# IQR, so a score's value is written either way
_CENTRE = r"(?:mean|median)"
# the spread after a value, skipped: "± 8.1", "+/- 2", "(IQR 13.2–21.0)", "(4.9–10.6)",
# "(95% CI 1.1-2.0)" (SAMPL: a summary value and its dispersion)
_SPREAD = r"(?:\s*(?:±|\+/-)\s*\d+(?:[.,]\d+)?)?(?:\s*\([^)]{0,30}\))?"
# the baseline said in words ("16.8 at baseline", "6.8 before treatment", "24 at week 0")
_AT_START = (
    r"(?:at\s+baseline|before\s+(?:the\s+)?(?:first\s+)?(?:treatment|therapy|infusions?|"
    r"injections?|sessions?)|at\s+(?:week|day|month)\s+0)"
)
_FROM_TO = re.compile(
    r"\bfrom\s+(?:a\s+)?(?:baseline\s+(?:value\s+)?(?:of\s+)?)?(?:a\s+"
    + _CENTRE
    + r"\s+of\s+)?"
    + _VAL.format(n="a")
    + _SPREAD
    + r"(?:,?\s+"
    + _WHEN
    + r",?)?"
    + r"\s*(?:to|→|->)\s+"
    + r"(?:a\s+"
    + _CENTRE
    + r"\s+of\s+)?"
    + _VAL.format(n="b")
    + r"(?!\s*(?:%|percent|weeks?|months?|days?|years?|hours?|h\b|mg|µg|μg|ml|mL|cells))",
    re.IGNORECASE,
)
_AT_BASELINE = re.compile(
    r"\b(?:was|were|of|:)?\s*"
    + _VAL.format(n="a")
    + _SPREAD
    + r"\s+"
    + _AT_START
    + r"\s*(?:,|;|and|to|vs\.?|versus)\s+"
    + r"(?:(?:and\s+)?"
    + _WHEN
    + r",?\s+)?(?:(?:it|the\s+score)\s+(?:had\s+|has\s+)?(?:was|(?:\w+ed|fallen|risen)\s+to)\s+)?"
    + _VAL.format(n="b")
    + r"(?!\s*(?:%|percent))",
    re.IGNORECASE,
)
_TO_FROM = re.compile(
    r"\bto\s+"
    + _VAL.format(n="b")
    + r"(?:,?\s+"
    + _WHEN
    + r")?"
    + r"\s+from\s+(?:a\s+baseline\s+(?:of\s+)?)?"
    + _VAL.format(n="a")
    + r"(?!\s*(?:%|percent|weeks?|months?|days?|years?))",
    re.IGNORECASE,
)
# a number that counts people, animals or time is not a score's value
_NOT_COUNT = (
    r"(?![.,]?\d)(?!\s*(?:%|percent|patients?|participants?|subjects?|mice|rats|animals|"
    r"cases|weeks?|months?|days?|years?)(?!\w))"
)
# a table-like series after the score: "SCORAD (baseline / week 4 / week 8): 52.3 / 41.0 /
# 30.6", the visits named in brackets, then one value per visit; baseline is the first value
# and final the last (the first visit must be the baseline, so "(week 4 / week 8)" is no pair)
_SERIES_VALUE = r"\d+(?:[.,]\d+)?"
_SERIES = re.compile(
    r"\s*\(\s*(?:baseline|pre-?treatment|(?:week|day|month)\s+0)(?:\s*/\s*[\w -]{1,20}?)+\s*\)"
    r"\s*[:=]?\s*"
    + _VAL.format(n="a")
    + r"(?:\s*/\s*"
    + _SERIES_VALUE
    + r")*?\s*/\s*(?P<b>"
    + _SERIES_VALUE
    + r")(?![\d.,]*\s*/)",
    re.IGNORECASE,
)
# values labelled by their visit: "mMASI: baseline 7.8, week 12 4.1", "(baseline, 45.2; week
# 8, 22.1)": the value after the baseline label is the baseline, the one after the next visit
# label the final
_VISIT = r"(?:week|month|day|visit)[\s-]*\d+"
_LABELLED = re.compile(
    r"[\s:(]*(?:\w+\s+){0,2}?\(?\s*baseline\s*[,:=]?\s*"
    + _VAL.format(n="a")
    + _NOT_COUNT
    + _SPREAD
    + r"\s*[,;]\s*(?:(?:and|at|by)\s+)?"
    + _VISIT
    + r"\s*[,:=]?\s*"
    + _VAL.format(n="b")
    + _NOT_COUNT,
    re.IGNORECASE,
)
_ARROW = re.compile(
    _VAL.format(n="a") + r"\s*(?:→|->)\s*" + _VAL.format(n="b") + r"(?!\s*%)", re.IGNORECASE
)


def outcomes(
    text: str, entities: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[tuple[Outcome, ...], list[Span], list[float]]:
    """Each outcome score with baseline -> final when a "from X to Y" follows it closely."""
    own = [p for p in pieces if p.origin != TITLE]
    mentions = _score_mentions(text, entities, own)
    valued: list[Outcome] = []
    bare: list[str] = []
    spans: list[Span] = []
    confs: list[float] = []
    for i, e in enumerate(mentions):
        spans.append(Span(e.start, e.end))
        confs.append(e.confidence if e.confidence is not None else 0.8)
        m = _value_after(text, mentions, i, own) or _pair_named_before(text, e, own)
        control = m is not None and _control_arm(text, e)  # the control arm's course
        arm = None if m else _arm_final(text, mentions, i, own)
        if control:
            m = None
        if m:
            o = Outcome(e.norm, parse_value(m.group("a")), parse_value(m.group("b")))
            if o not in valued:
                valued.append(o)
            spans.append(Span(m.start(), m.end()))
        elif arm is not None:
            if arm[0] not in valued:
                valued.append(arm[0])
            spans.append(arm[1])
        elif e.norm not in bare:
            bare.append(e.norm)
    names = {o.measure for o in valued}
    for name in bare:
        if name not in names:
            found = _across_sentences(text, name, mentions, own) or _next_sentence(
                text, name, mentions, own
            )
            if found is not None:
                valued.append(found[0])
                spans.extend(found[1])
                names.add(name)
    out = list(valued) + [Outcome(n) for n in bare if n not in names]
    order = {n: i for i, n in enumerate(dict.fromkeys(e.norm for e in mentions))}
    out.sort(key=lambda o: order.get(o.measure, 0))
    return tuple(out), spans, confs


def _control_arm(text: str, e: Entity) -> bool:
    """A control arm opens the score's clause ("In the vehicle group the dermatitis score rose
    from 0.5 to 8.9"): a CONTROL_ARM context row (``extractor/context/data/rules.jsonl``)."""
    cues = default_engine().modifiers(
        text, e.start, e.end, category="CONTROL_ARM", types=("OUTCOME_SCORE",)
    )
    return bool(cues)


def _score_mentions(text: str, entities: Sequence[Entity], own: Sequence[Piece]) -> list[Entity]:
    """The OUTCOME_SCORE mentions inside ``own``, by start, each with the norm of the score it
    names: a long form defined by a bracketed abbreviation ("Visual Analog Scale (PVAS)") and
    a score built on a named instrument ("PASI-like clinical score") take the other's norm."""
    mentions = sorted(
        (
            e
            for e in inside_pieces(entities, own)
            if e.label == "OUTCOME_SCORE" and isinstance(e.norm, str)
        ),
        key=lambda e: e.start,
    )
    mentions = [e for e in mentions if not _entry_criterion(text, e, own)]
    norm_of: dict[int, str] = {}
    for a, b in pairwise(mentions):
        if len(a.text.split()) >= 2 and _OPEN_BRACKET.fullmatch(text, a.end, b.start):
            norm_of[a.start] = str(b.norm)
    adapted = kind("score_joins", "adapted")
    for a, b in pairwise(mentions):
        if adapted.fullmatch(text, a.end, b.start):
            norm_of[b.start] = norm_of.get(a.start, str(a.norm))
    return [
        Entity(e.start, e.end, e.label, e.text, norm_of.get(e.start, e.norm), e.id, e.confidence)
        for e in mentions
    ]


def _entry_criterion(text: str, e: Entity, own: Sequence[Piece]) -> bool:
    """The score names who could enter the study ("had an IGA of 3 or 4", "adults with
    moderate-to-severe AD (EASI ≥ 16) were randomized"): a threshold right after it
    (score_joins ``entry_threshold``) in a sentence about entry (``entry_context``)."""
    if kind("score_joins", "entry_threshold").match(text[e.end : e.end + 40]) is None:
        return False
    piece = next((p for p in own if p.start <= e.start < p.end), None)
    if piece is None:
        return False
    lo, hi = sentence_bounds(text, e.start, piece.start, piece.end)
    return kind("score_joins", "entry_context").search(text, lo, hi) is not None


def _value_after(
    text: str, mentions: Sequence[Entity], i: int, own: Sequence[Piece]
) -> re.Match[str] | None:
    """The value phrase ("from 24.1 to 8.3", "baseline 20 ... 6", "-> 4") after mention ``i``,
    within 120 characters and its clause, unless another score (not its own abbreviation in
    brackets) comes first."""
    e = mentions[i]
    piece = next(p for p in own if p.start <= e.start and e.end <= p.end)
    nxt = mentions[i + 1].start if i + 1 < len(mentions) else piece.end
    stop = min(piece.end, e.end + 120)
    if nxt < stop and not _OPEN_BRACKET.fullmatch(text, e.end, nxt):
        stop = nxt
    window_end = min(stop, _clause_end(text, e.end, piece.end))
    span = _FROM_TO.search(text, e.end, window_end)
    if span is not None and _scale_bounds(text, e, span.start(), piece.start):
        span = None  # "giving a vitiligo score from 0 to 20": the scale, not a change
    return (
        span
        or _SERIES.match(text, e.end, window_end)
        or _LABELLED.match(text, e.end, stop)  # its "; " is inside the label list
        or _AT_BASELINE.search(text, e.end, window_end)
        or _TO_FROM.search(text, e.end, window_end)
        or _ARROW.search(text, e.end, window_end)
    )


# the two visits named before the score, the two values after it: "Baseline and week-12 PASI
# were 18.2 and 6.4", "At baseline and at month 6, the mRSS was 24 and 17, respectively"
_VISITS_BEFORE = re.compile(
    r"\bbaseline\s+and\s+(?:at\s+)?(?:"
    + _VISIT
    + r"|final|follow-up|end\s+of\s+\w+)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# two values joined by "and", each no count and the first with its spread: "24.1 ± 3.2 and 9.7"
_TWO_VALUES = (
    _VAL.format(n="a") + _NOT_COUNT + _SPREAD + r"\s+and\s+" + _VAL.format(n="b") + _NOT_COUNT
)
_PAIR_AFTER = re.compile(r"[^.;]{0,30}?\b(?:was|were|of)\s+" + _TWO_VALUES, re.IGNORECASE)


def _pair_named_before(text: str, e: Entity, own: Sequence[Piece]) -> re.Match[str] | None:
    """ "Baseline and week-12 PASI were 18.2 and 6.4": baseline and a later visit named in the
    score's clause before it, then two values after it, in that order."""
    piece = next(p for p in own if p.start <= e.start and e.end <= p.end)
    s, t = sentence_bounds(text, e.start, piece.start, piece.end)
    if not _VISITS_BEFORE.search(text[s : e.start]):
        return None
    return _PAIR_AFTER.match(text, e.end, t)


def _scale_bounds(text: str, e: Entity, at: int, lo: int) -> bool:
    """A "from X to Y" that states the score's range: a scale-defining word (score_joins
    ``scale_range``) right before the score's name ("giving a vitiligo score from 0 to 20") or
    alone between the name and the range ("EASI, which ranges from 0 to 72")."""
    cue = kind_source("score_joins", "scale_range")
    before = re.search(
        rf"(?:{cue})\s+(?:\S+\s+){{0,2}}$", text[max(lo, e.start - 40) : e.start], re.I
    )
    between = re.fullmatch(rf"[\s),]*(?:(?:that|which)\s+)?(?:{cue})\s*", text[e.end : at], re.I)
    return before is not None or between is not None


# "… at 6 months was 3.8 in the exosome group and 6.1 in the control group", "(SEI) on day 35
# was 1.42 with hAECs and 1.97 with saline", "which reached 1.5 with exosomes versus 3.0 with
# PBS": the value each arm ended at, no baseline
_ARM_GROUP = r"(?:\s+(?:with|in|after|for|on)\s+[^,;.()]{1,40}?)"
# the words that set one arm's value against the other's: "versus", "compared with", and
# "against" in its sense "in contrast or comparison with" (OED against, prep. 15: "4.2 after
# EVs against 7.5 without treatment"); "and" as in "3.8 in the exosome group and 6.1 in ..."
_ARM_VERSUS = r"(?:versus|vs\.?|and|compared\s+with|against)\s+"
_ARM_VALUES = re.compile(
    r"^[\s)]*(?:(?:[a-z]+\s+){0,2}(?:score|scale|index)\b)?\s*,?\s*(?:which\s+)?(?:(?:"
    + _WHEN
    + r"|at\s+\d+\s+(?:days?|weeks?|months?|years?))\s+)?(?:was|were|reached|stood\s+at)\s+"
    + _VAL.format(n="x")
    + _SPREAD
    + _UNIT_AFTER_ARM
    + r"(?P<g1>"
    + _ARM_GROUP
    + r")?\s*,?\s+"
    + _ARM_VERSUS
    + _VAL.format(n="y")
    + _SPREAD
    + _UNIT_AFTER_ARM
    + r"(?P<g2>\s+(?:with|in|after|for|on)\s+[^,;.()]{1,40})?",
    re.IGNORECASE,
)
_CONTROL_ARM = re.compile(
    r"\b(?:controls?|vehicle|placebo|saline|PBS|sham|untreated|standard\s+(?:wound\s+)?care|"
    r"comparator|conventional)\b",
    re.IGNORECASE,
)


def _arm_final(
    text: str, mentions: Sequence[Entity], i: int, own: Sequence[Piece]
) -> tuple[Outcome, Span] | None:
    """The treated arm's value when a score is reported per arm with no baseline: the first
    value unless its group is the control ("5.2 in controls and 1.8 after GMSCs")."""
    e = mentions[i]
    piece = next(p for p in own if p.start <= e.start and e.end <= p.end)
    nxt = mentions[i + 1].start if i + 1 < len(mentions) else piece.end
    end = min(piece.end, nxt, _clause_end(text, e.end, piece.end))
    m = _ARM_VALUES.match(text[e.end : end])
    if m is None or re.search(r"\bbaseline\b", text[e.end : end], re.I):
        return None
    control_first = bool(m.group("g1")) and _CONTROL_ARM.search(m.group("g1")) is not None
    value = parse_value(m.group("y") if control_first else m.group("x"))
    if value is None:
        return None
    return Outcome(e.norm, None, value), Span(e.start, e.end + m.end())


_BASELINE_CTX = re.compile(
    r"\bbaseline\b|\bbefore\s+(?:the\s+)?(?:first\s+)?(?:treatment|therapy|infusions?|injections?|"
    r"applications?|sessions?|doses?)\b|\bpre-?treatment\b|\bat\s+(?:week|day|month)\s+0\b|"
    r"\bat\s+(?:enrol(?:l)?ment|entry|screening|inclusion|admission)\b",
    re.IGNORECASE,
)
_UNIT_AFTER = r"(?!\s*(?:%|percent|weeks?|months?|days?|years?|hours?|mg|µg|μg|ml|mL|cells|mm))"
# a score value read whole (never cut before more digits), with no unit after it
_SCORE_VALUE = _VAL.format(n="v") + r"(?![\d.,]\d)" + _UNIT_AFTER
_VALUE_AFTER = re.compile(
    r"^[\s)]*(?:(?:activity|severity|total|mean)\s+)?(?:score\s+|index\s+)?(?:" + _WHEN + r"\s+)?"
    r"(?:was|were|of|=|:)?\s*" + _SCORE_VALUE,
    re.IGNORECASE,
)
# the score taken up again by a pronoun after its baseline value: "…; at month 3 it was 7.2",
# "By week 12 it had decreased to 21.5"
_ANAPHOR_FINAL = re.compile(
    r"\b(?:it|the\s+score|the\s+index)\s+(?:had\s+|has\s+)?(?:(?:further\s+)?(?:\w+ed|fallen|risen)\s+to|was|stood\s+at|reached)\s+"
    + _SCORE_VALUE,
    re.IGNORECASE,
)
_TO_AFTER = re.compile(
    r"^(?:(?!\bfrom\b)[^.;]){0,40}?\bto\s+" + _SCORE_VALUE,
    re.IGNORECASE,
)


def _across_sentences(
    text: str, name: str, mentions: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[Outcome, list[Span]] | None:
    """ "At baseline, the EASI was 31.2 … Twelve weeks later, EASI had dropped to 6.4": a
    value stated after the score in a baseline sentence, and a "to Y" after it later on."""
    baseline: tuple[float, Span, int] | None = None
    for i, e in enumerate(mentions):
        if e.norm != name:
            continue
        piece = next(p for p in pieces if p.start <= e.start and e.end <= p.end)
        stop = mentions[i + 1].start if i + 1 < len(mentions) else piece.end
        after = text[e.end : min(stop, piece.end)]
        if baseline is None:
            s_start, s_end = sentence_bounds(text, e.start, piece.start, piece.end)
            m = _VALUE_AFTER.match(after)
            if m and _BASELINE_CTX.search(text, s_start, s_end):
                v = parse_value(m.group("v"))
                if v is not None:
                    baseline = (v, Span(e.start, e.end + m.end()), s_end)
                    later = [p for p in pieces if p.start >= piece.end]
                    follow = min(later, key=lambda p: p.start, default=None)
                    hi = piece.end
                    if follow is not None and not text[piece.end : follow.start].strip():
                        hi = follow.end  # the next sentence of the same study
                    nxt = mentions[i + 1].start if i + 1 < len(mentions) else hi
                    final = _anaphor_final(text, e.end + m.end(), s_end, min(nxt, hi))
                    if final is not None:
                        return Outcome(name, v, final[0]), [baseline[1], final[1]]
            continue
        if e.start < baseline[2]:
            continue  # the final value is stated in a later sentence
        m = _TO_AFTER.match(after)
        if m:
            v = parse_value(m.group("v"))
            if v is not None:
                return Outcome(name, baseline[0], v), [baseline[1], Span(e.start, e.end + m.end())]
    return None


# the score taken up at the start of the next sentence: "… graded with the EASI. The mean
# score fell from 24.1 to 9.7", "… at baseline and week 12. Values were 24.1 and 9.7,
# respectively" (a noun or pronoun for the score, no other score named before the values)
_ANAPHOR_START = re.compile(
    r"\s*(?:(?:the|this|its)\s+(?:(?:mean|median|total|overall)\s+)?(?:score|index|scale)\b"
    r"|it\b|(?:(?:the\s+)?(?:mean|median)\s+)?(?:values?|scores?)\s+(?:were|was)\b)",
    re.IGNORECASE,
)
_RESPECTIVELY = re.compile(
    r"\b(?:was|were)\s+" + _TWO_VALUES + _SPREAD + r",?\s+respectively",
    re.IGNORECASE,
)
_BASELINE_FIRST = re.compile(r"\bbaseline\s+and\s+(?:at\s+)?(?:" + _VISIT + r"|follow-up)", re.I)


def _next_sentence(
    text: str, name: str, mentions: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[Outcome, list[Span]] | None:
    """A bare score whose values open the next sentence with a word for the score."""
    starts = [m.start for m in mentions]
    for e in mentions:
        if e.norm != name:
            continue
        piece = next(p for p in pieces if p.start <= e.start and e.end <= p.end)
        s_start, s_end = sentence_bounds(text, e.start, piece.start, piece.end)
        hi = piece.end
        follow = min(
            (p for p in pieces if p.start >= piece.end), key=lambda p: p.start, default=None
        )
        if follow is not None and not text[piece.end : follow.start].strip():
            hi = follow.end  # the next sentence of the same study
        if s_end >= piece.end:
            lo = piece.end
        else:
            nxt = _SENTENCE_END.search(text, s_end, hi)
            lo = nxt.end() if nxt else hi
        while lo < hi and text[lo].isspace():
            lo += 1
        head = _ANAPHOR_START.match(text, lo, hi) if lo < hi else None
        if head is None:
            continue
        _, n_end = sentence_bounds(text, head.end(), lo, hi)
        if any(lo <= st < n_end for st in starts):
            continue  # another score is named in that sentence
        m = _FROM_TO.search(text, head.end(), n_end) or _AT_BASELINE.search(text, head.end(), n_end)
        if m is None and _BASELINE_FIRST.search(text, s_start, s_end):
            m = _RESPECTIVELY.search(text, head.start(), n_end)
        if m is not None:
            a, b = parse_value(m.group("a")), parse_value(m.group("b"))
            if a is not None and b is not None:
                return Outcome(name, a, b), [Span(e.start, e.end), Span(m.start(), m.end())]
    return None


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(]|\s*$)")
_CLAUSE_END = re.compile(r"[.;](?:\s|$)")
_OPEN_BRACKET = re.compile(r"\s*\(\s*")  # between a long form and its abbreviation


def _anaphor_final(text: str, pos: int, s_end: int, hi: int) -> tuple[float, Span] | None:
    """ "it was 7.2" / "it had decreased to 21.5" in the rest of the baseline's sentence or
    in the next sentence, before another score is named."""
    nxt = _SENTENCE_END.search(text, s_end, hi)
    end = min(hi, nxt.end() if nxt else hi)
    m = _ANAPHOR_FINAL.search(text, pos, end)
    if m is None:
        return None
    v = parse_value(m.group("v"))
    return (v, Span(m.start(), m.end())) if v is not None else None


def _clause_end(text: str, pos: int, hi: int) -> int:
    m = _CLAUSE_END.search(text, pos, hi)
    return m.end() if m else hi
