"""PDF reader: pdfium's text layer for speed, pdfplumber's table finder for ruled tables.

pdfplumber (over pdfminer) costs ~300 ms a page here, pdfium ~4 ms, so the text, its
geometry and the ruling lines all come from pdfium; the ruling lines are then handed to
pdfplumber's ``TableFinder`` (the lines strategy: edges -> intersections -> cells ->
tables), which is where its analysis earns its keep, at no pdfminer parsing cost.

Steps per page: lines with their geometry (first/last character origin, font size and
weight); ruled tables; running headers/footers and page numbers dropped (lines in the
outer margins that repeat across pages once digits are masked, or are bare numbers);
reading order by column (two-column pages read left column then right, full-width lines
split the page into bands); paragraphs rebuilt from line spacing, style and indentation;
line-break hyphens resolved against the document's own vocabulary; powers of ten whose
exponent is raised written as ``10^6``. The text is assembled with tables as pipe tables
(the plain-text convention), and sections/tables/references are found on it, so offsets
are consistent with ``text`` by construction.

Modules: ``pdf_chars`` (per-character geometry), ``pdf_page`` (one page's text and lines),
``pdf_tables`` and ``pdf_booktabs`` (tables), ``pdf_layout`` (running heads, reading order,
floats, paragraphs); this one opens the file and assembles the Document.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from extractor.errors import IngestError
from extractor.ingest.glyphs import GONE, fold_line
from extractor.ingest.pdf_layout import drop_running_lines, merge_split_lines, paragraphs
from extractor.ingest.pdf_page import Line, PageData, TableBlock, read_page
from extractor.ingest.text import read_bytes, structure_of
from extractor.normalize.text import (
    HYPHEN_MARKS,
    collapse_spaces,
    dehyphenate,
    join_hyphenated,
    normalize_ligatures,
    vocabulary,
)
from extractor.types import Document, Page

# a line that ends in a hyphen right after a letter or digit ("hyd-", "IL-"), not a dash
_LITERAL_BREAK = re.compile(r"\w[-\u2010]$")  # searched from len - 3: a match ends the string


# --------------------------------------------------------------------------- checks


def _open(path: Path, data: bytes) -> Any:
    import pypdfium2 as pdfium

    if not data.strip():
        raise IngestError(path, "empty file (no PDF data)")
    if b"%PDF-" not in data[:1024]:
        raise IngestError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "truncated PDF (the file ends without its %%EOF trailer)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        msg = str(err)
        if "password" in msg.lower():
            raise IngestError(path, "encrypted PDF (needs a password); decrypt it first") from None
        raise IngestError(path, f"damaged PDF, pdfium cannot open it ({msg})") from None
    if len(pdf) == 0:
        raise IngestError(path, "PDF has no pages")
    return pdf


# --------------------------------------------------------------------------- assembly


def read_pdf(path: str | Path, doc_id: str | None = None) -> Document:
    """Read a born-digital PDF into a Document (raises IngestError on bad input)."""
    import pypdfium2 as pdfium

    p = Path(path)
    data = read_bytes(p)
    pdf = _open(p, data)
    try:
        pages: list[PageData] = []
        raw_texts: list[str] = []
        for i in range(len(pdf)):
            try:
                page, raw_text = read_page(pdf, i)
            except pdfium.PdfiumError as err:  # a damaged page object
                raise IngestError(p, f"damaged PDF, page {i + 1} cannot be read ({err})") from None
            page.lines = merge_split_lines(page.lines)
            pages.append(page)
            raw_texts.append(raw_text)
    finally:
        pdf.close()
    if not any(raw.strip() for raw in raw_texts):
        raise IngestError(p, "PDF has no text layer (scanned images?); run OCR on it first")
    drop_running_lines(pages)
    vocab = vocabulary(
        re.sub(rf"\S*[{HYPHEN_MARKS}]\S*", " ", normalize_ligatures(t.replace(GONE, "")))
        for t in raw_texts
    )

    pieces = _pieces(pages, vocab)
    parts: list[str] = []
    page_of: list[tuple[int, int, int]] = []  # (page, start, end) per emitted piece
    pos = 0
    for piece, piece_spans in pieces:
        page_of += [(pg, pos + a, pos + b) for pg, a, b in piece_spans]
        parts.append(piece + "\n")
        pos += len(piece) + 1
    text = "".join(parts)
    extent: dict[int, list[int]] = {}
    for pg, a, b in page_of:
        lo, hi = extent.get(pg, [a, b])
        extent[pg] = [min(lo, a), max(hi, b)]
    page_objs = tuple(Page(pg + 1, a, b) for pg, (a, b) in sorted(extent.items()))
    struct, meta = structure_of(text)
    meta = {**meta, "pages": len(pages)}
    return Document(
        doc_id=doc_id or p.stem,
        source=str(path),
        text=text,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        pages=page_objs,
        meta=meta,
        **struct,  # type: ignore[arg-type]
    )


Piece = tuple[str, list[tuple[int, int, int]]]  # text, (page, start, end) within it
_NEW_TABLE = re.compile(r"^(?:Table|TABLE)\s+S?\d+(?!.*ontinued)")


def _pieces(pages: list[PageData], vocab: frozenset[str]) -> list[Piece]:
    """Paragraphs and tables as text pieces in reading order, tables as pipe tables.

    A table's next part (the next column or page) joins it: with its header repeated, or
    with none and nothing between. Short lines between a table and its repeated header (a
    "(b) Continued." label, a running head the page set sideways) wait until the table is
    done, so that its rows stay one pipe table; a new table's caption ends the wait.
    """
    out: list[Piece] = []
    held: list[Piece] = []
    header: list[str] | None = None  # header of the table being written, if any
    lead = False
    for kind, block in paragraphs(pages):
        if kind == "t":
            assert isinstance(block, TableBlock)
            rows = [[_clean(c, vocab) for c in r] for r in block.rows]
            if not rows:
                continue
            if header is not None and rows[0] == header:
                # the same table continued in the next column or page, its header repeated
                lines = [_pipe(r, lead) for r in rows[1:]]
            elif header is not None and not held and len(rows[0]) == len(header):
                # continued straight after the previous part (nothing but a column or page
                # break between them) with no header repeated: every row is a body row
                lines = [_pipe(r, lead) for r in rows]
            else:
                after_table = not held and header is not None
                out += held
                held = []
                lead = not rows[0][0]  # a header stub: every row opens with a pipe
                # a blank line ends the table before when one follows another directly
                lines = [""] if after_table else []
                lines += [_pipe(rows[0], lead), "|".join("---" for _ in rows[0]) + "|"]
                lines += [_pipe(r, lead) for r in rows[1:]]
                header = rows[0]
            if lines:
                piece = "\n".join(lines)
                out.append((piece, [(block.page, 0, len(piece))]))
            continue
        assert isinstance(block, list)
        piece, spans = _join_lines(block, vocab)
        if not piece:
            continue
        short = len(held) < 3 and len(piece) < 100 and not _NEW_TABLE.match(piece)
        if header is not None and short:
            held.append((piece, spans))
            continue
        out += held
        held = []
        out.append((piece, spans))
        header = None
    return out + held


def _clean(s: str, vocab: frozenset[str]) -> str:
    """Cell text: hyphen marks resolved, then line breaks ("\n") joined the same way."""
    s = dehyphenate(fold_line(normalize_ligatures(s)), vocab)
    lines = [collapse_spaces(x) for x in s.split("\n")]
    out = ""
    for ln in (x for x in lines if x):
        if out and _LITERAL_BREAK.search(out, max(0, len(out) - 3)) and ln[:1].isalnum():
            out = join_hyphenated(out[:-1], ln, vocab)
        else:
            out = f"{out} {ln}" if out else ln
    return out


def _pipe(cells: list[str], lead: bool = False) -> str:
    """A pipe-table row; ``lead`` opens it with a pipe too, so that a table whose header
    starts with an empty stub cell keeps it."""
    row = " | ".join(c.replace("|", "\\|") for c in cells) + " |"
    return f"| {row}" if lead else row


@cache
def compound_heads() -> tuple[frozenset[str], frozenset[str]]:
    """Second elements of hyphenated compounds and prefixes closed up without a hyphen
    (data file, sources listed in it)."""
    raw = files("extractor.ingest").joinpath("data/compound_heads.txt").read_text("utf-8")
    rows = [x.strip() for x in raw.splitlines() if x.strip() and not x.startswith("#")]
    prefixes = frozenset(x.split(":", 1)[1].strip() for x in rows if x.startswith("prefix:"))
    return frozenset(x for x in rows if not x.startswith("prefix:")), prefixes


def _join_break(left: str, right: str, vocab: frozenset[str]) -> str:
    """A word broken at a line-end hyphen: the hyphen stays when the word already holds a
    hyphen (TeX breaks such a word only at its own hyphens: "Cobas-Amplicor-|assay") or a
    word of the document is followed by a compound's second element ("voltage-|gated");
    otherwise the document's vocabulary decides (``join_hyphenated``)."""
    lw = re.search(r"[\w\u2010\u2011-]*$", left)
    rw = re.match(r"[a-z]+", right)
    if lw and re.search(r"\w[-\u2010\u2011]\w", lw.group()):
        return f"{left}-{right}"
    heads, prefixes = compound_heads()
    last = re.split(r"[-\u2010\u2011]", lw.group())[-1].casefold() if lw else ""
    if (
        rw
        and rw.group() in heads
        and (last in vocab or len(last) >= 5)  # a word before the break, not "cor-"
        and last not in prefixes
        and (last + rw.group()) not in vocab  # nor a word the document writes closed up
    ):
        return f"{left}-{right}"
    return join_hyphenated(left, right, vocab)


def _join_lines(lines: list[Line], vocab: frozenset[str]) -> tuple[str, list[tuple[int, int, int]]]:
    """One paragraph from its lines, and (page, start, end) of each line's share of it.

    Lines are cleaned one by one and only ever appended to, so each line's span is exact.
    """
    s = ""
    spans: list[tuple[int, int, int]] = []
    hyph = False
    for ln in lines:
        piece = collapse_spaces(fold_line(normalize_ligatures(ln.text.rstrip(HYPHEN_MARKS))))
        if not piece:
            hyph = hyph or ln.hyph
            continue
        if not s:
            start, s = 0, piece
        elif hyph or (_LITERAL_BREAK.search(s, max(0, len(s) - 3)) and piece[:1].isalnum()):
            # pdfium's mark, or a literal hyphen left at the line end by other producers
            left = s if hyph else s[:-1]
            # only the broken word decides: its regexes need not scan the whole paragraph
            cut = left.rfind(" ") + 1
            joined = left[:cut] + _join_break(left[cut:], piece, vocab)
            start, s = len(joined) - len(piece), joined
        else:
            start, s = len(s) + 1, f"{s} {piece}"
        spans.append((ln.page, start, len(s)))
        hyph = ln.hyph
    return s, spans
