"""extractor.context.rules: the closed row keys, and one ``file:line`` error per bad row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.context import KEYS, default_rules_path, load_rules, rules_from_rows
from extractor.knowledge import KnowledgeError

GOOD = {
    "id": "t.cue",
    "category": "TEST",
    "pattern": r"\bfoo\b",
    "direction": "forward",
    "source": "a test",
}


def _write(tmp_path: Path, *rows: dict) -> Path:
    path = tmp_path / "rules.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_packaged_rules_load_and_each_names_its_source() -> None:
    rules = load_rules(default_rules_path())
    assert len(rules) >= 30
    assert all(r.source.strip() for r in rules)
    assert len({r.id for r in rules}) == len(rules)
    for line in default_rules_path().read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) <= set(KEYS)


def test_a_row_round_trips_through_to_row(tmp_path: Path) -> None:
    row = {**GOOD, "max_scope": 40, "allowed_types": ["AMOUNT"]}
    (rule,) = load_rules(_write(tmp_path, row))
    assert rule.to_row() == row
    assert rule.allows({"AMOUNT", "DOSE"}) and not rule.allows({"COUNT"})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"window": 40}, "unknown key(s) window"),
        ({"source": ""}, "missing source"),
        ({"literal": "foo"}, "exactly one of 'literal' or 'pattern'"),
        ({"pattern": None}, "exactly one of 'literal' or 'pattern'"),
        ({"direction": "sideways"}, "direction must be one of"),
        ({"max_scope": 0}, "max_scope must be a positive number"),
        ({"max_scope": "40"}, "max_scope must be a positive number"),
        ({"allowed_types": "DOSE"}, "allowed_types must be a list"),
        ({"pattern": 5}, "must be a string"),
        ({"pattern": "(unclosed"}, "pattern does not compile"),
    ],
)
def test_a_bad_row_is_one_error_naming_file_and_line(
    tmp_path: Path, change: dict, message: str
) -> None:
    bad = {k: v for k, v in {**GOOD, "id": "t.bad", **change}.items() if v is not None}
    path = _write(tmp_path, GOOD, bad)
    with pytest.raises(KnowledgeError) as err:
        load_rules(path)
    assert f"{path}:2:" in str(err.value)
    assert message in str(err.value)


def test_a_duplicate_id_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, GOOD)
    with pytest.raises(KnowledgeError, match=r":2: duplicate id 't.cue'"):
        load_rules(path)


def test_rows_in_memory_are_checked_like_a_file() -> None:
    with pytest.raises(KnowledgeError, match=r"mine:1: unknown key\(s\) kind"):
        rules_from_rows([{**GOOD, "kind": "x"}], where="mine")
    (rule,) = rules_from_rows([{**GOOD, "pattern": None, "literal": "Foo Bar"}])
    assert rule.regex.search("a foo bar b") and not rule.regex.search("foo barn")
