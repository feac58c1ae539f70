"""Measure the bibliography stage on a folder of real papers or on a header case table.

    python -m extractor.bibliography.measure --set FOLDER
    python -m extractor.bibliography.measure --cases tests/bibliography/cases/headers.jsonl

``--set``: a folder with ``manifest.jsonl`` (one paper a line: ``pdf``/``xml`` file names,
``title``, ``authors`` as ``"Surname, Given"``, ``year``, ``doi``) and the files it names;
every file goes through ingestion and ``read_bibliography`` as ``extractor extract`` would,
and each of first author, year, DOI and title is checked against the manifest.
``--cases``: a JSONL table of header texts and the fields they print (tests/bibliography).
Both print one line per document and the share right per field; the floor figure is first
author, year and DOI together over all checks.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.bibliography.names import fold
from extractor.types import Bibliography, Document

FIELDS = ("first_author", "year", "doi", "title")
CORE = ("first_author", "year", "doi")


def title_key(s: str | None) -> str:
    """Titles compared word by word, blind to case, accents and punctuation."""
    return " ".join(re.findall(r"\w+", fold(s or "")))


def checks(got: Bibliography, want: dict[str, Any]) -> dict[str, bool]:
    """Right/wrong per field ``want`` gives (``authors`` as surnames, first one checked)."""
    out: dict[str, bool] = {}
    if "authors" in want:
        first = want["authors"][0] if want["authors"] else None
        out["first_author"] = (fold(got.authors[0]) if got.authors else None) == (
            fold(first) if first else None
        )
    if "year" in want:
        out["year"] = got.year == want["year"]
    if "doi" in want:
        out["doi"] = (got.doi or "").casefold() == (want["doi"] or "").casefold()
    if "title" in want:
        out["title"] = title_key(got.title) == title_key(want["title"])
    return out


@dataclass(frozen=True, slots=True)
class Row:
    """One document's checks."""

    name: str
    kind: str  # "pdf", "jats", or the case table's style
    right: dict[str, bool]
    got: Bibliography


def _manifest_expectation(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "authors": [a.split(",")[0].strip() for a in entry.get("authors") or []],
        "year": entry.get("year"),
        "doi": entry.get("doi"),
        "title": entry.get("title"),
    }


def measure_set(folder: str | Path) -> list[Row]:
    """Every PDF and JATS file of ``folder``'s manifest through ingestion and this stage."""
    from extractor.bibliography import read_bibliography
    from extractor.errors import ExtractorError
    from extractor.ingest import read_document

    folder = Path(folder)
    rows: list[Row] = []
    with open(folder / "manifest.jsonl", encoding="utf-8") as fh:
        entries = [json.loads(line) for line in fh if line.strip()]
    for entry in entries:
        want = _manifest_expectation(entry)
        for kind, key in (("pdf", "pdf"), ("jats", "xml")):
            if not entry.get(key):
                continue
            path = folder / entry[key]
            try:
                got = read_bibliography(read_document(path))
            except ExtractorError:
                got = Bibliography()
            rows.append(Row(entry.get("id") or path.stem, kind, checks(got, want), got))
    return rows


def measure_cases(path: str | Path) -> list[Row]:
    """Every row of a header case table (``text`` -> ``expect``) through this stage."""
    from extractor.bibliography import read_bibliography

    rows: list[Row] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            case = json.loads(line)
            doc = Document(doc_id=case["id"], source="", text=case["text"], format="text")
            got = read_bibliography(doc)
            rows.append(
                Row(case["id"], case.get("style", "text"), checks(got, case["expect"]), got)
            )
    return rows


def share(rows: Iterable[Row], fields: Iterable[str] = CORE) -> tuple[int, int]:
    """(right, checked) over ``fields`` of ``rows``."""
    wanted = set(fields)
    marks = [ok for r in rows for f, ok in r.right.items() if f in wanted]
    return sum(marks), len(marks)


def report(rows: list[Row]) -> str:
    """Per-document lines, then per kind and field, then the floor figure."""
    out = []
    for r in rows:
        marks = " ".join(f"{f}={'ok' if r.right[f] else 'WRONG'}" for f in FIELDS if f in r.right)
        detail = (
            "" if all(r.right.values()) else f"  got {r.got.authors[:1]} {r.got.year} {r.got.doi}"
        )
        out.append(f"{r.name:28} {r.kind:11} {marks}{detail}")
    out.append("")
    for kind in sorted({r.kind for r in rows}):
        part = [r for r in rows if r.kind == kind]
        cells = []
        for f in FIELDS:
            ok, n = share(part, [f])
            if n:
                cells.append(f"{f} {ok}/{n}")
        out.append(f"{kind:11} " + "  ".join(cells))
    ok, n = share(rows)
    out.append(f"first author + year + DOI: {ok}/{n} = {ok / n:.3f}" if n else "nothing checked")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractor.bibliography.measure")
    ap.add_argument("--set", dest="folder", help="folder of real papers with manifest.jsonl")
    ap.add_argument("--cases", action="append", default=[], help="header case table (JSONL)")
    args = ap.parse_args(argv)
    if not args.folder and not args.cases:
        ap.error("give --set FOLDER and/or --cases FILE")
    rows: list[Row] = []
    try:
        if args.folder:
            rows += measure_set(args.folder)
        for path in args.cases:
            rows += measure_cases(path)
    except (OSError, json.JSONDecodeError, KeyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(report(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
