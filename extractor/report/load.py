"""Read what the report is drawn from: a batch folder, a documents.jsonl, or a curated export.

All three hold SCHEMA §5 lines. A paper that was rendered several times (the shipped corpus
is the same review as text, PDF and JATS) is one paper: lines whose ``doc_id`` is the same once
an input suffix is set aside (the batch names them ``x.txt``, ``x.pdf``, ``x.xml``;
``extractor.extract.assign_doc_ids``) are renderings of one paper, and the report keeps one
(no error first, then JATS, text, PDF, in input order), so a study is never counted twice.
A line that cannot be read becomes a failed document naming ``file:line``; the rest of the
input still makes the report.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from extractor.errors import ExtractorError
from extractor.ingest import FORMATS
from extractor.types import Bibliography, CytokineEffect, Dose, Entity, Outcome, StudyRecord

DOCUMENTS = "documents.jsonl"
# Which rendering of one paper the report reads: structure kept best first.
FORMAT_RANK = {"jats": 0, "text": 1, "pdf": 2}


class ReportInputError(ExtractorError):
    """The input cannot make a report at all; ``str(err)`` is one line naming the path."""


@dataclass(frozen=True, slots=True)
class Paper:
    """One input document (one rendering kept), or one that failed."""

    doc_id: str
    source: str
    format: str
    text: str
    bibliography: Bibliography
    entities: tuple[Entity, ...] = ()
    error: str | None = None
    renderings: int = 1  # how many lines of the input carried this doc_id


@dataclass(frozen=True, slots=True)
class Study:
    """One study record with the paper it came from; ``key`` is unique across the report."""

    key: str
    paper: Paper
    record: StudyRecord


@dataclass(frozen=True, slots=True)
class ReportInput:
    source: Path
    papers: tuple[Paper, ...]  # every paper read, failed ones included
    studies: tuple[Study, ...]
    problems: tuple[str, ...] = ()  # records or values that could not be read ("doc_id: …")

    @property
    def failed(self) -> tuple[Paper, ...]:
        return tuple(p for p in self.papers if p.error)


def documents_path(path: Path) -> Path:
    """The JSONL file an INPUT names: the file itself, or a batch folder's documents.jsonl."""
    if path.is_dir():
        inner = path / DOCUMENTS
        if not inner.is_file():
            raise ReportInputError(f"{path}: folder has no {DOCUMENTS} (not a batch output folder)")
        return inner
    if not path.is_file():
        raise ReportInputError(f"{path}: no such file or folder")
    return path


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, object) per non-blank line, or (line number, error message)."""
    try:
        fh = open(path, encoding="utf-8-sig")  # noqa: SIM115 (closed below; open errors differ)
    except OSError as err:
        raise ReportInputError(f"{path}: cannot read ({err.strerror})") from err
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    yield n, f"not valid JSON ({err.msg})"
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("doc_id"), str):
                    yield n, "not a SCHEMA §5 object (no doc_id)"
                    continue
                yield n, obj
        except UnicodeDecodeError as err:
            raise ReportInputError(f"{path}: not UTF-8 text ({err.reason})") from err


def _entities(raw: list[Any]) -> tuple[Entity, ...]:
    out = []
    for e in raw or ():
        try:
            out.append(Entity.from_dict(e))
        except (KeyError, TypeError, ValueError):
            continue  # an unreadable entity only costs an evidence mark
    return tuple(out)


def _paper(obj: dict[str, Any]) -> Paper:
    meta = obj.get("meta") or {}
    try:
        bib = Bibliography.from_dict(obj.get("bibliography"))
    except (TypeError, AttributeError):
        bib = Bibliography()
    return Paper(
        doc_id=obj["doc_id"],
        source=str(obj.get("source") or ""),
        format=str(meta.get("format") or Path(str(obj.get("source") or "")).suffix.lstrip(".")),
        text=text if isinstance(text := obj.get("text"), str) else "",
        bibliography=bib,
        entities=_entities(obj.get("entities") or []),
        error=str(obj["error"]) if obj.get("error") else None,
    )


def paper_key(doc_id: str) -> str:
    """The paper a ``doc_id`` names: ``x.pdf`` and ``x.xml`` are renderings of paper ``x``."""
    lower = doc_id.lower()
    for suffix in FORMATS:
        if lower.endswith(suffix) and len(doc_id) > len(suffix):
            return doc_id[: -len(suffix)]
    return doc_id


def _rank(item: tuple[int, dict[str, Any]]) -> tuple[int, int, int]:
    n, obj = item
    fmt = str((obj.get("meta") or {}).get("format") or "")
    return (1 if obj.get("error") else 0, FORMAT_RANK.get(fmt, len(FORMAT_RANK)), n)


def load(path: str | Path) -> ReportInput:
    """Read INPUT into papers and studies; ``ReportInputError`` only when nothing is usable."""
    src = documents_path(Path(path))
    by_doc: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    papers: list[Paper] = []
    for n, obj in _lines(src):
        if isinstance(obj, str):
            papers.append(Paper(f"{src.name}:{n}", str(src), "", "", Bibliography(), error=obj))
            continue
        by_doc.setdefault(paper_key(obj["doc_id"]), []).append((n, obj))
    studies: list[Study] = []
    problems: list[str] = []
    seen_keys: set[str] = set()
    for key, lines in by_doc.items():
        _, obj = min(lines, key=_rank)
        paper = replace(_paper(obj), renderings=len(lines))
        doc_id = paper.doc_id
        papers.append(paper)
        for i, raw in enumerate(obj.get("records") or []):
            try:
                rec, notes = typed(StudyRecord.from_dict(raw))
            except (KeyError, TypeError, ValueError, AttributeError) as err:
                problems.append(
                    f"{doc_id}: record {i + 1} unreadable ({type(err).__name__}: {err})"
                )
                continue
            problems += [f"{doc_id}: {rec.study_id}: {note}" for note in notes]
            study_key = _unique(f"{key}/{rec.study_id}", seen_keys)
            studies.append(Study(study_key, paper, rec))
    if not papers:
        raise ReportInputError(f"{src}: holds no documents")
    return ReportInput(src, tuple(papers), tuple(studies), tuple(problems))


_TEXT_FIELDS = ("first_author", "doi", "disease", "intervention", "model", "design")
_INT_FIELDS = ("year", "ref", "sample_size")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError


def _float(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError
    out = float(value)
    if not math.isfinite(out):
        raise ValueError
    return out


def typed(rec: StudyRecord) -> tuple[StudyRecord, list[str]]:
    """The record with every field of its SCHEMA type; a value that cannot be one is dropped
    and named (the report must not fail, or sort wrongly, on one odd line)."""
    notes: list[str] = []
    changes: dict[str, Any] = {"study_id": str(rec.study_id)}
    for name in _TEXT_FIELDS:
        value = getattr(rec, name)
        changes[name] = None if value is None else str(value)
    changes["first_author"] = changes["first_author"] or ""
    for name in _INT_FIELDS:
        value = getattr(rec, name)
        try:
            changes[name] = None if value is None else _int(value)
        except ValueError:
            notes.append(f"{name} {value!r} is not a whole number; left out")
            changes[name] = None
    outcomes = []
    for o in rec.outcomes:
        values = []
        for part, value in (("baseline", o.baseline), ("final", o.final)):
            try:
                values.append(_float(value))
            except (TypeError, ValueError):
                notes.append(f"{o.measure} {part} {value!r} is not a number; left out")
                values.append(None)
        outcomes.append(Outcome(str(o.measure), *values))
    changes["outcomes"] = tuple(outcomes)
    doses = [d for d in rec.doses if math.isfinite(d.low) and math.isfinite(d.high)]
    if len(doses) < len(rec.doses):
        notes.append("a dose that is not a finite number was left out")
    changes["doses"] = tuple(
        Dose(str(d.text), d.low, d.high, None if d.unit is None else str(d.unit)) for d in doses
    )
    changes["cytokines"] = tuple(
        CytokineEffect(str(c.name), c.direction if c.direction in ("down", "up") else None)
        for c in rec.cytokines
    )
    changes["routes"] = tuple(str(x) for x in rec.routes)
    changes["cells"] = tuple(str(x) for x in rec.cells)
    return replace(rec, **changes), notes


def _unique(key: str, seen: set[str]) -> str:
    out, k = key, 1
    while out in seen:
        k += 1
        out = f"{key}#{k}"
    seen.add(out)
    return out
