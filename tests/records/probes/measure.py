"""Measure the study segmenter on the table-layout probes (``table_layouts.jsonl``).

Each probe is a row in the format of ``tests/cases/records/segment.jsonl`` (a passage, the
records ``assemble()`` must give, compared on the keys each lists; ``check: by_id`` or
``check: absent`` as there). Every row goes through the same check
``tests/records/test_segment.py`` applies to ``segment.studies`` rows; this prints, per row,
PASS or FAIL with what differs, then the passes per layout (the ``<layout>`` of an id
``<file>.<layout>.<n>``) and in all, and over the studies the rows list: how many are found
by ``study_id`` and how many with every listed field right.

Run from the repository root::

    .venv/bin/python tests/records/probes/measure.py            # every row, then the counts
    .venv/bin/python tests/records/probes/measure.py --errors   # failing rows in full
    .venv/bin/python tests/records/probes/measure.py --file other.jsonl
    .venv/bin/python tests/records/probes/measure.py --file primary_fields.jsonl --full

``--full`` reads each row's text as ``extractor extract`` reads a ``.txt`` file: the text
ingester, the bibliography stage, the entity pipeline and the record stage, so a primary
article's identity comes from its own header (the default path gives ``assemble()`` only the
row's ``bibliography`` key and no entities).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from test_segment import studies  # noqa: E402

from extractor.evaluate.records import item_set  # noqa: E402

# list fields compared as ``extractor evaluate`` scores them: sets of items, an outcome with
# its baseline and final values, a cytokine with its direction, a dose by low/high/unit
_LIST_VIEW = {
    "doses": "doses",
    "routes": "routes",
    "cells": "cells",
    "outcomes": "outcomes_values",
    "cytokines": "cytokine_directions",
}


def same(key: str, got: Any, want: Any) -> bool:
    """Whether a record's ``key`` equals the row's: list fields as sets (``_LIST_VIEW``)."""
    if key in _LIST_VIEW:
        return item_set(_LIST_VIEW[key], got) == item_set(_LIST_VIEW[key], want)
    return bool(got == want)


def matches(record: dict[str, Any], want: dict[str, Any]) -> bool:
    return all(same(k, record.get(k), v) for k, v in want.items())


def list_prf(key: str, got: Any, want: Any) -> tuple[int, int, int]:
    """(true positives, predicted, gold) items of a list field."""
    g, w = item_set(_LIST_VIEW[key], got), item_set(_LIST_VIEW[key], want)
    return len(g & w), len(g), len(w)


FILE = HERE / "table_layouts.jsonl"
_SHOWN = ("study_id", "first_author", "year", "ref", "model", "sample_size", "routes", "disease")


def load(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            row["at"] = f"{path.name}:{n}"
            rows.append(row)
    return rows


def full_studies(row: dict[str, Any], nlp: Any) -> list[dict[str, Any]]:
    """The records ``extractor extract`` writes for the row's text saved as a ``.txt`` file."""
    import tempfile

    from extractor.extract import process_path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{row['id']}.txt"
        path.write_text(row["text"], encoding="utf-8")
        result = process_path(path, nlp).to_dict()
    return list(result.get("records") or [])


def _count_keys(
    row: dict[str, Any], got: list[dict[str, Any]], keys: Counter[str], right: Counter[str]
) -> None:
    """Add each listed key of the row's found studies to ``keys`` and, when it is right, to
    ``right`` (``study_id`` counts every listed study: found or not)."""
    if row.get("check") == "absent":
        return
    found = {r["study_id"]: r for r in got}
    for w in row["expect"]:
        keys["study_id"] += 1
        r = found.get(w["study_id"])
        right["study_id"] += r is not None
        if r is None:
            continue
        for k, v in w.items():
            if k != "study_id":
                keys[k] += 1
                right[k] += same(k, r.get(k), v)
            if k in _LIST_VIEW:
                for name, n in zip(("tp", "pred", "gold"), list_prf(k, r.get(k), v), strict=True):
                    right[f"{k}.{name}"] += n


def layout_of(row: dict[str, Any]) -> str:
    parts = str(row["id"]).split(".")
    return parts[1] if len(parts) >= 3 else parts[0]


def mismatch(row: dict[str, Any], got: list[dict[str, Any]]) -> str | None:
    """What differs between the records ``got`` and the row's ``expect`` (None: it passes),
    by the rule test_segment.py applies."""
    want = row["expect"]
    ids = [r["study_id"] for r in got]
    if row.get("check") == "absent":
        extra = sorted(set(ids) & set(want))
        return f"records that must be absent: {extra}" if extra else None
    if row.get("check") == "by_id":
        found = {r["study_id"]: r for r in got}
        bad = [
            w for w in want if w["study_id"] not in found or not matches(found[w["study_id"]], w)
        ]
        return None if not bad else "; ".join(_diff(w, found.get(w["study_id"])) for w in bad)
    if len(got) == len(want) and all(map(matches, got, want)):
        return None
    if len(got) != len(want):
        return f"{len(got)} records {ids}, want {len(want)} {[w['study_id'] for w in want]}"
    return "; ".join(_diff(w, g) for w, g in zip(want, got, strict=True) if not matches(g, w))


def studies_right(row: dict[str, Any], got: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(studies expected, found by ``study_id``, found with every listed field right) of a
    row that lists its studies (none for ``check: absent``)."""
    if row.get("check") == "absent":
        return 0, 0, 0
    found = {r["study_id"]: r for r in got}
    want = row["expect"]
    hits = [w for w in want if w["study_id"] in found]
    return len(want), len(hits), sum(matches(found[w["study_id"]], w) for w in hits)


def _diff(want: dict[str, Any], got: dict[str, Any] | None) -> str:
    if got is None:
        return f"{want['study_id']} missing"
    keys = [k for k, v in want.items() if not same(k, got.get(k), v)]
    return f"{got['study_id']}: " + ", ".join(f"{k} {got.get(k)!r} want {want[k]!r}" for k in keys)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", type=Path, default=FILE, help="probe rows (segment.jsonl format)")
    ap.add_argument("--errors", action="store_true", help="only failing rows, with records")
    ap.add_argument("--full", action="store_true", help="ingest + bibliography + entities")
    args = ap.parse_args(argv)
    nlp = None
    if args.full:
        from extractor.pipeline import load_pipeline

        nlp = load_pipeline()
    rows = load(args.file if args.file.is_absolute() else HERE / args.file)
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    counts = [0, 0, 0]
    keys: Counter[str] = Counter()
    keys_right: Counter[str] = Counter()
    for row in rows:
        got = full_studies(row, nlp) if args.full else studies(row)
        why = mismatch(row, got)
        counts = [a + b for a, b in zip(counts, studies_right(row, got), strict=True)]
        _count_keys(row, got, keys, keys_right)
        lay = layout_of(row)
        total[lay] += 1
        passed[lay] += why is None
        if why is None and not args.errors:
            print(f"PASS {row['id']}")
        elif why is not None:
            print(f"FAIL {row['id']}: {why}")
            if args.errors:
                for r in got:
                    print("     got", {k: r.get(k) for k in _SHOWN})
    print("\nper layout:")
    for lay in sorted(total):
        print(f"  {lay:60s} {passed[lay]}/{total[lay]}")
    print(f"total {sum(passed.values())}/{sum(total.values())} rows right in full")
    want, found, right = counts
    print(f"studies found by study_id {found}/{want} ({found / max(want, 1):.2f})")
    print(f"studies with every listed field right {right}/{want} ({right / max(want, 1):.2f})")
    print("per field, over the studies found by study_id:")
    for key in sorted(keys):
        line = f"  {key:14s} {keys_right[key]}/{keys[key]} ({keys_right[key] / keys[key]:.3f})"
        if key in _LIST_VIEW:
            tp, pred, gold = (keys_right[f"{key}.{n}"] for n in ("tp", "pred", "gold"))
            p, r = tp / max(pred, 1), tp / max(gold, 1)
            line += f"   items P/R/F1 {p:.3f}/{r:.3f}/{2 * p * r / max(p + r, 1e-9):.3f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
