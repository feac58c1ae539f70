"""What a definition adds to the document: copies of the long form's reading on new spans.

Each function here makes or corrects spans for one kind of use of a defined abbreviation:
a widened long form and its repeats, vesicle compounds and parented vesicles, uses inside a
token (after a split), and the norm a long form or short form takes from the other.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from extractor.normalize.first_chars import finditer_not_after
from extractor.pipeline import set_span_values, span_value
from extractor.pipeline.alignment import align_tokens

ABBREV_CONFIDENCE = 0.8
ACRONYM_PLURAL_RE = re.compile(r"[A-Z][A-Za-z0-9\-]*[A-Z0-9]s")
_WORD_OR_HYPHEN = re.compile(r"[\w\-]")  # what a repeated long form may not follow


def char_len(span: Span) -> int:
    return span.end_char - span.start_char


# "extracellular vesicles (isolated) from (human) <cell>" right before the cell
_VESICLES_FROM_RE = re.compile(
    r"(?:vesicles|exosomes|EVs|sEVs|microvesicles|nanovesicles)[ \t]+(?:(?:isolated|derived|"
    r"released|secreted|purified|obtained)[ \t]+)?(?:from|of|by)[ \t]+(?:(?:human|mouse|murine|"
    r"rat|porcine|canine|primary|cultured|normal)[ \t]+)*(?:[a-z][\w\-]*[ \t]+){0,2}$",
    re.IGNORECASE,
)


def parent_from_long_form(text: str, short: str, cell: Span, cands: list[Span]) -> None:
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
        norm = str(value(c, "norm") or "")
        if "-" not in norm:
            set_values(c, norm=f"{value(cell, 'norm')}-{norm}")


def vesicle_pieces(
    spans: list[Span], after_hyphen: dict[str, list[tuple[int, int]]], shorts: dict[str, Span]
) -> dict[int, tuple[int, str, Span]]:
    """Vesicle words by start offset: candidates, and uses of a defined vesicle abbreviation
    right after a hyphen ("-NVs"), with the end and norm of the longest at each start."""
    out: dict[int, tuple[int, str, Span]] = {}
    found = [
        (v.start_char, v.end_char, str(value(v, "norm") or ""), v)
        for v in spans
        if v.label_ == "VESICLE"
    ]
    for short, source in shorts.items():
        found += [
            (a, b, str(value(source, "norm") or ""), source) for a, b in after_hyphen.get(short, [])
        ]
    for start, end, norm, span in found:
        if "-" not in norm and (start not in out or end > out[start][0]):
            out[start] = (end, norm, span)
    return out


def parented_vesicles(
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
        parent = str(value(cells[forms[m.group(1)]], "norm") or "")
        for v in starts.get(m.start(), []):  # "KF-EVs" read as a qualified vesicle
            if "-" not in str(value(v, "norm") or ""):
                set_values(v, norm=f"{parent}-{value(v, 'norm')}")
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
        c.label_ == source.label_ and value(c, "source") != "score-grammar"
        for c in by_offsets.get((s_start, s_end), [])
    )


def without_species(short: str) -> str:
    """ "hAEC" -> "AEC": a species letter glued to an abbreviation (GUIDELINES 1.1)."""
    if len(short) > 2 and short[0] in "hcmrep" and short[1].isupper():
        return short[1:]
    return short


def singular_abbreviation(short: str) -> str:
    """ "CLSSs" -> "CLSS"; "VQLI" stays (an acronym's plural s only)."""
    return short[:-1] if ACRONYM_PLURAL_RE.fullmatch(short) else short


def redefines(
    text: str, l_start: int, source: Span, at_short: list[Span], outside: frozenset[str]
) -> bool:
    """Whether a definition overrides the lexicon's reading of its short form: the long
    form is wholly the candidate (less species/state words: "human gingival fibroblasts")
    and the short form's reading is not built on it ("adipose-derived stem cells
    (ASC-sEVs)" names the vesicles of those cells, so the vesicle reading stays)."""
    lead = text[l_start : source.start_char].split()
    if any(w.lower().strip(",;:") not in outside for w in lead):
        return False
    norm = value(source, "norm") or ""
    return not any(str(value(c, "norm") or "").startswith(norm) for c in at_short)


def split_and_copy(doc: Doc, glued: list[tuple[int, int, str, Span]]) -> tuple[Doc, list[Span]]:
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
            copy_values(source, span, "abbrev")
            out.append(span)
    return doc, out


def compounds(
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
        parent = max(parents, key=char_len, default=None)
        if parent is None or (parent.start_char, o_end) in by_offsets:
            continue
        span = doc.char_span(parent.start_char, o_end, label="VESICLE")
        if span is None:
            continue
        copy_values(source, span, "compound")
        confidence = min(value(span, "confidence"), value(parent, "confidence") or 1.0)
        set_values(
            span,
            norm=f"{value(parent, 'norm')}-{value(source, 'norm')}",
            confidence=round(confidence, 3),
        )
        out.append(span)
    return out


_PHRASE_BREAK_RE = re.compile(r"[.;:,()\[\]]|\n")
MAX_WIDEN_WORDS = 6


def widen(
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
    # offsets first: a label read looks its string up in the vocabulary, and most
    # candidates are elsewhere in the paper (0.14 -> 0.07 ms a widened definition)
    if any(
        c.start_char < source.start_char and c.end_char > start and c.label_ in ("CELL", "VESICLE")
        for c in cands  # materialised once: iterating a SpanGroup builds every Span anew
    ):
        return None
    span = doc.char_span(start, source.end_char, label=source.label_)
    if span is not None:
        copy_values(source, span, "abbrev")
    return span


def repeat(
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
            copy_values(wide, span, "abbrev")
            set_values(span, confidence=value(wide, "confidence"))
            out.append(span)
    return out


def value(span: Span, name: str) -> Any:
    """``span._.<name>``, read by offsets (:func:`extractor.pipeline.span_value`): each
    ``span._`` builds an accessor object, and the propagator reads hundreds per paper."""
    return span_value(span.doc, name, span.start_char, span.end_char)


def set_values(span: Span, **values: Any) -> None:
    """``span._.<name> = value`` for each of ``values``, by offsets."""
    set_span_values(span.doc, span.start_char, span.end_char, **values)


def copy_values(source: Span, span: Span, origin: str) -> None:
    """The source's reading on ``span`` (by offsets: no ``span._`` accessor objects)."""
    s, e = source.start_char, source.end_char
    confidence = span_value(source.doc, "confidence", s, e)
    set_span_values(
        span.doc,
        span.start_char,
        span.end_char,
        norm=span_value(source.doc, "norm", s, e),
        concept_id=span_value(source.doc, "concept_id", s, e),
        confidence=round(ABBREV_CONFIDENCE * (confidence or 1.0), 3),
        source=origin,
    )


def specialise(long_span: Span, short_span: Span) -> None:
    """A written-out long form takes its abbreviation's more specific norm ("… Severity
    Index (CADESI-04)"). A long form that is itself the abbreviation's stem ("EASI (EASI-50)",
    a response threshold named after its score) is no definition and keeps its norm."""
    ln, sn = value(long_span, "norm"), value(short_span, "norm")
    if not (isinstance(ln, str) and isinstance(sn, str) and sn.startswith(ln + "-")):
        return
    if not short_span.text.startswith(long_span.text):
        set_values(long_span, norm=sn)
