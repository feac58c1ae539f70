from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.records.fields import _sample_re
from extractor.records.lexicon import cues


def _all(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_sample_size_pattern_is_guarded_and_unchanged_on_counts() -> None:
    rx = _sample_re()
    assert rx.pattern.startswith("(?=[")
    plain = re.compile(rx.pattern[rx.pattern.index("])(?:") + 5 : -1], rx.flags)
    text = (
        "Twenty-nine patients (n = 29) were randomised; 3 male and 2 female patients, "
        "6 mice per group, sample size of 40, N=443 volunteers, one hundred and twenty adults."
    )
    assert _all(rx, text) == _all(plain, text)
    assert [m.group() for m in rx.finditer(text)][:2] == ["Twenty-nine patients", "(n = 29"]


def _unguarded(rx: re.Pattern[str]) -> re.Pattern[str]:
    if not rx.pattern.startswith("(?=["):
        return rx
    return re.compile(rx.pattern[rx.pattern.index("])(?:") + 5 : -1], rx.flags)


@pytest.mark.parametrize("table", ["diseases", "interventions", "models", "designs", "routes"])
def test_guarded_cues_match_as_their_rows_on_a_paper(table: str) -> None:
    text = next(Path(__file__).parents[2].glob("corpus/text/*.txt")).read_text(encoding="utf-8")
    for cue in cues(table):
        assert _all(cue.regex, text) == _all(_unguarded(cue.regex), text), cue.regex.pattern
