"""Ingestion: any supported file -> ``Document`` (text, sections, tables, references, pages).

``read_document`` dispatches on the file suffix; each format has its own reader module,
imported only when needed so reading plain text never loads the PDF libraries.
"""

from __future__ import annotations

from pathlib import Path

from extractor.errors import IngestError
from extractor.types import Document

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".pdf": "pdf",
    ".xml": "jats",
    ".nxml": "jats",
}


def format_of(path: str | Path) -> str:
    """The reader a path goes to, or IngestError for an unsupported suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = f"'{suffix}'" if suffix else "no extension"
        raise IngestError(
            path, f"unsupported file type ({shown}); expected one of {', '.join(FORMATS)}"
        )
    return FORMATS[suffix]


def read_document(path: str | Path, doc_id: str | None = None) -> Document:
    """Read one input file; ``doc_id`` defaults to the file stem. Raises ``IngestError``."""
    p = Path(path)
    if p.is_dir():
        raise IngestError(path, "is a directory, not a file")
    fmt = format_of(p)
    if not p.exists():
        raise IngestError(path, "no such file")
    if fmt == "text":
        from extractor.ingest.text import read_text

        return read_text(p, doc_id)
    if fmt == "pdf":
        from extractor.ingest.pdf import read_pdf

        return read_pdf(p, doc_id)
    from extractor.ingest.jats import read_jats

    return read_jats(p, doc_id)


__all__ = ["FORMATS", "IngestError", "format_of", "read_document"]
