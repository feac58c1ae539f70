"""Every context rule row with a case where it acts and one where it does not.

``tests/cases/context/dose_filters.jsonl``: an amount a dose-filter row drops (``expect:
drop``, and the row named is the one that dropped it) and a near miss it keeps.
``tests/cases/context/cytokine_directions.jsonl``: a cytokine whose direction (or absence, as a
stimulus or an insult's effect) a row decides (``applies: true``) and a near miss.
``tests/cases/context/record_cells.jsonl``: a record's cells where a row restates a generic
population as the cells its clause names (``applies: true``) and a near miss.
``tests/cases/context/sample_counts.jsonl``: a sample count a row keeps although "each"
follows its noun (``applies: true``) and a near miss.
``tests/cases/context/record_outcomes.jsonl``: a score whose values a row withholds from the
record (a control arm's course, ``applies: true``) and a near miss. Each acting
case also runs with its row's cue switched off: the outcome must change, so every row is
shown to do the work its case credits it with.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from extractor.context import ContextEngine, default_engine
from extractor.normalize.dose import scan_doses
from extractor.records import cytokines as cytokines_module
from extractor.records import fields as fields_module
from extractor.records import outcomes as outcomes_module
from extractor.records.pieces import PARAGRAPH, Piece
from extractor.types import Entity

CASES = Path(__file__).resolve().parents[1] / "cases" / "context"
DOSE_CASES = [json.loads(x) for x in (CASES / "dose_filters.jsonl").read_text("utf-8").splitlines()]
CYTOKINE_CASES = [
    json.loads(x) for x in (CASES / "cytokine_directions.jsonl").read_text("utf-8").splitlines()
]
DOSE_CATEGORIES = frozenset(
    {
        "NOT_ADMINISTERED",
        "AGENT_AFTER",
        "STIMULUS_BEFORE",
        "YIELD",
        "VEHICLE",
        "BLOOD_COUNT",
        "COUNTING_AREA",
        "MEASUREMENT",
        "SOURCE_MATERIAL",
        "CULTURE_DENSITY",
    }
)
CELL_CASES = [json.loads(x) for x in (CASES / "record_cells.jsonl").read_text("utf-8").splitlines()]
CELL_CATEGORIES = frozenset({"NARROWED_TO", "DENOMINATOR_OF", "CONSTITUENT_OF", "PRIOR_WORK"})
OUTCOME_CASES = [
    json.loads(x) for x in (CASES / "record_outcomes.jsonl").read_text("utf-8").splitlines()
]
OUTCOME_CATEGORIES = frozenset({"CONTROL_ARM"})
SAMPLE_CASES = [
    json.loads(x) for x in (CASES / "sample_counts.jsonl").read_text("utf-8").splitlines()
]
SAMPLE_CATEGORIES = frozenset({"DISTRIBUTIVE"})
CYTOKINE_NAMES = ("IL-6", "IL-10", "IL-12", "IL-17", "IL-23", "IL-1β", "TNF-α", "TGF-β")


def _without(rule_id: str) -> ContextEngine:
    """The packaged rules with one row's cue switched off (a pattern that never matches)."""
    never = re.compile(r"(?!x)x")
    rules = [
        dataclasses.replace(r, regex=never, pattern=never.pattern) if r.id == rule_id else r
        for r in default_engine().rules
    ]
    return ContextEngine(rules)


def _dose_outcome(case: dict[str, Any], engine: ContextEngine | None = None) -> str:
    kept, dropped = scan_doses(case["text"], engine)
    if any(m.text == case["amount"] for m in kept):
        return "keep"
    rules = [d.rule for d in dropped if d.text == case["amount"]]
    return f"drop:{rules[0]}" if rules else "absent"


@pytest.mark.parametrize("case", DOSE_CASES, ids=[c["id"] for c in DOSE_CASES])
def test_dose_filter_case(case: dict[str, Any]) -> None:
    want = "keep" if case["expect"] == "keep" else f"drop:{case['rule']}"
    assert _dose_outcome(case) == want, case["text"]
    if case["expect"] == "drop":
        assert _dose_outcome(case, _without(case["rule"])) != want


def _directions(text: str) -> dict[str, str | None]:
    ents = sorted(
        (
            Entity(m.start(), m.end(), "CYTOKINE", n, n)
            for n in CYTOKINE_NAMES
            for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?!\w)", text)
        ),
        key=lambda e: e.start,
    )
    found, _, _ = cytokines_module.cytokines(text, ents, [Piece(0, len(text), 1.0, PARAGRAPH)], [])
    return {c.name: c.direction for c in found}


@pytest.mark.parametrize("case", CYTOKINE_CASES, ids=[c["id"] for c in CYTOKINE_CASES])
def test_cytokine_direction_case(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    assert _directions(case["text"]).get(case["cytokine"], "absent") == case["expected"]
    if case["applies"]:
        engine = _without(case["rule"])
        monkeypatch.setattr(cytokines_module, "default_engine", lambda: engine)
        assert _directions(case["text"]).get(case["cytokine"], "absent") != case["expected"]


def _case_entities(case: dict[str, Any], label: str) -> list[Entity]:
    """The case's (mention, norm) pairs as entities of ``label`` wherever they stand whole."""
    text = case["text"]
    return sorted(
        (
            Entity(m.start(), m.end(), label, mention, norm)
            for mention, norm in case["mentions"]
            for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text)
        ),
        key=lambda e: e.start,
    )


def _assert_rule_decides(
    case: dict[str, Any],
    read: Callable[[dict[str, Any]], Any],
    module: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``read`` gives the case's expected value, and, where the case's rule applies, another
    one once that rule is switched off in ``module``'s engine."""
    assert read(case) == case["expected"]
    if case["applies"]:
        engine = _without(case["rule"])
        monkeypatch.setattr(module, "default_engine", lambda: engine)
        assert read(case) != case["expected"]


def _assert_rows_covered(categories: frozenset[str], cases: list[dict[str, Any]]) -> None:
    """Every row of ``categories`` has a case where it applies and one where it does not."""
    rows = [r.id for r in default_engine().rules if r.category in categories]
    covered = _covered(cases, "applies")
    assert rows and {r: covered.get(r, set()) for r in rows} == {r: {True, False} for r in rows}


def _cells(case: dict[str, Any]) -> list[str]:
    text = case["text"]
    ents = _case_entities(case, "CELL")
    found, _ = fields_module.cells(text, ents, [Piece(0, len(text), 1.0, PARAGRAPH)])
    return list(found)


@pytest.mark.parametrize("case", CELL_CASES, ids=[c["id"] for c in CELL_CASES])
def test_record_cells_case(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_rule_decides(case, _cells, fields_module, monkeypatch)


def test_every_cell_row_has_a_case_where_it_applies_and_one_where_not() -> None:
    _assert_rows_covered(CELL_CATEGORIES, CELL_CASES)


def _outcomes(case: dict[str, Any]) -> list[list[Any]]:
    text = case["text"]
    ents = _case_entities(case, "OUTCOME_SCORE")
    found, _, _ = outcomes_module.outcomes(text, ents, [Piece(0, len(text), 1.0, PARAGRAPH)])
    return [[o.measure, o.baseline, o.final] for o in found]


@pytest.mark.parametrize("case", OUTCOME_CASES, ids=[c["id"] for c in OUTCOME_CASES])
def test_record_outcomes_case(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_rule_decides(case, _outcomes, outcomes_module, monkeypatch)


def test_every_outcome_row_has_a_case_where_it_applies_and_one_where_not() -> None:
    _assert_rows_covered(OUTCOME_CATEGORIES, OUTCOME_CASES)


def _covered(cases: list[dict[str, Any]], key: str) -> dict[str, set[Any]]:
    out: dict[str, set[Any]] = {}
    for c in cases:
        out.setdefault(c["rule"], set()).add(c[key])
    return out


def test_every_dose_filter_row_has_a_drop_and_a_keep_case() -> None:
    rows = [r.id for r in default_engine().rules if r.category in DOSE_CATEGORIES]
    covered = _covered(DOSE_CASES, "expect")
    assert {r: covered.get(r, set()) for r in rows} == {r: {"drop", "keep"} for r in rows}


def test_every_other_row_has_a_case_where_it_applies_and_one_where_not() -> None:
    rows = [
        r.id
        for r in default_engine().rules
        if r.category
        not in DOSE_CATEGORIES | CELL_CATEGORIES | OUTCOME_CATEGORIES | SAMPLE_CATEGORIES
    ]
    covered = _covered(CYTOKINE_CASES, "applies")
    assert {r: covered.get(r, set()) for r in rows} == {r: {True, False} for r in rows}


def _sample(case: dict[str, Any]) -> int | None:
    text = case["text"]
    found = fields_module.sample_size(text, [Piece(0, len(text), 1.0, PARAGRAPH)], case["model"])
    return found.value  # type: ignore[return-value]


@pytest.mark.parametrize("case", SAMPLE_CASES, ids=[c["id"] for c in SAMPLE_CASES])
def test_sample_count_case(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_rule_decides(case, _sample, fields_module, monkeypatch)


def test_every_sample_row_has_a_case_where_it_applies_and_one_where_not() -> None:
    _assert_rows_covered(SAMPLE_CATEGORIES, SAMPLE_CASES)
