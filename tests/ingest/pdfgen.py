"""Small PDFs drawn with reportlab for the layout tests: each reproduces one thing journals print.

Fonts are matplotlib's (STIX and DejaVu ship with it), so no system font is needed. STIX has
the mathematical italic letters (U+1D6FC 𝛼 ...) that LaTeX-made PDFs report; reportlab's
ToUnicode CMap writes only 4 hex digits per character, so ``math_cmap`` writes characters
outside the BMP as UTF-16 surrogate pairs, as the PDF reference prescribes and publishers'
PDFs do.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

FONTS = {
    "Serif": "DejaVuSerif.ttf",
    "Serif-B": "DejaVuSerif-Bold.ttf",
    "Serif-I": "DejaVuSerif-Italic.ttf",
    "Sans": "DejaVuSans.ttf",
    "Sans-B": "DejaVuSans-Bold.ttf",
    "Math": "STIXGeneralItalic.ttf",
}
Run = tuple[str, str]  # (font name, text)


def register_fonts() -> None:
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    d = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, f in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(d / f)))


def _cmap(fontname: str, subset: Sequence[int]) -> str:
    def hexu(v: int) -> str:
        if v <= 0xFFFF:
            return f"{v:04X}"
        v -= 0x10000
        return f"{0xD800 + (v >> 10):04X}{0xDC00 + (v & 0x3FF):04X}"

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({fontname}) /Ordering ({fontname}) /Supplement 0 >> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{hexu(v)}>" for i, v in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@contextlib.contextmanager
def math_cmap() -> Iterator[None]:
    """reportlab writes characters outside the BMP into its ToUnicode CMap correctly."""
    from reportlab.pdfbase import ttfonts

    old = ttfonts.makeToUnicodeCMap
    ttfonts.makeToUnicodeCMap = _cmap
    try:
        yield
    finally:
        ttfonts.makeToUnicodeCMap = old


def runs(c, x: float, y: float, parts: Sequence[Run], size: float = 9.0) -> float:
    """Draw text runs from (x, y); returns the x after the last run."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for font, s in parts:
        c.setFont(font, size)
        c.drawString(x, y, s)
        x += stringWidth(s, font, size)
    return x


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    cur = ""
    for w in text.split():
        trial = f"{cur} {w}" if cur else w
        if cur and stringWidth(trial, font, size) > width:
            lines.append(cur)
            cur = w
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def justified(
    c,
    x: float,
    y: float,
    text: str,
    width: float,
    font: str = "Serif",
    size: float = 10.0,
    leading: float = 12.0,
    last_full: bool = False,
) -> float:
    """Justified lines (word spacing stretched to ``width``), as journals set columns; the
    last line is set flush too when ``last_full`` (a paragraph running on past the column).
    Returns the next free baseline."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = wrap(text, font, size, width)
    for k, line in enumerate(lines):
        t = c.beginText(x, y)
        t.setFont(font, size)
        gaps = line.count(" ")
        if gaps and (k < len(lines) - 1 or last_full):
            t.setWordSpace((width - stringWidth(line, font, size)) / gaps)
        t.textLine(line)
        c.drawText(t)
        y -= leading
    return y


def paragraph(
    c, x: float, y: float, text: str, width: float, font: str = "Serif", size: float = 9.0
) -> float:
    """A left-aligned paragraph from the top baseline ``y``; returns the next free baseline."""
    for line in wrap(text, font, size, width):
        c.setFont(font, size)
        c.drawString(x, y, line)
        y -= size * 1.3
    return y - size * 0.6


def canvas(path: Path, size: tuple[float, float] = (600, 800)):
    from reportlab.pdfgen import canvas as rl_canvas

    register_fonts()
    return rl_canvas.Canvas(str(path), pagesize=size, invariant=1)
