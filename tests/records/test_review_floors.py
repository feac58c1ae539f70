"""Floors (issue 5, item 5) on the 19 hand-curated study records of the review.

Two runs, each scored with the project's scorer against ``gold/review.jsonl``:
- the gold's own mentions as input, which measures record assembly alone;
- the real pipeline end to end (ingest -> entities -> records), the number users get.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extractor.evaluate import score_documents
from extractor.ingest import read_document
from extractor.records import assemble
from extractor.types import DocumentResult, Entity

REPO = Path(__file__).resolve().parents[2]
REVIEW_TEXT = REPO / "corpus" / "text" / "fimmu-2025-1617157.txt"
GOLD_FILE = REPO / "gold" / "review.jsonl"
SCALARS = ("year", "disease", "intervention", "model", "design", "sample_size")
LISTS = ("doses", "routes", "outcomes", "cytokines", "cytokine_directions")


@cache
def _gold() -> dict[str, Any]:
    with GOLD_FILE.open(encoding="utf-8") as fh:
        gold: dict[str, Any] = json.loads(fh.readline())
    return gold


def _check_floors(metrics: dict[str, Any]) -> None:
    rec = metrics["records"]
    assert rec["counts"]["gold"] == 19
    assert rec["found"] >= 0.95, rec["counts"]
    fields = rec["fields"]
    low = {f: fields[f]["accuracy"] for f in SCALARS if fields[f]["accuracy"] < 0.90}
    low |= {f: fields[f]["f1"] for f in LISTS if fields[f]["f1"] < 0.85}
    assert not low, f"fields below their floor: {low}"


def test_floors_on_gold_mentions() -> None:
    gold = _gold()
    document = read_document(REVIEW_TEXT)
    assert document.text == gold["text"]
    entities = [Entity.from_dict(e) for e in gold["entities"]]
    records = assemble(document, entities)
    pred = DocumentResult(
        document.doc_id, document.source, document.text, tuple(entities), tuple(records)
    )
    _check_floors(score_documents([gold], [pred.to_dict()]))


@pytest.mark.slow
def test_floors_end_to_end_with_the_real_pipeline() -> None:
    from extractor.extract import process_path
    from extractor.pipeline import load_pipeline

    result = process_path(REVIEW_TEXT, load_pipeline())
    assert result.error is None
    _check_floors(score_documents([_gold()], [result.to_dict()]))
