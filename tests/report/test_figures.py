"""Figure series from records, and the SVGs drawn from them (found by their element ids)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from extractor.report import figures as fg
from extractor.report.load import load

from .conftest import mice_line, trial_line, write_batch

SVG = "{http://www.w3.org/2000/svg}"


def ids(svg: str) -> set[str]:
    return {e.get("id") for e in ET.fromstring(svg).iter() if e.get("id")}


def test_evidence_map_cells_hold_the_study_keys(small_batch: Path) -> None:
    cells = fg.evidence_map(load(small_batch).studies)
    assert cells == {
        ("psoriasis", "cells", "human"): ["trial/smith-2020"],
        ("atopic dermatitis", "vesicles", "animal"): ["mice/lee-2019"],
        ("atopic dermatitis", "vesicles", "cell culture"): ["mice/park-2021"],
    }


def test_score_series_keeps_only_scores_with_both_values(tmp_path: Path) -> None:
    line = trial_line()
    line["records"][0]["outcomes"].append({"measure": "DLQI", "baseline": 12.0, "final": None})
    series = fg.score_series(load(write_batch(tmp_path, [line, mice_line()])).studies)
    assert list(series) == ["CADESI-03", "PASI"]
    assert [(x.study_id, x.baseline, x.final) for x in series["PASI"]] == [
        ("smith-2020", 20.5, 7.0)
    ]


def test_cytokine_counts_by_disease_and_direction(small_batch: Path) -> None:
    counts = fg.cytokine_counts(load(small_batch).studies)
    assert counts[("TNF-α", "psoriasis")] == {"down": 1}
    assert counts[("IL-10", "psoriasis")] == {"up": 1}
    assert counts[("IL-6", "atopic dermatitis")] == {None: 1}


def test_dose_series_keeps_units_apart_and_drops_what_a_log_axis_cannot_show(
    tmp_path: Path,
) -> None:
    line = mice_line()
    line["records"][0]["doses"].append({"text": "0 µg", "low": 0.0, "high": 0.0, "unit": "µg"})
    line["records"][1]["doses"].append({"text": "5×10^5", "low": 5e5, "high": 5e5, "unit": None})
    series, dropped = fg.dose_series(load(write_batch(tmp_path, [line])).studies)
    assert dropped == 1
    assert sorted(series) == ["no unit stated", "particles/head", "µg/head", "µg/mL"]
    assert [(d.group, d.low) for d in series["µg/head"]] == [("vesicles · animal", 10.0)]
    assert [d.group for d in series["µg/mL"]] == ["vesicles · cell culture"]


def test_svgs_contain_the_expected_series(small_batch: Path) -> None:
    svgs = fg.draw_all(load(small_batch).studies)
    assert list(svgs) == ["evidence_map", "score_change", "cytokine_direction", "dose_ranges"]
    assert {"score-PASI-trial_smith_2020", "score-CADESI_03-mice_lee_2019"} <= ids(
        svgs["score_change"]
    )
    assert {
        "cyto-psoriasis-TNF_α-down",
        "cyto-psoriasis-IL_10-up",
        "cyto-atopic_dermatitis-IL_4-down",
        "cyto-atopic_dermatitis-IL_6-no_direction",
    } <= ids(svgs["cytokine_direction"])
    assert {
        "dose-cells_kg-trial_smith_2020",
        "dose-µg_head-mice_lee_2019",
        "dose-particles_head-mice_lee_2019",
        "dose-µg_mL-mice_park_2021",
    } <= ids(svgs["dose_ranges"])
    assert "map-psoriasis-cells-human" in ids(svgs["evidence_map"])
    # text stays text, and each unit has its own panel title
    titles = re.findall(r">dose in ([^<]*) \(n = (\d+)\)<", svgs["dose_ranges"])
    assert sorted(titles) == [("cells/kg", "1"), ("particles/head", "1"), ("µg/head", "1"),
                              ("µg/mL", "1")]  # fmt: skip


def test_empty_input_draws_a_message_not_an_error(tmp_path: Path) -> None:
    line = mice_line()
    line["records"] = []
    svgs = fg.draw_all(load(write_batch(tmp_path, [line])).studies)
    assert "no outcome score with both a baseline and a final value" in svgs["score_change"]
    assert "no cytokine results in these records" in svgs["cytokine_direction"]
    assert "no dose with a positive value" in svgs["dose_ranges"]


def test_a_dollar_in_a_name_stays_a_dollar(tmp_path: Path) -> None:
    line = trial_line()
    line["records"][0]["outcomes"][0]["measure"] = "cost $ per $ point"
    svg = fg.draw_all(load(write_batch(tmp_path, [line])).studies)["score_change"]
    assert "cost $ per $ point (n = 1)" in svg
