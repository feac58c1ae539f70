"""Table layouts of real journals, each drawn small with reportlab (``extractor.ingest.pdf_tables``
and ``pdf_booktabs``): tables ruled only horizontally, stacked at the same width, with row
groups set off by rules and sub-rows under a spanning stub cell, with cells wrapped over
several lines."""

from __future__ import annotations

from pathlib import Path

from extractor.ingest import read_document
from extractor.ingest.faithfulness import squash
from tests.ingest import pdfgen

X0, X1 = 60.0, 540.0
SIZE, LEAD = 9.0, 12.5


def _rule(c, y: float, width: float = 0.6) -> None:
    c.setLineWidth(width)
    c.line(X0, y, X1, y)


def _cells(c, y: float, cols: list[float], cells: list[str]) -> None:
    c.setFont("Serif", SIZE)
    for x, s in zip(cols, cells, strict=True):
        if s:
            c.drawString(x, y, s)


def _booktabs(c, y: float, label: str, header: list[str], rows: list[list[str]], cols) -> float:
    """Caption, top rule, header, mid rule, body rows, bottom rule, a note; returns the y
    below. Only horizontal rules are drawn, as booktabs does."""
    c.setFont("Serif", SIZE)
    c.drawString(X0, y, f"{label}: Characteristics of the patients in the two groups.")
    y -= 8
    _rule(c, y, 0.9)
    y -= LEAD
    _cells(c, y, cols, header)
    y -= 5
    _rule(c, y)
    for r in rows:
        y -= LEAD
        _cells(c, y, cols, r)
    y -= 5
    _rule(c, y, 0.9)
    y -= LEAD
    c.setFont("Serif", 8)
    c.drawString(X0, y, "SD: standard deviation; LV: left ventricle.")
    return y - 2.5 * LEAD


T1 = (
    ["", "Treated (n = 33)", "Control (n = 25)", "p value"],
    [
        ["Male, n (%)", "15 (48.4)", "9 (50.6)", "0.903"],
        ["Age, mean ± SD, y", "60 ± 5.2", "58 ± 6.1", "0.67"],
        ["Thymoma, n (%)", "8 (24.2)", "10 (40)", "0.08"],
        ["Death, n", "3", "3", "0.512"],
    ],
)
T2 = (
    ["", "Treated (n = 33)", "Control (n = 25)", "p value"],
    [
        ["Ejection fraction (%)", "61.2 ± 15.1", "66.1 ± 4.8", "0.16"],
        ["LV end-diastolic (mm)", "44.7 ± 5.8", "47.6 ± 7.3", "0.14"],
        ["Septal wall (mm)", "8.9 ± 1.6", "8.8 ± 1.1", "0.63"],
    ],
)
COLS = [X0 + 4, 230.0, 360.0, 490.0]


def _grid(t) -> list[list[str]]:
    return [list(t.header), *(list(r) for r in t.rows)]


def test_stacked_booktabs_tables_of_one_width_stay_apart(tmp_path: Path) -> None:
    """Two booktabs tables of the same width, one under the other: their six rules share
    one extent, yet the caption between them starts a second table (it once read as one
    table whose every rule was a row, the rows of each group merged into one cell)."""
    p = tmp_path / "stacked.pdf"
    c = pdfgen.canvas(p)
    y = _booktabs(c, 720, "Table 1", *T1, COLS)
    _booktabs(c, y, "Table 2", *T2, COLS)
    c.save()
    doc = read_document(p)
    assert [t.label for t in doc.tables] == ["Table 1", "Table 2"]
    for t, (header, rows) in zip(doc.tables, (T1, T2), strict=True):
        assert _grid(t) == [header, *rows]
    assert "Table 2" not in doc.tables[0].caption


def _centred(c, x_mid: float, y: float, s: str, size: float = SIZE) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.setFont("Serif", size)
    c.drawString(x_mid - stringWidth(s, "Serif", size) / 2, y, s)


WRAPPED = [  # stub lines, values set vertically centred on them
    (["Preoperative", "Pentacam CCT"], ["514.9", "±33.12", "561"]),
    (["USP CCT after", "epithelial", "removal"], ["474.9", "±39.75", "535"]),
    (["Preoperative", "USP CCT"], ["506.85", "±35.4", "559"]),
    (["BMI [kg/m^2]", "median (IQR)"], ["23.4", "±2.15", "27"]),  # ^: a raised glyph
    (["USP CCT after", "UVA"], ["444.65", "±34.53", "521"]),
]


def test_wrapped_stub_cells_with_centred_values(tmp_path: Path) -> None:
    """Stub cells wrapped over two or three lines at the cell leading, rows set apart by a
    little padding, values centred on their stub (a value between two stub lines, on no
    line of its own): each row is one row, its stub lines joined (they once became a row
    per line, or every row after the first merged into one; a raised glyph in a stub line
    once counted as a line of its own and hid the padding)."""
    p = tmp_path / "wrapped.pdf"
    c = pdfgen.canvas(p)
    lead, pad, mids = 10.4, 2.5, [300.0, 400.0, 480.0]
    y = 720.0
    c.setFont("Serif", SIZE)
    c.drawString(X0, y, "Table 1: Summary of central epithelial thickness changes.")
    y -= 8
    _rule(c, y, 0.9)
    y -= LEAD
    c.drawString(X0 + 4, y, "CCT in microns")
    for x, s in zip(mids, ["Mean", "SD", "Maximum"], strict=True):
        _centred(c, x, y, s)
    y -= 5
    _rule(c, y)
    y -= 3
    for stub, values in WRAPPED:
        y -= lead
        first = y
        for k, s in enumerate(stub):
            plain, _, raised = s.partition("^")
            x = pdfgen.runs(c, X0 + 4, first - k * lead, [("Serif", plain)], SIZE)
            if raised:
                x = pdfgen.runs(c, x, first - k * lead + 3.5, [("Serif", raised[0])], 6)
                pdfgen.runs(c, x, first - k * lead, [("Serif", raised[1:])], SIZE)
        mid = first - (len(stub) - 1) * lead / 2
        for x, s in zip(mids, values, strict=True):
            _centred(c, x, mid, s)
        y = first - (len(stub) - 1) * lead - pad
    y -= 5
    _rule(c, y, 0.9)
    c.setFont("Serif", 8)
    c.drawString(X0, y - LEAD, "CCT: central corneal thickness.")
    c.save()
    (t,) = read_document(p).tables
    # compared as the faithfulness measure does (white space aside): the raised 2, drawn as
    # a text object of its own, comes with a line break after it
    want = [[squash(" ".join(stub)), *values] for stub, values in WRAPPED]
    assert [[squash(x) for x in r] for r in _grid(t)[1:]] == want


GROUPS = [  # stub, sub-row labels, their values, a p value centred over the group
    ("Age", ["<60", "≥60"], [["14", "5.5 (0–17)"], ["57", "4.9 (0–16)"]], "NS"),
    ("Gender", ["Male", "Female"], [["41", "4.9 (0–17)"], ["30", "5.2 (0–16)"]], "NS"),
    (
        "pT stage",
        ["1", "2", "3"],
        [["1", "3.0 (3)"], ["4", "4.7 (0–9)"], ["64", "5.1 (0–17)"]],
        "<0.05 (0.278)",
    ),
    (
        "Lymph node metastasis",
        ["Absent", "Present"],
        [["42", "4.2 (0–16)"], ["29", "6.2 (0–17)"]],
        "NS",
    ),
]


def test_sub_rows_under_a_spanning_stub(tmp_path: Path) -> None:
    """Row groups set off by rules, each a stub centred over its sub-rows (``Age`` over
    ``<60`` and ``≥60``) and a p value centred too: every sub-row is a row, the spanning
    cells stand in the group's first row as JATS writes a rowspan cell (the group once
    read as one row, the sub-rows' values joined in each cell)."""
    p = tmp_path / "groups.pdf"
    c = pdfgen.canvas(p)
    mids = [250.0, 320.0, 400.0, 490.0]
    y = 720.0
    c.setFont("Serif", SIZE)
    c.drawString(X0, y, "Table 2: The correlations between CD83 positive cells and parameters.")
    y -= 8
    _rule(c, y, 0.9)
    y -= LEAD
    c.drawString(X0 + 4, y, "Parameter")
    for x, s in zip(mids, ["Group", "N", "Mean (range)", "p value"], strict=True):
        _centred(c, x, y, s)
    y -= 5
    for stub, labels, values, pval in GROUPS:
        _rule(c, y)
        y -= LEAD
        first = y
        for k, (label, vals) in enumerate(zip(labels, values, strict=True)):
            for x, s in zip(mids[:3], [label, *vals], strict=True):
                _centred(c, x, first - k * LEAD, s)
        mid = first - (len(labels) - 1) * LEAD / 2
        c.setFont("Serif", SIZE)
        c.drawString(X0 + 4, mid, stub)
        _centred(c, mids[3], mid, pval)
        y = first - (len(labels) - 1) * LEAD - 5
    _rule(c, y, 0.9)
    c.save()
    (t,) = read_document(p).tables
    want = []
    for stub, labels, values, pval in GROUPS:
        for k, (label, vals) in enumerate(zip(labels, values, strict=True)):
            want.append([stub if k == 0 else "", label, *vals, pval if k == 0 else ""])
    assert _grid(t)[1:] == want


PART_A = (
    ["Authors", "Age and sex", "Staining"],
    [["Shenker et al., 1986", "49 M", "Prolactin"], ["Anand et al., 1993", "58 F", "ACTH"]],
)
PART_B = (
    ["Findings", "Imaging", "Treatment", "Follow-up"],
    [
        ["None", "Skull XR: enlarged sella", "Transsphenoidal", "1 year"],
        ["Unknown", "MRI: clival mass", "Partial resection", "Unknown"],
        ["L CN 6 palsy", "MRI: lytic lesion", "Endoscopic", "2.5 years"],
    ],
)
MORE_B = [["None", "CT: tumor at clivus", "Cabergoline only", "6 months"]]


def _sideways_part(c, y: float, label: str, header, rows, x1: float = 740.0) -> float:
    """A part of a booktabs table in the upright frame of a page turned sideways."""
    cols = [64.0 + k * (x1 - 60) / len(header) for k in range(len(header))]
    c.setFont("Serif", SIZE)
    _centred(c, (60 + x1) / 2, y, label)
    y -= 5
    c.setLineWidth(0.6)
    c.line(60, y, x1, y)
    y -= LEAD
    _cells(c, y, cols, header)
    y -= 5
    c.line(60, y, x1, y)
    for r in rows:
        y -= LEAD
        _cells(c, y, cols, r)
    y -= 5
    c.line(60, y, x1, y)
    return y - LEAD


def test_sideways_table_in_parts_continued_on_the_next_page(tmp_path: Path) -> None:
    """A landscape table set sideways on portrait pages (its lines run up the page), in
    two parts labelled (a) and (b) under rules of one width, part (b) continued on the
    next page under its header repeated: the upright view finds both parts, the part
    label splits them, and the continuation joins part (b) (the table's text once ran
    into the paragraphs, pdfium giving its lines no break)."""
    p = tmp_path / "sideways.pdf"
    c = pdfgen.canvas(p)
    for page, parts in enumerate(
        [[("(a)", *PART_A), ("(b)", *PART_B)], [("(b) Continued.", PART_B[0], MORE_B)]]
    ):
        c.saveState()
        c.translate(600, 0)
        c.rotate(90)  # upright landscape frame: 800 wide, 600 high, lines run up the page
        y = 560.0
        if page == 0:
            c.setFont("Serif", SIZE)
            c.drawString(60, y, "Table 2: Prior reported cases of ectopic adenomas.")
            y -= 2 * LEAD
        for label, header, rows in parts:
            y = _sideways_part(c, y, label, header, rows)
        c.restoreState()
        c.showPage()
    c.save()
    doc = read_document(p)
    assert [_grid(t) for t in doc.tables] == [
        [PART_A[0], *PART_A[1]],
        [PART_B[0], *PART_B[1], *MORE_B],
    ]


def test_a_line_charts_dense_grid_is_no_table(tmp_path: Path) -> None:
    """A line chart drawn on a fine grid (thirty rows of two cells) with data labels in a
    few of its rows: enough text for the old cell test (a row of two filled cells, a
    fifth of the cells filled), but most rows hold nothing, so it is no table (it once
    came out as a 30-row table of empty cells)."""
    p = tmp_path / "chart.pdf"
    c = pdfgen.canvas(p)
    c.setLineWidth(0.2)
    top, step, n = 700.0, 8.0, 30
    for k in range(n + 1):
        c.line(100, top - k * step, 500, top - k * step)
    for x in (100, 300, 500):
        c.line(x, top, x, top - n * step)
    c.setFont("Sans", 5.5)
    for k in range(0, 24, 3):  # data labels in eight rows, both halves
        y = top - k * step - 6
        c.drawString(140, y, f"After {k} min, {475 - k}")
        c.drawString(340, y, f"Control, {446 + k}")
    c.setFont("Serif", 9)
    c.drawString(100, top - n * step - 20, "Figure 2: Corneal thickness over time.")
    c.save()
    doc = read_document(p)
    assert not doc.tables
    assert "Figure 2: Corneal thickness over time." in doc.text


SPARSE = [  # stub, unadjusted, p, adjusted, p: the unadjusted figures only in two rows
    ["Adequate sleep", "", "<.0001", "", ".9812"],
    ["7 hours or more", "Reference", "", "Reference", ""],
    ["Less than 7 hours", "1.34 [1.18, 1.52]", "", "1.00 [0.83, 1.21]", ""],
    ["Age group", "", "", "", "<.0001"],
    ["30 to 45 years", "", "", "Reference", ""],
    ["45 to 55 years", "", "", "2.77 [2.04, 3.76]", ""],
    ["55 years and above", "", "", "5.49 [3.77, 8.01]", ""],
    ["Sex", "", "", "", "<.0001"],
    ["Female", "", "", "Reference", ""],
    ["Male", "", "", "2.60 [2.17, 3.12]", ""],
]
GROUPED = [  # a group label ("No", "Yes") over two columns each
    ["<7 hours", "609", "48.6", "875", "51.4", "<.0001"],
    ["7 or more hours", "1037", "55.0", "1219", "45.0", ""],
    ["Male", "812", "50.2", "901", "49.8", ".0312"],
]


def test_a_column_filled_in_few_rows_is_read_from_the_header(tmp_path: Path) -> None:
    """A booktabs table whose unadjusted column holds figures in two rows of ten and whose
    first p value column in one: the body's ink leaves no gap for them, the header's cells
    stand apart over them, so they are columns of their own (they once ran into the stub).
    A group label over two columns (``No`` over ``N | %``) has no ink under it and makes no
    column."""
    p = tmp_path / "sparse.pdf"
    c = pdfgen.canvas(p)
    mids = [235.0, 335.0, 434.0, 520.0]
    y = 740.0
    c.setFont("Serif", SIZE)
    c.drawString(X0, y, "Table 3: Logistic regressions of adequate sleep on periodontitis.")
    y -= 8
    _rule(c, y, 0.9)
    y -= LEAD
    for x, s in zip(mids, ["Unadjusted odds ratio", "", "Adjusted odds ratio", ""], strict=True):
        _centred(c, x, y, s)
    for x in (mids[1], mids[3]):
        _centred(c, x, y - LEAD / 2, "p value")
    y -= LEAD
    for x in (mids[0], mids[2]):
        _centred(c, x, y, "[95% CI]")
    y -= 5
    _rule(c, y)
    for row in SPARSE:
        y -= LEAD
        c.setFont("Serif", SIZE)
        c.drawString(X0 + 4, y, row[0])
        for x, s in zip(mids, row[1:], strict=True):
            _centred(c, x, y, s)
    y -= 5
    _rule(c, y, 0.9)
    y -= 3 * LEAD
    gmids = [230.0, 280.0, 360.0, 410.0, 500.0]
    c.setFont("Serif", SIZE)
    c.drawString(X0, y, "Table 4: Adequate sleep by periodontitis.")
    y -= 8
    _rule(c, y, 0.9)
    y -= LEAD
    _centred(c, (gmids[0] + gmids[1]) / 2, y, "No")
    _centred(c, (gmids[2] + gmids[3]) / 2, y, "Yes")
    y -= LEAD
    c.drawString(X0 + 4, y, "Periodontitis")
    for x, s in zip(gmids, ["N", "%", "N", "%", "p value"], strict=True):
        _centred(c, x, y, s)
    y -= 5
    _rule(c, y)
    for row in GROUPED:
        y -= LEAD
        c.setFont("Serif", SIZE)
        c.drawString(X0 + 4, y, row[0])
        for x, s in zip(gmids, row[1:], strict=True):
            _centred(c, x, y, s)
    y -= 5
    _rule(c, y, 0.9)
    c.save()
    doc = read_document(p)
    t3, t4 = doc.tables
    assert [list(r) for r in t3.rows] == SPARSE
    assert len(t3.header) == 5
    assert [list(r) for r in t4.rows] == GROUPED


CENTRED = [
    ["Author", "Year", "Population", "Key observation"],
    [
        "Seetharman (6)",
        "2019",
        "1 patient with psoriasis; dose of cells 5 million i.v.",
        "Therapy led to a complete disappearance of severe psoriatic plaques within one month",
    ],
    [
        "Yao et al. (22)",
        "2021",
        "8 patients with psoriasis; dose 0.5 million cells/kg i.v.",
        "A promising modality",
    ],
    [
        "Meybodi (28)",
        "2024",
        "12 patients with plaque psoriasis",
        "Exosomes have a dose-dependent anti-inflammatory effect in the treatment of psoriasis",
    ],
]


def test_wrapped_cells_centred_in_padded_rows(tmp_path: Path) -> None:
    """Cells wrapped over one to three lines, each set vertically centred in its row, rows
    padded: a one-line stub stands between the lines of its neighbours, so no line holds a
    whole row; the cells of a row are the blocks whose spans overlap (the lines of a cell
    once went to the rows above and below)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfgen.register_fonts()
    cell = ParagraphStyle("t", fontName="Serif", fontSize=8, leading=9.6)
    body = ParagraphStyle("b", fontName="Serif", fontSize=9, leading=11)
    data = [[Paragraph(c, cell) for c in r] for r in CENTRED]
    t = Table(data, colWidths=[90, 40, 150, 190])
    t.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    p = tmp_path / "centred.pdf"
    caption = Paragraph("Table 1: Studies of adipose-derived stem cells in psoriasis.", body)
    SimpleDocTemplate(str(p), pagesize=(600, 800), invariant=1).build([caption, t])
    (got,) = read_document(p).tables
    assert [[squash(c) for c in r] for r in _grid(got)] == [[squash(c) for c in r] for r in CENTRED]
