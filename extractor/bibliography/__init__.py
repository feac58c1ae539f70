"""Document-level stage: the input document's own bibliographic data (SCHEMA §5).

Runs after ingestion and before the records: a primary article's record takes its identity
(``first_author``, ``year``, ``doi``) from what this stage reads. Readings, in SCHEMA §5's
order of trust: a text's citation lines (``header.read_citation``), then its title page
(``header.read_page``). Each field comes from the most trusted reading that gives it
(``merge``); what no reading gives stays null.
"""

from __future__ import annotations

from extractor.bibliography.header import read_header
from extractor.bibliography.merge import merge
from extractor.types import Bibliography, Document

__all__ = ["read_bibliography"]


def read_bibliography(document: Document) -> Bibliography:
    """What ``document`` says about itself; keys it does not give stay null."""
    header = read_header(document.text)
    return merge(header.citation, header.page)
