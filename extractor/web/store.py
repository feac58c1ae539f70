"""Event-sourced curation store on SQLite: corrections are appended, current state is replayed.

Every correction is one row of ``events`` (curator, time, document, target, before, after,
pipeline version). The pipeline's output is kept untouched in ``documents`` as the baseline;
the state a curator sees is the baseline with every event applied in order, so nothing is
ever overwritten and any past state can be rebuilt.

Targets are ``entity:<eid>`` (a whole entity, with its curation ``status``),
``record:<rid>:<field>`` (one record field) and ``record:<rid>:_status``. Each target has a
version (the number of events on it). A write names the version it was based on; if another
curator wrote first, the write is refused with ``Conflict`` carrying their change. The check
and the insert run in one ``BEGIN IMMEDIATE`` transaction, and ``UNIQUE(doc_id, target,
version)`` backs it up. WAL journal with ``synchronous=FULL``: a committed event survives a
killed server.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extractor import __version__
from extractor.io import read_jsonl
from extractor.types import LABELS
from extractor.web.events import (
    STATUSES,
    Change,
    Conflict,
    DocState,
    Event,
    Invalid,
    NotFound,
    ReviewInputError,
    baseline_states,
    check_entities,
    document_title,
    dumps_value,
    now,
    pipeline_version,
)

__all__ = [
    "STATUSES",
    "Change",
    "Conflict",
    "DocState",
    "Event",
    "EventStore",
    "Invalid",
    "NotFound",
    "ReviewInputError",
    "baseline_states",
    "check_entities",
    "document_title",
    "now",
    "pipeline_version",
]

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    baseline TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    target TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    curator TEXT NOT NULL,
    ts TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    app_version TEXT NOT NULL,
    version INTEGER NOT NULL,
    undoes INTEGER REFERENCES events(id),
    UNIQUE (doc_id, target, version)
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id, id);
"""


def _validate_line(doc: Any, where: str) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise ReviewInputError(f"{where}: expected a JSON object, got {type(doc).__name__}")
    if not isinstance(doc.get("doc_id"), str) or not doc["doc_id"].strip():
        raise ReviewInputError(f"{where}: missing doc_id")
    if not isinstance(doc.get("text", ""), str):
        raise ReviewInputError(f"{where}: 'text' must be a string")
    for key in ("entities", "records"):
        if not isinstance(doc.get(key) or [], list):
            raise ReviewInputError(f"{where}: '{key}' must be a list")
    text = doc.get("text") or ""
    for i, e in enumerate(doc.get("entities") or []):
        ok = (
            isinstance(e, dict)
            and isinstance(e.get("start"), int)
            and isinstance(e.get("end"), int)
            and 0 <= e["start"] < e["end"] <= len(text)
            and e.get("label") in LABELS
        )
        if not ok:
            raise ReviewInputError(
                f"{where}: entity {i} needs 0 <= start < end <= len(text) and a SCHEMA label"
            )
    for i, r in enumerate(doc.get("records") or []):
        if not isinstance(r, dict):
            raise ReviewInputError(f"{where}: record {i} is not a JSON object")
    return doc


def _current_version(st: DocState, ch: Change) -> int:
    """The version ``ch`` writes over; an unknown target or a stale version raises."""
    if ch.target not in st.states and not (ch.target.startswith("entity:") and ch.version == 0):
        raise NotFound(f"no item {ch.target!r} in {st.doc_id!r}")
    current = st.version(ch.target)
    if ch.version != current:
        last = st.last.get(ch.target)
        raise Conflict(
            ch.target,
            ch.version,
            current,
            st.states.get(ch.target),
            last.curator if last else None,
            last.ts if last else None,
        )
    return current


def _insert_event(con: sqlite3.Connection, ev: Event) -> Event:
    """Append ``ev`` to the log; returns it with the id the database gave it."""
    cur = con.execute(
        "INSERT INTO events(doc_id, target, action, before, after, curator, ts,"
        " pipeline_version, app_version, version, undoes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            ev.doc_id,
            ev.target,
            ev.action,
            None if ev.before is None else dumps_value(ev.before),
            None if ev.after is None else dumps_value(ev.after),
            ev.curator,
            ev.ts,
            ev.pipeline_version,
            __version__,
            ev.version,
            ev.undoes,
        ),
    )
    return dataclasses.replace(ev, id=int(cur.lastrowid or 0))


class EventStore:
    """The SQLite file behind the review app; one short connection per operation."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._baselines: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        with self._connect() as con:
            con.executescript(_SCHEMA_SQL)

    # ----------------------------------------------------------------- connections

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed event is on disk before the HTTP response leaves
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        return con

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()

    def journal_mode(self) -> str:
        con = self._connect()
        try:
            return str(con.execute("PRAGMA journal_mode").fetchone()[0])
        finally:
            con.close()

    def secret_key(self) -> bytes:
        """A per-database session key, so a restarted server keeps curators' sessions valid."""
        with self._tx() as con:
            row = con.execute("SELECT value FROM meta WHERE key='secret_key'").fetchone()
            if row is None:
                value = secrets.token_hex(32)
                con.execute("INSERT INTO meta(key, value) VALUES ('secret_key', ?)", (value,))
                return bytes.fromhex(value)
            return bytes.fromhex(row["value"])

    # ----------------------------------------------------------------- documents

    def load_documents(self, path: str | Path) -> tuple[int, int]:
        """Load a SCHEMA §5 file; returns (added, already present).

        A document already in the store keeps its first baseline (events point into it), so a
        rerun of the pipeline does not silently move curators' corrections. A doc_id present with
        a different text is refused.

        Raises:
            ReviewInputError: unreadable file, bad JSON, or a line that is not SCHEMA §5.
        """
        p = Path(path)
        if not p.is_file():
            raise ReviewInputError(f"{p}: no such file")
        docs: list[tuple[str, dict[str, Any]]] = []
        seen: set[str] = set()
        try:
            for lineno, doc in enumerate(read_jsonl(p), 1):
                where = f"{p}:{lineno}"
                doc = _validate_line(doc, where)
                if doc["doc_id"] in seen:
                    raise ReviewInputError(f"{where}: doc_id {doc['doc_id']!r} appears twice")
                seen.add(doc["doc_id"])
                docs.append((where, doc))
        except ValueError as err:  # bad JSON from read_jsonl, already "path:line: ..."
            if isinstance(err, ReviewInputError):
                raise
            raise ReviewInputError(str(err)) from err
        except UnicodeDecodeError as err:
            raise ReviewInputError(f"{p}: not UTF-8 text ({err.reason})") from err
        if not docs:
            raise ReviewInputError(f"{p}: holds no documents")
        added = kept = 0
        with self._tx() as con:
            pos = con.execute("SELECT COALESCE(MAX(position), -1) FROM documents").fetchone()[0]
            for where, doc in docs:
                sha = hashlib.sha256((doc.get("text") or "").encode("utf-8")).hexdigest()
                row = con.execute(
                    "SELECT sha256 FROM documents WHERE doc_id=?", (doc["doc_id"],)
                ).fetchone()
                if row is not None:
                    if row["sha256"] != sha:
                        raise ReviewInputError(
                            f"{where}: doc_id {doc['doc_id']!r} is already in {self.path} "
                            "with a different text; use a new --db for a new corpus"
                        )
                    kept += 1
                    continue
                pos += 1
                con.execute(
                    "INSERT INTO documents(doc_id, position, source, sha256, baseline, loaded_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (doc["doc_id"], pos, str(doc.get("source", "")), sha, dumps_value(doc), now()),
                )
                added += 1
        return added, kept

    def doc_ids(self) -> list[str]:
        con = self._connect()
        try:
            rows = con.execute("SELECT doc_id FROM documents ORDER BY position").fetchall()
            return [r["doc_id"] for r in rows]
        finally:
            con.close()

    def summaries(self) -> list[dict[str, Any]]:
        """One line per document for the index page."""
        out = []
        for doc_id in self.doc_ids():
            st = self.state(doc_id)
            ents = [e for _, e in st.entities()]
            rids = st.record_ids()
            out.append(
                {
                    "doc_id": doc_id,
                    "source": st.baseline.get("source", ""),
                    "title": document_title(st.baseline)[:160],
                    "entities": len(ents),
                    "reviewed": sum(e["status"] != "pending" for e in ents),
                    "records": len(rids),
                    "records_reviewed": sum(
                        st.states.get(f"record:{r}:_status") != "pending" for r in rids
                    ),
                    "events": st.n_events,
                    "error": st.baseline.get("error"),
                }
            )
        return out

    # ----------------------------------------------------------------- replay

    def _events(self, con: sqlite3.Connection, doc_id: str) -> list[Event]:
        rows = con.execute("SELECT * FROM events WHERE doc_id=? ORDER BY id", (doc_id,)).fetchall()
        return [
            Event(
                r["id"],
                r["doc_id"],
                r["target"],
                r["action"],
                None if r["before"] is None else json.loads(r["before"]),
                None if r["after"] is None else json.loads(r["after"]),
                r["curator"],
                r["ts"],
                r["pipeline_version"],
                r["version"],
                r["undoes"],
            )
            for r in rows
        ]

    def _baseline(
        self, con: sqlite3.Connection, doc_id: str
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        # a loaded baseline never changes (load_documents refuses a new text for an old id),
        # so its parse is cached; states are copied per call and only ever replaced, not mutated
        hit = self._baselines.get(doc_id)
        if hit is None:
            row = con.execute("SELECT baseline FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
            if row is None:
                raise NotFound(f"no document {doc_id!r}")
            baseline = json.loads(row["baseline"])
            hit = self._baselines[doc_id] = (baseline, baseline_states(baseline))
        return hit

    def _state(self, con: sqlite3.Connection, doc_id: str) -> DocState:
        baseline, states = self._baseline(con, doc_id)
        st = DocState(doc_id, baseline, dict(states))
        for ev in self._events(con, doc_id):
            st.states[ev.target] = ev.after
            st.versions[ev.target] = ev.version
            st.last[ev.target] = ev
            st.n_events += 1
        return st

    def state(self, doc_id: str) -> DocState:
        con = self._connect()
        try:
            return self._state(con, doc_id)
        finally:
            con.close()

    def events(self, doc_id: str | None = None) -> list[Event]:
        con = self._connect()
        try:
            ids = [doc_id] if doc_id is not None else self.doc_ids()
            return [ev for d in ids for ev in self._events(con, d)]
        finally:
            con.close()

    # ----------------------------------------------------------------- writes

    def apply(self, doc_id: str, changes: Sequence[Change], curator: str) -> list[Event]:
        """Append one event per change, all or none.

        Raises:
            NotFound: unknown document or target.
            Conflict: a change's version is stale (someone else wrote first).
            Invalid: the resulting entities would overlap or leave the text.
        """
        with self._tx() as con:
            st = self._state(con, doc_id)
            return self._apply(con, st, changes, curator)

    def _apply(
        self,
        con: sqlite3.Connection,
        st: DocState,
        changes: Sequence[Change],
        curator: str,
        undoes: int | None = None,
    ) -> list[Event]:
        ts = now()
        pv = pipeline_version(st.baseline)
        written: list[Event] = []
        for ch in changes:
            current = _current_version(st, ch)
            before = st.states.get(ch.target)
            st.states[ch.target] = ch.after
            st.versions[ch.target] = current + 1
            ev = _insert_event(
                con,
                Event(
                    id=0,  # the database numbers it
                    doc_id=st.doc_id,
                    target=ch.target,
                    action=ch.action,
                    before=before,
                    after=ch.after,
                    curator=curator,
                    ts=ts,
                    pipeline_version=pv,
                    version=current + 1,
                    undoes=undoes,
                ),
            )
            st.last[ch.target] = ev
            written.append(ev)
        check_entities(
            st, {c.target.split(":", 1)[1] for c in changes if c.target.startswith("entity:")}
        )
        return written

    def undo(self, doc_id: str, curator: str) -> Event:
        """Revert this curator's latest not-yet-undone correction in ``doc_id``.

        Raises:
            NotFound: nothing left to undo.
            Conflict: someone changed that item since; their change is not rolled back.
        """
        with self._tx() as con:
            st = self._state(con, doc_id)
            evs = self._events(con, doc_id)
            undone = {e.undoes for e in evs if e.undoes is not None}
            mine = [e for e in evs if e.curator == curator and e.undoes is None]
            target = next((e for e in reversed(mine) if e.id not in undone), None)
            if target is None:
                raise NotFound(f"nothing of {curator!r} left to undo in {doc_id!r}")
            if st.version(target.target) != target.version:
                last = st.last[target.target]
                raise Conflict(
                    target.target,
                    target.version,
                    st.version(target.target),
                    st.states.get(target.target),
                    last.curator,
                    last.ts,
                )
            change = Change(target.target, "undo", target.before, target.version)
            return self._apply(con, st, [change], curator, undoes=target.id)[0]
