"""Tables derived from the journal: records.csv, entities.parquet, errors.csv, summary.json.

They are rebuilt from ``documents.jsonl`` at the end of every run and each is written
atomically, so a reader never sees half a table and a crash never corrupts the previous one.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from extractor.io import atomic_open

RECORD_SCALARS = (
    "study_id", "first_author", "year", "ref", "doi", "disease", "intervention",
    "model", "design", "sample_size",
)  # fmt: skip


def _dose_text(d: dict[str, Any]) -> str:
    low, high, unit = d.get("low"), d.get("high"), d.get("unit")
    value = f"{low:g}" if low == high else f"{low:g}–{high:g}"
    return f"{value} {unit}" if unit else value


def record_row(doc: dict[str, Any], rec: dict[str, Any]) -> dict[str, Any]:
    """Flatten one record for a spreadsheet: list fields joined with '; '."""
    row: dict[str, Any] = {"doc_id": doc.get("doc_id"), "source": doc.get("source")}
    for key in RECORD_SCALARS:
        row[key] = rec.get(key)
    row["doses"] = "; ".join(_dose_text(d) for d in rec.get("doses", []))
    row["routes"] = "; ".join(rec.get("routes", []))
    row["outcomes"] = "; ".join(
        f"{o['measure']} {o.get('baseline')}→{o.get('final')}"
        if o.get("baseline") is not None or o.get("final") is not None
        else o["measure"]
        for o in rec.get("outcomes", [])
    )
    row["cytokines"] = "; ".join(
        f"{c['name']} {'↓' if c.get('direction') == 'down' else '↑' if c.get('direction') == 'up' else '?'}"
        for c in rec.get("cytokines", [])
    )
    row["cells"] = "; ".join(rec.get("cells", []))
    row["conflicts"] = "; ".join(
        f"{c['field']}: {' vs '.join(map(str, c.get('values', [])))}" for c in rec.get("conflicts", [])
    )
    return row


def write_records_csv(path: Path, docs: Sequence[dict[str, Any]]) -> int:
    rows = [record_row(doc, rec) for doc in docs for rec in doc.get("records", [])]
    columns = ["doc_id", "source", *RECORD_SCALARS, "doses", "routes", "outcomes", "cytokines", "cells", "conflicts"]
    with atomic_open(path, newline="") as fh:
        pd.DataFrame(rows, columns=columns).to_csv(fh, index=False)
    return len(rows)


def write_entities_parquet(path: Path, docs: Sequence[dict[str, Any]]) -> int:
    rows = []
    for doc in docs:
        for ent in doc.get("entities", []):
            norm = ent.get("norm")
            rows.append(
                {
                    "doc_id": doc.get("doc_id"),
                    "source": doc.get("source"),
                    "label": ent["label"],
                    "start": int(ent["start"]),
                    "end": int(ent["end"]),
                    "text": ent.get("text"),
                    "norm": norm if isinstance(norm, str) else json.dumps(norm, ensure_ascii=False),
                    "confidence": ent.get("confidence"),
                }
            )
    frame = pd.DataFrame(
        rows, columns=["doc_id", "source", "label", "start", "end", "text", "norm", "confidence"]
    ).astype({"start": "int64", "end": "int64", "confidence": "float64"})
    with atomic_open(path, "wb") as fh:
        frame.to_parquet(fh, index=False, engine="pyarrow")
    return len(rows)


def write_errors_csv(path: Path, docs: Sequence[dict[str, Any]]) -> int:
    n = 0
    with atomic_open(path, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "stage", "message"])
        for doc in docs:
            if doc.get("error"):
                meta = doc.get("meta", {})
                writer.writerow([doc.get("source"), meta.get("error_stage", "ingest"), doc["error"]])
                n += 1
    return n


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    with atomic_open(path) as fh:
        json.dump(summary, fh, ensure_ascii=False, indent=2, sort_keys=True)
        fh.write("\n")
