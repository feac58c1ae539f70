"""``extractor evaluate`` end to end, in-process: tables, output files, the CI gate, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluate import score_documents

runner = CliRunner()


def _mentions(text: str, surface: str, label: str, norm: str) -> list[dict[str, Any]]:
    out, i = [], text.find(surface)
    while i >= 0:
        out.append(
            {"start": i, "end": i + len(surface), "label": label, "text": surface, "norm": norm}
        )
        i = text.find(surface, i + 1)
    return out


@pytest.fixture()
def files(tmp_path: Path, review_text: str) -> dict[str, Path]:
    gold_ents = (
        _mentions(review_text, "ADMSCs", "CELL", "ADMSC")
        + _mentions(review_text, "TNF-α", "CYTOKINE", "TNF-α")
        + _mentions(review_text, "PASI", "OUTCOME_SCORE", "PASI")
    )
    gold = {
        "schema": "v1",
        "doc_id": "fimmu-2025-1617157",
        "source": "review.txt",
        "text": review_text,
        "entities": gold_ents,
        "records": [],
        "error": None,
    }
    # The system misses every PASI and calls each TNF-α a CELL.
    pred_ents = [
        {**e, "label": "CELL"} if e["label"] == "CYTOKINE" else e
        for e in gold_ents
        if e["label"] != "OUTCOME_SCORE"
    ]
    pred = {**gold, "entities": pred_ents}
    paths = {"gold": tmp_path / "gold.jsonl", "pred": tmp_path / "run1" / "documents.jsonl"}
    paths["pred"].parent.mkdir()
    paths["gold"].write_text(json.dumps(gold) + "\n", encoding="utf-8")
    paths["pred"].write_text(json.dumps(pred) + "\n", encoding="utf-8")
    return paths


def test_outputs_carry_every_figure(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "eval"
    res = runner.invoke(
        app,
        [
            "evaluate",
            "--gold",
            str(files["gold"]),
            str(files["pred"].parent),
            str(files["gold"]),
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "run1" in res.output and "gold" in res.output  # both systems are columns
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    gold_docs = [json.loads(files["gold"].read_text(encoding="utf-8"))]
    pred_docs = [json.loads(files["pred"].read_text(encoding="utf-8"))]
    expected = score_documents(gold_docs, pred_docs)
    got = metrics["systems"]["run1"]
    assert {k: got[k] for k in expected} == expected
    assert metrics["systems"]["gold"]["entities"]["strict"]["micro"]["f1"] == 1.0
    lines = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    errors = [json.loads(x) for x in lines]
    micro = expected["entities"]["strict"]["micro"]
    assert len(errors) == micro["fp"] + micro["fn"]  # every FP and FN, no norm errors here
    assert all(e["sentence"] and e["system"] == "run1" for e in errors)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 4 + 1 + 2  # schemes, records, 2 confusions
    assert "Label confusion" in page


@pytest.mark.parametrize(("floor", "code"), [(0.5, 0), (0.99, 2)])
def test_min_f1_gates_on_micro_strict(files: dict[str, Path], floor: float, code: int) -> None:
    res = runner.invoke(
        app, ["evaluate", "--gold", str(files["gold"]), str(files["pred"]), "--min-f1", str(floor)]
    )
    assert res.exit_code == code
    assert ("micro strict mention F1" in res.output) == (code == 2)


def test_bad_input_names_file_and_line(files: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x", "entities": []}\n{not json\n', encoding="utf-8")
    res = runner.invoke(app, ["evaluate", "--gold", str(files["gold"]), str(bad)])
    assert res.exit_code == 1
    assert f"error: {bad}:2: not valid JSON" in res.output
    res = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "nope.jsonl"), str(bad)])
    assert (res.exit_code, res.output.strip()) == (
        1,
        f"error: {tmp_path / 'nope.jsonl'}: no such file or directory",
    )


def test_brief_keeps_micro_rows_only(files: dict[str, Path]) -> None:
    full = runner.invoke(app, ["evaluate", "--gold", str(files["gold"]), str(files["pred"])])
    brief = runner.invoke(
        app, ["evaluate", "--brief", "--gold", str(files["gold"]), str(files["pred"])]
    )
    assert (full.exit_code, brief.exit_code) == (0, 0)
    assert "OUTCOME_SCORE" in full.output and "OUTCOME_SCORE" not in brief.output
    assert brief.output.count("micro") == 4 and "records found" in brief.output


def test_report_escapes_paper_text(tmp_path: Path) -> None:
    from extractor.evaluate.harness import evaluate_paths, write_outputs

    text = "<script>alert(1)</script> ADMSCs were given."
    gold = {
        "doc_id": "x",
        "text": text,
        "records": [],
        "entities": [{"start": 27, "end": 33, "label": "CELL", "text": "ADMSCs", "norm": "ADMSC"}],
    }
    pred = {**gold, "entities": []}
    (tmp_path / "g.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(json.dumps(pred) + "\n", encoding="utf-8")
    write_outputs(
        tmp_path / "out",
        tmp_path / "g.jsonl",
        evaluate_paths(tmp_path / "g.jsonl", [tmp_path / "p.jsonl"]),
    )
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>ADMSCs</mark> were given." in page


def test_one_batch_of_several_renderings_scores_one_column_per_format(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """A batch over text + PDF of one paper repeats its doc_id; each format is a column."""
    gold = json.loads(files["gold"].read_text(encoding="utf-8"))
    perfect = {**gold, "meta": {"format": "text"}}
    flawed = json.loads(files["pred"].read_text(encoding="utf-8")) | {"meta": {"format": "pdf"}}
    batch = tmp_path / "out" / "documents.jsonl"
    batch.parent.mkdir()
    batch.write_text(json.dumps(flawed) + "\n" + json.dumps(perfect) + "\n", encoding="utf-8")
    res = runner.invoke(
        app,
        [
            "evaluate",
            "--gold",
            str(files["gold"]),
            str(batch.parent),
            "--out",
            str(tmp_path / "eval"),
        ],
    )
    assert res.exit_code == 0, res.output
    systems = json.loads((tmp_path / "eval" / "metrics.json").read_text("utf-8"))["systems"]
    assert sorted(systems) == ["out[pdf]", "out[text]"]
    assert "out[pdf]" in res.output  # the name is shown, not eaten as a rich style tag
    assert systems["out[text]"]["entities"]["strict"]["micro"]["f1"] == 1.0
    expected = score_documents([gold], [flawed])["entities"]["strict"]["micro"]["f1"]
    assert systems["out[pdf]"]["entities"]["strict"]["micro"]["f1"] == expected < 1.0


def test_repeated_doc_id_in_one_format_stays_an_error(
    files: dict[str, Path], tmp_path: Path
) -> None:
    line = files["pred"].read_text(encoding="utf-8")
    twice = tmp_path / "twice.jsonl"
    twice.write_text(line + line, encoding="utf-8")
    res = runner.invoke(app, ["evaluate", "--gold", str(files["gold"]), str(twice)])
    assert res.exit_code == 1
    assert "appears twice" in res.output


def test_renderings_with_unique_doc_ids_pair_with_the_gold_by_stem(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """The batch names one paper's renderings x.txt, x.pdf (unique ids); each format is a
    column and each line is scored as the gold's x."""
    gold = json.loads(files["gold"].read_text(encoding="utf-8"))
    doc_id = gold["doc_id"]
    lines = [
        {**gold, "doc_id": f"{doc_id}.txt", "source": f"c/text/{doc_id}.txt",
         "meta": {"format": "text"}},
        {**gold, "doc_id": f"{doc_id}.pdf", "source": f"c/pdf/{doc_id}.pdf",
         "meta": {"format": "pdf"}},
    ]  # fmt: skip
    batch = tmp_path / "out" / "documents.jsonl"
    batch.parent.mkdir()
    batch.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    res = runner.invoke(
        app,
        [
            "evaluate",
            "--gold",
            str(files["gold"]),
            str(batch.parent),
            "--out",
            str(tmp_path / "eval"),
        ],
    )
    assert res.exit_code == 0, res.output
    systems = json.loads((tmp_path / "eval" / "metrics.json").read_text("utf-8"))["systems"]
    assert sorted(systems) == ["out[pdf]", "out[text]"]
    for name in systems:
        assert systems[name]["entities"]["strict"]["micro"]["f1"] == 1.0
