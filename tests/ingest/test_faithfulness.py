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


def test_spacer_rows_do_not_shift_cells(reference):
    """An all-empty row (a JATS spacer between row groups) is no row: a rendering without
    it keeps every cell; a row really missing still shifts and loses the cells below."""
    t1 = reference.tables[0]
    blank = ("",) * len(t1.header)
    spaced = replace(t1, rows=(t1.rows[0], blank, *t1.rows[1:], blank))
    ref = replace(reference, tables=(spaced, reference.tables[1]))
    got = compare(ref, reference)
    assert got["cells_found"] == got["cells"]
    short = replace(t1, rows=t1.rows[1:])
    lost = compare(reference, replace(reference, tables=(short, reference.tables[1])))
    assert lost["cells_found"] < lost["cells"] - len(t1.header)


def test_squash_and_sentences():
    assert squash("5×10^6 cells /\n kg") == squash("5×106 cells/kg")
    doc = read_document(CORPUS / "text" / f"{STEM}.txt")
    sents = sentences(doc)
    assert "Abstract" in sents  # headings count: they must survive too
    assert any(x.startswith("De Jesus MM, Santiago JS") for x in sents)
    assert not any(x.startswith("- ") for x in sents)  # list bullets are markup
    assert not any("|" in x for x in sents)  # table rows are cells, not sentences


def _single_column_pdf(doc, out):
    """The review in another layout: one column, serif, US letter, centred running lines."""
    import sys
    from pathlib import Path
    from xml.sax.saxutils import escape

    import matplotlib
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    sys.path.insert(0, str(CORPUS))
    try:
        import render
    finally:
        sys.path.pop(0)
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, f in (("Serif-T", "DejaVuSerif.ttf"), ("Serif-TB", "DejaVuSerif-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts / f)))
    body = ParagraphStyle(
        "b",
        fontName="Serif-T",
        fontSize=10,
        leading=13,
        alignment=TA_JUSTIFY,
        spaceAfter=6,
        hyphenationLang=render.hyphenate,
    )
    head = ParagraphStyle("h", body, fontName="Serif-TB", fontSize=11, hyphenationLang="")
    cell = ParagraphStyle(
        "c", body, fontSize=7.5, leading=9, alignment=0, hyphenationLang="", spaceAfter=0
    )
    story = []
    for b in render.blocks_of(doc):
        if b.kind == "heading":
            story.append(Paragraph(escape(b.text), head))
        elif b.kind in ("para", "keywords"):
            pre = "Keywords: " if b.kind == "keywords" else ""
            story.append(Paragraph(render.markup(pre + b.text), body))
        elif b.kind == "figure":
            story += [Paragraph(escape(b.text), head), Paragraph(render.markup(b.caption), body)]
        elif b.kind == "ref":
            story.append(Paragraph(f"{b.number}. " + render.markup(b.text), body))
        elif b.kind == "table":
            t = b.table
            data = [[Paragraph(render.markup(c), cell) for c in r] for r in (t.header, *t.rows)]
            g = Table(data, colWidths=[80, 35, 160, 190], repeatRows=1)
            g.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
            story += [
                Paragraph(escape(b.text + ". ") + render.markup(b.caption), body),
                g,
                Paragraph(render.markup(b.note), body),
            ]

    def running(c, _d):
        c.setFont("Serif-T", 8)
        c.drawCentredString(306, 760, "Front Immunol 2025 | Review")
        c.drawCentredString(306, 30, f"Page {c.getPageNumber()} of 12")

    SimpleDocTemplate(str(out), pagesize=letter, invariant=1).build(
        story, onFirstPage=running, onLaterPages=running
    )


@pytest.mark.slow
def test_second_layout_single_column(reference, tmp_path):
    """Not tuned to one layout: the same floors hold for a one-column serif rendering."""
    p = tmp_path / "onecol.pdf"
    _single_column_pdf(reference, p)
    got = compare(reference, read_document(p))
    assert got["sentence_share"] >= 0.98, got["missing_sentences"][:5]
    assert got["cell_share"] >= 0.95, got["missing_cells"][:5]


@pytest.mark.slow
def test_tables_with_horizontal_rules_only(reference, tmp_path):
    """The corpus layout with its tables ruled only horizontally (no vertical lines)."""
    import sys

    sys.path.insert(0, str(CORPUS))
    try:
        import render
    finally:
        sys.path.pop(0)
    p = tmp_path / "rows.pdf"
    render.render_pdf(reference, p, rules="rows")
    got = compare(reference, read_document(p))
    assert got["sentence_share"] >= 0.98, got["missing_sentences"][:5]
    assert got["cell_share"] >= 0.95, got["missing_cells"][:5]
