"""The PDF and JATS renderings give back the text version: floors of issue 2, item 5."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractor.ingest import read_document
from extractor.ingest.faithfulness import compare, sentences, squash
from tests.conftest import CORPUS

STEM = "fimmu-2025-1617157"


@pytest.fixture(scope="module")
def reference():
    return read_document(CORPUS / "text" / f"{STEM}.txt")


@pytest.mark.parametrize(
    ("path", "sentence_floor", "cell_floor"),
    [(f"jats/{STEM}.xml", 0.99, 1.0), (f"pdf/{STEM}.pdf", 0.98, 0.95)],
    ids=["jats", "pdf"],
)
def test_floors(reference, path, sentence_floor, cell_floor):
    got = compare(reference, read_document(CORPUS / path))
    assert got["sentences"] > 400 and got["cells"] > 80
    assert got["sentence_share"] >= sentence_floor, got["missing_sentences"][:5]
    assert got["cell_share"] >= cell_floor, got["missing_cells"][:5]
    assert got["tables_found"] == got["tables"] == 2


def test_measure_can_fail(reference):
    """Damage shows: a dropped sentence, a glued word and a changed cell all count."""
    text = reference.text
    s = "Early research suggests stem cells may be a safe and effective treatment for psoriasis and AD, but it’s not yet an approved treatment as more research is needed."
    assert s in text
    damaged = text.replace(s, "").replace("anti-inflammatory", "antiinflammatory")
    t1 = reference.tables[0]
    bad_row = ("Yao et al. (22)", "2012", *reference.tables[0].rows[5][2:])
    rows = tuple(bad_row if r[0].startswith("Yao") else r for r in t1.rows)
    other = replace(reference, text=damaged, tables=(replace(t1, rows=rows), reference.tables[1]))
    got = compare(reference, other)
    assert got["sentences_found"] < got["sentences"] - 3
    assert got["cells_found"] == got["cells"] - 1
    assert got["missing_cells"][0]["want"] == "2021"


def test_squash_and_sentences():
    assert squash("5×10^6 cells /\n kg") == squash("5×106 cells/kg")
    doc = read_document(CORPUS / "text" / f"{STEM}.txt")
    sents = sentences(doc)
    assert "Abstract" in sents  # headings count: they must survive too
    assert any(x.startswith("De Jesus MM, Santiago JS") for x in sents)
    assert not any(x.startswith("- ") for x in sents)  # list bullets are markup
    assert not any("|" in x for x in sents)  # table rows are cells, not sentences
