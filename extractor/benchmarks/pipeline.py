"""``extractor bench``: throughput and peak memory of ingestion and the pipeline, against baselines.

Every stage runs in its own child process (``python -m extractor.benchmarks.pipeline --stage``)
so that one stage's imports and caches neither speed up nor inflate the next, and the child's
own peak RSS is the stage's memory figure. Each child loads what it needs, runs the work once
untimed (warm-up: lazy caches, first-call JIT of regexes), then times ``runs`` passes over the
corpus and reports every pass; the parent takes medians and divides each toolkit throughput by
the baseline measured in the same invocation, so the ratio does not depend on the machine.

Baselines: for text ingestion a bare ``Path.read_text``; for PDF ingestion pdfplumber's plain
``Page.extract_text()``; for the pipeline (entities) and ``extract`` (ingest + entities +
records, what ``extractor extract`` does per text file) ``spacy.blank("en")`` with scispaCy's
``combined_rule_tokenizer`` (tokenisation alone, the floor any spaCy pipeline pays). Both
also time that tokenizer beside themselves, run by run, and quote that paired ratio.

Where another module provides the measuring function (``extractor.benchmarks.ingest``,
``extractor.pipeline.speed``) the stage calls it; where it is not in the tree yet, the stage
times the public entry point (``extractor.ingest.read_document``, ``extractor.extract``) and says
so in ``measured_by``; where neither exists the stage reports ``missing`` with the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extractor.benchmarks.stages import (  # noqa: F401 (re-exported: callers and tests)
    EXTRACT_MIN_RUN_S,
    STAGE_FUNCS,
    _corpus_texts,
    bench_extract,
    run_stage,
)
from extractor.benchmarks.timing import StageMissing, _adopt, corpus_files  # noqa: F401

STAGES: tuple[str, ...] = (
    "text_ingest",
    "text_ingest_baseline",
    "pdf_ingest",
    "pdf_ingest_baseline",
    "jats_ingest",
    "jats_ingest_baseline",
    "pipeline",
    "extract",
    "pipeline_baseline",
)
# stage -> its baseline stage
BASELINE_OF = {
    "text_ingest": "text_ingest_baseline",
    "pdf_ingest": "pdf_ingest_baseline",
    "jats_ingest": "jats_ingest_baseline",
    "pipeline": "pipeline_baseline",
    "extract": "pipeline_baseline",
}
# the throughput each stage's headline ratio is quoted on (the targets are set on these)
PRIMARY = {
    "text_ingest": "words_per_s",
    "pdf_ingest": "pages_per_s",
    "jats_ingest": "words_per_s",
    "pipeline": "words_per_s",
    "extract": "words_per_s",
}
STAGE_TIMEOUT_S = 1800


# --------------------------------------------------------------------------- parent


def machine_info() -> dict[str, Any]:
    """What the figures were measured on (they mean nothing without it)."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem_gib": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _child(stage: str, corpus: Path, runs: int) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "extractor.benchmarks.pipeline",
        "--stage",
        stage,
        "--corpus",
        str(corpus),
        "--runs",
        str(runs),
    ]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=STAGE_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return {"stage": stage, "status": "error", "error": f"timed out after {STAGE_TIMEOUT_S} s"}
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"stage": stage, "status": "error", "error": f"exit {proc.returncode}: {tail}"}
    return json.loads(lines[-1])


def ratios(stages: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Each toolkit throughput over its baseline's, for the stages where both were measured.

    A stage that timed its baseline beside itself, run by run (``paired_ratio``), is quoted by
    that ratio; the ratio across the two child processes stays as ``cross_process_*``.
    """
    out: dict[str, dict[str, float]] = {}
    for stage, base in BASELINE_OF.items():
        a, b = stages.get(stage, {}), stages.get(base, {})
        if a.get("status") != "ok" or b.get("status") != "ok":
            continue
        r = {}
        for key in ("docs_per_s", "words_per_s", "pages_per_s"):
            if a.get(key) and b.get(key):
                r[key] = a[key] / b[key]
        if a.get("paired_ratio"):
            r["cross_process_words_per_s"] = r.get("words_per_s", 0.0)
            r["words_per_s"] = r["docs_per_s"] = a["paired_ratio"]
        if a.get("cpu_ratio"):
            r["cpu_words_per_s"] = a["cpu_ratio"]  # the same pairing in CPU time
        out[stage] = r
    return out


def run_bench(
    corpus: Path,
    runs: int = 3,
    stages: Sequence[str] = STAGES,
    on_stage: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run each stage in a child process and assemble the bench.json content."""
    if not corpus.is_dir():
        raise ValueError(f"{corpus}: corpus directory not found")
    unknown = [s for s in stages if s not in STAGE_FUNCS]
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(unknown)} (known: {', '.join(STAGES)})")
    results: dict[str, dict[str, Any]] = {}
    for stage in stages:
        if on_stage:
            on_stage(stage)
        results[stage] = _child(stage, corpus, runs)
    return {
        "bench_version": 1,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "corpus": str(corpus),
        "runs": runs,
        "stages": results,
        "ratios": ratios(results),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Child entry point: measure one stage and print it as one JSON line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--stage", required=True, choices=STAGES)
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    print(json.dumps(run_stage(args.stage, args.corpus, max(1, args.runs))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def markdown_table(result: dict[str, Any]) -> str:
    """The bench result as the Markdown table the README carries, with its machine line."""
    m = result["machine"]
    lines = [
        f"Measured {result['when'][:16].replace('T', ' ')} UTC on {m['nproc']} cores "
        f"({m['cpu']}), {m['mem_gib']} GiB, Python {m['python']}, with "
        f"`extractor bench --runs {result['runs']}` on `{result['corpus']}`:",
        "",
        "| stage | measured by | docs/s | words/s | pages/s | peak RSS MiB | × baseline |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]

    def fmt(x: float | None, spec: str) -> str:
        return "–" if x is None else format(x, spec)

    for name, s in result["stages"].items():
        if s.get("status") != "ok":
            lines.append(
                f"| {name} | {s.get('status')}: {s.get('reason') or s.get('error')} | | | | | |"
            )
            continue
        key = PRIMARY.get(name)
        r = result["ratios"].get(name, {}).get(key or "")
        paired = ", paired" if s.get("paired_ratio") else ""
        unit = (key or "").removesuffix("_per_s") + "/s" + paired
        ratio = f"{r:.3f} ({unit})" if key and r else "baseline"
        how = s["measured_by"] + (f", {s['statistic']}" if s.get("statistic") else "")
        lines.append(
            f"| {name} | `{how}` | {fmt(s.get('docs_per_s'), ',.2f')} "
            f"| {fmt(s.get('words_per_s'), ',.0f')} | {fmt(s.get('pages_per_s'), ',.2f')} "
            f"| {s['peak_rss_mib']:.0f} | {ratio} |"
        )
    return "\n".join(lines) + "\n"
