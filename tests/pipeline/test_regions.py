"""extractor.pipeline.regions: the glossary's anchors are the regex's, found by str.find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.ingest import read_document
from extractor.pipeline.regions import _anchor_ends, glossary_pairs

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text",
    [
        "",
        ";",
        "a:: b;;\n\n: ",
        "NK, natural killer cells; PGE2, prostaglandin E2;\nIL, interleukin.",
        read_document(ROOT / "corpus/text/fimmu-2025-1617157.txt").text,
    ],
)
def test_anchor_ends_are_the_alternations_matches(text: str) -> None:
    assert _anchor_ends(text) == [m.end() for m in re.finditer(r";|\n|: ", text)]


def test_a_glossary_of_three_entries_defines_each_short_form() -> None:
    text = "Abbreviations: NK, natural killer cells; PGE2, prostaglandin E2; IL, interleukin."
    got = [(text[a:b], text[c:d]) for a, b, c, d in glossary_pairs(text)]
    assert got == [
        ("NK", "natural killer cells"),
        ("PGE2", "prostaglandin E2"),
        ("IL", "interleukin"),
    ]
