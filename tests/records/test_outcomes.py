"""Outcome scores and their values (``extractor.records.outcomes``): every ``outcomes.*`` row
of ``tests/cases/records/outcomes.jsonl``. A row marks its score ``entities`` and expects the
``[measure, baseline, final]`` outcomes in order; ``check: no_values`` rows expect no outcome
to carry a baseline or a final value (durations, percentages, time points, a lone "it")."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.records.outcomes import outcomes
from extractor.types import Outcome

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import cases, marked, pieces_of
except ImportError:
    from records_helpers import cases, marked, pieces_of  # type: ignore[no-redef]


@pytest.mark.parametrize("row", cases("outcomes.outcomes"))
def test_outcome_case(row: dict[str, Any]) -> None:
    found, _, _ = outcomes(row["text"], marked(row), pieces_of(row))
    if row.get("check") == "no_values":
        assert row["expect"] is None, f"{row['at']}: a no_values row expects null"
        assert all(o.baseline is None and o.final is None for o in found), (row["at"], found)
    else:
        want = tuple(Outcome(m, b, f) for m, b, f in row["expect"])
        assert found == want, f"{row['at']}: {row['why']}"
