"""The JATS reference list: one "N. citation" line per <ref>, and its ``Reference``.

Fields the XML marks up (names, year, title, DOI, PMID) are taken from it; the rest comes from
parsing the written line as the plain-text reader would.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.ingest.jats_text import Writer, children, heading, inline_text, local_name
from extractor.ingest.structure import parse_reference
from extractor.normalize.text import collapse_spaces
from extractor.types import Reference, Section


def write_ref_list(el: Any, w: Writer, level: int) -> None:
    head = heading(el) or "References"
    start, _ = w.line(head)
    for k, ref in enumerate(children(el, "ref"), start=1):
        label = children(ref, "label")
        num_text = inline_text(label[0]) if label else ""
        m = re.match(r"\[?(\d+)", num_text)
        number = int(m.group(1)) if m else k
        cits = [
            c
            for c in ref
            if local_name(c) in ("mixed-citation", "element-citation", "citation", "nlm-citation")
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
    if local_name(cit) == "mixed-citation" or (cit.text and cit.text.strip()):
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
