"""The head-word fallback for a disease no lexicon row names (``extractor.records.heads``):
the ``heads.find_disease`` rows of ``tests/cases/records/disease.jsonl``. Keep rows give the
name it must read, drop rows (``expect`` null) sentences it must not."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.records.heads import find_disease, is_specific

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import cases
except ImportError:
    from records_helpers import cases  # type: ignore[no-redef]


@pytest.mark.parametrize("row", cases("heads.find_disease"))
def test_disease_head(row: dict[str, Any]) -> None:
    hit = find_disease(row["text"])
    assert (hit[2] if hit else None) == row["expect"], f"{row['at']}: {row['why']}"
    if hit:
        assert row["text"][hit[0] : hit[1]].casefold().startswith(row["expect"].split()[0][:4])


@pytest.mark.parametrize("row", cases("heads.is_specific"))
def test_specific_name(row: dict[str, Any]) -> None:
    assert is_specific(row["text"]) is row["expect"], f"{row['at']}: {row['why']}"
