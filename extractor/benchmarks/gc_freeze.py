"""What ``load_pipeline(freeze_gc=True)`` buys: paired pipeline/tokenizer ratios, with and without.

Each variant runs in its own process (freezing is process-wide): load the pipeline, time one
full cyclic collection, then ``bench_pipeline`` over the corpus texts. Prints one JSON line
per variant with the per-run ratios, their median and interquartile range.
Run: ``python -m extractor.benchmarks.gc_freeze [--runs 15] [--corpus corpus]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def measure(corpus: Path, runs: int, freeze: bool) -> dict[str, Any]:
    """One variant, in this process."""
    from extractor.benchmarks.pipeline import _corpus_texts
    from extractor.pipeline import load_pipeline
    from extractor.pipeline.speed import bench_pipeline

    texts = _corpus_texts(corpus)
    nlp = load_pipeline(freeze_gc=freeze)
    t0 = time.perf_counter()
    gc.collect()
    full_collection_ms = (time.perf_counter() - t0) * 1000
    result = bench_pipeline(texts, runs=runs, nlp=nlp)
    ratios = [
        t / p for t, p in zip(result["tokenizer_run_seconds"], result["run_seconds"], strict=True)
    ]
    q = (
        statistics.quantiles(ratios, n=4, method="inclusive")
        if len(ratios) >= 2
        else [ratios[0]] * 3
    )
    return {
        "freeze_gc": freeze,
        "full_collection_ms": round(full_collection_ms, 2),
        "ratios": [round(r, 3) for r in ratios],
        "median": round(statistics.median(ratios), 3),
        "interquartile": [round(q[0], 3), round(q[2], 3)],
        "min": round(min(ratios), 3),
        "max": round(max(ratios), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="paired runs per variant")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--variant", choices=["frozen", "unfrozen"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.variant:  # child: one variant, one JSON line
        print(json.dumps(measure(args.corpus, args.runs, args.variant == "frozen")))
        return 0
    for variant in ("unfrozen", "frozen"):
        cmd = [
            sys.executable,
            "-m",
            "extractor.benchmarks.gc_freeze",
            "--variant",
            variant,
            "--runs",
            str(args.runs),
            "--corpus",
            str(args.corpus),
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        print(out.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
