"""scispaCy's rule tokenizer, registered so ``[nlp.tokenizer]`` in the config can name it."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from types import SimpleNamespace

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from extractor.pipeline.extensions import TEXT_KEY


class TextKeepingTokenizer(Tokenizer):
    """scispaCy's tokenizer that also keeps the input string in ``doc.user_data``.

    spaCy rebuilds ``Doc.text`` from every token on each access (~40 ms on a long paper);
    components read it through :func:`extractor.pipeline.extensions.doc_text` instead.
    """

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        doc.user_data[TEXT_KEY] = text
        return doc


@registry.tokenizers("extractor.SciTokenizer.v1")
def create_sci_tokenizer() -> Callable[[Language], Tokenizer]:
    """Biomedical tokenisation (keeps "IL-4", "TNF-α", "cells/kg" whole) without a model."""

    def make(nlp: Language) -> Tokenizer:
        from unittest import mock

        from scispacy import custom_tokenizer

        # scispaCy reads only ``token_match`` from the language's default tokenizer, which
        # does not exist yet while the config builds the Language; hand it that attribute
        # instead of building a whole default tokenizer (~0.3 s of special cases). Its
        # factory constructs ``Tokenizer`` by name; substituting the subclass builds the
        # tokenizer once, with scispaCy's own rules unchanged.
        if getattr(nlp, "tokenizer", None) is None:
            nlp.tokenizer = SimpleNamespace(token_match=nlp.Defaults.token_match)
        # scispaCy's suffix pattern holds a literal "||" in a character class, which
        # Python 3.7+ flags as a possible future set union on every load; the pattern
        # means what it says today, so the warning is noise to users.
        with (
            mock.patch.object(custom_tokenizer, "Tokenizer", TextKeepingTokenizer),
            warnings.catch_warnings(),
        ):
            warnings.filterwarnings("ignore", "Possible set union", FutureWarning)
            return custom_tokenizer.combined_rule_tokenizer(nlp)

    return make
