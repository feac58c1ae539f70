"""The output contract: the JSON Schema and ``extractor validate`` accept real output and gold,
and name the line and the problem of each planted defect."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor import types
from extractor.cli import app
from extractor.gold.check import check_file
from extractor.schema import document_schema
from extractor.schema.validate import line_problems, validate_file

REPO = Path(__file__).resolve().parents[2]
SHARED_SCHEMA = REPO.parent / "shared" / "SCHEMA.md"

TEXT = "ADMSCs lowered IL-6 and the PASI at 2 × 106 cells/kg."


def minimal_v1_line() -> dict[str, Any]:
    """A line as another team would write SCHEMA v1 gold: no optional key at all."""
    dose = {"text": "2 × 106 cells/kg", "low": 2e6, "high": 2e6, "unit": "cells/kg"}
    return {
        "schema": "v1",
        "doc_id": "other-team-1",
        "source": "paper.txt",
        "text": TEXT,
        "entities": [
            {"start": 0, "end": 6, "label": "CELL", "text": "ADMSCs", "norm": "ADMSC"},
            {"start": 15, "end": 19, "label": "CYTOKINE", "text": "IL-6", "norm": "IL-6"},
            {"start": 28, "end": 32, "label": "OUTCOME_SCORE", "text": "PASI", "norm": "PASI"},
            {"start": 36, "end": 52, "label": "DOSE", "text": "2 × 106 cells/kg", "norm": [dose]},
        ],
        "records": [
            {
                "study_id": "kim-2021",
                "first_author": "Kim",
                "year": 2021,
                "ref": None,
                "doi": None,
                "disease": "psoriasis",
                "intervention": "cells",
                "model": "human",
                "design": "case report",
                "sample_size": 1,
                "doses": [dose],
                "routes": [],
                "outcomes": [{"measure": "PASI", "baseline": None, "final": None}],
                "cytokines": [{"name": "IL-6", "direction": "down"}],
                "cells": ["ADMSC"],
                "evidence": [{"start": 0, "end": len(TEXT)}],
            }
        ],
        "error": None,
    }


def _write(tmp_path: Path, lines: list[Any]) -> Path:
    path = tmp_path / "lines.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click >= 8.2 keeps stderr apart
        return CliRunner()


# --------------------------------------------------------------------------- accepted


@pytest.mark.parametrize(
    "path",
    [
        *sorted((REPO / "gold").rglob("*.jsonl")),
        *[REPO / "tests" / d / f"{d}.jsonl" for d in ("ood", "ood_records")],
    ],
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_every_gold_file_validates(path: Path) -> None:
    assert validate_file(path) == []


def test_v1_gold_written_elsewhere_without_optional_keys_validates() -> None:
    assert line_problems(minimal_v1_line()) == []


def test_a_bibliography_written_elsewhere_may_leave_keys_out() -> None:
    """SCHEMA §5: a key the document does not give is null; a missing key reads as null."""
    line = minimal_v1_line()
    line["bibliography"] = {"title": "A <script> title"}
    assert line_problems(line) == []
    line["bibliography"] = {"title": "t", "year": "2020"}
    assert any("year" in p for p in line_problems(line))


def test_the_optional_keys_and_extensions_validate() -> None:
    line = minimal_v1_line()
    line["bibliography"] = {
        "title": "A case", "authors": ["Kim", "De Jesus"], "year": 2021,
        "journal": "Stem Cell Res Ther", "doi": "10.1186/s13287-021-0", "pmid": "34000000",
    }  # fmt: skip
    line["meta"] = {"format": "pdf", "curation": {"events": 3, "curators": ["ann"],
                                                 "confirmed_only": False}}  # fmt: skip
    line["entities"][0].update(id="CL:0002570", confidence=0.9)
    rec = line["records"][0]
    rec.update(model="rat", confidence={"disease": 0.9}, accept={"sample_size": [1, 2]})
    rec["conflicts"] = [{"field": "sample_size", "values": [1, 2]}]
    rec["evidence"][0]["field"] = "disease"
    assert line_problems(line) == []


def test_a_vesicle_parent_cell_is_a_cell_the_document_names() -> None:
    line = minimal_v1_line()
    line["text"] = TEXT + " UC-MSC-EVs too."
    start = line["text"].index("UC-MSC-EVs")
    line["entities"].append(
        {"start": start, "end": start + 10, "label": "VESICLE", "text": "UC-MSC-EVs",
         "norm": "UC-MSC-EV"}
    )  # fmt: skip
    line["records"][0]["cells"] = ["ADMSC", "UC-MSC"]
    assert line_problems(line) == []
    line["records"][0]["cells"] = ["ADMSC", "BM-MSC"]
    assert any("cell 'BM-MSC'" in p for p in line_problems(line))


def test_a_failed_document_line_validates() -> None:
    line = {"schema": "v1", "doc_id": "x", "source": "x.pdf", "text": "", "entities": [],
            "records": [], "error": "x.pdf: no such file"}  # fmt: skip
    assert line_problems(line) == []


@pytest.mark.skipif(not SHARED_SCHEMA.is_file(), reason="SCHEMA.md of the shared brief is absent")
def test_the_examples_of_schema_md_validate() -> None:
    """SCHEMA.md's own dose object and bibliography object, as printed there."""
    md = SHARED_SCHEMA.read_text(encoding="utf-8")
    dose = json.loads(re.search(r'```json\n(\{"text": "0\.5.*?\})\n```', md, re.S).group(1))
    bib = json.loads("{" + re.search(r'("bibliography": \{.*?\})\n```', md, re.S).group(1) + "}")
    line = minimal_v1_line()
    line["records"][0]["doses"].append(dose)
    line["entities"][3]["norm"].append(dose)
    line.update(bib)
    assert line_problems(line) == []


def test_extract_and_batch_outputs_validate(tmp_path: Path) -> None:
    """Real runs of both commands on a paper of the corpus, a broken PDF and a missing file."""
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "review.txt").write_text(
        (REPO / "corpus" / "text" / "fimmu-2025-1617157.txt").read_text("utf-8"), "utf-8"
    )
    (papers / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    runner = _runner()
    extracted = tmp_path / "extract.jsonl"
    inputs = [papers / "review.txt", papers / "broken.pdf", tmp_path / "missing.txt"]
    res = runner.invoke(app, ["extract", *map(str, inputs), "-o", str(extracted), "-q"])
    assert res.exit_code == 0, res.output
    batch = tmp_path / "out"
    res = runner.invoke(app, ["batch", str(papers), "-o", str(batch), "--workers", "1", "-q"])
    assert res.exit_code in (0, 1), res.output  # 1: an input failed, as planted
    for path in (extracted, batch / "documents.jsonl"):
        lines = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
        assert len(lines) >= 2 and any(x["error"] for x in lines)
        assert any(len(x["entities"]) > 100 and x["records"] for x in lines)
        assert validate_file(path) == []
    res = runner.invoke(app, ["validate", str(extracted), str(batch)])  # a folder: its documents
    assert res.exit_code == 0, res.output


REAL_PAPERS = REPO.parent / "shared" / "real-papers"


@pytest.mark.slow
@pytest.mark.skipif(not REAL_PAPERS.is_dir(), reason="the shared real-paper set is absent")
def test_batch_output_on_real_publisher_papers_validates(tmp_path: Path) -> None:
    """Publisher PDFs and their JATS twins, never seen by the schema's author: every line valid."""
    papers = tmp_path / "papers"
    papers.mkdir()
    for src in sorted(REAL_PAPERS.glob("*.pdf"))[:4]:
        for twin in (src, src.with_suffix(".xml")):
            if twin.is_file():
                (papers / twin.name).symlink_to(twin)
    out = tmp_path / "out"
    res = _runner().invoke(app, ["batch", str(papers), "-o", str(out), "--workers", "1", "-q"])
    assert (out / "documents.jsonl").is_file(), res.output
    lines = (out / "documents.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == len(list(papers.iterdir()))
    assert validate_file(out / "documents.jsonl") == []


# --------------------------------------------------------------------------- rejected


def _planted() -> list[tuple[str, dict[str, Any], str]]:
    """(what, line, fragment of the message that must name it)."""
    out = []
    line = minimal_v1_line()
    line["entities"][1]["label"] = "PROTEIN"
    out.append(("wrong label", line, "entities[1].label: 'PROTEIN' is not one of"))
    line = minimal_v1_line()
    line["records"][0]["year"] = "2021"
    out.append(("year as a string", line, "records[0].year: '2021' is not of type"))
    line = minimal_v1_line()
    line["records"][0]["year"] = 2021.5
    out.append(("fractional year", line, "records[0].year: 2021.5 is not of type"))
    line = minimal_v1_line()
    line["entities"][0].update(start=60, end=66)
    out.append(("offsets outside the text", line, "entities[0]: span 60..66 is not inside"))
    line = minimal_v1_line()
    line["entities"][0].update(start=1, end=7)
    out.append(("text not the slice", line, "entities[0]: text 'ADMSCs' != text[1:7]"))
    line = minimal_v1_line()
    line["records"][0]["evidence"] = [{"start": 0, "end": 999}]
    out.append(("evidence outside", line, "records[0].evidence[0]: span 0..999 is not inside"))
    line = minimal_v1_line()
    del line["entities"][3]["norm"][0]["low"]
    out.append(("dose without low", line, "entities[3].norm[0]: 'low' is a required property"))
    line = minimal_v1_line()
    del line["records"][0]["doses"][0]["low"]
    out.append(("record dose without low", line, "records[0].doses[0]: 'low' is a required"))
    line = minimal_v1_line()
    line["records"][0]["cytokines"][0]["name"] = "IL-17A"
    out.append(("cytokine no entity names", line, "cytokine 'IL-17A' is no CYTOKINE entity"))
    line = minimal_v1_line()
    line["records"][0]["cells"] = ["ADMSC", "keratinocyte"]
    out.append(("cell no entity names", line, "cell 'keratinocyte' is no CELL entity"))
    line = minimal_v1_line()
    line["entities"][0]["lable"] = "CELL"
    out.append(("unknown key", line, "Additional properties are not allowed ('lable'"))
    line = minimal_v1_line()
    line["bibliography"] = {"title": None, "authors": [], "year": "2021", "journal": None,
                            "doi": None, "pmid": None}  # fmt: skip
    out.append(("bibliography year", line, "bibliography.year: '2021' is not of type"))
    line = minimal_v1_line()
    line["error"] = "paper.txt: unreadable"
    out.append(("error with entities", line, "entities: [{"))
    return out


@pytest.mark.parametrize(("what", "line", "fragment"), _planted(), ids=[p[0] for p in _planted()])
def test_each_planted_problem_is_named(what: str, line: dict[str, Any], fragment: str) -> None:
    problems = line_problems(line)
    assert any(fragment in p for p in problems), problems


def test_cli_prints_file_line_problem_and_exits_1(tmp_path: Path) -> None:
    planted = _planted()
    path = _write(tmp_path, [minimal_v1_line()] + [line for _, line, _ in planted])
    path.write_text(path.read_text("utf-8") + "{not json\n", "utf-8")
    res = _runner().invoke(app, ["validate", str(path)])
    assert res.exit_code == 1
    printed = res.stdout.splitlines()
    bad = {int(x.split(":")[1]) for x in printed}
    assert bad == set(range(2, len(planted) + 3))  # every line but the first, JSON error too
    assert all(x.startswith(f"{path}:") for x in printed)


def test_cli_exit_2_on_an_unreadable_file(tmp_path: Path) -> None:
    res = _runner().invoke(app, ["validate", str(tmp_path / "nothing.jsonl")])
    assert res.exit_code == 2
    assert "nothing.jsonl: cannot read" in res.stderr


def test_gold_check_applies_the_same_contract(tmp_path: Path) -> None:
    """A defect only the JSON Schema knows (an unknown key) fails `gold check` too."""
    line = minimal_v1_line()
    line["records"][0]["sample_sise"] = 1
    problems = check_file(_write(tmp_path, [line]))
    assert any("'sample_sise' was unexpected" in p.message for p in problems), problems


# --------------------------------------------------------------------------- schema file


def test_schema_vocabularies_are_the_ones_the_code_uses() -> None:
    defs = document_schema()["$defs"]
    rec = defs["record"]["properties"]
    assert tuple(defs["label"]["enum"]) == types.LABELS
    assert tuple(defs["disease"]["anyOf"][0]["enum"]) == types.DISEASES
    assert tuple(x for x in rec["intervention"]["enum"] if x) == types.INTERVENTIONS
    assert tuple(x for x in rec["model"]["enum"] if x) == types.MODELS
    assert tuple(x for x in rec["design"]["enum"] if x) == types.DESIGNS
    assert tuple(rec["routes"]["items"]["enum"]) == types.ROUTES
    assert tuple(defs["cytokine_effect"]["properties"]["direction"]["enum"]) == types.DIRECTIONS


def test_the_schema_describes_what_the_dataclasses_write() -> None:
    """Every key a DocumentResult, Entity and StudyRecord can write is in the schema."""
    defs = document_schema()["$defs"]
    full_record = types.StudyRecord(
        "x", "X", conflicts=(types.Conflict("year", (1, 2)),), confidence={"year": 0.5},
        evidence=(types.Evidence(0, 1, "year"),),
    )  # fmt: skip
    assert set(full_record.to_dict()) <= set(defs["record"]["properties"])
    entity = types.Entity(0, 1, "CELL", "x", "x", id="CL:1", confidence=0.5)
    assert set(entity.to_dict()) <= set(defs["entity"]["properties"])
    result = types.DocumentResult("d", "s", "t", meta={"format": "text"})
    assert set(result.to_dict()) <= set(document_schema()["properties"])
    assert set(types.Bibliography().to_dict()) == set(defs["bibliography"]["properties"])
