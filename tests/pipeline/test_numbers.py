"""extractor.normalize.numbers: counts in digits and in words, one parser for sample sizes
and doses (cases: tests/cases/numbers.jsonl, each keep case with drop cases beside it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor.normalize.numbers import (
    count_noun_pattern,
    count_pattern,
    is_person_noun,
    not_a_count,
    parse_number,
)

CASES = Path(__file__).resolve().parents[1] / "cases" / "numbers.jsonl"
_ROWS = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("case", _ROWS, ids=[r["id"] for r in _ROWS])
def test_parse_number(case: dict) -> None:
    assert parse_number(case["text"]) == case["value"]


@pytest.mark.parametrize(
    "text, found",
    [
        ("One hundred and twenty participants were randomised", "One hundred and twenty"),
        ("the trial (n = 3 408) compared", "3 408"),
        ("Four hundred adults", "Four hundred"),
        ("in 2 groups of 10", "2"),  # a plain number stays a plain number
        ("1,500 melanocytes", "1,500"),
    ],
)
def test_count_pattern_takes_the_whole_count(text: str, found: str) -> None:
    m = re.search(count_pattern(), text, re.IGNORECASE)
    assert m is not None and m.group() == found


@pytest.mark.parametrize(
    "noun, person",
    [
        ("outpatients", True),
        ("Adolescents", True),
        ("volunteers", True),
        ("women", True),
        ("cows", False),
        ("calves", False),
        ("mice", False),
        ("horses", False),
    ],
)
def test_count_nouns_of_persons_and_animals(noun: str, person: bool) -> None:
    assert re.fullmatch(count_noun_pattern(), noun, re.IGNORECASE)
    assert is_person_noun(noun) is person


@pytest.mark.parametrize("word", ["cells", "wells", "years", "sites", "centres"])
def test_other_nouns_count_nothing(word: str) -> None:
    assert not re.fullmatch(count_noun_pattern(), word, re.IGNORECASE)


@pytest.mark.parametrize(
    "text, number, drop",
    [
        ("patients with type 2 diabetes", "2", True),
        ("a phase 2 trial", "2", True),
        ("in a 4-hour infusion", "4", True),
        ("a 12-week course", "12", True),
        ("2 patients withdrew", "2", False),
        ("37 cows", "37", False),
    ],
)
def test_not_a_count(text: str, number: str, drop: bool) -> None:
    start = text.index(number)
    assert not_a_count(text, start, start + len(number)) is drop
