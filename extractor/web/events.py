"""The curation model: targets, events, and a document's state replayed from them.

A target is ``entity:<eid>``, ``record:<rid>:<field>`` or ``record:<rid>:_status``; an
``Event`` is one change to one target; a ``DocState`` is the baseline with every event
applied in order. ``extractor.web.store`` persists events; this module holds what a store,
the app and the exports share, so none of them imports the database to read a state.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from extractor.types import LABELS
from extractor.web.fields import EDITABLE_FIELDS, LIST_FIELDS

STATUSES = ("pending", "accepted", "rejected")


class ReviewInputError(ValueError):
    """A documents file the app cannot load; ``str(err)`` is one line naming file and problem."""


class NotFound(LookupError):
    """Unknown document or item."""


class Invalid(ValueError):
    """A correction that would break SCHEMA rules (overlap, bad offsets, unknown label)."""


class Conflict(Exception):
    """A write based on a stale version; carries what the other curator did."""

    def __init__(
        self,
        target: str,
        expected: int,
        current: int,
        value: Any,
        curator: str | None,
        ts: str | None,
    ) -> None:
        super().__init__(f"{target}: version {expected} is stale (now {current}, by {curator})")
        self.target, self.expected, self.current = target, expected, current
        self.value, self.curator, self.ts = value, curator, ts

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "your_version": self.expected,
            "current_version": self.current,
            "current": self.value,
            "curator": self.curator,
            "ts": self.ts,
        }


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    doc_id: str
    target: str
    action: str
    before: Any
    after: Any
    curator: str
    ts: str
    pipeline_version: str
    version: int
    undoes: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "target": self.target,
            "action": self.action,
            "before": self.before,
            "after": self.after,
            "curator": self.curator,
            "ts": self.ts,
            "pipeline_version": self.pipeline_version,
            "version": self.version,
            "undoes": self.undoes,
        }


@dataclass(frozen=True, slots=True)
class Change:
    """One write: ``after`` replaces the target's state if its version is still ``version``."""

    target: str
    action: str
    after: Any
    version: int


@dataclass(slots=True)
class DocState:
    """A document as curated so far: baseline plus every event, replayed."""

    doc_id: str
    baseline: dict[str, Any]
    states: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    last: dict[str, Event] = field(default_factory=dict)
    n_events: int = 0

    @property
    def text(self) -> str:
        return str(self.baseline.get("text", ""))

    def version(self, target: str) -> int:
        return self.versions.get(target, 0)

    def entities(self) -> list[tuple[str, dict[str, Any]]]:
        """(eid, entity) for every entity that exists now (rejected ones included), by offset."""
        out = [
            (t.split(":", 1)[1], s)
            for t, s in self.states.items()
            if t.startswith("entity:") and s is not None
        ]
        return sorted(out, key=lambda x: (x[1]["start"], x[1]["end"], x[0]))

    def record_ids(self) -> list[str]:
        seen: list[str] = []
        for t in self.states:
            if t.startswith("record:"):
                rid = t.split(":")[1]
                if rid not in seen:
                    seen.append(rid)
        return seen

    def record(self, rid: str) -> dict[str, Any]:
        prefix = f"record:{rid}:"
        return {t[len(prefix) :]: s for t, s in self.states.items() if t.startswith(prefix)}

    def records(self) -> dict[str, dict[str, Any]]:
        """Every record's fields by record id, in one pass (the page shows them all)."""
        out: dict[str, dict[str, Any]] = {}
        for t, s in self.states.items():
            if t.startswith("record:"):
                _, rid, name = t.split(":", 2)
                out.setdefault(rid, {})[name] = s
        return out


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def dumps_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def baseline_states(doc: dict[str, Any]) -> dict[str, Any]:
    """Initial target states of a SCHEMA §5 line: entities ``e<i>``, records ``r<i>``."""
    states: dict[str, Any] = {}
    text = doc.get("text") or ""
    for i, e in enumerate(doc.get("entities") or []):
        ent = dict(e)
        ent["text"] = text[e["start"] : e["end"]]
        ent["status"] = "pending"
        states[f"entity:e{i}"] = ent
    for i, r in enumerate(doc.get("records") or []):
        # every editable field exists as a target, so a field the pipeline left out can be filled
        for key in EDITABLE_FIELDS:
            states[f"record:r{i}:{key}"] = [] if key in LIST_FIELDS else None
        for key, value in r.items():
            states[f"record:r{i}:{key}"] = value
        states[f"record:r{i}:_status"] = "pending"
    return states


_NOT_A_TITLE = re.compile(
    r"^(?:keywords?|abbreviations?|correspondence|citation|received|accepted|published"
    r"|edited by|reviewed by)\b|doi|https?:|www\.|et al|©|\||copyright|journal",
    re.I,
)  # a "Keywords:" line, a DOI, a running head, page furniture


def document_title(doc: dict[str, Any]) -> str:
    """The title a curator knows the paper by: ``bibliography.title`` (SCHEMA §5), else the
    first title-like heading among the first lines (3-30 words, no full stop; not a running
    head with a DOI, a journal name or page furniture, not a section name such as
    "Abstract"), else "" (the page then shows the doc_id)."""
    bib = doc.get("bibliography")
    if isinstance(bib, dict) and isinstance(bib.get("title"), str) and bib["title"].strip():
        return " ".join(bib["title"].split())
    lines = [ln.strip() for ln in str(doc.get("text") or "").splitlines()[:40] if ln.strip()]
    for line in lines[:8]:
        words = line.split()
        if (
            3 <= len(words) <= 30
            and not line.endswith(".")
            and not _NOT_A_TITLE.search(line)
            and sum(c.isalpha() for c in line) > 0.7 * len(line.replace(" ", ""))
        ):
            return line
    return ""


def pipeline_version(doc: dict[str, Any]) -> str:
    """What produced the suggestions: the batch's pipeline hash or version, when the line says."""
    meta = doc.get("meta") or {}
    for key in ("pipeline_hash", "pipeline_version", "extractor_version", "version"):
        if isinstance(meta.get(key), str) and meta[key]:
            return meta[key]
    return "unknown"


def check_entities(st: DocState, touched: set[str]) -> None:
    """SCHEMA §1 for entities a write touched: label known, offsets in the text, and (if still
    active) no overlap with another active entity. Untouched pipeline output is not judged
    here, so one bad suggestion does not block every other correction."""
    text = st.text
    ents = dict(st.entities())
    active = [(eid, e) for eid, e in ents.items() if e.get("status") != "rejected"]
    for eid in sorted(touched):
        e = ents.get(eid)
        if e is None:  # an undone add: the entity is gone
            continue
        if e.get("status") not in STATUSES:
            raise Invalid(f"entity {eid}: unknown status {e.get('status')!r}")
        if e.get("label") not in LABELS:
            raise Invalid(f"entity {eid}: label must be one of {', '.join(LABELS)}")
        if not (0 <= e["start"] < e["end"] <= len(text)):
            raise Invalid(f"entity {eid}: span [{e['start']}, {e['end']}) is outside the text")
        if e["status"] == "rejected":
            continue
        for other_id, o in active:
            if other_id != eid and e["start"] < o["end"] and o["start"] < e["end"]:
                raise Invalid(
                    f"span {e['text']!r} overlaps {o['text']!r} ({o['label']}); "
                    "re-span or reject that one first"
                )
