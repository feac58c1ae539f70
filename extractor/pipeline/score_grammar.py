"""Named instruments read by their form (pure; no spaCy), with
``models/patterns/score_grammar.json``:

- a run of capitalised words ending in an instrument head ("Clinical Lichen Sclerosus
  Score", "Vulvar Quality of Life Index", "Clinician's Erythema Assessment", "Lee cGVHD
  Symptom Scale") -> OUTCOME_SCORE, norm the name as written; when the document defines an
  abbreviation for it the abbreviation becomes the norm (``extractor.pipeline.abbrev``);
- a word in a QoL instrument's shape ("RosaQoL", "VitiQoL") -> OUTCOME_SCORE, norm as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from extractor.normalize.first_chars import finditer_not_after

SCORE_GRAMMAR_SOURCE = "score-grammar"
SCORE_CONFIDENCE = 0.75  # below every lexicon row: a listed instrument keeps its own norm
# The core of a QoL shape: a text without it has no QoL name (a literal scan is cheap).
_QOL_CORE = re.compile(r"Q[oO][lL]")


@dataclass(frozen=True, slots=True)
class ScoreMatch:
    start: int
    end: int
    norm: str


class ScoreGrammar:
    """Compiled ``score_grammar.json``; :meth:`find` lists instrument names in a text."""

    def __init__(self, table: Mapping[str, Any] | None) -> None:
        t = dict(table or {})
        self._name: re.Pattern[str] | None = None
        self._tail: re.Pattern[str] | None = None
        self._qol: re.Pattern[str] | None = None
        self.not_first = frozenset(t.get("not_first", []))
        # a head allowed only after given words ("Test" after "Control": "Urticaria Control
        # Test", never "Fisher's Exact Test")
        self.heads_after = {h: frozenset(ws) for h, ws in t.get("heads_after", {}).items()}
        if t.get("heads"):
            all_heads = [*t["heads"], *self.heads_after]
            heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in all_heads)
            func = "|".join(re.escape(w) for w in t.get("function_words", []))
            cap = r"(?:[A-Z][A-Za-z\-]*(?:['\u2019]s)?|[a-z]{0,2}[A-Z]{2,}[A-Za-z0-9\-]*)"
            self._name = re.compile(
                rf"(?<![\w\-])(?P<words>{cap}(?:[ \t]+(?:(?:{func})[ \t]+)?{cap}){{1,7}}?)"
                rf"[ \t]+(?P<head>{heads})(?![\w\-])"
            )
            # not after a word character or a hyphen: see finditer_not_after
            self._head = re.compile(rf"(?:{heads})(?![\w\-])")
            # a qualifier after the head that runs up to the name's own abbreviation ("Clinical
            # Scoring System for Vulvar Lichen Sclerosus (CSS)") is part of the name
            self._tail = re.compile(
                rf"[ \t]+(?:for|of|in)[ \t]+(?:the[ \t]+)?{cap}(?:[ \t]+(?:(?:{func})[ \t]+)?{cap})"
                r"{0,6}(?=[ \t]*\([A-Za-z][A-Za-z0-9\-]{1,11}\))"
            )
        if t.get("qol_shape"):
            self._qol = re.compile(rf"(?:{t['qol_shape']})(?![\w\-])")  # as _head
            self.qol_not = frozenset(t.get("qol_not", []))
            shape = str(t["qol_shape"])
            self._qol_core = _QOL_CORE if "|" not in shape and _QOL_CORE.pattern in shape else None

    def _names(self, text: str) -> list[re.Match[str]]:
        """The name pattern tried only in a window ending at a head noun (few per paper)."""
        assert self._name is not None
        out = []
        for h in finditer_not_after(self._head, text, _WORD_OR_HYPHEN):
            for m in self._name.finditer(text, max(0, h.start() - 120), h.end()):
                if m.end() == h.end():
                    out.append(m)
                    break
        return out

    def find(self, text: str) -> list[ScoreMatch]:
        out: list[ScoreMatch] = []
        if self._name is not None:
            for m in self._names(text):
                after = self.heads_after.get(m.group("head"))
                if after is not None and m.group("words").split()[-1] not in after:
                    continue
                start, end = m.start(), m.end()
                tail = self._tail.match(text, end) if self._tail is not None else None
                words = m.group("words").split()
                cut = max((k for k, w in enumerate(words) if w in self.not_first), default=-1)
                if cut >= 0:
                    # "The Clinical Lichen Sclerosus Score", and a structured abstract's label
                    # before it ("Results The Pemphigus Disease Area Index"): the name starts
                    # after the capitalised determiner (and any function word after it)
                    while cut + 1 < len(words) and words[cut + 1].islower():
                        cut += 1
                    rest = words[cut + 1 :]
                    if len(rest) < (1 if tail is not None else 2):
                        continue
                    at = m.start("words")
                    for w in words[: cut + 1]:
                        at = text.index(w, at) + len(w)
                    start = text.index(rest[0], at)
                if tail is not None:
                    end = tail.end()
                out.append(ScoreMatch(start, end, " ".join(text[start:end].split())))
        if self._qol is not None and (self._qol_core is None or self._qol_core.search(text)):
            for m in finditer_not_after(self._qol, text, _WORD_OR_HYPHEN):
                if m.group() not in self.qol_not:
                    out.append(ScoreMatch(m.start(), m.end(), m.group()))
        return out


_WORD_OR_HYPHEN = re.compile(r"[\w\-]")  # what a name may not follow
