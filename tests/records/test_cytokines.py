"""Cytokine directions (``extractor.records.cytokines``): every ``cytokines.*`` row of
``tests/cases/records/cytokines.jsonl``. A row marks its ``entities`` (and the ``therapy``'s
mentions) at every whole-word occurrence and expects the ``(name, direction)`` pairs in order,
or in any order with ``check: unordered``."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.records.cytokines import cytokines
from extractor.types import CytokineEffect

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import cases, marked, pieces_of
except ImportError:
    from records_helpers import cases, marked, pieces_of  # type: ignore[no-redef]


def _key(c: CytokineEffect) -> str:
    return c.name


@pytest.mark.parametrize("row", cases("cytokines.cytokines"))
def test_cytokine_case(row: dict[str, Any]) -> None:
    found, _, _ = cytokines(row["text"], marked(row), pieces_of(row), marked(row, "therapy"))
    want = tuple(CytokineEffect(n, d) for n, d in row["expect"])
    if row.get("check") == "unordered":
        found, want = tuple(sorted(found, key=_key)), tuple(sorted(want, key=_key))
    assert found == want, f"{row['at']}: {row['why']}"
