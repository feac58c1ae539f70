"""PDF layout mechanisms of issue 13, each on a small PDF drawn here as journals print it."""

from __future__ import annotations

import re

from extractor.ingest import read_document
from tests.ingest import pdfgen

BODY = (
    "Mesenchymal stromal cells were given to every animal of the treated group and the "
    "clinical score was read by two blinded observers at each visit of the study."
)


def _lines(c, x, y, lines, font="Serif", size=10.0, leading=12.0):
    for ln in lines:
        c.setFont(font, size)
        c.drawString(x, y, ln)
        y -= leading
    return y


def test_compound_hyphen_kept_at_a_line_break(tmp_path):
    """A compound's own hyphen at a line end stays; a hyphenation hyphen goes."""
    p = tmp_path / "hyphen.pdf"
    c = pdfgen.canvas(p)
    _lines(
        c,
        72,
        700,
        [
            "Currents of the voltage-",
            "gated channels were read with the Cobas-Amplicor-",
            "assay, and the levels cor-",
            "related with the pre-",
            "treated group, a third of which were rani-",
            "restat-treated animals.",
        ],
    )
    c.showPage()
    c.save()
    text = read_document(p).text
    assert "voltage-gated channels" in text
    assert "Cobas-Amplicor-assay" in text
    assert "levels correlated with the pretreated group" in text
    assert "ranirestat-treated" in text


def _two_column_pages(path, heads: bool):
    """Four pages of two columns; running heads alternate sides as journals print them."""
    c = pdfgen.canvas(path)
    words = (BODY + " ") * 3
    for page in range(1, 5):
        if heads:
            c.setFont("Serif", 8)
            if page % 2 == 0:
                c.drawString(50, 760, f"{page} Journal of Skin Research")
            else:
                c.drawRightString(550, 760, f"Journal of Skin Research {page}")
        for x in (50, 310):
            lines = pdfgen.wrap(f"Page {page} column {x}. " + words, "Serif", 10, 240)
            _lines(c, x, 720, lines[:12])
        c.showPage()
    c.save()


def test_alternating_running_heads_are_dropped(tmp_path):
    p = tmp_path / "heads.pdf"
    _two_column_pages(p, heads=True)
    text = read_document(p).text
    assert "Journal of Skin Research" not in text
    assert "Page 2 column 50." in text and "Page 3 column 310." in text


def test_figure_text_and_caption_stay_out_of_a_sentence(tmp_path):
    """A sentence runs from the foot of the left column to the right column, whose top
    holds a chart (axis labels, legend) and its caption: the sentence stays whole and the
    caption follows it as its own paragraph."""
    p = tmp_path / "figure.pdf"
    c = pdfgen.canvas(p)
    left = BODY + " " + BODY + " The main outcome of this trial, read blind, was"
    pdfgen.justified(c, 50, 720, left, 240, last_full=True)
    # right column: a bar chart with its grid, axis labels and legend, then its caption
    c.setLineWidth(0.3)
    for k in range(6):
        y = 560 + 25 * k
        c.line(340, y, 540, y)
        c.setFont("Sans", 7)
        c.drawRightString(335, y - 2, str(20 * k))
    for k, h in enumerate((40, 90, 60, 110)):
        c.rect(360 + 45 * k, 560, 25, h, fill=1)
        c.drawString(362 + 45 * k, 550, f"W{4 * k}")
    c.drawString(420, 540, "Weeks")
    c.setFont("Serif", 9)
    _lines(
        c,
        310,
        520,
        pdfgen.wrap("Figure 1: Clinical score by week of treatment (mean).", "Serif", 9, 240),
        size=9,
        leading=11,
    )
    right = "a lower clinical score at week twelve in the treated group. " + BODY
    pdfgen.justified(c, 310, 480, right, 240)
    c.showPage()
    c.save()
    doc = read_document(p)
    flat = re.sub(r"\s+", " ", doc.text)
    assert "The main outcome of this trial, read blind, was a lower clinical score at" in flat
    assert "Figure 1: Clinical score by week of treatment (mean)." in flat
    assert flat.index("week twelve") < flat.index("Figure 1:")
    assert not doc.tables  # a chart's grid is no table
    assert not re.search(r"\bW4\b.*was a lower", flat)


def test_exponent_on_a_line_of_its_own(tmp_path):
    """The raised 6 of 1 × 10⁶, drawn before its line, lands on a line of its own in the
    text layer; it goes back after its ten: the dose stays 10^6 cells/kg, not 10 cells/kg."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    p = tmp_path / "exponent.pdf"
    c = pdfgen.canvas(p)
    head = "Each patient received 1 × 10"
    x = 72 + stringWidth(head, "Serif", 10)
    c.setFont("Serif", 6.5)
    c.drawString(x + 0.5, 704, "6")  # the exponent comes first in the content stream
    c.setFont("Serif", 10)
    c.drawString(72, 700, head)
    c.drawString(x + 5, 700, "cells/kg on day 0 and the same dose on day 7.")
    c.drawString(72, 688, "The second dose was given in 2 mL of saline.")
    c.showPage()
    c.save()
    text = read_document(p).text
    assert "1 × 10^6 cells/kg on day 0" in text
    assert not re.search(r"(?m)^6$", text)


def test_margin_sidebar_stays_out_of_the_body(tmp_path):
    """A page-1 box of editors and reviewers in the left margin, its lines level with the
    body's: the body's sentences stay whole, the box follows as its own paragraph."""
    p = tmp_path / "sidebar.pdf"
    c = pdfgen.canvas(p)
    side = [
        "EDITED BY",
        "Jane Doe,",
        "University of Somewhere,",
        "Country",
        "REVIEWED BY",
        "John Roe,",
        "Institute of Elsewhere,",
        "Country",
        "*CORRESPONDENCE",
        "A. Author",
    ]
    _lines(c, 40, 700, side, font="Sans", size=7, leading=11)
    body = " ".join([BODY] * 4) + " Exosomes were injected at 100 \u00b5g per mouse twice a week."
    pdfgen.justified(c, 190, 700, body, 360)
    c.showPage()
    c.save()
    doc = read_document(p)
    flat = re.sub(r"\s+", " ", doc.text)
    assert flat.count(BODY) == 4
    assert "Exosomes were injected at 100 \u00b5g per mouse twice a week." in flat
    assert "EDITED BY Jane Doe, University of Somewhere, Country REVIEWED BY" in flat
    assert flat.index("twice a week.") < flat.index("EDITED BY")


def test_run_in_heading_is_split_from_its_paragraph(tmp_path):
    """'2.1. Cell Culture.' in bold, the paragraph going on on the same line: the heading
    becomes a section of its own and does not swallow the text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    p = tmp_path / "runin.pdf"
    c = pdfgen.canvas(p)
    _lines(c, 72, 720, ["2. Methods"], font="Serif-B", size=11)
    head = "2.1. Cell Culture. "
    c.setFont("Serif-B", 10)
    c.drawString(72, 700, head)
    c.setFont("Serif", 10)
    x = 72 + stringWidth(head, "Serif-B", 10)
    c.drawString(x, 700, "Adipose-derived stem cells were grown in")
    _lines(c, 72, 688, ["DMEM with 10% serum for five passages.", ""])
    c.showPage()
    c.save()
    doc = read_document(p)
    titles = [s.title for s in doc.sections]
    assert "2.1. Cell Culture" in titles, titles
    assert "Adipose-derived stem cells were grown in DMEM with 10% serum" in doc.text
    assert "Culture. Adipose" not in doc.text
