"""Glyph folding: math-italic letters, micro signs, degree rings and loose accents."""

from __future__ import annotations

import pytest

from extractor.ingest import read_document
from extractor.ingest.glyphs import (
    GONE,
    fold_code_points,
    fold_line,
    fold_math_char,
    fold_page_text,
)
from tests.ingest import pdfgen

ALPHA, BETA, MU = "\U0001d6fc", "\U0001d6fd", "\U0001d707"  # math italic α, β, μ
P_IT = "\U0001d45d"  # math italic p


def test_fold_math_char():
    assert fold_math_char(ALPHA) == "\u03b1" and fold_math_char(BETA) == "\u03b2"
    assert fold_math_char(P_IT) == "p" and fold_math_char("\U0001d7d1") == "3"
    assert fold_math_char("\U0001f600") == "\U0001f600"  # not a math letter: kept
    assert fold_math_char("a") == "a"


def test_page_text_keeps_one_character_per_index():
    """pdfium counts a surrogate pair as two indices: the letter, then GONE."""
    text = f"TNF-{ALPHA} and 10 {MU}g/kg, {MU} opioid, 43 cells/{MU}L, ({P_IT} = 0.01)"
    n = len(text.encode("utf-16-le")) // 2
    got = fold_page_text(text, n)
    assert got is not None and len(got) == n
    plain = got.replace(GONE, "")
    assert plain == "TNF-\u03b1 and 10 \u00b5g/kg, \u03bc opioid, 43 cells/\u00b5L, (p = 0.01)"
    assert fold_page_text(text, n + 1) is None  # lengths that cannot agree are refused


def test_code_points_path_and_degree_rings():
    units = (
        [ord(c) for c in "37\u2218C and "] + [0xD835, 0xDEFC] + [ord(c) for c in " \u221280\u25e6C"]
    )
    got = fold_code_points(units)
    assert len(got) == len(units)
    assert got.replace(GONE, "") == "37\u00b0C and \u03b1 \u221280\u00b0C"
    # a ring operator between letters (function composition) stays
    assert fold_page_text("f \u2218 g", 5) == "f \u2218 g"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Sim \u00b4 on", "Sim\u00f3n"),
        ("Jos\u00b4e", "Jos\u00e9"),
        ("M\u00a8uller", "M\u00fcller"),
        ("Crohn\u00b4s disease", "Crohn\u00b4s disease"),  # an apostrophe, not an accent
        (f"IL-1{GONE}", "IL-1"),
    ],
)
def test_fold_line(raw, want):
    assert fold_line(raw) == want


def test_math_italic_pdf(tmp_path):
    """A LaTeX-style PDF whose Greek letters are math italic: none is lost, offsets hold."""
    p = tmp_path / "math.pdf"
    with pdfgen.math_cmap():
        c = pdfgen.canvas(p)
        y = 700.0
        for parts in (
            [("Serif", "Serum TNF-"), ("Math", ALPHA), ("Serif", ", and IL-1"), ("Math", BETA)],
            [("Serif", "fell after 10 "), ("Math", MU), ("Serif", "g/kg of exosomes")],
            [
                ("Serif", "with 43 cells/"),
                ("Math", MU),
                ("Serif", "L at 37\u2218C ("),
                ("Math", P_IT),
                ("Serif", " < 0.05)."),
            ],
        ):
            pdfgen.runs(c, 72, y, parts, size=10)
            y -= 13
        c.showPage()
        c.save()
    doc = read_document(p)
    assert "TNF-\u03b1, and IL-1\u03b2 fell after 10 \u00b5g/kg of exosomes" in doc.text
    assert "43 cells/\u00b5L at 37\u00b0C (p < 0.05)." in doc.text
    assert GONE not in doc.text
