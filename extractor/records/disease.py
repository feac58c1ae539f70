"""The disease a study treats (SCHEMA §4 ``disease``): a weighted vote over the lexicon's disease
cues, the condition named before a disease given only as its cause, and a disorder read by
its head word when no lexicon row names one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.records.heads import find_disease, first_sentence, is_specific, masthead
from extractor.records.lexicon import Cue, cues
from extractor.records.pieces import TITLE, Found, Piece, best_origin
from extractor.records.text import Span, per_document
from extractor.records.vote import vote


def disease(text: str, pieces: Sequence[Piece], exclude: Sequence[Span] = ()) -> Found:
    """The disease the pieces describe. A cue inside ``exclude`` (the name of an outcome score:
    "Pressure Ulcer Scale for Healing" scores venous ulcers too) counts only when nothing
    else names a disease; a category ("chronic wounds") yields to a specific condition that
    only the wider pieces (a cited reference's title) name."""
    table = cues("diseases")
    own = [p for p in pieces if p.origin != TITLE]
    redefined = _redefined(text)
    found = _disease_vote(text, own, table, (*exclude, *redefined))
    if found.value is None or _only_generic(text, found, table):
        wider = _disease_vote(text, pieces, table, (*exclude, *redefined))
        specific = wider.value is not None and not _only_generic(text, wider, table)
        if specific or found.value is None:
            found = wider
    if found.value is None and exclude:
        return disease(text, pieces)
    return _sequel(text, found) or found


# "Pemphigus vulgaris (PV)": a long form and the abbreviation the text defines for it
_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z0-9]{1,7})\s*[);,]")
_LONG_WORD = re.compile(r"[A-Za-z0-9]+")


@per_document(maxsize=8)
def _redefined(text: str) -> tuple[Span, ...]:
    """Every occurrence of an abbreviation that a disease row reads ("PV" for psoriasis
    vulgaris) where the text defines it for a long form that row does not name ("Pemphigus
    vulgaris (PV)"): the document's own definition wins, found as abbreviation definitions
    are found (Schwartz and Hearst 2003, a long form whose words' initials spell the
    parenthesised letters right before it)."""
    table = cues("diseases")
    spans: list[Span] = []
    for short in {m.group(1) for m in _DEFINED.finditer(text)}:
        rows = [c for c in table if c.regex.fullmatch(short)]
        if not rows or not any(_defined_for_other(text, short, c.value, table) for c in rows):
            continue
        spans += [Span(m.start(), m.end()) for m in re.finditer(rf"\b{short}\b", text)]
    return tuple(spans)


def _defined_for_other(text: str, short: str, value: str, table: Sequence[Cue]) -> bool:
    """Whether ``short`` is defined in ``text`` for a long form no row of ``value`` names."""
    for m in re.finditer(rf"\(\s*{short}\s*[);,]", text):
        words = list(_LONG_WORD.finditer(text, max(0, m.start() - 80), m.start()))[-len(short) :]
        if len(words) != len(short) or not _spells([w.group() for w in words], short):
            continue
        long = text[words[0].start() : words[-1].end()]
        same = [c for c in table if c.value == value]
        if not any(c.regex.search(long) for c in same):
            return True
    return False


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


def manifestation_only(text: str, found: Found) -> bool:
    """The disease found is only a manifestation category ("chronic wounds", a ``generic``
    row of diseases.jsonl): a wound, ulcer or lesion is what a disorder shows, so a specific
    disorder the study's wider pieces name ("chronic wounds in recessive dystrophic
    epidermolysis bullosa", its reference title) is the study's disease instead."""
    return _only_generic(text, found, cues("diseases"))


def _only_generic(text: str, found: Found, table: Sequence[Cue]) -> bool:
    generic = [c for c in table if c.value == "other" and c.generic]
    return bool(found.spans) and all(
        any(c.regex.fullmatch(text[sp.start : sp.end]) for c in generic) for sp in found.spans
    )


def _disease_vote(
    text: str, pieces: Sequence[Piece], table: Sequence[Cue], exclude: Sequence[Span]
) -> Found:

    score, spans, origins = vote(text, pieces, table, exclude)
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
        titled = _most_named(text, spans[best], table)
        surfaces = [text[sp.start : _abbreviated_end(text, sp)] for sp in titled]
        specific = [s for s in surfaces if not any(c.regex.fullmatch(s) for c in generic)]
        surface = max(specific or surfaces, key=len)
        named = next(
            (c.name for c in table if c.value == "other" and c.name and c.regex.fullmatch(surface)),
            None,
        )
        value = "other: " + (named or _singular(" ".join(surface.lower().split())))
    return Found(value, tuple(spans[best]), score[best] / total, best_origin(origins[best]))


def _most_named(text: str, spans: Sequence[Span], table: Sequence[Cue]) -> list[Span]:
    """The spans of the out-of-vocabulary condition the document's own title names, when
    rows of ``other`` name different conditions (told apart by their head noun, so
    "hypertrophic burn scar" and "burn scar" are one): a study titled for "deep
    partial-thickness burns" that scores the "hypertrophic scars" they leave is a burn study.
    Without a title naming exactly one of them, every span stays (the longest name wins)."""
    title = _own_title(text).casefold()
    if not title:
        return list(spans)
    rows = [c for c in table if c.value == "other" and not c.generic]
    groups: dict[str, list[Span]] = {}
    for sp in spans:
        surface = text[sp.start : sp.end]
        known = any(c.regex.fullmatch(surface) for c in rows)
        head = _singular(" ".join(surface.lower().split())).rsplit(" ", 1)[-1] if known else ""
        groups.setdefault(head, []).append(sp)
    named = {k: v for k, v in groups.items() if k}
    titled = [
        k for k, v in named.items() if any(text[sp.start : sp.end].casefold() in title for sp in v)
    ]
    if len(named) < 2 or len(titled) != 1:
        return list(spans)
    return [*named[titled[0]], *groups.get("", [])]


@per_document(maxsize=8)
def _own_title(text: str) -> str:
    """The title the document prints for itself (its header or tagged citation), or ""."""
    from extractor.bibliography.header import read_header
    from extractor.bibliography.tagged import read_tagged

    header = read_header(text)
    for reading in (read_tagged(text), header.citation, header.page):
        if reading is not None and reading.title:
            return str(reading.title)
    return ""


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
    return m.end(1) if _spells(words, m.group(2)) else sp.end


def _spells(words: Sequence[str], short: str) -> bool:
    """Whether the words' initials spell the abbreviation ``short`` (case aside): the test of
    a long form by which abbreviation definitions are found (Schwartz and Hearst 2003)."""
    return "".join(w[0] for w in words).casefold() == short.casefold()


def _singular(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if last == "scarring":  # the process noun names the scar ("hypertrophic scarring")
        last = "scar"
    elif last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "is", "us")):
        last = last[:-1]
    return f"{head} {last}".strip()
