"""The out-of-domain record set: its annotation is sound and anchored, and its documents are
the shapes issue 12 asks for (tests/ood_records/README.md)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"oodr_{name}", HERE / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


build = _load("build")
measure = _load("measure")
GOLD = measure.load_gold()


def test_gold_file_is_built_from_the_annotations() -> None:
    docs, problems = build.build_all()
    assert problems == []
    assert build.OUT.read_text(encoding="utf-8") == build.base.serialise(docs)


def test_batch_one_has_the_shapes_the_issue_asks_for() -> None:
    batch = measure.base.select(GOLD, measure.BATCHES[1])
    assert len(batch) >= 15
    primary = [d for d in batch if measure.is_primary(d)]
    review = [d for d in batch if not measure.is_primary(d)]
    assert len(primary) >= 8 and len(review) >= 4
    assert {Path(d["source"]).suffix for d in primary} == {".txt", ".xml", ".pdf"}
    assert all(len(d["records"]) == 1 for d in primary)
    headers = {tuple(h) for d in review for h in _table_headers(d["text"])}
    assert len(headers) >= 3
    diseases = {r["disease"] for d in batch for r in d["records"]}
    assert sum(x.startswith("other: ") for x in diseases) >= 8


def _table_headers(text: str) -> list[list[str]]:
    lines = text.splitlines()
    return [
        [c.strip() for c in lines[i].strip("|").split("|")]
        for i in range(len(lines) - 1)
        if lines[i].startswith("|")
        and set(lines[i + 1].replace("|", "").strip()) <= {"-", ":"}
        and lines[i + 1].strip()
    ]


def test_every_record_carries_its_bibliography_identity() -> None:
    for d in GOLD:
        bib = d["bibliography"]
        for r in d["records"]:
            if measure.is_primary(d):
                assert r["first_author"] == bib["authors"][0] and r["year"] == bib["year"]
            assert r["study_id"]
