"""Spreadsheet round trip for study records: CSV / XLSX out, edited sheet back in as events.

One row per record. List fields use the same text forms as the browser (``; ``-separated,
``PASI 21.6→9.0``, ``TNF-α ↓``, ``0.5–3.1 million cells/kg``), so both paths share one
validator. A row carries ``_version``, the record's version when the sheet was written: a row
whose record changed in the app since then is refused as a conflict, never applied over the
newer change. Import is all or nothing: any error or conflict and nothing is written.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.io import atomic_open
from extractor.web.actions import RECORD_STATUS
from extractor.web.fields import EDITABLE_FIELDS, FieldError, format_field, parse_field
from extractor.web.store import Change, DocState, EventStore

KEY_COLUMNS = ("doc_id", "record_id", "_version", "status")
COLUMNS = (*KEY_COLUMNS, *EDITABLE_FIELDS, "evidence")
STATUS_TO_ACTION = {v: k for k, v in RECORD_STATUS.items()}
MAX_ROWS = 100_000


class SheetError(ValueError):
    """A sheet that cannot be read at all (wrong format, missing columns)."""


@dataclass(frozen=True, slots=True)
class SheetChange:
    doc_id: str
    record_id: str
    study_id: str
    field: str
    before: str
    after: str
    change: Change

    def describe(self) -> str:
        where = f"{self.doc_id} {self.study_id} [{self.record_id}]"
        return f"{where} {self.field}: {self.before!r} → {self.after!r}"


@dataclass(frozen=True, slots=True)
class ImportPlan:
    changes: tuple[SheetChange, ...]
    errors: tuple[str, ...]
    conflicts: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.conflicts


def record_version(st: DocState, rid: str) -> int:
    prefix = f"record:{rid}:"
    return sum(v for t, v in st.versions.items() if t.startswith(prefix))


def _evidence_text(st: DocState, rec: dict[str, Any]) -> str:
    spans = [e for e in rec.get("evidence") or [] if isinstance(e, dict)]
    return " … ".join(st.text[e["start"] : e["end"]] for e in spans[:3])


def sheet_rows(store: EventStore) -> list[dict[str, str]]:
    rows = []
    for doc_id in store.doc_ids():
        st = store.state(doc_id)
        for rid in st.record_ids():
            rec = st.record(rid)
            row = {
                "doc_id": doc_id,
                "record_id": rid,
                "_version": str(record_version(st, rid)),
                "status": str(rec.get("_status", "pending")),
            }
            for name in EDITABLE_FIELDS:
                row[name] = format_field(name, rec.get(name))
            row["evidence"] = _evidence_text(st, rec)
            rows.append(row)
    return rows


def write_sheet(store: EventStore, path: str | Path) -> int:
    """Write every record to ``path`` (``.csv`` or ``.xlsx``); returns the row count."""
    p = Path(path)
    rows = sheet_rows(store)
    if p.suffix.lower() == ".csv":
        # utf-8-sig: Excel opens it with µ and α intact
        with atomic_open(p, encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=COLUMNS)
            w.writeheader()
            w.writerows(rows)
    elif p.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = "records"
        ws.append(list(COLUMNS))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            # text cells throughout, so Excel does not turn "2016" into a float or a DOI into a date
            ws.append([row[c] for c in COLUMNS])
            for cell in ws[ws.max_row]:
                cell.number_format = "@"
        ws.freeze_panes = "E2"
        with atomic_open(p, mode="wb") as fh:
            wb.save(fh)
    else:
        raise SheetError(f"{p}: sheet must end in .csv or .xlsx")
    return len(rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_sheet(path: str | Path) -> list[dict[str, str]]:
    """Rows of a CSV or XLSX sheet as text.

    Raises:
        SheetError: missing file, unknown format, or a missing key column.
    """
    p = Path(path)
    if not p.is_file():
        raise SheetError(f"{p}: no such file")
    try:
        if p.suffix.lower() == ".csv":
            with open(p, encoding="utf-8-sig", newline="") as fh:
                rows = [{k: _cell(v) for k, v in r.items() if k} for r in csv.DictReader(fh)]
        elif p.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(p, read_only=True, data_only=True)
            ws = wb.worksheets[0]
            it = ws.iter_rows(values_only=True)
            header = [_cell(h) for h in next(it, ())]
            rows = [dict(zip(header, map(_cell, r), strict=False)) for r in it]
            wb.close()
        else:
            raise SheetError(f"{p}: sheet must end in .csv or .xlsx")
    except UnicodeDecodeError as err:
        raise SheetError(f"{p}: not UTF-8 text ({err.reason})") from err
    except (OSError, KeyError, ValueError) as err:
        if isinstance(err, SheetError):
            raise
        raise SheetError(f"{p}: cannot read sheet ({err})") from err
    if len(rows) > MAX_ROWS:
        raise SheetError(f"{p}: more than {MAX_ROWS} rows")
    missing = [c for c in KEY_COLUMNS if rows and c not in rows[0]]
    if missing:
        raise SheetError(f"{p}: missing column(s) {', '.join(missing)}")
    return [r for r in rows if any(v.strip() for v in r.values())]


def plan_import(store: EventStore, rows: list[dict[str, str]], where: str = "sheet") -> ImportPlan:
    """Compare a sheet with the store: what would change, what is invalid, what conflicts."""
    changes: list[SheetChange] = []
    errors: list[str] = []
    conflicts: list[str] = []
    states: dict[str, DocState] = {}
    known_docs = set(store.doc_ids())
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        at = f"{where} row {n}"
        doc_id, rid = row.get("doc_id", "").strip(), row.get("record_id", "").strip()
        if doc_id not in known_docs:
            errors.append(f"{at}: unknown doc_id {doc_id!r}")
            continue
        st = states.setdefault(doc_id, store.state(doc_id))
        if f"record:{rid}:_status" not in st.states:
            errors.append(f"{at}: no record {rid!r} in {doc_id!r}")
            continue
        rec = st.record(rid)
        study = str(rec.get("study_id") or rid)
        row_changes: list[SheetChange] = []
        for name in EDITABLE_FIELDS:
            if name not in row:
                continue
            raw, before = row[name], format_field(name, rec.get(name))
            if raw.strip() == before.strip():
                continue  # untouched cell: no re-parse, so legacy values stay as they are
            target = f"record:{rid}:{name}"
            try:
                value = parse_field(name, raw, rec.get(name))
            except FieldError as err:
                errors.append(f"{at}, column {name}: {err}")
                continue
            if value == rec.get(name):
                continue
            ch = Change(target, "sheet", value, st.version(target))
            row_changes.append(SheetChange(doc_id, rid, study, name, before, raw.strip(), ch))
        status = row.get("status", "").strip().lower()
        if status and status != rec.get("_status"):
            if status not in STATUS_TO_ACTION:
                errors.append(f"{at}, column status: one of {', '.join(STATUS_TO_ACTION)}")
            else:
                target = f"record:{rid}:_status"
                ch = Change(target, "sheet", status, st.version(target))
                row_changes.append(
                    SheetChange(doc_id, rid, study, "status", str(rec.get("_status")), status, ch)
                )
        if row_changes and row.get("_version", "").strip() != str(record_version(st, rid)):
            conflicts.append(
                f"{at}: {doc_id} {study} [{rid}] changed in the app since this sheet was written "
                f"(version {row.get('_version')!r}, now {record_version(st, rid)}); "
                "export a fresh sheet and redo these edits"
            )
            continue
        changes.extend(row_changes)
    return ImportPlan(tuple(changes), tuple(errors), tuple(conflicts))


def apply_import(store: EventStore, plan: ImportPlan, curator: str) -> int:
    """Write a clean plan as events (one transaction per document); returns events written."""
    if not plan.ok:
        raise ValueError("refusing to apply a sheet with errors or conflicts")
    by_doc: dict[str, list[Change]] = defaultdict(list)
    for c in plan.changes:
        by_doc[c.doc_id].append(c.change)
    return sum(len(store.apply(doc_id, chs, curator)) for doc_id, chs in by_doc.items())
