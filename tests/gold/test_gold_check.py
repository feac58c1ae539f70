"""The gold validator: it passes on the real gold files and names each planted problem by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.gold.check import check_dose, check_file, default_files

GOLD = Path(__file__).resolve().parents[2] / "gold"

TEXT = "ADMSCs reduced IL-6 at 2 × 106 cells/kg."


def _doc(**over: object) -> dict:
    doc = {
        "schema": "v1",
        "doc_id": "t",
        "source": "t.txt",
        "text": TEXT,
        "entities": [
            {"start": 0, "end": 6, "label": "CELL", "text": "ADMSCs", "norm": "ADMSC"},
            {"start": 15, "end": 19, "label": "CYTOKINE", "text": "IL-6", "norm": "IL-6"},
            {
                "start": 23,
                "end": 39,
                "label": "DOSE",
                "text": "2 × 106 cells/kg",
                "norm": [{"text": "2 × 106 cells/kg", "low": 2e6, "high": 2e6, "unit": "cells/kg"}],
            },
        ],
        "records": [
            {
                "study_id": "x-2020",
                "first_author": "X",
                "year": 2020,
                "ref": 1,
                "doi": None,
                "disease": "psoriasis",
                "intervention": "cells",
                "model": "human",
                "design": "case report",
                "sample_size": 1,
                "doses": [],
                "routes": ["i.v."],
                "outcomes": [],
                "cytokines": [],
                "cells": ["ADMSC"],
                "evidence": [{"start": 0, "end": 40}],
            },
        ],
        "error": None,
    }
    doc.update(over)
    return doc


def _write(tmp_path: Path, docs: list[dict]) -> Path:
    p = tmp_path / "g.jsonl"
    p.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return p


def test_every_gold_file_in_the_repo_is_valid() -> None:
    files = default_files(GOLD)
    assert GOLD / "review.jsonl" in files
    problems = [str(p) for f in files for p in check_file(f)]
    assert problems == []


def test_valid_small_document_passes(tmp_path: Path) -> None:
    assert check_file(_write(tmp_path, [_doc()])) == []


def test_each_planted_problem_is_named_with_its_line(tmp_path: Path) -> None:
    good = _doc()
    bad_offsets = _doc()
    bad_offsets["entities"][1] = dict(bad_offsets["entities"][1], start=14)  # " IL-6" is not "IL-6"
    bad_label = _doc()
    bad_label["entities"][0] = dict(bad_label["entities"][0], label="CELLTYPE")
    overlap = _doc()
    overlap["entities"].insert(
        1, {"start": 3, "end": 6, "label": "CELL", "text": "SCs", "norm": "x"}
    )
    bad_dose = _doc()
    bad_dose["entities"][2] = dict(
        bad_dose["entities"][2], norm=[{"text": "2", "low": 5, "high": 1, "unit": "cells/kg"}]
    )
    bad_record = _doc()
    bad_record["records"][0] = dict(
        bad_record["records"][0],
        sample_size="8",
        model="hamster",
        evidence=[{"start": 0, "end": 999}],
    )
    no_norm = _doc()
    del no_norm["entities"][0]["norm"]
    path = _write(tmp_path, [good, bad_offsets, bad_label, overlap, bad_dose, bad_record, no_norm])
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    problems = check_file(path)
    by_line: dict[int, list[str]] = {}
    for p in problems:
        by_line.setdefault(p.line, []).append(p.message)
    assert 1 not in by_line
    assert any("!= text[14:19]" in m for m in by_line[2])
    assert any("unknown label 'CELLTYPE'" in m for m in by_line[3])
    assert any("overlaps" in m for m in by_line[4])
    assert any("0 <= low <= high" in m for m in by_line[5])
    assert any("sample_size has type str" in m for m in by_line[6])
    assert any("missing norm" in m for m in by_line[7])
    assert any("not valid JSON" in m for m in by_line[8])
    # Once the type is fixed, the vocabulary and evidence checks speak too.
    fixed = _doc()
    fixed["records"][0] = dict(
        fixed["records"][0], model="hamster", evidence=[{"start": 0, "end": 999}]
    )
    msgs = [p.message for p in check_file(_write(tmp_path, [fixed]))]
    assert any("model 'hamster'" in m for m in msgs)
    assert any("evidence 0 0..999 outside the text" in m for m in msgs)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"study_id": "De Jesus 2016"}, "is not a slug"),
        ({"study_id": "de-jesus-2016-B"}, "is not a slug"),
        ({"evidence": []}, "evidence is empty"),
        ({"disease": "eczema"}, "not in the vocabulary"),
        ({"routes": ["oral"]}, "route 'oral'"),
        ({"model": "hamster"}, "model 'hamster' not in"),
        ({"cytokines": [{"name": "IL-6", "direction": "lower"}]}, "direction 'lower'"),
        ({"accept": {"colour": ["red"]}}, "unknown field 'colour'"),
        ({"conflicts": [{"field": "year", "values": [2021]}]}, "at least two values"),
    ],
)
def test_record_problems(tmp_path: Path, change: dict, fragment: str) -> None:
    doc = _doc()
    doc["records"][0] = dict(doc["records"][0], **change)
    msgs = [p.message for p in check_file(_write(tmp_path, [doc]))]
    assert any(fragment in m for m in msgs), msgs


@pytest.mark.parametrize("model", ["human", "mouse", "dog", "cell culture", "rat"])
def test_model_vocabulary_with_the_rat_extension(tmp_path: Path, model: str) -> None:
    doc = _doc()
    doc["records"][0]["model"] = model
    assert check_file(_write(tmp_path, [doc])) == []


@pytest.mark.parametrize(
    ("sid", "author", "ok"),
    [
        ("ood-01", "", True),
        ("ref-21", "", True),
        ("ref-21-2019", "", True),
        ("ood-01", "Kim", False),
        ("Ref 21", "", False),
    ],
)
def test_authorless_study_ids(tmp_path: Path, sid: str, author: str, ok: bool) -> None:
    doc = _doc()
    doc["records"][0].update(study_id=sid, first_author=author)
    assert (check_file(_write(tmp_path, [doc])) == []) is ok


@pytest.mark.parametrize(
    ("sid", "author", "year"),
    [
        ("de-jesus-2016", "De Jesus", 2016),
        ("mohseni-meybodi-2024", "Mohseni Meybodi", 2024),
        ("kim-2023-b", "Kim", 2023),
        ("o'neil-2019", "O'Neil", 2019),
        ("hall", "Hall", None),
        ("muller-2020", "Müller", 2020),
        ("sorensen-2016", "Sørensen", 2016),
        ("s-rensen-2016", "Sørensen", 2016),
    ],  # the toolkit folds ø; plain NFKD slugs pass too
)
def test_valid_study_ids(tmp_path: Path, sid: str, author: str, year: int | None) -> None:
    doc = _doc()
    doc["records"][0].update(study_id=sid, first_author=author, year=year)
    assert check_file(_write(tmp_path, [doc])) == []


@pytest.mark.parametrize(
    ("sid", "author", "year", "fragment"),
    [
        ("fimmu-2025-1617157", "Cheng", 2025, "not built from first_author 'Cheng'"),
        ("case-report", "Cheng", 2025, "not built from first_author"),  # a file-name slug
        ("kim-2019", "Cheng", 2019, "not built from first_author"),
        ("cheng-2019", "Cheng", 2022, "another year than year 2022"),
    ],
)
def test_a_record_with_an_author_is_keyed_by_it(
    tmp_path: Path, sid: str, author: str, year: int, fragment: str
) -> None:
    """README: only a record whose document names no author is keyed by the document."""
    doc = _doc()
    doc["records"][0].update(study_id=sid, first_author=author, year=year)
    msgs = [p.message for p in check_file(_write(tmp_path, [doc]))]
    assert any(fragment in m for m in msgs), msgs


@pytest.mark.parametrize(
    ("label", "norm", "fragment"),
    [
        ("VESICLE", "TNF-α", "not a vesicle type"),  # relabelled, old norm kept
        ("VESICLE", "ADMSC", "not a vesicle type"),
        ("CELL", "IL-6", "CELL norm 'IL-6' names a cytokine"),
        ("CELL", "exosome", "names a vesicle"),
        ("CYTOKINE", "ADMSC-exosome", "names a vesicle"),
        ("OUTCOME_SCORE", "TNF-α", "names a cytokine"),
    ],
)
def test_a_norm_must_have_its_labels_shape(
    tmp_path: Path, label: str, norm: str, fragment: str
) -> None:
    doc = _doc()
    doc["entities"][1].update(label=label, norm=norm)
    msgs = [p.message for p in check_file(_write(tmp_path, [doc]))]
    assert any(fragment in m for m in msgs), msgs


@pytest.mark.parametrize(
    ("label", "norm"),
    [
        ("VESICLE", "ADMSC-exosome"),
        ("VESICLE", "UC-MSC-sEV"),
        ("VESICLE", "ApoV"),
        ("VESICLE", "dermal papilla cell-EV"),  # a parent cell norm with spaces
        ("CYTOKINE", "IL-6"),
        ("CYTOKINE", "OSM"),
        ("CELL", "Th17 cell"),
        ("CELL", "HaCaT"),
        ("OUTCOME_SCORE", "PASI-75"),
    ],
)
def test_norms_of_the_right_shape_pass(tmp_path: Path, label: str, norm: str) -> None:
    doc = _doc()
    doc["entities"][1].update(label=label, norm=norm)
    assert check_file(_write(tmp_path, [doc])) == []


def test_span_with_edge_whitespace(tmp_path: Path) -> None:
    doc = _doc()
    doc["entities"][0] = {"start": 0, "end": 7, "label": "CELL", "text": "ADMSCs ", "norm": "ADMSC"}
    assert any("whitespace" in p.message for p in check_file(_write(tmp_path, [doc])))


@pytest.mark.parametrize(
    ("dose", "fragment"),
    [
        ({"text": "200 μg", "low": 200, "high": 200, "unit": "μg"}, "not normalised"),
        ({"text": "3 ml", "low": 3, "high": 3, "unit": "ml"}, "not normalised"),
        ({"text": "5", "low": 5, "high": 5}, "lacks 'unit'"),
        ({"text": "x", "low": "5", "high": 5, "unit": None}, "must be numbers"),
    ],
)
def test_dose_object_problems(dose: dict, fragment: str) -> None:
    assert any(fragment in m for m in check_dose(dose))


def test_normalised_dose_objects_pass() -> None:
    assert check_dose({"text": "200 µg", "low": 200.0, "high": 200.0, "unit": "µg"}) == []
    assert check_dose({"text": "5×106", "low": 5e6, "high": 5e6, "unit": None}) == []


def test_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["gold", "check", str(_write(tmp_path, [_doc()]))])
    assert ok.exit_code == 0, ok.output
    bad = _doc()
    bad["entities"][0]["label"] = "GENE"
    res = runner.invoke(app, ["gold", "check", str(_write(tmp_path, [bad]))])
    assert res.exit_code == 1
    assert "g.jsonl:1: entity 0: unknown label 'GENE'" in res.output
    missing = runner.invoke(app, ["gold", "check", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2
    assert "nope.jsonl" in missing.output


def test_cli_default_checks_the_repo_gold_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLD.parent)
    res = CliRunner().invoke(app, ["gold", "check"])
    assert res.exit_code == 0, res.output
    n = len(default_files(GOLD))
    assert f"ok: {n} file(s) valid" in res.output
