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


def test_batch_three_has_the_shapes_it_was_written_for() -> None:
    """At least 4 primary articles in header styles batches 1-2 did not use (one a PDF) and
    2 review passages with new table layouts (one tab-separated), on other skin diseases."""
    batch = measure.base.select(GOLD, measure.BATCHES[3])
    primary = [d for d in batch if measure.is_primary(d)]
    review = [d for d in batch if not measure.is_primary(d)]
    assert len(batch) >= 6 and len(primary) >= 4 and len(review) >= 2
    assert ".pdf" in {Path(d["source"]).suffix for d in primary}
    assert any("\t" in d["text"] for d in review)
    assert all(r["disease"].startswith("other: ") for d in batch for r in d["records"])


# Floors a little below what measure.py gives today (docs/records.md): batch 1 after its fixes,
# batch 2's review passages (read right at first contact) and its whole set after the fixes,
# batch 3 after its fixes, batch 4 after its fixes (first contact: 0.451 / 0.636, primary
# 0.533 / 0.800, review 0.381 / 0.500).
FLOORS = {
    (1, "all"): (0.95, 0.95),  # RECORD_SCORE 0.992, identity 1.000
    (1, "primary"): (0.95, 0.95),  # 1.000, 1.000
    (1, "review"): (0.95, 0.95),  # 0.986, 1.000
    (2, "review"): (0.95, 0.95),  # 1.000, 1.000
    (2, "all"): (0.95, 0.95),  # 1.000, 1.000
    (3, "all"): (0.95, 0.95),  # 1.000, 1.000
    (3, "primary"): (0.95, 0.95),  # 1.000, 1.000
    (3, "review"): (0.95, 0.95),  # 1.000, 1.000
    (4, "all"): (0.60, 0.70),  # 0.633, 0.727 (the evidence-level table gives no study)
    (4, "primary"): (0.95, 0.95),  # 0.987, 1.000
    (4, "review"): (0.35, 0.45),  # 0.381, 0.500
}


def _figures() -> dict[int, dict[str, dict[str, float]]]:
    out = {}
    for batch in sorted({b for b, _ in FLOORS}):
        gold = measure.base.select(GOLD, measure.BATCHES[batch])
        out[batch] = measure.record_figures(gold, measure.base.predict(gold))["groups"]
    return out


def test_record_score_floors() -> None:
    figs = _figures()
    for (batch, group), (score, ident) in FLOORS.items():
        g = figs[batch][group]
        assert g["record_score"] >= score, (batch, group, g)
        assert g["identity"] >= ident, (batch, group, g)
