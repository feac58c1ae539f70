"""Ingestion speed, measured against a baseline in the same call.

PDF: our ``read_document`` against pdfplumber's plain ``page.extract_text()`` over every
page (what a user without this toolkit would run), alternating the two so that machine load
hits both alike; medians of ``runs`` passes. Text: ``read_document`` on a text file.

    python -m extractor.benchmarks.ingest corpus/pdf/fimmu-2025-1617157.pdf --runs 5
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from statistics import median
from typing import Any


def _pdfplumber_text(path: Path, max_pages: int | None = None) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:max_pages]:
            n += len(page.extract_text() or "")
    return n


def bench_pdf_ingestion(pdf_path: str | Path, runs: int = 3) -> dict[str, Any]:
    """Pages/s of ``read_document`` and of pdfplumber's ``extract_text`` on one PDF."""
    from extractor.ingest import read_document

    path = Path(pdf_path)
    doc = read_document(path)  # warm-up: imports and file cache, not timed
    _pdfplumber_text(path, max_pages=1)  # warm-up of the baseline's imports and caches
    pages = len(doc.pages) or int(doc.meta.get("pages", 0))
    ours: list[float] = []
    base: list[float] = []
    for _ in range(max(1, runs)):
        t = time.perf_counter()
        read_document(path)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        _pdfplumber_text(path)
        base.append(time.perf_counter() - t)
    o, b = median(ours), median(base)
    return {
        "pdf": str(path),
        "pages": pages,
        "runs": len(ours),
        "ours_seconds_median": o,
        "baseline_seconds_median": b,
        "ours_pages_per_s": pages / o if o else None,
        "baseline_pages_per_s": pages / b if b else None,
        "ratio": b / o if o else None,
        "baseline": "pdfplumber page.extract_text() over all pages",
    }


def bench_text_ingestion(path: str | Path, runs: int = 3) -> dict[str, Any]:
    """Documents/s and characters/s of ``read_document`` on one text file."""
    from extractor.ingest import read_document

    p = Path(path)
    doc = read_document(p)
    times = []
    for _ in range(max(1, runs)):
        t = time.perf_counter()
        read_document(p)
        times.append(time.perf_counter() - t)
    s = median(times)
    return {
        "path": str(p),
        "runs": len(times),
        "chars": len(doc.text),
        "seconds_median": s,
        "docs_per_s": 1 / s if s else None,
        "chars_per_s": len(doc.text) / s if s else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Ingestion speed against pdfplumber's extract_text.")
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    for p in args.paths:
        fn = bench_pdf_ingestion if p.suffix.lower() == ".pdf" else bench_text_ingestion
        print(json.dumps(fn(p, args.runs), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
