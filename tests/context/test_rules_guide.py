"""docs/rules.md: the rows its "how to add a rule" section shows do what their cases say,
with nothing added but the rows (the guide cannot drift from the engine)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from extractor.context import ContextEngine, default_engine, rules_from_rows
from extractor.records import cytokines as cytokines_module
from tests.context.test_rule_cases import _directions, _dose_outcome

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def _rows() -> list[dict[str, Any]]:
    blocks = re.findall(r"```json\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    return [json.loads(line) for b in blocks for line in b.splitlines() if line.strip()]


ROWS = _rows()
RULES = [r for r in ROWS if "category" in r]
CASES = [r for r in ROWS if "rule" in r]


def test_the_guide_shows_one_dose_row_and_one_direction_row_with_two_cases_each() -> None:
    assert [r["category"] for r in RULES] == ["NOT_ADMINISTERED", "DIRECTION_DOWN"]
    assert sorted(c["rule"] for c in CASES) == sorted([r["id"] for r in RULES] * 2)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_guide_case_holds_with_its_row_and_needs_it(
    case: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    added = ContextEngine([*default_engine().rules, *rules_from_rows(RULES, where="rules.md")])
    if "amount" in case:
        want = "keep" if case["expect"] == "keep" else f"drop:{case['rule']}"
        assert _dose_outcome(case, added) == want
        acts = case["expect"] == "drop"
        assert (_dose_outcome(case) != want) == acts
        return
    monkeypatch.setattr(cytokines_module, "default_engine", lambda: added)
    assert _directions(case["text"]).get(case["cytokine"], "absent") == case["expected"]
    monkeypatch.setattr(cytokines_module, "default_engine", default_engine)
    without = _directions(case["text"]).get(case["cytokine"], "absent")
    assert (without != case["expected"]) == case["applies"]
