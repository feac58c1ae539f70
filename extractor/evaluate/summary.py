"""Three lines a newcomer can read after a run: where the records are, where the report is,
and how close the output came to the hand-checked gold."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from extractor.evaluate.harness import SystemResult


def _count_lines(path: Path) -> int:
    with path.open(encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())


def records_line(pred: Path) -> str | None:
    """``records: out/records.csv (57 studies from 3 documents)`` for a batch output folder."""
    sheet, docs = pred / "records.csv", pred / "documents.jsonl"
    if not (pred.is_dir() and sheet.is_file() and docs.is_file()):
        return None
    with sheet.open(encoding="utf-8", newline="") as fh:
        studies = sum(1 for _ in csv.DictReader(fh))
    return (
        f"records:  {sheet}  ({studies} studies from {_count_lines(docs)} documents, "
        "one row per study)"
    )


def report_line(pred: Path, eval_out: Path | None) -> str | None:
    """The reader's report when the run made one, else the scoring report."""
    report = pred / "report" / "index.html"
    if report.is_file():
        return f"report:   {report}  (open it in a browser)"
    if eval_out is not None:
        return f"report:   {eval_out / 'report.html'}  (scores and every error, in a browser)"
    return None


def _field_mean(fields: dict[str, dict[str, Any]]) -> float | None:
    scores: list[float] = [
        s for f in fields.values() if (s := f.get("accuracy", f.get("f1"))) is not None
    ]
    return sum(scores) / len(scores) if scores else None


def accuracy_line(results: list[SystemResult]) -> str:
    """Strict mention F1 per system and the mean record-field score, with what they mean."""
    f1 = {r.name: r.evaluation.metrics["entities"]["strict"]["micro"]["f1"] for r in results}
    fields = [_field_mean(r.evaluation.metrics["records"]["fields"]) for r in results]
    worst = min(f1.values())
    per = ", ".join(f"{name} {v:.3f}" for name, v in f1.items())
    per_1000 = round((1 - worst) * 1000)
    line = f"accuracy: mentions strict F1 {per}: " + (
        f"about {per_1000} in 1,000 mentions of the gold papers are missed, cut differently "
        "or mislabelled"
        if per_1000
        else "fewer than 1 in 1,000 mentions of the gold papers is missed, cut or mislabelled"
    )
    known = [x for x in fields if x is not None]
    if known and min(known) >= 0.9995:
        line += "; every study-record field agrees with gold"
    elif known:
        line += f"; study-record fields agree with gold {min(known):.1%} of the time or better"
    return line + "."


def summary_lines(
    results: list[SystemResult], preds: list[Path], eval_out: Path | None
) -> list[str]:
    lines = [x for p in preds for x in (records_line(p),) if x]
    lines += [x for p in preds[:1] for x in (report_line(p, eval_out),) if x]
    if results:
        lines.append(accuracy_line(results))
    return lines
