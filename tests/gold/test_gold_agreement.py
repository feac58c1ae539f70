"""Agreement between two passes, checked against figures computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.gold.agreement import agreement, mention_agreement, record_agreement, set_f1

TEXT = "Human ADMSC-derived exosomes lowered IL-6 and TNF-α in HaCaT cells."


def _e(start: int, end: int, label: str, norm: str) -> dict:
    return {"start": start, "end": end, "label": label, "text": TEXT[start:end], "norm": norm}


# Pass 1: ADMSC-derived exosomes (VESICLE), IL-6, TNF-α, HaCaT cells.
P1 = [
    _e(6, 28, "VESICLE", "ADMSC-exosome"),
    _e(37, 41, "CYTOKINE", "IL-6"),
    _e(46, 51, "CYTOKINE", "TNF-α"),
    _e(55, 66, "CELL", "HaCaT"),
]
# Pass 2: "exosomes" only (lenient match), IL-6 with a wrong norm, TNF-α, "HaCaT" (lenient),
# plus an extra CELL "ADMSC" that pass 1 did not tag.
P2 = [
    _e(6, 11, "CELL", "ADMSC"),
    _e(20, 28, "VESICLE", "exosome"),
    _e(37, 41, "CYTOKINE", "IL-6R"),
    _e(46, 51, "CYTOKINE", "TNF-α"),
    _e(55, 60, "CELL", "HaCaT"),
]


def test_mention_agreement_by_hand() -> None:
    m = mention_agreement(P1, P2)
    # CYTOKINE: both strict. P=R=F1=1.
    assert m["strict"]["CYTOKINE"]["f1"] == 1.0
    # CELL: strict 0 of 1 vs 2. Lenient: HaCaT cells ~ HaCaT -> tp 1, F1 = 2*1/(1+2) = 0.6667.
    assert m["strict"]["CELL"]["tp"] == 0
    assert m["lenient"]["CELL"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    # VESICLE: strict 0, lenient 1 of 1 -> 1.0.
    assert m["strict"]["VESICLE"]["f1"] == 0.0
    assert m["lenient"]["VESICLE"]["f1"] == 1.0
    # Micro strict: tp 2, n1 4, n2 5 -> P 0.4, R 0.5, F1 4/9.
    micro = m["strict"]["micro"]
    assert (micro["tp"], micro["n1"], micro["n2"]) == (2, 4, 5)
    assert micro["precision"] == 0.4 and micro["recall"] == 0.5
    assert micro["f1"] == pytest.approx(4 / 9, abs=1e-4)
    # Micro lenient: 2 cytokines + vesicle + HaCaT = 4 -> F1 8/9.
    assert m["lenient"]["micro"]["f1"] == pytest.approx(8 / 9, abs=1e-4)
    # Norm agreement on the 2 strict matches: IL-6 vs IL-6R disagree -> 1/2.
    assert m["norm"]["micro"] == {"agree": 1, "matched": 2, "rate": 0.5}


def test_lenient_is_one_to_one() -> None:
    # One long span against two short ones inside it counts once.
    long_ = [_e(6, 28, "VESICLE", "x")]
    short = [_e(6, 11, "VESICLE", "x"), _e(20, 28, "VESICLE", "x")]
    assert mention_agreement(long_, short)["lenient"]["VESICLE"]["tp"] == 1


def test_set_f1_by_hand() -> None:
    assert set_f1({1, 2, 3}, {2, 3, 4, 5}) == pytest.approx(2 * 2 / 7)
    assert set_f1(set(), set()) == 1.0


def test_record_agreement_by_hand() -> None:
    r1 = [
        {
            "study_id": "a-2020",
            "first_author": "A",
            "year": 2020,
            "sample_size": 8,
            "routes": ["i.v."],
            "doses": [{"text": "1×106", "low": 1e6, "high": 1e6, "unit": "cells/kg"}],
            "cytokines": [
                {"name": "IL-6", "direction": "down"},
                {"name": "TNF-α", "direction": "down"},
            ],
        },
        {"study_id": "b-2021", "first_author": "B", "year": 2021},
    ]
    r2 = [
        {
            "study_id": "a-2020",
            "first_author": "A",
            "year": 2021,
            "sample_size": 7,
            "routes": ["i.v.", "s.c."],
            "doses": [{"text": "1 × 106 cells/kg", "low": 1e6, "high": 1e6, "unit": "cells/kg"}],
            "cytokines": [{"name": "IL-6", "direction": "down"}],
        },
        {"study_id": "c-2022", "first_author": "C"},
    ]
    res = record_agreement(r1, r2)
    assert (
        res["matched"] == 1 and res["only_pass1"] == ["b-2021"] and res["only_pass2"] == ["c-2022"]
    )
    f = res["fields"]
    assert f["first_author"]["rate"] == 1.0
    assert f["year"]["rate"] == 0.0 and f["sample_size"]["rate"] == 0.0
    assert f["routes"]["mean_set_f1"] == pytest.approx(2 / 3, abs=1e-4)  # {iv} vs {iv, sc}
    assert f["doses"]["mean_set_f1"] == 1.0  # same value and unit; the dose text may differ
    assert f["cytokines"]["mean_set_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert {d["field"] for d in res["disagreements"]} >= {
        "year",
        "sample_size",
        "routes",
        "cytokines",
    }


def test_agreement_refuses_different_texts() -> None:
    with pytest.raises(ValueError, match="different text"):
        agreement({"doc_id": "d", "text": "a"}, {"doc_id": "d", "text": "b"})


def test_agree_cli(tmp_path: Path) -> None:
    def doc(ents: list[dict]) -> str:
        return (
            json.dumps(
                {
                    "schema": "v1",
                    "doc_id": "d",
                    "source": "s",
                    "text": TEXT,
                    "entities": ents,
                    "records": [],
                    "error": None,
                },
                ensure_ascii=False,
            )
            + "\n"
        )

    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(doc(P1), encoding="utf-8")
    b.write_text(doc(P2), encoding="utf-8")
    res = CliRunner().invoke(
        app, ["gold", "agree", str(a), str(b), "--diff", str(tmp_path / "d.jsonl")]
    )
    assert res.exit_code == 0, res.output
    assert "micro" in res.output and "0.444" in res.output
    kinds = [
        json.loads(x)["kind"]
        for x in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert (
        kinds.count("norm") == 1
        and kinds.count("only_pass2") == 3
        and kinds.count("only_pass1") == 2
    )


def test_accept_conflicts_and_evidence_overlap_by_hand() -> None:
    r1 = [
        {
            "study_id": "a",
            "evidence": [{"start": 0, "end": 10}, {"start": 20, "end": 30}],
            "accept": {"year": [2022], "model": ["human"]},
            "conflicts": [{"field": "year", "values": [2021, 2022]}],
        }
    ]
    r2 = [{"study_id": "a", "evidence": [{"start": 0, "end": 40}], "accept": {"year": [2022]}}]
    f = record_agreement(r1, r2)["fields"]
    assert f["evidence"]["mean_set_f1"] == 0.0  # no identical span
    assert f["evidence_overlap"]["mean_set_f1"] == pytest.approx(
        2 / 3, abs=1e-4
    )  # one-to-one: 1 of 2 vs 1
    assert f["accept"]["mean_set_f1"] == pytest.approx(
        2 / 3, abs=1e-4
    )  # {(year,2022),(model,human)} vs {(year,2022)}
    assert f["conflicts"]["mean_set_f1"] == 0.0
