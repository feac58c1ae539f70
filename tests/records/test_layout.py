"""Reference-list headings found at line starts only (extractor.records.layout): the same
matches as the multi-line pattern's own scan of every character."""

from __future__ import annotations

import re

import pytest

from extractor.records.layout import reference_headings
from extractor.records.lexicon import kind

TEXTS = [
    "Results\nIL-6 fell.\n\nReferences\n1. Kim J. Title. 2019.",  # keep: a heading line
    "x\n\n\n  References  \n\n1. a",  # keep: blank lines and spaces around it
    "Similar articles\nCited by\n",  # keep: two in a row
    "See the references below.\nNo list here",  # drop: the word inside a sentence
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_reference_headings_match_full_scan(text: str) -> None:
    pattern = re.compile(kind("sections", "references").pattern, re.IGNORECASE | re.MULTILINE)
    for lo in range(len(text) + 1):
        for hi in (lo, (lo + len(text)) // 2, len(text)):
            want = [m.span() for m in pattern.finditer(text, lo, hi)]
            assert [m.span() for m in reference_headings(text, lo, hi)] == want


def test_reference_heading_found_mid_text() -> None:
    text = TEXTS[0]
    assert [m.start() for m in reference_headings(text, 0, len(text))] == [
        text.index("\n\nRef") + 1
    ]
    assert list(reference_headings(TEXTS[3], 0, len(TEXTS[3]))) == []
