"""Document-level stage: the input document's own bibliographic data (SCHEMA §5).

Runs after ingestion and before the records: a primary article's record takes its identity
(``first_author``, ``year``, ``doi``) from what this stage reads. Readings, in SCHEMA §5's
order of trust:

1. JATS ``<article-meta>`` (``jats.read_jats``), for a JATS document;
2. a database export record that starts the text (MEDLINE or RIS tags, a BibTeX entry:
   ``tagged.read_tagged``), whose fields are labelled;
3. the text's citation lines (``header.read_citation``), and for a PDF those printed on its
   first page;
4. a PDF's first page by its layout (``pdf.read_pdf``);
5. the text's title page read from its lines (``header.read_page``).

Each field comes from the most trusted reading that gives it (``merge``); what no reading
gives stays null. A source file that cannot be read again (moved, damaged) only loses its own
reading: this stage never fails a document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from extractor.bibliography.header import read_header
from extractor.bibliography.merge import merge
from extractor.types import Bibliography, Document

__all__ = ["read_bibliography"]

T = TypeVar("T")


def _from_file(read: Callable[[Path], T], source: str) -> T | None:
    """``read(source)``, or None when the file is gone or its parser refuses it."""
    from lxml.etree import LxmlError

    path = Path(source)
    if not path.is_file():
        return None
    try:
        return read(path)
    except (OSError, ValueError, RuntimeError, LxmlError):  # pdfium's PdfiumError is a RuntimeError
        return None


def read_bibliography(document: Document) -> Bibliography:
    """What ``document`` says about itself; keys it does not give stay null."""
    from extractor.bibliography.jats import read_jats
    from extractor.bibliography.pdf import read_pdf
    from extractor.bibliography.tagged import read_tagged

    header = read_header(document.text)
    readings: list[Bibliography] = []
    if document.format == "jats":
        meta = _from_file(read_jats, document.source)
        readings += [meta] if meta else []
    tagged = read_tagged(document.text)
    readings += [tagged] if tagged else []
    readings.append(header.citation)
    if document.format == "pdf":
        page = _from_file(read_pdf, document.source)
        readings += list(page) if page else []
    readings.append(header.page)
    return merge(*readings)
