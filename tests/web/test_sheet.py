"""Spreadsheet round trip: CSV and XLSX out, edits back in as validated events with a diff."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from extractor.web.actions import field_change
from extractor.web.sheet import apply_import, plan_import, read_sheet, write_sheet
from extractor.web.store import EventStore


def edit_csv(path: Path, **changes: str) -> None:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0].update(changes)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def edit_xlsx(path: Path, **changes: str | int) -> None:
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    for name, value in changes.items():
        ws.cell(row=2, column=header.index(name) + 1, value=value)
    wb.save(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_untouched_sheet_imports_as_no_change(
    store: EventStore, tmp_path: Path, suffix: str
) -> None:
    p = tmp_path / f"records{suffix}"
    assert write_sheet(store, p) == 1
    plan = plan_import(store, read_sheet(p))
    assert plan.ok and plan.changes == ()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_edited_sheet_becomes_events_with_a_diff(
    store: EventStore, tmp_path: Path, suffix: str
) -> None:
    p = tmp_path / f"records{suffix}"
    write_sheet(store, p)
    edit = edit_csv if suffix == ".csv" else edit_xlsx
    # Excel users type numbers as numbers; the sheet reader hands them back as text
    edit(
        p,
        sample_size=8 if suffix == ".xlsx" else "8",
        routes="i.v.; intradermal",
        cytokines="TNF-α ↓; IL-17A ↓; IL-10 ↑",
        status="accepted",
    )
    plan = plan_import(store, read_sheet(p))
    assert plan.ok, plan.errors
    assert [c.describe() for c in plan.changes] == [
        "trial-a chen [r0] sample_size: '7' → '8'",
        "trial-a chen [r0] routes: 'i.v.' → 'i.v.; intradermal'",
        "trial-a chen [r0] cytokines: 'TNF-α ↓; IL-17A ↓' → 'TNF-α ↓; IL-17A ↓; IL-10 ↑'",
        "trial-a chen [r0] status: 'pending' → 'accepted'",
    ]
    assert apply_import(store, plan, "carol") == 4
    rec = store.state("trial-a").record("r0")
    assert (rec["sample_size"], rec["routes"], rec["_status"]) == (
        8,
        ["i.v.", "intradermal"],
        "accepted",
    )
    assert {e.curator for e in store.events("trial-a")} == {"carol"}
    assert {e.action for e in store.events("trial-a")} == {"sheet"}


def test_invalid_values_are_listed_and_nothing_is_written(
    store: EventStore, tmp_path: Path
) -> None:
    p = tmp_path / "records.csv"
    write_sheet(store, p)
    edit_csv(p, disease="eczema", year="twenty", sample_size="9")
    plan = plan_import(store, read_sheet(p), where="records.csv")
    assert not plan.ok
    assert plan.errors == (
        "records.csv row 2, column year: year must be a whole number, got 'twenty'",
        "records.csv row 2, column disease: disease must be one of: psoriasis, "
        "psoriatic arthritis, "
        "atopic dermatitis, systemic sclerosis, localized scleroderma, acne vulgaris, acne scars, "
        "or 'other: <text>'; got 'eczema'",
    )
    with pytest.raises(ValueError):
        apply_import(store, plan, "carol")
    assert store.events("trial-a") == []


def test_row_changed_in_the_app_since_export_is_a_conflict(
    store: EventStore, tmp_path: Path
) -> None:
    p = tmp_path / "records.csv"
    write_sheet(store, p)
    store.apply("trial-a", [field_change(store.state("trial-a"), "r0", "year", "2021", 0)], "ann")
    edit_csv(p, sample_size="9")
    plan = plan_import(store, read_sheet(p))
    assert plan.changes == () and len(plan.conflicts) == 1
    assert "changed in the app since this sheet was written" in plan.conflicts[0]


def test_unknown_rows_are_errors(store: EventStore, tmp_path: Path) -> None:
    p = tmp_path / "records.csv"
    write_sheet(store, p)
    edit_csv(p, record_id="r7")
    plan = plan_import(store, read_sheet(p))
    assert plan.errors == ("sheet row 2: no record 'r7' in 'trial-a'",)
