"""docs/rules.md and the README's "How to add a rule": the rows they show do what their cases
say, with nothing added but the rows (neither guide can drift from the engine)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from extractor.context import ContextEngine, default_engine, rules_from_rows
from extractor.records import cytokines as cytokines_module
from tests.context.test_rule_cases import _directions, _dose_outcome

REPO = Path(__file__).resolve().parents[2]


def _guide_text(name: str) -> str:
    text = (REPO / name).read_text(encoding="utf-8")
    if name == "README.md":  # its one section on rules
        text = text.split("## How to add a rule", 1)[1].split("\n## ", 1)[0]
    return text


def _rows(name: str) -> list[dict[str, Any]]:
    blocks = re.findall(r"```json\n(.*?)```", _guide_text(name), re.S)
    return [json.loads(line) for b in blocks for line in b.splitlines() if line.strip()]


ROWS = _rows("docs/rules.md")
RULES = [r for r in ROWS if "category" in r]
CASES = [r for r in ROWS if "rule" in r]


@pytest.mark.parametrize("guide", ["docs/rules.md", "README.md"])
def test_the_guide_shows_one_dose_row_and_one_direction_row_with_two_cases_each(
    guide: str,
) -> None:
    rows = _rows(guide)
    rules = [r for r in rows if "category" in r]
    cases = [r for r in rows if "rule" in r]
    assert [r["category"] for r in rules] == ["NOT_ADMINISTERED", "DIRECTION_DOWN"]
    assert sorted(c["rule"] for c in cases) == sorted([r["id"] for r in rules] * 2)
    assert rows == ROWS  # the README shows the rows and cases the guide's tests run


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
