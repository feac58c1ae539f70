"""Record cues (``extractor.records.lexicon``): every sourced row of the knowledge tables the
records read keeps its own case and drops the other, and a guarded cue (a first-character
lookahead in front, ``normalize.first_chars.guarded``) matches on a real paper exactly as its
row's pattern does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.records.lexicon import cues, kind, rows


def _all(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _unguarded(rx: re.Pattern[str]) -> re.Pattern[str]:
    if not rx.pattern.startswith("(?=["):
        return rx
    return re.compile(rx.pattern[rx.pattern.index("])(?:") + 5 : -1], rx.flags)


@pytest.mark.parametrize("table", ["diseases", "interventions", "models", "designs", "routes"])
def test_guarded_cues_match_as_their_rows_on_a_paper(table: str) -> None:
    text = next(Path(__file__).parents[2].glob("corpus/text/*.txt")).read_text(encoding="utf-8")
    for cue in cues(table):
        assert _all(cue.regex, text) == _all(_unguarded(cue.regex), text), cue.regex.pattern


@pytest.mark.parametrize("row", rows("model_context.jsonl"), ids=lambda r: r["kind"])
def test_model_context_rows_keep_and_drop(row: dict[str, str]) -> None:
    """Each context that takes a model cue out of the vote (a negation, a cell donor, a
    cultured product) matches its keep case and not its drop case."""
    pat = kind("model_context", row["kind"])
    assert row["source"]
    assert pat.search(row["keep"])
    assert not pat.search(row["drop"])


@pytest.mark.parametrize("row", rows("administration.jsonl"), ids=lambda r: r["kind"])
def test_administration_rows_keep_and_drop(row: dict[str, str]) -> None:
    pat = kind("administration", row["kind"])
    assert row["source"]
    assert pat.search(row["keep"])
    assert not pat.search(row["drop"])


@pytest.mark.parametrize("which", ["background_label", "past_report"])
def test_background_rows_keep_and_drop(which: str) -> None:
    pat = kind("sections", which)
    for row in (r for r in rows("sections.jsonl") if r.get("kind") == which):
        assert row["source"]
        assert pat.search(row["keep"])
        assert not pat.search(row["drop"])


def _mention_rows(not_study: bool) -> list[dict[str, str]]:
    return [r for r in rows("study_mentions.jsonl") if (r["kind"] == "not_study") is not_study]


@pytest.mark.parametrize(
    "row", _mention_rows(False), ids=lambda r: f"{r['kind']}-{r.get('clue', r.get('role'))}"
)
def test_study_mention_rows_keep_and_drop(row: dict[str, str]) -> None:
    """Each clue of a study mention (author part, year, reference marker, counted studies,
    study heading, study column header) matches its keep case and not its drop case."""
    from extractor.records.study_mentions import clues

    (clue,) = [c for c in clues(row["kind"]) if c.name == row.get("clue", row["kind"])]
    assert row["source"]
    assert clue.regex.search(row["keep"]), row["keep"]
    assert not clue.regex.search(row["drop"]), row["drop"]


@pytest.mark.parametrize("row", _mention_rows(True), ids=lambda r: r["clue"])
def test_not_study_rows_keep_a_study_and_drop_the_cited_work(row: dict[str, str]) -> None:
    """A review, guideline, comparison, authority or pointer named before a citation makes it
    no study (drop); the keep sentence's citation stays a study."""
    from extractor.records.citations import find_citations
    from extractor.records.study_mentions import names_other_work
    from extractor.records.text import Span

    def dropped(sentence: str) -> bool:
        cit = find_citations(sentence)[0]
        return names_other_work(sentence, cit, Span(0, len(sentence)))

    assert row["source"]
    assert not dropped(row["keep"]) and dropped(row["drop"])
