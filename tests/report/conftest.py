"""A small batch written by hand: three papers, one that failed, one line that is not JSON.

Texts are short and every value is placed where a test can check it: evidence spans are
computed from the sentences, entities from their words, so offsets are real offsets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

TRIAL = (
    "Smith et al. (3) treated 12 patients with psoriasis using ADMSCs. "
    "Patients received 1×10^6 cells/kg intravenously. "
    "PASI fell from 20.5 to 7.0 at week 12. "
    "Serum TNF-α decreased while IL-10 increased.\n"
    "Table 1 | Smith et al. (3) | 2020 | 12 patients; 1×10^6 cells/kg i.v. |\n"
    "3. Smith A, Jones B. ADMSCs for psoriasis: a trial. J Derm. (2020) doi: 10.1000/xyz.1\n"
)
MICE = (
    "Lee et al. (2019) gave mice with atopic dermatitis ADMSC-derived exosomes at 10 µg/head "
    "and 1×10^9 particles/head subcutaneously. "
    "The CADESI-03 score went from 40 to 12 and IL-4 fell. "
    "Park and colleagues (2021) exposed HaCaT cells to 50 µg/mL of exosomes in vitro. "
    "IL-6 expression was unchanged.\n"
)


def _span(text: str, needle: str, nth: int = 0) -> dict[str, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle)}


def _entity(text: str, needle: str, label: str, norm: Any, nth: int = 0) -> dict[str, Any]:
    return {**_span(text, needle, nth), "label": label, "text": needle, "norm": norm}


def _record(**fields: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "first_author": "", "year": None, "ref": None, "doi": None, "disease": None,
        "intervention": None, "model": None, "design": None, "sample_size": None, "doses": [],
        "routes": [], "outcomes": [], "cytokines": [], "cells": [], "evidence": [],
    }  # fmt: skip
    rec.update(fields)
    return rec


def _line(doc_id: str, source: str, text: str, records, entities=(), **extra) -> dict[str, Any]:
    return {
        "schema": "v1", "doc_id": doc_id, "source": source, "text": text,
        "entities": list(entities), "records": list(records), "error": None,
        "bibliography": extra.pop("bibliography", {"title": None, "authors": [], "year": None,
                                                   "journal": None, "doi": None, "pmid": None}),
        **extra,
    }  # fmt: skip


def trial_line() -> dict[str, Any]:
    t = TRIAL
    dose = {"text": "1×10^6 cells/kg", "low": 1e6, "high": 1e6, "unit": "cells/kg"}
    rec = _record(
        study_id="smith-2020", first_author="Smith", year=2020, ref=3, doi="10.1000/xyz.1",
        disease="psoriasis", intervention="cells", model="human", design="clinical trial",
        sample_size=12, doses=[dose], routes=["i.v."],
        outcomes=[{"measure": "PASI", "baseline": 20.5, "final": 7.0}],
        cytokines=[{"name": "TNF-α", "direction": "down"}, {"name": "IL-10", "direction": "up"}],
        cells=["ADMSC"],
        evidence=[_span(t, "Smith et al. (3) treated"), _span(t, "1×10^6 cells/kg intra"),
                  _span(t, "PASI fell"), _span(t, "TNF-α"), _span(t, "2020 |"),
                  _span(t, "doi: 10.1000/xyz.1")],
        conflicts=[{"field": "sample_size", "values": [12, 11]}],
        confidence={"design": 0.3, "disease": 0.9},
    )  # fmt: skip
    ents = [
        _entity(t, "ADMSCs", "CELL", "ADMSC"),
        _entity(t, "1×10^6 cells/kg", "DOSE", [dose]),
        _entity(t, "PASI", "OUTCOME_SCORE", "PASI"),
        _entity(t, "TNF-α", "CYTOKINE", "TNF-α"),
        _entity(t, "IL-10", "CYTOKINE", "IL-10"),
    ]
    bib = {"title": "ADMSCs for psoriasis: a trial", "authors": ["Smith", "Jones"], "year": 2020,
           "journal": "J Derm", "doi": "10.1000/xyz.1", "pmid": None}  # fmt: skip
    return _line("trial", "papers/trial.txt", t, [rec], ents, bibliography=bib,
                 meta={"format": "text"})  # fmt: skip


def mice_line() -> dict[str, Any]:
    t = MICE
    lee = _record(
        study_id="lee-2019", first_author="Lee", year=2019, disease="atopic dermatitis",
        intervention="vesicles", model="mouse", design="animal study",
        doses=[{"text": "10 µg/head", "low": 10.0, "high": 10.0, "unit": "µg/head"},
               {"text": "1×10^9 particles/head", "low": 1e9, "high": 1e9,
                "unit": "particles/head"}],
        routes=["s.c."], outcomes=[{"measure": "CADESI-03", "baseline": 40.0, "final": 12.0}],
        cytokines=[{"name": "IL-4", "direction": "down"}], cells=["ADMSC"],
        evidence=[_span(t, "Lee et al. (2019) gave"), _span(t, "CADESI-03 score")],
    )  # fmt: skip
    park = _record(
        study_id="park-2021", first_author="Park", year=2021, disease="atopic dermatitis",
        intervention="vesicles", model="cell culture", design="in vitro",
        doses=[{"text": "50 µg/mL", "low": 50.0, "high": 50.0, "unit": "µg/mL"}],
        cytokines=[{"name": "IL-6", "direction": None}], cells=["HaCaT"],
        evidence=[_span(t, "Park and colleagues"), _span(t, "IL-6 expression")],
    )  # fmt: skip
    ents = [_entity(t, "IL-4", "CYTOKINE", "IL-4"), _entity(t, "IL-6", "CYTOKINE", "IL-6")]
    return _line("mice", "papers/mice.xml", t, [lee, park], ents, meta={"format": "jats"})


def failed_line() -> dict[str, Any]:
    line = _line("broken", "papers/broken.pdf", "", [], error="papers/broken.pdf: not a PDF file")
    line["meta"] = {"format": "pdf"}
    return line


def write_batch(folder: Path, lines: list[dict[str, Any]], bad_line: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "documents.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        if bad_line:
            fh.write('{"doc_id": "cut-off", "text": \n')
    return path


@pytest.fixture
def small_batch(tmp_path: Path) -> Path:
    """A batch output folder: trial (1 study), mice (2 studies), broken (failed), a bad line."""
    folder = tmp_path / "batch"
    write_batch(folder, [trial_line(), mice_line(), failed_line()])
    return folder
