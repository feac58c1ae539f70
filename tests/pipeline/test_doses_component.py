"""extractor_dose_recognizer on a blank spaCy pipeline with scispaCy's tokenizer."""

from __future__ import annotations

import warnings

import pytest
import spacy
from spacy.language import Language

import extractor.pipeline.doses  # noqa: F401  (registers the factory)
from extractor.pipeline.extensions import SPANS_KEY


@pytest.fixture(scope="module")
def nlp() -> Language:
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    nlp = spacy.blank("en")
    with warnings.catch_warnings():
        # scispaCy's rule tokenizer compiles a regex that Python flags as a FutureWarning.
        warnings.simplefilter("ignore", FutureWarning)
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    nlp.add_pipe("extractor_dose_recognizer")
    return nlp


def _doses(doc):
    return [s for s in doc.spans[SPANS_KEY] if s.label_ == "DOSE"]


@pytest.mark.parametrize(
    ("text", "span_text", "values", "unit"),
    [
        ("Dose of ADMSCs: 5×106 i.v. |", "5×106", [5e6], None),
        ("We gave 1x10(6) cells s.c.", "1x10(6) cells", [1e6], "cells"),
        ("rats got 5×106ADSCs in the flank", "5×106", [5e6], None),
        ("at 0,5-3.1 million cells/kg i.v.", "0,5-3.1 million cells/kg", [5e5], "cells/kg"),
        (
            "EVs (1.19 × 1010 particles/20 g) s.c.",
            "1.19 × 1010 particles/20 g",
            [1.19e10],
            "particles/20 g",
        ),
        ("mice: 1, 3, and 10 μg/head s.c.", "1, 3, and 10 μg/head", [1, 3, 10], "µg/head"),
        ("a dose of 2.0 × 109 particles/mL.", "2.0 × 109 particles/mL", [2e9], "particles/mL"),
        ("with 1.0E+06 cells/kg.", "1.0E+06 cells/kg", [1e6], "cells/kg"),
        ("with 50µg/mL exosomes", "50µg/mL", [50], "µg/mL"),
    ],
)
def test_component_spans_exact(nlp, text, span_text, values, unit) -> None:
    doc = nlp(text)
    (span,) = _doses(doc)
    start = text.index(span_text)
    assert (span.start_char, span.end_char) == (start, start + len(span_text))
    assert span.text == span_text
    assert [d.low for d in span._.doses] == pytest.approx(values)
    assert {d.unit for d in span._.doses} == {unit}
    assert span._.source == "dose"
    assert span._.norm is None
    assert 0 < span._.confidence <= 1
    assert doc.text == text  # splitting tokens never changes the text
    assert not doc.ents  # the overlap filter sets entities, not this component


def test_component_keeps_other_candidates(nlp) -> None:
    doc = nlp.make_doc("HaCaT cells then 5×106ADSCs were injected")
    doc.spans[SPANS_KEY] = [doc.char_span(0, 11, label="CELL")]
    doc = nlp.get_pipe("extractor_dose_recognizer")(doc)
    labels = sorted((s.label_, s.text) for s in doc.spans[SPANS_KEY])
    assert labels == [("CELL", "HaCaT cells"), ("DOSE", "5×106")]


def test_component_no_dose(nlp) -> None:
    doc = nlp("In 2016, 25 patients (45%) were followed for 12 weeks; p < 0.05.")
    assert _doses(doc) == []


def test_component_on_empty_text(nlp) -> None:
    assert _doses(nlp("")) == []


# ---------------------------------------------------------------- rules the component owns

_NEBULISER = {
    "id": "test.nebuliser",
    "category": "NOT_ADMINISTERED",
    "literal": "nebuliser reservoir",
    "direction": "backward",
    "max_scope": 40,
    "source": "a row written for this test",
}
_TEXT = "Mice received 2 × 10^6 cells/kg; 5 mL nebuliser reservoir was filled."


def _recognizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_dose_recognizer")
    return nlp


def test_a_dropped_amount_names_the_rule_that_dropped_it(nlp) -> None:
    from extractor.pipeline.doses import DROPPED_KEY

    doc = nlp("Cells were stimulated with 10 ng/mL TNF-α; mice got 1 × 10^6 cells/kg.")
    assert [s.text for s in _doses(doc)] == ["1 × 10^6 cells/kg"]
    assert [(s.text, s.label_) for s in doc.spans[DROPPED_KEY]] == [
        ("10 ng/mL", "dose.after.cytokine")
    ]


def test_initialize_sets_the_rules_and_a_bad_row_names_its_line(tmp_path) -> None:
    from extractor.context import default_engine
    from extractor.knowledge import KnowledgeError

    nlp = _recognizer()
    assert [s.text for s in _doses(nlp(_TEXT))] == ["2 × 10^6 cells/kg", "5 mL"]
    rows = [*nlp.get_pipe("extractor_dose_recognizer").rules, _NEBULISER]
    nlp.get_pipe("extractor_dose_recognizer").initialize(rules=rows)
    assert [s.text for s in _doses(nlp(_TEXT))] == ["2 × 10^6 cells/kg"]
    bad = tmp_path / "rules.jsonl"
    bad.write_text('{"id": "x", "kind": "y"}\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"{bad}:1: unknown key"):
        nlp.get_pipe("extractor_dose_recognizer").initialize(rules=bad)
    nlp.get_pipe("extractor_dose_recognizer").initialize()
    assert nlp.get_pipe("extractor_dose_recognizer").engine is default_engine()


def test_a_saved_pipeline_carries_its_rules(tmp_path) -> None:
    nlp = _recognizer()
    pipe = nlp.get_pipe("extractor_dose_recognizer")
    pipe.initialize(rules=[*pipe.rules, _NEBULISER])
    nlp.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "extractor_dose_recognizer" / "rules.jsonl").is_file()
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.get_pipe("extractor_dose_recognizer").rules == pipe.rules
    assert [s.text for s in _doses(loaded(_TEXT))] == ["2 × 10^6 cells/kg"]
