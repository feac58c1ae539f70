"""Table layouts of real journals, each drawn small with reportlab (``extractor.ingest.pdf_tables``
and ``pdf_booktabs``): tables ruled only horizontally, stacked at the same width, with row
groups set off by rules and sub-rows under a spanning stub cell, with cells wrapped over
several lines."""

from __future__ import annotations

from pathlib import Path

from extractor.ingest import read_document
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
