"""Plain-text reader: exact offsets, sections, tables and references of the review text."""

from __future__ import annotations

import pytest

from extractor.ingest import read_document
from tests.conftest import REVIEW_DOC_ID, REVIEW_TEXT


@pytest.fixture(scope="module")
def doc():
    return read_document(REVIEW_TEXT)


def test_text_is_the_file_exactly(doc, review_text):
    assert doc.text == review_text
    assert doc.doc_id == REVIEW_DOC_ID
    assert doc.format == "text"
    assert doc.source == str(REVIEW_TEXT)
    assert len(doc.sha256) == 64


def test_crlf_and_bom_are_kept_as_read(tmp_path):
    raw = "\ufeffAbstract\r\nIL-4 fell.\r\n1. Introduction\r\nTNF\u2011\u03b1 rose.\r\n"
    p = tmp_path / "x.txt"
    p.write_bytes(raw.encode("utf-8"))
    d = read_document(p)
    assert d.text == raw
    i = raw.index("TNF")
    assert d.text[i : i + 5] == "TNF\u2011\u03b1"
    titles = [s.title for s in d.sections]
    assert titles == ["Abstract", "1. Introduction"]
    assert all(not d.text[s.start : s.end].endswith("\r") for s in d.sections)


def test_doc_id_override(tmp_path):
    p = tmp_path / "paper.md"
    p.write_text("Some text about ADSCs.\n", encoding="utf-8")
    assert read_document(p).doc_id == "paper"
    assert read_document(p, doc_id="other").doc_id == "other"


def test_sections_of_review(doc):
    by_title = {s.title: s for s in doc.sections}
    for title, level in [
        ("Abstract", 1),
        ("1. Introduction", 1),
        ("3. Results and discussion", 1),
        ("3.1. Psoriasis", 2),
        ("3.1.2. ADMSC-derived small extracellular vesicles", 3),
        ("3.5. Acne vulgaris", 2),
        ("References", 1),
        ("Funding Statement", 1),
    ]:
        assert by_title[title].level == level
    for s in doc.sections:
        assert doc.text[s.start : s.start + len(s.title)] == s.title
    # nesting: a subsection lies inside its parent; a top-level section ends where the next begins
    parent, child = (
        by_title["3. Results and discussion"],
        by_title["3.1.2. ADMSC-derived small extracellular vesicles"],
    )
    assert parent.start < child.start and child.end <= parent.end
    assert by_title["1. Introduction"].end < by_title["2. Materials and methods"].start
    # captions and figure labels are not headings
    assert not any(s.title.startswith(("Table", "Figure")) for s in doc.sections)


def test_tables_of_review(doc):
    assert [t.label for t in doc.tables] == ["Table 1", "Table 2"]
    t1, t2 = doc.tables
    assert t1.caption.startswith("Summary of the studies on ADMSCs")
    assert t1.header == ("Author", "Year", "Population", "Key observation")
    assert all(len(r) == 4 for t in doc.tables for r in t.rows)
    # group-header rows keep their single filled cell
    assert t1.rows[0] == ("ADMSCs in psoriasis", "", "", "")
    # a row that wraps onto a second line is joined into one row
    seeth = next(r for r in t1.rows if r[0].startswith("Seetharman"))
    assert seeth[2].endswith("5×106 i.v.")
    assert seeth[3].startswith("ADMSCs therapy led to a complete disappearance")
    studies1 = [r[0] for r in t1.rows if r[1]]
    assert len(studies1) == 7 and studies1[-1] == "Mohseni Meybodi et al. (28)"
    studies2 = [r for r in t2.rows if r[1]]
    assert len(studies2) == 12
    assert studies2[2][2].startswith("Canine with AD; Dose of EVs: 7.45 × 108")
    # the span covers label to footnote; every cell is in it
    for t in doc.tables:
        span = doc.text[t.start : t.end]
        assert span.startswith(t.label + ".")
        for row in t.rows:
            for cell in row:
                assert cell in span
    notes = doc.meta["table_notes"]
    assert notes[0]["text"].startswith("PV, psoriasis vulgaris")
    assert doc.text[notes[0]["start"] : notes[0]["end"]] == notes[0]["text"]
    assert t1.end == notes[0]["end"]


def test_references_of_review(doc):
    refs = doc.references
    assert [r.number for r in refs] == list(range(1, 41))
    r12 = refs[11]
    assert r12.authors[0] == "De Jesus MM"
    assert r12.authors[-1] == "Fernandez MO Jr"
    assert r12.year == 2016
    assert r12.doi == "10.3727/096368916X691998"
    assert r12.title.startswith("Autologous adipose-derived mesenchymal stromal cells")
    assert doc.text[r12.start : r12.end].startswith("- 12. De Jesus MM")
    assert refs[24].authors[-1] == "Théry C"  # non-ASCII surname ends the author list
    assert refs[29].doi is None  # ref 30 gives no DOI
    assert sum(r.doi is not None for r in refs) == 39
    assert all(r.pmid is None for r in refs)  # "PMID: [DOI]" carries no number
    assert refs[-1].end <= next(s for s in doc.sections if s.title == "Associated Data").start
