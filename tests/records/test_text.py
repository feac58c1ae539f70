"""Paragraphs and sentences as offsets."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.records.text import Layout, paragraphs, parse_count, sentences

REVIEW = Path(__file__).resolve().parents[2] / "corpus" / "text"


def test_unwrapped_text_is_one_paragraph_a_line() -> None:
    text = "First paragraph. Two sentences.\nSecond one.\n\nThird."
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "First paragraph. Two sentences.",
        "Second one.",
        "Third.",
    ]


def test_hard_wrapped_text_joins_lines_until_a_short_sentence_end() -> None:
    body = (
        "Kim et al. (3) injected adipose-derived stem cells into the skin of\n"
        "twelve patients with psoriasis and observed that the lesions had\n"
        "improved after eight weeks of follow-up in most of the treated ones.\n"
        "The effect lasted.\n"
    )
    other = (
        "Lee et al. (5) used exosomes in mice with dermatitis and reported a\n"
        "clear reduction of the lesions over the following three weeks.\n"
        "Results\n"
    )
    text = body * 2 + other * 2
    paras = [text[p.start : p.end] for p in paragraphs(text)]
    assert paras[0] == body.strip()
    assert paras[2].startswith("Lee et al. (5)") and paras[3] == "Results"
    assert len(paras) == 6


def test_sentences_do_not_break_after_et_al_or_routes() -> None:
    text = "De Jesus et al. (12) gave cells i.v. to two patients. The PASI fell. E.g. this."
    got = [text[s.start : s.end] for s in sentences(text, 0, len(text))]
    assert got[0] == "De Jesus et al. (12) gave cells i.v. to two patients."
    assert got[1] == "The PASI fell."


def test_counts() -> None:
    assert [parse_count(x) for x in ("7", "seven", "Twenty-five", "many")] == [7, 7, 25, None]


def test_clause_bounds_skip_abbreviation_periods_and_bracketed_semicolons() -> None:
    from extractor.records.pieces import sentence_bounds

    text = "Mice got an i.p. dose (STZ; 50 mg/kg) here; then cells. Next."
    s, e = sentence_bounds(text, text.index("dose"), 0, len(text))
    assert text[s:e] == "Mice got an i.p. dose (STZ; 50 mg/kg) here"
    s, e = sentence_bounds(text, text.index("cells"), 0, len(text))
    assert text[s:e].strip() == "then cells"


def test_a_hanging_indent_continues_the_line_above() -> None:
    from extractor.records.text import paragraphs

    text = "AB  - METHODS: Thirty-two\n      patients applied the gel.\nFAU - Rahimi, Leila\n"
    paras = [text[p.start : p.end] for p in paragraphs(text)]
    assert paras[0].endswith("patients applied the gel.") and paras[1] == "FAU - Rahimi, Leila"


# --------------------------------------------------------------------------- Layout


def _review_text() -> str:
    files = sorted(REVIEW.glob("*.txt"))
    if not files:
        pytest.skip(f"no review text under {REVIEW}")
    return files[0].read_text(encoding="utf-8")


def test_the_paragraph_at_an_offset_is_the_one_holding_it() -> None:
    text = _review_text()
    layout = Layout(text)
    paras = paragraphs(text)
    for pos in range(0, len(text), 97):
        expected = next((p for p in paras if p.start <= pos < p.end), None)
        assert layout.paragraph_at(pos) == expected


_LINES = st.lists(
    st.sampled_from(["", "  ", "Short.", "a heading", "  hanging on", "x" * 70 + ".", "y" * 60]),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_paragraphs_are_sorted_and_disjoint(lines: list[str]) -> None:
    """What the bisection in ``Layout.paragraph_at`` relies on, hard-wrapped or not."""
    text = "\n".join(lines)
    paras = paragraphs(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(paras))
    layout = Layout(text)
    for pos in range(len(text)):
        assert layout.paragraph_at(pos) == next((p for p in paras if p.start <= pos < p.end), None)


def test_document_caches_empty_so_a_repeated_text_is_met_as_new() -> None:
    """``extractor bench`` repeats one text: ``clear_document_caches`` empties every cache keyed
    on a document's text, so no pass reuses the sentences of the pass before."""
    from extractor.records import text as T

    doc = "Cells were infused. PASI fell from 20 to 8."
    assert T.sentences(doc, 0, len(doc)) == T.sentences(doc, 0, len(doc))
    assert T._sentences.cache_info().currsize > 0
    T.clear_document_caches()
    assert all(c.cache_info().currsize == 0 for c in T._PER_DOCUMENT)
    assert len(T._PER_DOCUMENT) >= 5  # paragraphs, sentences, marker sentences, gates, diseases
