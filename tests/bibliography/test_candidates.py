"""The author-line scorer (extractor/bibliography/candidates.py): each feature's keep and
drop cases (tests/bibliography/cases/author_line_features.jsonl) and the choice itself."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest

from extractor.bibliography.candidates import FEATURES, Page, choose, collect, ranking, scored
from extractor.bibliography.header import _front_end, confirming_surnames, head_lines
from extractor.bibliography.title import title_candidate as _title_candidate
from tests.bibliography.conftest import load_cases

CASES = load_cases("author_line_features.jsonl")


def _page(text: str) -> Page:
    lines = head_lines(text)
    return Page(lines, _front_end(lines), confirming_surnames(lines), _title_candidate)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_feature_case(case: dict[str, Any]) -> None:
    page = _page(case["text"])
    found = [c for c in collect(page.lines) if case["line"] in c.text]
    assert found, f"{case['id']}: no candidate holds {case['line']!r}"
    assert FEATURES[case["feature"]](found[0], page) is case["expect"]


def test_every_feature_has_a_weight_and_both_cases() -> None:
    raw = json.loads(
        files("extractor.bibliography")
        .joinpath("data/author_line_features.json")
        .read_text("utf-8")
    )
    assert set(raw["features"]) == set(FEATURES)
    for name in FEATURES:
        kinds = {c["expect"] for c in CASES if c["feature"] == name}
        assert kinds == {True, False}, f"{name} lacks a keep or a drop case"


def test_the_authors_win_over_a_profile_name_above_them() -> None:
    text = (
        "Exosomes for vitiligo: a pilot trial\n\n3 authors, including:\n\nHelena Marquardt\n"
        "Karolinska Institutet\nSEE PROFILE\n\nExosomes for vitiligo: a pilot trial\n\n"
        "Tunde N. Okafor1, Erik Lindqvist2 and Rami Haddad3\n\nAbstract\nWe treated ten.\n"
    )
    best = choose(_page(text))
    assert best is not None and best.surnames == ("Okafor", "Lindqvist", "Haddad")


def test_a_running_head_confirms_one_of_two_name_lines() -> None:
    text = (
        "Haddad et al. Stem Cell Research & Therapy (2019) 10:112\n\n"
        "Exosomes for vitiligo: a pilot trial\n\nLeila Ahmadi\n\nRami Haddad, Erik Lindqvist\n\n"
        "Abstract\nWe treated ten.\n"
    )
    ranked = ranking(_page(text))
    assert ranked[0].surnames[0] == "Haddad" and "confirmed" in ranked[0].features


def test_a_passage_without_a_header_has_no_author_line() -> None:
    text = (
        "Mesenchymal stromal cells in psoriasis\n\nStem cells have been tested in several "
        "inflammatory skin diseases over the last decade, with mixed results.\n"
        "Table 1 lists the studies.\n"
    )
    assert choose(_page(text)) is None


def test_scored_lists_the_features_that_fired() -> None:
    page = _page("Exosomes for vitiligo: a pilot trial\nXiaoli Wang1, Jun Li2\n\nAbstract\nX.\n")
    c = scored(collect(page.lines)[0], page)
    assert {"printed_form", "several_names", "affiliation_marks", "below_title"} <= set(c.features)


def test_an_affiliation_line_never_continues_an_author_line() -> None:
    """Marks end an author line (``Natarajanb,*``); the address below is not its wrap."""
    text = (
        "Exosomes accelerate healing of diabetic foot ulcers\n"
        "Priya Adebayoa, Lars Holmströmb,*\n"
        "a Department of Dermatology, Charité, Berlin, Germany\n\nAbstract\nWe treated ten.\n"
    )
    best = choose(_page(text))
    assert best is not None and best.end == best.start + 1
