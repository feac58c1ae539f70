"""Evidence sentences of a study and where each table value sits in them.

A record's ``evidence`` spans are what a reviewer checks a value against. The report shows
them with the value marked: the entity the pipeline found there when one carries the value
(a CYTOKINE whose norm is the cytokine, a DOSE whose numbers are the dose), else the value's
words found by the same cue lexicons the record assembler reads (``models/records``: routes,
diseases, models, designs, interventions), else the number or name itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.report.load import Study
from extractor.types import Dose, Entity

MAX_SENTENCE_CHARS = 1200  # a paragraph-long span is cut here (a mark past the cut is dropped)
# Fields whose words the record assembler's cue lexicons know (models/records/<name>.jsonl).
LEXICON_OF = {
    "routes": "routes",
    "disease": "diseases",
    "model": "models",
    "design": "designs",
    "intervention": "interventions",
}
ENTITY_LABELS = {
    "cytokines": ("CYTOKINE",),
    "cells": ("CELL", "VESICLE"),
    "outcomes": ("OUTCOME_SCORE",),
    "doses": ("DOSE",),
}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One evidence span's text; ``start`` is its offset in the paper's text."""

    start: int
    text: str


Mark = tuple[int, int, int]  # (sentence index, start, end) within that sentence's text


_BOUNDARY = re.compile(r"[.!?][\"')\]]?\s+(?=[A-Z])")


def enclosing_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or table line) around ``text[start:end]``: evidence spans are often a
    single word, and a reviewer checks a value against the whole sentence it was read from."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    s, e = line_start, line_end
    for m in _BOUNDARY.finditer(text, line_start, line_end):
        if m.end() <= start:
            s = m.end()
        elif m.start() + 1 >= end:
            e = m.start() + 1
            break
    return s, e


def sentences(study: Study) -> tuple[Sentence, ...]:
    """The sentences the study's evidence spans lie in, in text order, each once."""
    text = study.paper.text
    spans = set()
    for ev in study.record.evidence:
        start, end = max(0, ev.start), min(len(text), ev.end)
        if end > start:
            spans.add(enclosing_sentence(text, start, end))
    out: list[Sentence] = []
    for start, end in sorted(spans):
        if out and start < out[-1].start + len(out[-1].text):
            continue  # inside the previous sentence (a span that crossed a boundary)
        piece = text[start:end].strip()
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        if len(piece) > MAX_SENTENCE_CHARS:
            piece = piece[:MAX_SENTENCE_CHARS] + "…"
        if piece:
            out.append(Sentence(start + lead, piece))
    return tuple(out)


def entities_in(sents: tuple[Sentence, ...], entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The entities inside any of the sentences (``entities`` sorted by start)."""
    starts = [e.start for e in entities]
    out: dict[int, Entity] = {}
    for sent in sents:
        lo = bisect_left(starts, sent.start)
        hi = bisect_right(starts, sent.start + len(sent.text))
        out.update((id(e), e) for e in entities[lo:hi])
    return tuple(out.values())


def _in(sent: Sentence, ent: Entity) -> tuple[int, int] | None:
    s, e = ent.start - sent.start, ent.end - sent.start
    if 0 <= s < e <= len(sent.text):
        return s, e
    return None


def entity_marks(
    sents: tuple[Sentence, ...], entities: Iterable[Entity], labels: tuple[str, ...], wanted
) -> list[Mark]:
    """Marks of the entities with one of ``labels`` for which ``wanted(entity)`` holds."""
    out = []
    for ent in entities:
        if ent.label not in labels or not wanted(ent):
            continue
        for i, sent in enumerate(sents):
            where = _in(sent, ent)
            if where:
                out.append((i, *where))
    return out


def regex_marks(sents: tuple[Sentence, ...], regex: re.Pattern[str]) -> list[Mark]:
    return [(i, m.start(), m.end()) for i, s in enumerate(sents) for m in regex.finditer(s.text)]


@lru_cache(maxsize=8192)
def number_regex(value: float) -> re.Pattern[str]:
    """A number as papers print it: 9.0 also as 9, 0.5 also as 0,5; not inside another number."""
    if float(value).is_integer():
        body = rf"{int(value)}(?:[.,]0+)?"
    else:
        whole, frac = f"{value:g}".split(".") if "." in f"{value:g}" else (f"{value:g}", "")
        body = rf"{re.escape(whole)}[.,]{re.escape(frac)}0*" if frac else re.escape(f"{value:g}")
    return re.compile(rf"(?<![\d.,])-?{body}(?![.,]?\d)")


@cache
def _lexicon(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    from extractor.records.lexicon import cues

    try:
        return tuple((c.value, c.regex) for c in cues(name))
    except Exception:  # no lexicon on this install: words are then found as written
        return ()


@lru_cache(maxsize=8192)
def word_regex(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(words)}(?!\w)", re.IGNORECASE)


def value_regexes(field: str, value: str) -> list[re.Pattern[str]]:
    """The cue patterns that mean ``value`` for ``field``, and the value's own words."""
    found = (
        [rx for v, rx in _lexicon(LEXICON_OF[field]) if v == value] if field in LEXICON_OF else []
    )
    words = value.removeprefix("other:").strip()
    return [*found, word_regex(words)] if words else found


def dose_matches(dose: Dose):
    def wanted(ent: Entity) -> bool:
        norms = ent.norm if isinstance(ent.norm, tuple) else ()
        return any(d.low == dose.low and d.high == dose.high for d in norms)

    return wanted
