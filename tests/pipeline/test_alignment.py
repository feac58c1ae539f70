"""Token alignment: splitting in place and rebuilding the Doc must give the same tokens."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.pipeline import alignment
from extractor.pipeline.alignment import align_tokens
from extractor.pipeline.extensions import SPANS_KEY, register_extensions

TEXT = (
    "ADMSCs-based therapy and exosome-induced repair; 5×106ADSCs were given.\n\n"
    "IL-31/TRPA1-mediated itch fell  in ADMSC-exosome-treated mice (cell-based)."
)
# Offsets inside "ADMSCs-based", "exosome-induced", "5×106ADSCs", "IL-31/TRPA1-mediated",
# "ADMSC-exosome-treated" and "cell-based": six tokens to split, one of them twice.
WORDS = ["ADMSCs", "exosome", "ADSCs", "IL-31", "ADMSC-exosome", "cell"]


def _cuts() -> set[int]:
    cuts = set()
    for w in WORDS:
        i = TEXT.index(w)
        cuts.update((i, i + len(w)))
    return cuts


@pytest.mark.parametrize("in_place_max", [0, 100])
def test_split_and_rebuild_agree(nlp: Language, in_place_max: int, monkeypatch) -> None:
    register_extensions()
    monkeypatch.setattr(alignment, "MAX_IN_PLACE_SPLITS", in_place_max)
    doc = nlp.make_doc(TEXT)
    doc._.doc_id = "d1"
    first = doc.char_span(0, 6, label="CELL")  # "ADMSCs" of "ADMSCs-based" is not a token yet
    assert first is None
    whole = doc.char_span(TEXT.index("therapy"), TEXT.index("therapy") + 7, label="X")
    whole._.norm = "kept"
    doc.spans[SPANS_KEY] = [whole]
    out = align_tokens(doc, _cuts())
    assert (out is doc) == (in_place_max == 100)
    assert out.text == TEXT
    for w in WORDS:
        i = TEXT.index(w)
        assert out.char_span(i, i + len(w)) is not None, w
    # Span groups, extension values and doc extensions survive either way.
    (moved,) = out.spans[SPANS_KEY]
    assert (moved.text, moved.label_, moved._.norm) == ("therapy", "X", "kept")
    assert out._.doc_id == "d1"
    # Whitespace runs and newlines are tokens in both.
    assert [t.text_with_ws for t in out] == [t.text_with_ws for t in _reference(nlp)]


def _reference(nlp: Language):
    doc = nlp.make_doc(TEXT)
    alignment._split_in_place(doc, _token_cuts(doc))
    return doc


def _token_cuts(doc) -> dict[int, list[int]]:
    cuts: dict[int, list[int]] = {}
    for b in sorted(_cuts()):
        for t in doc:
            if t.idx < b < t.idx + len(t.text):
                cuts.setdefault(t.i, []).append(b - t.idx)
    return cuts


def test_nothing_to_split_returns_same_doc(nlp: Language) -> None:
    doc = nlp.make_doc(TEXT)
    assert align_tokens(doc, {0, TEXT.index(" therapy")}) is doc
    assert align_tokens(doc, set()) is doc


def test_winner_spans_are_the_strict_char_spans(nlp: Language) -> None:
    """winner_spans finds the tokens of all matches at once: the spans ``char_span``
    (strict) gives, none where an offset falls inside a token or on a space."""
    from extractor.pipeline.lexicon import winner_spans
    from extractor.pipeline.matching import Match

    register_extensions()
    doc = nlp.make_doc(TEXT)
    offsets = [(0, 6), (1, 6), (0, 5), (6, 7), (12, 20), (11, 12), (len(TEXT) - 1, len(TEXT))]
    offsets += [(t.idx, t.idx + len(t)) for t in doc[3:9]] + [(doc[2].idx, doc[7].idx + 1)]
    winners = [Match(s, e, "CELL", f"n{s}", None, 0.5, "t") for s, e in offsets]
    got = winner_spans(doc, winners)
    want = [doc.char_span(m.start, m.end, label="CELL") for m in winners]
    assert [(s.start, s.end, s.label_) for s in got] == [
        (s.start, s.end, s.label_) for s in want if s is not None
    ]
    assert len(got) < len(winners)
    for s in got:
        assert s._.norm == f"n{s.start_char}" and s._.confidence == 0.5
