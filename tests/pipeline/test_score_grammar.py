"""Instrument names read by their form (models/patterns/score_grammar.json): where a name
starts after a structured abstract's label, and where it ends when a qualifier runs up to the
name's own abbreviation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline.score_grammar import ScoreGrammar

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def grammar() -> ScoreGrammar:
    path = ROOT / "models" / "patterns" / "score_grammar.json"
    return ScoreGrammar(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # keep: a label before the determiner is no part of the name
        ("Results The Pemphigus Disease Area Index (PDAI) fell", ["Pemphigus Disease Area Index"]),
        ("RESULTS The Modified Rodnan Skin Score fell", ["Modified Rodnan Skin Score"]),
        ("The Clinical Lichen Sclerosus Score fell", ["Clinical Lichen Sclerosus Score"]),
        (
            "Patients In the Psoriasis Area and Severity Index",
            ["Psoriasis Area and Severity Index"],
        ),
        # keep: a qualifier running up to the name's abbreviation belongs to the name
        (
            "The Clinical Scoring System for Vulvar Lichen Sclerosus (CSS) improved",
            ["Clinical Scoring System for Vulvar Lichen Sclerosus"],
        ),
        # drop: a qualifier with no abbreviation after it stays outside
        ("the Dermatology Life Quality Index for Adults was", ["Dermatology Life Quality Index"]),
        # drop: one word before the head is no name
        ("The Clinical Scoring System improved", []),
    ],
)
def test_name_bounds(grammar: ScoreGrammar, text: str, names: list[str]) -> None:
    assert [text[m.start : m.end] for m in grammar.find(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # keep: a domain score on a line among others, and one after a tab
        ("Methods\nThe atopic dermatitis score fell.\nEnd", ["atopic dermatitis score"]),
        ("dermatitis\tseverity scores rose", ["dermatitis\tseverity scores"]),
        # drop: a line break inside the name, and a word glued before it
        ("atopic dermatitis\nscore", []),
        ("neurodermatitis score", []),
        # keep: graded outcomes of photoageing and radiation-injury models
        ("The wrinkle score (0\u20135) fell from 4.1 to 1.6", ["wrinkle score"]),
        ("the skin injury score fell from 3.4 to 1.5", ["skin injury score"]),
        # drop: an injury or a wound with no disorder named is no instrument
        ("the injury score fell", []),
        ("the wound score fell", []),
    ],
)
def test_domain_scores_per_line(grammar: ScoreGrammar, text: str, names: list[str]) -> None:
    """Only lines holding a head are searched; a name never spans two lines."""
    assert [text[m.start : m.end] for m in grammar._domain_scores(text)] == names
