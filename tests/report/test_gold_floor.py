"""Floor: on the shipped corpus (what `make run` does: batch, then report), the study table is
the gold's 19 records, field by field, in the page and in studies.csv.

"Equal" is the project's scorer's rule (extractor.evaluate.records): the gold value or one of
the alternatives the gold's ``accept`` extension lists for that field.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.report.table import COLUMNS, display, dose_summary
from extractor.types import StudyRecord
from tests.conftest import CORPUS, GOLD

pytestmark = pytest.mark.slow
FIELDS = [key for key, _ in COLUMNS if key != "paper"]
# What the pipeline still gets wrong on the corpus (out/eval/errors.jsonl), so that the table
# is shown to carry it faithfully rather than the floor being lowered: field -> reason.
KNOWN_PIPELINE_MISSES: dict[str, str] = {}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    run = [sys.executable, "-m", "extractor"]
    subprocess.run([*run, "batch", str(CORPUS), "-o", str(out / "out"), "-q", "-w", "1"],
                   check=True, capture_output=True)  # fmt: skip
    subprocess.run([*run, "report", str(out / "out"), "-o", str(out / "report")],
                   check=True, capture_output=True)  # fmt: skip
    return out / "report"


@pytest.fixture(scope="module")
def gold() -> dict[str, list[StudyRecord]]:
    """study_id -> the gold record and one record per accepted alternative value."""
    line = json.loads((GOLD / "review.jsonl").read_text(encoding="utf-8").splitlines()[0])
    out = {}
    for raw in line["records"]:
        alts = [{**raw, f: v} for f, vs in (raw.get("accept") or {}).items() for v in vs]
        out[raw["study_id"]] = [StudyRecord.from_dict(r) for r in (raw, *alts)]
    return out


@pytest.fixture(scope="module")
def rows(report: Path) -> list[dict]:
    html = (report / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))["rows"]


@pytest.fixture(scope="module")
def table(rows) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    col = {key: i for i, (key, _) in enumerate(COLUMNS)}
    return {r["c"][col["study_id"]][0]: {k: r["c"][col[k]] for k in col} for r in rows}


def test_the_table_has_the_gold_studies_once_each(rows, table, gold) -> None:  # type: ignore[no-untyped-def]
    # the corpus is one paper in three renderings: its studies are listed once, not three times
    assert len(rows) == 19
    assert sorted(table) == sorted(gold)


@pytest.mark.parametrize(
    "field",
    [
        pytest.param(f, marks=pytest.mark.xfail(strict=True, reason=KNOWN_PIPELINE_MISSES[f]))
        if f in KNOWN_PIPELINE_MISSES
        else f
        for f in FIELDS
    ],
)
def test_every_cell_equals_the_gold_record(table, gold, field: str) -> None:  # type: ignore[no-untyped-def]
    wrong = {
        sid: (table[sid][field][0], display(field, recs[0]))
        for sid, recs in gold.items()
        if _items(field, table[sid][field][0])
        not in {_items(field, display(field, r)) for r in recs}
    }
    assert wrong == {}


LIST_SEPARATORS = {
    "cells": ", ",
    "routes": ", ",
    "cytokines": ", ",
    "doses": "; ",
    "outcomes": "; ",
}


def _items(field: str, cell: str) -> tuple[str, ...] | str:
    """A list field's items in any order (the scorer compares them as sets, as the gold's
    adjudication does: GUIDELINES §7), a scalar as shown."""
    sep = LIST_SEPARATORS.get(field)
    return tuple(sorted(cell.split(sep))) if sep else cell


def test_sheet_numbers_equal_the_gold(report: Path, gold) -> None:  # type: ignore[no-untyped-def]
    lines = list(csv.DictReader((report / "studies.csv").open(encoding="utf-8")))
    rows = {r["study_id"]: r for r in lines}
    assert len(lines) == 19 and sorted(rows) == sorted(gold)

    for sid, recs in gold.items():
        assert any(_sheet_row_is(rows[sid], rec) for rec in recs), sid


def _num(v: str) -> float | None:
    return float(v) if v else None


def _sheet_row_is(row: dict[str, str], rec: StudyRecord) -> bool:
    got = [_num(row["year"]), _num(row["ref"]), _num(row["sample_size"])]
    want: list = [rec.year, rec.ref, rec.sample_size]
    got += [_num(row["dose_low"]), _num(row["dose_high"]), row["dose_unit"] or None]
    want += list(dose_summary(rec.doses))
    seen: dict[str, int] = {}
    for o in rec.outcomes:
        seen[o.measure] = seen.get(o.measure, 0) + 1
        name = o.measure if seen[o.measure] == 1 else f"{o.measure} #{seen[o.measure]}"
        got += [_num(row[f"{name} baseline"]), _num(row[f"{name} final"])]
        want += [o.baseline, o.final]
    return got == want
