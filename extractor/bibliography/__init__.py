"""Document-level stage: the input document's own bibliographic data (SCHEMA §5).

Runs after ingestion and before the records: a primary article's record takes its identity
(``first_author``, ``year``, ``doi``) from what this stage reads.
"""

from __future__ import annotations

import re

from extractor.types import Bibliography, Document

_DOI = re.compile(r"\b(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s,;]+)", re.I)


def read_bibliography(document: Document) -> Bibliography:
    """What ``document`` says about itself; keys it does not give stay null."""
    m = _DOI.search(document.text, 0, min(len(document.text), 1000))
    return Bibliography(doi=m.group(1).rstrip(".)") if m else None)
