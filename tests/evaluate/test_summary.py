"""``extractor evaluate --summary``: the three lines that end ``make run``."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.evaluate.summary import accuracy_line
from extractor.extract import records_frame
from extractor.types import DocumentResult

GOLD = Path(__file__).resolve().parents[2] / "gold" / "review.jsonl"


def _batch_folder(tmp_path: Path, keep_every: int) -> Path:
    """A batch-shaped output folder holding the gold line with some mentions left out."""
    doc = json.loads(GOLD.read_text("utf-8").splitlines()[0])
    doc["entities"] = doc["entities"][::keep_every]
    out = tmp_path / f"out{keep_every}"
    out.mkdir()
    (out / "documents.jsonl").write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    records_frame([DocumentResult.from_dict(doc)]).to_csv(out / "records.csv", index=False)
    return out


def test_three_lines_name_the_records_the_report_and_the_accuracy(tmp_path: Path) -> None:
    out = _batch_folder(tmp_path, keep_every=1)
    res = CliRunner().invoke(
        app, ["evaluate", "--summary", "--gold", str(GOLD), str(out), "--out", str(tmp_path / "e")]
    )
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"records:  {out / 'records.csv'}  (19 studies from 1 documents")
    assert lines[1].startswith(f"report:   {tmp_path / 'e' / 'report.html'}")
    assert (tmp_path / "e" / "report.html").is_file()
    assert "strict F1 out1 1.000: fewer than 1 in 1,000 mentions" in lines[2]
    assert "every study-record field agrees with gold" in lines[2]


def test_the_figure_follows_the_errors(tmp_path: Path) -> None:
    """Half the gold mentions left out: recall 0.5, F1 about 0.667, about 333 in 1,000."""
    out = _batch_folder(tmp_path, keep_every=2)
    res = CliRunner().invoke(app, ["evaluate", "--summary", "--gold", str(GOLD), str(out)])
    assert res.exit_code == 0, res.output
    (line,) = [x for x in res.stdout.splitlines() if x.startswith("accuracy:")]
    assert "strict F1 out2 0.66" in line and "about 33" in line


# The accuracy line says what the figures mean, in words that fit them.


def _result(name: str, f1: float, field: float) -> SimpleNamespace:
    metrics = {
        "entities": {"strict": {"micro": {"f1": f1}}},
        "records": {"fields": {"disease": {"accuracy": field}, "doses": {"f1": field}}},
    }
    return SimpleNamespace(name=name, evaluation=SimpleNamespace(metrics=metrics))


@pytest.mark.parametrize(
    ("f1", "field", "says"),
    [
        (0.999, 1.0, "about 1 in 1,000 mentions of the gold papers are missed"),
        (0.999, 1.0, "every study-record field agrees with gold."),
        (0.97, 0.95, "about 30 in 1,000"),
        (0.97, 0.95, "agree with gold 95.0% of the time or better."),
        (1.0, 0.99, "fewer than 1 in 1,000 mentions of the gold papers is missed"),
    ],
)
def test_the_line_fits_its_figures(f1: float, field: float, says: str) -> None:
    assert says in accuracy_line([_result("out[text]", f1, field)])  # type: ignore[list-item]
