"""``extractor_entity_filter``: resolve overlapping candidates once and set ``doc.ents``.

SCHEMA §1: spans are flat and non-overlapping; where two overlap, the longer wins. Ties
(same length) go to the more trusted source, then to the earlier span.

The filter works on the candidates' offsets, not on Span objects: a paper has ~500
candidates and each ``span._`` read or ``char_span`` call is a Python-level round trip
into spaCy, which made this step cost as much as the abbreviation components. Only the
winners become Spans.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from extractor.pipeline import span_value
from extractor.pipeline.extensions import SPANS_KEY, doc_text, register_extensions
from extractor.pipeline.regions import quoted_lists

# Lower is preferred on equal length: a parsed dose or a curated lexicon entry beats an
# inferred abbreviation or an elliptical conjunct.
SOURCE_RANK = {"dose": 0, "compound": 1, "abbrev": 3, "ellipsis": 4}
DEFAULT_RANK = 2


@Language.factory(
    "extractor_entity_filter",
    requires=["doc.spans"],
    assigns=["doc.ents"],
    default_config={},
)
def make_entity_filter(nlp: Language, name: str) -> EntityFilter:
    register_extensions()
    return EntityFilter(name=name)


class Candidate(NamedTuple):
    """A candidate span by its token range (in the Doc as it is now) and character offsets."""

    start: int
    end: int
    start_char: int
    end_char: int
    label: int  # the label's hash in the vocabulary's strings


class EntityFilter:
    """Adapter over :func:`candidates` and :func:`resolve`."""

    def __init__(self, *, name: str = "extractor_entity_filter") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        cands = candidates(doc)
        end = doc._.body_end
        if end is not None:  # the reference list holds no mentions (GUIDELINES §0)
            cands = [c for c in cands if c.end_char <= end]
        skip = quoted_lists(doc_text(doc)) if cands else []
        if skip:  # nor do search-term lists
            cands = [
                c for c in cands if not any(a <= c.start_char and c.end_char <= b for a, b in skip)
            ]
        set_entities(doc, resolve(doc, cands))
        return doc


def set_entities(doc: Doc, winners: list[Candidate]) -> None:
    """``doc.ents = winners``, written as the token columns it amounts to.

    Each token outside the winners is O, each winner's first token B and the rest I, all
    with the winner's label: what ``doc.set_ents(spans, default="outside")`` stores for
    non-overlapping spans without a KB id. The ``ents`` setter makes a Span per winner
    twice and checks overlaps token by token in a Python set (2 ms on a paper); the
    winners do not overlap by construction, so the columns go in at once.
    """
    iob = np.full(len(doc), 2, dtype=np.uint64)  # 2 = O, 3 = B, 1 = I
    label = np.zeros(len(doc), dtype=np.uint64)
    for c in winners:
        iob[c.start] = 3
        iob[c.start + 1 : c.end] = 1
        label[c.start : c.end] = c.label
    doc.from_array([ENT_IOB, ENT_TYPE], np.stack([iob, label], axis=1))


def candidates(doc: Doc) -> list[Candidate]:
    """The span group's candidates, in group order, anchored by their character offsets.

    A component that splits tokens after others added candidates leaves those spans'
    token indices stale (spaCy does not update span groups on retokenisation). Character
    offsets and the extension values keyed on them stay right, so token ranges are found
    again from them, as ``doc.char_span`` would; a candidate whose offsets no longer fall
    on token boundaries is dropped.
    """
    group = doc.spans.get(SPANS_KEY)
    if not group or not len(doc):
        return []
    offsets = [(s.start_char, s.end_char, s.label) for s in group]
    table = doc.to_array([IDX, LENGTH])
    starts, ends = table[:, 0], table[:, 0] + table[:, 1]
    first = _token_at(starts, [o[0] for o in offsets])
    last = _token_at(ends, [o[1] for o in offsets])
    return [
        Candidate(i, j + 1, s, e, label)
        for (s, e, label), i, j in zip(offsets, first, last, strict=True)
        if i >= 0 and j >= 0
    ]


def _token_at(column: np.ndarray, offsets: list[int]) -> list[int]:
    """The index of the token whose start (or end) in ``column`` is each offset, else -1.

    Starts and ends both rise strictly along a Doc (tokens are non-empty and in order), so
    one binary search per offset finds it, run over all offsets at once in numpy."""
    where = np.asarray(offsets, dtype=column.dtype)
    k = column.searchsorted(where)
    hit = k < len(column)
    hit[hit] = column[k[hit]] == where[hit]
    return np.where(hit, k, -1).tolist()


def resolve(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Greedy longest-first selection of non-overlapping candidates, sorted by start."""

    def preference(c: Candidate) -> tuple[int, int, float, int]:
        source = span_value(doc, "source", c.start_char, c.end_char)
        confidence = span_value(doc, "confidence", c.start_char, c.end_char)
        return (
            -(c.end_char - c.start_char),
            SOURCE_RANK.get(source or "", DEFAULT_RANK),
            -(confidence or 0.0),
            c.start_char,
        )

    taken = bytearray(max((c.end for c in cands), default=0))
    out: list[Candidate] = []
    for c in sorted(cands, key=preference):
        if any(taken[c.start : c.end]):
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        out.append(c)
    return sorted(out, key=lambda c: c.start)
