"""Measure how the real pipeline generalises to the out-of-domain passages of tests/ood/.

Runs ``extractor.pipeline.load_pipeline`` + ``extractor.extract.process_path`` over every
``passages/ood-NN.txt`` and scores the output against ``ood.jsonl`` with
``extractor.evaluate.score_documents``. Nothing here knows what the pipeline should find:
the gold is the hand annotation, the prediction is whatever the pipeline produces today.

Run from the repository root::

    .venv/bin/python tests/ood/measure.py            # summary tables
    .venv/bin/python tests/ood/measure.py --errors   # plus every FN / FP / wrong norm
    .venv/bin/python tests/ood/measure.py --json m.json   # the full metrics dict
    .venv/bin/python tests/ood/measure.py --pred out.jsonl  # score saved predictions
    .venv/bin/python tests/ood/measure.py --batch 2          # only ood-21..ood-30
    .venv/bin/python tests/ood/measure.py --batch 3          # only ood-31..ood-40
    .venv/bin/python tests/ood/measure.py --batch 4          # only ood-41..ood-50
    .venv/bin/python tests/ood/measure.py --batch 5          # only ood-51..ood-65
    .venv/bin/python tests/ood/measure.py --batch 6          # only ood-66..ood-70
    .venv/bin/python tests/ood/measure.py --batch 7          # only ood-71..ood-75
    .venv/bin/python tests/ood/measure.py --batch 8          # only ood-76..ood-80
    .venv/bin/python tests/ood/measure.py --batch 9          # only ood-81..ood-88
    .venv/bin/python tests/ood/measure.py --batch 10         # only ood-89..ood-93
    .venv/bin/python tests/ood/measure.py --batch 11         # only ood-94..ood-98
    .venv/bin/python tests/ood/measure.py --batch 12         # only ood-99..ood-103
    .venv/bin/python tests/ood/measure.py --only ood-21 ood-22  # only these passages
    .venv/bin/python tests/ood/measure.py --rct              # sample size on rct_sample_size.jsonl

Batches (README.md): batch 1 = ood-01..ood-20 (used for fixes, partly fitted), batch 2 =
ood-21..ood-30 (written and committed before the pipeline first saw them, since used for
fixes), batch 3 = ood-31..ood-40 (committed before the pipeline first saw them, since used for
fixes), batch 4 = ood-41..ood-50 (committed before the pipeline first saw them), batch 5 =
ood-51..ood-65 (skin diseases outside the review's four; committed before the pipeline first
saw them), batch 6 = ood-66..ood-70 (the same kind, written after the batch-5 fixes and
committed before the pipeline first saw them), batch 7 = ood-71..ood-75 (written after the
batch-6 fixes, committed before the pipeline first saw them), batch 8 = ood-76..ood-80 (written
after the speed work of issue 14, committed before the pipeline first saw them), batch 9 =
ood-81..ood-88 (written after the instrument table and grammar of issue 14, committed before
the pipeline first saw them), batch 10 = ood-89..ood-93 (written after the batch-9 fixes,
committed before the pipeline first saw them), batch 11 = ood-94..ood-98 (written after the
batch-10 fixes, committed before the pipeline first saw them), batch 12 = ood-99..ood-103
(written after the batch-11 fix, committed before the pipeline first saw them).
``rct_sample_size.jsonl`` holds 20 RCT-style sentences with their hand-read sample
size; ``--rct`` scores the record assembler's ``sample_size`` on them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD = HERE / "ood.jsonl"
PASSAGES = HERE / "passages"
LABELS = ("CELL", "VESICLE", "CYTOKINE", "DOSE", "OUTCOME_SCORE")
# Scalar fields a reader of a record cares about (study_id/first_author/year/ref/doi only
# decide pairing here: most passages are abstracts without an author line).
SCALARS = (
    "disease",
    "intervention",
    "model",
    "design",
    "sample_size",
    "first_author",
    "year",
    "ref",
)
LISTS = (
    "doses",
    "routes",
    "cells",
    "outcomes",
    "outcomes_values",
    "cytokines",
    "cytokine_directions",
)
# Passage batches, by doc_id. Batches 1-3 were used for pipeline fixes; batch 4 is fresh.
BATCHES: dict[int, tuple[str, ...]] = {
    1: tuple(f"ood-{i:02d}" for i in range(1, 21)),
    2: tuple(f"ood-{i:02d}" for i in range(21, 31)),
    3: tuple(f"ood-{i:02d}" for i in range(31, 41)),
    4: tuple(f"ood-{i:02d}" for i in range(41, 51)),
    5: tuple(f"ood-{i:02d}" for i in range(51, 66)),
    6: tuple(f"ood-{i:02d}" for i in range(66, 71)),
    7: tuple(f"ood-{i:02d}" for i in range(71, 76)),
    8: tuple(f"ood-{i:02d}" for i in range(76, 81)),
    9: tuple(f"ood-{i:02d}" for i in range(81, 89)),
    10: tuple(f"ood-{i:02d}" for i in range(89, 94)),
    11: tuple(f"ood-{i:02d}" for i in range(94, 99)),
    12: tuple(f"ood-{i:02d}" for i in range(99, 104)),
}
RCT = HERE / "rct_sample_size.jsonl"


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def select(docs: Sequence[dict[str, Any]], ids: Sequence[str]) -> list[dict[str, Any]]:
    """The documents whose doc_id is in ``ids`` (in their file order); unknown ids are an error."""
    wanted = set(ids)
    missing = wanted - {d["doc_id"] for d in docs}
    if missing:
        raise ValueError(f"no such passage(s): {', '.join(sorted(missing))}")
    return [d for d in docs if d["doc_id"] in wanted]


def predict(gold: Sequence[dict[str, Any]], nlp: Any = None) -> list[dict[str, Any]]:
    """One SCHEMA §5 prediction per gold passage, read from the passage file like any input."""
    from extractor.extract import process_path
    from extractor.pipeline import load_pipeline

    if nlp is None:
        nlp = load_pipeline()
    repo = HERE.parents[1]
    out = []
    for g in gold:
        res = process_path(repo / g["source"], nlp)
        d = res.to_dict()
        d["doc_id"] = g["doc_id"]  # pair by the gold id whatever the reader derives
        out.append(d)
    return out


def load_rct(path: Path = RCT) -> list[dict[str, Any]]:
    """The RCT-style snippets: ``{"id", "text", "sample_size", "note"}`` per line."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def predict_rct(rows: Sequence[dict[str, Any]], nlp: Any = None) -> dict[str, int | None]:
    """id -> the sample size of the first record the pipeline assembles from that snippet,
    each snippet read from a text file like any input."""
    import tempfile

    from extractor.extract import process_path
    from extractor.pipeline import load_pipeline

    if nlp is None:
        nlp = load_pipeline()
    out: dict[str, int | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            path = Path(tmp) / f"{row['id']}.txt"
            path.write_text(row["text"] + "\n", encoding="utf-8")
            recs = process_path(path, nlp).to_dict()["records"]
            out[row["id"]] = recs[0]["sample_size"] if recs else None
    return out


def score_rct(
    rows: Sequence[dict[str, Any]], pred: dict[str, int | None]
) -> tuple[float, list[str]]:
    """Share of snippets whose predicted sample size equals the hand-read one, and the misses."""
    misses = [
        f"{r['id']}: gold {r['sample_size']}, got {pred.get(r['id'])} ({r['note']})"
        for r in rows
        if pred.get(r["id"]) != r["sample_size"]
    ]
    return (len(rows) - len(misses)) / len(rows), misses


def evaluate(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> Any:
    from extractor.evaluate import evaluate_documents

    return evaluate_documents(gold, pred)


def summary(metrics: dict[str, Any]) -> dict[str, float]:
    """The flat figures the README reports and the test floors: name -> value."""
    ent = metrics["entities"]
    out: dict[str, float] = {
        "strict_micro_f1": ent["strict"]["micro"]["f1"],
        "lenient_micro_f1": ent["partial"]["micro"]["f1"],
        "norm_accuracy": ent["norm_accuracy"]["accuracy"],
    }
    for lab in LABELS:
        out[f"strict_f1[{lab}]"] = ent["strict"]["per_label"].get(lab, {}).get("f1", 0.0)
        out[f"lenient_f1[{lab}]"] = ent["partial"]["per_label"].get(lab, {}).get("f1", 0.0)
        out[f"norm_acc[{lab}]"] = (
            ent["norm_accuracy"]["per_label"].get(lab, {}).get("accuracy", 0.0)
        )
    rec = metrics["records"]
    out["records_found"] = rec["found"]
    out["records_precision"] = rec["precision"]
    for f in SCALARS:
        out[f"acc[{f}]"] = rec["fields"][f]["accuracy"]
    for f in LISTS:
        out[f"f1[{f}]"] = rec["fields"][f]["f1"]
    return out


def format_report(metrics: dict[str, Any]) -> str:
    ent = metrics["entities"]
    lines = ["label           strict P/R/F1        lenient F1  norm acc (n)"]
    for lab in (*LABELS, "micro"):
        s = ent["strict"]["micro"] if lab == "micro" else ent["strict"]["per_label"].get(lab, {})
        lenient = (
            ent["partial"]["micro"] if lab == "micro" else ent["partial"]["per_label"].get(lab, {})
        )
        na = (
            ent["norm_accuracy"]
            if lab == "micro"
            else ent["norm_accuracy"]["per_label"].get(lab, {})
        )
        lines.append(
            f"{lab:<15} {s.get('precision', 0):.3f}/{s.get('recall', 0):.3f}/{s.get('f1', 0):.3f}"
            f"   {lenient.get('f1', 0):.3f}       {na.get('accuracy', 0):.3f} ({na.get('matched', 0)})"
        )
    rec = metrics["records"]
    c = rec["counts"]
    lines.append("")
    lines.append(
        f"records: gold {c['gold']}, pred {c['pred']}, matched {c['matched']} "
        f"(found {rec['found']:.3f}, precision {rec['precision']:.3f}; by {rec['matched_by']})"
    )
    for f in SCALARS:
        v = rec["fields"][f]
        lines.append(f"  {f:<20} accuracy {v['accuracy']:.3f} ({v['correct']}/{v['total']})")
    for f in LISTS:
        v = rec["fields"][f]
        lines.append(f"  {f:<20} P/R/F1 {v['precision']:.3f}/{v['recall']:.3f}/{v['f1']:.3f}")
    docs = metrics["documents"]
    if docs.get("failed") or docs.get("not_comparable"):
        lines.append(f"failed: {docs.get('failed')}  not comparable: {docs.get('not_comparable')}")
    return "\n".join(lines)


def format_errors(errors: Sequence[dict[str, Any]]) -> str:
    rows = []
    for e in errors:
        if e["type"] in ("FN", "FP", "NORM"):
            other = e.get("other") or {}
            rows.append(
                f"{e['doc_id']} {e['type']:<4} {e.get('kind', ''):<14} {e.get('label')} "
                f"{e.get('text')!r} norm={json.dumps(e.get('norm'), ensure_ascii=False)}"
                + (
                    f"  | other: {other.get('label')} {other.get('text')!r} "
                    f"norm={json.dumps(other.get('norm'), ensure_ascii=False)}"
                    if other
                    else ""
                )
            )
        else:
            rest = {k: v for k, v in e.items() if k not in ("doc_id", "type", "sentence")}
            rows.append(f"{e['doc_id']} {e['type']} {json.dumps(rest, ensure_ascii=False)}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list every error row as well")
    ap.add_argument("--json", type=Path, help="write the metrics dict here")
    ap.add_argument(
        "--pred",
        type=Path,
        help="score this SCHEMA §5 JSONL (e.g. from `extractor extract`) "
        "instead of running the pipeline",
    )
    sel = ap.add_mutually_exclusive_group()
    sel.add_argument("--batch", type=int, choices=sorted(BATCHES), help="score one batch only")
    sel.add_argument("--only", nargs="+", metavar="DOC_ID", help="score these passages only")
    sel.add_argument("--rct", action="store_true", help="sample size on the RCT-style snippets")
    args = ap.parse_args(argv)
    if args.rct:
        rows = load_rct()
        acc, misses = score_rct(rows, predict_rct(rows))
        print(f"sample_size accuracy {acc:.3f} ({len(rows) - len(misses)}/{len(rows)})")
        if args.errors:
            print("\n".join(misses))
        return 0
    gold = load_gold()
    if args.batch is not None:
        gold = select(gold, BATCHES[args.batch])
    elif args.only:
        gold = select(gold, args.only)
    if args.pred:
        ids = {g["doc_id"] for g in gold}
        pred = [d for d in load_gold(args.pred) if d["doc_id"] in ids]
    else:
        pred = predict(gold)
    ev = evaluate(gold, pred)
    print(format_report(ev.metrics))
    if args.errors:
        print()
        print(format_errors(ev.errors))
    if args.json:
        args.json.write_text(json.dumps(ev.metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
