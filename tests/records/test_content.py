"""The content-field table (``records.content``): one reader per content field of SCHEMA §4,
run in an order that lets each read the fields it depends on, and the mentions every study of
a document reads alike."""

from __future__ import annotations

from extractor.records.content import FIELD_READERS, Mentions
from extractor.records.text import Span
from extractor.types import RECORD_LIST_FIELDS, RECORD_SCALAR_FIELDS, Entity


def test_the_table_reads_every_content_field_once() -> None:
    identity = {"study_id", "first_author", "year", "ref", "doi"}
    content = [f for f in (*RECORD_SCALAR_FIELDS, *RECORD_LIST_FIELDS) if f not in identity]
    assert sorted(FIELD_READERS) == sorted(content)


def test_a_reader_runs_after_the_fields_it_reads() -> None:
    order = list(FIELD_READERS)
    # the sample size reads the model's species; the design reads both
    assert order.index("model") < order.index("sample_size") < order.index("design")


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
