"""A publisher the reader was not built on: the review set in a layout of our own that
mimics another journal (one wide column beside a page-1 margin box, footer and running
heads alternating sides, Greek in math italic, booktabs tables labelled "Table 1.").

First contact (before any change for this layout): sentences 475/476, table cells 0/91;
after the general fixes it prompted: 475/476 and 37/91 (docs/ingestion.md).
"""

from __future__ import annotations

import re
import sys
from xml.sax.saxutils import escape

import pytest

from extractor.ingest import read_document
from extractor.ingest.faithfulness import compare
from tests.conftest import CORPUS
from tests.ingest import pdfgen

STEM = "fimmu-2025-1617157"
MATH = {"\u03b1": "\U0001d6fc", "\u03b2": "\U0001d6fd", "\u03b3": "\U0001d6fe"}
MATH_MU = "\U0001d707"


def _math(s: str) -> str:
    """Paragraph markup with Greek letters set in the math italic font, as LaTeX does."""
    for plain, it in MATH.items():
        s = s.replace(plain, f'<font name="Math">{it}</font>')
    return re.sub("[\u00b5\u03bc]", f'<font name="Math">{MATH_MU}</font>', s)


def _render(doc, out) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Frame, PageTemplate, Paragraph, Table, TableStyle
    from reportlab.platypus.doctemplate import BaseDocTemplate

    sys.path.insert(0, str(CORPUS))
    try:
        import render
    finally:
        sys.path.pop(0)
    pdfgen.register_fonts()
    body = ParagraphStyle("b", fontName="Sans", fontSize=9.5, leading=12.5, spaceAfter=5)
    head = ParagraphStyle("h", body, fontName="Sans-B", fontSize=10.5, spaceBefore=4)
    cap = ParagraphStyle("c", body, fontName="Serif", fontSize=8.5, leading=10.5)
    cell = ParagraphStyle("t", body, fontSize=7.5, leading=9, spaceAfter=0)

    def md(s: str) -> str:
        return _math(render.markup(s))

    story = []
    for b in render.blocks_of(doc):
        if b.kind == "heading":
            story.append(Paragraph(escape(b.text), head))
        elif b.kind in ("para", "keywords"):
            pre = "Keywords: " if b.kind == "keywords" else ""
            story.append(Paragraph(md(pre + b.text), body))
        elif b.kind == "figure":
            story.append(Paragraph(escape(b.text) + " " + md(b.caption), cap))
        elif b.kind == "ref":
            story.append(Paragraph(f"{b.number}. " + md(b.text), cap))
        elif b.kind == "table":
            t = b.table
            data = [[Paragraph(md(c), cell) for c in r] for r in (t.header, *t.rows)]
            g = Table(data, colWidths=[70, 34, 126, 160], repeatRows=1)
            g.setStyle(
                TableStyle(
                    [
                        ("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"),
                        ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                        ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            story += [
                Paragraph(escape(b.text + ". ") + md(b.caption), cap),
                g,
                Paragraph(md(b.note), cap),
            ]

    def first(c, _d):
        c.saveState()
        c.setFont("Sans-B", 7)
        y = 700
        for k, ln in enumerate(
            [
                "OPEN ACCESS",
                "",
                "Citation: Matwiejuk M,",
                "et al. (2025) Adipose-",
                "derived stem cells in skin",
                "disease. J Skin Res 16:",
                "e1617157.",
                "",
                "Editor: Jane Doe, University",
                "of Somewhere",
                "",
                "Received: May 2, 2025",
                "Accepted: July 30, 2025",
                "",
                "Copyright: \u00a9 2025 The",
                "authors.",
            ]
        ):
            c.setFont("Sans-B" if k == 0 else "Sans", 7)
            c.drawString(40, y, ln)
            y -= 10
        footer(c, _d)
        c.restoreState()

    def footer(c, d):
        n = c.getPageNumber()
        c.setFont("Sans", 7.5)
        if n % 2 == 0:
            c.drawString(40, 770, f"{n}  J Skin Res | https://doi.org/10.0000/jsr.1617157")
        else:
            c.drawRightString(560, 770, f"J Skin Res | https://doi.org/10.0000/jsr.1617157  {n}")
        c.drawCentredString(300, 28, f"{n} / 14")

    doc_t = BaseDocTemplate(str(out), pagesize=(600, 800), invariant=1)
    frame1 = Frame(175, 50, 385, 700, id="f1")
    frame = Frame(60, 50, 500, 700, id="f")
    doc_t.addPageTemplates(
        [
            PageTemplate(id="First", frames=[frame1], onPage=first, autoNextPageTemplate="Later"),
            PageTemplate(id="Later", frames=[frame], onPage=footer),
        ]
    )
    doc_t.build(story)


@pytest.fixture(scope="module")
def reference():
    return read_document(CORPUS / "text" / f"{STEM}.txt")


@pytest.mark.slow
def test_publisher_not_used_before(reference, tmp_path):
    p = tmp_path / "other-journal.pdf"
    with pdfgen.math_cmap():
        _render(reference, p)
    got = read_document(p)
    res = compare(reference, got)
    assert res["sentence_share"] >= 0.98, res["missing_sentences"][:5]
    # first contact 0.0 (the table on page 1 lost its bottom rule to the page break, an
    # empty column from the cell padding); 0.41 after the fixes; Table 2 still merges its
    # first two columns (open, see docs/ingestion.md)
    assert res["cell_share"] >= 0.35, res["missing_cells"][:5]
    assert "Citation: Matwiejuk" in got.text  # the margin box is read, after the body
    assert "J Skin Res | https" not in got.text
    assert "\U0001d6fc" not in got.text and "\u03b1" in got.text
