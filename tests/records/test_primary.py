"""records.primary's own-work cues as data (models/records/primary_voice.jsonl): each row's
keep case matches and its drop case does not, and an unheaded abstract in the authors' own
voice makes the introduction below it a description of other studies."""

from __future__ import annotations

import re

import pytest

from extractor.records.lexicon import kind, rows
from extractor.records.primary import _own_text_outside, _primary_skipped
from extractor.types import Document, Section

ROWS = rows("primary_voice.jsonl")


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['kind']}-{n}" for n, r in enumerate(ROWS)])
def test_every_row_keeps_its_keep_case_and_drops_its_drop_case(row: dict[str, str]) -> None:
    pattern = re.compile(row["pattern"], re.IGNORECASE)
    assert pattern.search(row["keep"]), row["keep"]
    assert not pattern.search(row["drop"]), row["drop"]
    assert kind("primary_voice", row["kind"]).search(row["keep"])


def _document(abstract: str) -> Document:
    intro = "1. Introduction\nKim et al. infused BM-MSCs intravenously into 30 patients.\n"
    text = abstract + intro
    sec = Section("1. Introduction", len(abstract), len(text))
    return Document("d", "d.txt", text, "text", sections=(sec,))


def test_an_unheaded_abstract_in_the_first_person_is_the_articles_own_text() -> None:
    doc = _document("Here we injected ADSC exosomes into 24 mice with dermatitis.\n\n")
    spans = [(s.start, s.end) for s in doc.sections]
    assert _own_text_outside(doc, spans, len(doc.text))
    assert _primary_skipped(doc, len(doc.text)) == spans


def test_a_third_person_account_above_the_introduction_is_not() -> None:
    doc = _document("Wei et al. injected ADSC exosomes into 24 mice with dermatitis.\n\n")
    spans = [(s.start, s.end) for s in doc.sections]
    assert not _own_text_outside(doc, spans, len(doc.text))
    assert _primary_skipped(doc, len(doc.text)) == []


def test_the_evidence_before_this_study_panel_is_skipped_up_to_the_next_panel_heading() -> None:
    text = (
        "Summary\nMethods Adults received intravenous UC-MSCs.\n\nResearch in context\n"
        "Evidence before this study\nA study of UCB-MSCs given subcutaneously treated 34 adults.\n"
        "Added value of this study\nThis is the first placebo-controlled trial.\n"
    )
    doc = Document("d", "d.txt", text, "text", sections=(Section("Summary", 0, len(text)),))
    (a, b), *rest = _primary_skipped(doc, len(text))
    assert not rest
    assert text[a:b].startswith("Evidence before this study") and "subcutaneously" in text[a:b]
    assert "Added value" not in text[a:b]


def test_a_background_section_ends_at_a_case_report_heading_the_ingester_left_inside_it() -> None:
    text = (
        "BACKGROUND\nADSCs secrete VEGF and promote angiogenesis.\n\n"
        "CASE PRESENTATION\nA 54-year-old woman had three ulcers.\n\n"
        "TREATMENT\nSVF was injected subcutaneously at 2 × 10^6 cells/cm2.\n"
    )
    sec = Section("BACKGROUND", 0, len(text))
    summary = Section("Summary", 0, 0)
    doc = Document("d", "d.txt", text, "text", sections=(summary, sec))
    spans = _primary_skipped(doc, len(text))
    assert [text[a:b].strip() for a, b in spans] == [
        "BACKGROUND\nADSCs secrete VEGF and promote angiogenesis."
    ]
    # drop: the words inside a sentence are no heading, the whole background stays skipped
    prose = "BACKGROUND\nCase presentation varies; treatment is anticoagulation.\n"
    doc2 = Document(
        "d", "d.txt", prose, "text", sections=(summary, Section("BACKGROUND", 0, len(prose)))
    )
    assert _primary_skipped(doc2, len(prose)) == [(0, len(prose))]
