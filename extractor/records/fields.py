"""Field extractors: each reads the pieces of text that describe one study and returns a value.

A ``Piece`` is a span of ``Document.text`` with a weight saying how much it speaks for the
study (a table's population cell more than a paragraph sentence, the reference title least).
Every extractor returns a ``Found``: the value, the spans that support it, and the share of the
weighted evidence that agreed (the basis of the field's confidence).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from extractor.records.lexicon import Cue, cues, kind, kind_source
from extractor.records.text import Span, number_word_pattern, parse_count, parse_value
from extractor.types import CytokineEffect, Dose, Entity, Outcome

# origins, strongest first
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


_ORIGIN_RANK = {POPULATION: 0, ROW: 1, GROUP: 2, PARAGRAPH: 3, TITLE: 4}


def _best_origin(origins: Iterable[str]) -> str | None:
    return min(origins, key=lambda o: _ORIGIN_RANK[o], default=None)


# --------------------------------------------------------------------------- voting


def _vote(
    text: str, pieces: Sequence[Piece], table: Sequence[Cue]
) -> tuple[dict[str, float], dict[str, list[Span]], dict[str, set[str]]]:
    score: dict[str, float] = defaultdict(float)
    spans: dict[str, list[Span]] = defaultdict(list)
    origins: dict[str, set[str]] = defaultdict(set)
    for p in pieces:
        chunk = text[p.start : p.end]
        for cue in table:
            for m in cue.regex.finditer(chunk):
                score[cue.value] += cue.weight * p.weight
                spans[cue.value].append(Span(p.start + m.start(), p.start + m.end()))
                origins[cue.value].add(p.origin)
    return score, spans, origins


def disease(text: str, pieces: Sequence[Piece]) -> Found:
    table = cues("diseases")
    own = [p for p in pieces if p.origin != TITLE]
    score, spans, origins = _vote(text, own, table)
    if not score:
        score, spans, origins = _vote(text, pieces, table)
    if not score:
        return Found(None, share=0.0)
    best = max(score, key=lambda k: score[k])
    # a more specific value that refines the winner takes its place ("acne scars" over acne)
    for cue in table:
        if cue.refines == best and score.get(cue.value):
            best = cue.value
    total = sum(score.values())
    value = best
    if best == "other":
        # outside the vocabulary: name it with the longest matched words, singular
        surface = max((text[sp.start : sp.end] for sp in spans[best]), key=len)
        value = "other: " + _singular(" ".join(surface.lower().split()))
    return Found(value, tuple(spans[best]), score[best] / total, _best_origin(origins[best]))


def _singular(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "is", "us")):
        last = last[:-1]
    return f"{head} {last}".strip()


def _classes_in(chunk: str) -> list[tuple[int, str, int]]:
    """(position, intervention class, specificity) of every intervention cue in ``chunk``."""
    hits = []
    for cue in cues("interventions"):
        for m in cue.regex.finditer(chunk):
            hits.append((m.start(), cue.value, cue.specificity))
    return sorted(hits)


def _most_specific(chunk: str) -> str | None:
    hits = _classes_in(chunk)
    if not hits:
        return None
    top = max(h[2] for h in hits)
    return next(h[1] for h in hits if h[2] == top)


_ADMIN = re.compile(
    r"\b(?:dose|doses|dosage)\s+of\s+|\b(?:injections?|infusions?|administration|"
    r"transplantation|implantation|application|treatment)\s+(?:of|with)\s+|\btreated\s+with\s+|"
    r"\breceived\s+|\binjected\s+(?:with\s+)?|\binfused\s+(?:with\s+)?",
    re.IGNORECASE,
)


def _administered(chunk: str) -> list[str]:
    """Intervention classes named right after an administration phrase ("Dose of SVF")."""
    out = []
    for m in _ADMIN.finditer(chunk):
        obj = chunk[m.end() : m.end() + 60]
        hits = _classes_in(obj)
        if hits and hits[0][0] < 25:
            out.append(_most_specific(obj[: hits[0][0] + 40]) or hits[0][1])
    return out


def intervention(text: str, pieces: Sequence[Piece]) -> Found:
    """What was administered. A sub-heading naming a product class (vesicles, SVF...) wins,
    then what a row says was dosed, then a cells sub-heading, then the prose."""
    groups = [p for p in pieces if p.origin == GROUP]
    rows = [p for p in pieces if p.origin in (POPULATION, ROW)]
    paras = [p for p in pieces if p.origin == PARAGRAPH]
    title = [p for p in pieces if p.origin == TITLE]
    spans = lambda ps: tuple(Span(p.start, p.end) for p in ps)  # noqa: E731
    title_cls = _most_specific(" ".join(text[p.start : p.end] for p in title)) if title else None

    def done(value: str, origin: str, sup: Sequence[Piece], share: float) -> Found:
        other = title_cls if title_cls and title_cls != value else None
        return Found(value, spans(sup), share, origin, other)

    group_cls = _most_specific(" ".join(text[p.start : p.end] for p in groups)) if groups else None
    if group_cls and group_cls != "cells":
        return done(group_cls, GROUP, groups, 1.0)
    for p in rows:
        admin = _administered(text[p.start : p.end])
        if admin:
            return done(admin[0], ROW, [p], 0.9)
    if group_cls:
        return done(group_cls, GROUP, groups, 0.9)
    admin_votes: dict[str, int] = defaultdict(int)
    sup: dict[str, list[Piece]] = defaultdict(list)
    for p in paras:
        for a in _administered(text[p.start : p.end]):
            admin_votes[a] += 1
            sup[a].append(p)
    if admin_votes:
        best = max(admin_votes, key=lambda k: admin_votes[k])
        return done(best, PARAGRAPH, sup[best], admin_votes[best] / sum(admin_votes.values()))
    counts: dict[str, float] = defaultdict(float)
    for p in [*rows, *paras]:
        for _, cls, spec in _classes_in(text[p.start : p.end]):
            # a product (vesicles, SVF, medium) is usually named with its parent cell, so
            # one product mention outweighs one cell mention
            counts[cls] += p.weight * (2.0 if spec > 1 else 1.0)
            sup[cls].append(p)
    if not counts:
        if title_cls:
            return Found(title_cls, spans(title), 0.5, TITLE)
        return Found(None, share=0.0)
    best = max(counts, key=lambda k: (counts[k], k != "cells"))
    return done(best, PARAGRAPH, sup[best][:3], counts[best] / sum(counts.values()))


def model(text: str, pieces: Sequence[Piece]) -> Found:
    own = [p for p in pieces if p.origin != TITLE]
    score, spans, origins = _vote(text, own, cues("models"))
    if not score:
        score, spans, origins = _vote(text, pieces, cues("models"))
    if not score:
        return Found(None, share=0.0)
    best = max(score, key=lambda k: score[k])
    total = sum(score.values())
    return Found(best, tuple(spans[best][:4]), score[best] / total, _best_origin(origins[best]))


def design(text: str, pieces: Sequence[Piece], model_value: str | None, n: int | None) -> Found:
    """Design follows what was treated: cultures -> in vitro, animals -> animal study; for
    people a case-report cue or one or two patients -> case report, else clinical trial."""
    if model_value is None:
        return Found(None, share=0.0)
    if model_value == "cell culture":
        return Found("in vitro", share=1.0, origin=PARAGRAPH)
    if model_value != "human":
        return Found("animal study", share=1.0, origin=PARAGRAPH)
    score, spans, origins = _vote(text, pieces, cues("designs"))
    case = score.get("case report", 0.0)
    trial = score.get("clinical trial", 0.0)
    if case and (n is None or n <= 3) and case >= trial * 0.5:
        return Found(
            "case report",
            tuple(spans["case report"][:2]),
            0.9,
            _best_origin(origins["case report"]),
        )
    if trial:
        return Found(
            "clinical trial",
            tuple(spans["clinical trial"][:2]),
            0.85,
            _best_origin(origins["clinical trial"]),
        )
    if n is not None:
        return Found("case report" if n <= 2 else "clinical trial", share=0.7, origin=PARAGRAPH)
    return Found("clinical trial", share=0.5, origin=PARAGRAPH)


# --------------------------------------------------------------------------- sample size

_HUMAN_NOUNS = re.compile(
    r"patient|participant|subject|volunteer|individual|case|person|people|men|women|children|adult",
    re.IGNORECASE,
)
_SAMPLE: re.Pattern[str] | None = None


def _sample_re() -> re.Pattern[str]:
    global _SAMPLE
    if _SAMPLE is None:
        num = number_word_pattern()
        qual = kind_source("sample", "qualifier")
        noun = kind_source("sample", "noun")
        sex = kind_source("sample", "sex")
        _SAMPLE = re.compile(
            rf"(?<![\w.,×x^/-])(?P<sa>{num})\s+(?:{sex})\s*(?:,|and|&)\s*(?P<sb>{num})\s+(?:{sex})"
            rf"\s+(?:(?:{qual})\s+){{0,3}}(?P<snoun>{noun})\b"
            rf"|(?<![\w.,×x^/-])(?P<n>{num})\s+(?P<qual>(?:(?:{qual})\s+){{0,3}})"
            rf"(?:with\s+\w+\s+)?(?P<noun>{noun})\b"
            rf"|sample\s+size\s+(?:of|was|=|:)?\s*(?:only\s+)?(?P<n2>{num})\b"
            rf"|[(\[,;]\s*n\s*=\s*(?P<n3>\d+)\b",
            re.IGNORECASE,
        )
    return _SAMPLE


def _sentence_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    s = max(text.rfind(". ", lo, pos), text.rfind("; ", lo, pos), lo - 1) + 1
    e_candidates = [i for i in (text.find(". ", pos, hi), text.find("; ", pos, hi)) if i >= 0]
    return s, (min(e_candidates) if e_candidates else hi)


def _counts(text: str, p: Piece, want_human: bool | None) -> list[tuple[int, Span]]:
    """(count, span) candidates in one piece; a count split by sex in one clause is summed."""
    chunk_start, chunk_end = p.start, p.end
    excl = kind("sample", "exclude")
    sex = kind("sample", "sex")
    found: list[tuple[int, Span, str, int]] = []
    for m in _sample_re().finditer(text, chunk_start, chunk_end):
        if m.group("sa"):
            a, b = parse_count(m.group("sa")), parse_count(m.group("sb"))
            n = a + b if a is not None and b is not None else None
        else:
            n = parse_count(m.group("n") or m.group("n2") or m.group("n3"))
        if n is None or n <= 0 or n > 100000:
            continue
        noun = m.group("noun") or m.group("snoun") or ""
        if want_human is not None and noun and bool(_HUMAN_NOUNS.match(noun)) != want_human:
            continue
        s, e = _sentence_bounds(text, m.start(), chunk_start, chunk_end)
        if excl.search(text, s, e):
            continue
        after = text[m.end() : m.end() + 20]
        if not m.group("n3") and re.match(r"\s*(?:per|in\s+each|each|/)\b|\s*/", after, re.I):
            continue  # "6 mice per group" is a group size; "(n = 8 per group)" is stated as n
        sexed = (
            (not m.group("sa")
            and sex.search(m.group("qual") or "") is not None)
            or bool(re.fullmatch(r"men|women", noun, re.I))
        )
        found.append((n, Span(m.start(), m.end()), "sex" if sexed else "", s))
    out: list[tuple[int, Span]] = []
    i = 0
    while i < len(found):
        n, sp, tag, sent = found[i]
        j = i + 1
        # "3 male patients ... and 2 female patients" in one clause -> 5
        while tag == "sex" and j < len(found) and found[j][2] == "sex" and found[j][3] == sent:
            n += found[j][0]
            sp = Span(sp.start, found[j][1].end)
            j += 1
        out.append((n, sp))
        i = j
    return out


def sample_size(text: str, pieces: Sequence[Piece], model_value: str | None) -> Found:
    want = None if model_value is None else model_value == "human"
    if model_value == "cell culture":
        want = True  # in-vitro papers sometimes state donors/participants; only people count
    strong = [p for p in pieces if p.origin in (POPULATION, ROW)]
    weak = [p for p in pieces if p.origin == PARAGRAPH]
    first_strong = next((c for p in strong for c in _counts(text, p, want)), None)
    first_weak = next((c for p in weak for c in _counts(text, p, want)), None)
    if first_strong:
        other = first_weak[0] if first_weak and first_weak[0] != first_strong[0] else None
        return Found(first_strong[0], (first_strong[1],), 1.0 if other is None else 0.5, ROW, other)
    if first_weak:
        return Found(first_weak[0], (first_weak[1],), 0.8, PARAGRAPH)
    if want is not False:
        single = kind("sample", "single")
        for p in [*strong, *weak]:
            m = single.search(text, p.start, p.end)
            if m:
                return Found(1, (Span(m.start(), m.end()),), 0.7, p.origin)
    return Found(None, share=0.0)


# --------------------------------------------------------------------------- inducers

_THERAPY_WORDS = re.compile(
    r"\b(?:therap|treat|administ|transplant|exosom|vesic|secretom)\w*|\bs?EVs?\b|MSCs?\b|"
    r"\bExos?\b|\bstem\s+cells?\b|\bconditioned\s+medi|\bSVF\b",
    re.IGNORECASE,
)
_INDUCER: re.Pattern[str] | None = None


def inducer() -> re.Pattern[str]:
    """Disease inducers and in-vitro stimuli (``models/records/inducers.jsonl``)."""
    global _INDUCER
    if _INDUCER is None:
        from extractor.records.lexicon import _read_rows

        _INDUCER = re.compile(
            "|".join(f"(?:{r['pattern']})" for r in _read_rows("inducers.jsonl")), re.IGNORECASE
        )
    return _INDUCER


def about_insult_only(text: str, start: int, end: int) -> bool:
    """A sentence that names an inducer and no therapy describes the disease model."""
    chunk = text[start:end]
    return inducer().search(chunk) is not None and _THERAPY_WORDS.search(chunk) is None


# --------------------------------------------------------------------------- routes


def routes(text: str, pieces: Sequence[Piece]) -> tuple[Found, Found]:
    """(routes kept, routes of the prose) — the table's routes win when both are given."""
    # ambiguous abbreviations (IV, SC) count only near an administration word
    rows = _route_context_rows()
    context = re.compile("|".join(r["pattern"] for r in rows if "kind" not in r), re.IGNORECASE)
    speculative = re.compile(
        "|".join(r["pattern"] for r in rows if r.get("kind") == "speculative"), re.IGNORECASE
    )

    def find(ps: Sequence[Piece]) -> tuple[list[str], list[Span]]:
        vals: list[str] = []
        sps: list[Span] = []
        for p in ps:
            for cue in cues("routes"):
                for m in cue.regex.finditer(text, p.start, p.end):
                    # "by topical imiquimod": the inducer's route, not the therapy's
                    if inducer().match(text, m.end() + 1, min(p.end, m.end() + 30)) or (
                        _in_insult_sentence(text, m.start(), p)
                    ):
                        continue
                    if speculative.search(text, *_sentence_bounds(text, m.start(), p.start, p.end)):
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


def _in_insult_sentence(text: str, pos: int, p: Piece) -> bool:
    s = max(text.rfind(". ", p.start, pos) + 2, p.start)
    e = text.find(". ", pos, p.end)
    return about_insult_only(text, s, e if e >= 0 else p.end)


def _route_context_rows() -> list[dict[str, Any]]:
    from extractor.records.lexicon import _read_rows

    return _read_rows("route_context.jsonl")


# --------------------------------------------------------------------------- entity fields


def _in(e: Entity, pieces: Sequence[Piece]) -> bool:
    return any(p.start <= e.start and e.end <= p.end for p in pieces)


def doses(
    entities: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[tuple[Dose, ...], list[Span], list[float]]:
    out: list[Dose] = []
    seen: set[tuple[float, float, str | None]] = set()
    spans: list[Span] = []
    confs: list[float] = []
    own = [p for p in pieces if p.origin != TITLE]
    for e in entities:
        if e.label != "DOSE" or not isinstance(e.norm, tuple) or not _in(e, own):
            continue
        for d in e.norm:
            key = (d.low, d.high, d.unit)
            if key in seen:
                continue
            seen.add(key)
            out.append(d)
        spans.append(Span(e.start, e.end))
        confs.append(e.confidence if e.confidence is not None else 0.8)
    return tuple(out), spans, confs


_VESICLE_TYPES = ("exosome", "sEV", "EV", "ApoV", "MV", "microvesicle")


def _parent_cell(norm: str) -> str | None:
    """ "ADMSC-exosome" -> "ADMSC" (SCHEMA §2: a vesicle norm is parent cell + vesicle type)."""
    head, sep, tail = norm.rpartition("-")
    return head if sep and head and tail in _VESICLE_TYPES else None


def cells(
    entities: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[tuple[str, ...], list[Span]]:
    """Cells studied: CELL mentions plus the parent cell named inside a vesicle mention;
    a generic parent (MSC, stem cell) is dropped once a more specific kind is named."""
    out: list[str] = []
    spans: list[Span] = []
    own = [p for p in pieces if p.origin != TITLE]
    for e in entities:
        if not isinstance(e.norm, str) or not e.norm or not _in(e, own):
            continue
        name = (
            e.norm if e.label == "CELL" else _parent_cell(e.norm) if e.label == "VESICLE" else None
        )
        if name:
            if name not in out:
                out.append(name)
            spans.append(Span(e.start, e.end))
    from extractor.records.lexicon import _read_rows

    for row in _read_rows("cell_hierarchy.jsonl"):
        specific = re.compile(row["dropped_when"])
        if row["general"] in out and any(specific.search(c) for c in out if c != row["general"]):
            out.remove(row["general"])
    return tuple(out), spans


_VAL = r"(?P<{n}>\d+(?:[.,]\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_FROM_TO = re.compile(
    r"\bfrom\s+(?:a\s+)?(?:baseline\s+(?:value\s+)?(?:of\s+)?)?(?:a\s+mean\s+of\s+)?"
    + _VAL.format(n="a")
    + r"(?:\s*(?:±|\+/-)\s*\d+(?:[.,]\d+)?)?(?:\s*\([^)]{0,30}\))?(?:\s+at\s+baseline)?"
    + r"\s*(?:to|→|->)\s+"
    + r"(?:a\s+mean\s+of\s+)?"
    + _VAL.format(n="b")
    + r"(?!\s*(?:%|percent|weeks?|months?|days?|years?|hours?|h\b|mg|µg|μg|ml|mL|cells))",
    re.IGNORECASE,
)
_AT_BASELINE = re.compile(
    r"\b(?:was|were|of|:)?\s*"
    + _VAL.format(n="a")
    + r"(?:\s*(?:±|\+/-)\s*\d+(?:[.,]\d+)?)?\s+at\s+baseline\s*(?:,|and|to|vs\.?|versus)\s+"
    + _VAL.format(n="b")
    + r"(?!\s*(?:%|percent))",
    re.IGNORECASE,
)
_TO_FROM = re.compile(
    r"\bto\s+"
    + _VAL.format(n="b")
    + r"\s+from\s+(?:a\s+baseline\s+(?:of\s+)?)?"
    + _VAL.format(n="a")
    + r"(?!\s*(?:%|percent|weeks?|months?|days?|years?))",
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
    mentions = sorted(
        (
            e
            for e in entities
            if e.label == "OUTCOME_SCORE" and isinstance(e.norm, str) and _in(e, own)
        ),
        key=lambda e: e.start,
    )
    # "Visual Analog Scale (PVAS)": a long form defined by the bracketed abbreviation
    # names the same score, whatever norm each got on its own
    norm_of: dict[int, str] = {}
    for a, b in pairwise(mentions):
        if len(a.text.split()) >= 2 and re.fullmatch(r"\s*\(\s*", text[a.end : b.start]):
            norm_of[a.start] = str(b.norm)
    mentions = [
        Entity(e.start, e.end, e.label, e.text, norm_of.get(e.start, e.norm), e.id, e.confidence)
        for e in mentions
    ]
    valued: list[Outcome] = []
    bare: list[str] = []
    spans: list[Span] = []
    confs: list[float] = []
    for i, e in enumerate(mentions):
        piece = next(p for p in own if p.start <= e.start and e.end <= p.end)
        nxt = mentions[i + 1].start if i + 1 < len(mentions) else piece.end
        stop = min(piece.end, e.end + 120)
        # the value phrase belongs to this score unless another score (not its own
        # abbreviation in brackets) comes first
        if nxt < stop and not re.match(r"\s*\(\s*$", text[e.end : nxt]):
            stop = nxt
        window_end = min(stop, _clause_end(text, e.end, piece.end))
        m = (
            _FROM_TO.search(text, e.end, window_end)
            or _AT_BASELINE.search(text, e.end, window_end)
            or _TO_FROM.search(text, e.end, window_end)
            or _ARROW.search(text, e.end, window_end)
        )
        spans.append(Span(e.start, e.end))
        confs.append(e.confidence if e.confidence is not None else 0.8)
        if m:
            a, b = parse_value(m.group("a")), parse_value(m.group("b"))
            o = Outcome(e.norm, a, b)
            if o not in valued:
                valued.append(o)
            spans.append(Span(m.start(), m.end()))
        elif e.norm not in bare:
            bare.append(e.norm)
    names = {o.measure for o in valued}
    for name in bare:
        if name not in names:
            found = _across_sentences(text, name, mentions, own)
            if found is not None:
                valued.append(found[0])
                spans.extend(found[1])
                names.add(name)
    out = list(valued) + [Outcome(n) for n in bare if n not in names]
    order = {n: i for i, n in enumerate(dict.fromkeys(e.norm for e in mentions))}
    out.sort(key=lambda o: order.get(o.measure, 0))
    return tuple(out), spans, confs


_BASELINE_CTX = re.compile(
    r"\bbaseline\b|\bbefore\s+(?:the\s+)?(?:treatment|therapy|infusions?|injections?)\b|"
    r"\bpre-?treatment\b|\bat\s+(?:week|day|month)\s+0\b",
    re.IGNORECASE,
)
_UNIT_AFTER = r"(?!\s*(?:%|percent|weeks?|months?|days?|years?|hours?|mg|µg|μg|ml|mL|cells|mm))"
_VALUE_AFTER = re.compile(
    r"^[\s)]*(?:score\s+|index\s+)?(?:was|were|of|=|:)?\s*"
    + _VAL.format(n="v")
    + r"(?![\d.,]\d)"
    + _UNIT_AFTER,
    re.IGNORECASE,
)
_TO_AFTER = re.compile(
    r"^(?:(?!\bfrom\b)[^.;]){0,40}?\bto\s+" + _VAL.format(n="v") + r"(?![\d.,]\d)" + _UNIT_AFTER,
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
            s_start, s_end = _sentence_bounds(text, e.start, piece.start, piece.end)
            m = _VALUE_AFTER.match(after)
            if m and _BASELINE_CTX.search(text, s_start, s_end):
                v = parse_value(m.group("v"))
                if v is not None:
                    baseline = (v, Span(e.start, e.end + m.end()), s_end)
            continue
        if e.start < baseline[2]:
            continue  # the final value is stated in a later sentence
        m = _TO_AFTER.match(after)
        if m:
            v = parse_value(m.group("v"))
            if v is not None:
                return Outcome(name, baseline[0], v), [baseline[1], Span(e.start, e.end + m.end())]
    return None


def _clause_end(text: str, pos: int, hi: int) -> int:
    m = re.compile(r"[.;](?:\s|$)").search(text, pos, hi)
    return m.end() if m else hi


# --------------------------------------------------------------------------- cytokines

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
            _THERAPY_WORDS.search(text, s.start, s.end) is not None
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
            # a stimulus named as a list ("stimulated with TNF-α and IFN-γ",
            # "TNF-α/IFN-γ-stimulated") is a stimulus as a whole
            if stim_before.search(text[max(s.start, first.start - 40) : first.start]) or (
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


def _insult_subject(subject: str) -> bool:
    """The words before a regulation verb name an inducer or stimulus and no therapy."""
    if _THERAPY_WORDS.search(subject):
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
            if not _THERAPY_WORDS.search(after[max(0, m.start() - 40) : m.start()]):
                continue
            obj = re.split(r"[,;]|\bwhereas\b|\bwhile\b|\bbut\b", after[m.end() : m.end() + 60])[0]
            if any(m.end() <= c < m.end() + len(obj) for c in cytokines_at):
                continue
            cands.append((m.start(), d))
    return min(cands)[1] if cands else None


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
    if neg.search(before) or neg.search(after[:60]):
        return None
    best: tuple[int, str] | None = None
    for d, pat in (("down", down), ("up", up)):
        for m in pat.finditer(before):
            if best is None or m.start() > best[0]:
                best = (m.start(), d)
    # a passive with an agent after the list is the agent's effect ("IL-17, which was
    # reversed by exosome treatment"), whatever verb the insult had before it
    for d, which in (("down", "down_by"), ("up", "up_by")):
        m = kind("directions", which).match(after)
        if m:
            agent = after[m.end() : m.end() + 50]
            return "insult" if _insult_subject(agent) else d
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
