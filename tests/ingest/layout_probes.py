"""Publisher layouts the PDF reader was not built on: the project's review set in layouts of
our own, each mimicking a kind of journal page, measured against the review's text.

    python -m tests.ingest.layout_probes            # every probe: sentences and cells found
    python -m tests.ingest.layout_probes unruled    # one probe

``unruled``: one wide column, sans-serif throughout, tables with no rules at all, every cell
centred and padded by 1 pt (cells of neighbouring columns nearly touch). ``magazine``: three
narrow columns of body text; each table on a page of its own across the full width, ruled
above and below only, rows shaded in alternate bands, cells set left with wrapped prose.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tests.ingest import pdfgen

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
STEM = "fimmu-2025-1617157"


def _render_module() -> Any:
    sys.path.insert(0, str(CORPUS))
    try:
        import render
    finally:
        sys.path.pop(0)
    return render


def _text_block(render: Any, b: Any, body: Any, head: Any, cap: Any) -> list[Any]:
    """A block of the review other than a table, as the probes set it: headings, paragraphs
    and keywords in the body styles, figure captions and references small."""
    from reportlab.platypus import Paragraph

    if b.kind == "heading":
        return [Paragraph(escape(b.text), head)]
    if b.kind in ("para", "keywords"):
        pre = "Keywords: " if b.kind == "keywords" else ""
        return [Paragraph(render.markup(pre + b.text), body)]
    if b.kind == "figure":
        return [Paragraph(escape(b.text) + " " + render.markup(b.caption), cap)]
    if b.kind == "ref":
        return [Paragraph(f"{b.number}. " + render.markup(b.text), cap)]
    return []


def render_unruled(doc: Any, out: Path) -> None:
    """One column, sans-serif, tables without rules, centred cells padded by 1 pt."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    render = _render_module()
    pdfgen.register_fonts()
    body = ParagraphStyle("b", fontName="Sans", fontSize=9.5, leading=12.5, spaceAfter=5)
    head = ParagraphStyle("h", body, fontName="Sans-B", fontSize=10.5, spaceBefore=4)
    cap = ParagraphStyle("c", body, fontSize=8.5, leading=10.5)
    cell = ParagraphStyle("t", body, fontSize=7.5, leading=9, spaceAfter=0, alignment=TA_CENTER)
    story: list[Any] = []
    for b in render.blocks_of(doc):
        if b.kind != "table":
            story += _text_block(render, b, body, head, cap)
        else:
            t = b.table
            data = [[Paragraph(render.markup(c), cell) for c in r] for r in (t.header, *t.rows)]
            g = Table(data, colWidths=[80, 40, 150, 200], repeatRows=1)
            g.setStyle(
                TableStyle(
                    [
                        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                        ("LEFTPADDING", (0, 0), (-1, -1), 1),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                    ]
                )
            )
            story += [
                Paragraph(escape(b.text + ". ") + render.markup(b.caption), cap),
                g,
                Paragraph(render.markup(b.note), cap),
            ]
    SimpleDocTemplate(str(out), pagesize=(595, 842), invariant=1).build(story)


def render_magazine(doc: Any, out: Path) -> None:
    """Three columns of body text; each table on a full-width page, shaded rows, a rule
    above and below only, cells set left."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Table,
        TableStyle,
    )
    from reportlab.platypus.doctemplate import BaseDocTemplate

    render = _render_module()
    pdfgen.register_fonts()
    body = ParagraphStyle("b", fontName="Serif", fontSize=8.5, leading=11, spaceAfter=4)
    head = ParagraphStyle("h", body, fontName="Sans-B", fontSize=9, spaceBefore=4)
    cap = ParagraphStyle("c", body, fontName="Sans", fontSize=7.5, leading=9.5)
    cell = ParagraphStyle("t", body, fontName="Sans", fontSize=7.5, leading=9, spaceAfter=0)
    hcell = ParagraphStyle("th", cell, fontName="Sans-B")
    story: list[Any] = []
    for b in render.blocks_of(doc):
        if b.kind != "table":
            story += _text_block(render, b, body, head, cap)
        else:
            t = b.table
            data = [[Paragraph(render.markup(c), hcell) for c in t.header]]
            data += [[Paragraph(render.markup(c), cell) for c in r] for r in t.rows]
            g = Table(data, colWidths=[90, 45, 170, 210], repeatRows=1)
            style = [
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 1.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
            style += [("BACKGROUND", (0, r), (-1, r), "#e6eef5") for r in range(1, len(data), 2)]
            g.setStyle(TableStyle(style))
            story += [
                NextPageTemplate("wide"),
                PageBreak(),
                Paragraph(escape(b.text) + " | " + render.markup(b.caption), cap),
                g,
                Paragraph(render.markup(b.note), cap),
                NextPageTemplate("three"),
                PageBreak(),
            ]

    def folio(c: Any, d: Any) -> None:
        c.saveState()
        c.setFont("Sans", 7)
        c.drawString(36, 815, "SKIN & CELLS MAGAZINE")
        c.drawRightString(559, 28, str(c.getPageNumber()))
        c.restoreState()

    w, gap = (595 - 72 - 2 * 12) / 3, 12
    three = [Frame(36 + k * (w + gap), 40, w, 765, id=f"c{k}") for k in range(3)]
    wide = [Frame(36, 40, 523, 765, id="w")]
    d = BaseDocTemplate(str(out), pagesize=(595, 842), invariant=1)
    d.addPageTemplates(
        [
            PageTemplate(id="three", frames=three, onPage=folio),
            PageTemplate(id="wide", frames=wide, onPage=folio),
        ]
    )
    d.build(story)


PROBES = {"unruled": render_unruled, "magazine": render_magazine}


def measure(name: str, folder: Path) -> dict[str, Any]:
    """The review set in probe ``name``, read back and compared with the review's text."""
    from extractor.ingest import read_document
    from extractor.ingest.faithfulness import compare

    reference = read_document(CORPUS / "text" / f"{STEM}.txt")
    path = folder / f"{name}.pdf"
    with pdfgen.math_cmap():
        PROBES[name](reference, path)
    return compare(reference, read_document(path))


def main(argv: list[str]) -> int:
    names = argv or list(PROBES)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            res = measure(name, Path(tmp))
            print(
                f"{name}: sentences {res['sentences_found']}/{res['sentences']}, "
                f"cells {res['cells_found']}/{res['cells']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
