"""End-to-end behaviour of the assembled pipeline: load_pipeline -> to_doc -> nlp -> from_doc."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from extractor.mentions import from_doc
from extractor.pipeline import body_end, load_pipeline, to_doc
from extractor.types import Document, Reference, Section

CASES = Path(__file__).resolve().parents[1] / "cases" / "entities.jsonl"
_ROWS = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]


def _mentions(nlp: Language, text: str) -> list[list[str]]:
    return [[e.text, e.label, e.norm] for e in from_doc(nlp(text)) if e.label != "DOSE"]


@pytest.mark.parametrize("case", _ROWS, ids=[r["id"] for r in _ROWS])
def test_notation_cases(nlp: Language, case: dict) -> None:
    assert _mentions(nlp, case["text"]) == case["expected"]


def test_offsets_index_the_document_text(nlp: Language) -> None:
    text = "Weird  spacing:\tIL-6\u00a0and   TNF-α\n\nin hADMSC-derived exosomes."
    doc = nlp(to_doc(nlp, Document("d1", "mem", text, "text")))
    assert doc.text == text
    assert doc._.doc_id == "d1"
    ents = from_doc(doc)
    assert [(e.text, e.norm) for e in ents] == [
        ("IL-6", "IL-6"),
        ("TNF-α", "TNF-α"),
        ("hADMSC-derived exosomes", "ADMSC-exosome"),
    ]
    assert all(text[e.start : e.end] == e.text for e in ents)
    assert all(e.confidence is not None and 0.0 < e.confidence <= 1.0 for e in ents)


def test_entities_sorted_and_flat(nlp: Language) -> None:
    text = "IL-4, IL-13 and TSLP from keratinocytes drive Th2 cells; ADMSC-EVs lower IL-4."
    ents = from_doc(nlp(text))
    assert [e.start for e in ents] == sorted(e.start for e in ents)
    assert all(a.end <= b.start for a, b in itertools.pairwise(ents))


def test_ontology_ids_are_attached(nlp: Language) -> None:
    ents = {e.text: e for e in from_doc(nlp("B lymphocytes and HaCaT cells secrete IL-6."))}
    assert ents["B lymphocytes"].id == "CL:0000236"
    assert ents["HaCaT cells"].id == "CVCL_0038"
    assert ents["IL-6"].id == "IL6"


def test_reference_list_has_no_mentions(nlp: Language) -> None:
    body = "ADMSCs lowered IL-17.\n\n"
    refs = "References\n1. Smith J. ADMSCs and IL-17 in psoriasis. J Derm. 2020.\n"
    text = body + refs
    doc_in = Document(
        "d", "mem", text, "text", sections=(Section("References", len(body), len(text)),)
    )
    assert body_end(doc_in) == len(body)
    ents = from_doc(nlp(to_doc(nlp, doc_in)))
    assert [e.text for e in ents] == ["ADMSCs", "IL-17"]


def test_body_end_falls_back_to_parsed_references() -> None:
    text = "x" * 50 + "\n1. A ref."
    doc = Document("d", "mem", text, "text", references=(Reference(1, "1. A ref.", 51, 60),))
    assert body_end(doc) == 51
    assert body_end(Document("d", "mem", "No references here.", "text")) is None


def test_search_term_lists_are_not_mentions(nlp: Language) -> None:
    text = (
        "Terms were “ADMSCs in psoriasis”, “exosomes in acne”, and “IL-6 in atopic "
        "dermatitis”. ADMSCs were then tested."
    )
    assert _mentions(nlp, text) == [["ADMSCs", "CELL", "ADMSC"]]


def test_glossary_defines_abbreviations(nlp: Language) -> None:
    text = (
        "Tβ-Fb were treated. Abbreviations: AKT, protein kinase B; Tβ-Fb, transforming "
        "growth factor-beta-induced fibroblasts; NK, natural killer cells; TSLP, thymic "
        "stromal lymphopoietin."
    )
    got = _mentions(nlp, text)
    assert ["Tβ-Fb", "CELL", "fibroblast"] in got
    assert ["transforming growth factor-beta-induced fibroblasts", "CELL", "fibroblast"] in got
    assert ["NK", "CELL", "NK cell"] in got


def test_round_trip_to_disk(nlp: Language, tmp_path: Path) -> None:
    text = "hADMSCs (ADSCs) and INF-γ; ADSCs reduced SCORAD."
    nlp.to_disk(tmp_path / "pipe")
    loaded = load_pipeline(tmp_path / "pipe")
    assert _mentions(loaded, text) == _mentions(nlp, text)
    assert loaded.pipe_names == nlp.pipe_names


def test_missing_config_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nothing\.cfg"):
        load_pipeline(tmp_path / "nothing.cfg")


def test_freeze_gc_hides_the_loaded_pipeline_from_the_collector() -> None:
    # In a child process: freezing is process-wide, and this test session must stay as is.
    code = (
        "import gc; from extractor.pipeline import load_pipeline; "
        "n0 = gc.get_freeze_count(); nlp = load_pipeline(freeze_gc=True); "
        "print(n0, gc.get_freeze_count(), len(nlp('ADSCs reduced IL-6.').ents))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after, ents = map(int, out.stdout.split())
    assert before == 0
    assert after > 50_000  # the lexicon index alone is ~100k objects
    assert ents == 2


def test_pipeline_has_dose_recognizer_and_filter_last(nlp: Language) -> None:
    factories = [nlp.get_pipe_meta(n).factory for n in nlp.pipe_names]
    assert "extractor_dose_recognizer" in factories
    assert factories[-1] == "extractor_entity_filter"


@pytest.mark.parametrize("group", ["spacy_factories", "spacy_tokenizers", "spacy_readers"])
def test_entry_points_resolve(group: str) -> None:
    from importlib.metadata import entry_points

    ours = [ep for ep in entry_points(group=group) if ep.value.startswith("extractor.")]
    assert ours, f"no extractor entry points in {group}"
    for ep in ours:
        assert callable(ep.load()), ep.name


_PIECES = [
    "IL-4",
    " ",
    "(",
    ")",
    "-",
    ",",
    " and ",
    "TNF-α",
    "ASCs",
    "hADMSC",
    "-derived ",
    "exosomes",
    "CD4+",
    " T cells",
    "5×106",
    " cells/kg",
    "PASI",
    "References\n",
    "“",
    "”",
    "; ",
    "INF- γ",
    "\n",
    "R",
    "s",
    "α",
    "IGA",
    "LSF",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=25))
def test_pipeline_never_raises_and_offsets_hold(nlp: Language, pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = nlp(to_doc(nlp, Document("h", "mem", text, "text")))
    ents = from_doc(doc)
    assert doc.text == text
    for e in ents:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(ents))
