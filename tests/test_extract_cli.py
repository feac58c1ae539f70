"""``extractor extract``: JSONL in input order, error lines, CSV sheet, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extractor.cli import app, extract_cmd
from extractor.extract import process_paths

ABSTRACT = (
    "Adipose-derived stem cells for psoriasis: a case report\n"
    "We treated two patients with plaque psoriasis. ADSCs were infused intravenously. "
    "The PASI fell from 18.2 to 4.1 within three months.\n"
)


@pytest.fixture()
def no_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run without the entity pipeline: records still come from text cues."""
    monkeypatch.setattr(extract_cmd, "load_nlp", lambda: None)


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


def test_lines_in_input_order_with_error_line_and_csv(tmp_path: Path, no_entities: None) -> None:
    good = tmp_path / "case.txt"
    good.write_text(ABSTRACT, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out, sheet = tmp_path / "out.jsonl", tmp_path / "out.csv"
    res = _runner().invoke(
        app, ["extract", str(missing), str(good), "-o", str(out), "--csv", str(sheet)]
    )
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["source"] for x in lines] == [str(missing), str(good)]
    bad, ok = lines
    assert bad["error"] and "missing.txt" in bad["error"] and "\n" not in bad["error"]
    assert bad["entities"] == [] and bad["records"] == []
    assert ok["error"] is None and ok["schema"] == "v1" and ok["text"] == ABSTRACT
    (rec,) = ok["records"]
    assert (rec["design"], rec["model"], rec["sample_size"], rec["routes"]) == (
        "case report",
        "human",
        2,
        ["i.v."],
    )
    frame = pd.read_csv(sheet)
    assert list(frame["study_id"]) == [rec["study_id"]]
    assert frame.loc[0, "routes"] == "i.v."
    assert "[1/2] error" in res.stderr and "[2/2]" in res.stderr


def test_stdout_output(tmp_path: Path, no_entities: None) -> None:
    good = tmp_path / "case.txt"
    good.write_text(ABSTRACT, encoding="utf-8")
    res = _runner().invoke(app, ["extract", str(good), "-o", "-", "-q"])
    assert res.exit_code == 0
    (line,) = res.stdout.splitlines()
    assert json.loads(line)["doc_id"] == "case"


def test_exit_1_when_nothing_could_be_processed(tmp_path: Path, no_entities: None) -> None:
    out = tmp_path / "out.jsonl"
    res = _runner().invoke(
        app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.pdf"), "-o", str(out)]
    )
    assert res.exit_code == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_pipeline_that_cannot_load_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise OSError("models/pipeline: not found")

    monkeypatch.setattr(extract_cmd, "load_nlp", broken)
    paper = tmp_path / "a.txt"
    paper.write_text(ABSTRACT, encoding="utf-8")
    res = _runner().invoke(app, ["extract", str(paper), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 1
    assert (
        res.stderr.strip() == "error: cannot load the entity pipeline: models/pipeline: not found"
    )
    assert not (tmp_path / "o.jsonl").exists()


def test_inputs_refused_before_the_pipeline_never_load_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = []

    def counted() -> None:
        loads.append(1)

    monkeypatch.setattr(extract_cmd, "load_nlp", counted)
    big = tmp_path / "big.txt"
    big.write_text(ABSTRACT * 20, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    args = ["extract", str(tmp_path / "missing.txt"), str(big), "-o", str(out), "-q"]
    res = _runner().invoke(app, [*args, "--max-chars", "100"])
    assert res.exit_code == 1 and loads == []  # both refused: no load
    assert "--max-chars 100" in out.read_text(encoding="utf-8")
    res = _runner().invoke(app, [*args, "--max-chars", "100000"])
    assert res.exit_code == 0 and loads == [1]  # loaded once, by the input that needed it


def test_a_crash_in_one_document_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.extract as ex

    good = tmp_path / "ok.txt"
    good.write_text(ABSTRACT, encoding="utf-8")
    real = ex.process_document

    def flaky(document, nlp):  # type: ignore[no-untyped-def]
        if document.doc_id == "boom":
            raise RuntimeError("stage failed\nwith detail")
        return real(document, nlp)

    boom = tmp_path / "boom.txt"
    boom.write_text("x", encoding="utf-8")
    monkeypatch.setattr(ex, "process_document", flaky)
    results = list(process_paths([boom, good], None))
    assert results[0].error == f"{boom}: RuntimeError: stage failed with detail"
    assert results[1].error is None and results[1].records


def test_unwritable_output_is_one_clear_line(tmp_path: Path, no_entities: None) -> None:
    good = tmp_path / "case.txt"
    good.write_text(ABSTRACT, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    res = _runner().invoke(app, ["extract", str(good), "-o", str(blocker / "out.jsonl"), "-q"])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"error: cannot write {blocker / 'out.jsonl'}: ")
    assert len(res.stderr.strip().splitlines()) == 1


def test_doc_ids_are_unique_when_stems_collide(tmp_path: Path, no_entities: None) -> None:
    """One paper as text and markdown, plus a second folder's file of the same name: every
    line gets its own doc_id by the documented rule; source stays as given."""
    inputs = [tmp_path / "a" / "p.txt", tmp_path / "a" / "p.md", tmp_path / "b" / "p.txt"]
    inputs.append(tmp_path / "q.txt")
    for p in inputs:
        p.parent.mkdir(exist_ok=True)
        p.write_text(ABSTRACT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["extract", *map(str, inputs), inputs[0].as_posix(), "-o", str(out), "-q"]
    res = _runner().invoke(app, argv)
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["doc_id"] for x in lines] == [
        inputs[0].as_posix(),
        "p.md",
        inputs[2].as_posix(),
        "q",
        inputs[0].as_posix() + "#2",
    ]
    assert [x["source"] for x in lines] == [str(p) for p in [*inputs, inputs[0]]]


@pytest.mark.slow
def test_one_records_csv_for_extract_and_batch_read_back_with_pandas(tmp_path: Path) -> None:
    """`extract --csv` and `batch` write the same records.csv: integers as integers, doses as
    the paper's words plus the first dose's numbers, directions as words."""
    import shutil

    from extractor.batch import run_batch
    from tests.conftest import REVIEW_TEXT

    (tmp_path / "in").mkdir()
    paper = shutil.copy(REVIEW_TEXT, tmp_path / "in" / REVIEW_TEXT.name)
    sheet = tmp_path / "x.csv"
    argv = ["extract", str(paper), "-o", str(tmp_path / "x.jsonl"), "--csv", str(sheet)]
    res = _runner().invoke(app, argv)
    assert res.exit_code == 0, res.output
    run_batch(tmp_path / "in", tmp_path / "out", workers=1)
    from_extract = (tmp_path / "x.csv").read_text(encoding="utf-8")
    from_batch = (tmp_path / "out" / "records.csv").read_text(encoding="utf-8")
    assert from_extract == from_batch

    raw = pd.read_csv(tmp_path / "x.csv", dtype=str, keep_default_na=False)
    typed = pd.read_csv(tmp_path / "x.csv", dtype_backend="numpy_nullable")
    assert len(raw) >= 10
    for col in ("year", "ref", "sample_size"):
        assert str(typed[col].dtype) == "Int64", col
        assert all(v == "" or v.isdigit() for v in raw[col]), (col, list(raw[col]))
    for col in ("dose_low", "dose_high"):
        assert str(typed[col].dtype) == "Float64", col
    assert str(typed["dose_unit"].dtype) == str(typed["doses"].dtype) == "string"
    lines = [json.loads(x) for x in (tmp_path / "x.jsonl").read_text("utf-8").splitlines()]
    records = lines[0]["records"]
    with_dose = [i for i, r in enumerate(records) if r["doses"]]
    assert with_dose
    for i in with_dose:
        first = records[i]["doses"][0]
        assert typed.loc[i, "doses"] == "; ".join(d["text"] for d in records[i]["doses"])
        got = (typed.loc[i, "dose_low"], typed.loc[i, "dose_high"])
        assert got == (first["low"], first["high"])
        unit = typed.loc[i, "dose_unit"]
        assert (None if pd.isna(unit) else unit) == first["unit"]
    directions = {c["direction"] for r in records for c in r["cytokines"]}
    assert "down" in directions
    assert "↓" not in from_extract and " down" in from_extract
