"""``extractor evaluate --summary``: the three lines that end ``make run``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app
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
    assert "strict F1 out1 1.000: about 0 in 1,000 mentions" in lines[2]
    assert "agree with gold 100.0%" in lines[2]


def test_the_figure_follows_the_errors(tmp_path: Path) -> None:
    """Half the gold mentions left out: recall 0.5, F1 about 0.667, about 333 in 1,000."""
    out = _batch_folder(tmp_path, keep_every=2)
    res = CliRunner().invoke(app, ["evaluate", "--summary", "--gold", str(GOLD), str(out)])
    assert res.exit_code == 0, res.output
    (line,) = [x for x in res.stdout.splitlines() if x.startswith("accuracy:")]
    assert "strict F1 out2 0.66" in line and "about 33" in line
