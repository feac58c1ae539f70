"""Plain-text helpers: paragraphs, sentences and numbers, all as offsets into the document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.records.lexicon import number_words


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
_BREAK = re.compile(r"[.!?](?:[)\]”\"’]*)\s+(?=[A-Z0-9(\[“\"‘])")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Blank-line blocks when the text is hard-wrapped (PDF-like), else one paragraph a line."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    lines = [ln for ln in chunk.split("\n") if ln.strip()]
    wrapped = bool(lines) and "\n\n" in chunk and (
        sorted(len(ln) for ln in lines)[len(lines) // 2] < 120
    )
    sep = re.compile(r"\n\s*\n") if wrapped else re.compile(r"\n")
    out: list[Span] = []
    pos = start
    for m in sep.finditer(text, start, end):
        _add(text, pos, m.start(), out)
        pos = m.end()
    _add(text, pos, end, out)
    return out


def _add(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Span(s, e))


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Split ``text[start:end]`` into sentences without breaking on ``et al.``, ``i.v.``..."""
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
    return out


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
