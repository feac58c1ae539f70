"""Make character offsets token boundaries, the cheap way for the number of cuts.

scispaCy keeps "ADMSCs-based" or "5×106ADSCs" as one token; a mention ending inside it
needs the token split. spaCy's ``retokenize().split`` costs one pass over the whole
document per split token (~2.5 ms on a 10k-token paper here), so a paper with a dozen
such tokens spent more on splitting than on matching. Past a few cuts the document is
rebuilt once from its words instead (one ``Doc(words, spaces)``, ~10 ms), carrying over
``user_data`` (where spaCy keeps extension values, keyed by character offsets) and span
groups. The text and every character offset stay the same either way.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Span

from extractor.pipeline.extensions import doc_text

# At or below this many tokens to split, split in place; above it, rebuild. Measured on the
# review (10,164 tokens): one in-place split 2.6 ms, one rebuild 8-12 ms.
MAX_IN_PLACE_SPLITS = 3


def align_tokens(doc: Doc, boundaries: set[int] | frozenset[int]) -> Doc:
    """A Doc in which each offset in ``boundaries`` is a token boundary.

    Returns ``doc`` itself when it splits in place (or has nothing to split) and a new Doc
    when it rebuilds; callers must use the returned Doc. Span groups (``doc.spans``) are
    valid either way; Span objects held elsewhere are stale (wrong token indices or the
    old Doc): rebuild them from their character offsets with :func:`moved_span`.
    """
    if not boundaries or not len(doc):
        return doc
    table = doc.to_array([IDX, LENGTH, SPACY])
    starts = table[:, 0].tolist()  # token start offsets, sorted
    lengths = table[:, 1].tolist()
    cuts: dict[int, list[int]] = {}
    for b in sorted(boundaries):
        i = bisect_right(starts, b) - 1
        if i < 0 or starts[i] == b:
            continue
        if b < starts[i] + lengths[i]:
            cuts.setdefault(i, []).append(b - starts[i])
    if not cuts:
        return doc
    if len(cuts) <= MAX_IN_PLACE_SPLITS:
        _split_in_place(doc, cuts)
        return doc
    return _rebuild(doc, cuts, starts, lengths, table[:, 2].tolist())


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


def _rebuild(
    doc: Doc,
    cuts: dict[int, list[int]],
    starts: list[int],
    lengths: list[int],
    spacy_flags: list[int],
) -> Doc:
    text = doc_text(doc)
    words = [text[s : s + n] for s, n in zip(starts, lengths, strict=True)]
    spaces = [f != 0 for f in spacy_flags]
    for i in sorted(cuts, reverse=True):  # back to front, so earlier indices stay valid
        pieces = _pieces(words[i], cuts[i])
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
