"""Helpers for record tests: documents and entities built by hand from short made-up texts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from extractor.knowledge import KnowledgeError, read_jsonl
from extractor.records import fields as F
from extractor.records.text import sentences
from extractor.types import Bibliography, Document, Dose, Entity, Reference, Table


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


# ---- case tables: tests/cases/records/<field>.jsonl ------------------------------------------

CASES = Path(__file__).resolve().parents[1] / "cases" / "records"
CASE_KEYS = frozenset(
    {
        "id",  # unique across the tables: <field>.<what it shows>.<n>
        "rule",  # the function (module.function) or rule the row exercises
        "text",  # the input sentence or document
        "model",  # fields.sample_size: the study's model
        "entities",  # [[surface, label, norm], ...] marked at every whole-word occurrence
        "therapy",  # cytokines.cytokines: the therapy's mentions, marked the same way
        "pieces",  # "whole" (default): the text is one piece; "sentences": one per sentence
        "ingest",  # records rows: true reads the text with the plain-text reader first
        "bibliography",  # records rows: the document's own Bibliography fields
        "authors",  # citations.ref_surname: a reference's author list
        "pattern",  # screen.literal_prefixes: a cue regex
        "flags",  # screen.literal_prefixes: "i" for IGNORECASE, "" for none
        "check",  # how expect is compared when not plain equality (see README.md)
        "expect",  # what the rule must give
        "why",  # one line; "keep: ..." or "drop: ..."
    }
)
CHECKS = frozenset({"unordered", "no_values", "by_id", "absent"})


def read_cases(path: Path) -> list[dict[str, Any]]:
    """The rows of one case table, each with ``at`` (``file:line``) for failure messages."""
    out = []
    for n, row in read_jsonl(path, allowed=CASE_KEYS, required=("id", "rule", "why")):
        at = f"{path.name}:{n}"
        if "expect" not in row:
            raise KnowledgeError(f"{path}:{n}: missing expect")
        if not re.match(r"(keep|drop): \S", row["why"]) or "\n" in row["why"]:
            raise KnowledgeError(f"{path}:{n}: why must be one line starting 'keep: ' or 'drop: '")
        if row.get("pieces", "whole") not in ("whole", "sentences"):
            raise KnowledgeError(f"{path}:{n}: pieces must be 'whole' or 'sentences'")
        if row.get("check") is not None and row["check"] not in CHECKS:
            raise KnowledgeError(f"{path}:{n}: unknown check {row['check']!r}")
        out.append({**row, "at": at})
    return out


def all_cases() -> list[dict[str, Any]]:
    return [row for path in sorted(CASES.glob("*.jsonl")) for row in read_cases(path)]


def cases(*rules: str) -> list[Any]:
    """``pytest.param`` per row whose ``rule`` is one of ``rules`` (or starts with ``x.`` for
    a rule ``x.*``), with the row's id as the test id."""
    import pytest

    def wanted(rule: str) -> bool:
        return any(rule == r or (r.endswith(".*") and rule.startswith(r[:-1])) for r in rules)

    return [pytest.param(row, id=row["id"]) for row in all_cases() if wanted(row["rule"])]


def pieces_of(row: dict[str, Any]) -> list[F.Piece]:
    return by_sentence(row["text"]) if row.get("pieces") == "sentences" else whole_text(row["text"])


def marked(row: dict[str, Any], key: str = "entities") -> list[Entity]:
    """The row's ``[surface, label, norm]`` items as entities; a DOSE norm is written as a
    SCHEMA dose object (``{"text", "low", "high", "unit"}``)."""
    items = [
        (s, label, (Dose.from_dict(norm),) if isinstance(norm, dict) else norm)
        for s, label, norm in row.get(key, ())
    ]
    return mark(row["text"], items)


def bibliography_of(row: dict[str, Any]) -> Bibliography | None:
    """A records row's own ``bibliography`` (lists as tuples), ``None`` when it gives none."""
    bib = row.get("bibliography")
    if bib is None:
        return None
    return Bibliography(**{k: tuple(v) if isinstance(v, list) else v for k, v in bib.items()})
