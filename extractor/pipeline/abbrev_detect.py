"""Abbreviation definitions: scispaCy's detector (Schwartz & Hearst 2003), definitions only.

``DefinitionDetector`` fills ``doc._.abbreviations``; ``abbreviation_pairs`` reads it back
as (short form, long form) spans. The propagator (``abbrev_propagate.py``) uses both.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.pipeline.extensions import doc_text


class DefinitionDetector:
    """scispaCy's abbreviation detection (Schwartz & Hearst 2003), definitions only.

    Gives the pairs scispaCy's ``filter_matches`` and ``find_abbreviation`` give on every
    "(…)" of up to 8 tokens, computed on the token columns (``definition_candidates``,
    ``long_form_start``): scispaCy's functions make a Span per candidate and a Token per
    word read, 3.1 -> 2.1 ms on the review (the rest is the bracket search). Two more parts
    of scispaCy's ``AbbreviationDetector.__call__`` are replaced because they dominated the
    pipeline's run time on a long paper: its unbounded ``( + )`` Matcher (scispaCy's filter
    drops parentheticals over 8 tokens anyway) and its global Matcher pass that lists every
    later occurrence (the propagator finds occurrences with one regex, plurals included).
    ``doc._.abbreviations`` holds scispaCy's serialisable dicts (``short_text``,
    ``short_start``, ``short_end``, ``long_text``, ``long_start``, ``long_end``; token
    offsets), one per definition.
    """

    def __init__(self, nlp: Language, *, name: str = "extractor_abbreviation_detector") -> None:
        from scispacy.abbreviation import AbbreviationDetector

        # Constructing scispaCy's detector registers its Doc/Span extensions.
        AbbreviationDetector(nlp, name=name, make_serializable=True)
        self.name = name
        self.matcher = ParenthesisMatcher(nlp.vocab.strings["("], nlp.vocab.strings[")"])

    def __call__(self, doc: Doc) -> Doc:
        found = []
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        inner = [(k, s + 1, e - 1) for k, s, e in self.matcher(doc)]
        cols = _Columns.of(doc) if inner else None
        passing = short_form_may_pass(doc, inner, cols)
        for (l_start, l_end), (s_start, s_end) in definition_candidates(passing, cols):
            first = long_form_start(cols, l_start, l_end, s_start, s_end)  # type: ignore[arg-type]
            if first is None:
                continue
            short_text = cols.text_of(s_start, s_end)  # type: ignore[union-attr]
            long_text = cols.text_of(first, l_end)  # type: ignore[union-attr]
            # scispaCy keeps the first definition of each long and each short form.
            if long_text in seen_long or short_text in seen_short:
                continue
            seen_long.add(long_text)
            seen_short.add(short_text)
            found.append(
                {
                    "short_text": short_text,
                    "short_start": s_start,
                    "short_end": s_end,
                    "long_text": long_text,
                    "long_start": first,
                    "long_end": l_end,
                }
            )
        doc._.abbreviations = found
        return doc


def short_form_may_pass(
    doc: Doc, inner: list[tuple[int, int, int]], cols: _Columns | None = None
) -> list[tuple[int, int, int]]:
    """The parentheticals whose short-form candidate can pass scispaCy's filters.

    ``filter_matches`` makes two spans per parenthetical and reads their tokens' text to
    apply ``short_form_filter``; most parentheticals in a paper ("(2019)", "(n = 20)",
    "(Fig. 1)") fail it. Two of that filter's conditions are read here from the token
    columns (every word 2-9 characters long, the first character a letter), together with
    ``filter_matches``' own limits (at most 8 tokens, not at the document's start), so the
    rest never reach it; those that do are judged by scispaCy as before.
    """
    if not inner:
        return inner
    cols = _Columns.of(doc) if cols is None else cols
    text, starts, ends = cols
    out = []
    for match in inner:
        _, start, end = match
        if end - start > 8 or start == 1:
            continue
        # the short form: the word before "(" when the long form is inside, else the inside
        a, b = (start - 2, start - 1) if end - start > 3 else (start, end)
        if text[starts[a]].isalpha() and all(2 <= ends[k] - starts[k] < 10 for k in range(a, b)):
            out.append(match)
    return out


class _Columns(NamedTuple):
    """Each token's start and end in the text, read from the Doc once: the definition search
    slices its words from the text instead of going through ``doc[i]`` and Span objects."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Columns:
        table = doc.to_array([IDX, LENGTH])
        return cls(doc_text(doc), table[:, 0].tolist(), (table[:, 0] + table[:, 1]).tolist())

    def words(self, start: int, end: int) -> list[str]:
        """The texts of tokens ``start`` to ``end``."""
        text = self.text
        return [text[self.starts[i] : self.ends[i]] for i in range(start, end)]

    def width(self, i: int) -> int:
        """``len(doc[i].text_with_ws)``: the text is every token's text with its trailing
        whitespace, so a token reaches to where the next one starts."""
        return (self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)) - self.starts[i]

    def text_of(self, start: int, end: int) -> str:
        """``doc[start:end].text`` of a non-empty token range."""
        return self.text[self.starts[start] : self.ends[end - 1]]


def definition_candidates(
    matches: list[tuple[int, int, int]], cols: _Columns | None
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """scispaCy's ``filter_matches`` on token ranges: ((long start, long end), (short start,
    short end)) of each parenthetical's inside (``matches``: key, first and end token inside
    the brackets). "long form (SHORT)" reads the short form inside and looks back for the
    long form up to min(n + 5, 2n) tokens (n: the short form's characters); with more than
    three tokens inside, "SHORT (long form)" reads the word before, and a long form with
    unbalanced brackets is no definition. The short form must pass ``_short_form_ok``."""
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    if cols is None:
        return out
    for _, start, end in matches:
        if end - start > 8 or start == 1:
            continue
        if end - start > 3:
            short, long_form = (start - 2, start - 1), (start, end)
            if _unbalanced(cols.words(start, end)):
                continue
        else:
            short = (start, end)
            n = sum(cols.ends[k] - cols.starts[k] for k in range(start, end))
            long_form = (max(start - min(n + 5, n * 2) - 1, 0), start - 1)
        if _short_form_ok(cols, *short):
            out.append((long_form, short))
    return out


def _unbalanced(words: list[str]) -> bool:
    """A ")" before its "(" or a "(" left open."""
    depth = 0
    for w in words:
        if w == "(":
            depth += 1
        elif w == ")":
            if depth == 0:
                return True
            depth -= 1
    return depth != 0


def _short_form_ok(cols: _Columns, start: int, end: int) -> bool:
    """scispaCy's ``short_form_filter``: every word 2-9 characters long, at least half the
    characters letters, the first a letter."""
    if not all(2 <= cols.ends[k] - cols.starts[k] < 10 for k in range(start, end)):
        return False
    text = cols.text_of(start, end)
    if sum(c.isalpha() for c in text) / len(text) < 0.5:
        return False
    return text[0].isalpha()


def long_form_start(
    cols: _Columns, l_start: int, l_end: int, s_start: int, s_end: int
) -> int | None:
    """The first token of the long form Schwartz & Hearst's letter matching finds in
    ``[l_start, l_end)`` for the short form ``[s_start, s_end)``, else None (scispaCy's
    ``find_abbreviation``, on strings and token lengths instead of Token objects).

    Both forms are read as their words joined by single spaces. Each letter or digit of the
    short form, last to first, is matched to the nearest equal character (case folded)
    further left in the long form; the first one must open a word. The match's start is
    mapped back to a token by summing the words' lengths with their trailing spaces, as
    scispaCy sums them (when that sum never passes the start, the whole candidate is kept).
    """
    long_text = " ".join(cols.words(l_start, l_end))
    short_text = " ".join(cols.words(s_start, s_end))
    if long_text.isascii() and short_text.isascii():
        k = _letters_start(long_text, short_text)
    else:
        k = _letters_start_chars(long_text, short_text)
    if k is None:
        return None
    run = 0
    for i in range(l_start, l_end):
        run += cols.width(i)
        if run > k:
            return i
    return l_start


def _letters_start(long_text: str, short_text: str) -> int | None:
    """Where the letter matching starts in an ASCII ``long_text`` (every character folds to
    one, so the folded text has the same offsets): each character is found by
    ``str.rfind``, 1.1 -> 0.3 ms on the review against a loop over every character."""
    low = long_text.lower()
    k = len(long_text) - 1
    for j in range(len(short_text) - 1, -1, -1):
        ch = short_text[j].lower()
        if not ch.isalnum():
            continue
        k = low.rfind(ch, 0, k + 1)
        while j == 0 and k > 0 and long_text[k - 1].isalnum():
            k = low.rfind(ch, 0, k)  # the first character must open a word
        if k < 0:
            return None
        k -= 1
    return k + 1


def _letters_start_chars(long_text: str, short_text: str) -> int | None:
    """``_letters_start`` character by character, for any text: a character may fold to
    several ("İ"), so each is folded alone, as scispaCy folds it."""
    k = len(long_text) - 1
    for j in range(len(short_text) - 1, -1, -1):
        ch = short_text[j].lower()
        if not ch.isalnum():
            continue
        while k >= 0 and (
            long_text[k].lower() != ch or (j == 0 and k > 0 and long_text[k - 1].isalnum())
        ):
            k -= 1
        if k < 0:
            return None
        k -= 1
    return k + 1


class ParenthesisMatcher:
    """Drop-in for scispaCy's ``( + )`` Matcher: (key, start, end) of "(" … ")" with 1-8 tokens
    inside, found by one pass over the ORTH array instead of the Matcher's state machine."""

    MAX_INSIDE = 8  # scispaCy's filter_matches drops longer parentheticals

    def __init__(self, open_orth: int, close_orth: int) -> None:
        self.open_orth, self.close_orth = open_orth, close_orth

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        orths = doc.to_array(ORTH)
        # the brackets' positions come from numpy; a paper has a few hundred "(" among
        # ten thousand tokens, so only those are visited in Python
        opens = (orths == np.uint64(self.open_orth)).nonzero()[0].tolist()
        closes = set((orths == np.uint64(self.close_orth)).nonzero()[0].tolist())
        out = []
        for i in opens:
            for j in range(i + 2, min(i + 2 + self.MAX_INSIDE, len(orths))):
                if j in closes:
                    out.append((0, i, j + 1))
        return out


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
