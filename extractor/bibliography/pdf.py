"""A PDF's first page, read by its layout: the least trusted reading (SCHEMA §5).

The title is the run of lines set in the largest type in the upper part of the page (article
labels such as ``Research Article`` aside); the author line is what follows it, with the
marks set in smaller type (affiliations, corresponding author) read as separators. DOI, year
and PMID come from the page's text: a DOI standing on its own line (a header or footer) wins
over one inside a paragraph. The Info dictionary's title is never used: publishers and
converters put file names there.

Type size is pdfium's font size times the text matrix's scale, since some publishers set
every glyph at size 1 and scale it.
"""

from __future__ import annotations

import codecs
import ctypes
import math
import operator
import re
from collections import Counter
from dataclasses import dataclass
from itertools import compress, repeat
from pathlib import Path
from typing import Any

from extractor.bibliography.citation import running
from extractor.bibliography.cues import cues
from extractor.bibliography.fields import find_doi, find_pmid, page_year
from extractor.bibliography.header import front_lines, head_lines, read_citation
from extractor.bibliography.names import given_first_list
from extractor.types import Bibliography

TOP_SHARE = 0.6  # the title is in the upper part of the page
MARK_SHARE = 0.8  # glyphs smaller than this share of a line's type are marks
RISE_SHARE = 0.2  # smaller glyphs raised this share of the type size above the baseline: marks
TITLE_OVER_BODY = 1.2  # a title is set at least this much larger than the running text
MARK = "\ufffc"  # stands for a run of mark glyphs in Line.text


@dataclass(frozen=True, slots=True)
class Line:
    """One text line of the page: its text (``MARK`` for each mark glyph) and type size."""

    marked: str
    size: float
    top: float  # distance from the top of the page, as a share of its height

    @property
    def text(self) -> str:
        """The line without its marks (a title's footnote sign, an author's affiliation)."""
        return " ".join(self.marked.replace(MARK, "").split())

    @property
    def names(self) -> str:
        """The line with its marks read as separators, for an author line."""
        return " ".join(self.marked.replace(MARK, ",").split())


def _sizes(textpage: Any, a: int, b: int) -> tuple[list[float], list[float]]:
    """Type size and baseline height (page units) of each glyph in [a, b).

    pdfium's functions are called without their ctypes prototypes, as the ingester reads its
    glyphs (``pdf_chars.unprototyped``: no argument conversion on three calls a character)."""
    import pypdfium2.raw as raw

    from extractor.ingest.pdf_chars import unprototyped

    get_matrix = unprototyped("FPDFText_GetMatrix")
    get_size = unprototyped("FPDFText_GetFontSize", ctypes.c_double)
    get_origin = unprototyped("FPDFText_GetCharOrigin")
    tp = textpage.raw
    m = raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    m_ref, x_ref, y_ref = ctypes.byref(m), ctypes.byref(x), ctypes.byref(y)
    sizes, bases = [], []
    for i in range(a, b):
        get_matrix(tp, i, m_ref)  # a failed call leaves the last glyph's matrix, as before
        scale = math.hypot(m.c, m.d) or 1.0
        sizes.append(round(float(get_size(tp, i)) * scale, 1))
        get_origin(tp, i, x_ref, y_ref)
        bases.append(y.value)
    return sizes, bases


def _marks(text: str, sizes: list[float], bases: list[float]) -> tuple[str, float]:
    """The line with its mark glyphs replaced by ``MARK``, and its type size. A mark is set
    much smaller than the line (``MARK_SHARE``), or somewhat smaller and raised above the
    line's baseline: a superscript affiliation letter (``Nguyen<sup>a,*</sup>``) set at 80-90%
    of the name's size is still a mark, since it stands above the baseline.

    The counts and the test that no glyph is smaller than the line run over ``map`` and
    ``compress`` in C, not a Python loop a glyph: 2.3 -> 0.8 ms a PDF over the first pages
    of the 30 real papers and the review's PDF."""
    if not len(sizes) == len(bases) == len(text):
        raise ValueError("a glyph size and baseline for each character of the line")
    letters = list(map(str.isalpha, text))
    body = Counter(compress(sizes, letters))
    size = body.most_common(1)[0][0] if body else max(sizes)
    printed = list(map(operator.not_, map(str.isspace, text)))
    if size >= 0 and all(map(size.__le__, compress(sizes, printed))):
        return text.strip(), size  # no glyph below the line's size: none is a mark
    sized = map(operator.and_, letters, map(size.__eq__, sizes))
    base = Counter(map(round, compress(bases, sized), repeat(1)))
    baseline = base.most_common(1)[0][0] if base else 0.0
    small, rise = MARK_SHARE * size, RISE_SHARE * size
    chars = [
        ch if ch.isspace() or (s >= small and not (s < size and b - baseline > rise)) else MARK
        for s, b, ch in zip(sizes, bases, text, strict=True)
    ]
    return "".join(chars).strip(), size


def _text_per_index(textpage: Any, n: int) -> str:
    """``"".join(textpage.get_text_range(i, 1) or " " for i in range(n))``: the same two
    pdfium calls an index (its text index, then its one UTF-16 unit, decoded ignoring a lone
    surrogate) without pypdfium2's per-call Python, through unprototyped functions (6.4 ->
    2.2 ms a PDF, averaged over the first pages of the 30 real papers and the review's PDF,
    eleven of which need it)."""
    from extractor.ingest.pdf_chars import unprototyped

    to_text = unprototyped("FPDFText_GetTextIndexFromCharIndex")
    get_text = unprototyped("FPDFText_GetText")
    tp = textpage.raw
    unit = (ctypes.c_ushort * 2)()
    out = []
    for i in range(n):
        if to_text(tp, i) == -1:
            out.append(" ")  # a character pdfium leaves out of the text: no text
            continue
        unit[0] = unit[1] = 0  # a fresh buffer, as get_text_range allocates one a call
        got = get_text(tp, i, 1, unit)
        out.append(codecs.decode(memoryview(unit)[: got - 1], "utf-16-le", "ignore") or " ")
    return "".join(out)


def page_lines(path: str | Path, index: int = 0) -> tuple[list[Line], str]:
    """The lines of page ``index`` (in pdfium's text order) and the page's plain text."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[index]
        height = page.get_size()[1]
        textpage = page.get_textpage()
        n = textpage.count_chars()
        text = textpage.get_text_range()
        if len(text) != n:  # characters outside the BMP: per character, so indices agree
            text = _text_per_index(textpage, n)
        x, y = ctypes.c_double(), ctypes.c_double()
        lines: list[Line] = []
        for match in re.finditer(r"[^\r\n]+", text):
            a, b = match.span()
            if not text[a:b].strip():
                continue
            marked, size = _marks(text[a:b], *_sizes(textpage, a, b))
            raw.FPDFText_GetCharOrigin(textpage.raw, a, ctypes.byref(x), ctypes.byref(y))
            lines.append(Line(marked, size, (height - y.value) / height))
        return lines, text
    finally:
        pdf.close()


def _is_label(text: str) -> bool:
    words = re.findall(r"[\w-]+", text.casefold())
    return not words or all(w in cues().article_labels for w in words)


def _title_line(line: Line, height_limit: float) -> bool:
    t = line.text
    if line.top > height_limit or _is_label(t) or find_doi(t) or running(t) is not None:
        return False
    return sum(c.isalpha() for c in t) >= 3


def _body_size(lines: list[Line]) -> float:
    """The page's running-text type size: the size most characters are set in."""
    weight: Counter[float] = Counter()
    for ln in lines:
        weight[ln.size] += len(ln.text)
    return weight.most_common(1)[0][0] if weight else 0.0


def _spans(lines: list[Line], limit: float) -> list[tuple[int, int]]:
    """Candidate title spans [i, j), largest type first: runs of one type size above the
    body's (and above the first body heading) holding 3+ words."""
    body = cues().body_heading
    end = next((i for i, ln in enumerate(lines) if body.match(ln.text)), len(lines))
    floor = TITLE_OVER_BODY * _body_size(lines)
    head = lines[:end]
    sizes = sorted({ln.size for ln in head if _title_line(ln, limit) and ln.size >= floor})
    spans = []
    for size in sizes[::-1][:3]:
        i = 0
        while i < len(head):
            if head[i].size != size or not _title_line(head[i], limit):
                i += 1
                continue
            j = i + 1
            while j < len(head) and abs(head[j].size - size) < 0.3:
                j += 1
            if len(" ".join(x.text for x in head[i:j]).split()) >= 3:
                spans.append((i, j))
            i = j
    return spans


def _authors(lines: list[Line], start: int) -> tuple[str, ...]:
    """The author line after the title: following lines of one type size, joined while they
    still read as a list of names."""
    k = start
    while k < len(lines) and _is_label(lines[k].text):
        k += 1
    if k >= len(lines):
        return ()
    found = None
    size = lines[k].size
    for j in range(k, min(k + 4, len(lines))):
        if abs(lines[j].size - size) >= 0.3:
            break
        names = given_first_list(" ".join(ln.names for ln in lines[k : j + 1]))
        if names is None:
            break
        found = names
    return found.surnames if found else ()


def _title_and_authors(lines: list[Line]) -> tuple[str | None, tuple[str, ...]]:
    """The largest-type span with an author line under it (a journal name set larger than
    the title has none); failing that, the largest-type span alone."""
    spans = _spans(lines, TOP_SHARE)
    if not spans:
        return None, ()
    with_authors = ((span, _authors(lines, span[1])) for span in spans)
    (i, j), authors = next(((s, a) for s, a in with_authors if a), (spans[0], ()))
    return " ".join(" ".join(ln.text for ln in lines[i:j]).split()), authors


def _doi(text: str) -> str | None:
    """A DOI standing on its own line (header, footer, under the title) before any other."""
    loose = None
    for line in text.splitlines():
        doi = find_doi(line)
        if doi is None:
            continue
        if len(line.strip()) - len(doi) < 30:
            return doi
        loose = loose or doi
    return loose


def read_pdf(path: str | Path) -> tuple[Bibliography, Bibliography]:
    """The first page of the PDF at ``path``: (its citation lines, its layout reading).
    Raises OSError or pypdfium2's PdfiumError for a file pdfium cannot open."""
    lines, text = page_lines(path)
    page_text = "\n".join(ln.text for ln in lines)
    head = head_lines(text.replace("\r\n", "\n").replace("\r", "\n"))
    citation = read_citation(head)
    if not lines:
        return citation, Bibliography()
    title, authors = _title_and_authors(lines)
    front = "\n".join(front_lines(head))
    layout = Bibliography(
        title=title,
        authors=authors,
        year=page_year(text, front),
        doi=_doi(page_text),
        pmid=find_pmid(text),
    )
    return citation, layout
