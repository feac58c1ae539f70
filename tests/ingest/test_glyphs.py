"""Glyph folding: math-italic letters, micro signs, degree rings and loose accents."""

from __future__ import annotations

import pytest

from extractor.ingest import read_document
from extractor.ingest.glyphs import (
    GONE,
    compose,
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
    ("letter", "accent", "want"),
    [
        ("o", "\u00b4", "\u00f3"),
        ("u", "\u00a8", "\u00fc"),
        ("\u0131", "\u00a8", "\u00ef"),  # TeX's na\\"{\\i}ve: dotless i takes the accent
        ("c", "\u00b8", "\u00e7"),
        ("z", "\u02d9", "\u017c"),
        ("q", "\u02c7", None),  # no precomposed letter: left alone
    ],
)
def test_compose(letter, accent, want):
    assert compose(letter, accent) == want


def test_fold_line_drops_placeholders():
    assert fold_line(f"IL-1{GONE}\u03b2") == "IL-1\u03b2"


def test_accents_placed_by_geometry(tmp_path):
    """TeX draws an accent as its own glyph over the letter; pdfium may list it at the
    line's end ("Sjogren ... ¨"). It goes onto the letter it is centred over."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    p = tmp_path / "accents.pdf"
    c = pdfgen.canvas(p)
    size = 10
    words = [
        ("Sjogren", 2, "\u00a8"),
        ("Simon", 3, "\u00b4"),
        ("na\u0131ve", 2, "\u00a8"),
        ("Crohn", None, None),
    ]
    x, y = 72.0, 700.0
    marks = []
    for word, k, accent in words:
        c.setFont("Serif", size)
        c.drawString(x, y, word)
        if k is not None:
            left = x + stringWidth(word[:k], "Serif", size)
            w = stringWidth(word[k], "Serif", size)
            aw = stringWidth(accent, "Serif", size)
            marks.append((left + (w - aw) / 2, accent))
        x += stringWidth(word + " ", "Serif", size)
    c.drawString(x, y, "syndrome and disease.")
    for ax, accent in marks:  # drawn last, as TeX's accents come in the content stream
        c.drawString(ax, y + 0.5, accent)
    c.showPage()
    c.save()
    text = read_document(p).text
    assert "Sj\u00f6gren Sim\u00f3n na\u00efve Crohn syndrome and disease." in text
    assert not any(a in text for a in "\u00a8\u00b4")


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
