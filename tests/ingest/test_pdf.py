"""PDF reader on the generated two-column rendering and on small PDFs built here."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from extractor.ingest import read_document
from tests.conftest import CORPUS, REVIEW_DOC_ID

REVIEW_PDF = CORPUS / "pdf" / "fimmu-2025-1617157.pdf"


@pytest.fixture(scope="module")
def pdf_doc():
    return read_document(REVIEW_PDF)


@pytest.fixture(scope="module")
def text_doc():
    return read_document(CORPUS / "text" / "fimmu-2025-1617157.txt")


def test_identity(pdf_doc):
    assert pdf_doc.doc_id == REVIEW_DOC_ID
    assert pdf_doc.format == "pdf"
    assert len(pdf_doc.sha256) == 64


def test_pages_cover_text_in_order(pdf_doc):
    pages = pdf_doc.pages
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert len(pages) == pdf_doc.meta["pages"] >= 8
    assert pages[0].start == 0
    assert pages[-1].end == len(pdf_doc.text.rstrip("\n"))
    for a, b in pairwise(pages):
        assert a.end < b.start  # ordered, disjoint
        assert pdf_doc.text[a.end : b.start].strip() == ""


def test_running_headers_and_page_numbers_removed(pdf_doc):
    assert "Matwiejuk et al." not in pdf_doc.text
    assert not re.search(r"Frontiers in Immunology \d{1,2}\b", pdf_doc.text)
    assert not re.search(r"^\d{1,2}$", pdf_doc.text, re.MULTILINE)


def test_exponents_raised_not_flattened(pdf_doc):
    t = pdf_doc.text
    for s in ["5×10^6 i.v.", "1×10^6 or 3×10^6 cells/cm2", "1.19 × 10^10 (high dose)", "2 × 10^5"]:
        assert s in t
    assert "5×106" not in t and "× 1010" not in t


def test_no_hyphen_marks_and_words_rejoined(pdf_doc, text_doc):
    assert not re.search("[\ufffe\u00ad\u0002]", pdf_doc.text)
    # every word of the PDF text is a word of the source (nothing split, nothing glued),
    # apart from the title block that the text version does not carry
    src = set(re.findall(r"\w+", text_doc.text.replace("^", "")))
    body = pdf_doc.text[pdf_doc.text.index("Abstract") :]
    words = set(re.findall(r"\w+", body))
    assert words - src == set()


def test_reading_order_across_columns(pdf_doc, text_doc):
    # paragraphs that straddle a column or page break come back whole, in order
    for s in [
        "ADMSCs can help improve skin quality by increasing collagen production",
        "Moreover, MSCs exert therapeutic effects in virtue of their abilities",
    ]:
        assert s in text_doc.text and s in pdf_doc.text
    heads = [s.title for s in pdf_doc.sections]
    assert heads == [s.title for s in text_doc.sections]


def test_tables_from_ruled_grid(pdf_doc, text_doc):
    assert [t.label for t in pdf_doc.tables] == ["Table 1", "Table 2"]
    for pt, tt in zip(pdf_doc.tables, text_doc.tables, strict=True):
        assert pt.header == tt.header
        assert len(pt.rows) == len(tt.rows)  # Table 2 continues over a page: one table
        assert pt.caption == tt.caption
        for cell in (c for r in pt.rows for c in r if c):
            assert cell in pdf_doc.text[pt.start : pt.end]
    assert pdf_doc.tables[0].rows[0] == ("ADMSCs in psoriasis", "", "", "")


def test_references(pdf_doc, text_doc):
    assert [r.number for r in pdf_doc.references] == list(range(1, 41))
    assert [r.doi for r in pdf_doc.references] == [r.doi for r in text_doc.references]
    assert [r.year for r in pdf_doc.references] == [r.year for r in text_doc.references]


# --------------------------------------------------------------------------- small PDFs


def _dejavu(canvas_mod):
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    if "DejaVu-T" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu-T", str(path)))
    return "DejaVu-T"


def _two_column_pdf(path: Path, right_first: bool) -> None:
    """Two pages, two columns, header and page number; content order may be right column first."""
    from reportlab.pdfgen import canvas

    font = _dejavu(canvas)
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    left = ["Left column line one about", "UC-MSCs given at 1 × 10", "cells/kg to mice."]
    right = ["Right column starts here and", "reports TNF-α and IL-1β down."]
    for page in (1, 2):
        c.setFont(font, 8)
        c.drawString(50, 805, "J Skin Res · running header")
        c.drawString(290, 30, str(page))
        blocks = [(300, right), (50, left)] if right_first else [(50, left), (300, right)]
        for x, lines in blocks:
            y = 760
            for ln in lines:
                c.setFont(font, 10)
                if "1 × 10" in ln:
                    c.drawString(x, y, ln)
                    w = c.stringWidth(ln, font, 10)
                    c.setFont(font, 6.5)
                    c.drawString(x + w, y + 4, "6")  # raised exponent
                    c.setFont(font, 10)
                    c.drawString(x + w + 4, y, " per dose")
                else:
                    c.drawString(x, y, ln.replace("fi", "\ufb01"))
                y -= 12
        c.showPage()
    c.save()


@pytest.mark.parametrize(
    "right_first", [False, True], ids=["stream-order", "right-column-drawn-first"]
)
def test_two_columns_read_left_then_right(tmp_path, right_first):
    p = tmp_path / "two.pdf"
    _two_column_pdf(p, right_first)
    d = read_document(p)
    assert "running header" not in d.text
    first_page = d.text[d.pages[0].start : d.pages[0].end]
    assert first_page.index("Left column") < first_page.index("Right column")
    assert "UC-MSCs given at 1 × 10^6 per dose" in d.text
    assert len(d.pages) == 2
    assert not re.search(r"(?m)^[12]$", d.text)


def test_ligatures_are_normalised(tmp_path):
    from reportlab.pdfgen import canvas

    font = _dejavu(canvas)
    p = tmp_path / "lig.pdf"
    c = canvas.Canvas(str(p), invariant=1)
    c.setFont(font, 11)
    c.drawString(72, 700, "Dermal \ufb01broblasts and \ufb02ow cytometry, e\ufb03cacy.")
    c.showPage()
    c.save()
    t = read_document(p).text
    assert "Dermal fibroblasts and flow cytometry, efficacy." in t
    assert not re.search("[\ufb00-\ufb06]", t)


def test_ruled_table_in_a_small_pdf(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _dejavu(None)
    st = ParagraphStyle("s", fontName="DejaVu-T", fontSize=9, leading=11)
    data = [
        ["Study", "Cells", "Dose"],
        ["Lee 2019", "UC-MSCs", "100 µg/kg"],
        ["Park 2020", "ADSC-Exos", "2.5 mg/mL"],
    ]
    grid = Table([[Paragraph(c, st) for c in r] for r in data])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    p = tmp_path / "t.pdf"
    SimpleDocTemplate(str(p), pagesize=A4, invariant=1).build(
        [Paragraph("Table 3. Doses in the trials", st), grid, Paragraph("After the table.", st)]
    )
    d = read_document(p)
    (t,) = d.tables
    assert t.label == "Table 3"
    assert t.header == ("Study", "Cells", "Dose")
    assert t.rows == (("Lee 2019", "UC-MSCs", "100 µg/kg"), ("Park 2020", "ADSC-Exos", "2.5 mg/mL"))
    assert "After the table." in d.text[t.end :]


@pytest.mark.parametrize(
    ("before", "exp", "after", "raised", "want"),
    [
        ("A dose of 10", "5", " cells", True, "A dose of 10^5 cells"),
        ("Given 2.5x10", "-3", " M", True, "Given 2.5x10^-3 M"),
        ("In 2010 we saw 10", "5", " mice", False, "In 2010 we saw 105 mice"),  # not raised
    ],
    ids=["no-mantissa", "negative", "flat-number"],
)
def test_power_of_ten_only_when_raised(tmp_path, before, exp, after, raised, want):
    from reportlab.pdfgen import canvas

    font = _dejavu(canvas)
    p = tmp_path / "pow.pdf"
    c = canvas.Canvas(str(p), invariant=1)
    c.setFont(font, 10)
    c.drawString(72, 700, before)
    w = c.stringWidth(before, font, 10)
    c.setFont(font, 6.5 if raised else 10)
    c.drawString(72 + w, 704 if raised else 700, exp)
    w2 = c.stringWidth(exp, font, 6.5 if raised else 10)
    c.setFont(font, 10)
    c.drawString(72 + w + w2, 700, after)
    c.showPage()
    c.save()
    assert want in read_document(p).text


def test_line_end_hyphens_resolved(tmp_path):
    """Soft breaks are joined, real compounds keep their hyphen, a dash stays a dash."""
    from reportlab.pdfgen import canvas

    font = _dejavu(canvas)
    p = tmp_path / "hy.pdf"
    c = canvas.Canvas(str(p), invariant=1)
    c.setFont(font, 10)
    lines = [
        "Cytokines (e.g. interleukins - IL-6) fell and the inflam-",
        "matory infiltrate shrank; ADMSC-derived exosomes and ADMSC-",
        "derived vesicles lowered IL-",
        "4 and the inflammatory score in all mice.",
    ]
    for k, ln in enumerate(lines):
        c.drawString(72, 700 - 12 * k, ln)
    c.showPage()
    c.save()
    t = read_document(p).text
    assert (
        "Cytokines (e.g. interleukins - IL-6) fell and the inflammatory infiltrate shrank; "
        "ADMSC-derived exosomes and ADMSC-derived vesicles lowered IL-4 and the "
        "inflammatory score in all mice."
    ) in t


def test_other_producer_matplotlib(tmp_path):
    """matplotlib's PDF backend splits a mathtext exponent onto its own text line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.27, 11.69))
    lines = [
        "2. Methods",
        "Mice received 5 × 10$^{6}$ UC-MSCs i.v. and TNF-α fell (p < 0.05).",
        "IL-4 and interleukin (IL)-13 were measured by ELISA in all groups.",
    ]
    for k, ln in enumerate(lines):
        fig.text(0.1, 0.9 - 0.03 * k, ln, fontsize=10)
    fig.text(0.5, 0.03, "3", ha="center")
    p = tmp_path / "mpl.pdf"
    fig.savefig(p)
    plt.close(fig)
    d = read_document(p)
    assert d.text.splitlines() == [
        "2. Methods",
        "Mice received 5 × 10^6 UC-MSCs i.v. and TNF-α fell (p < 0.05).",
        "IL-4 and interleukin (IL)-13 were measured by ELISA in all groups.",
    ]
    assert [s.title for s in d.sections] == ["2. Methods"]


@pytest.mark.parametrize("repeat_header", [1, 0], ids=["header-repeated", "no-header-repeat"])
def test_table_split_over_pages_is_one_table(tmp_path, repeat_header):
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _dejavu(None)
    st = ParagraphStyle("s", fontName="DejaVu-T", fontSize=9, leading=11)
    data = [["Study", "Dose"]] + [
        [f"Study {k}", f"{k} × 10<super>6</super> cells/kg"] for k in range(1, 61)
    ]
    grid = Table([[Paragraph(c, st) for c in r] for r in data], repeatRows=repeat_header)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    p = tmp_path / "long.pdf"
    SimpleDocTemplate(str(p), pagesize=A5, invariant=1).build(
        [Paragraph("Table 2. Doses", st), grid, Paragraph("Text after the table.", st)]
    )
    d = read_document(p)
    assert len(d.pages) >= 2
    (t,) = d.tables
    assert t.label == "Table 2" and t.header == ("Study", "Dose")
    assert [r[0] for r in t.rows] == [f"Study {k}" for k in range(1, 61)]
    assert t.rows[59] == ("Study 60", "60 × 10^6 cells/kg")


def test_booktabs_table_without_vertical_rules(tmp_path):
    """Only a top, a header and a bottom rule: columns from the text, rows from the padding."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _dejavu(None)
    st = ParagraphStyle("s", fontName="DejaVu-T", fontSize=8, leading=10)
    data = [
        ["Study", "Model", "Dose", "Outcome"],
        ["UC-MSCs in atopic dermatitis", "", "", ""],
        [
            "Lee et al. 2019",
            "mice",
            "1 × 10<super>6</super> cells/kg i.v.",
            "EASI-50 reached in most animals after four weeks of treatment",
        ],
        ["Park 2020", "patients", "100 µg", "SCORAD fell"],
        ["Kim and Roe 2021", "dogs", "2.5 mg/mL s.c.", "CADESI-03 and pruritus improved markedly"],
    ]
    grid = Table([[Paragraph(c, st) for c in r] for r in data], colWidths=[110, 60, 110, 150])
    grid.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"),
                ("SPAN", (0, 1), (-1, 1)),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    p = tmp_path / "booktabs.pdf"
    SimpleDocTemplate(str(p), pagesize=A4, invariant=1).build(
        [Paragraph("Table 4. Studies", st), grid, Paragraph("Text after.", st)]
    )
    (t,) = read_document(p).tables
    assert t.label == "Table 4"
    assert t.header == ("Study", "Model", "Dose", "Outcome")
    assert t.rows == (
        ("UC-MSCs in atopic dermatitis", "", "", ""),
        (
            "Lee et al. 2019",
            "mice",
            "1 × 10^6 cells/kg i.v.",
            "EASI-50 reached in most animals after four weeks of treatment",
        ),
        ("Park 2020", "patients", "100 µg", "SCORAD fell"),
        ("Kim and Roe 2021", "dogs", "2.5 mg/mL s.c.", "CADESI-03 and pruritus improved markedly"),
    )


def test_booktabs_column_of_short_cells_beside_wrapping_prose(tmp_path):
    """A narrow column filled on one line per row (the year) beside cells that wrap over
    many lines stays a column of its own, though few lines put ink in it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _dejavu(None)
    st = ParagraphStyle("s", fontName="DejaVu-T", fontSize=7.5, leading=9)
    prose = (
        "keratinocyte proliferation fell and the epidermis thinned in every treated "
        "animal, with fewer mast cells and lower serum IgE after four weeks of treatment; "
        "scratching bouts, ear swelling and transepidermal water loss were reduced too"
    )
    authors = "Shin, Lee, Park, Cho, Kim, Roe and Han"  # wraps over several lines
    data = [
        ["Author", "Year", "Population", "Key observation"],
        ["ADSCs in atopic dermatitis", "", "", ""],
        [f"{authors} (29)", "2017", "NC/Nga mice with induced dermatitis; " + prose, prose],
        [f"{authors} (30)", "2010", "Dogs with atopic dermatitis; " + prose, "Itch " + prose],
        [f"{authors} (31)", "2023", "Dogs; dose of EVs by injection; " + prose, "Less " + prose],
    ]
    grid = Table([[Paragraph(c, st) for c in r] for r in data], colWidths=[70, 34, 126, 160])
    grid.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"),
                ("SPAN", (0, 1), (-1, 1)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    p = tmp_path / "short-column.pdf"
    SimpleDocTemplate(str(p), pagesize=A4, invariant=1).build(
        [Paragraph("Table 2. Studies", st), grid, Paragraph("Text after.", st)]
    )
    (t,) = read_document(p).tables
    assert t.header == ("Author", "Year", "Population", "Key observation")
    assert [r[:2] for r in t.rows[1:]] == [
        (f"{authors} (29)", "2017"),
        (f"{authors} (30)", "2010"),
        (f"{authors} (31)", "2023"),
    ]
    assert t.rows[2][3] == "Itch " + prose
