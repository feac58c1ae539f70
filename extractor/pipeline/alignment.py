"""Make character offsets token boundaries, the cheap way for the number of cuts.

scispaCy keeps "ADMSCs-based" or "5×106ADSCs" as one token; a mention ending inside it
needs the token split. spaCy's ``retokenize().split`` costs a pass over the whole
document per split token (~0.7 ms on a 10k-token paper here, 0.5 ms more per call), so a
paper with a dozen such tokens spent more on splitting than on matching. Past one cut the
document is rebuilt once instead (one ``Doc(words, spaces)`` with unchanged tokens passed by
their ORTH ids, ~2 ms), carrying over ``user_data`` (where spaCy keeps extension values,
keyed by character offsets) and span groups. The text and every character offset stay the
same either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH, ORTH, SPACY
from spacy.tokens import Doc, Span

# At or below this many tokens to split, split in place; above it, rebuild. Measured on the
# review (10,164 tokens), CPU: in place 1.3 ms for one token, 2.7 for three; a rebuild 1.9.
MAX_IN_PLACE_SPLITS = 1


def align_tokens(doc: Doc, boundaries: set[int] | frozenset[int]) -> Doc:
    """A Doc in which each offset in ``boundaries`` is a token boundary.

    Returns ``doc`` itself when it splits in place (or has nothing to split) and a new Doc
    when it rebuilds; callers must use the returned Doc. Span groups (``doc.spans``) are
    valid either way; Span objects held elsewhere are stale (wrong token indices or the
    old Doc): rebuild them from their character offsets with :func:`moved_span`.
    """
    if not boundaries or not len(doc):
        return doc
    table = doc.to_array([IDX, LENGTH])
    cuts = _token_cuts(table[:, 0], table[:, 1], boundaries)
    if not cuts:
        return doc
    if len(cuts) <= MAX_IN_PLACE_SPLITS:
        _split_in_place(doc, cuts)
        return doc
    return _rebuild(doc, cuts)


def _token_cuts(starts: Any, lengths: Any, boundaries: Iterable[int]) -> dict[int, list[int]]:
    """{token index: offsets inside the token to cut at}, for the boundaries falling strictly
    inside a token. ``starts``/``lengths`` are the Doc's IDX/LENGTH columns (numpy): a paper
    has about a thousand boundaries and a dozen cuts, so the search runs in numpy and only
    the cuts come back to Python."""
    where = np.fromiter(sorted(boundaries), dtype=starts.dtype)
    tok = starts.searchsorted(where, side="right") - 1
    inside = (tok >= 0) & (where < starts[tok] + lengths[tok]) & (where != starts[tok])
    cuts: dict[int, list[int]] = {}
    for i, b in zip(tok[inside].tolist(), where[inside].tolist(), strict=True):
        cuts.setdefault(i, []).append(b - int(starts[i]))
    return cuts


def _pieces(word: str, offs: list[int]) -> list[str]:
    return [
        p for p in (word[a:b] for a, b in zip([0, *offs], [*offs, len(word)], strict=True)) if p
    ]


def _split_in_place(doc: Doc, cuts: dict[int, list[int]]) -> None:
    with doc.retokenize() as retok:
        for i, offs in cuts.items():
            tok = doc[i]
            pieces = _pieces(tok.text, offs)
            retok.split(tok, pieces, heads=[(tok, 0)] * len(pieces))
    # spaCy leaves span groups' token indices stale after a split; their character
    # offsets are still right, so re-anchor them (the same contract as a rebuild).
    for key, group in list(doc.spans.items()):
        doc.spans[key] = [s for s in (moved_span(doc, s) for s in group) if s is not None]


def _rebuild(doc: Doc, cuts: dict[int, list[int]]) -> Doc:
    """The Doc rebuilt with the cut tokens split. An unchanged token is passed to ``Doc`` by
    its ORTH id (a vocabulary lookup by hash), not by its text: slicing and hashing ten
    thousand strings again cost more than everything else here."""
    table = doc.to_array([ORTH, SPACY])
    words: list[int | str] = table[:, 0].tolist()
    spaces: list[bool] = table[:, 1].astype(bool).tolist()
    for i in sorted(cuts, reverse=True):  # back to front, so earlier indices stay valid
        pieces = _pieces(doc[i].text, cuts[i])
        words[i : i + 1] = pieces
        spaces[i : i + 1] = [False] * (len(pieces) - 1) + [spaces[i]]
    new = Doc(doc.vocab, words=words, spaces=spaces)
    new.user_data.update(doc.user_data)
    for key, group in doc.spans.items():
        new.spans[key] = [s for s in (moved_span(new, s) for s in group) if s is not None]
    if doc.has_annotation("ENT_IOB"):
        new.ents = [s for s in (moved_span(new, s) for s in doc.ents) if s is not None]
    return new


def moved_span(new: Doc, span: Span) -> Span | None:
    """``span`` on ``new`` (same text), by its character offsets; None if they do not align."""
    return new.char_span(
        span.start_char, span.end_char, label=span.label, kb_id=span.kb_id, span_id=span.id
    )
