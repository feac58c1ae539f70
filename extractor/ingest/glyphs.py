"""Glyph folding for PDF text layers: what a typesetter's math fonts print, as plain letters.

Publishers set Greek and statistics letters in math fonts, which PDF text layers report as
Unicode *mathematical alphanumeric symbols* (U+1D400-U+1D7FF: 𝛼, 𝛽, 𝜇, 𝑝), outside the Basic
Multilingual Plane. pdfium gives each of them two character indices (a UTF-16 surrogate
pair) with the same box. ``fold_page_text`` keeps pdfium's indexing: the folded letter takes
the first index and ``GONE`` the second, and ``GONE`` is deleted when text is cut out of the
page, so character geometry stays addressable by index and offsets stay consistent.

Folding (Unicode's own compatibility decomposition of the math letters, NFKC):
* a math letter or digit -> its plain letter or digit (𝛼 -> α, 𝑝 -> p, 𝟑 -> 3);
* a math mu right after a number and before a unit letter -> the micro sign µ
  (``10 𝜇g/kg``, ``43 cells/𝜇L``), elsewhere the Greek letter μ;
* a ring operator or white bullet standing for a degree sign (``37∘C``, ``−80◦C``) -> °.
An accent typeset apart from its letter (``Sim´on``, ``na¨ıve``) is put on it by geometry in
the PDF reader (``compose`` gives the letter).
"""

from __future__ import annotations

import re
import unicodedata

GONE = "\u200b"  # placeholder for the second index of a folded surrogate pair; deleted
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_MATH_LO, _MATH_HI = 0x1D400, 0x1D7FF
_GREEK_MU, _MICRO = "\u03bc", "\u00b5"
# unit letters a micro prefix stands before: g, L, l, m, M, mol, s, A, V, Pa, Sv, Ci, U
_UNIT_AFTER = re.compile(r"(?:mol|Pa|Sv|Ci|[gLlmMsAVU])(?![a-z])")
# a ring standing for degrees: after a number (space allowed), before C/F or a non-letter
_RING = re.compile(r"(?<=\d)(\s?)[\u2218\u25e6](?=\s?[CF]\b|[^\w]|$)")
# spacing accents as TeX prints them apart from their letter: acute, grave, diaeresis,
# circumflex, tilde, cedilla, caron, ring; each with its combining mark
_ACCENTS = {
    "\u00b4": "\u0301",
    "`": "\u0300",
    "\u00a8": "\u0308",
    "\u02c6": "\u0302",
    "\u02dc": "\u0303",
    "\u00b8": "\u0327",
    "\u02c7": "\u030c",
    "\u02da": "\u030a",
    "\u02d9": "\u0307",
    "\u02dd": "\u030b",
    "\u02db": "\u0328",
}
SPACING_ACCENTS = frozenset(_ACCENTS)


def fold_math_char(ch: str) -> str:
    """A mathematical alphanumeric symbol as its plain letter or digit; others unchanged."""
    if _MATH_LO <= ord(ch) <= _MATH_HI:
        plain = unicodedata.normalize("NFKC", ch)
        if len(plain) == 1:
            return plain
    return ch


def fold_page_text(text: str, n: int) -> str | None:
    """``text`` (pdfium's, surrogate pairs decoded) with one character per pdfium index.

    Returns None when the lengths cannot be reconciled (then the caller reads per index).
    """
    if len(text) == n and not _ASTRAL.search(text):
        return _fold_bmp(text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ord(ch) <= 0xFFFF:
            out.append(ch)
            continue
        plain = fold_math_char(ch)
        if plain == _GREEK_MU and _micro_context(text, i):
            plain = _MICRO
        out += [plain, GONE]
    folded = "".join(out)
    if len(folded) != n:
        return None
    return _fold_bmp(folded)


def fold_code_points(points: list[int]) -> str:
    """One character per index from pdfium's per-index UTF-16 code units (the slow path)."""
    out: list[str] = []
    i = 0
    while i < len(points):
        u = points[i]
        if 0xD800 <= u < 0xDC00 and i + 1 < len(points) and 0xDC00 <= points[i + 1] < 0xE000:
            cp = 0x10000 + ((u - 0xD800) << 10) + (points[i + 1] - 0xDC00)
            out += [chr(cp), GONE]
            i += 2
            continue
        out.append(chr(u) if u and not 0xD800 <= u < 0xE000 else " ")
        i += 1
    joined = "".join(out)
    decoded = joined.replace(GONE, "")
    folded = fold_page_text(decoded, len(joined))
    return folded if folded is not None else joined


def _micro_context(text: str, i: int) -> bool:
    """Is the mu at ``i`` a unit prefix: a number (or "/") before it, a unit letter after?"""
    before = text[max(0, i - 3) : i].rstrip(" \u2009\u00a0")
    return (
        bool(before)
        and (before[-1].isdigit() or before[-1] == "/")
        and bool(_UNIT_AFTER.match(text, i + 1))
    )


def _fold_bmp(text: str) -> str:
    """One-for-one replacements inside the BMP (degree rings)."""
    if "\u2218" not in text and "\u25e6" not in text:
        return text
    return _RING.sub(lambda m: m.group(1) + "\u00b0", text)


def fold_line(s: str) -> str:
    """Line text without the ``GONE`` placeholders."""
    if GONE in s:
        s = s.replace(GONE, "")
    return s


def compose(letter: str, accent: str) -> str | None:
    """The precomposed letter for ``letter`` under a spacing ``accent``, or None."""
    if letter == "\u0131":  # dotless i takes the accent as i does (TeX's na\"{\i}ve)
        letter = "i"
    composed = unicodedata.normalize("NFC", letter + _ACCENTS[accent])
    return composed if len(composed) == 1 else None
