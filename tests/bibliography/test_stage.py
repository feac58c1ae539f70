"""read_bibliography as a document-level stage: sources in order of trust, and a source file
that cannot be read again costs only its own reading."""

from __future__ import annotations

from pathlib import Path

from extractor.bibliography import read_bibliography
from extractor.bibliography.merge import merge
from extractor.types import Bibliography, Document

HEADER = (
    "Okafor TN, Lindqvist E, Haddad R. Umbilical cord MSCs for pemphigus vulgaris. "
    "J Invest Dermatol. 2019;139(4):812-20. doi:10.1016/j.jid.2018.10.021\n\nAbstract\nText.\n"
)


def test_jats_meta_outranks_the_text_header(tmp_path: Path) -> None:
    xml = tmp_path / "a.xml"
    xml.write_text(
        "<article><front><article-meta>"
        '<article-id pub-id-type="doi">10.1016/j.jid.2018.10.021</article-id>'
        '<contrib-group><contrib contrib-type="author"><name><surname>Okafor-Eze</surname>'
        "</name></contrib></contrib-group>"
        '<pub-date pub-type="ppub"><year>2020</year></pub-date>'
        "</article-meta></front></article>",
        encoding="utf-8",
    )
    doc = Document(doc_id="a", source=str(xml), text=HEADER, format="jats")
    bib = read_bibliography(doc)
    assert bib.authors == ("Okafor-Eze",) and bib.year == 2020
    assert bib.journal == "J Invest Dermatol"  # absent from the JATS, filled by the text


def test_missing_or_damaged_source_keeps_the_text_reading(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    for source, fmt in ((str(bad), "pdf"), (str(tmp_path / "gone.xml"), "jats")):
        bib = read_bibliography(Document(doc_id="x", source=source, text=HEADER, format=fmt))
        assert bib.authors[0] == "Okafor" and bib.year == 2019


def test_merge_completes_an_et_al_list_with_the_same_first_author() -> None:
    running = Bibliography(authors=("Nakamura",), year=2018)
    page = Bibliography(authors=("Nakamura", "Rossi"), year=2017, title="T")
    other = Bibliography(authors=("Rossi", "Nakamura", "Kowalczyk"))
    assert merge(running, page) == Bibliography(title="T", authors=("Nakamura", "Rossi"), year=2018)
    assert merge(running, other).authors == ("Nakamura",)
