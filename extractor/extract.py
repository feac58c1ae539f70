"""One input in, one SCHEMA §5 result out: ingest -> pipeline -> entities -> records.

This is the glue every front end (``extract``, ``batch``, the bench) shares, so a document
is processed the same way whichever command reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import ExtractorError
from extractor.types import Document, DocumentResult

if TYPE_CHECKING:
    from spacy.language import Language


def process_document(document: Document, nlp: Language) -> DocumentResult:
    """Run the entity pipeline and the record assembler over an ingested document."""
    from extractor.mentions import from_doc
    from extractor.pipeline import to_doc
    from extractor.records import assemble

    doc = nlp(to_doc(nlp, document))
    entities = tuple(from_doc(doc))
    records = tuple(assemble(document, list(entities)))
    return DocumentResult(
        doc_id=document.doc_id,
        source=document.source,
        text=document.text,
        entities=entities,
        records=records,
        meta={"format": document.format},
    )


def process_path(path: str | Path, nlp: Language) -> DocumentResult:
    """Like ``process_document`` but from a path; a file that cannot be read gets ``error`` set."""
    from extractor.ingest import read_document

    try:
        document = read_document(Path(path))
    except ExtractorError as err:
        return DocumentResult(doc_id=Path(path).stem, source=str(path), text="", error=str(err))
    return process_document(document, nlp)
