"""Bibliography rows of ``extractor evaluate``: first author, year, DOI and title of the
document itself, scored only where the gold line carries a bibliography."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluate import score_documents
from extractor.evaluate.scoring import evaluate_documents

GOLD_BIB = {
    "title": "Umbilical cord MSCs for pemphigus vulgaris: a pilot study",
    "authors": ["Okafor", "Lindqvist"],
    "year": 2019,
    "journal": "J Invest Dermatol",
    "doi": "10.1016/j.jid.2018.10.021",
    "pmid": None,
}


def doc(doc_id: str, bib: dict[str, Any] | None) -> dict[str, Any]:
    d: dict[str, Any] = {"doc_id": doc_id, "text": "x", "entities": [], "records": []}
    if bib is not None:
        d["bibliography"] = bib
    return d


def test_fields_compared_blind_to_case_accents_prefix_and_punctuation() -> None:
    pred = {
        **GOLD_BIB,
        "authors": ["OKAFOR"],
        "doi": "https://doi.org/10.1016/J.JID.2018.10.021",
        "title": "Umbilical cord MSCs for pemphigus vulgaris - a pilot study.",
    }
    m = score_documents([doc("a", GOLD_BIB)], [doc("a", pred)])["bibliography"]
    assert m["documents"] == 1
    assert {f: (v["correct"], v["total"]) for f, v in m["fields"].items()} == {
        "first_author": (1, 1),
        "year": (1, 1),
        "doi": (1, 1),
        "title": (1, 1),
    }


def test_wrong_and_missing_values_are_errors_with_both_sides() -> None:
    pred = {**GOLD_BIB, "authors": ["Lindqvist", "Okafor"], "year": 2018}
    ev = evaluate_documents([doc("a", GOLD_BIB), doc("b", GOLD_BIB)], [doc("a", pred)])
    f = ev.metrics["bibliography"]["fields"]
    assert (f["first_author"]["correct"], f["first_author"]["total"]) == (0, 2)
    assert (f["doi"]["correct"], f["doi"]["total"]) == (1, 2)  # b is missing: a miss
    rows = [e for e in ev.errors if e["type"] == "BIBLIOGRAPHY"]
    assert {
        "doc_id": "a",
        "type": "BIBLIOGRAPHY",
        "field": "year",
        "gold": 2019,
        "pred": 2018,
    } in rows


def test_gold_without_bibliography_is_not_scored_and_null_gold_fields_count_spurious() -> None:
    gold = [
        doc("a", None),
        doc("b", {**GOLD_BIB, "title": None, "year": None}),
        doc(
            "c",
            {
                "title": None,
                "authors": [],
                "year": None,
                "journal": None,
                "doi": None,
                "pmid": None,
            },
        ),
    ]
    pred = [doc("a", GOLD_BIB), doc("b", GOLD_BIB), doc("c", GOLD_BIB)]
    m = score_documents(gold, pred)["bibliography"]
    assert m["documents"] == 1
    assert m["fields"]["year"] == {"correct": 0, "total": 0, "spurious": 1, "accuracy": 0.0}


def test_cli_prints_bibliography_rows_only_when_gold_has_one(tmp_path: Path) -> None:
    runner = CliRunner()
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(doc("a", GOLD_BIB)) + "\n", encoding="utf-8")
    gold.write_text(json.dumps(doc("a", None)) + "\n", encoding="utf-8")
    out = runner.invoke(app, ["evaluate", "--gold", str(gold), str(pred)])
    assert out.exit_code == 0 and "Bibliography" not in out.output
    gold.write_text(json.dumps(doc("a", GOLD_BIB)) + "\n", encoding="utf-8")
    out = runner.invoke(
        app, ["evaluate", "--gold", str(gold), str(pred), "--out", str(tmp_path / "ev")]
    )
    assert out.exit_code == 0 and "Bibliography" in out.output and "first_author" in out.output
    assert "<h2>Bibliography</h2>" in (tmp_path / "ev" / "report.html").read_text("utf-8")
