"""A database export record heading a text: MEDLINE or RIS tagged lines, or a BibTeX entry.

Users often save a paper's abstract as the export their database gives (PubMed's MEDLINE
format, a reference manager's RIS or BibTeX) and paste the full text below it. Such a record
says exactly which field is which, so it is read by its tags (``data/tagged.json``), not by
layout: the first record of the text counts, and only when it starts the text (its first tag
among the first non-blank lines), so a tagged line deep in a body is never taken.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib.resources import files
from typing import Any

from extractor.bibliography.fields import as_year, clean_doi, find_doi
from extractor.types import Bibliography

LEAD_LINES = 3  # the record's first tag is among the text's first non-blank lines
MIN_TAGS = 3  # and the record holds at least this many tagged lines
_TAG_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{1,3})\s{0,3}-\s(?P<value>.*)$")
_CONTINUATION = re.compile(r"^\s{2,}\S")
_ENTRY = re.compile(r"^\s*@(?P<type>[A-Za-z]+)\s*\{\s*[^,\s]*\s*,", re.M)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@cache
def _table() -> dict[str, Any]:
    raw = files("extractor.bibliography").joinpath("data/tagged.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def read_tagged(text: str) -> Bibliography | None:
    """The export record that starts ``text``, or None."""
    return _bibtex(text) or _csl_json(text) or _tag_lines(text)


# --------------------------------------------------------------------------- tagged lines


def _records(
    lines: list[str], tag_line: re.Pattern[str] = _TAG_LINE, repeat: bool = False
) -> list[tuple[str, str]]:
    """(tag, value) pairs of the leading tagged block, continuation lines joined (or, where the
    format indents each further value of a tag, as Web of Science does, repeated)."""
    pairs: list[tuple[str, str]] = []
    for line in lines:
        m = tag_line.match(line)
        if m:
            pairs.append((m.group("tag"), m.group("value").strip()))
        elif pairs and _CONTINUATION.match(line):
            tag, value = pairs[-1]
            if repeat:
                pairs.append((tag, line.strip()))
            else:
                pairs[-1] = (tag, f"{value} {line.strip()}")
        elif pairs and not line.strip():
            if len(pairs) >= MIN_TAGS:
                break
        elif pairs:
            break
    return pairs


def _leading_record(lines: list[str]) -> tuple[dict[str, Any], re.Pattern[str], int] | None:
    """The format spec, tag pattern and first line of the tagged record that starts the text."""
    lead = [i for i, line in enumerate(lines) if line.strip()][:LEAD_LINES]
    for fmt in ("medline", "ris", "wos", "endnote"):
        spec = _table()[fmt]
        tag_line = re.compile(spec["tag_line"]) if "tag_line" in spec else _TAG_LINE
        start = next(
            (
                i
                for i in lead
                if (m := tag_line.match(lines[i])) and m.group("tag") == spec["first_tag"]
            ),
            None,
        )
        if start is None:
            continue
        if len(_records(lines[start:], tag_line, bool(spec.get("repeat_continuation")))) < MIN_TAGS:
            continue
        return spec, tag_line, start
    return None


def _tag_lines(text: str) -> Bibliography | None:
    lines = text.splitlines()
    found = _leading_record(lines)
    if found is None:
        return None
    spec, tag_line, start = found
    pairs = _records(lines[start:], tag_line, bool(spec.get("repeat_continuation")))
    return _from_pairs(_joined(pairs, spec.get("join_continued", ())), spec["fields"], True)


def _joined(pairs: list[tuple[str, str]], tags: list[str]) -> list[tuple[str, str]]:
    """One value of each tag in ``tags`` from its repeated lines (a wrapped WoS title)."""
    out: list[tuple[str, str]] = []
    for tag, value in pairs:
        if tag in tags and out and out[-1][0] == tag:
            out[-1] = (tag, f"{out[-1][1]} {value}")
        else:
            out.append((tag, value))
    return out


def tag_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the field tags ("EP  - ", "PMID- ") of the tagged export record
    that starts ``text``: a tag names a field, it is no mention ("EP" is the end page, not
    erythropoietin). Empty when the text starts with no such record."""
    lines = text.splitlines(keepends=True)
    found = _leading_record([line.rstrip("\r\n") for line in lines])
    if found is None:
        return []
    _, tag_line, start = found
    offset = sum(len(line) for line in lines[:start])
    out: list[tuple[int, int]] = []
    for line in lines[start:]:
        m = tag_line.match(line.rstrip("\r\n"))
        if m:
            out.append((offset, offset + m.start("value")))
        elif not line.strip() or not _CONTINUATION.match(line):
            break  # the record ends at its first blank or untagged line
        offset += len(line)
    return out


def _values(pairs: list[tuple[str, str]], tags: list[str]) -> list[str]:
    """The values of the first tag of ``tags`` the record holds (FAU before AU)."""
    for tag in tags:
        found = [v for t, v in pairs if t == tag and v]
        if found:
            return found
    return []


def _from_pairs(
    pairs: list[tuple[str, str]], fields: dict[str, list[str]], inverted: bool
) -> Bibliography:
    def one(key: str) -> str | None:
        vals = _values(pairs, fields[key]) if fields[key] else []
        return vals[0] if vals else None

    authors = tuple(s for v in _values(pairs, fields["authors"]) if (s := _surname(v)))
    year_raw = one("year")
    ym = _YEAR.search(year_raw or "")
    doi = None
    for v in _values(pairs, fields["doi"]):
        if "[doi]" in v or not v.endswith("]"):
            doi = find_doi(v, bare=True)
            if doi:
                break
    pmid = one("pmid")
    title = one("title")
    return Bibliography(
        title=title.rstrip(".") if title else None,
        authors=authors,
        year=as_year(ym.group(1)) if ym else None,
        journal=one("journal"),
        doi=clean_doi(doi) if doi else None,
        pmid=pmid if pmid and pmid.isdigit() else None,
    )


def _surname(value: str) -> str | None:
    """The surname of one export author: ``Rahimi, Leila`` (FAU, RIS, BibTeX), ``Rahimi L``
    (MEDLINE AU), ``Leila Rahimi`` (BibTeX given-first); an ORCID or a group name is none."""
    v = " ".join(value.replace("{", "").replace("}", "").split())
    if not v or not any(c.isalpha() for c in v):
        return None
    if "," in v:
        return v.split(",", 1)[0].strip() or None
    words = v.split()
    if len(words) >= 2 and re.fullmatch(r"[A-Z]{1,4}", words[-1]):
        return " ".join(words[:-1])  # "Rahimi L", "Van der Berg JM"
    from extractor.bibliography.names import given_first_surname

    return given_first_surname(v) or (words[-1] if len(words) <= 4 else None)


# --------------------------------------------------------------------------- BibTeX

# TeX accents: {\'a} \'{a} \'a -> á (combining marks of Unicode)
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "c": "\u0327",
    "v": "\u030c",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "H": "\u030b",
    "r": "\u030a",
}
_TEX_ACCENT = re.compile(r"\{?\\(?P<acc>['`^\"~=.]|[cvuHr](?=[\s{]))\s*\{?(?P<ch>[A-Za-z])\}?\}?")


def _untex(s: str) -> str:
    s = _TEX_ACCENT.sub(lambda m: m.group("ch") + _ACCENTS[m.group("acc")], s)
    s = s.replace("{", "").replace("}", "").replace("--", "\u2013").replace("\\&", "&")
    return unicodedata.normalize("NFC", " ".join(s.split()))


def _bibtex_fields(body: str) -> dict[str, str]:
    """``name = {value}`` / ``name = "value"`` / ``name = 2021`` pairs of one entry."""
    out: dict[str, str] = {}
    i = 0
    for m in re.finditer(r"(?P<name>[A-Za-z]+)\s*=\s*", body):
        if m.start() < i:
            continue
        j = m.end()
        if j >= len(body):
            break
        if body[j] == "{":
            depth, k = 0, j
            while k < len(body):
                depth += {"{": 1, "}": -1}.get(body[k], 0)
                if depth == 0:
                    break
                k += 1
            value, i = body[j + 1 : k], k + 1
        elif body[j] == '"':
            k = body.find('"', j + 1)
            value, i = body[j + 1 : k if k >= 0 else len(body)], (k + 1 if k >= 0 else len(body))
        else:
            vm = re.match(r"[^,}\n]*", body[j:])
            value, i = (vm.group(0) if vm else ""), j + (vm.end() if vm else 0)
        out.setdefault(m.group("name").lower(), value.strip())
    return out


def _bibtex(text: str) -> Bibliography | None:
    lead = text.lstrip()[:4000]
    m = _ENTRY.match(lead)
    if not m:
        return None
    fields = _bibtex_fields(lead[m.end() :])
    spec: dict[str, list[str]] = _table()["bibtex"]["fields"]

    def one(key: str) -> str | None:
        return next((_untex(fields[f]) for f in spec[key] if fields.get(f)), None)

    names = [
        _untex(a)
        for f in spec["authors"]
        if fields.get(f)
        for a in re.split(r"\s+and\s+", fields[f])
    ]
    year = one("year")
    ym = _YEAR.search(year or "")
    doi = one("doi")
    return Bibliography(
        title=one("title"),
        authors=tuple(s for n in names if (s := _surname(n))),
        year=as_year(ym.group(1)) if ym else None,
        journal=one("journal"),
        doi=clean_doi(find_doi(doi, bare=True) or doi) if doi else None,
        pmid=one("pmid"),
    )


# --------------------------------------------------------------------------- CSL-JSON


def _csl_item(text: str) -> dict[str, Any] | None:
    """The first CSL-JSON item of a text that starts with one (an object or a list of them)."""
    lead = text.lstrip()
    if not lead.startswith(("{", "[")):
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(lead)
    except ValueError:
        return None
    item = value[0] if isinstance(value, list) and value else value
    if not isinstance(item, dict) or "type" not in item:
        return None
    return item if ("title" in item or "author" in item) else None


def _csl_name(name: Any, particles: list[str]) -> str | None:
    """A CSL name as printed: particles before the family name (``van den`` + ``Broek``), or
    a group's ``literal`` name."""
    if not isinstance(name, dict):
        return None
    family = str(name.get("family") or "").strip()
    if not family:
        literal = str(name.get("literal") or "").strip()
        return literal or None
    lead = [str(name[p]).strip() for p in particles if name.get(p)]
    return " ".join([*lead, family])


def _csl_year(date: Any) -> int | None:
    """``{"date-parts": [[2023, 9, 12]]}``, or a ``raw`` / ``literal`` date string."""
    if not isinstance(date, dict):
        return None
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return as_year(parts[0][0])
    ym = _YEAR.search(str(date.get("raw") or date.get("literal") or ""))
    return as_year(ym.group(1)) if ym else None


def _csl_json(text: str) -> Bibliography | None:
    item = _csl_item(text)
    if item is None:
        return None
    spec = _table()["csl_json"]
    fields: dict[str, list[str]] = spec["fields"]

    def one(key: str) -> str | None:
        return next((str(item[f]).strip() for f in fields[key] if item.get(f)), None)

    names: list[Any] = next(
        (item[f] for f in fields["authors"] if isinstance(item.get(f), list)), []
    )
    year = next((y for f in fields["year"] if (y := _csl_year(item.get(f)))), None)
    doi = one("doi")
    pmid = one("pmid")
    title = one("title")
    return Bibliography(
        title=title.rstrip(".") if title else None,
        authors=tuple(s for n in names if (s := _csl_name(n, spec["particles"]))),
        year=year,
        journal=one("journal"),
        doi=clean_doi(find_doi(doi, bare=True) or doi) if doi else None,
        pmid=pmid if pmid and pmid.isdigit() else None,
    )
