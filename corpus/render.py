"""Generate the PDF and JATS renderings of a corpus text (never hand-made).

    python corpus/render.py                       # corpus/text/*.txt -> corpus/pdf/, corpus/jats/
    python corpus/render.py --out-dir /tmp/x      # same, elsewhere (the reproducibility test)

The PDF is a journal-style two-column layout (reportlab, DejaVu fonts bundled with
matplotlib): running header and footer with page numbers, soft-hyphenated line breaks,
tables as ruled grids, and flattened powers of ten in the source ("5×106") typeset as real
superscripts (5×10⁶), which is what a reader of a real PDF meets. The JATS file carries
sections, <table-wrap> tables and a <ref-list> with DOIs/PMIDs where the text gives them.
Both are reproducible byte for byte (reportlab's invariant mode, fixed dates, no DTD fetch).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from extractor.ingest.structure import iter_lines  # noqa: E402
from extractor.ingest.text import read_text  # noqa: E402
from extractor.types import Document, Table  # noqa: E402

# Article metadata not carried by the text file. Source: the publisher's record of
# doi:10.3389/fimmu.2025.1617157 (Frontiers in Immunology 16:1617157, 22 Aug 2025;
# PubMed 40918108, PMC12411529), licensed CC BY 4.0.
ARTICLES = {
    "fimmu-2025-1617157": {
        "title": "Adipose-derived mesenchymal stem cells and their derivatives in inflammatory "
        "skin diseases: a systematic review",
        "authors": [
            ("Matwiejuk", "Mateusz"),
            ("Mikłosz", "Agnieszka"),
            ("Myśliwiec", "Hanna"),
            ("Chabowski", "Adrian"),
            ("Flisiak", "Iwona"),
        ],
        "journal": "Frontiers in Immunology",
        "doi": "10.3389/fimmu.2025.1617157",
        "pmid": "40918108",
        "year": 2025,
        "volume": "16",
        "elocation": "1617157",
        "license": "CC BY 4.0",
    }
}

# "5×106", "1.19 × 1010", "1× 106": a mantissa, a times sign, and 10 followed by a flattened
# exponent of one or two digits.
POWER_OF_TEN = re.compile(r"(\d(?:[.,]\d+)?\s?[×xX]\s?)10(\d{1,2})(?!\d)")
FIGURE_LABEL = re.compile(r"^(Figure|Fig\.)\s+\d+[A-Za-z]?\.?$")
ENTRY = re.compile(r"^\s*(?:[-*•]\s+)?(\d{1,4})\.\s+(.*)$")


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """One unit of layout, in reading order."""

    kind: str  # heading | para | figure | table | ref | keywords
    text: str = ""
    level: int = 1
    caption: str = ""
    table: Table | None = None
    note: str = ""
    number: int | None = None


def blocks_of(doc: Document) -> list[Block]:
    """Split the text document into layout blocks (headings, paragraphs, tables, refs)."""
    heads = {s.start: s for s in doc.sections}
    tables = {t.start: t for t in doc.tables}
    notes = {n["label"]: n for n in doc.meta.get("table_notes", [])}
    ref_starts = {r.start: r for r in doc.references}
    lines = [ln for ln in iter_lines(doc.text) if ln.text.strip()]
    out: list[Block] = []
    i = 0
    skip_until = -1
    while i < len(lines):
        ln = lines[i]
        if ln.start < skip_until:
            i += 1
            continue
        if ln.start in tables:
            t = tables[ln.start]
            note = notes.get(t.label, {}).get("text", "")
            out.append(Block("table", t.label or "", caption=t.caption, table=t, note=note))
            skip_until = t.end
        elif ln.start in heads:
            out.append(Block("heading", ln.text.strip(), level=heads[ln.start].level))
        elif ln.start in ref_starts:
            m = ENTRY.match(ln.text)
            assert m is not None
            out.append(Block("ref", m.group(2), number=int(m.group(1))))
        elif FIGURE_LABEL.match(ln.text.strip()) and i + 1 < len(lines):
            out.append(Block("figure", ln.text.strip(), caption=lines[i + 1].text.strip()))
            i += 1
        elif ln.text.startswith("Keywords:"):
            out.append(Block("keywords", ln.text.split(":", 1)[1].strip()))
        else:
            out.append(Block("para", ln.text.strip()))
        i += 1
    return out


# --------------------------------------------------------------------------- PDF


def markup(s: str) -> str:
    """reportlab paragraph markup: escaped text, flattened powers of ten raised."""
    return POWER_OF_TEN.sub(r"\g<1>10<super>\2</super>", escape(s))


_VOWELS = set("aeiouy")
_DIGRAPHS = {"th", "ch", "sh", "ph", "wh", "ck", "gh", "qu", "ng"}


def hyphenate(word: str) -> list[tuple[str, str]]:
    """Break points between two consonants flanked by vowels (VC-CV), longest head first.

    A plain syllable rule stands in for a dictionary hyphenator (pyphen) so the renderer
    needs nothing beyond reportlab; reportlab calls it for lower-case words only.
    """
    w = word
    if "-" in w:
        # compounds are never broken: when reportlab 5.1 re-flows a line that ended in a
        # real hyphen it strips that hyphen (paragraph._shyUnsplit does rstrip("-")) and
        # prints "antiinflammatory"
        return []
    if len(w) < 8 or not w.isalpha() or not w[1:].islower():
        return []
    low = w.lower()
    pairs = []
    for i in range(3, len(w) - 3):
        a, b = low[i - 1], low[i]
        if (
            low[i - 2] in _VOWELS
            and a not in _VOWELS
            and b not in _VOWELS
            and low[i + 1] in _VOWELS
            and a + b not in _DIGRAPHS
        ):
            pairs.append((w[:i], w[i:]))
    return sorted(pairs, key=lambda p: -len(p[0]))


def render_pdf(doc: Document, out: Path, rules: str = "grid") -> None:
    """Write ``doc`` as a two-column journal-style PDF to ``out`` (byte-stable).

    ``rules="grid"`` rules every cell of a table (the corpus file); ``"booktabs"`` draws only
    a top, a header and a bottom rule, as many journals do (used by the tests).
    """
    import matplotlib
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        BaseDocTemplate,
        CondPageBreak,
        Frame,
        FrameBreak,
        KeepTogether,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import Table as RLTable

    rl_config.invariant = 1  # fixed dates and ids: the same input gives the same bytes
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in [
        ("DejaVu", "DejaVuSans.ttf"),
        ("DejaVu-Bold", "DejaVuSans-Bold.ttf"),
        ("DejaVu-Oblique", "DejaVuSans-Oblique.ttf"),
        ("DejaVu-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
    ]:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    pdfmetrics.registerFontFamily(
        "DejaVu",
        normal="DejaVu",
        bold="DejaVu-Bold",
        italic="DejaVu-Oblique",
        boldItalic="DejaVu-BoldOblique",
    )
    meta = ARTICLES.get(doc.doc_id, {})
    body = ParagraphStyle(
        "body",
        fontName="DejaVu",
        fontSize=8.6,
        leading=11.2,
        alignment=TA_JUSTIFY,
        spaceAfter=5,
        hyphenationLang=hyphenate,
        embeddedHyphenation=0,
        uriWasteReduce=0,
    )
    styles = {
        1: ParagraphStyle(
            "h1",
            body,
            fontName="DejaVu-Bold",
            fontSize=10.5,
            leading=13,
            spaceBefore=8,
            spaceAfter=4,
            alignment=0,
            hyphenationLang="",
        ),
        2: ParagraphStyle(
            "h2",
            body,
            fontName="DejaVu-Bold",
            fontSize=9.4,
            leading=12,
            spaceBefore=6,
            spaceAfter=3,
            alignment=0,
            hyphenationLang="",
        ),
        3: ParagraphStyle(
            "h3",
            body,
            fontName="DejaVu-BoldOblique",
            fontSize=8.8,
            leading=11.5,
            spaceBefore=5,
            spaceAfter=3,
            alignment=0,
            hyphenationLang="",
        ),
    }
    caption = ParagraphStyle("caption", body, fontSize=7.6, leading=9.6, spaceAfter=3)
    label = ParagraphStyle("label", caption, fontName="DejaVu-Bold", spaceAfter=1)
    # no breaks inside table cells: reportlab 5.1 drops the hyphen of a compound it moves
    # whole to the next line of a narrow cell ("cASC-EVs" -> "cASCEVs")
    cell = ParagraphStyle(
        "cell",
        body,
        fontSize=6.4,
        leading=7.8,
        alignment=0,
        spaceAfter=0,
        hyphenationLang="",
        embeddedHyphenation=0,
    )
    head_cell = ParagraphStyle("headcell", cell, fontName="DejaVu-Bold")
    group_cell = ParagraphStyle("groupcell", cell, fontName="DejaVu-Oblique")
    note = ParagraphStyle("note", caption, fontSize=6.6, leading=8.4, spaceAfter=8)
    ref = ParagraphStyle(
        "ref",
        body,
        fontSize=7.2,
        leading=9.0,
        leftIndent=12,
        firstLineIndent=-12,
        alignment=0,
        spaceAfter=2,
    )
    title = ParagraphStyle(
        "title",
        body,
        fontName="DejaVu-Bold",
        fontSize=16,
        leading=20,
        alignment=0,
        spaceAfter=6,
        hyphenationLang="",
    )
    byline = ParagraphStyle("byline", body, fontSize=9, leading=12, alignment=0)

    page_w, page_h = A4
    margin_x, top, bottom, gutter = 46.0, 64.0, 56.0, 16.0
    col_w = (page_w - 2 * margin_x - gutter) / 2
    col_h = page_h - top - bottom
    title_h = 120.0

    def columns(h: float) -> list[Frame]:
        return [
            Frame(margin_x, bottom, col_w, h, id="left", leftPadding=0, rightPadding=0),
            Frame(
                margin_x + col_w + gutter,
                bottom,
                col_w,
                h,
                id="right",
                leftPadding=0,
                rightPadding=0,
            ),
        ]

    running_left = f"{meta['authors'][0][0]} et al." if meta else doc.doc_id
    running_right = meta.get("doi", "")
    journal = meta.get("journal", "")

    def decorate(canvas, _doc) -> None:  # running header and footer on every page
        canvas.saveState()
        canvas.setFont("DejaVu", 7.5)
        y = page_h - 40
        canvas.drawString(margin_x, y, running_left)
        canvas.drawRightString(page_w - margin_x, y, running_right)
        canvas.setLineWidth(0.4)
        canvas.line(margin_x, y - 4, page_w - margin_x, y - 4)
        canvas.drawString(margin_x, 32, journal)
        canvas.drawRightString(page_w - margin_x, 32, str(canvas.getPageNumber()))
        canvas.restoreState()

    first = PageTemplate(
        id="first",
        frames=[
            Frame(
                margin_x,
                page_h - top - title_h,
                page_w - 2 * margin_x,
                title_h,
                id="title",
                leftPadding=0,
                rightPadding=0,
            ),
            *columns(col_h - title_h - 8),
        ],
        onPage=decorate,
    )
    later = PageTemplate(id="later", frames=columns(col_h), onPage=decorate)
    pdf = BaseDocTemplate(
        str(out),
        pagesize=A4,
        pageTemplates=[first, later],
        title=meta.get("title", doc.doc_id),
        author="; ".join(f"{s} {g}" for s, g in meta.get("authors", [])),
        subject=running_right,
        creator="extractor corpus/render.py",
        producer="reportlab",
        invariant=1,
    )

    story: list = [NextPageTemplate("later")]
    if meta:
        story.append(Paragraph(escape(meta["title"]), title))
        names = ", ".join(f"{g} {s}" for s, g in meta["authors"])
        story.append(Paragraph(escape(names), byline))
        story.append(
            Paragraph(
                escape(
                    f"{journal} {meta['year']}; {meta['volume']}:"
                    f"{meta['elocation']}. doi: {meta['doi']}"
                ),
                byline,
            )
        )
    story.append(FrameBreak())
    for b in blocks_of(doc):
        if b.kind == "heading":
            story.append(CondPageBreak(40))
            story.append(Paragraph(markup(b.text), styles[min(b.level, 3)]))
        elif b.kind == "para":
            story.append(Paragraph(markup(b.text), body))
        elif b.kind == "keywords":
            story.append(Paragraph("<b>Keywords:</b> " + markup(b.text), body))
        elif b.kind == "figure":
            story.append(
                KeepTogether(
                    [Paragraph(markup(b.text), label), Paragraph(markup(b.caption), caption)]
                )
            )
        elif b.kind == "ref":
            story.append(Paragraph(f"{b.number}. " + markup(b.text), ref))
        elif b.kind == "table" and b.table is not None:
            t = b.table
            ncols = len(t.header)
            data = [[Paragraph(markup(h), head_cell) for h in t.header]]
            spans = []
            for r, row in enumerate(t.rows, start=1):
                filled = [c for c in row if c]
                if len(filled) == 1 and row[0]:
                    data.append([Paragraph(markup(row[0]), group_cell)] + [""] * (ncols - 1))
                    spans.append(("SPAN", (0, r), (-1, r)))
                else:
                    data.append([Paragraph(markup(c), cell) for c in row])
            widths = [0.24, 0.11, 0.30, 0.35][:ncols] if ncols == 4 else [1 / ncols] * ncols
            grid = RLTable(data, colWidths=[w * col_w for w in widths], repeatRows=1, hAlign="LEFT")
            if rules == "grid":
                lines = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
            else:  # horizontal rules only: above and below the header, below every row
                lines = [
                    ("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.black),
                ]
            grid.setStyle(
                TableStyle(
                    [
                        *lines,
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2 if rules == "grid" else 4),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 2 if rules == "grid" else 4),
                        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                        *(
                            [("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88))]
                            if rules == "grid"
                            else []
                        ),
                        *spans,
                    ]
                )
            )
            story.append(CondPageBreak(120))
            story.append(Paragraph(escape(b.text + "."), label))
            story.append(Paragraph(markup(b.caption), caption))
            story.append(grid)
            story.append(Spacer(1, 3))
            if b.note:
                story.append(Paragraph(markup(b.note), note))
    pdf.build(story)


# --------------------------------------------------------------------------- JATS


def render_jats(doc: Document, out: Path) -> None:
    """Write ``doc`` as a JATS 1.3 article (sections, table-wrap, ref-list)."""
    from lxml import etree

    meta = ARTICLES.get(doc.doc_id, {})
    XLINK = "http://www.w3.org/1999/xlink"
    art = etree.Element(
        "article", nsmap={"xlink": XLINK, "mml": "http://www.w3.org/1998/Math/MathML"}
    )
    art.set("article-type", "review-article")
    art.set("dtd-version", "1.3")
    art.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    front = etree.SubElement(art, "front")
    jm = etree.SubElement(front, "journal-meta")
    jtg = etree.SubElement(jm, "journal-title-group")
    etree.SubElement(jtg, "journal-title").text = meta.get("journal", "")
    am = etree.SubElement(front, "article-meta")
    if meta:
        etree.SubElement(am, "article-id", {"pub-id-type": "doi"}).text = meta["doi"]
        etree.SubElement(am, "article-id", {"pub-id-type": "pmid"}).text = meta["pmid"]
    tg = etree.SubElement(am, "title-group")
    etree.SubElement(tg, "article-title").text = meta.get("title", doc.doc_id)
    if meta:
        cg = etree.SubElement(am, "contrib-group")
        for surname, given in meta["authors"]:
            c = etree.SubElement(cg, "contrib", {"contrib-type": "author"})
            n = etree.SubElement(c, "name")
            etree.SubElement(n, "surname").text = surname
            etree.SubElement(n, "given-names").text = given
        pd = etree.SubElement(am, "pub-date", {"pub-type": "epub"})
        etree.SubElement(pd, "year").text = str(meta["year"])
        etree.SubElement(am, "volume").text = meta["volume"]
        etree.SubElement(am, "elocation-id").text = meta["elocation"]
        perm = etree.SubElement(am, "permissions")
        lic = etree.SubElement(
            perm,
            "license",
            {
                "license-type": "open-access",
                f"{{{XLINK}}}href": "https://creativecommons.org/licenses/by/4.0/",
            },
        )
        etree.SubElement(lic, "license-p").text = meta["license"]
    body = etree.SubElement(art, "body")
    back = etree.SubElement(art, "back")

    blocks = blocks_of(doc)
    stack: list[tuple[int, etree._Element]] = []  # (level, sec)
    container = body
    where = "front"
    n_sec = n_fig = n_tab = 0
    ref_list = None
    for b in blocks:
        if b.kind == "heading":
            m = re.match(r"^((?:\d+\.)+)\s+(.*)$", b.text)
            title = b.text if not m else m.group(2)
            if b.text == "Abstract":
                where = "abstract"
                container = etree.SubElement(am, "abstract")
                continue
            if b.text.casefold() == "references":
                where = "refs"
                ref_list = etree.SubElement(back, "ref-list")
                etree.SubElement(ref_list, "title").text = b.text
                continue
            parent_root = body if m else back
            where = "body" if m else "back"
            if not m:
                stack.clear()  # unnumbered back-matter sections do not nest
            while stack and stack[-1][0] >= b.level:
                stack.pop()
            parent = stack[-1][1] if stack and m else parent_root
            n_sec += 1
            sec = etree.SubElement(parent, "sec", {"id": f"s{n_sec}"})
            if m:
                etree.SubElement(sec, "label").text = m.group(1)
            etree.SubElement(sec, "title").text = title
            stack.append((b.level if m else 0, sec))
            container = sec
        elif b.kind == "keywords":
            kg = etree.SubElement(am, "kwd-group")
            for k in b.text.split(","):
                etree.SubElement(kg, "kwd").text = k.strip()
        elif b.kind == "para":
            _append_rich(etree.SubElement(container, "p"), b.text)
        elif b.kind == "figure":
            n_fig += 1
            fig = etree.SubElement(container, "fig", {"id": f"f{n_fig}", "position": "float"})
            etree.SubElement(fig, "label").text = b.text
            _append_rich(etree.SubElement(etree.SubElement(fig, "caption"), "p"), b.caption)
        elif b.kind == "table" and b.table is not None:
            n_tab += 1
            t = b.table
            tw = etree.SubElement(container, "table-wrap", {"id": f"T{n_tab}", "position": "float"})
            etree.SubElement(tw, "label").text = b.text + "."
            _append_rich(etree.SubElement(etree.SubElement(tw, "caption"), "p"), b.caption)
            table = etree.SubElement(tw, "table", {"frame": "hsides", "rules": "groups"})
            tr = etree.SubElement(etree.SubElement(table, "thead"), "tr")
            for h in t.header:
                _append_rich(etree.SubElement(tr, "th", {"align": "left"}), h)
            tbody = etree.SubElement(table, "tbody")
            for row in t.rows:
                tr = etree.SubElement(tbody, "tr")
                filled = [c for c in row if c]
                if len(filled) == 1 and row[0]:
                    td = etree.SubElement(
                        tr, "td", {"colspan": str(len(t.header)), "align": "left"}
                    )
                    _append_rich(etree.SubElement(td, "italic"), row[0])
                else:
                    for c in row:
                        _append_rich(etree.SubElement(tr, "td", {"align": "left"}), c)
            if b.note:
                foot = etree.SubElement(tw, "table-wrap-foot")
                _append_rich(etree.SubElement(foot, "p"), b.note)
        elif b.kind == "ref" and ref_list is not None:
            r = etree.SubElement(ref_list, "ref", {"id": f"B{b.number}"})
            etree.SubElement(r, "label").text = str(b.number)
            mc = etree.SubElement(r, "mixed-citation", {"publication-type": "journal"})
            _citation(mc, b.text)
    del where
    tree = etree.ElementTree(art)
    data = etree.tostring(tree, xml_declaration=False, encoding="unicode", pretty_print=True)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange '
        'DTD v1.3 20210610//EN" "JATS-archivearticle1-3.dtd">\n'
    )
    out.write_text(head + data, encoding="utf-8")


def _append_rich(el, s: str) -> None:
    """Text with flattened powers of ten as <sup> exponents."""
    from lxml import etree

    pos = 0
    last = None
    for m in POWER_OF_TEN.finditer(s):
        chunk = s[pos : m.start()] + m.group(1) + "10"
        if last is None:
            el.text = (el.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        last = etree.SubElement(el, "sup")
        last.text = m.group(2)
        pos = m.end()
    rest = s[pos:]
    if last is None:
        el.text = (el.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


_DOI = re.compile(r"\b10\.\d{4,9}/[^\s,;]+")
_PMID = re.compile(r"(PMID:?\s*)(\d{4,9})")


def _citation(mc, s: str) -> None:
    """Reference text with its DOI and PMID wrapped as <pub-id> (the JATS way)."""
    from lxml import etree

    marks = []
    for m in _DOI.finditer(s):
        marks.append((m.start(), m.end(), "doi"))
    for m in _PMID.finditer(s):
        marks.append((m.start(2), m.end(2), "pmid"))
    marks.sort()
    pos = 0
    last = None
    for a, e, kind in marks:
        val = s[a:e].rstrip(".")
        e = a + len(val)
        chunk = s[pos:a]
        if last is None:
            mc.text = (mc.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        last = etree.SubElement(mc, "pub-id", {"pub-id-type": kind})
        last.text = val
        pos = e
    rest = s[pos:]
    if last is None:
        mc.text = (mc.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


# --------------------------------------------------------------------------- main


def generator_versions() -> dict[str, str]:
    """Versions that decide the rendered bytes (reportlab, the DejaVu fonts, lxml)."""
    from importlib.metadata import version

    return {k: version(k) for k in ("reportlab", "matplotlib", "lxml")}


def manifest_rows(corpus: Path) -> list[dict[str, object]]:
    """One manifest row per corpus file (text, pdf, jats), with its sha256."""
    import hashlib

    rows: list[dict[str, object]] = []
    for txt in sorted((corpus / "text").glob("*.txt")):
        meta = ARTICLES.get(txt.stem, {})
        for fmt, rel in (
            ("text", f"text/{txt.name}"),
            ("pdf", f"pdf/{txt.stem}.pdf"),
            ("jats", f"jats/{txt.stem}.xml"),
        ):
            f = corpus / rel
            if not f.exists():
                continue
            rows.append(
                {
                    "doc_id": txt.stem,
                    "path": f"corpus/{rel}",
                    "format": fmt,
                    "title": meta.get("title"),
                    "doi": meta.get("doi"),
                    "pmid": meta.get("pmid"),
                    "licence": meta.get("license"),
                    "sha256": hashlib.sha256(f.read_bytes()).hexdigest(),
                    "origin": "source text (PubMed Central full text of the article)"
                    if fmt == "text"
                    else f"generated by corpus/render.py from corpus/text/{txt.name}",
                    **({} if fmt == "text" else {"generator": generator_versions()}),
                }
            )
    return rows


def write_manifest(corpus: Path) -> Path:
    import json

    out = corpus / "manifest.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in manifest_rows(corpus)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def render_all(text_dir: Path, out_dir: Path) -> list[Path]:
    """Render every text of ``text_dir``; returns the written paths."""
    written = []
    for txt in sorted(text_dir.glob("*.txt")):
        doc = read_text(txt)
        pdf = out_dir / "pdf" / f"{txt.stem}.pdf"
        xml = out_dir / "jats" / f"{txt.stem}.xml"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        xml.parent.mkdir(parents=True, exist_ok=True)
        render_pdf(doc, pdf)
        render_jats(doc, xml)
        written += [pdf, xml]
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text-dir", type=Path, default=HERE / "text")
    ap.add_argument("--out-dir", type=Path, default=HERE)
    args = ap.parse_args(argv)
    for p in render_all(args.text_dir, args.out_dir):
        print(p)
    if args.out_dir.resolve() == HERE:
        print(write_manifest(HERE))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
