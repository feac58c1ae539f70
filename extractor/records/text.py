"""Plain-text helpers: paragraphs, sentences and numbers, all as offsets into the document."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any, TypeVar

from extractor.records.lexicon import number_words

_F = TypeVar("_F", bound=Callable[..., Any])
_PER_DOCUMENT: list[Any] = []


def per_document(maxsize: int) -> Callable[[_F], _F]:
    """``lru_cache`` for a function keyed on a document's text: the record stage asks for the
    same spans of one document many times. Registered, so that a caller which must meet each
    document as new (``extractor bench`` repeats one text) can empty every such cache."""

    def wrap(fn: _F) -> _F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _PER_DOCUMENT.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def clear_document_caches() -> None:
    """Empty the caches keyed on a document's text (``per_document``)."""
    for cached in _PER_DOCUMENT:
        cached.cache_clear()


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


# Abbreviations that end with a period but do not end a sentence. "i.v." and "et al." are
# everywhere in this literature; splitting on them would cut a study's sentence in two.
_NO_BREAK = re.compile(
    r"(?:\bet\s+al|\be\.g|\bi\.e|\bvs|\bcf|\bFigs?|\bref|\bRefs?|\bNo|\bapprox|\bca|\bDr|\bProf|"
    r"\bi\.v|\bs\.c|\bi\.p|\bi\.d|\bi\.m|\bsp|\bspp|\bresp|\bincl|\b[A-Z])\.$"
)
# a reference number set in superscript digits after the full stop ("… to 15.²³ Vitiligo")
# belongs to the sentence it closes
_BREAK = re.compile(r"[.!?](?:[)\]”\"’⁰¹²³⁴⁵⁶⁷⁸⁹]*)\s+(?=[A-Z0-9(\[“\"‘])")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Paragraph spans. One paragraph a line for unwrapped text; for hard-wrapped text (PDF
    extraction: most lines 40-110 characters) a paragraph ends at a blank line or at a short
    line that ends a sentence, so a study's sentences are not cut at every line end."""
    return list(_paragraphs(text, start, len(text) if end is None else end))


# The record stage asks for the same paragraphs and sentences once per study (segmentation,
# each record's context): computed once per document and span. A str caches its hash, so the
# key costs nothing for a long text.
_HANGING = re.compile(r"^ {2,}\S")


@per_document(maxsize=16)
def _paragraphs(text: str, start: int, end: int) -> tuple[Span, ...]:
    lines: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(r"\n", text[start:end]):
        lines.append((pos, start + m.start()))
        pos = start + m.end()
    lines.append((pos, end))
    lengths = sorted(e - s for s, e in lines if text[s:e].strip())
    median = lengths[len(lengths) // 2] if lengths else 0
    # hard-wrapped text breaks lines mid-sentence: many lines end without punctuation and
    # the next one goes on in lower case
    filled = [(s, e) for s, e in lines if text[s:e].strip()]
    carried = sum(
        1
        for (s1, e1), (s2, e2) in pairwise(filled)
        if not text[s1:e1].rstrip().endswith((".", "!", "?", ":", "|"))
        and text[s2:e2].lstrip()[:1].islower()
    )
    wrapped = len(lengths) >= 8 and 40 <= median <= 110 and carried >= 0.3 * len(filled)
    out: list[Span] = []
    if not wrapped:
        # a hanging indent (two spaces or more) goes on with the line above: the continuation
        # lines of a tagged export ("AB  - … Thirty-two\n      patients with …")
        merged: list[tuple[int, int]] = []
        for s, e in lines:
            line = text[s:e]
            if merged and _HANGING.match(line) and text[merged[-1][0] : merged[-1][1]].strip():
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        for s, e in merged:
            _add(text, s, e, out)
        return tuple(out)
    para_start: int | None = None
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            if para_start is not None:
                _add(text, para_start, s, out)
                para_start = None
            continue
        stripped = line.rstrip()
        if "|" in stripped or (
            len(stripped) < 0.6 * median and not stripped.endswith((".", ",", ";", ":", "-"))
        ):
            # a heading or a table row: a paragraph of its own
            if para_start is not None:
                _add(text, para_start, s, out)
                para_start = None
            _add(text, s, e, out)
            continue
        if para_start is None:
            para_start = s
        if stripped.endswith((".", "!", "?", ":")) and len(stripped) < 0.8 * median:
            _add(text, para_start, e, out)
            para_start = None
    if para_start is not None:
        _add(text, para_start, end, out)
    return tuple(out)


def _add(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Span(s, e))


def ends_abbreviation(text: str, dot: int, lo: int = 0) -> bool:
    """The period at ``dot`` closes an abbreviation ("i.p.", "et al.", "e.g."), not a sentence."""
    return _NO_BREAK.search(text[max(lo, dot - 12) : dot + 1]) is not None


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Split ``text[start:end]`` into sentences without breaking on ``et al.``, ``i.v.``..."""
    return list(_sentences(text, start, end))


@per_document(maxsize=8192)
def _sentences(text: str, start: int, end: int) -> tuple[Span, ...]:
    out: list[Span] = []
    pos = start
    for m in _BREAK.finditer(text, start, end):
        head = text[max(start, m.start() - 12) : m.start() + 1]
        if _NO_BREAK.search(head):
            continue
        # a decimal such as "3. 5" is not a sentence end either; digits before "." then a
        # lowercase word are handled by the capital-letter lookahead above.
        _add(text, pos, m.start() + 1, out)
        pos = m.end()
    _add(text, pos, end, out)
    return tuple(out)


class Layout:
    """The paragraphs and sentences of one document's text, split once and looked up by
    offset: every study of a review asks where its citation's paragraph starts.

    The spaCy ``Doc`` the entity pipeline builds carries no sentence boundaries (the pipeline
    has no parser or sentence recogniser), so the record stage splits the text itself, with
    the rules of ``paragraphs`` and ``sentences`` (citations and "et al." never end one).
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def paragraphs(self, start: int = 0, end: int | None = None) -> list[Span]:
        return paragraphs(self.text, start, end)

    def sentences(self, start: int, end: int) -> list[Span]:
        return sentences(self.text, start, end)

    def paragraph_at(self, pos: int) -> Span | None:
        """The paragraph of the whole text that holds offset ``pos``."""
        paras = _paragraphs(self.text, 0, len(self.text))
        if self._starts is None:
            self._starts = [p.start for p in paras]
        i = bisect_right(self._starts, pos) - 1
        return paras[i] if i >= 0 and pos < paras[i].end else None


_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_count(token: str) -> int | None:
    """``"7"`` / ``"seven"`` / ``"Twenty-five"`` -> int; anything else -> None."""
    t = token.strip().lower()
    if t.isdigit():
        return int(t)
    words = number_words()
    if t in words:
        return words[t]
    if "-" in t:
        a, _, b = t.partition("-")
        if a in words and b in words and words[a] >= 20 and words[b] < 10:
            return words[a] + words[b]
    return None


def parse_value(token: str) -> float | None:
    """A score value: ``"21.6"``, ``"9,0"``, ``"zero"``, ``"nine"``."""
    t = token.strip().lower()
    if _NUM.match(t):
        return float(t.replace(",", "."))
    n = parse_count(t)
    return float(n) if n is not None else None


def number_word_pattern() -> str:
    """Regex alternation of digits and number words (longest first)."""
    words = sorted(
        (w for w in number_words() if w not in ("a", "an", "no", "none", "both", "single")),
        key=len,
        reverse=True,
    )
    return r"\d+|(?:" + "|".join(words) + r")(?:-(?:" + "|".join(words) + r"))?"
