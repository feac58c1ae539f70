"""JATS XML reader (publisher and PubMed Central articles), with lxml and no network.

The document text is written from the XML in reading order: article title, abstract
("Abstract" heading), keywords, body sections ("label title" heading lines, one line per
paragraph), figures (label and caption lines), tables (label, caption, then the rows as a
pipe table as in the plain-text convention, then the table foot), back-matter sections and
the reference list ("References", one "N. citation" line per <ref>). Sections, tables and
references are taken from the XML structure itself, with their spans recorded as the text
is written, so offsets agree with ``text`` by construction.

Powers of ten typeset as ``10<sup>6</sup>`` are written ``10^6``; other superscripts and
subscripts keep their characters. DTDs and external entities are never loaded.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from extractor.errors import IngestError
from extractor.ingest.structure import parse_reference
from extractor.ingest.text import read_bytes
from extractor.normalize.text import collapse_spaces
from extractor.types import Document, Reference, Section, Table

# XPath constants (local names, so both namespaced and plain JATS work)
X_TITLE = (
    ".//*[local-name()='article-meta']/*[local-name()='title-group']"
    "/*[local-name()='article-title']"
)
X_ABSTRACT = ".//*[local-name()='article-meta']/*[local-name()='abstract']"
X_KWD_GROUP = ".//*[local-name()='article-meta']/*[local-name()='kwd-group']"
X_BODY = "./*[local-name()='body']"
X_BACK = "./*[local-name()='back']"
X_FLOATS = "./*[local-name()='floats-group']"

_SKIP = {"label", "title", "caption", "table-wrap-foot", "object-id", "alternatives"}
_BLOCKS = {
    "p",
    "sec",
    "fig",
    "table-wrap",
    "list",
    "disp-quote",
    "ref-list",
    "boxed-text",
    "fn-group",
    "ack",
    "app-group",
    "app",
    "glossary",
    "def-list",
    "statement",
    "notes",
    "disp-formula",
    "supplementary-material",
}


def _local(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c) == name]


def inline_text(el: Any) -> str:
    """The text of an inline-content element, exponents of ten written as ``10^n``."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        name = _local(node)
        if name == "sup":
            inner = "".join(node.itertext())
            prev = "".join(parts)
            if re.search(r"(?<!\d)10$", prev) and re.fullmatch(r"\s*[-−]?\d{1,3}\s*", inner):
                parts.append("^" + inner.strip())
            else:
                parts.append(inner)
        elif name in (
            "xref",
            "italic",
            "bold",
            "sub",
            "sc",
            "underline",
            "monospace",
            "named-content",
            "styled-content",
            "ext-link",
            "uri",
            "email",
            "inline-formula",
            "abbrev",
            "roman",
            "sans-serif",
            "pub-id",
            "span",
        ):
            if node.text:
                parts.append(node.text)
            for c in node:
                walk(c)
                if c.tail:
                    parts.append(c.tail)
            return
        elif name in ("fn", "table-wrap", "fig"):
            pass  # floats inside a paragraph are written as their own blocks
        else:
            if node.text:
                parts.append(node.text)
            for c in node:
                walk(c)
                if c.tail:
                    parts.append(c.tail)
            return

    if el.text:
        parts.append(el.text)
    for c in el:
        walk(c)
        if c.tail:
            parts.append(c.tail)
    return collapse_spaces("".join(parts))


class _Writer:
    """Accumulates lines of text and records the structure spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sections: list[Section] = []
        self.tables: list[Table] = []
        self.references: list[Reference] = []
        self.notes: list[dict[str, object]] = []
        # floats kept apart from the text (<floats-group>), by id, written after the
        # paragraph that first cites them
        self.floats: dict[str, Any] = {}

    def line(self, s: str) -> tuple[int, int]:
        s = s.replace("\n", " ").strip()
        if not s:
            return self.pos, self.pos
        start = self.pos
        self.parts.append(s + "\n")
        self.pos += len(s) + 1
        return start, start + len(s)

    @property
    def end(self) -> int:
        return max(self.pos - 1, 0)

    def text(self) -> str:
        return "".join(self.parts)


def read_jats(path: str | Path, doc_id: str | None = None) -> Document:
    """Read a JATS article into a Document; raises IngestError on bad XML or non-JATS."""
    from lxml import etree

    p = Path(path)
    data = read_bytes(p)
    if not data.strip():
        raise IngestError(p, "empty file (no XML)")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        line = getattr(err, "lineno", None)
        where = f" at line {line}" if line else ""
        msg = str(err.msg if hasattr(err, "msg") else err).splitlines()[0]
        raise IngestError(p, f"not well-formed XML{where} ({msg})") from None
    if root is not None and _local(root) == "pmc-articleset":
        # what PMC's efetch returns: the article inside a set wrapper
        inner = [c for c in root if _local(c) == "article"]
        if len(inner) != 1:
            raise IngestError(p, f"PMC article set holds {len(inner)} articles; expected one")
        root = inner[0]
    if root is None or _local(root) != "article":
        raise IngestError(
            p, f"not a JATS article (root element <{_local(root) if root is not None else '?'}>)"
        )

    w = _Writer()
    titles = root.xpath(X_TITLE)
    if titles:
        w.line(inline_text(titles[0]))
    for ab in root.xpath(X_ABSTRACT):
        start, _ = w.line("Abstract")
        _blocks(ab, w, level=2)
        w.sections.append(Section("Abstract", start, w.end, 1))
    for kg in root.xpath(X_KWD_GROUP):
        kwds = [inline_text(k) for k in kg if _local(k) == "kwd"]
        if kwds:
            w.line("Keywords: " + ", ".join(kwds))
    for group in root.xpath(X_FLOATS):
        for fl in group:
            if _local(fl) in ("fig", "fig-group", "table-wrap", "table-wrap-group"):
                w.floats[fl.get("id") or f"_float{len(w.floats)}"] = fl
    for body in root.xpath(X_BODY):
        _blocks(body, w, level=1)
    for fl in list(w.floats.values()):  # floats no paragraph cites
        _float(fl, w)
    w.floats.clear()
    for back in root.xpath(X_BACK):
        _blocks(back, w, level=1)
    text = w.text()
    if not text.strip():
        raise IngestError(p, "JATS article has no text (no title, abstract or body)")
    meta: dict[str, Any] = {}
    article_type = (root.get("article-type") or "").strip()
    if article_type:  # the publisher's own label: research-article, review-article, case-report
        meta["article_type"] = article_type
    if w.notes:
        meta["table_notes"] = w.notes
    return Document(
        doc_id=doc_id or p.stem,
        source=str(path),
        text=text,
        format="jats",
        sha256=hashlib.sha256(data).hexdigest(),
        sections=tuple(sorted(w.sections, key=lambda s: (s.start, s.level))),
        tables=tuple(w.tables),
        references=tuple(w.references),
        meta=meta,
    )


def _heading(el: Any) -> str:
    label = _children(el, "label")
    title = _children(el, "title")
    parts = [inline_text(label[0]) if label else "", inline_text(title[0]) if title else ""]
    return " ".join(x for x in parts if x)


def _blocks(el: Any, w: _Writer, level: int) -> None:
    """Write the block content of ``el`` (sections recurse one level deeper)."""
    for child in el:
        name = _local(child)
        if name in ("sec", "ack", "app", "notes", "glossary"):
            head = _heading(child)
            start = w.pos
            if head:
                w.line(head)
            _blocks(child, w, level + 1)
            if head:
                w.sections.append(Section(head, start, w.end, level))
        elif name == "p":
            w.line(inline_text(child))
            for fl in child:  # floats anchored inside the paragraph
                _float(fl, w)
            if w.floats:
                for rid in child.xpath(".//*[local-name()='xref']/@rid"):
                    for one in str(rid).split():
                        if one in w.floats:
                            _float(w.floats.pop(one), w)
        elif name in ("fig", "fig-group", "table-wrap", "table-wrap-group"):
            _float(child, w)
        elif name == "list":
            for item in _children(child, "list-item"):
                label = _children(item, "label")
                body = " ".join(inline_text(x) for x in item if _local(x) != "label")
                w.line((inline_text(label[0]) + " " if label else "") + body)
        elif (
            name
            in (
                "disp-quote",
                "boxed-text",
                "statement",
                "fn-group",
                "app-group",
                "def-list",
                "supplementary-material",
            )
            or name == "fn"
        ):
            _blocks(child, w, level)
        elif name == "ref-list":
            _ref_list(child, w, level)
        elif name in ("title", "label", "sec-meta", "object-id", "kwd-group"):
            continue
        elif name == "disp-formula" or name in ("def-item", "term", "def"):
            w.line(inline_text(child))


def _float(el: Any, w: _Writer) -> None:
    """A figure or table (or a group of them); anything else is ignored."""
    name = _local(el)
    if name == "fig":
        _figure(el, w)
    elif name == "fig-group":
        for f in _children(el, "fig"):
            _figure(f, w)
    elif name == "table-wrap":
        _table(el, w)
    elif name == "table-wrap-group":
        for t in _children(el, "table-wrap"):
            _table(t, w)


def _figure(el: Any, w: _Writer) -> None:
    label = _children(el, "label")
    if label:
        w.line(inline_text(label[0]))
    for cap in _children(el, "caption"):
        for c in cap:
            if _local(c) in ("title", "p"):
                w.line(inline_text(c))


def _span(c: Any, name: str) -> int:
    try:
        return max(1, min(int(c.get(name, "1") or 1), 1000))
    except ValueError:
        return 1


def _grid(trs: list[Any], carry: bool = False) -> list[list[str]]:
    """Rows of cell texts with ``colspan`` and ``rowspan`` laid out on a grid.

    A spanned position is empty, the text standing in the first row and column of its span;
    with ``carry`` a cell spanning down keeps its text in every row it covers (header rows,
    where only the last row is kept).
    """
    out: list[list[str]] = []
    below: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    for tr in trs:
        row: list[str] = []
        cells = [c for c in tr if _local(c) in ("td", "th")]
        k = 0
        while True:
            col = len(row)
            if col in below:
                left, txt = below.pop(col)
                row.append(txt if carry else "")
                if left > 1:
                    below[col] = (left - 1, txt)
            elif k < len(cells):
                c = cells[k]
                k += 1
                txt = inline_text(c)
                cs, rs = _span(c, "colspan"), _span(c, "rowspan")
                for j in range(cs):
                    row.append(txt if j == 0 else "")
                    if rs > 1:
                        below[col + j] = (rs - 1, txt if j == 0 else "")
            elif any(c2 > col for c2 in below):
                row.append("")
            else:
                break
        out.append(row)
    return out


def _table(el: Any, w: _Writer) -> None:
    """A <table-wrap>: label, caption, header row(s), body rows, foot."""
    label_el = _children(el, "label")
    label_text = inline_text(label_el[0]) if label_el else ""
    caption = ""
    for cap in _children(el, "caption"):
        caption = " ".join(inline_text(c) for c in cap if _local(c) in ("title", "p"))
    tables = el.xpath(".//*[local-name()='table']")
    start = w.pos
    if label_text:
        w.line(label_text)
    if caption:
        w.line(caption)
    header: list[str] = []
    rows: list[list[str]] = []
    for table in tables[:1]:
        head_rows = table.xpath("./*[local-name()='thead']/*[local-name()='tr']")
        body_rows = table.xpath(
            "./*[local-name()='tbody']/*[local-name()='tr'] | ./*[local-name()='tr']"
        )
        if head_rows:
            header = _grid(head_rows, carry=True)[-1]
        elif body_rows:
            header, body_rows = _grid(body_rows[:1])[0], body_rows[1:]
        rows = _grid(body_rows)
    ncols = max([len(header), *(len(r) for r in rows)])
    header = header + [""] * (ncols - len(header))
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    if ncols:
        w.line(_pipe(header))
        w.line("|".join("---" for _ in header) + "|")
        for r in rows:
            w.line(_pipe(r))
    for foot in _children(el, "table-wrap-foot"):
        note = " ".join(inline_text(c) for c in foot.iter() if _local(c) == "p") or inline_text(
            foot
        )
        if note:
            a, b = w.line(note)
            w.notes.append({"label": _norm_label(label_text), "text": note, "start": a, "end": b})
    w.tables.append(
        Table(
            _norm_label(label_text),
            caption,
            tuple(header),
            tuple(tuple(r) for r in rows),
            start,
            w.end,
        )
    )


def _norm_label(label: str) -> str | None:
    m = re.match(r"^\s*(?:Table|TABLE|Tab\.)\s+(\S+?)[.:]?\s*$", label)
    return f"Table {m.group(1)}" if m else (label.strip().rstrip(".") or None)


def _pipe(cells: list[str]) -> str:
    return " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _ref_list(el: Any, w: _Writer, level: int) -> None:
    head = _heading(el) or "References"
    start, _ = w.line(head)
    for k, ref in enumerate(_children(el, "ref"), start=1):
        label = _children(ref, "label")
        num_text = inline_text(label[0]) if label else ""
        m = re.match(r"\[?(\d+)", num_text)
        number = int(m.group(1)) if m else k
        cits = [
            c
            for c in ref
            if _local(c) in ("mixed-citation", "element-citation", "citation", "nlm-citation")
        ]
        if not cits:
            continue
        cit = cits[0]
        body = _citation_text(cit)
        a, b = w.line(f"{number}. {body}")
        parsed = parse_reference(number, body, a, b)
        authors = (
            tuple(
                collapse_spaces(
                    " ".join(
                        x
                        for x in (
                            "".join(n.xpath("./*[local-name()='surname']//text()")),
                            "".join(n.xpath("./*[local-name()='given-names']//text()")),
                        )
                        if x
                    )
                )
                for n in cit.xpath(".//*[local-name()='person-group']/*[local-name()='name']")
            )
            or parsed.authors
        )
        year_el = cit.xpath(".//*[local-name()='year']/text()")
        ym = re.search(r"\d{4}", year_el[0]) if year_el else None
        title_el = cit.xpath(".//*[local-name()='article-title']")
        doi = cit.xpath(".//*[local-name()='pub-id'][@pub-id-type='doi']/text()")
        pmid = cit.xpath(".//*[local-name()='pub-id'][@pub-id-type='pmid']/text()")
        w.references.append(
            Reference(
                number,
                body,
                a,
                b,
                authors,
                int(ym.group()) if ym else parsed.year,
                inline_text(title_el[0]).rstrip(".") if title_el else parsed.title,
                doi[0].strip() if doi else parsed.doi,
                pmid[0].strip() if pmid else parsed.pmid,
            )
        )
    w.sections.append(Section(head, start, w.end, level))


def _citation_text(cit: Any) -> str:
    """A citation as one line; element-citations (no punctuation in the XML) get some."""
    if _local(cit) == "mixed-citation" or (cit.text and cit.text.strip()):
        return inline_text(cit)
    pieces = []
    names = cit.xpath(".//*[local-name()='person-group']/*[local-name()='name']")
    if names:
        pieces.append(
            ", ".join(
                " ".join(
                    "".join(n.xpath(f"./*[local-name()='{f}']//text()"))
                    for f in ("surname", "given-names")
                ).strip()
                for n in names
            )
            + "."
        )
    for field, end in (
        ("article-title", "."),
        ("source", "."),
        ("year", ";"),
        ("volume", ":"),
        ("fpage", "."),
    ):
        els = cit.xpath(f".//*[local-name()='{field}']")
        if els:
            pieces.append(inline_text(els[0]) + end)
    for pid in cit.xpath(".//*[local-name()='pub-id']"):
        pieces.append(f"{pid.get('pub-id-type', 'id')}: {inline_text(pid)}")
    return collapse_spaces(" ".join(pieces))
