"""Field extractors: each reads the pieces of text that describe one study and returns a value.

This module is the one the assemblers import (``fields as F``): it holds the weighted vote
over lexicon cues, the sample size and the cells studied, and gathers the readers that have
modules of their own (disease, intervention, model and design, routes, doses, outcomes,
cytokines).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from extractor.context import default_engine
from extractor.context.scope import CLAUSE_BREAK
from extractor.normalize.first_chars import first_chars, guarded
from extractor.normalize.numbers import (
    count_noun_pattern,
    count_pattern,
    digits_pattern,
    is_person_noun,
    not_a_count,
    parse_number,
    person_noun_pattern,
    words_pattern,
)
from extractor.records.cytokines import cytokines
from extractor.records.disease import disease, disease_by_head, manifestation_only
from extractor.records.doses import doses
from extractor.records.intervention import intervention
from extractor.records.lexicon import kind, kind_source, rows
from extractor.records.model_design import design, model
from extractor.records.outcomes import outcomes
from extractor.records.pieces import (
    GROUP,
    PARAGRAPH,
    POPULATION,
    ROW,
    TITLE,
    Found,
    Piece,
    inside_pieces,
    sentence_bounds,
)
from extractor.records.routes import routes
from extractor.records.screen import literal_prefixes
from extractor.records.text import Span, parse_count
from extractor.types import Entity

__all__ = [
    "GROUP",
    "PARAGRAPH",
    "POPULATION",
    "ROW",
    "TITLE",
    "Found",
    "Piece",
    "cells",
    "cytokines",
    "design",
    "disease",
    "disease_by_head",
    "doses",
    "intervention",
    "manifestation_only",
    "model",
    "outcomes",
    "routes",
    "sample_size",
]


# --------------------------------------------------------------------------- sample size

_HUMAN_NOUNS = re.compile(
    r"patient|participant|subject|volunteer|individual|case|person|people|men|women|children|adult",
    re.IGNORECASE,
)
_SAMPLE: re.Pattern[str] | None = None
# words that never modify the people a count names: time and measure units, function words,
# arms and sites ("12 weeks later patients", "2 groups of patients", "3 sessions in patients")
_NOT_MODIFIER = (
    r"(?:of|per|and|or|with|without|the|a|an|in|at|to|from|for|by|on|than|vs|versus|more|"
    r"less|fewer|other|these|those|all|each|every|"
    r"years?|months?|weeks?|days?|hours?|minutes?|times|groups?|arms?|sites?|lesions?|"
    r"doses?|sessions?|cycles?|injections?|infusions?|visits?|samples?|donors?|biopsies|"
    r"cells?|units?|mg|ml|kg|cm|mm|previous|prior|earlier|reported|published|described|"
    r"known|similar|such|\w+ly)\b"
)


def _sample_re() -> re.Pattern[str]:
    global _SAMPLE
    if _SAMPLE is None:
        # count_pattern(): number words, then digits with grouping (normalize.numbers); the
        # words behind their first letters, so a comma or a digit skips their long alternation
        words = guarded(re.compile(words_pattern(), re.IGNORECASE)).pattern
        num = rf"(?:{words})|(?:{digits_pattern()})"
        qual = kind_source("sample", "qualifier")
        noun = f"{kind_source('sample', 'noun')}|{count_noun_pattern()}"
        sex = kind_source("sample", "sex")
        lead = kind_source("sample", "group_lead")
        per_group = kind_source("sample", "group_size")
        _SAMPLE = re.compile(
            rf"(?<![\w.,×x^/–-])(?P<sa>{num})\s+(?:{sex})\s*(?:,|and|&)\s*(?P<sb>{num})\s+(?:{sex})"
            rf"\s+(?:(?:{qual})\s+){{0,3}}(?P<snoun>{noun})\b"
            rf"|(?<![\w.,×x^/–-])(?P<n>{num})\s+(?P<qual>(?:(?:{qual})\s+){{0,3}})"
            rf"(?:with\s+\w+\s+)?(?P<noun>{noun})\b"
            rf"|sample\s+size\s+(?:of|was|=|:)?\s*(?:only\s+)?(?P<n2>{num})\b"
            rf"|[(\[,;]\s*n\s*=\s*(?P<n3>{digits_pattern()})\b"
            rf"|(?<![\d.])(?:{lead})(?P<n4>{num})(?=(?:{per_group}))"
            rf"|(?<![\w.,×x^/–-])(?P<n5>{num})\s+(?={kind_source('sample', 'randomised_count')})"
            # people named by a compound noun or a modifier the qualifiers do not list ("46
            # health care workers", "30 nursing home residents", "12 eczema patients")
            rf"|(?<![\w.,×x^/–-])(?P<n6>{num})\s+(?:(?!{_NOT_MODIFIER})(?-i:[a-z][a-z-]{{2,}})\s+){{1,2}}"
            rf"(?!cases?\b)(?P<pnoun>{person_noun_pattern()})\b",
            re.IGNORECASE,
        )
        # tried only where a count can open: the alternation is long and most characters open none
        _SAMPLE = _behind_openings(_SAMPLE)
    return _SAMPLE


def _behind_openings(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The sample pattern behind a look-ahead on where its branches open: a count at a word's
    start (every count branch has a look-behind that refuses a word character before it) with a
    digit or a number word, "n =" and a group lead with a bracket, punctuation or "with",
    "sample size" anywhere ("subsample size"). A new branch adds its opening here; a letter that
    opens a number word ("t", "s", "f") inside a word no longer tries the whole alternation.
    Falls back to the first-character guard (normalize/first_chars.py)."""
    words = literal_prefixes(re.compile(words_pattern(), re.IGNORECASE))
    lead = first_chars(re.compile(kind_source("sample", "group_lead"), re.IGNORECASE))
    if words is None or lead is None:
        return guarded(regex)
    opens = rf"(?=[(\[,;{lead}]|(?<!\w)(?:\d|{'|'.join(words)})|sample)"
    # the characters those openings start with, tested first: most characters of a text are
    # none of them and leave after one test, not after the list of number words
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))
    return re.compile(f"(?=[(\\[,;{lead}\\d{firsts}s]){opens}(?:{regex.pattern})", regex.flags)


def _a_year(text: str, m: re.Match[str], n: int) -> bool:
    """A 19xx/20xx numeral after a temporal preposition or a month name is a date, never a
    sample size (SCHEMA §4)."""
    if not 1900 <= n <= 2099 or not re.search(r"(?<![\d,.])(?:19|20)\d{2}(?![\d,.])", m.group(0)):
        return False
    before = text[max(0, m.start() - 20) : m.start()]
    return kind("sample", "year_before").search(before) is not None


def _excluded(text: str, m: re.Match[str], s: int, e: int, excl: re.Pattern[str]) -> bool:
    """Whether an exclusion word of the sentence [s, e) ("screened", "completed", "donors")
    drops the count ``m``: only the count or number whose noun phrase it follows, unless it
    goes on to randomisation; one with nothing before it drops every count, as before."""
    void, target = kind("sample", "exclude_void"), kind("sample", "exclude_target")
    threshold = kind("sample", "threshold_before")
    for x in excl.finditer(text, s, e):
        if void.match(text, x.end()):
            continue  # "screened and randomised", "completed randomisation"
        own = None
        listed: list[int] = []  # starts of the counts coordinated with ``own`` ("six controls
        # and six patients were included for exosome isolation": both are donors)
        for c in _sample_re().finditer(text, s, x.start()):
            if c.end() <= x.start():
                if own is None or not _COORDINATED.fullmatch(text, own.end(), c.start()):
                    listed = []
                listed.append(c.start())
                own = c
        num = None
        bare = rf"(?<![\w.,])(?:{count_pattern()})(?![\w.,])"
        for n in re.finditer(bare, text[s : x.start()], re.I):
            at = s + n.start()
            if target.fullmatch(text, s + n.end(), x.start()) and not threshold.search(
                text, max(s, at - 24), at
            ):  # "a score above 20 were screened": a limit, not a count
                num = at
        if num is not None and (own is None or num >= own.end()):
            continue  # "3 donors", "612 screened": a number of its own, not a sample
        if own is None or m.start() in listed:
            return True
    return False


_COORDINATED = re.compile(r"\s*(?:,|and|or|&|,\s*and)\s*", re.IGNORECASE)


def _counts(
    text: str, p: Piece, want_human: bool | None, bare_groups: bool = True
) -> list[tuple[int, Span]]:
    """(count, span) candidates in one piece; a count split by sex in one clause is summed.
    ``bare_groups``: a count with no noun before "per group" ("(6 per group)") is a sample."""
    chunk_start, chunk_end = p.start, p.end
    excl = kind("sample", "exclude")
    source = kind("sample", "material_source")  # "obtained from 7 patients": donors
    group_size = kind("sample", "group_size")
    sex = kind("sample", "sex")
    found: list[tuple[int, Span, str, int]] = []
    for m in _sample_re().finditer(text, chunk_start, chunk_end):
        if m.group("sa"):
            a, b = parse_number(m.group("sa")), parse_number(m.group("sb"))
            n = a + b if a is not None and b is not None else None
        else:
            if m.group("n4") and not bare_groups:
                continue
            tok = next(m.group(g) for g in ("n", "n2", "n3", "n4", "n5", "n6") if m.group(g))
            n = parse_number(tok)
            if n is None:
                n = parse_count(tok)
            grp = "n" if m.group("n") else "n6" if m.group("n6") else None
            if grp and not_a_count(text, m.start(grp), m.end(grp)):
                continue  # "type 2 diabetic patients", "a 4-hour infusion"
        if n is None or n <= 0 or n > 100000:
            continue
        if _a_year(text, m, n):
            continue
        noun = m.group("noun") or m.group("snoun") or m.group("pnoun") or ""
        human = bool(_HUMAN_NOUNS.match(noun)) or is_person_noun(noun)
        if want_human is not None and noun and human != want_human:
            continue
        s, e = sentence_bounds(text, m.start(), chunk_start, chunk_end)
        if _excluded(text, m, s, e, excl) or source.search(text, max(s, m.start() - 60), m.start()):
            continue
        if not m.group("n3") and _per_unit(text, m.end(), group_size):
            continue  # "6 mice per cage" is no sample; "6 mice per group" is the arm's size
        sexed = (not m.group("sa") and sex.search(m.group("qual") or "") is not None) or bool(
            re.fullmatch(r"men|women", noun, re.I)
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


def _per_unit(text: str, end: int, group_size: re.Pattern[str]) -> bool:
    """The count ending at ``end`` is per unit ("6 mice per cage", "4 mice each cage"), not
    per group ("6 mice per group") nor spread over its subjects ("six pigs each carried")."""
    after = text[end : end + 30]
    return bool(
        re.match(r"\s*(?:per|in\s+each|each|/)\b|\s*/", after, re.I)
        and not group_size.match(after)
        and not _distributive(text, end)
    )


def _distributive(text: str, end: int) -> bool:
    """ "Six pigs each carried eight burns": a DISTRIBUTIVE context row right after the
    counted noun (only spaces between), so "each" spreads the verb over the subjects counted
    and is no unit ("6 mice per cage")."""
    found = default_engine().modifiers(text, end, end, category="DISTRIBUTIVE")
    return any(not text[end : mod.start].strip() for mod in found)


def sample_size(text: str, pieces: Sequence[Piece], model_value: str | None) -> Found:
    want = None if model_value is None else model_value == "human"
    if model_value == "cell culture":
        want = True  # in-vitro papers sometimes state donors/participants; only people count
    strong = [p for p in pieces if p.origin in (POPULATION, ROW)]
    weak = [p for p in pieces if p.origin == PARAGRAPH]
    bare = model_value != "cell culture"  # per-group numbers of a culture are replicates
    first_strong = next((c for p in strong for c in _counts(text, p, want, bare)), None)
    first_weak = next((c for p in weak for c in _counts(text, p, want, bare)), None)
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


# --------------------------------------------------------------------------- entity fields


_VESICLE_TYPES = ("exosome", "sEV", "EV", "ApoV", "MV", "microvesicle")


def _parent_cell(norm: str) -> str | None:
    """ "ADMSC-exosome" -> "ADMSC" (SCHEMA §2: a vesicle norm is parent cell + vesicle type)."""
    head, sep, tail = norm.rpartition("-")
    return head if sep and head and tail in _VESICLE_TYPES else None


def cells(
    text: str, entities: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[tuple[str, ...], list[Span]]:
    """Cells studied: CELL mentions plus the parent cell named inside a vesicle mention;
    a generic parent (MSC, stem cell) is dropped once a more specific kind is named, and a
    generic population (immune cell) where its own clause narrows it to named cells."""
    out: list[str] = []
    spans: list[Span] = []
    own = [p for p in pieces if p.origin != TITLE]
    inside = inside_pieces(entities, own)
    defined = _defined_by_abbreviation(text, inside)
    for e in inside:
        if (
            not isinstance(e.norm, str)
            or not e.norm
            or _narrowed(text, e, inside)
            or _denominator(text, e)
            or _constituent(text, e, inside)
            or _prior_work(text, e)
        ):
            continue
        name = (
            defined.get(e.start, e.norm)
            if e.label == "CELL"
            else _parent_cell(e.norm)
            if e.label == "VESICLE"
            else None
        )
        if name:
            if name not in out:
                out.append(name)
            spans.append(Span(e.start, e.end))
    for row in rows("cell_hierarchy.jsonl"):
        if row.get("scope") == "clause":
            continue
        specific = re.compile(row["dropped_when"])
        if row["general"] in out and any(specific.search(c) for c in out if c != row["general"]):
            out.remove(row["general"])
    return tuple(out), spans


_PRODUCT_CELL = re.compile(r"MSC|stem|SVF", re.IGNORECASE)  # a cell therapeutic's norm


def _prior_work(text: str, e: Entity) -> bool:
    """A target cell named only in a claim about earlier work ("… suppress mast cell
    degranulation in preclinical models"): a PRIOR_WORK context row in its clause. The cell
    product itself ("bone marrow MSCs … in earlier work [17]") is what a cited study gave, so
    it stays."""
    norm = e.norm if isinstance(e.norm, str) else ""
    return (
        e.label == "CELL"
        and not _PRODUCT_CELL.search(norm)
        and bool(
            default_engine().modifiers(text, e.start, e.end, category="PRIOR_WORK", types=("CELL",))
        )
    )


_NARROWED_REACH = 60  # characters from the narrowing cue to the named cell


def _denominator(text: str, e: Entity) -> bool:
    """A cell that is only the reference population of a percentage ("6.8% of CD4+ T
    cells"): a DENOMINATOR_OF context row right before it."""
    return e.label == "CELL" and bool(
        default_engine().modifiers(text, e.start, e.end, category="DENOMINATOR_OF", types=("CELL",))
    )


# the product as its sentence's subject: at most a determiner and two modifiers before it
_SUBJECT_START = re.compile(r"(?:^|[.!?:]\s+|\n)\W*(?:[\w-]+\s+){0,3}$")
# after the product: its abbreviation, an "of" phrase ("… of adipose tissue"), a relative
_PRODUCT_TAIL = re.compile(
    r"\s*(?:\([^()]{1,15}\)\s*)?(?:of\s+(?:[\w-]+\s+){1,3})?(?:which\s+|that\s+)?"
)


def _constituent(text: str, e: Entity, entities: Sequence[Entity]) -> bool:
    """A cell named only as part of the product's make-up ("The SVF of adipose tissue contains
    adipose-derived stem cells … and macrophages"): a CONSTITUENT_OF context row before it,
    right after a CELL mention that opens the sentence."""
    if e.label != "CELL":
        return False
    cues = default_engine().modifiers(
        text, e.start, e.end, category="CONSTITUENT_OF", types=("CELL",)
    )
    for cue in cues:
        for o in entities:
            if (
                o.label == "CELL"
                and o.end <= cue.start
                and _PRODUCT_TAIL.fullmatch(text, o.end, cue.start)
                and _SUBJECT_START.search(text, max(0, o.start - 60), o.start)
            ):
                return True
    return False


_DEFINES = re.compile(r"\s*\(\s*")  # a long form, then its abbreviation in brackets


def _defined_by_abbreviation(text: str, cells: Sequence[Entity]) -> dict[int, str]:
    """A long form defined by its bracketed abbreviation names one cell type, the
    abbreviation's ("human dermal fibroblasts (HDFs)" -> HDF, not fibroblast beside HDF): the
    definition pattern of Schwartz & Hearst (2003, Pac Symp Biocomput 8:451). Start of the
    long form -> the abbreviation's norm."""
    out: dict[int, str] = {}
    ordered = sorted((e for e in cells if e.label == "CELL"), key=lambda e: e.start)
    for a, b in pairwise(ordered):
        if (
            isinstance(a.norm, str)
            and isinstance(b.norm, str)
            and a.norm != b.norm
            and len(a.text.split()) >= 2
            and len(b.text.split()) == 1
            and _DEFINES.fullmatch(text, a.end, b.start)
        ):
            out[a.start] = b.norm
    return out


def _narrowed(text: str, e: Entity, entities: Sequence[Entity]) -> bool:
    """A generic cell mention that its clause restates as named subtypes ("immune cell
    populations, favoring regulatory T cells"): a NARROWED_TO context row after it, then a
    CELL the hierarchy row puts under it, with no clause break between."""
    specific = next(
        (re.compile(r["dropped_when"]) for r in rows("cell_hierarchy.jsonl")
         if r["general"] == e.norm),
        None,
    )  # fmt: skip
    if specific is None or e.label != "CELL":
        return False
    for cue in default_engine().modifiers(
        text, e.start, e.end, category="NARROWED_TO", types=("CELL",)
    ):
        for o in entities:
            if (
                o.label == "CELL"
                and isinstance(o.norm, str)
                and specific.search(o.norm)
                and cue.end <= o.start <= cue.end + _NARROWED_REACH
                and not CLAUSE_BREAK.search(text, cue.end, o.start)
            ):
                return True
    return False
