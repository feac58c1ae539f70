"""How a study gave its therapy (SCHEMA §4 ``routes``): route cues, the table's kept over the
prose's, without the routes of a disease inducer or of another agent."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.context.scope import wrapped_paren
from extractor.records.lexicon import cues, kind, rows
from extractor.records.pieces import (
    PARAGRAPH,
    POPULATION,
    ROW,
    THERAPY_WORDS,
    TITLE,
    Found,
    Piece,
    about_insult_only,
    inducer,
    sentence_bounds,
)
from extractor.records.screen import cue_matches
from extractor.records.text import Span


def routes(text: str, pieces: Sequence[Piece]) -> tuple[Found, Found]:
    """(routes kept, routes of the prose) — the table's routes win when both are given."""
    # ambiguous abbreviations (IV, SC) count only near an administration word
    context_rows = rows("route_context.jsonl")
    context = re.compile(
        "|".join(r["pattern"] for r in context_rows if "kind" not in r), re.IGNORECASE
    )
    speculative = kind("route_context", "speculative")
    co_treatment = kind("route_context", "co_treatment")
    gap = kind("route_context", "inducer_gap")

    def find(ps: Sequence[Piece]) -> tuple[list[str], list[Span]]:
        vals: list[str] = []
        sps: list[Span] = []
        for p in ps:
            # each cue tried only where its opening occurs, not over the whole piece (2.5 ->
            # 1.4 ms on the review)
            for cue, m in cue_matches(cues("routes"), text, p.start, p.end, sliced=False):
                # "by topical imiquimod", "62.5 mg IMQ cream", "bleomycin
                # subcutaneously", "injected intradermally with C. acnes": the
                # inducer's route or dosage form, not the therapy's
                to = gap.match(text, m.end(), p.end)
                at = to.end() if to else m.end()
                if (
                    inducer().match(text, at, min(p.end, at + 30))
                    or _inducer_right_before(text, m.start(), _wrapped_start(text, p.start))
                    or _in_insult_sentence(text, m.start(), p)
                ):
                    continue
                clause = sentence_bounds(text, m.start(), p.start, p.end)
                if speculative.search(text, *clause) or co_treatment.search(text, *clause):
                    continue
                if _another_agents(text, m, clause):
                    continue
                if cue.needs_context:
                    win = text[max(p.start, m.start() - 40) : min(p.end, m.end() + 40)]
                    if not context.search(win):
                        continue
                if cue.value not in vals:
                    vals.append(cue.value)
                sps.append(Span(m.start(), m.end()))
        return vals, sps

    row_v, row_s = find([p for p in pieces if p.origin in (POPULATION, ROW)])
    par_v, par_s = find([p for p in pieces if p.origin == PARAGRAPH])
    tit_v, _ = find([p for p in pieces if p.origin == TITLE])
    if row_v:
        extra = [v for v in par_v if v not in row_v]
        kept = list(row_v)
        others = [v for v in (*par_v, *tit_v) if v not in row_v]
        other = sorted(set(others)) if others else None
        return Found(tuple(kept), tuple(row_s), 1.0 if not extra else 0.6, ROW, other), Found(
            tuple(par_v), tuple(par_s)
        )
    other_t = [v for v in tit_v if v not in par_v]
    return (
        Found(tuple(par_v), tuple(par_s), 0.8 if not other_t else 0.6, PARAGRAPH, other_t or None),
        Found(tuple(par_v), tuple(par_s)),
    )


def _another_agents(text: str, m: re.Match[str], clause: tuple[int, int]) -> bool:
    """The route of another agent: a conventional drug named right after the route word
    ("Topical corticosteroids were allowed as rescue") or right before its dosage form
    ("a third group received dexamethasone cream"), or the therapy patients had before or
    failed ("inadequately controlled by topical therapy")."""
    before = max(clause[0], m.start() - 80)
    return bool(
        kind("route_context", "other_agent").match(text, m.end(), clause[1])
        or kind("route_context", "background").search(text, before, m.start())
        or kind("route_context", "other_agent_form").search(text, before, m.start())
    )


# between an inducer and the route word that is its own: a bracketed abbreviation or brand,
# a hyphen ("imiquimod (Aldara) cream", "IMQ-cream"), the inducer's strength ("monobenzone
# (40% cream", "imiquimod 5% cream") or its amount opening a parenthesis that the route
# closes ("streptozotocin (60 mg/kg, i.p.)"); nothing that could name another agent
_INDUCER_GAP = re.compile(
    r"(?:\s*(?:\([^()]{1,20}\)|[-‐]|\(?\s*\d+(?:[.,]\d+)?\s*%(?:\s*w/[wv])?))*\s*"
    r"(?:\(\s*\d+(?:[.,]\d+)?\s*[^\s\d(),;]{1,12}\s*,\s*)?"
)


def _inducer_right_before(text: str, pos: int, lo: int) -> bool:
    """The route word directly follows a disease inducer's name, so it is that inducer's."""
    return any(
        _INDUCER_GAP.fullmatch(text, m.end(), pos) is not None
        for m in inducer().finditer(text, max(lo, pos - 40), pos)
    )


def _wrapped_start(text: str, start: int) -> int:
    """Where a piece's sentence really starts for a look back: a piece that is a hard-wrapped
    line opening with a parenthesis ("streptozotocin\\n(60 mg/kg, i.p.)") continues the line
    before it (``extractor.context.scope.wrapped_paren``)."""
    wrap = wrapped_paren(text, start) if text.startswith("(", start) else None
    return start if wrap is None else text.rfind("\n", 0, wrap) + 1


def _in_insult_sentence(text: str, pos: int, p: Piece) -> bool:
    return about_the_model(text, *sentence_bounds(text, pos, p.start, p.end))


# the disease was made, not treated: "experimental EBA was induced in C57BL/6 mice by
# subcutaneous injection of anti-collagen VII IgG", "dermatitis was elicited with …"
_INDUCTION = re.compile(
    r"\b(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    r"(?:induced|elicited|provoked|triggered|evoked)\b",
    re.IGNORECASE,
)


def about_the_model(text: str, start: int, end: int) -> bool:
    """A sentence about the disease model only: it names an inducer of the lexicon
    (``pieces.about_insult_only``), or says in the passive that the disease was induced, and
    names no therapy; its amounts and routes are the inducer's, whatever the agent."""
    if about_insult_only(text, start, end):
        return True
    chunk = text[start:end]
    return _INDUCTION.search(chunk) is not None and THERAPY_WORDS.search(chunk) is None
