"""The head-word fallback for a disease no lexicon row names (cases/disease_heads.jsonl):
keep rows give the name it must read, drop rows (``disease`` null) sentences it must not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.records.heads import find_disease

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "cases" / "disease_heads.jsonl")
    .read_text("utf-8")
    .splitlines()
    if line.strip()
]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_disease_head(case: dict[str, Any]) -> None:
    hit = find_disease(case["text"])
    assert (hit[2] if hit else None) == case["disease"], case["why"]
    if hit:
        assert case["text"][hit[0] : hit[1]].casefold().startswith(case["disease"].split()[0][:4])
