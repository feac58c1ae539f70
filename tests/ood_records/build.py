"""Build tests/ood_records/ood_records.jsonl from the documents and their hand annotations.

Each document ``documents/oodr-NN.{txt,xml,pdf}`` has three hand-written files in
``annotations/``: ``oodr-NN.psv`` (mentions in reading order, the format of tests/ood),
``oodr-NN.records.json`` (study records, evidence as quoted passages) and
``oodr-NN.bibliography.json`` (the document's own SCHEMA §5 ``bibliography``). A text file is
anchored as read; a JATS or PDF file is anchored in the text the ingester writes for it (SCHEMA
§1: offsets index the output's ``text``). The anchoring and the record defaults are those of
tests/ood/build.py, imported; nothing here adds a mention or a field value.

Run from the repository root::

    .venv/bin/python tests/ood_records/build.py          # writes ood_records.jsonl
    .venv/bin/python tests/ood_records/build.py --check  # exit 1 if stale or invalid
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DOCUMENTS = HERE / "documents"
ANNOTATIONS = HERE / "annotations"
OUT = HERE / "ood_records.jsonl"
SUFFIXES = (".txt", ".xml", ".pdf")


def load_ood(name: str) -> ModuleType:
    """tests/ood/<name>.py, loaded by path (tests/ has no packages)."""
    spec = importlib.util.spec_from_file_location(
        f"oodr_base_{name}", REPO / "tests" / "ood" / f"{name}.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


base = load_ood("build")


def document_paths() -> list[Path]:
    return sorted(p for p in DOCUMENTS.glob("oodr-*") if p.suffix in SUFFIXES)


def document_text(path: Path) -> str:
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    from extractor.ingest import read_document

    return read_document(path).text


def build_one(path: Path) -> tuple[dict[str, Any], list[str]]:
    from extractor import SCHEMA_VERSION
    from extractor.gold.anchor import anchor_mentions
    from extractor.gold.build import parse_mentions, resolve_evidence
    from extractor.gold.check import check_document

    doc_id = path.stem
    text = document_text(path)
    problems: list[str] = []
    entities = anchor_mentions(text, parse_mentions(ANNOTATIONS / f"{doc_id}.psv"))
    entities.sort(key=lambda e: (e["start"], e["end"]))
    for e in entities:
        if base._inside_word(text, e):
            problems.append(f"{doc_id}: {e['start']}: {e['text']!r} starts or ends inside a word")
    records = []
    raw = json.loads((ANNOTATIONS / f"{doc_id}.records.json").read_text(encoding="utf-8"))
    for rec in raw:
        full = {**base.RECORD_DEFAULTS, **rec}
        full["evidence"] = resolve_evidence(
            text, rec.get("evidence", []), f"{doc_id}/{rec['study_id']}"
        )
        records.append({k: full[k] for k in base.FIELD_ORDER if k in full})
    bib = json.loads((ANNOTATIONS / f"{doc_id}.bibliography.json").read_text(encoding="utf-8"))
    doc = {
        "schema": SCHEMA_VERSION,
        "doc_id": doc_id,
        "source": str(path.relative_to(REPO)),
        "text": text,
        "bibliography": bib,
        "entities": entities,
        "records": records,
        "error": None,
    }
    problems.extend(f"{doc_id}: {p}" for p in check_document(doc))
    return doc, problems


def build_all() -> tuple[list[dict[str, Any]], list[str]]:
    docs, problems = [], []
    for path in document_paths():
        doc, probs = build_one(path)
        docs.append(doc)
        problems.extend(probs)
    return docs, problems


def main(argv: list[str] | None = None) -> int:
    return base.write_or_check(build_all, OUT, "tests/ood_records/build.py", "documents", argv)


if __name__ == "__main__":
    raise SystemExit(main())
