"""JATS ``<article-meta>``: the most trusted reading, since the publisher tagged every field.

The source XML is read here (cheap: one parse, no DTD, no network) rather than through the
ingest stage, which keeps the body only.

Year: the year a citation of the article prints, i.e. the issue's. JATS may give several
``<pub-date>``s; the first present of these is taken: print (``ppub``, or ``pub`` with
``publication-format="print"``), the ``collection`` of a continuous-publication journal,
``epub-ppub``, then the electronic date (``epub``, ``pub`` electronic), then any other.
So a Hindawi article put online in November 2015 in the 2016 volume has year 2016, as its
title page and PubMed print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.bibliography.fields import as_year
from extractor.types import Bibliography

_DATE_ORDER = ("ppub", "print", "collection", "epub-ppub", "epub", "electronic", "pub")


def _text(el: Any) -> str | None:
    if el is None:
        return None
    s = " ".join("".join(el.itertext()).split())
    return s or None


def _local(el: Any) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c) == name]


def _first(el: Any, *path: str) -> Any:
    """The first element down ``path`` (local names, namespace-blind), or None."""
    for name in path:
        if el is None:
            return None
        found = _children(el, name)
        el = found[0] if found else None
    return el


def _surname(contrib: Any) -> str | None:
    """A contributor's surname (``<name>``, ``<name-alternatives>``' western name, or
    ``<string-name>``); a group author's ``<collab>`` name stands in the author position."""
    names = [n for n in contrib.iter() if _local(n) == "name"]
    western = [n for n in names if n.get("name-style") in (None, "western")]
    for n in western or names:
        sur = _text(_first(n, "surname"))
        if sur:
            return sur
    for n in contrib.iter():
        if _local(n) == "string-name":
            sur = _text(_first(n, "surname"))
            return sur or _text(n)
        if _local(n) == "collab":
            return _text(n)
    return None


def _authors(meta: Any) -> tuple[str, ...]:
    out: list[str] = []
    for group in _children(meta, "contrib-group"):
        for contrib in _children(group, "contrib"):
            if contrib.get("contrib-type", "author") != "author":
                continue
            sur = _surname(contrib)
            if sur:
                out.append(sur)
    return tuple(out)


def _date_kind(d: Any) -> str:
    kind = d.get("pub-type") or d.get("date-type") or "pub"
    if kind == "pub" and d.get("publication-format") in ("print", "electronic"):
        return str(d.get("publication-format"))
    return str(kind)


def _year(meta: Any) -> int | None:
    dates: dict[str, int] = {}
    others: list[int] = []
    for d in _children(meta, "pub-date"):
        y = as_year(_text(_first(d, "year")))
        if y is None:
            continue
        kind = _date_kind(d)
        if kind in _DATE_ORDER:
            dates.setdefault(kind, y)
        else:
            others.append(y)
    for kind in _DATE_ORDER:
        if kind in dates:
            return dates[kind]
    return others[0] if others else None


def _article_id(meta: Any, kind: str) -> str | None:
    for el in _children(meta, "article-id"):
        if el.get("pub-id-type") == kind:
            return _text(el)
    return None


def _journal(front: Any) -> str | None:
    jm = _first(front, "journal-meta")
    if jm is None:
        return None
    title = _first(jm, "journal-title-group", "journal-title")
    if title is None:
        title = _first(jm, "journal-title")
    if title is not None:
        return _text(title)
    for el in _children(jm, "journal-id"):
        if el.get("journal-id-type") in ("nlm-ta", "iso-abbrev"):
            return _text(el)
    return None


def _root(path: str | Path) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=True
    )
    return etree.parse(str(path), parser).getroot()


def read_jats(path: str | Path) -> Bibliography:
    """``<article-meta>`` of the JATS file at ``path``; an empty Bibliography when the file has
    none. Raises OSError or lxml's XMLSyntaxError for an unreadable file."""
    root = _root(path)
    if root is None:
        return Bibliography()
    front = _first(root, "front")
    meta = _first(front, "article-meta") if front is not None else None
    if meta is None:
        return Bibliography()
    doi = _article_id(meta, "doi")
    return Bibliography(
        title=_text(_first(meta, "title-group", "article-title")),
        authors=_authors(meta),
        year=_year(meta),
        journal=_journal(front),
        doi=doi.removeprefix("https://doi.org/") if doi else None,
        pmid=_article_id(meta, "pmid"),
    )
