"""One input in, one SCHEMA §5 result out: ingest -> pipeline -> entities -> records.

This is the glue every front end (``extract``, ``batch``, the bench) shares, so a document
is processed the same way whichever command reads it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
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


def assign_doc_ids(paths: Sequence[str | Path], root: str | Path | None = None) -> list[str]:
    """One ``doc_id`` per input of a run, unique within the run (docs/batch.md, "doc_id").

    The rule: the file stem (``fimmu-2025-1617157``); inputs whose stems collide take their
    file name instead (``fimmu-2025-1617157.pdf``, the same paper as text, PDF and JATS);
    inputs whose file names collide too take their path, relative to ``root`` when given (the
    batch's input folder) or as given, with ``/`` separators; the same path given twice gets
    ``#2``, ``#3``. The id depends only on the run's set of inputs, so a rerun gives the same ids.
    """
    ps = [Path(p) for p in paths]

    def rel(p: Path) -> str:
        if root is not None:
            try:
                return p.relative_to(root).as_posix()
            except ValueError:
                pass
        return p.as_posix()

    stems = Counter(p.stem for p in ps)
    names = Counter(p.name for p in ps)
    ids = [
        p.stem if stems[p.stem] == 1 else p.name if names[p.name] == 1 else rel(p) for p in ps
    ]
    seen: Counter[str] = Counter()
    out = []
    for doc_id in ids:
        seen[doc_id] += 1
        out.append(doc_id if seen[doc_id] == 1 else f"{doc_id}#{seen[doc_id]}")
    return out


def error_result(path: str | Path, message: str, doc_id: str | None = None) -> DocumentResult:
    """The SCHEMA §5 line of an input that could not be processed."""
    return DocumentResult(
        doc_id=doc_id or Path(path).stem, source=str(path), text="", error=message
    )


def process_path(
    path: str | Path, nlp: Language | None, doc_id: str | None = None
) -> DocumentResult:
    """Like ``process_document`` but from a path; a file that cannot be read gets ``error`` set.

    ``doc_id`` defaults to the file stem; a run over several inputs passes the one
    ``assign_doc_ids`` gave it.
    """
    from extractor.ingest import read_document

    try:
        document = read_document(Path(path), doc_id)
    except ExtractorError as err:
        return error_result(path, str(err), doc_id)
    return process_document(document, nlp)


def process_paths(paths: Iterable[str | Path], nlp: Language | None) -> Iterator[DocumentResult]:
    """One result per path, in order, with ``doc_id``s by ``assign_doc_ids``. A failure in one
    document never stops the others: anything raised while processing it becomes that
    document's one-line ``error``."""
    paths = list(paths)
    for path, doc_id in zip(paths, assign_doc_ids(paths), strict=True):
        try:
            yield process_path(path, nlp, doc_id)
        except ExtractorError as err:
            yield error_result(path, str(err), doc_id)
        except Exception as err:  # a bug in one stage must not lose the rest of the batch
            msg = " ".join(str(err).split()) or type(err).__name__
            yield error_result(path, f"{path}: {type(err).__name__}: {msg}", doc_id)


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
