"""studies.csv and studies.xlsx: the study table for a spreadsheet or a meta-analysis tool.

Numbers are numbers (year, sample size, dose low/high, baseline/final per score). Text from
papers is data, never a formula: in the workbook every text cell is typed as a string, and in
the CSV a text value that a spreadsheet would run as a formula gets a leading apostrophe
(OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from extractor.io import atomic_open
from extractor.report.load import Study
from extractor.report.table import outcome_rows, sheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(path: Path, studies: tuple[Study, ...]) -> int:
    header, rows = sheet(studies)
    with atomic_open(path, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([csv_safe(h) for h in header])
        writer.writerows([["" if v is None else csv_safe(v) for v in row] for row in rows])
    return len(rows)


def _sheet(wb, title: str, header: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)

    def text(value: str) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"  # openpyxl would store a leading "=" as a formula
        return c

    def cell(value: Any) -> Any:
        return text(value) if isinstance(value, str) and value.startswith("=") else value

    ws.freeze_panes = "A2"
    head = [text(h) for h in header]
    for c in head:
        c.font = Font(bold=True)
    ws.append(head)
    for row in rows:
        ws.append([cell(v) for v in row])


def write_xlsx(path: Path, studies: tuple[Study, ...]) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    header, rows = sheet(studies)
    _sheet(wb, "studies", header, rows)
    _sheet(wb, "outcomes", *outcome_rows(studies))
    with atomic_open(path, "wb") as fh:
        wb.save(fh)
    return len(rows)
