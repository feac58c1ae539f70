"""Measure the record assembler on the out-of-domain record set of tests/ood_records/.

Runs the real pipeline on every document (``predict`` of tests/ood/measure.py: ingestion by
file type, entity pipeline, bibliography, records) and scores it against ``ood_records.jsonl``
with ``extractor.evaluate``; the entity and per-field tables are tests/ood/measure.py's.

On top of those it prints the figures issue 12 is judged by:

- ``RECORD_SCORE``: each gold record scores the mean of its 15 SCHEMA §4 fields (the ten
  scalars right or wrong, ``accept`` honoured; doses, routes, outcomes with values, cytokines
  with directions and cells as set-F1, 1.0 when gold and prediction are both empty); a gold
  record no prediction pairs with scores 0; the sum is divided by the gold records plus the
  predicted records that pair with none (a record invented from a citation costs as much as
  a study missed). Reported over all records, over records of the review's diseases
  (psoriasis, atopic dermatitis, systemic sclerosis, localized scleroderma, acne) and over
  the other skin diseases, and separately for primary articles and review passages.
- ``identity``: share of gold records whose first author and year are both right (an
  unpaired gold record counts as wrong).
- ``bibliography``: first author, year, DOI and title of each document's ``bibliography``
  against the hand-written one, over the documents that print them.

Run from the repository root::

    .venv/bin/python tests/ood_records/measure.py              # all documents
    .venv/bin/python tests/ood_records/measure.py --batch 1    # oodr-01..15
    .venv/bin/python tests/ood_records/measure.py --batch 2 --errors
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extractor.types import RECORD_SCALAR_FIELDS

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import OUT, load_ood  # noqa: E402

base = load_ood("measure")

# Batches by doc_id: batch 1 written and committed before any fix; batch 2 after the fixes of
# batch 1; batch 3 after those of batch 2; batch 4 after the style-free fallbacks; batch 5
# after batch 4's table-cell and frame fixes; batch 6 after batch 5's fixes; batch 7 after
# batch 6's fixes and the header and disease-name probes; batch 8 after batch 7's fixes;
# batch 9 after batch 8's; batch 10 after batch 9's; batch 11 after batch 10's; batch 12
# after batch 11's; batch 13 after batch 12's; batch 14 after batch 13's; batch 15 after
# batch 14's; batch 16 after batch 15, with no fix in between; batch 17 after batch 16, with
# no fix in between; batch 18 after batch 17, with no fix in between; batch 19 after batch
# 18's first-contact measurement, before any fix it prompts; batch 20 after batch 19's fixes.
BATCHES: dict[int, tuple[str, ...]] = {
    1: tuple(f"oodr-{i:02d}" for i in range(1, 16)),
    2: tuple(f"oodr-{i:02d}" for i in range(16, 21)),
    3: tuple(f"oodr-{i:02d}" for i in range(21, 28)),
    4: tuple(f"oodr-{i:02d}" for i in range(28, 35)),
    5: tuple(f"oodr-{i:02d}" for i in range(35, 44)),
    6: tuple(f"oodr-{i:02d}" for i in range(44, 50)),
    7: tuple(f"oodr-{i:02d}" for i in range(50, 56)),
    8: tuple(f"oodr-{i:02d}" for i in range(56, 61)),
    9: tuple(f"oodr-{i:02d}" for i in range(61, 66)),
    10: tuple(f"oodr-{i:02d}" for i in range(66, 71)),
    11: tuple(f"oodr-{i:02d}" for i in range(71, 76)),
    12: tuple(f"oodr-{i:02d}" for i in range(76, 81)),
    13: tuple(f"oodr-{i:02d}" for i in range(81, 86)),
    14: tuple(f"oodr-{i:02d}" for i in range(86, 91)),
    15: tuple(f"oodr-{i:02d}" for i in range(91, 96)),
    16: tuple(f"oodr-{i:02d}" for i in range(96, 101)),
    17: tuple(f"oodr-{i:02d}" for i in range(101, 106)),
    18: tuple(f"oodr-{i:02d}" for i in range(106, 111)),
    19: tuple(f"oodr-{i:02d}" for i in range(111, 116)),
    20: tuple(f"oodr-{i:02d}" for i in range(116, 122)),
    # batch 21 after batch 20's fixes
    21: tuple(f"oodr-{i:02d}" for i in range(122, 128)),
    # batch 22 read at the same commit as batch 21
    22: tuple(f"oodr-{i:02d}" for i in range(128, 134)),
    # batch 23 written after batch 22, before the pipeline read it
    23: tuple(f"oodr-{i:02d}" for i in range(134, 142)),
    # batch 24 written beside batch 23, read after batch 23's fixes
    24: tuple(f"oodr-{i:02d}" for i in range(142, 148)),
    # batch 25 written after batch 24's first contact, read after its fixes
    25: tuple(f"oodr-{i:02d}" for i in range(148, 154)),
    # batch 26 written after batch 25's fixes, before the pipeline read it
    26: tuple(f"oodr-{i:02d}" for i in range(154, 160)),
}
REVIEW_DISEASES = (
    "psoriasis",
    "psoriatic arthritis",
    "atopic dermatitis",
    "systemic sclerosis",
    "localized scleroderma",
    "acne vulgaris",
    "acne scars",
)
SCALARS = RECORD_SCALAR_FIELDS
LISTS = ("doses", "routes", "outcomes_values", "cytokine_directions", "cells")


def load_gold(path: Path = OUT) -> list[dict[str, Any]]:
    return base.load_gold(path)


def record_score(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """Mean over the 15 fields of one paired record (see the module docstring)."""
    from extractor.evaluate.records import list_counts, scalar_correct

    marks = [float(scalar_correct(f, gold, pred)) for f in SCALARS]
    for f in LISTS:
        prf = list_counts(f, gold, pred)
        marks.append(1.0 if prf.tp + prf.fp + prf.fn == 0 else prf.f1)
    return sum(marks) / len(marks)


def is_primary(doc: dict[str, Any]) -> bool:
    return bool(doc.get("bibliography", {}).get("authors"))


def in_domain(record: dict[str, Any]) -> bool:
    return str(record.get("disease") or "").casefold() in REVIEW_DISEASES


def record_figures(
    gold_docs: Sequence[dict[str, Any]],
    pred_docs: Sequence[dict[str, Any]],
    by_document: bool = False,
) -> dict[str, Any]:
    """RECORD_SCORE overall and per group, identity, and one row per gold/extra record.

    ``by_document`` also pairs a document's one gold record with its one predicted record when
    the scorer's pairing (study_id, author + year, ref) did not: the fields of a primary
    article's record are then scored even when its identity is wrong (a diagnostic view; the
    figure that counts is without it)."""
    from extractor.evaluate.records import match_records, scalar_correct

    preds = {d["doc_id"]: d for d in pred_docs}
    rows: list[dict[str, Any]] = []
    for g in gold_docs:
        p = preds.get(g["doc_id"], {})
        g_recs, p_recs = g["records"], p.get("records") or []
        pairs = {gi: pi for gi, pi, _ in match_records(g_recs, p_recs)}
        if by_document and len(g_recs) == 1 and len(p_recs) == 1 and not pairs:
            pairs = {0: 0}
        kind = "primary" if is_primary(g) else "review"
        for gi, gr in enumerate(g_recs):
            pr = p_recs[pairs[gi]] if gi in pairs else None
            rows.append(
                {
                    "doc_id": g["doc_id"],
                    "study_id": gr["study_id"],
                    "kind": kind,
                    "domain": "review diseases" if in_domain(gr) else "other diseases",
                    "score": record_score(gr, pr) if pr is not None else 0.0,
                    "identity": pr is not None
                    and scalar_correct("first_author", gr, pr)
                    and scalar_correct("year", gr, pr),
                    "pred": pr["study_id"] if pr is not None else None,
                }
            )
        # an extra record counts against the document's group
        dom = (
            "review diseases" if g_recs and all(in_domain(r) for r in g_recs) else "other diseases"
        )
        for pi, pr in enumerate(p_recs):
            if pi not in pairs.values():
                rows.append(
                    {
                        "doc_id": g["doc_id"],
                        "study_id": None,
                        "kind": kind,
                        "domain": dom,
                        "score": 0.0,
                        "identity": None,
                        "pred": pr["study_id"],
                    }
                )

    def agg(sel: list[dict[str, Any]]) -> dict[str, Any]:
        gold_rows = [r for r in sel if r["study_id"] is not None]
        return {
            "record_score": sum(r["score"] for r in sel) / len(sel) if sel else None,
            "identity": sum(bool(r["identity"]) for r in gold_rows) / len(gold_rows)
            if gold_rows
            else None,
            "gold": len(gold_rows),
            "extra": len(sel) - len(gold_rows),
        }

    groups = {"all": agg(rows)}
    for key, val in (
        ("domain", "review diseases"),
        ("domain", "other diseases"),
        ("kind", "primary"),
        ("kind", "review"),
    ):
        groups[val] = agg([r for r in rows if r[key] == val])
    return {"groups": groups, "rows": rows}


def _fold(s: Any) -> str | None:
    if s is None:
        return None
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.casefold().replace("https://doi.org/", "").split()).rstrip(".") or None


def bibliography_figures(
    gold_docs: Sequence[dict[str, Any]], pred_docs: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """Right / checked for first author, year, DOI and title over documents that print them."""
    preds = {d["doc_id"]: d for d in pred_docs}
    out: dict[str, list[int]] = {k: [0, 0] for k in ("first_author", "year", "doi", "title")}
    misses: list[str] = []
    for g in gold_docs:
        gb = g.get("bibliography") or {}
        pb = (preds.get(g["doc_id"]) or {}).get("bibliography") or {}
        pairs = {
            "first_author": ((gb.get("authors") or [None])[0], (pb.get("authors") or [None])[0]),
            "year": (gb.get("year"), pb.get("year")),
            "doi": (gb.get("doi"), pb.get("doi")),
            "title": (gb.get("title"), pb.get("title")),
        }
        for k, (gv, pv) in pairs.items():
            if gv is None:
                continue
            out[k][1] += 1
            if _fold(gv) == _fold(pv):
                out[k][0] += 1
            else:
                misses.append(f"{g['doc_id']} {k}: gold {gv!r} pred {pv!r}")
    return {
        "fields": {k: {"right": r, "checked": n} for k, (r, n) in out.items()},
        "misses": misses,
    }


def format_figures(rec: dict[str, Any], bib: dict[str, Any]) -> str:
    lines = ["RECORD_SCORE (identity = first author + year right)"]
    for name, g in rec["groups"].items():
        if not g["gold"] and not g["extra"]:
            continue
        rs = "–" if g["record_score"] is None else f"{g['record_score']:.3f}"
        ident = "–" if g["identity"] is None else f"{g['identity']:.3f}"
        lines.append(
            f"  {name:<16} RECORD_SCORE {rs}  identity {ident}  ({g['gold']} gold, {g['extra']} extra)"
        )
    lines.append("per record:")
    for r in rec["rows"]:
        lines.append(
            f"  {r['doc_id']} {r['kind']:<7} {r['study_id']!s:<22} -> {r['pred']!s:<22} {r['score']:.3f}"
        )
    lines.append("bibliography (right/checked):")
    for k, v in bib["fields"].items():
        lines.append(f"  {k:<13} {v['right']}/{v['checked']}")
    lines.extend(f"  miss: {m}" for m in bib["misses"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list every error row as well")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument(
        "--by-document",
        action="store_true",
        help="also pair a document's single gold and predicted record (diagnostic)",
    )
    ap.add_argument(
        "--pred", type=Path, help="score this SCHEMA §5 JSONL instead of running the pipeline"
    )
    sel = ap.add_mutually_exclusive_group()
    sel.add_argument("--batch", type=int, choices=sorted(BATCHES))
    sel.add_argument("--only", nargs="+", metavar="DOC_ID")
    args = ap.parse_args(argv)
    gold = load_gold()
    if args.batch is not None:
        gold = base.select(
            gold, [i for i in BATCHES[args.batch] if i in {d["doc_id"] for d in gold}]
        )
    elif args.only:
        gold = base.select(gold, args.only)
    if args.pred:
        ids = {g["doc_id"] for g in gold}
        pred = [d for d in base.load_gold(args.pred) if d["doc_id"] in ids]
    else:
        pred = base.predict(gold)
    ev = base.evaluate(gold, pred)
    rec = record_figures(gold, pred, args.by_document)
    bib = bibliography_figures(gold, pred)
    print(base.format_report(ev.metrics))
    print()
    print(format_figures(rec, bib))
    if args.errors:
        print()
        print(base.format_errors(ev.errors))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"metrics": ev.metrics, "records": rec, "bibliography": bib},
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
