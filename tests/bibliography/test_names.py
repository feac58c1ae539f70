"""Author lists as printed (case tables author_lines.jsonl and inverted_lists.jsonl): every
keep row gives its surnames in order, every drop row (titles, journals, affiliations, dates)
is not read as authors."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.bibliography.names import fold, given_first_list, inverted_list, vancouver_list
from tests.bibliography.conftest import load_cases

LINES = load_cases("author_lines.jsonl")
LISTS = load_cases("inverted_lists.jsonl")
READERS = {"vancouver": vancouver_list, "inverted": inverted_list}


@pytest.mark.parametrize("case", LINES, ids=[c["line"][:40] for c in LINES])
def test_author_line(case: dict[str, Any]) -> None:
    got = given_first_list(case["line"])
    if case["surnames"] is None:
        assert got is None, f"read as authors: {got}"
    else:
        assert got is not None
        assert [fold(s) for s in got.surnames] == [fold(s) for s in case["surnames"]]


@pytest.mark.parametrize("case", LISTS, ids=[c["line"][:40] for c in LISTS])
def test_inverted_list(case: dict[str, Any]) -> None:
    got = READERS[case["form"]](case["line"])
    if case["surnames"] is None:
        assert got is None, f"read as authors: {got}"
    else:
        assert got is not None and list(got.surnames) == case["surnames"]


def test_et_al_marks_a_truncated_list() -> None:
    got = vancouver_list("Okafor TN, Lindqvist E, et al")
    assert got is not None and got.truncated and got.surnames == ("Okafor", "Lindqvist")


RUNNING = load_cases("running_lines.jsonl")


@pytest.mark.parametrize("case", RUNNING, ids=[c["line"][:40] for c in RUNNING])
def test_running_line(case: dict[str, Any]) -> None:
    """Running heads give the first author (and year); prose about other papers gives none."""
    from extractor.bibliography.citation import running

    got = running(case["line"])
    if case["first"] is None:
        assert got is None, f"prose read as a running head: {got}"
    else:
        assert got is not None and (got.authors[0], got.year) == (case["first"], case["year"])


def _mark_lines() -> list[str]:
    """Author lines of every case table, lines of the case texts, and fuzzed mark runs."""
    import json
    import random
    from pathlib import Path

    out = [c["line"] for c in LINES + LISTS]
    for path in sorted((Path(__file__).parent / "cases").glob("*.jsonl")):
        for row in (json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()):
            out += str(row.get("text", "")).splitlines()
    rng = random.Random(3)
    bits = ["Ana", " ", "(1)", "(a,b)", "Sato1)", "0000-0002-1111-222X", "orcid ", "ORCID:"]
    bits += ["(", ")", "-", "CostaII", "MartinsI,", "IV", "Wei", "1,2", "x"]
    out += ["".join(rng.choice(bits) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    return out


def test_mark_patterns_skipped_only_where_they_cannot_match() -> None:
    from extractor.bibliography import names

    for line in _mark_lines():
        for repl in (",", ""):
            assert names._drop_paren_marks(line, repl) == names._PAREN_MARK.sub(repl, line)
        if "I" not in line and "V" not in line:
            assert names._ROMAN_MARK.search(line) is None
