"""Golden records: every record the toolkit writes for a fixed set of documents, saved once,
so a change to the record stage can show that it leaves them byte-identical.

    python -m extractor.benchmarks.golden freeze              # rewrite the in-repo golden file
    python -m extractor.benchmarks.golden save /tmp/golden    # a wider set, outside the repo
    python -m extractor.benchmarks.golden check /tmp/golden   # compare with it: exit 1 on a diff

The in-repo set (``freeze``; tests/records/test_golden_records.py compares with it): the review
in text, PDF and JATS (``corpus/``), every out-of-domain passage (``tests/ood/passages``) and
every out-of-domain record document (``tests/ood_records/documents``), one JSON line each in
``tests/records/golden/records.jsonl``. A commit that changes a record on purpose re-freezes it
and says which documents changed and why (``freeze`` prints them).

``save`` adds a folder of real papers when one is named (``--real-papers DIR`` or
``$EXTRACTOR_REAL_PAPERS``: every PDF and JATS file in it) and the review assembled without
entities (the dose-parser path of ``assemble``); it keeps each document's ingested text,
entities and bibliography (a pickle), so ``check`` re-runs only ``assemble`` (seconds);
``check --full`` re-runs ingestion and the entity pipeline too.
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


FROZEN = ROOT / "tests" / "records" / "golden" / "records.jsonl"


def inputs(real: bool = True, real_papers: Path | None = None) -> list[tuple[str, Path]]:
    """(name, path) of every golden document, in a stable order; ``real``: with the real
    papers of ``real_papers`` (else ``$EXTRACTOR_REAL_PAPERS``) when one is named."""
    out: list[tuple[str, Path]] = []
    for sub in ("text", "pdf", "jats"):
        out += [(f"corpus-{sub}-{p.name}", p) for p in sorted((ROOT / "corpus" / sub).glob("*.*"))]
    out += [(f"ood-{p.name}", p) for p in sorted((ROOT / "tests/ood/passages").glob("*.txt"))]
    docs = ROOT / "tests/ood_records/documents"
    out += [(f"oodr-{p.name}", p) for p in sorted(docs.glob("*.*"))]
    named = real_papers or os.environ.get("EXTRACTOR_REAL_PAPERS")
    papers = Path(named) if named else None
    if real and papers is not None and papers.is_dir():
        out += [
            (f"real-{p.name}", p) for p in sorted(papers.glob("*")) if p.suffix in (".pdf", ".xml")
        ]
    return out


def _records(document: Any, entities: list[Any], bibliography: Any) -> str:
    from extractor.records import assemble

    recs = assemble(document, list(entities), bibliography)
    return json.dumps([r.to_dict() for r in recs], ensure_ascii=False, sort_keys=True, indent=1)


def frozen_lines(nlp: Any) -> dict[str, str]:
    """Name -> the JSON line ``freeze`` writes for each in-repo golden document."""
    from extractor.extract import process_document
    from extractor.ingest import read_document

    out = {}
    for name, path in inputs(real=False):
        document = read_document(path)
        result = process_document(document, nlp)
        recs = [r.to_dict() for r in result.records]
        line = {"name": name, "records": recs}
        out[name] = json.dumps(line, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return out


def read_frozen(path: Path = FROZEN) -> dict[str, str]:
    return {
        json.loads(line)["name"]: line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def freeze() -> int:
    """Rewrite ``FROZEN`` and print which documents' records changed."""
    from extractor.pipeline import load_pipeline

    old = read_frozen() if FROZEN.exists() else {}
    new = frozen_lines(load_pipeline())
    FROZEN.parent.mkdir(parents=True, exist_ok=True)
    FROZEN.write_text("".join(line + "\n" for line in new.values()), encoding="utf-8")
    changed = [n for n in new if old.get(n) != new[n]] + [n for n in old if n not in new]
    for name in changed:
        print(f"changed: {name}")
    print(f"wrote {len(new)} documents to {FROZEN.relative_to(ROOT)}; {len(changed)} changed")
    return 0


def _ingest(path: Path, nlp: Any) -> tuple[Any, list[Any], Any]:
    from extractor.bibliography import read_bibliography
    from extractor.extract import find_entities
    from extractor.ingest import read_document

    document = read_document(path)
    return document, find_entities(document, nlp), read_bibliography(document)


def _outputs(folder: Path, full: bool, real_papers: Path | None = None) -> dict[str, str]:
    """Name -> records JSON of every golden document (and the entity-free review)."""
    nlp = None
    if full or not (folder / "inputs.pkl").exists():
        from extractor.pipeline import load_pipeline

        nlp = load_pipeline()
        cached = {name: _ingest(path, nlp) for name, path in inputs(True, real_papers)}
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
    ap.add_argument("action", choices=("freeze", "save", "check"))
    ap.add_argument("folder", type=Path, nargs="?")
    ap.add_argument("--full", action="store_true", help="re-run ingestion and entities too")
    ap.add_argument(
        "--real-papers", type=Path, metavar="DIR", help="also every PDF and JATS file of DIR"
    )
    args = ap.parse_args(argv)
    if args.action == "freeze":
        return freeze()
    if args.folder is None:
        ap.error(f"{args.action} needs a folder")
    folder: Path = args.folder
    if args.action == "save":
        if (folder / "inputs.pkl").exists():
            (folder / "inputs.pkl").unlink()
        outs = _outputs(folder, True, args.real_papers)
        (folder / "records").mkdir(parents=True, exist_ok=True)
        for name, text in outs.items():
            (folder / "records" / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"saved {len(outs)} golden outputs in {folder}")
        return 0
    outs = _outputs(folder, args.full, args.real_papers)
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
