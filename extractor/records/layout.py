"""Where a document's studies may be: its body (before the reference list) and the sections
where no new study opens (abstract, introduction, methods, conclusions); and what the
ingester's readers leave in the text (tab-separated tables, an author-year reference list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from extractor.ingest.structure import parse_reference
from extractor.records.lexicon import kind, rows
from extractor.records.study_mentions import study_heading_starts
from extractor.records.text import Span
from extractor.records.text_tables import text_tables
from extractor.types import Document, Reference


def body_end(document: Document) -> int:
    """Start of the reference list: from ``references`` or a "References" heading. Asked
    once per study; the last document's answer is kept (the heading search reads the whole
    text)."""
    if _BODY_END and _BODY_END[0][0] is document:
        return _BODY_END[0][1]
    end = _body_end(document)
    _BODY_END[:] = [(document, end)]
    return end


_BODY_END: list[tuple[Document, int]] = []


def _body_end(document: Document) -> int:
    text = document.text
    if document.references:
        first = min(r.start for r in document.references)
        head = text.rfind("\n", 0, first)
        start = head + 1 if head >= 0 else first
        # an entry the list reader did not take may sit between the heading and the first
        # entry it did ("Similar articles" / "Fat grafting for wrinkles." / "Lee S, et al. …")
        above = [m.start() for m in reference_headings(text, 0, start)]
        if above and text.count("\n", above[-1], start) <= _HEADING_GAP_LINES:
            return above[-1]
        return start
    found = [m.start() for m in reference_headings(text, 0, len(text))]
    return found[-1] if found else len(text)


def reference_headings(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """What ``finditer(text, lo, hi)`` of the reference-heading pattern (``sections``,
    multi-line) gives, tried only at line starts when every row opens with "^" (no match
    opens anywhere else; a paper has a few hundred lines against ~50,000 characters)."""
    heading, anchored = _reference_heading()
    if not anchored:
        yield from heading.finditer(text, lo, hi)
        return
    pos = lo
    at = lo if lo == 0 or text[lo - 1] == "\n" else _next_line(text, lo, hi)
    while at >= 0:
        if at >= pos:
            m = heading.match(text, at, hi)
            if m is not None:
                yield m
                pos = max(m.end(), at + 1)
        at = _next_line(text, at, hi)


def _next_line(text: str, pos: int, hi: int) -> int:
    """The start of the line after the line break at or after ``pos`` (before ``hi``), or -1."""
    nl = text.find("\n", pos, hi)
    return nl + 1 if nl >= 0 else -1


@cache
def _reference_heading() -> tuple[re.Pattern[str], bool]:
    """The multi-line reference-heading pattern, and whether each of its rows opens with
    "^" (read by the parser ``re`` itself uses)."""
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]

    flags = re.IGNORECASE | re.MULTILINE
    found = [r["pattern"] for r in rows("sections.jsonl") if r.get("kind") == "references"]
    anchored = bool(found)
    for row in found:
        items = list(P.parse(row, flags))
        anchored = anchored and bool(items) and items[0] == (C.AT, C.AT_BEGINNING)
    return re.compile(kind("sections", "references").pattern, flags), anchored


_HEADING_GAP_LINES = 4  # lines between a reference heading and the first entry read


def excluded_sections(document: Document, end: int) -> list[Span]:
    """Spans (abstract, introduction, methods, conclusions...) where no new study starts."""
    pat = kind("sections", "no_new_studies")
    spans: list[Span] = []
    if document.sections:
        for s in document.sections:
            if pat.match(s.title):
                # a heading the reader did not take as a section, that opens the studies
                # ("Clinical studies"), ends the introduction above it
                cut = study_heading_starts(document.text, s.start + 1, s.end)
                spans.append(Span(s.start, cut[0] if cut else s.end))
        return spans
    # No sections from ingestion: headings are short lines; a section runs to the next one.
    text = document.text[:end]
    heads = [
        (m.start(), bool(pat.match(m.group(1))))
        for m in re.finditer(r"^([^\n]{1,80})$", text, re.MULTILINE)
        if looks_like_heading(m.group(1))
    ]
    for i, (pos, excluded) in enumerate(heads):
        if excluded:
            stop = heads[i + 1][0] if i + 1 < len(heads) else end
            spans.append(Span(pos, stop))
    return spans


def looks_like_heading(line: str) -> bool:
    s = line.strip()
    if not s or (s.endswith((".", ",", ";", ":")) and not re.match(r"^\d+(\.\d+)*\.$", s)):
        return False
    return len(s.split()) <= 8 and (s[0].isupper() or s[0].isdigit())


def inside(pos: int, spans: list[Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def with_text_structure(document: Document) -> Document:
    """``document`` with what the ingester's readers leave in the text: tab-separated tables
    added to ``tables``, and, when it found no numbered reference list, the author-year list
    under the last "References" heading as ``references`` (so a row or a sentence citing
    ``Farahani et al. (2017)`` gets that entry's DOI)."""
    if document.references and _a_list_of_studies(document):
        document = replace(document, references=())
    more = _entries_after(document)
    if more:
        document = replace(document, references=(*document.references, *more))
    tables = text_tables(document)
    refs: tuple[Reference, ...] = ()
    if not document.references:
        end = body_end(document)
        if end < len(document.text):
            line_end = document.text.find("\n", end)
            refs = unnumbered_references(document.text, line_end + 1) if line_end >= 0 else ()
    if not tables and not refs:
        return document
    return replace(
        document,
        tables=tuple(sorted((*document.tables, *tables), key=lambda t: t.start)),
        references=refs or document.references,
    )


_NUMBERED_ENTRY = re.compile(r"^[ \t]*(?:\[(\d{1,4})\]|(\d{1,4})[.)])[ \t]+(\S.*)$")


def _entries_after(document: Document) -> tuple[Reference, ...]:
    """Numbered entries that go on below the last one the ingester read (a numbering with
    gaps, "22." "23." "25.", an entry taken for a heading): each line numbered above the last
    number opens an entry, other non-blank lines continue it; a blank line before a line that
    opens none ends the list."""
    refs = document.references
    if not refs or any(r.number is None for r in refs):
        return ()
    text, last = document.text, max(r.number or 0 for r in refs)
    pos = text.find("\n", max(r.end for r in refs)) + 1
    out: list[tuple[int, str, int, int]] = []  # number, body, start, end
    blank = False
    for line in text[pos:].split("\n") if pos > 0 else ():
        start, pos = pos, pos + len(line) + 1
        m = _NUMBERED_ENTRY.match(line)
        if m and int(m.group(1) or m.group(2)) > last:
            last = int(m.group(1) or m.group(2))
            out.append((last, m.group(3).strip(), start, start + len(line)))
        elif line.strip() and out and not blank:
            n, body, a, _ = out[-1]
            out[-1] = (n, f"{body} {line.strip()}", a, start + len(line))
        elif line.strip():
            break
        blank = not line.strip()
    return tuple(parse_reference(n, body, a, b) for n, body, a, b in out)


# what a reference entry prints and a study summary does not: a DOI or PMID, a journal's
# "2019;26(5):910-7" / "vol. 12" / "pp." locator
_LOCATOR = re.compile(r"\b(?:19|20)\d{2}\s*;\s*\d|\bvol\.|\bpp?\.\s*\d|\d+\s*\(\d+\)\s*:\s*\d")


def _a_list_of_studies(document: Document) -> bool:
    """A numbered list the reader took for the reference list that is a list of studies in
    the body ("1. Moreau et al. (2019): 10 patients with psoriasis, intravenous UC-MSCs …"):
    no references heading above it, no entry printing a DOI, a PMID or a journal locator, and
    at least half of them naming study subjects or a treatment step."""
    text = document.text
    if any(r.number is None for r in document.references):
        return False  # an author-date list: its heading was found
    first = min(r.start for r in document.references)
    if next(reference_headings(text, 0, first), None) is not None:
        return False
    if any(r.doi or r.pmid or _LOCATOR.search(text, r.start, r.end) for r in document.references):
        return False
    # and its entries report treatments ("10 patients", "intravenous", "injected")
    from extractor.records.prose_mentions import study_cue

    cued = sum(study_cue(text, r.start, r.end) for r in document.references)
    return 2 * cued >= len(document.references)


def unnumbered_references(text: str, start: int) -> tuple[Reference, ...]:
    """An author-year reference list (APA, Harvard: entries without numbers, one a line) read
    from ``start``, the line after its heading: each line that parses as a full citation
    (``extractor.bibliography.citation.parse_citation``: authors, year, and title, journal and
    DOI where printed) is one entry; a line that does not is a wrapped part of the entry
    before it and is skipped."""
    from extractor.bibliography.citation import parse_citation

    out: list[Reference] = []
    pos = start
    for line in text[start:].split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        bib = parse_citation(line) if line.strip() else None
        if bib is None or not bib.authors:
            continue
        entry = (bib.authors, bib.year, bib.title, bib.doi, bib.pmid)
        out.append(Reference(None, line.strip(), a, b, *entry))
    return tuple(out)
