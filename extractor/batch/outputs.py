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


def write_records_csv(path: Path, docs: Sequence[dict[str, Any]]) -> int:
    """records.csv: the same writer as ``extract --csv`` (``extractor.extract``)."""
    from extractor.extract import write_records_csv as write

    return write(path, docs)


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
                stage = doc.get("meta", {}).get("error_stage", "ingest")
                writer.writerow([doc.get("source"), stage, doc["error"]])
                n += 1
    return n


def write_summary(path: Path, summary: dict[str, Any]) -> None:
    with atomic_open(path) as fh:
        json.dump(summary, fh, ensure_ascii=False, indent=2, sort_keys=True)
        fh.write("\n")
