"""A PDF's first page read by its layout: title by type size and position, the author line
under it (small-type marks as separators), DOI and year from the page, never the Info title."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.bibliography import read_bibliography
from extractor.bibliography.pdf import read_pdf
from extractor.types import Document

ROOT = Path(__file__).parents[2]


def _title_page(path: Path, *, info_title: str = "manuscript_final_v3.docx") -> Path:
    """A journal-like first page: label, two-line title in 18 pt, author line in 11 pt with
    raised 6 pt marks, affiliations, dates, a body paragraph that cites another DOI, and the
    article's DOI in the footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4)
    c.setTitle(info_title)
    c.setFont("Helvetica", 10)
    c.drawString(50, 790, "Original Article")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, 760, "Adipose-derived stem cells improve wound closure in a")
    c.drawString(50, 738, "porcine model of full-thickness burns")
    t = c.beginText(50, 710)
    for name, mark in (
        ("Ana M. Costa", "1,2,*"),
        (", Li Wei", "3,†"),
        (" and Jean-Luc Dubois", "1"),
    ):
        t.setFont("Helvetica", 11)
        t.setRise(0)
        t.textOut(name)
        t.setFont("Helvetica", 6)
        t.setRise(4)
        t.textOut(mark)
    c.drawText(t)
    c.setFont("Helvetica", 8)
    c.drawString(
        50, 690, "1 Department of Plastic Surgery, Hospital de Santa Maria, Lisbon, Portugal"
    )
    c.drawString(
        50, 678, "Received: 3 January 2019; Accepted: 28 April 2019; Published: 10 May 2019"
    )
    c.setFont("Helvetica", 9)
    c.drawString(50, 650, "Burn wounds need rapid closure. Earlier work (doi:10.1000/other.2001.1)")
    c.drawString(50, 638, "used split-thickness grafts in 12 pigs treated over four weeks.")
    c.setFont("Helvetica", 7)
    c.drawString(50, 40, "https://doi.org/10.1002/term.2891")
    c.showPage()
    c.save()
    return path


def test_layout_reading_of_a_title_page(tmp_path: Path) -> None:
    _, layout = read_pdf(_title_page(tmp_path / "a.pdf"))
    assert layout.title == (
        "Adipose-derived stem cells improve wound closure in a porcine model of "
        "full-thickness burns"
    )
    assert layout.authors == ("Costa", "Wei", "Dubois")
    assert (layout.year, layout.doi) == (2019, "10.1002/term.2891")


def test_info_title_is_never_the_title(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "b.pdf"
    c = Canvas(str(path))
    c.setTitle("Stem cells in burns: a randomized trial")
    c.setFont("Helvetica", 10)
    c.drawString(50, 700, "Introduction")
    c.drawString(50, 680, "burns are common and need closure.")
    c.save()
    doc = Document(
        doc_id="b", source=str(path), text="Introduction\nburns are common.\n", format="pdf"
    )
    assert read_bibliography(doc).title is None


def test_document_level_reading_of_a_pdf(tmp_path: Path) -> None:
    from extractor.ingest import read_document

    bib = read_bibliography(read_document(_title_page(tmp_path / "c.pdf")))
    assert bib.authors[0] == "Costa" and bib.year == 2019 and bib.doi == "10.1002/term.2891"


def test_corpus_review_pdf_title_page() -> None:
    path = ROOT / "corpus" / "pdf" / "fimmu-2025-1617157.pdf"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    _, layout = read_pdf(path)
    assert layout.title and layout.title.endswith("inflammatory skin diseases: a systematic review")
    assert layout.authors == ("Matwiejuk", "Mikłosz", "Myśliwiec", "Chabowski", "Flisiak")
    assert (layout.year, layout.doi) == (2025, "10.3389/fimmu.2025.1617157")


def test_journal_name_set_larger_than_the_title(tmp_path: Path) -> None:
    """A masthead in bigger type than the title has no author line under it: the title is
    the largest run that has one."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "d.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica-Bold", 22)
    c.drawString(50, 790, "Experimental Dermatology Letters")
    c.setFont("Helvetica", 9)
    c.drawString(50, 772, "Volume 31, Issue 4, 2022")
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 740, "Keratinocyte-derived vesicles restore barrier lipids in")
    c.drawString(50, 722, "a filaggrin-deficient skin model")
    c.setFont("Helvetica", 11)
    c.drawString(50, 700, "Maren Solberg, Lieke van der Veen and Kofi Asante")
    c.setFont("Helvetica", 9)
    for k, line in enumerate(
        [
            "Abstract",
            "Filaggrin loss weakens the epidermal barrier in atopic skin.",
            "We tested vesicles from healthy keratinocytes on deficient skin models.",
            "Ceramide content rose in treated models compared with untreated ones.",
        ]
    ):
        c.drawString(50, 670 - 12 * k, line)
    c.save()
    _, layout = read_pdf(path)
    assert layout.title == (
        "Keratinocyte-derived vesicles restore barrier lipids in a filaggrin-deficient skin model"
    )
    assert layout.authors == ("Solberg", "van der Veen", "Asante")
    assert layout.year == 2022


def _near_size_marks_page(path: Path) -> Path:
    """An Elsevier-like page: masthead ``JOURNAL VOL (YEAR) pages``, 11 pt names whose
    affiliation letters are set at 9 pt and raised (only 18% smaller: size alone would keep
    them), and a small-caps surname set at 9 pt on the baseline (letters, not marks)."""
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path))
    c.setFont("Helvetica", 8)
    c.drawString(50, 800, "BURNS 47 (2021) 1180–1189")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, 770, "Conditioned medium gel for deep partial-thickness")
    c.drawString(50, 748, "burns: a randomised controlled trial")
    t = c.beginText(50, 720)
    for name, small, mark in (
        ("Thi Lan Nguyen", "", "a,*"),
        (", Paul Mc", "DONALD", "b"),
        (", Amira Haddad", "", "a"),
    ):
        t.setFont("Helvetica", 11)
        t.setRise(0)
        t.textOut(name)
        t.setFont("Helvetica", 9)
        t.textOut(small)
        t.setRise(5)
        t.textOut(mark)
    t.setRise(0)
    c.drawText(t)
    c.setFont("Helvetica", 9)
    c.drawString(50, 690, "Abstract")
    for k in range(6):
        c.drawString(50, 666 - 12 * k, "Deep burns heal slowly when IL-6 stays high in the wound.")
    c.save()
    return path


def test_raised_marks_near_the_name_size_are_marks(tmp_path: Path) -> None:
    """Keep: ``Nguyen`` (raised 9 pt ``a,*`` dropped); keep: ``McDONALD`` (9 pt small caps on
    the baseline stay letters); the masthead's ``(2021)`` dates the page."""
    _, layout = read_pdf(_near_size_marks_page(tmp_path / "e.pdf"))
    assert layout.authors == ("Nguyen", "McDONALD", "Haddad")
    assert layout.year == 2021


REAL = Path("/work/shared/real-papers")


def test_text_per_index_reads_as_pypdfium2_per_index() -> None:
    """The per-index text of first pages whose text layer holds characters outside the BMP
    (real papers' math letters) is pypdfium2's get_text_range(i, 1), index by index."""
    import pypdfium2 as pdfium

    from extractor.bibliography.pdf import _text_per_index

    pdfs = sorted((ROOT / "corpus" / "pdf").glob("*.pdf")) + sorted(REAL.glob("*.pdf"))
    if not REAL.is_dir():
        pytest.skip(f"{REAL} absent: the real papers hold the astral characters compared")
    uneven = 0
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        try:
            tp = pdf[0].get_textpage()
            n = tp.count_chars()
            uneven += len(tp.get_text_range()) != n
            want = "".join(tp.get_text_range(i, 1) or " " for i in range(n))
            assert _text_per_index(tp, n) == want, path.name
        finally:
            pdf.close()
    assert uneven >= 1  # some first page needs the per-index reading


def _marks_plain(text: str, sizes: list[float], bases: list[float]) -> tuple[str, float]:
    """``pdf._marks`` as first written, a Python loop a glyph: the reference it must match."""
    from collections import Counter

    from extractor.bibliography.pdf import MARK, MARK_SHARE, RISE_SHARE

    body = Counter(s for s, ch in zip(sizes, text, strict=True) if ch.isalpha())
    size = body.most_common(1)[0][0] if body else max(sizes)
    base = Counter(
        round(b, 1)
        for s, b, ch in zip(sizes, bases, text, strict=True)
        if ch.isalpha() and s == size
    )
    baseline = base.most_common(1)[0][0] if base else 0.0
    chars = []
    for s, b, ch in zip(sizes, bases, text, strict=True):
        raised = s < size and b - baseline > RISE_SHARE * size
        chars.append(ch if ch.isspace() or (s >= MARK_SHARE * size and not raised) else MARK)
    return "".join(chars).strip(), size


def test_marks_read_as_the_plain_loop() -> None:
    import math
    import random

    from extractor.bibliography.pdf import _marks

    rng = random.Random(11)
    cases = [
        ("Ana Costa1,2 and Li Wei3", [9.0] * 9 + [5.0, 1.0, 5.0] + [9.0] * 12, [700.0] * 24),
        ("Nguyena,* Tran", [10.0] * 6 + [8.5, 8.5, 8.5] + [10.0] * 5, [500.0] * 6 + [503.0] * 3 + [500.0] * 5),
        (" Title ", [0.0] * 7, [1.0] * 7),
        ("x y", [-2.0, 1.0, -3.0], [0.0, 0.0, 0.0]),
        ("ab c", [math.nan, 9.0, 1.0, 9.0], [0.0] * 4),
        ("12 34", [6.0, 6.0, 1.0, 7.0, 7.0], [0.0] * 5),
    ]  # fmt: skip
    for _ in range(3000):
        text = "".join(rng.choice("aB1 *,é\t") for _ in range(rng.randint(1, 12)))
        sizes = [rng.choice([9.0, 9.0, 7.0, 1.0, 12.0, 8.5]) for _ in text]
        bases = [rng.choice([100.0, 100.04, 102.5, 98.0]) for _ in text]
        cases.append((text, sizes, bases))
    for text, sizes, bases in cases:
        got, want = _marks(text, sizes, bases), _marks_plain(text, sizes, bases)
        assert got[0] == want[0] and (got[1] == want[1] or math.isnan(got[1])), (text, sizes)
