"""JATS reader on the generated rendering and on a PMC-style article written here."""

from __future__ import annotations

import pytest

from extractor.errors import IngestError
from extractor.ingest import read_document
from tests.conftest import CORPUS, REVIEW_DOC_ID

REVIEW_XML = CORPUS / "jats" / "fimmu-2025-1617157.xml"


@pytest.fixture(scope="module")
def jats_doc():
    return read_document(REVIEW_XML)


@pytest.fixture(scope="module")
def text_doc():
    return read_document(CORPUS / "text" / "fimmu-2025-1617157.txt")


def test_review_structure(jats_doc, text_doc):
    assert jats_doc.doc_id == REVIEW_DOC_ID and jats_doc.format == "jats"
    assert jats_doc.text.startswith("Adipose-derived mesenchymal stem cells and their derivatives")
    assert [s.title for s in jats_doc.sections] == [s.title for s in text_doc.sections]
    assert [s.level for s in jats_doc.sections] == [s.level for s in text_doc.sections]
    for s in jats_doc.sections:
        assert jats_doc.text[s.start : s.start + len(s.title)] == s.title
    for jt, tt in zip(jats_doc.tables, text_doc.tables, strict=True):
        assert jt.header == tt.header and len(jt.rows) == len(tt.rows)
        assert jats_doc.text[jt.start : jt.end].startswith(jt.label + ".")
    refs = jats_doc.references
    assert [r.number for r in refs] == list(range(1, 41))
    assert [r.doi for r in refs] == [r.doi for r in text_doc.references]
    assert refs[11].authors[0] == "De Jesus MM" and refs[11].year == 2016
    assert jats_doc.text[refs[11].start : refs[11].end].startswith("12. De Jesus MM")


def test_exponents_from_sup(jats_doc):
    assert "5×10^6 i.v." in jats_doc.text
    assert "9.78×10^10 particles/ml" in jats_doc.text


PMC_STYLE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN" "http://jats.nlm.nih.gov/publishing/1.2/JATS-journalpublishing1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
 <front><article-meta>
  <title-group><article-title>UC-MSCs in <italic>atopic</italic> dermatitis</article-title></title-group>
  <abstract><sec><title>Background</title><p>We gave 1 &#x00D7; 10<sup>6</sup> cells/kg.</p></sec></abstract>
  <kwd-group><kwd>EASI-50</kwd><kwd>TNF&#x03B1;</kwd></kwd-group>
 </article-meta></front>
 <body>
  <sec id="s1"><label>1</label><title>Methods</title>
   <p>Mice received ADSC-Exos<xref ref-type="bibr" rid="B2"><sup>2</sup></xref> at 5 µg/cm<sup>2</sup>.</p>
   <sec><title>Dosing</title><p>See <xref ref-type="table" rid="T1">Table 1</xref>.
    <table-wrap id="T1"><label>Table 1</label><caption><title>Doses.</title></caption>
     <table><thead><tr><th>Arm</th><th>Cells</th><th>Dose</th></tr></thead>
      <tbody><tr><td colspan="3">Mouse studies</td></tr>
       <tr><td>High</td><td>BM-MSCs</td><td>2 × 10<sup>7</sup></td></tr></tbody></table>
     <table-wrap-foot><fn><p>BM, bone marrow.</p></fn></table-wrap-foot></table-wrap></p></sec>
  </sec>
 </body>
 <back><ref-list><title>References</title>
  <ref id="B1"><label>1</label><element-citation publication-type="journal">
   <person-group person-group-type="author"><name><surname>Kim</surname><given-names>SY</given-names></name>
   <name><surname>Yoon</surname><given-names>TH</given-names></name></person-group>
   <article-title>Canine EVs ease dermatitis</article-title><source>Int J Mol Sci</source>
   <year>2022</year><volume>23</volume><fpage>4868</fpage>
   <pub-id pub-id-type="doi">10.3390/ijms23094868</pub-id><pub-id pub-id-type="pmid">35563258</pub-id>
  </element-citation></ref>
  <ref id="B2"><label>2.</label><mixed-citation>Roe B, Doe C. ADSCs for AD. <source>Stem Cells</source> (2020) 4:10. doi: <pub-id pub-id-type="doi">10.1000/xyz</pub-id></mixed-citation></ref>
 </ref-list></back>
</article>
"""


def test_pmc_style_article_without_network(tmp_path):
    p = tmp_path / "PMC123.nxml"
    p.write_text(PMC_STYLE, encoding="utf-8")
    d = read_document(p)
    assert d.doc_id == "PMC123"
    assert d.text.splitlines()[0] == "UC-MSCs in atopic dermatitis"
    assert "We gave 1 × 10^6 cells/kg." in d.text
    assert "Keywords: EASI-50, TNFα" in d.text
    assert "Mice received ADSC-Exos2 at 5 µg/cm2." in d.text  # only powers of ten get a caret
    titles = [(s.title, s.level) for s in d.sections]
    assert ("1 Methods", 1) in titles and ("Dosing", 2) in titles and ("References", 1) in titles
    (t,) = d.tables
    assert t.label == "Table 1" and t.caption == "Doses."
    assert t.header == ("Arm", "Cells", "Dose")
    assert t.rows == (("Mouse studies", "", ""), ("High", "BM-MSCs", "2 × 10^7"))
    assert d.meta["table_notes"][0]["text"] == "BM, bone marrow."
    r1, r2 = d.references
    assert r1.authors == ("Kim SY", "Yoon TH") and r1.year == 2022
    assert r1.title == "Canine EVs ease dermatitis"
    assert (r1.doi, r1.pmid) == ("10.3390/ijms23094868", "35563258")
    assert r2.number == 2 and r2.doi == "10.1000/xyz" and r2.year == 2020
    for r in (r1, r2):
        assert d.text[r.start : r.end].startswith(f"{r.number}. ")


def test_pmc_articleset_wrapper(tmp_path):
    """PMC's efetch wraps the article in <pmc-articleset>; one article inside is read."""
    body = PMC_STYLE.split("?>", 1)[1].split("\n", 2)[2]  # without the XML and DOCTYPE lines
    p = tmp_path / "efetch.xml"
    p.write_text(f"<pmc-articleset>{body}</pmc-articleset>", encoding="utf-8")
    assert read_document(p).text.startswith("UC-MSCs in atopic dermatitis")
    p.write_text(f"<pmc-articleset>{body}{body}</pmc-articleset>", encoding="utf-8")
    with pytest.raises(IngestError, match="holds 2 articles"):
        read_document(p)


FLOATS_XML = """<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) v1.1d3//EN" "JATS-archivearticle1.dtd">
<article><front><article-meta><title-group><article-title>Floats apart</article-title>
</title-group></article-meta></front>
<body><sec><title>Results</title>
<p>Counts are in <xref ref-type="table" rid="tab1">Table 1</xref>.</p>
<p>Nothing cited here.</p></sec></body>
<floats-group>
<table-wrap id="tab1"><label>Table 1</label><caption><p>Counts by arm.</p></caption>
<table><thead><tr><th rowspan="2">Arm</th><th colspan="2">Week</th></tr>
<tr><th>4</th><th>12</th></tr></thead>
<tbody><tr><td rowspan="2">MSC</td><td>8</td><td>9</td></tr>
<tr><td>7</td><td>6</td></tr>
<tr><td>Vehicle</td><td>2</td><td>3</td></tr></tbody></table></table-wrap>
<fig id="fig9"><label>Figure 9</label><caption><p>Never cited.</p></caption></fig>
</floats-group></article>
"""


def test_floats_group_and_rowspan(tmp_path):
    """Europe PMC keeps every table in <floats-group>: written after the paragraph citing it;
    a rowspan leaves the covered positions empty (the header carries its text down)."""
    p = tmp_path / "floats.xml"
    p.write_text(FLOATS_XML, encoding="utf-8")
    doc = read_document(p)
    (t,) = doc.tables
    assert t.label == "Table 1" and t.caption == "Counts by arm."
    assert t.header == ("Arm", "4", "12")
    assert t.rows == (("MSC", "8", "9"), ("", "7", "6"), ("Vehicle", "2", "3"))
    cite = doc.text.index("Counts are in Table 1.")
    assert cite < t.start < doc.text.index("Nothing cited here.")
    assert doc.text.index("Figure 9") > doc.text.index("Nothing cited here.")
