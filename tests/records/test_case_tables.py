"""The record case tables themselves (``tests/cases/records/*.jsonl``): every row is run by a
test module, ids are unique and name their table, and a bad row is one ``file:line`` error."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from extractor.knowledge import KnowledgeError

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import CASES, all_cases, read_cases
except ImportError:
    from records_helpers import CASES, all_cases, read_cases  # type: ignore[no-redef]

# rule -> the test module that runs its rows
RUNS = {
    "fields.sample_size": "test_fields",
    "fields.model": "test_fields",
    "fields.disease": "test_fields",
    "fields.intervention": "test_fields",
    "fields.routes": "test_fields",
    "fields.doses": "test_fields",
    "fields.cells": "test_fields",
    "cytokines.cytokines": "test_cytokines",
    "outcomes.outcomes": "test_outcomes",
    "heads.find_disease": "test_heads",
    "heads.is_specific": "test_heads",
    "citations.find_citations": "test_citations",
    "citations.ref_surname": "test_citations",
    "citations.slug": "test_citations",
    "screen.literal_prefixes": "test_screen",
    "segment.studies": "test_segment",
    "records.assemble": "test_assemble",
}


def test_every_row_has_a_runner_and_a_unique_id_named_after_its_table() -> None:
    rows = all_cases()
    assert rows, CASES
    unknown = [(r["at"], r["rule"]) for r in rows if r["rule"] not in RUNS]
    assert not unknown, unknown
    twice = [i for i, n in Counter(r["id"] for r in rows).items() if n > 1]
    assert not twice, twice
    misfiled = [r["at"] for r in rows if r["at"].split(".jsonl")[0] != r["id"].split(".")[0]]
    assert not misfiled, misfiled


def test_every_runner_module_exists() -> None:
    here = Path(__file__).parent
    assert all((here / f"{m}.py").is_file() for m in set(RUNS.values()))


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "x.a.1", "rule": "fields.model", "text": "t", "expect": null}', "missing why"),
        ('{"id": "x.a.1", "rule": "fields.model", "why": "keep: t"}', "missing expect"),
        (
            '{"id": "x.a.1", "rule": "fields.model", "expect": 1, "why": "keep: t", "txt": "t"}',
            "unknown key(s) txt",
        ),
        ('{"id": "x.a.1", "rule": "fields.model", "expect": 1, "why": "t"}', "why must be"),
        ('{"id": "x.a.1", "rule": "r", "expect": 1, "why": "keep: t", "check": "x"}', "check"),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_bad_row_is_one_error_naming_file_and_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    good = json.dumps({"id": "x.a.0", "rule": "fields.model", "expect": 1, "why": "keep: t"})
    path = tmp_path / "x.jsonl"
    path.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        read_cases(path)
    assert str(err.value).startswith(f"{path}:3: ") and problem in str(err.value)
