"""``extractor_entity_filter``: resolve overlapping candidates once and set ``doc.ents``.

SCHEMA §1: spans are flat and non-overlapping; where two overlap, the longer wins. Ties
(same length) go to the more trusted source, then to the earlier span.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

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


class EntityFilter:
    """Adapter over :func:`resolve`."""

    def __init__(self, *, name: str = "extractor_entity_filter") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = reanchor(doc, list(doc.spans.get(SPANS_KEY, [])))
        end = doc._.body_end
        if end is not None:  # the reference list holds no mentions (GUIDELINES §0)
            spans = [s for s in spans if s.end_char <= end]
        skip = quoted_lists(doc_text(doc)) if spans else []
        if skip:  # nor do search-term lists
            spans = [
                s for s in spans if not any(a <= s.start_char and s.end_char <= b for a, b in skip)
            ]
        doc.ents = resolve(spans)
        return doc


def reanchor(doc: Doc, spans: list[Span]) -> list[Span]:
    """Rebuild candidates from their stored character offsets.

    A component that splits tokens after others added candidates leaves those spans'
    token indices stale (spaCy does not update span groups on retokenisation). Character
    offsets and the extension values keyed on them stay right, so spans are rebuilt from
    them; a candidate whose offsets no longer fall on token boundaries is dropped.
    """
    out = []
    for s in spans:
        span = doc.char_span(s.start_char, s.end_char, label=s.label)  # the label's hash
        if span is not None:
            out.append(span)
    return out


def resolve(spans: list[Span]) -> list[Span]:
    """Greedy longest-first selection of non-overlapping spans, sorted by start."""

    def preference(s: Span) -> tuple[int, int, float, int]:
        ext = s._  # one accessor per span: each ``s._`` builds a new object
        return (
            -(s.end_char - s.start_char),
            SOURCE_RANK.get(ext.source or "", DEFAULT_RANK),
            -(ext.confidence or 0.0),
            s.start_char,
        )

    taken = bytearray(max((s.end for s in spans), default=0))
    out: list[Span] = []
    for s in sorted(spans, key=preference):
        if any(taken[s.start : s.end]):
            continue
        taken[s.start : s.end] = b"\x01" * (s.end - s.start)
        out.append(s)
    return sorted(out, key=lambda s: s.start)
