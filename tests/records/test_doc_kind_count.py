"""The primary-report cues of ``doc_kind`` counted row by row: exactly what ``findall`` of the
whole alternation counts (its earliest match first; on a tie, the row listed first)."""

from __future__ import annotations

import pytest

from extractor.records.doc_kind import _count
from extractor.records.lexicon import kind

TEXTS = [
    "We enrolled 10 patients. Methods:\nResults\n  Case report\nHere, we found",
    "our results\nResults:\nIn this study we treated mice",  # a cue inside a heading line
    "Studies reviewed here report on patients; nothing first-person.",  # drop: no cue
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_count_is_findall_of_the_alternation(text: str) -> None:
    assert _count("primary", text) == len(kind("document_kind", "primary").findall(text))


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("limit", [1, 2, 5])
def test_count_stops_at_its_limit(text: str, limit: int) -> None:
    """A test of the count reads only as far as it needs: the count up to ``limit``."""
    full = len(kind("document_kind", "primary").findall(text))
    assert _count("primary", text, limit) == min(limit, full)
