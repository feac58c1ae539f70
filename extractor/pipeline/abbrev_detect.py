"""Abbreviation definitions: scispaCy's detector (Schwartz & Hearst 2003), definitions only.

``DefinitionDetector`` fills ``doc._.abbreviations``; ``abbreviation_pairs`` reads it back
as (short form, long form) spans. The propagator (``abbrev_propagate.py``) uses both.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.pipeline.extensions import doc_text


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
        for long_cand, short_cand in filter_matches(short_form_may_pass(doc, inner), doc):
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


def short_form_may_pass(doc: Doc, inner: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
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
    table = doc.to_array([IDX, LENGTH])
    starts, lengths = table[:, 0].tolist(), table[:, 1].tolist()
    text = doc_text(doc)
    out = []
    for match in inner:
        _, start, end = match
        if end - start > 8 or start == 1:
            continue
        # the short form: the word before "(" when the long form is inside, else the inside
        a, b = (start - 2, start - 1) if end - start > 3 else (start, end)
        if text[starts[a]].isalpha() and all(2 <= n < 10 for n in lengths[a:b]):
            out.append(match)
    return out


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
