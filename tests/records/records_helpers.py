"""Helpers for record tests: documents and entities built by hand from short made-up texts."""

from __future__ import annotations

import re

from extractor.records import fields as F
from extractor.records.text import sentences
from extractor.types import Document, Dose, Entity, Reference, Table


def whole_text(text: str, origin: str = F.PARAGRAPH) -> list[F.Piece]:
    """The whole text as one piece of a study (field extractors read pieces)."""
    return [F.Piece(0, len(text), 1.0, origin)]


def by_sentence(text: str) -> list[F.Piece]:
    """One piece per sentence, as the segmenter cuts a paragraph."""
    return [F.Piece(s.start, s.end, 1.0, F.PARAGRAPH) for s in sentences(text, 0, len(text))]


def mark(text: str, items: list[tuple[str, str, object]]) -> list[Entity]:
    """Entities for every whole-word occurrence of each ``(surface, label, norm)``."""
    out: list[Entity] = []
    for surface, label, norm in items:
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w])", text):
            out.append(Entity(m.start(), m.end(), label, surface, norm))  # type: ignore[arg-type]
    out.sort(key=lambda e: (e.start, -e.end))
    kept: list[Entity] = []
    for e in out:  # longest span wins, as in SCHEMA §1
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def dose(
    text: str, low: float, high: float | None = None, unit: str | None = None
) -> tuple[Dose, ...]:
    return (Dose(text, low, low if high is None else high, unit),)


def document(text: str, **kw: object) -> Document:
    return Document(doc_id=kw.pop("doc_id", "t"), source="t.txt", text=text, format="text", **kw)  # type: ignore[arg-type]


def table_of(text: str, label: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    """A Table over the pipe rendering of ``rows`` that ``text`` already contains."""
    first = text.index(rows[0][0])
    last_row = rows[-1]
    end = text.index(last_row[-1], text.index(last_row[0])) + len(last_row[-1])
    return Table(label, "", header, tuple(rows), first, end)


def refs_of(text: str) -> tuple[Reference, ...]:
    """Vancouver-style "N. Surname AB, ... (YEAR) ... doi: X" lines after "References"."""
    out = []
    head = text.index("\nReferences\n")
    for m in re.compile(r"^(\d+)\. (.+)$", re.M).finditer(text, head):
        body = m.group(2)
        year = re.search(r"\((\d{4})\)", body)
        doi = re.search(r"doi: (\S+?)[,.]?(?:\s|$)", body)
        authors = tuple(a.strip() for a in body.split(".")[0].split(","))
        out.append(
            Reference(
                int(m.group(1)),
                body,
                m.start(),
                m.end(),
                authors,
                int(year.group(1)) if year else None,
                None,
                doi.group(1) if doi else None,
            )
        )
    return tuple(out)
