"""Typed dataclasses at the stage boundaries (SCHEMA.md is the contract).

Data flows one way: ``Document`` -> spaCy ``Doc`` -> ``Entity`` list -> ``StudyRecord`` list
-> ``DocumentResult`` (one SCHEMA §5 JSONL line). Offsets everywhere are Python ``str``
character offsets into ``Document.text``, end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor import SCHEMA_VERSION

JSONDict = dict[str, Any]


# --------------------------------------------------------------------------- ingestion


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the document; ``start``/``end`` cover its title and body."""

    title: str
    start: int
    end: int
    level: int = 1

    def to_dict(self) -> JSONDict:
        return {"title": self.title, "start": self.start, "end": self.end, "level": self.level}

    @classmethod
    def from_dict(cls, d: JSONDict) -> Section:
        return cls(d["title"], d["start"], d["end"], d.get("level", 1))


@dataclass(frozen=True, slots=True)
class Table:
    """A table kept as rows of cells; ``start``/``end`` cover its rendering in ``text``."""

    label: str | None  # "Table 1"
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    start: int
    end: int

    def to_dict(self) -> JSONDict:
        return {
            "label": self.label,
            "caption": self.caption,
            "header": list(self.header),
            "rows": [list(r) for r in self.rows],
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, d: JSONDict) -> Table:
        return cls(
            d.get("label"),
            d.get("caption", ""),
            tuple(d.get("header", ())),
            tuple(tuple(r) for r in d.get("rows", ())),
            d["start"],
            d["end"],
        )


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of the reference list."""

    number: int | None
    text: str
    start: int
    end: int
    authors: tuple[str, ...] = ()
    year: int | None = None
    title: str | None = None
    doi: str | None = None
    pmid: str | None = None

    def to_dict(self) -> JSONDict:
        return {
            "number": self.number,
            "authors": list(self.authors),
            "year": self.year,
            "title": self.title,
            "doi": self.doi,
            "pmid": self.pmid,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, d: JSONDict) -> Reference:
        return cls(
            d.get("number"),
            d.get("text", ""),
            d["start"],
            d["end"],
            tuple(d.get("authors", ())),
            d.get("year"),
            d.get("title"),
            d.get("doi"),
            d.get("pmid"),
        )


@dataclass(frozen=True, slots=True)
class Page:
    """A PDF page's span in ``Document.text`` (1-based page number)."""

    number: int
    start: int
    end: int

    def to_dict(self) -> JSONDict:
        return {"number": self.number, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: JSONDict) -> Page:
        return cls(d["number"], d["start"], d["end"])


@dataclass(frozen=True, slots=True)
class Document:
    """What ingestion produces for any input format."""

    doc_id: str
    source: str
    text: str
    format: str  # "text" | "pdf" | "jats"
    sha256: str = ""
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    references: tuple[Reference, ...] = ()
    pages: tuple[Page, ...] = ()
    meta: JSONDict = field(default_factory=dict)

    def to_dict(self) -> JSONDict:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "format": self.format,
            "sha256": self.sha256,
            "text": self.text,
            "sections": [s.to_dict() for s in self.sections],
            "tables": [t.to_dict() for t in self.tables],
            "references": [r.to_dict() for r in self.references],
            "pages": [p.to_dict() for p in self.pages],
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, d: JSONDict) -> Document:
        return cls(
            doc_id=d["doc_id"],
            source=d.get("source", ""),
            text=d["text"],
            format=d.get("format", "text"),
            sha256=d.get("sha256", ""),
            sections=tuple(Section.from_dict(x) for x in d.get("sections", ())),
            tables=tuple(Table.from_dict(x) for x in d.get("tables", ())),
            references=tuple(Reference.from_dict(x) for x in d.get("references", ())),
            pages=tuple(Page.from_dict(x) for x in d.get("pages", ())),
            meta=dict(d.get("meta", {})),
        )


# --------------------------------------------------------------------------- bibliography


@dataclass(frozen=True, slots=True)
class Bibliography:
    """SCHEMA §5 ``bibliography``: the input document's own bibliographic data.

    Every key is null (``authors`` empty) when the document does not give it; the object itself
    is on every output line. ``authors`` are surnames in the order printed; ``doi`` is bare.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    journal: str | None = None
    doi: str | None = None
    pmid: str | None = None

    def to_dict(self) -> JSONDict:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "year": self.year,
            "journal": self.journal,
            "doi": self.doi,
            "pmid": self.pmid,
        }

    @classmethod
    def from_dict(cls, d: JSONDict | None) -> Bibliography:
        d = d or {}
        return cls(
            title=d.get("title"),
            authors=tuple(d.get("authors") or ()),
            year=d.get("year"),
            journal=d.get("journal"),
            doi=d.get("doi"),
            pmid=d.get("pmid"),
        )


# --------------------------------------------------------------------------- entities

LABELS: tuple[str, ...] = ("CELL", "VESICLE", "CYTOKINE", "DOSE", "OUTCOME_SCORE")


@dataclass(frozen=True, slots=True)
class Dose:
    """SCHEMA §3 dose object: one value or range with a normalised unit (None if unknown)."""

    text: str
    low: float
    high: float
    unit: str | None

    def to_dict(self) -> JSONDict:
        return {"text": self.text, "low": self.low, "high": self.high, "unit": self.unit}

    @classmethod
    def from_dict(cls, d: JSONDict) -> Dose:
        return cls(d.get("text", ""), float(d["low"]), float(d["high"]), d.get("unit"))


@dataclass(frozen=True, slots=True)
class Entity:
    """A SCHEMA §1 mention. ``norm`` is a string, or a tuple of ``Dose`` for ``DOSE``."""

    start: int
    end: int
    label: str
    text: str
    norm: str | tuple[Dose, ...]
    id: str | None = None  # ontology id where one exists (CL:..., HGNC symbol)
    confidence: float | None = None

    def to_dict(self) -> JSONDict:
        d: JSONDict = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "norm": [x.to_dict() for x in self.norm] if isinstance(self.norm, tuple) else self.norm,
        }
        if self.id is not None:
            d["id"] = self.id
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d

    @classmethod
    def from_dict(cls, d: JSONDict) -> Entity:
        norm = d.get("norm")
        if isinstance(norm, list):
            norm = tuple(Dose.from_dict(x) for x in norm)
        return cls(
            d["start"],
            d["end"],
            d["label"],
            d.get("text", ""),
            norm if norm is not None else "",
            d.get("id"),
            d.get("confidence"),
        )


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Outcome:
    measure: str
    baseline: float | None = None
    final: float | None = None

    def to_dict(self) -> JSONDict:
        return {"measure": self.measure, "baseline": self.baseline, "final": self.final}

    @classmethod
    def from_dict(cls, d: JSONDict) -> Outcome:
        return cls(d["measure"], d.get("baseline"), d.get("final"))


@dataclass(frozen=True, slots=True)
class CytokineEffect:
    name: str
    direction: str | None  # "down" | "up" | None

    def to_dict(self) -> JSONDict:
        return {"name": self.name, "direction": self.direction}

    @classmethod
    def from_dict(cls, d: JSONDict) -> CytokineEffect:
        return cls(d["name"], d.get("direction"))


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    field: str | None = None  # which record field this span supports (extension)

    def to_dict(self) -> JSONDict:
        d: JSONDict = {"start": self.start, "end": self.end}
        if self.field is not None:
            d["field"] = self.field
        return d

    @classmethod
    def from_dict(cls, d: JSONDict) -> Evidence:
        return cls(d["start"], d["end"], d.get("field"))


@dataclass(frozen=True, slots=True)
class Conflict:
    field: str
    values: tuple[Any, ...]

    def to_dict(self) -> JSONDict:
        return {"field": self.field, "values": list(self.values)}

    @classmethod
    def from_dict(cls, d: JSONDict) -> Conflict:
        return cls(d["field"], tuple(d.get("values", ())))


# SCHEMA §4 record fields in the order the schema lists them (evidence and conflicts aside).
RECORD_SCALAR_FIELDS: tuple[str, ...] = (
    "study_id",
    "first_author",
    "year",
    "ref",
    "doi",
    "disease",
    "intervention",
    "model",
    "design",
    "sample_size",
)
RECORD_LIST_FIELDS: tuple[str, ...] = ("doses", "routes", "outcomes", "cytokines", "cells")

DISEASES = (
    "psoriasis",
    "psoriatic arthritis",
    "atopic dermatitis",
    "systemic sclerosis",
    "localized scleroderma",
    "acne vulgaris",
    "acne scars",
)  # or "other: <text>"
INTERVENTIONS = ("cells", "svf", "vesicles", "apoptotic vesicles", "conditioned medium")
# "rat" and "pig" extend SCHEMA v1 (docs/schema.md): rat wound and skin models and pig scar
# and wound models (red Duroc, Yorkshire, minipigs) are common in this field, and folding
# them into "mouse" would state a wrong species.
MODELS = ("human", "mouse", "dog", "cell culture", "rat", "pig")
DESIGNS = ("case report", "clinical trial", "animal study", "in vitro")
ROUTES = ("i.v.", "s.c.", "topical", "intradermal", "intralesional", "i.p.")
DIRECTIONS = ("down", "up", None)


@dataclass(frozen=True, slots=True)
class StudyRecord:
    """SCHEMA §4 study record. ``confidence`` maps field name -> [0, 1] (extension)."""

    study_id: str
    first_author: str
    year: int | None = None
    ref: int | None = None
    doi: str | None = None
    disease: str | None = None
    intervention: str | None = None
    model: str | None = None
    design: str | None = None
    sample_size: int | None = None
    doses: tuple[Dose, ...] = ()
    routes: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    cytokines: tuple[CytokineEffect, ...] = ()
    cells: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    confidence: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> JSONDict:
        d: JSONDict = {
            "study_id": self.study_id,
            "first_author": self.first_author,
            "year": self.year,
            "ref": self.ref,
            "doi": self.doi,
            "disease": self.disease,
            "intervention": self.intervention,
            "model": self.model,
            "design": self.design,
            "sample_size": self.sample_size,
            "doses": [x.to_dict() for x in self.doses],
            "routes": list(self.routes),
            "outcomes": [x.to_dict() for x in self.outcomes],
            "cytokines": [x.to_dict() for x in self.cytokines],
            "cells": list(self.cells),
            "evidence": [x.to_dict() for x in self.evidence],
        }
        if self.conflicts:
            d["conflicts"] = [c.to_dict() for c in self.conflicts]
        if self.confidence:
            d["confidence"] = dict(self.confidence)
        return d

    @classmethod
    def from_dict(cls, d: JSONDict) -> StudyRecord:
        return cls(
            study_id=d["study_id"],
            first_author=d.get("first_author", ""),
            year=d.get("year"),
            ref=d.get("ref"),
            doi=d.get("doi"),
            disease=d.get("disease"),
            intervention=d.get("intervention"),
            model=d.get("model"),
            design=d.get("design"),
            sample_size=d.get("sample_size"),
            doses=tuple(Dose.from_dict(x) for x in d.get("doses", ())),
            routes=tuple(d.get("routes", ())),
            outcomes=tuple(Outcome.from_dict(x) for x in d.get("outcomes", ())),
            cytokines=tuple(CytokineEffect.from_dict(x) for x in d.get("cytokines", ())),
            cells=tuple(d.get("cells", ())),
            evidence=tuple(Evidence.from_dict(x) for x in d.get("evidence", ())),
            conflicts=tuple(Conflict.from_dict(x) for x in d.get("conflicts", ())),
            confidence=dict(d.get("confidence", {})),
        )


# --------------------------------------------------------------------------- output


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One SCHEMA §5 JSONL line: what the toolkit says about one input document."""

    doc_id: str
    source: str
    text: str
    entities: tuple[Entity, ...] = ()
    records: tuple[StudyRecord, ...] = ()
    error: str | None = None
    schema: str = SCHEMA_VERSION
    meta: JSONDict = field(default_factory=dict)  # extension: format, versions, timings
    bibliography: Bibliography = field(default_factory=Bibliography)

    def to_dict(self) -> JSONDict:
        d: JSONDict = {
            "schema": self.schema,
            "doc_id": self.doc_id,
            "source": self.source,
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "records": [r.to_dict() for r in self.records],
            "error": self.error,
            "bibliography": self.bibliography.to_dict(),
        }
        if self.meta:
            d["meta"] = dict(self.meta)
        return d

    @classmethod
    def from_dict(cls, d: JSONDict) -> DocumentResult:
        return cls(
            doc_id=d["doc_id"],
            source=d.get("source", ""),
            text=d.get("text", ""),
            entities=tuple(Entity.from_dict(x) for x in d.get("entities", ())),
            records=tuple(StudyRecord.from_dict(x) for x in d.get("records", ())),
            error=d.get("error"),
            schema=d.get("schema", SCHEMA_VERSION),
            meta=dict(d.get("meta", {})),
            bibliography=Bibliography.from_dict(d.get("bibliography")),
        )
