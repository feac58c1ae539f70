"""Large inputs: seconds per MB of ingestion and of the whole extraction at 1, 4 and 16 MB.

A large input is built by joining a real paper's body to itself until it reaches the size
(the corpus review by default), written to a temporary ``.txt`` and run through the same
glue as ``extractor extract``: ``read_document`` (ingestion) and ``process_document``
(entity pipeline, in chunks above spaCy's ``max_length``, then records), each stage timed
on its own, in wall-clock and CPU seconds per MB. Linear work gives a flat column; a growing
one is the defect this benchmark exists to catch.

    python -m extractor.benchmarks.large --sizes 1 4 16
    extractor bench --large
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_SIZES_MB: tuple[float, ...] = (1.0, 4.0, 16.0)
DEFAULT_SOURCE = Path("corpus/text/fimmu-2025-1617157.txt")


def make_large_text(source: str, megabytes: float) -> str:
    """``source`` repeated, paragraph-separated, to at least ``megabytes`` MB of UTF-8.

    Pass a paper's body without its reference list: mentions after a document's first
    reference list are citations the pipeline skips, so repeating a whole paper would leave
    most of a large input unread by it."""
    unit = len(source.encode("utf-8")) + 2
    copies = max(1, -(-int(megabytes * 1_000_000) // unit))
    return "\n\n".join([source] * copies)


def _timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def bench_large(
    sizes_mb: Sequence[float] = DEFAULT_SIZES_MB,
    source: Path = DEFAULT_SOURCE,
    with_pipeline: bool = True,
    on_size: Callable[[float], None] | None = None,
    records_max_mb: float = 4.0,
) -> dict[str, Any]:
    """Seconds (wall clock and CPU) per MB of each stage for each size: ingestion, entities
    (the pipeline, in chunks above ``nlp.max_length``) and records (bibliography + record
    assembly, only up to ``records_max_mb``: it grows faster than linearly today)."""
    from extractor.ingest import read_document
    from extractor.pipeline import body_end

    nlp = None
    if with_pipeline:
        from extractor.pipeline import load_pipeline

        nlp = load_pipeline(freeze_gc=True)
    paper = read_document(source)
    text = paper.text[: body_end(paper) or len(paper.text)].rstrip()
    runs = []
    with tempfile.TemporaryDirectory(prefix="extractor-large-") as tmp:
        for mb in sizes_mb:
            if on_size:
                on_size(mb)
            path = Path(tmp) / f"large-{mb:g}mb.txt"
            path.write_text(make_large_text(text, mb), encoding="utf-8")
            runs.append(_bench_size(path, nlp, records_max_mb))
    return {
        "source": str(source),
        "spacy_max_length": nlp.max_length if nlp else None,
        "records_max_mb": records_max_mb,
        "sizes": runs,
    }


def _bench_size(path: Path, nlp: Any, records_max_mb: float) -> dict[str, Any]:
    """One size's row: ingestion, then (with a pipeline) entities and, up to
    ``records_max_mb``, records."""
    from extractor.bibliography import read_bibliography
    from extractor.extract import find_entities
    from extractor.ingest import read_document
    from extractor.records import assemble

    size = path.stat().st_size / 1_000_000
    document, wall, cpu = _timed(lambda: read_document(path))
    row: dict[str, Any] = {
        "mb": round(size, 3),
        "chars": len(document.text),
        "sections": len(document.sections),
        "ingest_s_per_mb": round(wall / size, 3),
        "ingest_cpu_s_per_mb": round(cpu / size, 3),
    }
    if nlp is None:
        return row
    ents, wall, cpu = _timed(lambda: find_entities(document, nlp))
    row.update(
        entities=len(ents),
        entities_s_per_mb=round(wall / size, 3),
        entities_cpu_s_per_mb=round(cpu / size, 3),
    )
    if size <= records_max_mb * 1.05:
        recs, wall, cpu = _timed(
            lambda: list(assemble(document, ents, read_bibliography(document)))
        )
        row.update(
            records=len(recs),
            records_s_per_mb=round(wall / size, 3),
            records_cpu_s_per_mb=round(cpu / size, 3),
        )
    return row


def bench_large_cli(out: Path) -> None:
    """``extractor bench --large``: run at the default sizes, print a table, write ``out``."""
    from rich.console import Console
    from rich.table import Table

    from extractor.io import atomic_open

    err = Console(stderr=True)
    result = bench_large(on_size=lambda mb: err.print(f"measuring {mb:g} MB ...", highlight=False))
    with atomic_open(out) as fh:
        json.dump(result, fh, indent=2)
        fh.write("\n")
    table = Table(title=f"large inputs: {result['source']} repeated")
    cols = ("mb", "chars", "ingest_cpu_s_per_mb", "entities_cpu_s_per_mb",
            "records_cpu_s_per_mb", "entities", "records")  # fmt: skip
    for col in cols:
        table.add_column(col, justify="right")
    for row in result["sizes"]:
        table.add_row(*(f"{row.get(c, '–')}" for c in cols))
    Console().print(table)
    err.print(f"wrote {out}", highlight=False)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sizes", type=float, nargs="+", default=list(DEFAULT_SIZES_MB))
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--ingest-only", action="store_true", help="skip the entity pipeline")
    ap.add_argument("--records-max-mb", type=float, default=4.0)
    args = ap.parse_args(argv)
    result = bench_large(
        args.sizes, args.source, not args.ingest_only, records_max_mb=args.records_max_mb
    )
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
