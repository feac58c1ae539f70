from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pipeline as shipped (models/config.cfg), loaded once for the session."""
    return load_pipeline()
