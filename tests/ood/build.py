"""Build tests/ood/ood.jsonl from the hand-written passages and annotations.

Each passage ``passages/ood-NN.txt`` has two hand-written files in ``annotations/``:
``ood-NN.psv`` (mentions in reading order, ``surface|LABEL|norm[|after]``, the gold pass
format of ``extractor.gold.build``) and ``ood-NN.records.json`` (study records, evidence
given as quoted sentences). This script only anchors what was written to offsets and checks
the result; it adds no mention and no field value. Record keys the annotator left out are
the empty values of SCHEMA §4 (no year, no ref, no DOI, no doses …), filled in so that
every record carries every field.

Run from the repository root::

    .venv/bin/python tests/ood/build.py          # writes tests/ood/ood.jsonl
    .venv/bin/python tests/ood/build.py --check  # exit 1 if ood.jsonl is stale or invalid
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor import SCHEMA_VERSION
from extractor.gold.anchor import anchor_mentions
from extractor.gold.build import parse_mentions, resolve_evidence
from extractor.gold.check import check_document
from extractor.types import RECORD_LIST_FIELDS, RECORD_SCALAR_FIELDS

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PASSAGES = HERE / "passages"
ANNOTATIONS = HERE / "annotations"
OUT = HERE / "ood.jsonl"

# SCHEMA §4 fields with the value that means "the text does not say".
RECORD_DEFAULTS: dict[str, Any] = {
    "first_author": "",
    "year": None,
    "ref": None,
    "doi": None,
    "sample_size": None,
    "doses": [],
    "routes": [],
    "outcomes": [],
    "cytokines": [],
    "cells": [],
}
FIELD_ORDER = (*RECORD_SCALAR_FIELDS, *RECORD_LIST_FIELDS, "evidence", "conflicts", "accept")


def passage_ids() -> list[str]:
    return sorted((p.stem for p in PASSAGES.glob("ood-*.txt")), key=lambda s: int(s[4:]))


def _inside_word(text: str, e: dict[str, Any]) -> bool:
    """A span that starts or ends inside a word usually means an anchor slipped."""
    before = text[e["start"] - 1] if e["start"] > 0 else " "
    after = text[e["end"]] if e["end"] < len(text) else " "
    return before.isalnum() or after.isalnum()


def build_one(doc_id: str) -> tuple[dict[str, Any], list[str]]:
    """The SCHEMA §5 gold object of one passage and the problems found while building it."""
    text = (PASSAGES / f"{doc_id}.txt").read_text(encoding="utf-8")
    problems: list[str] = []
    entities = anchor_mentions(text, parse_mentions(ANNOTATIONS / f"{doc_id}.psv"))
    entities.sort(key=lambda e: (e["start"], e["end"]))
    for e in entities:
        if _inside_word(text, e):
            problems.append(f"{doc_id}: {e['start']}: {e['text']!r} starts or ends inside a word")
    records: list[dict[str, Any]] = []
    raw = json.loads((ANNOTATIONS / f"{doc_id}.records.json").read_text(encoding="utf-8"))
    for rec in raw:
        full = {**RECORD_DEFAULTS, **rec}
        full["evidence"] = resolve_evidence(
            text, rec.get("evidence", []), f"{doc_id}/{rec['study_id']}"
        )
        records.append({k: full[k] for k in FIELD_ORDER if k in full})
    doc = {
        "schema": SCHEMA_VERSION,
        "doc_id": doc_id,
        "source": f"tests/ood/passages/{doc_id}.txt",
        "text": text,
        "entities": entities,
        "records": records,
        "error": None,
    }
    problems.extend(f"{doc_id}: {p}" for p in check_document(doc))
    return doc, problems


def build_all() -> tuple[list[dict[str, Any]], list[str]]:
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    for doc_id in passage_ids():
        doc, probs = build_one(doc_id)
        docs.append(doc)
        problems.extend(probs)
    return docs, problems


def serialise(docs: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def write_or_check(
    build: Callable[[], tuple[list[dict[str, Any]], list[str]]],
    out: Path,
    script: str,
    unit: str,
    argv: list[str] | None = None,
) -> int:
    """The build scripts' command line: write ``out`` from the anchored documents, or with
    ``--check`` say whether it is stale; annotation problems are printed and fail the build."""
    ap = argparse.ArgumentParser(description=f"Build {out.name} from the hand annotations.")
    ap.add_argument("--check", action="store_true", help=f"verify {out.name} instead of writing it")
    args = ap.parse_args(argv)
    docs, problems = build()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    text = serialise(docs)
    if args.check:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            print(f"{out.relative_to(REPO)}: stale; rebuild with {script}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    n_ent = sum(len(d["entities"]) for d in docs)
    n_rec = sum(len(d["records"]) for d in docs)
    print(f"{out.relative_to(REPO)}: {len(docs)} {unit}, {n_ent} mentions, {n_rec} records")
    return 0


def main(argv: list[str] | None = None) -> int:
    return write_or_check(build_all, OUT, "tests/ood/build.py", "passages", argv)


if __name__ == "__main__":
    raise SystemExit(main())
