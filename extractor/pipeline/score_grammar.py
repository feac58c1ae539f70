"""Named instruments read by their form (pure; no spaCy), with
``models/patterns/score_grammar.json``:

- a run of capitalised words ending in an instrument head ("Clinical Lichen Sclerosus
  Score", "Vulvar Quality of Life Index", "Clinician's Erythema Assessment", "Lee cGVHD
  Symptom Scale") -> OUTCOME_SCORE, norm the name as written; when the document defines an
  abbreviation for it the abbreviation becomes the norm (``extractor.pipeline.abbrev``);
- a word in a QoL instrument's shape ("RosaQoL", "VitiQoL") -> OUTCOME_SCORE, norm as written;
- an acronym the text itself uses as an instrument ("the SCORTEN score", "NAPSI index") ->
  OUTCOME_SCORE there and wherever else the text writes it, norm the acronym;
- a listed instrument followed by a capitalised subscale name and "scale"/"subscale"/"domain"
  ("FACE-Q Satisfaction with Cheeks scale") is one span with the instrument's norm
  (:meth:`ScoreGrammar.subscale_end`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from extractor.normalize.first_chars import finditer_not_after, literal_heads

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
            self._compile_names(t)
        self._compile_optional(t)
        # the literals every match of a scanned pattern opens with: a paper is searched for
        # them with str.find, and the pattern tried there only (first_chars.finditer_not_after;
        # the review: acronym heads 0.95 -> 0.37 ms, eponyms 0.62 -> 0.36). Not the names'
        # heads: they open with capitals, which the regex engine skips to as fast
        self._acr_heads = literal_heads(self._acr_head) if self._acr_head is not None else None
        self._eponym_heads = literal_heads(self._eponym) if self._eponym is not None else None
        self._qol_heads = literal_heads(self._qol) if self._qol is not None else None
        self._domain_words = literal_heads(self._domain) if self._domain is not None else None

    def _compile_names(self, t: Mapping[str, Any]) -> None:
        """Capitalised words before a head noun ("Dermatology Life Quality Index"), and the
        patterns that find where such a name can end, continue or begin."""
        all_heads = [*t["heads"], *self.heads_after]
        heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in all_heads)
        if t.get("head_suffix"):  # "Oral Health Impact Profile-14", "Scale-Short Form"
            heads = f"(?:{heads})(?:{t['head_suffix']})?"
        func = "|".join(re.escape(w) for w in t.get("function_words", []))
        # letters of any script after the capital ("Behçet's Disease …")
        cap = r"(?:[A-Z](?:[^\W\d_]|-)*(?:['\u2019]s)?|[a-z]{0,2}[A-Z]{2,}[A-Za-z0-9\-]*)"
        self._name = re.compile(
            rf"(?<![\w\-])(?P<words>{cap}(?:[ \t]+(?:(?:{func})[ \t]+)?{cap}){{1,7}}?)"
            rf"[ \t]+(?P<head>{heads})(?![\w\-])"
        )
        # not after a word character or a hyphen: see finditer_not_after
        self._head = re.compile(rf"(?:{heads})(?![\w\-])")
        # a head followed by another head is inside the name ("Mucositis Assessment Scale")
        self._head_next = re.compile(rf"[ \t]+(?:{heads})(?![\w\-])")
        # a qualifier after the head that runs up to the name's own abbreviation ("Clinical
        # Scoring System for Vulvar Lichen Sclerosus (CSS)") is part of the name
        self._tail = re.compile(
            rf"[ \t]+(?:for|of|in)[ \t]+(?:the[ \t]+)?{cap}(?:[ \t]+(?:(?:{func})[ \t]+)?{cap})"
            r"{0,6}(?=[ \t]*\([A-Za-z][A-Za-z0-9\-]{1,11}\))"
        )
        # the name before "(ABBR) score" ("Behçet's Disease Current Activity Form (BDCAF)
        # score"): a capitalised run ending right before the parenthesis
        self._run_before = re.compile(
            rf"(?<![\w\-])(?P<words>{cap}(?:[ \t]+(?:(?:{func})[ \t]+)?{cap}){{1,7}})[ \t]*$"
        )

    def _compile_optional(self, t: Mapping[str, Any]) -> None:
        """Acronym heads ("… QoL"), subscale names, eponyms and the quality-of-life shape:
        each only when the table gives it."""
        self._acr_head: re.Pattern[str] | None = None
        if t.get("acronym_heads"):
            acr_heads = "|".join(re.escape(h) for h in t["acronym_heads"])
            # not after a word character or a hyphen: see finditer_not_after
            self._acr_head = re.compile(rf"(?:{acr_heads})(?![\w\-])")
            self.acronym_not = frozenset(t.get("acronym_not", []))
        self._sub: re.Pattern[str] | None = None
        if t.get("subscale_heads"):
            sub = "|".join(re.escape(h) for h in t["subscale_heads"])
            func = "|".join(re.escape(w) for w in t.get("function_words", []))
            word = r"[A-Z][A-Za-z\-]*"
            self._sub = re.compile(
                rf"[ \t]+(?P<words>{word}(?:[ \t]+(?:(?:{func})[ \t]+)?{word}){{0,5}})"
                rf"[ \t]+(?:{sub})(?![\w\-])"
            )
        self._eponym: re.Pattern[str] | None = None
        if t.get("eponym_descriptors"):
            self.eponym_descriptors = tuple(t["eponym_descriptors"])
            desc = "|".join(re.escape(w) for w in self.eponym_descriptors)
            heads_e = "|".join(re.escape(w) for w in t["eponym_heads"])
            self._eponym = re.compile(rf"(?:{desc})[ \t]+(?P<head>{heads_e})(?![\w\-])")  # as _head
        self._domain = _domain_pattern(t.get("domain_scores"))
        self._domain_heads = _line_heads(t.get("domain_scores"))
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
            if self._head_next.match(text, h.end()):
                continue
            for m in self._name.finditer(text, max(0, h.start() - 120), h.end()):
                if m.end() != h.end() and self._head_next.fullmatch(text, m.end(), h.end()):
                    m = self._name.fullmatch(text, m.start(), h.end()) or m
                if m.end() == h.end():
                    out.append(m)
                    break
        return out

    def find(self, text: str) -> list[ScoreMatch]:
        out: list[ScoreMatch] = []
        if self._name is not None:
            for m in self._names(text):
                after = self.heads_after.get(m.group("head").split("-")[0])
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
        out += self._acronyms(text)
        out += self._eponyms(text)
        out += self._domain_scores(text)
        if self._qol is not None and (self._qol_core is None or self._qol_core.search(text)):
            for m in finditer_not_after(self._qol, text, _WORD_OR_HYPHEN, heads=self._qol_heads):
                if m.group() not in self.qol_not:
                    out.append(ScoreMatch(m.start(), m.end(), m.group()))
        return out

    def _acronyms(self, text: str) -> list[ScoreMatch]:
        """Acronyms the text writes before an instrument head ("SCORTEN score"), at every
        place the text writes them."""
        if self._acr_head is None:
            return []
        names: set[str] = set()
        out = []
        acr_heads = self._acr_heads
        for h in finditer_not_after(self._acr_head, text, _WORD_OR_HYPHEN, heads=acr_heads):
            at = h.start() - 1  # one space, then an acronym's last capital or digit
            if at < 3 or text[at] != " ":
                continue
            if text[at - 1] == ")":  # "… Activity Form (BDCAF) score": the name too
                p = _PAREN_ACRONYM_BEFORE.search(text, max(0, at - 20), at)
                if p is not None and p.group("abbr") not in self.acronym_not:
                    names.add(p.group("abbr"))
                    out += self._long_form(text, p.start(), p.group("abbr"))
                continue
            if not (text[at - 1].isupper() or text[at - 1].isdigit()):
                continue
            a = _ACRONYM_BEFORE.search(text, max(0, at - 16), at)
            if a is not None and a.group() not in self.acronym_not:
                names.add(a.group())
        if names:  # one pass for all of them
            alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            pat = re.compile(rf"(?:{alts})(?![\w\-\u2010+])")
            found = finditer_not_after(pat, text, _WORD_OR_HYPHEN, heads=tuple(names))
            out += [ScoreMatch(m.start(), m.end(), m.group()) for m in found]
        return out

    def _long_form(self, text: str, paren: int, abbr: str) -> list[ScoreMatch]:
        """The capitalised name right before "(ABBR)", less a leading determiner or label;
        two words at least."""
        if self._name is None:
            return []
        m = self._run_before.search(text, max(0, paren - 120), paren)
        if m is None:
            return []
        words = m.group("words").split()
        cut = max((k for k, w in enumerate(words) if w in self.not_first), default=-1)
        while cut + 1 < len(words) and words[cut + 1].islower():
            cut += 1
        if len(words) - cut - 1 < 2:
            return []
        start = m.start("words")
        for w in words[: cut + 1]:
            start = text.index(w, start) + len(w)
        start = text.index(words[cut + 1], start)
        end = m.end("words")
        return [ScoreMatch(start, end, abbr)]

    def _eponyms(self, text: str) -> list[ScoreMatch]:
        """A person's name before a descriptor and a head ("Bissett photographic scale",
        "Griffiths photonumeric scale") -> "<name> <head>"."""
        if self._eponym is None or not any(d in text for d in self.eponym_descriptors):
            return []  # a literal screen: most papers name no such scale
        out = []
        for d in finditer_not_after(self._eponym, text, _WORD_OR_HYPHEN, heads=self._eponym_heads):
            n = _EPONYM_BEFORE.search(text, max(0, d.start() - 30), d.start())
            before = _last_char_before(text, n.start()) if n is not None else ""
            # a sentence's first word is no eponym ("Validated photographic scale ratings")
            if n is not None and n.group("name") not in self.not_first and before not in ".:\n":
                norm = f"{n.group('name')} {d.group('head').lower()}"
                out.append(ScoreMatch(n.start(), d.end(), norm))
        return out

    def _domain_scores(self, text: str) -> list[ScoreMatch]:
        """A lower-case score named after the disorder it grades ("dermatitis score", "hair
        regrowth score", "dermatitis severity scores") -> "<disorder> score"."""
        if self._domain is None or "score" not in text:
            return []  # a literal screen
        out = []
        # a match is one line ending in a head (its words are joined by blanks and tabs), so
        # only the lines holding one are searched: the same matches, a few lines scanned
        for lo, hi in _lines_holding(text, self._domain_heads):
            for m in finditer_not_after(
                self._domain, text, _WORD_OR_HYPHEN, lo, hi, heads=self._domain_words
            ):
                name = " ".join(m.group("name").split())
                out.append(ScoreMatch(m.start(), m.end(), f"{name} score"))
        return out

    def subscale_end(self, text: str, end: int) -> int | None:
        """Where a listed instrument's subscale name ends ("FACE-Q| Satisfaction with
        Cheeks scale"), or None when no subscale follows."""
        if self._sub is None:
            return None
        m = self._sub.match(text, end)
        if m is None or any(w in self.not_first for w in m.group("words").split()):
            return None
        return m.end()


def _domain_pattern(table: Mapping[str, Any] | None) -> re.Pattern[str] | None:
    """``domain_scores``: modifiers, a disorder, a qualifier and "score" in lower case."""
    if not table:
        return None

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in words)

    return re.compile(
        rf"(?P<name>(?:(?:{alt(table['modifiers'])})[ \t]+){{0,2}}(?:{alt(table['disorders'])}))"
        rf"(?:[ \t]+(?:{alt(table['qualifiers'])}))?[ \t]+(?:{alt(table['heads'])})(?![\w\-])"
    )


def _line_heads(table: Mapping[str, Any] | None) -> tuple[str, ...] | None:
    """The heads one of which every ``domain_scores`` match holds, when no word of the table
    holds a line break (a match then never spans two lines); None: search the whole text."""
    if not table:
        return None
    words = [w for key in ("modifiers", "disorders", "qualifiers", "heads") for w in table[key]]
    return None if any("\n" in w for w in words) else tuple(table["heads"])


def _lines_holding(text: str, needles: tuple[str, ...] | None) -> list[tuple[int, int]]:
    """[start, end) of each line of ``text`` (cut at "\n") holding one of ``needles``, in
    order; the whole text as one piece when ``needles`` is None."""
    if needles is None:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    lo = 0
    for line in text.split("\n"):
        hi = lo + len(line)
        if any(n in line for n in needles):
            out.append((lo, hi))
        lo = hi + 1
    return out


def _last_char_before(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not white space ("" if none), as
    ``text[:pos].rstrip()[-1:]`` without copying the text up to there."""
    k = pos - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


# An instrument acronym right before its head: three or more capitals and digits, one
# hyphenated part allowed ("SCORTEN", "ABCD-10"); not inside a longer word.
_ACRONYM_BEFORE = re.compile(r"(?<![\w\-])[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)?$")
# "(BDCAF)" right before the head's space
_PAREN_ACRONYM_BEFORE = re.compile(r"\((?P<abbr>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9\-]*)\)$")
# A person's name (one or two hyphenated capitalised words) right before the descriptor
_EPONYM_BEFORE = re.compile(r"(?<![\w\-])(?P<name>[A-Z][a-z]+(?:[-\u2013][A-Z][a-z]+)?)[ \t]+$")
_WORD_OR_HYPHEN = re.compile(r"[\w\-]")  # what a name may not follow
