"""``extractor_abbrev_propagator``: a defined abbreviation inherits its long form's label and norm.

scispaCy's AbbreviationDetector (Schwartz & Hearst 2003) pairs "adipose-derived stem cells
(ASCs)" and lists every later "ASCs". If a candidate span ends where the long form ends
(the long form's head), each occurrence of the short form becomes a candidate with that
label, norm and id. Two more document-level decisions follow from the definition:
- a short form defined with a long form that holds no candidate at all ("atopic
  dermatitis (AD)", "apoptosis-associated speck-like protein (ASC)") is not an entity in
  this document, so lexicon candidates on that short form are dropped;
- when the short form is a more specific member of the long form's concept (long form
  norm ``CADESI``, short form ``CADESI-03``), the long form takes the specific norm.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from extractor.normalize.first_chars import finditer_not_after
from extractor.normalize.folding import fold_key
from extractor.pipeline.alignment import align_tokens, moved_span
from extractor.pipeline.extensions import SPANS_KEY, doc_text, register_extensions
from extractor.pipeline.regions import glossary_pairs

ABBREV_CONFIDENCE = 0.8


@Language.factory(
    "extractor_abbreviation_detector",
    assigns=["doc._.abbreviations"],
    default_config={},
)
def make_abbreviation_detector(nlp: Language, name: str) -> DefinitionDetector:
    return DefinitionDetector(nlp, name=name)


class DefinitionDetector:
    """scispaCy's abbreviation detection (Schwartz & Hearst 2003), definitions only.

    Uses scispaCy's own ``filter_matches`` and ``find_abbreviation`` on every "(…)" of up to
    8 tokens. Two parts of scispaCy's ``AbbreviationDetector.__call__`` are replaced because
    they dominated the pipeline's run time on a long paper: its unbounded ``( + )`` Matcher
    (scispaCy's filter drops parentheticals over 8 tokens anyway) and its global Matcher
    pass that lists every later occurrence (the propagator finds occurrences with one
    regex, plurals included). ``doc._.abbreviations`` holds scispaCy's serialisable dicts
    (``short_text``, ``short_start``, ``short_end``, ``long_text``, ``long_start``,
    ``long_end``; token offsets), one per definition.
    """

    def __init__(self, nlp: Language, *, name: str = "extractor_abbreviation_detector") -> None:
        from scispacy.abbreviation import AbbreviationDetector

        # Constructing scispaCy's detector registers its Doc/Span extensions.
        AbbreviationDetector(nlp, name=name, make_serializable=True)
        self.name = name
        self.matcher = ParenthesisMatcher(nlp.vocab.strings["("], nlp.vocab.strings[")"])

    def __call__(self, doc: Doc) -> Doc:
        from scispacy.abbreviation import filter_matches, find_abbreviation

        found = []
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        inner = [(k, s + 1, e - 1) for k, s, e in self.matcher(doc)]
        for long_cand, short_cand in filter_matches(inner, doc):
            short, long_form = find_abbreviation(long_cand, short_cand)
            # scispaCy keeps the first definition of each long and each short form.
            if long_form is None or long_form.text in seen_long or short.text in seen_short:
                continue
            seen_long.add(long_form.text)
            seen_short.add(short.text)
            found.append(
                {
                    "short_text": short.text,
                    "short_start": short.start,
                    "short_end": short.end,
                    "long_text": long_form.text,
                    "long_start": long_form.start,
                    "long_end": long_form.end,
                }
            )
        doc._.abbreviations = found
        return doc


class ParenthesisMatcher:
    """Drop-in for scispaCy's ``( + )`` Matcher: (key, start, end) of "(" … ")" with 1-8 tokens
    inside, found by one pass over the ORTH array instead of the Matcher's state machine."""

    MAX_INSIDE = 8  # scispaCy's filter_matches drops longer parentheticals

    def __init__(self, open_orth: int, close_orth: int) -> None:
        self.open_orth, self.close_orth = open_orth, close_orth

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        orths = doc.to_array(ORTH).tolist()
        out = []
        for i, o in enumerate(orths):
            if o != self.open_orth:
                continue
            for j in range(i + 2, min(i + 2 + self.MAX_INSIDE, len(orths))):
                if orths[j] == self.close_orth:
                    out.append((0, i, j + 1))
        return out


@Language.factory(
    "extractor_abbrev_propagator",
    requires=[],
    assigns=["doc.spans"],
    default_config={},
)
def make_abbrev_propagator(nlp: Language, name: str) -> AbbrevPropagator:
    register_extensions()
    return AbbrevPropagator(name=name)


class AbbrevPropagator:
    """Adapter over :func:`propagate`."""

    def __init__(self, *, name: str = "extractor_abbrev_propagator") -> None:
        self.name = name
        self.outside: frozenset[str] = frozenset()

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        outside_modifiers: list[str] | None = None,
    ) -> None:
        self.outside = frozenset(w.lower() for w in outside_modifiers or [])

    def __call__(self, doc: Doc) -> Doc:
        return propagate(doc, self.outside)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        p = ensure_path(path)
        p.mkdir(parents=True, exist_ok=True)
        srsly.write_json(p / "outside_modifiers.json", sorted(self.outside))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> AbbrevPropagator:
        self.outside = frozenset(srsly.read_json(ensure_path(path) / "outside_modifiers.json"))
        return self


def _long_candidate(by_end: dict[int, list[Span]], long_start: int, long_end: int) -> Span | None:
    inside = [c for c in by_end.get(long_end, []) if c.start_char >= long_start]
    return max(inside, key=_char_len, default=None)


def _char_len(span: Span) -> int:
    return span.end_char - span.start_char


def _occurrences(
    text: str, shorts: set[str], limit: int
) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
    """Every use of each short form in one regex pass: (free uses, uses after a hyphen).

    Plural and singular are the same form ("LSF" -> "LSFs"; "KFs" -> "KF", "ELNs" -> "ELN"
    when the short form is an acronym's plural); a use may be the first part of a hyphenated
    modifier ("KF-conditioned", "ELN-treated") but not of a longer name ("LSF-1", "AD-MSC").
    A use right after a hyphen ("UC-MSC-ELNs") is listed apart: it only counts as the type
    of a compound whose parent is a candidate ending at that hyphen.
    """
    out: dict[str, list[tuple[int, int]]] = {s: [] for s in shorts}
    hyphenated: dict[str, list[tuple[int, int]]] = {s: [] for s in shorts}
    if not shorts:
        return out, hyphenated
    forms = {s: s for s in shorts}
    for s in shorts:
        if _ACRONYM_PLURAL_RE.fullmatch(s):
            forms.setdefault(s[:-1], s)
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pat = re.compile(rf"({alts})s?(?![\w+]|[-\u2010\u2011](?![a-z]))")
    for m in finditer_not_after(pat, text, _WORD_OR_PLUS, 0, limit):
        where = hyphenated if m.start() and text[m.start() - 1] in _HYPHEN_CHARS else out
        where[forms[m.group(1)]].append((m.start(), m.end()))
    return out, hyphenated


_ACRONYM_PLURAL_RE = re.compile(r"[A-Z][A-Za-z0-9\-]*[A-Z0-9]s")
_WORD_OR_PLUS = re.compile(r"[\w+]")  # what the uses may not follow
_WORD_OR_HYPHEN = re.compile(r"[\w\-]")  # what a repeated long form may not follow
_HYPHEN_CHARS = frozenset("-\u2010\u2011")


def _definitions(doc: Doc, cands: list[Span]) -> list[tuple[int, int, int, int, bool]]:
    """(short_start, short_end, long_start, long_end, propagate): scispaCy pairs and glossary
    entries propagate; "name (SHORT)" right after a candidate (``cands``: the doc's candidate
    group, materialised once by the caller), which scispaCy's letter matching rejects
    ("… Index (CADESI-03)"), is only used to specialise the long form."""
    pairs = {
        (s.start_char, s.end_char, lf.start_char, lf.end_char, True)
        for s, lf in abbreviation_pairs(doc)
    }
    text = doc_text(doc)
    pairs.update((*g, True) for g in glossary_pairs(text))
    for c in cands:
        m = _PAREN_AFTER_RE.match(text, c.end_char)
        if m:
            # an instrument read by its form defines the abbreviation after it even where
            # the letters do not line up ("… Quality of Life Questionnaire (CU-Q2oL)")
            glued = text[c.end_char : m.start("short")].strip() == "("
            spread = c._.source == "score-grammar" and glued
            pairs.add((m.start("short"), m.end("short"), c.start_char, c.end_char, spread))
    return sorted(pairs)


# "(SHORT)" right after a candidate, or after a short lower-case appositive ("…, fourth
# iteration (CADESI-04)", "…, version 2 (X-2)").
_PAREN_AFTER_RE = re.compile(
    r"(?:,[ \t]*[a-z0-9][a-z0-9 \-]{0,30}?)?\s*\((?P<short>[^()\s,;]{2,20})(?:\)|;[ \t])"
)


def propagate(doc: Doc, outside: frozenset[str] = frozenset()) -> Doc:
    """Add abbreviation candidates to ``doc.spans[SPANS_KEY]`` (see module docstring).

    Returns the Doc to use from here on: a new one if token splits rebuilt it."""
    cands = list(doc.spans.get(SPANS_KEY, []))
    text = doc_text(doc)
    limit = doc._.body_end if doc._.body_end is not None else len(text)
    by_offsets: dict[tuple[int, int], list[Span]] = {}
    by_end: dict[int, list[Span]] = {}
    covered = bytearray(len(text) + 1)
    for c in cands:
        by_offsets.setdefault((c.start_char, c.end_char), []).append(c)
        by_end.setdefault(c.end_char, []).append(c)
        covered[c.start_char : c.end_char] = b"\x01" * (c.end_char - c.start_char)
    added: list[Span] = []
    seen: set[tuple[int, int, str]] = set()
    drop: set[tuple[int, int]] = set()
    overridden: set[str] = set()
    renamed: dict[str, str] = {}  # ontology norm -> the document's defined short name
    definitions = _definitions(doc, cands)
    uses, after_hyphen = _occurrences(text, {text[d[0] : d[1]] for d in definitions if d[4]}, limit)
    # Uses glued to a modifier ("KF-conditioned") need a token split: collected here and
    # split in one pass at the end, only for the spans actually added.
    glued: list[tuple[int, int, str, Span]] = []
    cell_shorts: dict[str, Span] = {}  # defined cell abbreviations, for their vesicles
    vesicle_shorts: dict[str, Span] = {}
    for s_start, s_end, l_start, l_end, spread in definitions:
        short = text[s_start:s_end]
        source = _long_candidate(by_end, l_start, l_end)
        if source is not None and source.label_ == "CELL":
            _parent_from_long_form(text, short, source, cands)
        if not spread:
            here = [
                c
                for c in by_offsets.get((s_start, s_end), [])
                if source is not None and c.label_ == source.label_
            ]
            if source is not None and here:
                _specialise(source, here[0])
            continue
        if source is None:
            # Defined as something else ("… speck-like protein (ASC)"): unless the long form
            # shares a word with the short form's own norm ("Th17 (T helper 17)").
            long_words = set(fold_key(text[l_start:l_end]))
            related = any(
                long_words & set(fold_key(c._.norm or ""))
                for c in by_offsets.get((s_start, s_end), [])
            )
            if not any(covered[l_start:l_end]) and not related:
                drop.add((s_start, s_end))
                drop.update(uses.get(short, []))
            continue
        at_short = by_offsets.get((s_start, s_end), [])
        if source.end_char == l_end:
            if source._.source == "score-grammar" and not at_short_same(
                by_offsets, s_start, s_end, source
            ):
                # an instrument read by its form takes the abbreviation the paper gives it
                source._.norm = _singular_abbreviation(short)
            elif source.label_ == "CELL" and (
                (
                    str(source._.source or "").startswith("CL ")
                    and len(str(source._.norm or "").split()) >= 3
                )
                # a cell made to resemble another has no name of its own ("sweat gland-like
                # cells (SGCs)" -> SGC)
                or (source._.source == "grammar" and "-like " in str(source._.norm or ""))
            ):
                # a long ontology name the paper abbreviates takes the field's short name in
                # the whole document ("endothelial colony-forming cells (ECFCs)" -> ECFC;
                # SCHEMA §2); a name already short ("Kupffer cell") keeps it
                renamed[source._.norm] = _without_species(_singular_abbreviation(short))
        here = [c for c in at_short if c.label_ == source.label_]
        if here:
            _specialise(source, here[0])
            continue
        if at_short and _redefines(text, l_start, source, at_short, outside):
            # Defined here as another kind of thing ("human gingival fibroblasts (HGF)",
            # "Kupffer cells (KC)"): the definition beats the lexicon in this document, so
            # lexicon candidates on the short form and its uses are dropped and replaced.
            overridden.add(short)
            drop.add((s_start, s_end))
            drop.update(uses.get(short, []))
        if source.label_ == "CELL" and source.start_char > l_start:
            # A population named with its own abbreviation keeps its whole long form
            # ("localized scleroderma-fibroblasts (LSF)"), minus species/state words.
            wide = _widen(doc, text, l_start, source, outside, cands)
            if wide is not None:
                added.append(wide)
                added += _repeat(doc, text, wide, limit, by_offsets)
        if source.label_ == "VESICLE":
            added += _compounds(doc, source, after_hyphen.get(short, []), by_end, by_offsets)
            vesicle_shorts[short] = source
        elif source.label_ == "CELL":
            cell_shorts[short] = source
        for o_start, o_end in uses.get(short, []):
            key = (o_start, o_end, source.label_)
            # Span extension values are keyed by offsets, so never stack a second
            # candidate on offsets that already carry one.
            if key in seen or ((o_start, o_end) in by_offsets and short not in overridden):
                continue
            seen.add(key)
            span = doc.char_span(o_start, o_end, label=source.label_)
            if span is None:
                glued.append((o_start, o_end, source.label_, source))
                continue
            _copy(source, span, "abbrev")
            added.append(span)
    parented: dict[tuple[int, int], str] = {}
    if cell_shorts:
        pieces = _vesicle_pieces([*cands, *added], after_hyphen, vesicle_shorts)
        starts: dict[int, list[Span]] = {}
        for c in [*cands, *added]:
            if c.label_ == "VESICLE":
                starts.setdefault(c.start_char, []).append(c)
        found = _parented_vesicles(text, limit, cell_shorts, pieces, starts)
        for start, end, norm, piece in found:
            if (start, end) in by_offsets:
                continue
            parented[(start, end)] = norm
            glued.append((start, end, "VESICLE", piece))
    if glued:
        doc, split = _split_and_copy(doc, glued)
        for span in split:
            norm = parented.get((span.start_char, span.end_char))
            if norm is not None and span.label_ == "VESICLE":
                span._.norm = norm
                span._.source = "compound"
        added += split
    for span in [*cands, *added] if renamed else ():
        norm = str(span._.norm or "")
        for old, new in renamed.items():
            if norm == old:
                span._.norm = new
            elif span.label_ == "VESICLE" and norm.startswith(old + "-"):
                span._.norm = new + norm[len(old) :]
    if drop or added:
        kept = [c for c in cands if (c.start_char, c.end_char) not in drop]
        spans = (s if s.doc is doc else moved_span(doc, s) for s in kept + added)
        doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
    return doc


# "extracellular vesicles (isolated) from (human) <cell>" right before the cell
_VESICLES_FROM_RE = re.compile(
    r"(?:vesicles|exosomes|EVs|sEVs|microvesicles|nanovesicles)[ \t]+(?:(?:isolated|derived|"
    r"released|secreted|purified|obtained)[ \t]+)?(?:from|of|by)[ \t]+(?:(?:human|mouse|murine|"
    r"rat|porcine|canine|primary|cultured|normal)[ \t]+)*(?:[a-z][\w\-]*[ \t]+){0,2}$",
    re.IGNORECASE,
)


def _parent_from_long_form(text: str, short: str, cell: Span, cands: list[Span]) -> None:
    """ "extracellular vesicles from epidermal keratinocytes (KC-EVs)": the cell written
    before the parenthesis is the parent of the vesicle abbreviation, at its definition and
    every use, when the lexicon read it as a parentless vesicle (GUIDELINES 3.2)."""
    if _VESICLES_FROM_RE.search(text, max(0, cell.start_char - 60), cell.start_char) is None:
        return
    forms = {short, short[:-1]} if _PLURAL_SHORT_RE.fullmatch(short) else {short, short + "s"}
    for c in cands:
        # label and text first: extension reads are the costly part of this loop
        if c.label_ != "VESICLE" or text[c.start_char : c.end_char] not in forms:
            continue
        norm = str(c._.norm or "")
        if "-" not in norm:
            c._.norm = f"{cell._.norm}-{norm}"


def _vesicle_pieces(
    spans: list[Span], after_hyphen: dict[str, list[tuple[int, int]]], shorts: dict[str, Span]
) -> dict[int, tuple[int, str, Span]]:
    """Vesicle words by start offset: candidates, and uses of a defined vesicle abbreviation
    right after a hyphen ("-NVs"), with the end and norm of the longest at each start."""
    out: dict[int, tuple[int, str, Span]] = {}
    found = [
        (v.start_char, v.end_char, str(v._.norm or ""), v) for v in spans if v.label_ == "VESICLE"
    ]
    for short, source in shorts.items():
        found += [(a, b, str(source._.norm or ""), source) for a, b in after_hyphen.get(short, [])]
    for start, end, norm, span in found:
        if "-" not in norm and (start not in out or end > out[start][0]):
            out[start] = (end, norm, span)
    return out


def _parented_vesicles(
    text: str,
    limit: int,
    cells: dict[str, Span],
    pieces: dict[int, tuple[int, str, Span]],
    starts: dict[int, list[Span]],
) -> list[tuple[int, int, str, Span]]:
    """A defined cell abbreviation right before a vesicle word ("iMSC-NVs", "iMSC exosomes",
    "KF-EVs") is one VESICLE with the cell's norm as parent (GUIDELINES 3.2)."""
    forms = {}
    for short in cells:
        forms[short] = short
        if _PLURAL_SHORT_RE.fullmatch(short):
            forms.setdefault(short[:-1], short)
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    out = []
    pat = re.compile(rf"({alts})s?(?=[-\u2010 ])")
    for m in finditer_not_after(pat, text, _CELL_SHORT_NOT_AFTER, 0, limit):
        parent = str(cells[forms[m.group(1)]]._.norm or "")
        for v in starts.get(m.start(), []):  # "KF-EVs" read as a qualified vesicle
            if "-" not in str(v._.norm or ""):
                v._.norm = f"{parent}-{v._.norm}"
        piece = pieces.get(m.end() + 1)
        if piece is not None:
            end, norm, span = piece
            out.append((m.start(), end, f"{parent}-{norm}", span))
    return out


_PLURAL_SHORT_RE = re.compile(r"[A-Za-z][A-Za-z0-9\-]*[A-Z0-9]s")
_CELL_SHORT_NOT_AFTER = re.compile(r"[\w+\-\u2010]")  # a cell abbreviation inside a word


def at_short_same(
    by_offsets: dict[tuple[int, int], list[Span]], s_start: int, s_end: int, source: Span
) -> bool:
    """Whether the lexicon already reads the short form with the long form's label (a short
    form read only by its shape, "BD-QoL", is no lexicon reading)."""
    return any(
        c.label_ == source.label_ and c._.source != "score-grammar"
        for c in by_offsets.get((s_start, s_end), [])
    )


def _without_species(short: str) -> str:
    """ "hAEC" -> "AEC": a species letter glued to an abbreviation (GUIDELINES 1.1)."""
    if len(short) > 2 and short[0] in "hcmrep" and short[1].isupper():
        return short[1:]
    return short


def _singular_abbreviation(short: str) -> str:
    """ "CLSSs" -> "CLSS"; "VQLI" stays (an acronym's plural s only)."""
    return short[:-1] if _ACRONYM_PLURAL_RE.fullmatch(short) else short


def _redefines(
    text: str, l_start: int, source: Span, at_short: list[Span], outside: frozenset[str]
) -> bool:
    """Whether a definition overrides the lexicon's reading of its short form: the long
    form is wholly the candidate (less species/state words: "human gingival fibroblasts")
    and the short form's reading is not built on it ("adipose-derived stem cells
    (ASC-sEVs)" names the vesicles of those cells, so the vesicle reading stays)."""
    lead = text[l_start : source.start_char].split()
    if any(w.lower().strip(",;:") not in outside for w in lead):
        return False
    norm = source._.norm or ""
    return not any(str(c._.norm or "").startswith(norm) for c in at_short)


def _split_and_copy(doc: Doc, glued: list[tuple[int, int, str, Span]]) -> tuple[Doc, list[Span]]:
    """Spans for uses inside a token ("KF" of "KF-conditioned"), after one token split.

    The split leaves earlier candidates' token indices stale; the entity filter re-anchors
    them from their character offsets, as after the dose recogniser's splits. A source span
    is only read for its extension values, which are keyed by character offsets.
    """
    doc = align_tokens(doc, {b for start, end, _, _ in glued for b in (start, end)})
    out = []
    for start, end, label, source in glued:
        span = doc.char_span(start, end, label=label)
        if span is not None:
            _copy(source, span, "abbrev")
            out.append(span)
    return doc, out


def _compounds(
    doc: Doc,
    source: Span,
    uses: list[tuple[int, int]],
    by_end: dict[int, list[Span]],
    by_offsets: dict[tuple[int, int], list[Span]],
) -> list[Span]:
    """A defined vesicle abbreviation after a parent cell and a hyphen is one VESICLE, as the
    lexicon's compounds are ("exosome-mimetic nanovesicles (EMNVs)" … "ADSC-EMNVs" →
    ``ADMSC-`` + the long form's norm)."""
    out = []
    for o_start, o_end in uses:
        parents = [c for c in by_end.get(o_start - 1, []) if c.label_ == "CELL"]
        parent = max(parents, key=_char_len, default=None)
        if parent is None or (parent.start_char, o_end) in by_offsets:
            continue
        span = doc.char_span(parent.start_char, o_end, label="VESICLE")
        if span is None:
            continue
        _copy(source, span, "compound")
        span._.norm = f"{parent._.norm}-{source._.norm}"
        span._.confidence = round(min(span._.confidence, parent._.confidence or 1.0), 3)
        out.append(span)
    return out


_PHRASE_BREAK_RE = re.compile(r"[.;:,()\[\]]|\n")
MAX_WIDEN_WORDS = 6


def _widen(
    doc: Doc,
    text: str,
    l_start: int,
    source: Span,
    outside: frozenset[str],
    cands: list[Span],
) -> Span | None:
    words = list(re.finditer(r"\S+", text[l_start : source.start_char]))
    start = l_start
    for w in words:
        if w.group().lower().strip(",;:") not in outside:
            break
        start = l_start + w.end()
        while start < source.start_char and text[start].isspace():
            start += 1
    if start >= source.start_char:
        return None
    extra = text[start : source.start_char]
    # Only a short qualifier within one phrase ("localized scleroderma-"): a long form that
    # runs over punctuation or past other cells/vesicles is scispaCy overreaching.
    if _PHRASE_BREAK_RE.search(extra) or len(extra.split()) > MAX_WIDEN_WORDS:
        return None
    if any(
        c.label_ in ("CELL", "VESICLE") and c.start_char < source.start_char and c.end_char > start
        for c in cands  # materialised once: iterating a SpanGroup builds every Span anew
    ):
        return None
    span = doc.char_span(start, source.end_char, label=source.label_)
    if span is not None:
        _copy(source, span, "abbrev")
    return span


def _repeat(
    doc: Doc, text: str, wide: Span, limit: int, by_offsets: dict[tuple[int, int], list[Span]]
) -> list[Span]:
    """The widened long form wherever the document writes it again after its definition
    (plural-insensitive). Before the definition (a title, an opening sentence) the
    population is not yet named with its abbreviation, so the qualifier stays outside
    (GUIDELINES 2.5: "localized scleroderma fibroblasts" → `fibroblasts`)."""
    stem = wide.text[:-1] if wide.text.endswith("s") else wide.text
    pat = re.compile(rf"{re.escape(stem)}s?(?![\w\-])", re.IGNORECASE)
    out = []
    for m in finditer_not_after(pat, text, _WORD_OR_HYPHEN, wide.start_char + 1, limit):
        if (m.start(), m.end()) in by_offsets:
            continue
        span = doc.char_span(m.start(), m.end(), label=wide.label_)
        if span is not None:
            _copy(wide, span, "abbrev")
            span._.confidence = wide._.confidence
            out.append(span)
    return out


def _copy(source: Span, span: Span, origin: str) -> None:
    span._.norm = source._.norm
    span._.concept_id = source._.concept_id
    span._.confidence = round(ABBREV_CONFIDENCE * (source._.confidence or 1.0), 3)
    span._.source = origin


def abbreviation_pairs(doc: Doc) -> list[tuple[Span, Span]]:
    """(short form, long form) spans from scispaCy, in its span or serialisable dict form."""
    pairs = []
    for item in doc._.abbreviations:
        if isinstance(item, dict):
            short = doc[item["short_start"] : item["short_end"]]
            long_form = doc[item["long_start"] : item["long_end"]]
        else:
            short, long_form = item, item._.long_form
            if not isinstance(long_form, Span):
                continue
        pairs.append((short, long_form))
    return pairs


def _specialise(long_span: Span, short_span: Span) -> None:
    """A written-out long form takes its abbreviation's more specific norm ("… Severity
    Index (CADESI-04)"). A long form that is itself the abbreviation's stem ("EASI (EASI-50)",
    a response threshold named after its score) is no definition and keeps its norm."""
    ln, sn = long_span._.norm, short_span._.norm
    if not (isinstance(ln, str) and isinstance(sn, str) and sn.startswith(ln + "-")):
        return
    if not short_span.text.startswith(long_span.text):
        long_span._.norm = sn
