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
