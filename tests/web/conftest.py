"""Small SCHEMA §5 inputs for the review app, built here so offsets are computed, not typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.io import write_jsonl
from extractor.web.store import EventStore

TRIAL_TEXT = (
    "Case series: UC-MSCs in psoriasis\n"
    "In the trial by Chen et al. (14), seven patients received 1 × 10^6 cells/kg UC-MSCs i.v.; "
    "PASI fell from 21.6 to 9.0 and serum TNF-α and IL-17A decreased.\n"
    "HaCaT cells treated with ADSC-Exos released less IL-6 than untreated cells.\n"
)
# 𝛂 lies outside the BMP: one Python character but two UTF-16 units in the browser, so any
# offset the page computes after it must be converted back to code points
XSS_TEXT = (
    "<script>alert(1)</script> Exosomes from MSCs (𝛂-tested) lowered IL-4 and TSLP "
    "<img src=x onerror=alert(2)>.\n"
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def ent(text: str, needle: str, label: str, norm: Any, conf: float | None = None, nth: int = 0):
    s, e = span(text, needle, nth)
    d: dict[str, Any] = {"start": s, "end": e, "label": label, "text": needle, "norm": norm}
    if conf is not None:
        d["confidence"] = conf
    return d


def trial_doc() -> dict[str, Any]:
    t = TRIAL_TEXT
    s0, _ = span(t, "In the trial")
    _, e0 = span(t, "decreased.")
    dose = {"text": "1 × 10^6 cells/kg", "low": 1e6, "high": 1e6, "unit": "cells/kg"}
    return {
        "schema": "v1",
        "doc_id": "trial-a",
        "source": "papers/trial-a.txt",
        "text": t,
        "entities": [
            ent(t, "UC-MSCs", "CELL", "UC-MSC", 0.9),
            ent(t, "1 × 10^6 cells/kg", "DOSE", [dose], 0.7),
            ent(t, "UC-MSCs", "CELL", "UC-MSC", 0.9, nth=1),
            ent(t, "PASI", "OUTCOME_SCORE", "PASI", 0.95),
            ent(t, "TNF-α", "CYTOKINE", "TNF-α", 0.3),
            ent(t, "IL-17A", "CYTOKINE", "IL-17A"),
            ent(t, "HaCaT cells", "CELL", "HaCaT", 0.8),
            ent(t, "ADSC-Exos", "VESICLE", "ADMSC-exosome", 0.6),
            ent(t, "IL-6", "CELL", "IL-6", 0.1),  # wrong label: curators fix it
        ],
        "records": [
            {
                "study_id": "chen",
                "first_author": "Chen",
                "year": None,
                "ref": 14,
                "doi": None,
                "disease": "psoriasis",
                "intervention": "cells",
                "model": "human",
                "design": "clinical trial",
                "sample_size": 7,
                "doses": [dose],
                "routes": ["i.v."],
                "outcomes": [{"measure": "PASI", "baseline": 21.6, "final": 9.0}],
                "cytokines": [
                    {"name": "TNF-α", "direction": "down"},
                    {"name": "IL-17A", "direction": "down"},
                ],
                "cells": ["UC-MSC"],
                "evidence": [{"start": s0, "end": e0}],
                "confidence": {"sample_size": 0.4, "design": 0.2},
            }
        ],
        "error": None,
        "meta": {"pipeline_hash": "abc123"},
    }


def xss_doc() -> dict[str, Any]:
    t = XSS_TEXT
    return {
        "schema": "v1",
        "doc_id": "xss-doc",
        "source": "papers/xss.txt",
        "text": t,
        "entities": [
            ent(t, "Exosomes", "VESICLE", "exosome"),
            ent(t, "MSCs", "CELL", "MSC"),
            ent(t, "IL-4", "CYTOKINE", "IL-4"),
        ],
        "records": [],
        "error": None,
        # the title is paper text too: it reaches the document list
        "bibliography": {"title": "<script>alert(1)</script> Exosomes <img src=x>", "authors": []},
    }


def broken_doc() -> dict[str, Any]:
    return {
        "schema": "v1",
        "doc_id": "broken",
        "source": "papers/broken.pdf",
        "text": "",
        "entities": [],
        "records": [],
        "error": "papers/broken.pdf: not a PDF (no %PDF header)",
    }


@pytest.fixture
def docs_path(tmp_path: Path) -> Path:
    p = tmp_path / "documents.jsonl"
    write_jsonl(p, [trial_doc(), xss_doc(), broken_doc()])
    return p


@pytest.fixture
def store(tmp_path: Path, docs_path: Path) -> EventStore:
    s = EventStore(tmp_path / "curation.sqlite")
    s.load_documents(docs_path)
    return s
