"""scispaCy's rule tokenizer, registered so ``[nlp.tokenizer]`` in the config can name it."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry


@registry.tokenizers("extractor.SciTokenizer.v1")
def create_sci_tokenizer() -> Callable[[Language], Tokenizer]:
    """Biomedical tokenisation (keeps "IL-4", "TNF-α", "cells/kg" whole) without a model."""

    def make(nlp: Language) -> Tokenizer:
        from scispacy.custom_tokenizer import combined_rule_tokenizer

        # scispaCy reads token_match from the language's default tokenizer, which does not
        # exist yet while the config builds the Language; build it first.
        if getattr(nlp, "tokenizer", None) is None:
            nlp.tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return combined_rule_tokenizer(nlp)

    return make
