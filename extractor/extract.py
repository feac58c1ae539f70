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
# The one records.csv writer: `extract --csv` and `batch` both write it (docs/batch.md,
# "records.csv"). It reads SCHEMA §5 dicts, so a batch can rebuild it from its journal.

CSV_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source",
    *RECORD_SCALAR_FIELDS,
    "doses",
    "dose_low",
    "dose_high",
    "dose_unit",
    *(f for f in RECORD_LIST_FIELDS if f != "doses"),
    "conflicts",
    "min_confidence",
    "least_certain_field",
)
INT_COLUMNS = ("year", "ref", "sample_size")
FLOAT_COLUMNS = ("dose_low", "dose_high", "min_confidence")


def _num(x: Any) -> str:
    return "?" if x is None else f"{x:g}"


def _dose_text(d: dict[str, Any]) -> str:
    """The paper's words for a dose; its parsed value only when the text is missing."""
    if d.get("text"):
        return str(d["text"])
    low, high, unit = d.get("low"), d.get("high"), d.get("unit")
    value = _num(low) if low == high else f"{_num(low)}–{_num(high)}"
    return f"{value} {unit}" if unit else value


def record_row(doc: dict[str, Any], rec: dict[str, Any]) -> dict[str, Any]:
    """One spreadsheet row of a record (both SCHEMA §5 dicts): list fields joined with "; "
    in words a reader can scan; the first dose also as numbers (all doses stay in the JSON)."""
    doses = [d for d in rec.get("doses") or [] if isinstance(d, dict)]
    first = doses[0] if doses else {}
    conf = rec.get("confidence") if isinstance(rec.get("confidence"), dict) else {}
    least = min(conf.items(), key=lambda kv: kv[1]) if conf else None
    row: dict[str, Any] = {"doc_id": doc.get("doc_id"), "source": doc.get("source")}
    row.update({key: rec.get(key) for key in RECORD_SCALAR_FIELDS})
    row.update(
        {
            "doses": "; ".join(_dose_text(d) for d in doses),
            "dose_low": first.get("low"),
            "dose_high": first.get("high"),
            "dose_unit": first.get("unit"),
            "routes": "; ".join(rec.get("routes") or []),
            "outcomes": "; ".join(
                o["measure"]
                if o.get("baseline") is None and o.get("final") is None
                else f"{o['measure']} {_num(o.get('baseline'))} → {_num(o.get('final'))}"
                for o in rec.get("outcomes") or []
            ),
            "cytokines": "; ".join(
                c["name"] if not c.get("direction") else f"{c['name']} {c['direction']}"
                for c in rec.get("cytokines") or []
            ),
            "cells": "; ".join(rec.get("cells") or []),
            "conflicts": "; ".join(
                f"{c['field']}: " + " vs ".join(str(v) for v in c.get("values") or [])
                for c in rec.get("conflicts") or []
            ),
            "min_confidence": least[1] if least else None,
            "least_certain_field": least[0] if least else None,
        }
    )
    return row


def records_frame(docs: Iterable[dict[str, Any] | DocumentResult]) -> Any:
    """A pandas DataFrame with one row per record (columns ``CSV_COLUMNS``), typed so that it
    writes integers as integers and reads back with the same dtypes."""
    import pandas as pd

    rows = []
    for doc in docs:
        d = doc.to_dict() if isinstance(doc, DocumentResult) else doc
        rows.extend(record_row(d, rec) for rec in d.get("records") or [])
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    # nullable integers, so a missing year prints empty and not as 2016.0
    frame = frame.astype({c: "Int64" for c in INT_COLUMNS})
    return frame.astype({c: "float64" for c in FLOAT_COLUMNS})


def write_records_csv(path: str | Path, docs: Iterable[dict[str, Any] | DocumentResult]) -> int:
    """Write records.csv atomically; returns the number of rows."""
    from extractor.io import atomic_open

    frame = records_frame(docs)
    with atomic_open(path, newline="") as fh:
        frame.to_csv(fh, index=False)
    return len(frame)
