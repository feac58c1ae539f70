"""Curated documents back out as SCHEMA §5 lines (the same objects ``gold/`` stores).

Rejected entities and records are dropped; entities stay flat and non-overlapping (where the
uncorrected pipeline output still overlaps, the longer span wins, SCHEMA §1); curation-only
keys (``status``, ``confidence``) are removed, and ``meta.curation`` says who did what.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from extractor import SCHEMA_VERSION
from extractor.gold.check import check_document
from extractor.io import atomic_open, dumps_line
from extractor.web.fields import EDITABLE_FIELDS
from extractor.web.store import DocState, EventStore

RECORD_KEYS = (*EDITABLE_FIELDS, "evidence", "conflicts")
ENTITY_KEYS = ("start", "end", "label", "text", "norm", "id")
# what the app adds or what only describes the machine's certainty: not part of gold
_CURATION_KEYS = frozenset({"status", "confidence", "_status"})


@dataclass(frozen=True, slots=True)
class ExportStats:
    documents: int
    entities: int
    records: int
    dropped_overlaps: int
    skipped_failed: int  # documents the pipeline could not read: no text, nothing to curate
    problems: tuple[str, ...]  # `extractor gold check` findings, "doc_id: message"


def _flat(entities: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Longest span wins among overlapping ones (ties: earlier start), then offset order."""
    chosen: list[dict[str, Any]] = []
    for e in sorted(entities, key=lambda x: (-(x["end"] - x["start"]), x["start"])):
        if all(e["end"] <= c["start"] or c["end"] <= e["start"] for c in chosen):
            chosen.append(e)
    chosen.sort(key=lambda x: (x["start"], x["end"]))
    return chosen, len(entities) - len(chosen)


def curated_document(st: DocState, confirmed_only: bool = False) -> tuple[dict[str, Any], int]:
    """One SCHEMA §5 line for a document's current state; returns it and overlaps dropped."""
    text = st.text
    keep = {"accepted"} if confirmed_only else {"accepted", "pending"}
    ents = []
    for _, e in st.entities():
        if e.get("status") not in keep:
            continue
        out = {k: e[k] for k in ENTITY_KEYS if k in e and e[k] is not None}
        # extension keys the input carried travel on; curation-only ones do not
        out.update({k: v for k, v in e.items() if k not in ENTITY_KEYS and k not in _CURATION_KEYS})
        out["text"] = text[e["start"] : e["end"]]
        out.setdefault("norm", "")  # a norm still to be set stays empty: gold check names it
        ents.append(out)
    ents, dropped = _flat(ents)
    records = []
    for rid in st.record_ids():
        rec = st.record(rid)
        if rec.get("_status") not in keep:
            continue
        out_rec = {k: rec[k] for k in RECORD_KEYS if k in rec}
        out_rec.update(
            {k: v for k, v in rec.items() if k not in out_rec and k not in _CURATION_KEYS}
        )
        out_rec.setdefault("evidence", [])
        if not out_rec.get("conflicts"):
            out_rec.pop("conflicts", None)
        records.append(out_rec)
    curators = sorted({ev.curator for ev in st.last.values()})
    meta = dict(st.baseline.get("meta") or {})
    meta["curation"] = {
        "events": st.n_events,
        "curators": curators,
        "confirmed_only": confirmed_only,
    }
    doc = {
        "schema": st.baseline.get("schema", SCHEMA_VERSION),
        "doc_id": st.doc_id,
        "source": st.baseline.get("source", ""),
        "text": text,
        "entities": ents,
        "records": records,
        "error": st.baseline.get("error"),
        "meta": meta,
    }
    if "bibliography" in st.baseline:  # SCHEMA §5: travels with the document
        doc["bibliography"] = st.baseline["bibliography"]
    return doc, dropped


def iter_export(
    store: EventStore, confirmed_only: bool = False
) -> Iterator[tuple[dict[str, Any], int]]:
    """Curated documents in load order; failed documents (``error`` set) are not gold and
    are left out."""
    for doc_id in store.doc_ids():
        doc, dropped = curated_document(store.state(doc_id), confirmed_only)
        if doc["error"] is not None:
            continue
        if confirmed_only and not doc["entities"] and not doc["records"]:
            continue  # nothing confirmed here: not gold yet
        yield doc, dropped


def export_jsonl(store: EventStore, out: str | Path, confirmed_only: bool = False) -> ExportStats:
    """Write the curated documents atomically and check them as gold files are checked."""
    with atomic_open(out) as fh:
        return write_export(store, fh, confirmed_only)


def write_export(store: EventStore, fh: IO[str], confirmed_only: bool = False) -> ExportStats:
    """The export itself, to any text stream: ``review export`` writes a file, the app's
    export button a download; both are this function."""
    n_docs = n_ents = n_recs = n_drop = 0
    problems: list[str] = []
    for doc, dropped in iter_export(store, confirmed_only):
        fh.write(dumps_line(doc))
        n_docs += 1
        n_ents += len(doc["entities"])
        n_recs += len(doc["records"])
        n_drop += dropped
        problems.extend(f"{doc['doc_id']}: {p}" for p in check_document(doc))
    failed = sum(1 for d in store.summaries() if d["error"] is not None)
    return ExportStats(n_docs, n_ents, n_recs, n_drop, failed, tuple(problems))
