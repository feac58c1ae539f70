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
from pathlib import Path
from typing import Any

from extractor.errors import IngestError
from extractor.ingest.jats_refs import write_ref_list
from extractor.ingest.jats_tables import write_float
from extractor.ingest.jats_text import Writer, children, heading, inline_text, local_name
from extractor.ingest.text import read_bytes
from extractor.types import Document, Section

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


def read_jats(path: str | Path, doc_id: str | None = None) -> Document:
    """Read a JATS article into a Document; raises IngestError on bad XML or non-JATS."""
    p = Path(path)
    data = read_bytes(p)
    if not data.strip():
        raise IngestError(p, "empty file (no XML)")
    root = _article(p, data)
    w = _write_article(root)
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


def _article(p: Path, data: bytes) -> Any:
    """The <article> element (also inside PMC's one-article set); no DTD, no network."""
    from lxml import etree

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
    if root is not None and local_name(root) == "pmc-articleset":
        # what PMC's efetch returns: the article inside a set wrapper
        inner = [c for c in root if local_name(c) == "article"]
        if len(inner) != 1:
            raise IngestError(p, f"PMC article set holds {len(inner)} articles; expected one")
        root = inner[0]
    if root is None or local_name(root) != "article":
        name = local_name(root) if root is not None else "?"
        raise IngestError(p, f"not a JATS article (root element <{name}>)")
    return root


def _write_article(root: Any) -> Writer:
    """Title, abstract, keywords, body (floats after the paragraph citing them, the rest after
    the body), then back matter."""
    w = Writer()
    titles = root.xpath(X_TITLE)
    if titles:
        w.line(inline_text(titles[0]))
    for ab in root.xpath(X_ABSTRACT):
        start, _ = w.line("Abstract")
        _blocks(ab, w, level=2)
        w.sections.append(Section("Abstract", start, w.end, 1))
    for kg in root.xpath(X_KWD_GROUP):
        kwds = [inline_text(k) for k in kg if local_name(k) == "kwd"]
        if kwds:
            w.line("Keywords: " + ", ".join(kwds))
    for group in root.xpath(X_FLOATS):
        for fl in group:
            if local_name(fl) in ("fig", "fig-group", "table-wrap", "table-wrap-group"):
                w.floats[fl.get("id") or f"_float{len(w.floats)}"] = fl
    for body in root.xpath(X_BODY):
        _blocks(body, w, level=1)
    for fl in list(w.floats.values()):  # floats no paragraph cites
        write_float(fl, w)
    w.floats.clear()
    for back in root.xpath(X_BACK):
        _blocks(back, w, level=1)
    return w


def _blocks(el: Any, w: Writer, level: int) -> None:
    """Write the block content of ``el`` (sections recurse one level deeper)."""
    for child in el:
        name = local_name(child)
        if name in ("sec", "ack", "app", "notes", "glossary"):
            head = heading(child)
            start = w.pos
            if head:
                w.line(head)
            _blocks(child, w, level + 1)
            if head:
                w.sections.append(Section(head, start, w.end, level))
        elif name == "p":
            w.line(inline_text(child))
            for fl in child:  # floats anchored inside the paragraph
                write_float(fl, w)
            if w.floats:
                for rid in child.xpath(".//*[local-name()='xref']/@rid"):
                    for one in str(rid).split():
                        if one in w.floats:
                            write_float(w.floats.pop(one), w)
        elif name in ("fig", "fig-group", "table-wrap", "table-wrap-group"):
            write_float(child, w)
        elif name == "list":
            for item in children(child, "list-item"):
                label = children(item, "label")
                body = " ".join(inline_text(x) for x in item if local_name(x) != "label")
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
            write_ref_list(child, w, level)
        elif name in ("title", "label", "sec-meta", "object-id", "kwd-group"):
            continue
        elif name == "disp-formula" or name in ("def-item", "term", "def"):
            w.line(inline_text(child))
