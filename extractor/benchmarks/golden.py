"""Golden records: save every record the toolkit writes for a fixed set of documents, then check
that a change to the record stage leaves them byte-identical.

    python -m extractor.benchmarks.golden save /tmp/golden      # before the change
    python -m extractor.benchmarks.golden check /tmp/golden     # after it: exit 1 on a diff

The set: the review in text, PDF and JATS (``corpus/``), every out-of-domain passage
(``tests/ood/passages``), every out-of-domain record document (``tests/ood_records/documents``)
and, when present, the real papers of ``../shared/real-papers`` (or ``$EXTRACTOR_REAL_PAPERS``).
The review's text is also assembled without entities (the dose-parser path of ``assemble``).

``save`` also keeps each document's ingested text, entities and bibliography (a pickle), so
``check`` re-runs only ``assemble`` (seconds, not minutes); ``check --full`` re-runs ingestion
and the entity pipeline too. The folder lives outside the repository: it is a safety net for a
refactoring, not a test fixture (the record rules change the outputs on purpose).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def inputs() -> list[tuple[str, Path]]:
    """(name, path) of every golden document, in a stable order."""
    out: list[tuple[str, Path]] = []
    for sub in ("text", "pdf", "jats"):
        out += [(f"corpus-{sub}-{p.name}", p) for p in sorted((ROOT / "corpus" / sub).glob("*.*"))]
    out += [(f"ood-{p.name}", p) for p in sorted((ROOT / "tests/ood/passages").glob("*.txt"))]
    docs = ROOT / "tests/ood_records/documents"
    out += [(f"oodr-{p.name}", p) for p in sorted(docs.glob("*.*"))]
    real = Path(os.environ.get("EXTRACTOR_REAL_PAPERS", ROOT.parent / "shared" / "real-papers"))
    if real.is_dir():
        out += [
            (f"real-{p.name}", p) for p in sorted(real.glob("*")) if p.suffix in (".pdf", ".xml")
        ]
    return out


def _records(document: Any, entities: list[Any], bibliography: Any) -> str:
    from extractor.records import assemble

    recs = assemble(document, list(entities), bibliography)
    return json.dumps([r.to_dict() for r in recs], ensure_ascii=False, sort_keys=True, indent=1)


def _ingest(path: Path, nlp: Any) -> tuple[Any, list[Any], Any]:
    from extractor.bibliography import read_bibliography
    from extractor.extract import find_entities
    from extractor.ingest import read_document

    document = read_document(path)
    return document, find_entities(document, nlp), read_bibliography(document)


def _outputs(folder: Path, full: bool) -> dict[str, str]:
    """Name -> records JSON of every golden document (and the entity-free review)."""
    nlp = None
    if full or not (folder / "inputs.pkl").exists():
        from extractor.pipeline import load_pipeline

        nlp = load_pipeline()
        cached = {name: _ingest(path, nlp) for name, path in inputs()}
    else:
        cached = pickle.loads((folder / "inputs.pkl").read_bytes())
    out = {name: _records(*triple) for name, triple in cached.items()}
    for name, (document, _, bib) in cached.items():
        if name.startswith("corpus-text-"):
            out[f"noents-{name}"] = _records(document, [], bib)
    if nlp is not None and not (folder / "inputs.pkl").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "inputs.pkl").write_bytes(pickle.dumps(cached))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("save", "check"))
    ap.add_argument("folder", type=Path)
    ap.add_argument("--full", action="store_true", help="re-run ingestion and entities too")
    args = ap.parse_args(argv)
    folder: Path = args.folder
    if args.action == "save":
        if (folder / "inputs.pkl").exists():
            (folder / "inputs.pkl").unlink()
        outs = _outputs(folder, True)
        (folder / "records").mkdir(parents=True, exist_ok=True)
        for name, text in outs.items():
            (folder / "records" / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"saved {len(outs)} golden outputs in {folder}")
        return 0
    outs = _outputs(folder, args.full)
    bad = []
    for name, text in outs.items():
        gold = folder / "records" / f"{name}.json"
        if not gold.exists() or gold.read_text(encoding="utf-8") != text:
            bad.append(name)
    missing = {p.stem for p in (folder / "records").glob("*.json")} - set(outs)
    for name in bad:
        print(f"DIFFERS: {name}")
    for name in sorted(missing):
        print(f"MISSING: {name}")
    print(f"{len(outs) - len(bad)}/{len(outs)} identical")
    return 1 if bad or missing else 0


if __name__ == "__main__":
    sys.exit(main())
