"""The study table: what each cell says, where its value is marked, what is flagged; the sheet."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extractor.report import sheets
from extractor.report.load import load
from extractor.report.table import COLUMNS, build_rows, fmt_number, sheet

COL = {key: i for i, (key, _) in enumerate(COLUMNS)}


@pytest.fixture
def rows(small_batch: Path):  # type: ignore[no-untyped-def]
    return {r.study.record.study_id: r for r in build_rows(load(small_batch).studies)}


def marked(row, field: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The words a cell's marks cover in its evidence sentences."""
    return [row.sentences[i].text[s:e] for i, s, e in row.cells[COL[field]].marks]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(21.6, "21.6"), (9.0, "9"), (0.0, "0"), (5e6, "5×10⁶"), (3.1e6, "3.1×10⁶"), (1e-4, "1×10⁻⁴"),
     (None, "")],
)  # fmt: skip
def test_numbers_read_as_a_reviewer_writes_them(value, shown) -> None:  # type: ignore[no-untyped-def]
    assert fmt_number(value) == shown


def test_cells_say_the_record(rows) -> None:  # type: ignore[no-untyped-def]
    smith = rows["smith-2020"].cells
    assert smith[COL["year"]].text == "2020" and smith[COL["year"]].sort == 2020
    assert smith[COL["sample_size"]].text == "12"
    assert smith[COL["doses"]].text == "1×10⁶ cells/kg"
    assert smith[COL["outcomes"]].text == "PASI 20.5 → 7"
    assert smith[COL["cytokines"]].text == "TNF-α ↓, IL-10 ↑"
    assert smith[COL["paper"]].text == "trial — ADMSCs for psoriasis: a trial — J Derm"
    lee = rows["lee-2019"].cells
    assert lee[COL["doses"]].text == "10 µg/head; 1×10⁹ particles/head"
    assert lee[COL["ref"]].text == "" and lee[COL["ref"]].sort is None
    assert rows["park-2021"].cells[COL["cytokines"]].text == "IL-6 ·"


def test_each_value_is_marked_in_its_evidence_sentence(rows) -> None:  # type: ignore[no-untyped-def]
    smith = rows["smith-2020"]
    assert smith.sentences[0].text.startswith("Smith et al. (3) treated 12 patients")
    assert set(marked(smith, "sample_size")) == {"12"}
    assert "psoriasis" in marked(smith, "disease")
    assert set(marked(smith, "doses")) == {"1×10^6 cells/kg"}  # the DOSE entity
    assert "intravenously" in marked(smith, "routes")  # routes.jsonl cue
    assert marked(smith, "outcomes") == ["PASI", "20.5", "7.0"]
    assert set(marked(smith, "cytokines")) == {"TNF-α", "IL-10"}
    assert marked(smith, "doi") == ["10.1000/xyz.1"]
    assert "(3)" not in marked(smith, "ref") and "3" in marked(smith, "ref")
    assert marked(rows["lee-2019"], "model") == ["mice"]  # models.jsonl cue


def test_a_score_value_is_marked_only_where_its_score_is_named(rows) -> None:  # type: ignore[no-untyped-def]
    smith = rows["smith-2020"]
    at = {smith.sentences[i].text[:4] for i, _, _ in smith.cells[COL["outcomes"]].marks}
    assert at == {"PASI"}  # the "12" of "week 12" and table lines are not the score's


def test_conflicts_and_low_confidence_are_flagged(rows) -> None:  # type: ignore[no-untyped-def]
    smith = rows["smith-2020"].cells
    assert smith[COL["sample_size"]].flag == "conflict"
    assert smith[COL["sample_size"]].note == "the paper disagrees with itself: 12 vs 11"
    assert smith[COL["design"]].flag == "low" and "0.30" in smith[COL["design"]].note
    assert smith[COL["disease"]].flag is None


def test_sheet_has_numbers_in_numeric_columns(small_batch: Path, tmp_path: Path) -> None:
    studies = load(small_batch).studies
    header, table = sheet(studies)
    rows = {r[header.index("study_id")]: dict(zip(header, r, strict=True)) for r in table}
    smith, lee = rows["smith-2020"], rows["lee-2019"]
    assert (smith["year"], smith["sample_size"], smith["ref"]) == (2020, 12, 3)
    assert (smith["dose_low"], smith["dose_high"], smith["dose_unit"]) == (1e6, 1e6, "cells/kg")
    assert (smith["PASI baseline"], smith["PASI final"]) == (20.5, 7.0)
    assert smith["cytokines_down"] == "TNF-α" and smith["cytokines_up"] == "IL-10"
    # doses in another unit are not folded into the numeric range: they stay in the text
    assert (lee["dose_low"], lee["dose_high"], lee["dose_unit"]) == (10.0, 10.0, "µg/head")
    assert "1×10⁹ particles/head" in lee["doses"]
    assert (lee["CADESI-03 baseline"], lee["PASI baseline"]) == (40.0, None)

    sheets.write_csv(tmp_path / "s.csv", studies)
    back = {r["study_id"]: r for r in csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8"))}
    assert float(back["smith-2020"]["dose_low"]) == 1e6 and back["lee-2019"]["PASI final"] == ""


def test_xlsx_cells_are_numbers_and_text_never_a_formula(small_batch: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from .conftest import mice_line, trial_line, write_batch

    evil = trial_line()
    evil["records"][0]["first_author"] = '=HYPERLINK("http://x","y")'
    studies = load(write_batch(tmp_path / "b", [evil, mice_line()], bad_line=False)).studies
    sheets.write_xlsx(tmp_path / "s.xlsx", studies)
    sheets.write_csv(tmp_path / "s.csv", studies)
    ws = load_workbook(tmp_path / "s.xlsx")["studies"]
    header = [c.value for c in ws[1]]
    smith = {h: c for h, c in zip(header, ws[2], strict=True)}
    assert smith["year"].value == 2020 and smith["year"].data_type == "n"
    assert smith["dose_low"].value == 1e6 and smith["PASI final"].value == 7.0
    assert smith["first_author"].data_type == "s"
    assert smith["first_author"].value.startswith("=HYPERLINK")
    outcomes = load_workbook(tmp_path / "s.xlsx")["outcomes"]
    assert [c.value for c in outcomes[2]] == ["trial", "smith-2020", "PASI", 20.5, 7.0, -13.5]
    text = (tmp_path / "s.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_a_long_title_is_cut_in_the_table_and_whole_in_the_sheet(tmp_path: Path) -> None:
    from .conftest import trial_line, write_batch

    line = trial_line()
    line["bibliography"]["title"] = "A very long title " * 10
    studies = load(write_batch(tmp_path, [line], bad_line=False)).studies
    shown = build_rows(studies)[0].cells[COL["paper"]].text
    assert len(shown) == 90 and shown.startswith("trial — A very long title") and shown[-1] == "…"
    header, rows = sheet(studies)
    assert rows[0][header.index("paper_title")] == "A very long title " * 10
