"""Field extractors: each reads the pieces of text that describe one study and returns a value.

Scalars (disease, intervention, model, design, sample size) are weighted votes over lexicon
cues; routes are cue matches with the table's values kept over the prose's; doses and cells
come from the entities inside the pieces. Outcomes and cytokines have modules of their own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

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
from extractor.records.heads import find_disease, first_sentence, is_specific, masthead
from extractor.records.lexicon import Cue, cues, kind, kind_source, rows
from extractor.records.outcomes import outcomes
from extractor.records.pieces import (
    GROUP,
    PARAGRAPH,
    POPULATION,
    ROW,
    THERAPY_WORDS,
    TITLE,
    Found,
    Piece,
    about_insult_only,
    best_origin,
    covered,
    inducer,
    inside_pieces,
    sentence_bounds,
)
from extractor.records.screen import cue_matches, literal_prefixes, screen, screen_span
from extractor.records.text import Span, parse_count
from extractor.types import Dose, Entity

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
    "doses",
    "intervention",
    "model",
    "outcomes",
    "routes",
    "sample_size",
]


# --------------------------------------------------------------------------- voting


def _vote(
    text: str, pieces: Sequence[Piece], table: Sequence[Cue], exclude: Sequence[Span] = ()
) -> tuple[dict[str, float], dict[str, list[Span]], dict[str, set[str]]]:
    score: dict[str, float] = defaultdict(float)
    spans: dict[str, list[Span]] = defaultdict(list)
    origins: dict[str, set[str]] = defaultdict(set)
    excluded = covered(exclude) if exclude else None
    for p in pieces:
        for cue, m in cue_matches(table, text, p.start, p.end):
            if excluded is not None and excluded(p.start + m.start()):
                continue
            score[cue.value] += cue.weight * p.weight
            spans[cue.value].append(Span(p.start + m.start(), p.start + m.end()))
            origins[cue.value].add(p.origin)
    return score, spans, origins


def disease(text: str, pieces: Sequence[Piece], exclude: Sequence[Span] = ()) -> Found:
    """The disease the pieces describe. A cue inside ``exclude`` (the name of an outcome score:
    "Pressure Ulcer Scale for Healing" scores venous ulcers too) counts only when nothing
    else names a disease; a category ("chronic wounds") yields to a specific condition that
    only the wider pieces (a cited reference's title) name."""
    table = cues("diseases")
    own = [p for p in pieces if p.origin != TITLE]
    found = _disease_vote(text, own, table, exclude)
    if found.value is None or _only_generic(text, found, table):
        wider = _disease_vote(text, pieces, table, exclude)
        specific = wider.value is not None and not _only_generic(text, wider, table)
        if specific or found.value is None:
            found = wider
    if found.value is None and exclude:
        return disease(text, pieces)
    return _sequel(text, found) or found


# a disease named as the cause of the condition treated ("hyperpigmentation after acne",
# "post-acne PIH", "PIH in acne patients") or as absent ("no active acne")
_CAUSE_BEFORE = re.compile(
    r"(?:\b(?:after|following|secondary\s+to|due\s+to|caused\s+by)\s+(?:\w+\s+)?|\bpost-"
    r"|\bin\s+(?P<population>))$",
    re.IGNORECASE,
)
_POPULATION_AFTER = re.compile(r"\s+(?:patients|subjects|individuals|people|skin)\b", re.I)
_ABSENT_BEFORE = re.compile(r"\b(?:no|without|free\s+of|absence\s+of)\s+(?:\w+\s+)?$", re.I)
_CLAUSE_START = re.compile(r".*(?:[.;:!?(]|\n)", re.DOTALL)


def _sequel(text: str, found: Found) -> Found | None:
    """The condition treated when the vocabulary disease found is named only as its cause or
    as absent: "post-inflammatory hyperpigmentation in acne patients", "PIH after acne
    vulgaris and no active acne", "post-acne PIH" give ``other: post-inflammatory
    hyperpigmentation``, the disorder named before the cause (``heads.find_disease``)."""
    value = str(found.value or "")
    if not value or value.startswith("other") or not found.spans:
        return None
    named: list[tuple[str, Span]] = []
    for sp in found.spans:
        before = text[max(0, sp.start - 80) : sp.start]
        if _ABSENT_BEFORE.search(before):
            continue
        cause = _CAUSE_BEFORE.search(before)
        if cause is not None and cause.group("population") is not None:
            # "… in acne patients": the population's disease, not the condition treated
            cause = cause if _POPULATION_AFTER.match(text, sp.end) else None
        if cause is None:
            return None  # named as a disease of its own somewhere: it is the study's
        clause = before[: cause.start()]
        head = _CLAUSE_START.match(clause)
        clause = clause[head.end() :] if head else clause
        hit = find_disease(clause)
        if hit is not None and is_specific(hit[2]):
            start = sp.start - len(before) + (len(before[: cause.start()]) - len(clause))
            named.append((hit[2], Span(start + hit[0], start + hit[1])))
    if not named:
        return None
    name, span = named[0]
    return Found("other: " + name, (span,), found.share * 0.8, found.origin)


_INDUCER_PREFIX = re.compile(r"^(?:\S+[- ])*?\S*-?induced\s+", re.IGNORECASE)


def _without_inducer(hit: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """A model's name without the inducer that made it ("bleomycin-induced skin fibrosis" ->
    "skin fibrosis"): the condition is the disease's name; one word alone ("mite-induced
    dermatitis" -> "dermatitis") does not say which disease, so None."""
    _, end, name = hit
    m = _INDUCER_PREFIX.match(name)
    if m is None:
        return hit
    rest = name[m.end() :]
    return (end - len(rest), end, rest) if len(rest.split()) >= 2 else None


def disease_by_head(
    text: str, pieces: Sequence[Piece], front: int = 1, specific: bool = False
) -> Found:
    """The last resort when no lexicon row names the disease: a disorder's name read by its
    head word (``heads.find_disease``) from a title piece, else from the first sentence of the
    ``front`` earliest pieces (a primary article's title sits below its masthead lines, which
    are skipped); ``other: <name>`` at a low share, since no row vouches for it.
    ``specific``: only a name that says which disorder (``heads.specific``), not a bare
    "patchy disease", a model's "lupus-like skin lesions" or a model named by its inducer
    ("house dust mite-induced dermatitis": the surroundings say which disease it models)."""
    titles = sorted((p for p in pieces if p.origin == TITLE), key=lambda p: p.start)
    rest = sorted(pieces, key=lambda p: p.start)[:front]
    for p in [*titles, *rest]:
        if masthead(text[p.start : p.end]):
            continue
        chunk = first_sentence(text[p.start : p.end])
        hit = find_disease(chunk)
        if hit is not None and specific and not is_specific(hit[2]):
            continue
        if hit is not None and specific:
            hit = _without_inducer(hit)
            if hit is None:
                continue  # "mite-induced dermatitis": the surroundings say which dermatitis
        if hit is not None:
            span = Span(p.start + hit[0], p.start + hit[1])
            return Found("other: " + hit[2], (span,), 0.5, p.origin)
    return Found(None, share=0.0)


def _only_generic(text: str, found: Found, table: Sequence[Cue]) -> bool:
    generic = [c for c in table if c.value == "other" and c.generic]
    return bool(found.spans) and all(
        any(c.regex.fullmatch(text[sp.start : sp.end]) for c in generic) for sp in found.spans
    )


def _disease_vote(
    text: str, pieces: Sequence[Piece], table: Sequence[Cue], exclude: Sequence[Span]
) -> Found:
    score, spans, origins = _vote(text, pieces, table, exclude)
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
        # outside the vocabulary: name it with the longest matched words, singular, or with
        # the name its row gives when synonyms name one condition ("diabetic ulcers")
        # a category ("chronic wounds") yields to a specific condition named as well
        generic = [c for c in table if c.value == "other" and c.generic]
        surfaces = [text[sp.start : _abbreviated_end(text, sp)] for sp in spans[best]]
        specific = [s for s in surfaces if not any(c.regex.fullmatch(s) for c in generic)]
        surface = max(specific or surfaces, key=len)
        named = next(
            (c.name for c in table if c.value == "other" and c.name and c.regex.fullmatch(surface)),
            None,
        )
        value = "other: " + (named or _singular(" ".join(surface.lower().split())))
    return Found(value, tuple(spans[best]), score[best] / total, best_origin(origins[best]))


# up to two words after a name, then an abbreviation in parentheses
_ABBREVIATED = re.compile(r"((?:[\s-]+[A-Za-z]+){1,2})\s*\(\s*([A-Z][A-Za-z]{1,7})\s*\)")


def _abbreviated_end(text: str, sp: Span) -> int:
    """Where the name at ``sp`` ends when the text defines an abbreviation for it right
    after: "epidermolysis bullosa acquisita (EBA)" extends a matched "epidermolysis bullosa"
    by the words whose initials the abbreviation spells (as abbreviation definitions are
    found, Schwartz and Hearst 2003); otherwise ``sp.end``."""
    m = _ABBREVIATED.match(text, sp.end)
    if m is None:
        return sp.end
    words = re.findall(r"[A-Za-z]+", text[sp.start : m.end(1)])
    initials = "".join(w[0] for w in words).casefold()
    return m.end(1) if initials == m.group(2).casefold() else sp.end


def _singular(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if last == "scarring":  # the process noun names the scar ("hypertrophic scarring")
        last = "scar"
    elif last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "is", "us")):
        last = last[:-1]
    return f"{head} {last}".strip()


def _classes_in(chunk: str) -> list[tuple[int, str, int]]:
    """(position, intervention class, specificity) of every intervention cue in ``chunk``."""
    hits = []
    for cue in screen(cues("interventions"), chunk):
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
    then what a row says was dosed, then a cells sub-heading, then the prose; where the prose
    names another product than the one class the row's cells name, the row wins (prose near
    a table may be about another study)."""
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
    # a row's cells that name one product class ("ADSC-CM" in its Product column) say what
    # the study gave better than prose, which may be about another study
    row_classes = {c for p in rows if (c := _most_specific(text[p.start : p.end]))} - {"cells"}
    row_cls = row_classes.pop() if len(row_classes) == 1 else None

    def by_row(prose: Found) -> Found:
        if row_cls is None or prose.value == row_cls:
            return prose
        cells = [p for p in rows if _most_specific(text[p.start : p.end]) == row_cls]
        return done(row_cls, ROW, cells, 0.8)

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
        share = admin_votes[best] / sum(admin_votes.values())
        return by_row(done(best, PARAGRAPH, sup[best], share))
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
    return by_row(done(best, PARAGRAPH, sup[best][:3], counts[best] / sum(counts.values())))


def model(text: str, pieces: Sequence[Piece]) -> Found:
    """What was treated. A study that treats animals or people and also runs culture
    experiments is about the living thing (SCHEMA §4): cell culture wins only when no sentence
    gives an animal or a patient something."""
    own = [p for p in pieces if p.origin != TITLE]
    score, spans, origins = _vote(text, own, cues("models"))
    if not score:
        score, spans, origins = _vote(text, pieces, cues("models"))
    if not score:
        return Found(None, share=0.0)
    best = max(score, key=lambda k: score[k])
    total = sum(score.values())
    if best == "cell culture":
        treated = _treated_living(text, own)
        if treated is not None:
            best = treated
    return Found(best, tuple(spans[best][:4]), score[best] / total, best_origin(origins[best]))


def _treated_living(text: str, pieces: Sequence[Piece]) -> str | None:
    """The living model named in a sentence that administers something to it, if any (the
    most often named one): "keloid fragments were implanted in 6 nude mice, which received
    ADSC-Exos". A living thing named as a source of material ("isolated from mice") is not
    treated."""
    from extractor.records.text import sentences

    admin = kind("administration", "administered")
    in_culture = kind("administration", "in_culture")
    donor = kind("administration", "donor_before")
    source = kind("sample", "material_source")
    living = _living()
    votes: dict[str, float] = defaultdict(float)
    for p in pieces:
        for s in sentences(text, p.start, p.end):
            if not admin.search(text, s.start, s.end) or in_culture.search(text, s.start, s.end):
                continue
            for cue in screen_span(living, text, s.start, s.end):
                for m in cue.regex.finditer(text, s.start, s.end):
                    before = text[max(s.start, m.start() - 60) : m.start()]
                    if source.search(before) or donor.search(before):
                        continue
                    votes[cue.value] += cue.weight
    return max(votes, key=lambda k: votes[k]) if votes else None


@cache
def _living() -> tuple[Cue, ...]:
    return tuple(c for c in cues("models") if c.value != "cell culture")


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
            best_origin(origins["case report"]),
        )
    if trial:
        return Found(
            "clinical trial",
            tuple(spans["clinical trial"][:2]),
            0.85,
            best_origin(origins["clinical trial"]),
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
            rf"(?<![\w.,×x^/-])(?P<sa>{num})\s+(?:{sex})\s*(?:,|and|&)\s*(?P<sb>{num})\s+(?:{sex})"
            rf"\s+(?:(?:{qual})\s+){{0,3}}(?P<snoun>{noun})\b"
            rf"|(?<![\w.,×x^/-])(?P<n>{num})\s+(?P<qual>(?:(?:{qual})\s+){{0,3}})"
            rf"(?:with\s+\w+\s+)?(?P<noun>{noun})\b"
            rf"|sample\s+size\s+(?:of|was|=|:)?\s*(?:only\s+)?(?P<n2>{num})\b"
            rf"|[(\[,;]\s*n\s*=\s*(?P<n3>{digits_pattern()})\b"
            rf"|(?<![\d.])(?:{lead})(?P<n4>{num})(?=(?:{per_group}))"
            rf"|(?<![\w.,×x^/-])(?P<n5>{num})\s+(?={kind_source('sample', 'randomised_count')})"
            # people named by a compound noun or a modifier the qualifiers do not list ("46
            # health care workers", "30 nursing home residents", "12 eczema patients")
            rf"|(?<![\w.,×x^/-])(?P<n6>{num})\s+(?:(?!{_NOT_MODIFIER})(?-i:[a-z][a-z-]{{2,}})\s+){{1,2}}"
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
    return re.compile(f"{opens}(?:{regex.pattern})", regex.flags)


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
            if target.fullmatch(text, s + n.end(), x.start()):
                num = s + n.start()
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
        after = text[m.end() : m.end() + 30]
        if (
            not m.group("n3")
            and re.match(r"\s*(?:per|in\s+each|each|/)\b|\s*/", after, re.I)
            and not group_size.match(after)
        ):
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


# --------------------------------------------------------------------------- routes


def routes(text: str, pieces: Sequence[Piece]) -> tuple[Found, Found]:
    """(routes kept, routes of the prose) — the table's routes win when both are given."""
    # ambiguous abbreviations (IV, SC) count only near an administration word
    context_rows = rows("route_context.jsonl")
    context = re.compile(
        "|".join(r["pattern"] for r in context_rows if "kind" not in r), re.IGNORECASE
    )
    speculative = kind("route_context", "speculative")
    # the route of another agent: a conventional drug named right after the route word
    # ("Topical corticosteroids were allowed as rescue"), or the therapy patients had before
    # or failed ("inadequately controlled by topical therapy")
    other_agent = kind("route_context", "other_agent")
    background = kind("route_context", "background")

    def find(ps: Sequence[Piece]) -> tuple[list[str], list[Span]]:
        vals: list[str] = []
        sps: list[Span] = []
        for p in ps:
            for cue in screen_span(cues("routes"), text, p.start, p.end):
                for m in cue.regex.finditer(text, p.start, p.end):
                    # "by topical imiquimod", "62.5 mg IMQ cream", "bleomycin
                    # subcutaneously": the inducer's route or dosage form, not the therapy's
                    if (
                        inducer().match(text, m.end() + 1, min(p.end, m.end() + 30))
                        or _inducer_right_before(text, m.start(), p.start)
                        or _in_insult_sentence(text, m.start(), p)
                    ):
                        continue
                    clause = sentence_bounds(text, m.start(), p.start, p.end)
                    if speculative.search(text, *clause):
                        continue
                    if other_agent.match(text, m.end(), clause[1]) or background.search(
                        text, max(clause[0], m.start() - 80), m.start()
                    ):
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


# between an inducer and the route word that is its own: a bracketed abbreviation or brand,
# a hyphen ("imiquimod (Aldara) cream", "IMQ-cream") or the inducer's strength ("monobenzone
# (40% cream", "imiquimod 5% cream"); nothing that could name another agent
_INDUCER_GAP = re.compile(
    r"(?:\s*(?:\([^()]{1,20}\)|[-‐]|\(?\s*\d+(?:[.,]\d+)?\s*%(?:\s*w/[wv])?))*\s*"
)


def _inducer_right_before(text: str, pos: int, lo: int) -> bool:
    """The route word directly follows a disease inducer's name, so it is that inducer's."""
    return any(
        _INDUCER_GAP.fullmatch(text, m.end(), pos) is not None
        for m in inducer().finditer(text, max(lo, pos - 40), pos)
    )


def _in_insult_sentence(text: str, pos: int, p: Piece) -> bool:
    return _about_the_model(text, *sentence_bounds(text, pos, p.start, p.end))


# the disease was made, not treated: "experimental EBA was induced in C57BL/6 mice by
# subcutaneous injection of anti-collagen VII IgG", "dermatitis was elicited with …"
_INDUCTION = re.compile(
    r"\b(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    r"(?:induced|elicited|provoked|triggered|evoked)\b",
    re.IGNORECASE,
)


def _about_the_model(text: str, start: int, end: int) -> bool:
    """A sentence about the disease model only: it names an inducer of the lexicon
    (``pieces.about_insult_only``), or says in the passive that the disease was induced, and
    names no therapy; its amounts and routes are the inducer's, whatever the agent."""
    if about_insult_only(text, start, end):
        return True
    chunk = text[start:end]
    return _INDUCTION.search(chunk) is not None and THERAPY_WORDS.search(chunk) is None


# --------------------------------------------------------------------------- entity fields


_MEASURED = re.compile(r"\bfrom\s+(?P<start>[\d.,]+(?:\s*\S+)?)\s+to\s+$", re.IGNORECASE)


def _administered_amount(
    text: str, e: Entity, p: Piece, dose_starts: frozenset[int] = frozenset()
) -> bool:
    """False for an amount the study did not give: one in a sentence about the disease
    inducer only ("bleomycin (100 µg in 100 µL)"), or the end value of a measured change
    ("eosinophils fell from 1,250 to 380 cells/µL")."""
    if p.origin != PARAGRAPH:
        return True  # a table's dose cell is the dose
    s, t = sentence_bounds(text, e.start, p.start, p.end)
    if _about_the_model(text, s, t):
        return False
    lo = max(s, e.start - 40)
    m = _MEASURED.search(text[lo : e.start])
    # a change whose start value is itself a dose is a dose change ("de-escalated from 100 µg
    # to 50 µg"): both amounts were given
    return m is None or lo + m.start("start") in dose_starts


def doses(
    text: str, entities: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[tuple[Dose, ...], list[Span], list[float]]:
    """Dose objects of the DOSE mentions inside the study's pieces, de-duplicated on
    (low, high, unit), without amounts the study did not administer."""
    out: list[Dose] = []
    seen: set[tuple[float, float, str | None]] = set()
    spans: list[Span] = []
    confs: list[float] = []
    own = [p for p in pieces if p.origin != TITLE]
    dose_starts = frozenset(e.start for e in entities if e.label == "DOSE")
    for e in inside_pieces(entities, own):  # an entity in no piece has no piece below
        if e.label != "DOSE" or not isinstance(e.norm, tuple):
            continue
        piece = next((p for p in own if p.start <= e.start and e.end <= p.end), None)
        if piece is None or not _administered_amount(text, e, piece, dose_starts):
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
    text: str, entities: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[tuple[str, ...], list[Span]]:
    """Cells studied: CELL mentions plus the parent cell named inside a vesicle mention;
    a generic parent (MSC, stem cell) is dropped once a more specific kind is named, and a
    generic population (immune cell) where its own clause narrows it to named cells."""
    out: list[str] = []
    spans: list[Span] = []
    own = [p for p in pieces if p.origin != TITLE]
    inside = inside_pieces(entities, own)
    for e in inside:
        if not isinstance(e.norm, str) or not e.norm or _narrowed(text, e, inside):
            continue
        name = (
            e.norm if e.label == "CELL" else _parent_cell(e.norm) if e.label == "VESICLE" else None
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


_NARROWED_REACH = 60  # characters from the narrowing cue to the named cell


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
