"""One input in, one SCHEMA §5 result out: ingest -> pipeline -> entities -> records.

This is the glue every front end (``extract``, ``batch``, the bench) shares, so a document
is processed the same way whichever command reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError
from extractor.types import (
    RECORD_LIST_FIELDS,
    RECORD_SCALAR_FIELDS,
    Document,
    DocumentResult,
    StudyRecord,
)

if TYPE_CHECKING:
    from spacy.language import Language


def process_document(document: Document, nlp: Language | None) -> DocumentResult:
    """Run the entity pipeline and the record assembler over an ingested document.

    ``nlp=None`` skips entity recognition (records are still assembled from the text cues and
    the dose parser); it exists for callers that only want records.
    """
    from extractor.bibliography import read_bibliography
    from extractor.records import assemble

    bibliography = read_bibliography(document)
    entities: tuple[Any, ...] = ()
    if nlp is not None:
        from extractor.mentions import from_doc
        from extractor.pipeline import to_doc

        doc = nlp(to_doc(nlp, document))
        entities = tuple(from_doc(doc))
    records = tuple(assemble(document, list(entities), bibliography))
    return DocumentResult(
        doc_id=document.doc_id,
        source=document.source,
        text=document.text,
        entities=entities,
        records=records,
        meta={"format": document.format},
        bibliography=bibliography,
    )


def error_result(path: str | Path, message: str) -> DocumentResult:
    """The SCHEMA §5 line of an input that could not be processed."""
    return DocumentResult(doc_id=Path(path).stem, source=str(path), text="", error=message)


def process_path(path: str | Path, nlp: Language | None) -> DocumentResult:
    """Like ``process_document`` but from a path; a file that cannot be read gets ``error`` set."""
    from extractor.ingest import read_document

    try:
        document = read_document(Path(path))
    except ExtractorError as err:
        return error_result(path, str(err))
    return process_document(document, nlp)


def process_paths(paths: Iterable[str | Path], nlp: Language | None) -> Iterator[DocumentResult]:
    """One result per path, in order. A failure in one document never stops the others:
    anything raised while processing it becomes that document's one-line ``error``."""
    for path in paths:
        try:
            yield process_path(path, nlp)
        except ExtractorError as err:
            yield error_result(path, str(err))
        except Exception as err:  # a bug in one stage must not lose the rest of the batch
            msg = " ".join(str(err).split()) or type(err).__name__
            yield error_result(path, f"{path}: {type(err).__name__}: {msg}")


# --------------------------------------------------------------------------- flat sheet

CSV_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source",
    *RECORD_SCALAR_FIELDS,
    *RECORD_LIST_FIELDS,
    "conflicts",
    "min_confidence",
    "least_certain_field",
)


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:g}"


def record_row(result: DocumentResult, rec: StudyRecord) -> dict[str, Any]:
    """One spreadsheet row; list fields joined with "; " in words a reader can scan."""
    doses = "; ".join(
        d.text or (f"{_num(d.low)}–{_num(d.high)} {d.unit or ''}".strip()) for d in rec.doses
    )
    outcomes = "; ".join(
        o.measure
        if o.baseline is None and o.final is None
        else f"{o.measure} {_num(o.baseline)} → {_num(o.final)}"
        for o in rec.outcomes
    )
    cytokines = "; ".join(
        c.name if c.direction is None else f"{c.name} {c.direction}" for c in rec.cytokines
    )
    conflicts = "; ".join(
        f"{c.field}: " + " vs ".join(str(v) for v in c.values) for c in rec.conflicts
    )
    least = min(rec.confidence.items(), key=lambda kv: kv[1]) if rec.confidence else None
    return {
        "doc_id": result.doc_id,
        "source": result.source,
        "study_id": rec.study_id,
        "first_author": rec.first_author,
        "year": rec.year,
        "ref": rec.ref,
        "doi": rec.doi,
        "disease": rec.disease,
        "intervention": rec.intervention,
        "model": rec.model,
        "design": rec.design,
        "sample_size": rec.sample_size,
        "doses": doses,
        "routes": "; ".join(rec.routes),
        "outcomes": outcomes,
        "cytokines": cytokines,
        "cells": "; ".join(rec.cells),
        "conflicts": conflicts,
        "min_confidence": least[1] if least else None,
        "least_certain_field": least[0] if least else None,
    }


def records_frame(results: Iterable[DocumentResult]) -> Any:
    """A pandas DataFrame with one row per record (columns ``CSV_COLUMNS``)."""
    import pandas as pd

    rows = [record_row(r, rec) for r in results for rec in r.records]
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    # nullable integers, so a missing year prints empty and not as 2016.0
    for col in ("year", "ref", "sample_size"):
        frame[col] = frame[col].astype("Int64")
    return frame
