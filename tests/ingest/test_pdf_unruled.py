"""Tables drawn without any rule (``extractor.ingest.pdf_unruled``): found under their
caption from the alignment of their text, cells set left or centred."""

from __future__ import annotations

from extractor.ingest import read_document
from tests.ingest import pdfgen

BODY = (
    "Mesenchymal stromal cells were given to every animal of the treated group and the "
    "clinical score was read by two blinded observers at each visit of the study."
)
HEADER = ["Group", "Dose (cells/kg)", "Route", "Response"]
ROWS = [
    ["Treated", "2 × 10^6", "i.v.", "12/15"],
    ["Control", "none", "i.v.", "3/14"],
    ["Low dose", "5 × 10^5", "s.c.", "7/15"],
    ["High dose", "1 × 10^7", "s.c.", "13/15"],
]
COLS = [(60, 150), (170, 270), (290, 350), (370, 450)]  # cell extents


def _page(path, centred: bool) -> None:
    c = pdfgen.canvas(path)
    c.setFont("Serif", 9)
    y = 740
    for line in pdfgen.wrap(BODY + " " + BODY, "Serif", 9, 480):
        c.drawString(60, y, line)
        y -= 12
    y -= 10
    c.drawString(60, y, "Table 1. Doses and responses in the four groups.")
    y -= 16
    for k, row in enumerate([HEADER, *[[s.replace("^", "") for s in r] for r in ROWS]]):
        c.setFont("Sans-B" if k == 0 else "Sans", 7.5)
        for (a, b), s in zip(COLS, row, strict=True):
            if centred:
                c.drawCentredString((a + b) / 2, y, s)
            else:
                c.drawString(a, y, s)
        y -= 11
    y -= 10
    c.setFont("Serif", 9)
    for line in pdfgen.wrap(BODY + " " + BODY, "Serif", 9, 480):
        c.drawString(60, y, line)
        y -= 12
    c.showPage()
    c.save()


def _check(path) -> None:
    doc = read_document(path)
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.label == "Table 1"
    assert list(t.header) == HEADER
    # the raised exponent is not drawn raised here: "10^6" was flattened to "106"
    assert [list(r) for r in t.rows] == [[s.replace("^", "") for s in r] for r in ROWS]
    assert "every animal of the treated group" in doc.text


def test_unruled_table_left_aligned(tmp_path):
    p = tmp_path / "left.pdf"
    _page(p, centred=False)
    _check(p)


def test_unruled_table_centred(tmp_path):
    p = tmp_path / "centred.pdf"
    _page(p, centred=True)
    _check(p)


def test_prose_after_a_caption_is_no_table(tmp_path):
    """A caption over a figure's prose legend (no runs of words set apart) gives no table."""
    p = tmp_path / "prose.pdf"
    c = pdfgen.canvas(p)
    c.setFont("Serif", 9)
    y = 740
    c.drawString(60, y, "Table 1. Doses and responses in the four groups.")
    for line in pdfgen.wrap(BODY * 4, "Serif", 9, 480):
        y -= 12
        c.drawString(60, y, line)
    c.showPage()
    c.save()
    assert not read_document(p).tables
