"""The PDF reader's output, saved once, so a speed change can show it leaves every Document
byte-identical. ``PAPERS`` is any folder of PDFs (e.g. a set of real publisher papers).

    python -m extractor.benchmarks.pdf_identity save /tmp/pdfout --set PAPERS
    python -m extractor.benchmarks.pdf_identity check /tmp/pdfout --set PAPERS

Every PDF read: the folder named by ``--set`` (any ``*.pdf`` in it), ``corpus/pdf`` and every
PDF file under ``tests/``; each Document (text, sections, tables, references, pages, meta)
as one JSON file. ``check`` exits 1 and names the files whose Document differs. The PDFs the
tests draw at run time are compared by running the tests with ``-p
extractor.benchmarks.pdf_identity`` and ``PDF_IDENTITY_DIR`` set: each read is saved (first
run) or compared (later runs) under the test's name and the read's number.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def inputs(paper_set: Path | None) -> list[tuple[str, Path]]:
    """(name, path) of every PDF compared, in a stable order."""
    out = [(f"corpus/{p.name}", p) for p in sorted((ROOT / "corpus" / "pdf").glob("*.pdf"))]
    out += [(str(p.relative_to(ROOT)), p) for p in sorted((ROOT / "tests").rglob("*.pdf"))]
    if paper_set is not None:
        out += [(f"set/{p.name}", p) for p in sorted(paper_set.glob("*.pdf"))]
    return out


def dump(doc: Any) -> str:
    """A Document as stable JSON, without the path and the file's hash (a generated PDF can
    carry its creation time)."""
    d = doc.to_dict()
    d.pop("source", None)
    d.pop("sha256", None)
    return json.dumps(d, ensure_ascii=False, sort_keys=True, default=str)


def _key(name: str) -> str:
    return name.replace("/", "__").replace("::", "--").replace("[", "_").replace("]", "_")


def run(mode: str, folder: Path, paper_set: Path | None) -> int:
    from extractor.ingest.pdf import read_pdf

    folder.mkdir(parents=True, exist_ok=True)
    bad: list[str] = []
    files = inputs(paper_set)
    for name, path in files:
        got = dump(read_pdf(path))
        target = folder / f"{_key(name)}.json"
        if mode == "save":
            target.write_text(got, "utf-8")
        elif not target.exists() or target.read_text("utf-8") != got:
            bad.append(name)
    if mode == "check":
        print(f"{len(files) - len(bad)}/{len(files)} PDFs identical")
        for name in bad:
            print(f"  differs: {name}")
    else:
        print(f"saved {len(files)} Documents to {folder}")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("save", "check"))
    ap.add_argument("folder", type=Path)
    ap.add_argument("--set", type=Path, default=None, help="a folder of PDFs read as well")
    a = ap.parse_args(argv)
    return run(a.mode, a.folder, a.set)


# --------------------------------------------------------------------------- pytest plugin


def pytest_configure(config: Any) -> None:
    """With ``PDF_IDENTITY_DIR`` set, save or compare every Document the tests read."""
    folder = os.environ.get("PDF_IDENTITY_DIR")
    if not folder:
        return
    import extractor.ingest.pdf as pdf_mod

    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    original = pdf_mod.read_pdf
    counts: dict[str, int] = {}
    diffs = base / "_diffs.txt"

    def wrapped(path: Any, doc_id: str | None = None) -> Any:
        doc = original(path, doc_id)
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" (", 1)[0]
        counts[test] = counts.get(test, 0) + 1
        target = base / f"{_key(test)}--{counts[test]}.json"
        got = dump(doc)
        if not target.exists():
            target.write_text(got, "utf-8")
        elif target.read_text("utf-8") != got:
            with diffs.open("a", encoding="utf-8") as f:
                f.write(f"{test} #{counts[test]}\n")
        return doc

    pdf_mod.read_pdf = wrapped
    import extractor.ingest as ingest_mod

    if getattr(ingest_mod, "read_pdf", None) is original:
        ingest_mod.read_pdf = wrapped


if __name__ == "__main__":
    sys.exit(main())
