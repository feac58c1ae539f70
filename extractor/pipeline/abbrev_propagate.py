"""Propagation: a defined abbreviation inherits its long form's label and norm.

``propagate`` walks the document's definitions (``_definitions``) in order; a
``_Propagation`` holds what the walk collects (spans to add, offsets to drop, norms to
rename, uses glued inside a token) and applies it once at the end. See ``abbrev.py`` for
the rules in words.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from extractor.normalize.first_chars import finditer_not_after
from extractor.normalize.folding import fold_key
from extractor.pipeline.abbrev_detect import abbreviation_pairs
from extractor.pipeline.abbrev_forms import (
    ACRONYM_PLURAL_RE,
    at_short_same,
    char_len,
    compounds,
    copy_values,
    parent_from_long_form,
    parented_vesicles,
    redefines,
    repeat,
    set_values,
    singular_abbreviation,
    specialise,
    split_and_copy,
    value,
    vesicle_pieces,
    widen,
    without_species,
)
from extractor.pipeline.alignment import moved_span
from extractor.pipeline.extensions import SPANS_KEY, doc_text
from extractor.pipeline.regions import glossary_pairs

_WORD_OR_PLUS = re.compile(r"[\w+]")  # what the uses may not follow
_HYPHEN_CHARS = frozenset("-\u2010\u2011")


def propagate(doc: Doc, outside: frozenset[str] = frozenset()) -> Doc:
    """Add abbreviation candidates to ``doc.spans[SPANS_KEY]`` (see module docstring).

    Returns the Doc to use from here on: a new one if token splits rebuilt it."""
    run = _Propagation(doc, outside)
    for definition in run.definitions:
        run.define(*definition)
    run.parent_vesicles()
    run.split_glued()
    run.rename()
    return run.result()


Definition = tuple[int, int, int, int, bool]


class _Propagation:
    """One document's propagation: indexes of its candidates, and what the definitions add,
    drop and rename."""

    def __init__(self, doc: Doc, outside: frozenset[str]) -> None:
        self.doc = doc
        self.outside = outside
        self.cands = list(doc.spans.get(SPANS_KEY, []))
        self.text = text = doc_text(doc)
        self.limit = doc._.body_end if doc._.body_end is not None else len(text)
        self.by_offsets: dict[tuple[int, int], list[Span]] = {}
        self.by_end: dict[int, list[Span]] = {}
        self._covered: bytearray | None = None  # see _covers
        for c in self.cands:
            start, end = c.start_char, c.end_char
            self.by_offsets.setdefault((start, end), []).append(c)
            self.by_end.setdefault(end, []).append(c)
        self.added: list[Span] = []
        self.seen: set[tuple[int, int, str]] = set()
        self.drop: set[tuple[int, int]] = set()
        self.overridden: set[str] = set()
        self.renamed: dict[str, str] = {}  # ontology norm -> the document's defined short name
        self.definitions = _definitions(doc, self.cands)
        shorts = {text[d[0] : d[1]] for d in self.definitions if d[4]}
        self.uses, self.after_hyphen = _occurrences(text, shorts, self.limit)
        # Uses glued to a modifier ("KF-conditioned") need a token split: collected here and
        # split in one pass at the end, only for the spans actually added.
        self.glued: list[tuple[int, int, str, Span]] = []
        self.cell_shorts: dict[str, Span] = {}  # defined cell abbreviations, for their vesicles
        self.vesicle_shorts: dict[str, Span] = {}
        self.parented: dict[tuple[int, int], str] = {}

    def define(self, s_start: int, s_end: int, l_start: int, l_end: int, spread: bool) -> None:
        """One definition: the long form's reading goes to the short form and its uses."""
        text = self.text
        short = text[s_start:s_end]
        source = _long_candidate(self.by_end, l_start, l_end)
        if source is not None and source.label_ == "CELL":
            parent_from_long_form(text, short, source, self.cands)
        if not spread:
            here = [
                c
                for c in self.by_offsets.get((s_start, s_end), [])
                if source is not None and c.label_ == source.label_
            ]
            if source is not None and here:
                specialise(source, here[0])
            return
        if source is None:
            self._defined_as_other(short, s_start, s_end, l_start, l_end)
            return
        at_short = self.by_offsets.get((s_start, s_end), [])
        if source.end_char == l_end:
            self._name_after_short(source, short, s_start, s_end)
        here = [c for c in at_short if c.label_ == source.label_]
        if here:
            specialise(source, here[0])
            return
        if at_short and redefines(text, l_start, source, at_short, self.outside):
            # Defined here as another kind of thing ("human gingival fibroblasts (HGF)",
            # "Kupffer cells (KC)"): the definition beats the lexicon in this document, so
            # lexicon candidates on the short form and its uses are dropped and replaced.
            self.overridden.add(short)
            self.drop.add((s_start, s_end))
            self.drop.update(self.uses.get(short, []))
        if source.label_ == "CELL" and source.start_char > l_start:
            # A population named with its own abbreviation keeps its whole long form
            # ("localized scleroderma-fibroblasts (LSF)"), minus species/state words.
            wide = widen(self.doc, text, l_start, source, self.outside, self.cands)
            if wide is not None:
                self.added.append(wide)
                self.added += repeat(self.doc, text, wide, self.limit, self.by_offsets)
        if source.label_ == "VESICLE":
            uses = self.after_hyphen.get(short, [])
            self.added += compounds(self.doc, source, uses, self.by_end, self.by_offsets)
            self.vesicle_shorts[short] = source
        elif source.label_ == "CELL":
            self.cell_shorts[short] = source
        self._copy_to_uses(short, source)

    def _defined_as_other(
        self, short: str, s_start: int, s_end: int, l_start: int, l_end: int
    ) -> None:
        """A long form with no candidate ("… speck-like protein (ASC)"): the short form is not
        an entity here, unless the long form shares a word with the short form's own norm
        ("Th17 (T helper 17)") or holds part of a candidate."""
        long_words = set(fold_key(self.text[l_start:l_end]))
        related = any(
            long_words & set(fold_key(value(c, "norm") or ""))
            for c in self.by_offsets.get((s_start, s_end), [])
        )
        if not related and not self._covers(l_start, l_end):
            self.drop.add((s_start, s_end))
            self.drop.update(self.uses.get(short, []))

    def _covers(self, start: int, end: int) -> bool:
        """Whether a candidate holds a character of ``[start, end)``. The characters the
        candidates hold are marked on the first question only: most papers ask none, and
        marking ~500 candidates cost more than the rest of the index."""
        if self._covered is None:
            self._covered = bytearray(len(self.text) + 1)
            for s, e in self.by_offsets:
                self._covered[s:e] = b"\x01" * (e - s)
        return any(self._covered[start:end])

    def _name_after_short(self, source: Span, short: str, s_start: int, s_end: int) -> None:
        """Where the paper's abbreviation becomes the norm: an instrument read by its form,
        and a long cell name (in the whole document)."""
        origin, norm = value(source, "source"), str(value(source, "norm") or "")
        if origin == "score-grammar" and not at_short_same(self.by_offsets, s_start, s_end, source):
            # an instrument read by its form takes the abbreviation the paper gives it
            set_values(source, norm=singular_abbreviation(short))
        elif source.label_ == "CELL" and (
            (str(origin or "").startswith("CL ") and len(norm.split()) >= 3)
            # a cell made to resemble another has no name of its own ("sweat gland-like
            # cells (SGCs)" -> SGC)
            or (origin == "grammar" and "-like " in norm)
        ):
            # a long ontology name the paper abbreviates takes the field's short name in
            # the whole document ("endothelial colony-forming cells (ECFCs)" -> ECFC;
            # SCHEMA §2); a name already short ("Kupffer cell") keeps it
            self.renamed[value(source, "norm")] = without_species(singular_abbreviation(short))

    def _copy_to_uses(self, short: str, source: Span) -> None:
        """Every later use of ``short`` becomes a candidate with the long form's reading."""
        for o_start, o_end in self.uses.get(short, []):
            key = (o_start, o_end, source.label_)
            # Span extension values are keyed by offsets, so never stack a second
            # candidate on offsets that already carry one.
            if key in self.seen or (
                (o_start, o_end) in self.by_offsets and short not in self.overridden
            ):
                continue
            self.seen.add(key)
            span = self.doc.char_span(o_start, o_end, label=source.label_)
            if span is None:
                self.glued.append((o_start, o_end, source.label_, source))
                continue
            copy_values(source, span, "abbrev")
            self.added.append(span)

    def parent_vesicles(self) -> None:
        """A defined cell abbreviation before a vesicle word is one parented VESICLE."""
        if not self.cell_shorts:
            return
        spans = [*self.cands, *self.added]
        pieces = vesicle_pieces(spans, self.after_hyphen, self.vesicle_shorts)
        starts: dict[int, list[Span]] = {}
        for c in spans:
            if c.label_ == "VESICLE":
                starts.setdefault(c.start_char, []).append(c)
        found = parented_vesicles(self.text, self.limit, self.cell_shorts, pieces, starts)
        for start, end, norm, piece in found:
            if (start, end) in self.by_offsets:
                continue
            self.parented[(start, end)] = norm
            self.glued.append((start, end, "VESICLE", piece))

    def split_glued(self) -> None:
        """Split the tokens the glued uses sit in (one pass) and add their spans."""
        if not self.glued:
            return
        self.doc, split = split_and_copy(self.doc, self.glued)
        for span in split:
            norm = self.parented.get((span.start_char, span.end_char))
            if norm is not None and span.label_ == "VESICLE":
                set_values(span, norm=norm, source="compound")
        self.added += split

    def rename(self) -> None:
        """Long cell names the paper abbreviates take the short name, vesicle parents too."""
        for span in [*self.cands, *self.added] if self.renamed else ():
            norm = str(value(span, "norm") or "")
            for old, new in self.renamed.items():
                if norm == old:
                    set_values(span, norm=new)
                elif span.label_ == "VESICLE" and norm.startswith(old + "-"):
                    set_values(span, norm=new + norm[len(old) :])

    def result(self) -> Doc:
        """The Doc with the dropped candidates gone and the added ones in."""
        doc = self.doc
        if self.drop or self.added:
            kept = [c for c in self.cands if (c.start_char, c.end_char) not in self.drop]
            spans = (s if s.doc is doc else moved_span(doc, s) for s in kept + self.added)
            doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
        return doc


def _long_candidate(by_end: dict[int, list[Span]], long_start: int, long_end: int) -> Span | None:
    inside = [c for c in by_end.get(long_end, []) if c.start_char >= long_start]
    return max(inside, key=char_len, default=None)


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
        if ACRONYM_PLURAL_RE.fullmatch(s):
            forms.setdefault(s[:-1], s)
    pat = re.compile(rf"({_by_first_char(forms)})s?(?![\w+]|[-\u2010\u2011](?![a-z]))")
    for m in finditer_not_after(pat, text, _WORD_OR_PLUS, 0, limit):
        where = hyphenated if m.start() and text[m.start() - 1] in _HYPHEN_CHARS else out
        where[forms[m.group(1)]].append((m.start(), m.end()))
    return out, hyphenated


def _by_first_char(forms: dict[str, str]) -> str:
    """The alternation of ``forms``, longest first, written as one branch per first character
    ("A(?:DMSCs|KT|D)|…"): it matches what the flat alternation matches (forms with other
    first characters never match at the same place, and each branch keeps the longest-first
    order), but the engine tries one branch where a use may start instead of every form
    (54 forms on the review: 1.5 -> 0.5 ms)."""
    groups: dict[str, list[str]] = {}
    for f in sorted(forms, key=len, reverse=True):
        groups.setdefault(f[0], []).append(re.escape(f[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in groups.items())


def _definitions(doc: Doc, cands: list[Span]) -> list[Definition]:
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
            spread = value(c, "source") == "score-grammar" and glued
            pairs.add((m.start("short"), m.end("short"), c.start_char, c.end_char, spread))
    return sorted(pairs)


# "(SHORT)" right after a candidate, or after a short lower-case appositive ("…, fourth
# iteration (CADESI-04)", "…, version 2 (X-2)"). The short form holds a letter (Schwartz &
# Hearst 2003, Pac Symp Biocomput 8:451: "at least one character is a letter"): a scale's
# range after its name ("The dermatitis score (0–12; erythema, …)") names nothing.
_PAREN_AFTER_RE = re.compile(
    r"(?:,[ \t]*[a-z0-9][a-z0-9 \-]{0,30}?)?\s*\("
    r"(?P<short>(?=[^()\s,;]*[^\W\d_])[^()\s,;]{2,20})(?:\)|;[ \t])"
)
