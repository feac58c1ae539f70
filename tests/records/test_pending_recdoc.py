"""The record stage's structure: the field-reader table, the per-document indexes (what a review
says about each study, paragraphs by offset) against their plain definitions, and where a
record's doses come from (the pipeline's mentions, or the dose parser without a pipeline)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.records import assemble
from extractor.records.content import FIELD_READERS, Mentions
from extractor.records.pieces import GROUP, PARAGRAPH, Piece
from extractor.records.review import Said
from extractor.records.text import Layout, Span, paragraphs
from extractor.types import RECORD_LIST_FIELDS, RECORD_SCALAR_FIELDS, Document, Entity

REVIEW = Path(__file__).resolve().parents[2] / "corpus" / "text"

# --------------------------------------------------------------------------- field readers


def test_the_table_reads_every_content_field_once() -> None:
    identity = {"study_id", "first_author", "year", "ref", "doi"}
    content = [f for f in (*RECORD_SCALAR_FIELDS, *RECORD_LIST_FIELDS) if f not in identity]
    assert sorted(FIELD_READERS) == sorted(content)


def test_a_reader_runs_after_the_fields_it_reads() -> None:
    order = list(FIELD_READERS)
    # the sample size reads the model's species; the design reads both
    assert order.index("model") < order.index("sample_size") < order.index("design")


# --------------------------------------------------------------------------- Said


def _minus_by_definition(pieces: list[Piece], spans: list[Span]) -> list[Piece]:
    """Each character of a piece that no span covers, grouped into runs; runs of more than
    one character kept."""
    out = []
    for p in pieces:
        free = [i for i in range(p.start, p.end) if not any(s.start <= i < s.end for s in spans)]
        runs: list[list[int]] = []
        for i in free:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        out += [Piece(r[0], r[-1] + 1, p.weight, p.origin) for r in runs if len(r) > 1]
    return out


_interval = st.tuples(st.integers(0, 80), st.integers(1, 30))
_owned = st.tuples(st.integers(0, 80), st.integers(1, 30), st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(st.lists(_interval, max_size=4), st.lists(_owned, max_size=12), st.integers(0, 3))
def test_cutting_the_other_studies_out_matches_the_definition(
    pieces: list, cuts: list, study: int
) -> None:
    ps = [Piece(a, a + n, 1.0, PARAGRAPH) for a, n in pieces]
    said = Said([(a, a + n, owner) for a, n, owner in cuts])
    others = [Span(a, a + n) for a, n, owner in cuts if owner != study]
    assert said.minus(ps, study) == _minus_by_definition(ps, others)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_interval, min_size=1, max_size=3), min_size=1, max_size=4),
    st.lists(_owned, max_size=12),
    st.integers(0, 3),
)
def test_the_near_surroundings_are_the_cut_levels_but_the_widest_left(
    levels: list, cuts: list, study: int
) -> None:
    context = [[Piece(a, a + n, 1.0, GROUP) for a, n in level] for level in levels]
    said = Said([(a, a + n, owner) for a, n, owner in cuts])
    others = [Span(a, a + n) for a, n, owner in cuts if owner != study]
    cut = [m for m in (_minus_by_definition(level, others) for level in context) if m]
    assert said.near(context, study) == cut[:-1]


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


# --------------------------------------------------------------------------- doses

PRIMARY = (
    "Adipose-derived stem cells for psoriasis: a case series\n\n"
    "Twelve patients with psoriasis received 1 x 10^6 ADSCs/kg intravenously. "
    "PASI fell from 20.1 to 8.2."
)


def test_without_a_pipeline_the_dose_parser_gives_the_doses() -> None:
    (rec,) = assemble(Document("d", "mem", PRIMARY, "text"), [])
    assert [d.text for d in rec.doses] == ["1 x 10^6"]


def test_the_pipelines_doses_are_never_parsed_again() -> None:
    """A pipeline that found no dose (it drops stimulus concentrations on purpose) is not
    second-guessed, even when it found nothing at all."""
    (rec,) = assemble(Document("d", "mem", PRIMARY, "text"), [], from_pipeline=True)
    assert rec.doses == ()


def test_mentions_gather_therapy_and_score_spans() -> None:
    ents = [
        Entity(0, 4, "CELL", "ADSC", "ADSC"),
        Entity(5, 9, "CYTOKINE", "IL-6", "IL-6"),
        Entity(10, 14, "OUTCOME_SCORE", "PASI", "PASI"),
        Entity(15, 18, "VESICLE", "EVs", "EV"),
    ]
    m = Mentions.of(ents)
    assert [e.text for e in m.therapy] == ["ADSC", "EVs"]
    assert m.scores == (Span(10, 14),)
