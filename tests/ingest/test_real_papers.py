"""Floors of issue 13 on real publisher PDFs measured against their JATS twins.

The set is ``../shared/real-papers`` (30 CC BY articles, not part of the repository); the
tests skip with that reason where it is absent. Figures and the command that prints them
are in docs/ingestion.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.ingest import read_document
from extractor.ingest.faithfulness import greek_counts, measure_set

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "real-papers"
pytestmark = pytest.mark.skipif(
    not (REAL / "manifest.jsonl").is_file(),
    reason=f"real-paper set not found at {REAL} (shared/real-papers is not part of the repository)",
)


@pytest.fixture(scope="module")
def result():
    return measure_set(REAL, speed=False)


@pytest.mark.slow
def test_every_file_ingested(result):
    s = result["summary"]
    assert s["failed"] == [] and s["ingested"] == s["files"] == 30


@pytest.mark.slow
def test_sentences_found(result):
    assert result["summary"]["sentence_share_mean"] >= 0.95
    assert min(r["sentence_share"] for r in result["per_file"]) >= 0.85


@pytest.mark.slow
def test_references_parsed(result):
    s = result["summary"]
    assert s["references"] >= 0.9 * s["references_twin"]
    assert s["reference_fields_agree"] >= 0.9 * s["references_twin"]


@pytest.mark.slow
def test_no_greek_or_micro_letter_lost(result):
    assert result["summary"]["greek_lost"] == 0
    assert all(r["greek_lost"] == 0 for r in result["per_file"])


@pytest.mark.slow
def test_table_cells(result):
    """The issue's floor is 0.80; this holds the level reached (0.983, every file with
    tables at 0.90 or more, all 38 tables found)."""
    s = result["summary"]
    assert s["cell_share_mean_with_tables"] >= 0.95
    assert min(r["cell_share"] for r in result["per_file"] if r["cells"]) >= 0.80
    assert s["tables_found"] == s["tables"] == 38


def test_math_italic_letters_of_one_article():
    """PMC4739229 sets α and β of TNF-α, IL-1β in math italic: all are read back."""
    item = next(
        json.loads(ln)
        for ln in (REAL / "manifest.jsonl").read_text("utf-8").splitlines()
        if ln.strip() and json.loads(ln)["id"] == "PMC4739229"
    )
    twin = greek_counts(read_document(REAL / item["xml"]).text)
    pdf = greek_counts(read_document(REAL / item["pdf"]).text)
    assert twin["\u03b1"] == 5 and pdf["\u03b1"] >= 5 and pdf["\u03b2"] >= twin["\u03b2"]
