"""``to_doc``: the Doc's offsets index ``Document.text``; a tokenizer that rewrites text is refused."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from extractor.pipeline import to_doc
from extractor.types import Document


def _doc(text: str) -> Document:
    return Document("d", "mem", text, "text")


@pytest.mark.parametrize("text", ["", "   ", "IL-6 and\u00a0TNF-α\n\n", "x"])
def test_offsets_end_where_the_text_ends(text: str) -> None:
    nlp = spacy.blank("en")
    doc = to_doc(nlp, _doc(text))
    assert doc.text == text


def test_a_rewriting_tokenizer_is_refused() -> None:
    nlp = spacy.blank("en")
    nlp.tokenizer = lambda text: Doc(nlp.vocab, words=[text.replace("β", "beta")], spaces=[False])
    with pytest.raises(ValueError, match="tokenised text differs"):
        to_doc(nlp, _doc("TGF-β1 levels"))
