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
import gc
import importlib
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
TEXT_SUFFIXES = (".txt", ".md")
PDF_SUFFIXES = (".pdf",)
JATS_SUFFIXES = (".xml", ".nxml")
STAGE_TIMEOUT_S = 1800
MIN_RUN_S = 0.2
EXTRACT_MIN_RUN_S = 1.0  # one paired run of the extract stage (a shared vCPU hiccups)


class StageMissing(Exception):
    """The code a stage measures is not in the tree (yet); the message says what is missing."""


# --------------------------------------------------------------------------- corpus


def corpus_files(corpus: Path, suffixes: Sequence[str]) -> list[Path]:
    """Files under ``corpus`` with one of ``suffixes``, sorted for a reproducible order."""
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def _words(text: str) -> int:
    return len(text.split())


def _peak_rss_mib() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[], Any], runs: int) -> tuple[Any, list[float]]:
    """One untimed warm-up call, then ``runs`` timed runs; returns the last result and the
    seconds per call of each run.

    A call faster than MIN_RUN_S (reading one text file takes well under a millisecond) is
    repeated within a run until the run lasts that long, so that timer resolution and
    scheduler noise do not dominate the figure.
    """
    t0 = time.perf_counter()
    result = fn()
    warm = time.perf_counter() - t0
    reps = max(1, math.ceil(MIN_RUN_S / warm)) if warm > 0 else 1000
    times: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(reps):
            result = fn()
        times.append((time.perf_counter() - t0) / reps)
    return result, times


def _optional(module: str, attr: str) -> Callable[..., Any] | None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name and (module == err.name or module.startswith(err.name + ".")):
            return None
        raise
    fn = getattr(mod, attr, None)
    return fn if callable(fn) else None


def _seconds_from(result: Any) -> list[float] | None:
    """Per-run seconds from another module's bench result, if it reports them recognisably."""
    if isinstance(result, dict):
        for key in ("run_seconds", "runs_s", "seconds", "times", "times_s"):
            v = result.get(key)
            if isinstance(v, list) and v and all(isinstance(x, (int, float)) for x in v):
                return [float(x) for x in v]
        for key in ("median_s", "median_seconds", "seconds_median", "ours_seconds_median"):
            v = result.get(key)
            if isinstance(v, (int, float)):
                return [float(v)]
    if isinstance(result, list) and result and all(isinstance(x, (int, float)) for x in result):
        return [float(x) for x in result]
    return None


# --------------------------------------------------------------------------- stages (in the child)


def _stage_text_ingest_baseline(corpus: Path, runs: int) -> dict[str, Any]:
    files = corpus_files(corpus, TEXT_SUFFIXES)
    if not files:
        raise StageMissing(f"no {'/'.join(TEXT_SUFFIXES)} files under {corpus}")
    texts, times = _timed(lambda: [f.read_text(encoding="utf-8") for f in files], runs)
    return {
        "measured_by": "pathlib.Path.read_text",
        "documents": len(files),
        "words": sum(map(_words, texts)),
        "run_seconds": times,
    }


def _read_all(read_document: Callable[[Path], Any], files: Sequence[Path]) -> list[Any]:
    out = []
    for f in files:
        try:
            out.append(read_document(f))
        except Exception as err:  # a reader not built yet, or one that fails on the corpus
            raise StageMissing(
                f"extractor.ingest.read_document failed on {f}: {type(err).__name__}: {err}"
            ) from err
    return out


def _toolkit_ingest(files: Sequence[Path], bench_attr: str | None, runs: int) -> dict[str, Any]:
    """Time ingestion with the ingestion engineer's measuring function if present, else
    ``read_document`` directly.

    One untimed ``read_document`` pass comes first: it warms caches, fails clearly if a reader
    is missing, counts words, and fixes the stage's peak RSS before the measuring function runs
    (which may load its own baseline, pdfplumber, in this process).
    """
    read_document = _optional("extractor.ingest", "read_document")
    if read_document is None:
        raise StageMissing("extractor.ingest.read_document does not exist yet")
    docs = _read_all(read_document, files)
    base = {
        "documents": len(files),
        "words": sum(_words(d.text) for d in docs),
        "peak_rss_mib": _peak_rss_mib(),
    }
    theirs = _optional("extractor.benchmarks.ingest", bench_attr) if bench_attr else None
    if theirs is not None:
        results = [theirs(f, runs) for f in files]
        return {**_adopt(f"extractor.benchmarks.ingest.{bench_attr}", results), **base}
    _, times = _timed(lambda: [read_document(f) for f in files], runs)
    return {"measured_by": "extractor.ingest.read_document", "run_seconds": times, **base}


def _stage_text_ingest(corpus: Path, runs: int) -> dict[str, Any]:
    files = corpus_files(corpus, TEXT_SUFFIXES)
    if not files:
        raise StageMissing(f"no {'/'.join(TEXT_SUFFIXES)} files under {corpus}")
    return _toolkit_ingest(files, "bench_text_ingestion", runs)


def _stage_jats_ingest(corpus: Path, runs: int) -> dict[str, Any]:
    files = corpus_files(corpus, JATS_SUFFIXES)
    if not files:
        raise StageMissing(f"no {'/'.join(JATS_SUFFIXES)} files under {corpus}")
    return _toolkit_ingest(files, None, runs)


def _stage_jats_ingest_baseline(corpus: Path, runs: int) -> dict[str, Any]:
    from lxml import etree

    files = corpus_files(corpus, JATS_SUFFIXES)
    if not files:
        raise StageMissing(f"no {'/'.join(JATS_SUFFIXES)} files under {corpus}")

    def parse() -> list[str]:
        # No network, no DTD: the same safety any JATS reader must keep.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        return ["".join(etree.parse(str(f), parser).getroot().itertext()) for f in files]

    texts, times = _timed(parse, runs)
    return {
        "measured_by": "lxml.etree.parse + itertext",
        "documents": len(files),
        "words": sum(map(_words, texts)),
        "run_seconds": times,
    }


def _pdf_pages(files: Sequence[Path]) -> int:
    import pypdfium2

    n = 0
    for f in files:
        pdf = pypdfium2.PdfDocument(str(f))
        try:
            n += len(pdf)
        finally:
            pdf.close()
    return n


def _stage_pdf_ingest_baseline(corpus: Path, runs: int) -> dict[str, Any]:
    import pdfplumber

    files = corpus_files(corpus, PDF_SUFFIXES)
    if not files:
        raise StageMissing(f"no .pdf files under {corpus}")

    def extract() -> list[str]:
        out = []
        for f in files:
            with pdfplumber.open(f) as pdf:
                out.append("\n".join(page.extract_text() or "" for page in pdf.pages))
        return out

    texts, times = _timed(extract, runs)
    return {
        "measured_by": "pdfplumber.Page.extract_text",
        "documents": len(files),
        "pages": _pdf_pages(files),
        "words": sum(map(_words, texts)),
        "run_seconds": times,
    }


def _stage_pdf_ingest(corpus: Path, runs: int) -> dict[str, Any]:
    files = corpus_files(corpus, PDF_SUFFIXES)
    if not files:
        raise StageMissing(f"no .pdf files under {corpus}")
    res = _toolkit_ingest(files, "bench_pdf_ingestion", runs)
    res["pages"] = _pdf_pages(files)
    return res


def _corpus_texts(corpus: Path) -> list[str]:
    files = corpus_files(corpus, TEXT_SUFFIXES)
    if not files:
        raise StageMissing(f"no {'/'.join(TEXT_SUFFIXES)} files under {corpus}")
    return [f.read_text(encoding="utf-8") for f in files]


def _stage_pipeline_baseline(corpus: Path, runs: int) -> dict[str, Any]:
    import spacy
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    texts = _corpus_texts(corpus)
    t0 = time.perf_counter()
    nlp = spacy.blank("en")
    with warnings.catch_warnings():  # scispaCy's suffix regex: see extractor.pipeline.tokenizer
        warnings.filterwarnings("ignore", "Possible set union", FutureWarning)
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    setup = time.perf_counter() - t0
    gc.collect()  # the same process state as the pipeline's (load_pipeline(freeze_gc=True))
    gc.freeze()
    _, times = _timed(lambda: [nlp(t) for t in texts], runs)
    return {
        "measured_by": "spacy.blank('en') + scispacy combined_rule_tokenizer",
        "documents": len(texts),
        "words": sum(map(_words, texts)),
        "run_seconds": times,
        "setup_s": setup,
    }


def _stage_pipeline(corpus: Path, runs: int) -> dict[str, Any]:
    texts = _corpus_texts(corpus)
    theirs = _optional("extractor.pipeline.speed", "bench_pipeline")
    if theirs is None:
        return _stage_process_documents(corpus, runs)
    result = theirs(texts, runs)
    times = _seconds_from(result)
    statistic = "median"
    if times is None and isinstance(result, dict):
        # bench_pipeline reports best-of-runs throughput, not seconds: turn it back into the
        # seconds of one pass over the corpus.
        w, wps = result.get("words"), result.get("pipeline_words_per_s")
        if isinstance(w, int) and isinstance(wps, (int, float)) and wps > 0:
            times, statistic = [w / wps], "best of runs"
    if times is None:
        raise StageMissing(
            "extractor.pipeline.speed.bench_pipeline returned no per-run seconds (got "
            f"{type(result).__name__}"
            f"{' with keys ' + ', '.join(sorted(result)) if isinstance(result, dict) else ''})"
        )
    out = {
        "measured_by": "extractor.pipeline.speed.bench_pipeline",
        "documents": len(texts),
        "words": sum(map(_words, texts)),
        "run_seconds": times,
        "statistic": statistic,
    }
    if isinstance(result, dict) and isinstance(result.get("ratio"), (int, float)):
        # The same tokenizer timed run by run beside the pipeline in this process: immune to
        # the drift between this child and the baseline's, so it is the headline ratio.
        out["paired_ratio"] = float(result["ratio"])
    if isinstance(result, dict):
        out["reported"] = {k: v for k, v in result.items() if isinstance(v, (int, float, str))}
    return out


def _stage_process_documents(corpus: Path, runs: int) -> dict[str, Any]:
    """Fallback: the whole extraction after ingestion (entities and records), timed directly."""
    load_pipeline = _optional("extractor.pipeline", "load_pipeline")
    read_document = _optional("extractor.ingest", "read_document")
    if load_pipeline is None or read_document is None:
        raise StageMissing(
            "neither extractor.pipeline.speed.bench_pipeline nor "
            "extractor.pipeline.load_pipeline + extractor.ingest.read_document "
            "exist yet"
        )
    from extractor.extract import process_document

    files = corpus_files(corpus, TEXT_SUFFIXES)
    docs = [read_document(f) for f in files]  # ingestion is its own stage, not timed here
    t0 = time.perf_counter()
    nlp = load_pipeline(freeze_gc=True)
    setup = time.perf_counter() - t0
    _, times = _timed(lambda: [process_document(d, nlp) for d in docs], runs)
    return {
        "measured_by": "extractor.extract.process_document (entities + records)",
        "documents": len(docs),
        "words": sum(_words(d.text) for d in docs),
        "run_seconds": times,
        "setup_s": setup,
    }


def bench_extract(
    files: Sequence[Path],
    runs: int,
    nlp: Any,
    min_run_seconds: float = 1.0,
) -> dict[str, Any]:
    """Seconds of one ingest + entities + records pass over ``files``, paired with the tokenizer.

    Each run alternates a pass of the pipeline's own tokenizer (``nlp.make_doc``, scispaCy's
    rules) over the ingested texts and a pass of ``read_document`` + ``process_document`` over
    the files, as many times as it takes the run to last ``min_run_seconds``, so both sides
    see the same machine state (the method of ``extractor.pipeline.speed.bench_pipeline``).
    ``ratio`` is the median over runs of tokenizer seconds / extraction seconds.
    """
    from extractor.extract import process_document
    from extractor.ingest import read_document

    texts = [read_document(f).text for f in files]

    def tokenize() -> None:
        for t in texts:
            nlp.make_doc(t)

    def extract() -> None:
        for f in files:
            process_document(read_document(f), nlp)

    warm = _seconds(extract) + _seconds(tokenize)  # also warms lazy tables and regex caches
    passes = max(1, math.ceil(min_run_seconds / max(warm, 1e-6)))
    tok_s: list[float] = []
    ext_s: list[float] = []
    for _ in range(max(1, runs)):
        tok = ext = 0.0
        for _ in range(passes):
            tok += _seconds(tokenize)
            ext += _seconds(extract)
        tok_s.append(tok / passes)
        ext_s.append(ext / passes)
    return {
        "words": sum(map(_words, texts)),
        "run_seconds": ext_s,
        "tokenizer_run_seconds": tok_s,
        "passes_per_run": passes,
        "ratio": statistics.median(t / e for t, e in zip(tok_s, ext_s, strict=True)),
    }


def _seconds(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _stage_extract(corpus: Path, runs: int) -> dict[str, Any]:
    """What ``extractor extract`` does per text file (ingest, entities, records), paired."""
    from extractor.pipeline import load_pipeline

    files = corpus_files(corpus, TEXT_SUFFIXES)
    if not files:
        raise StageMissing(f"no {'/'.join(TEXT_SUFFIXES)} files under {corpus}")
    t0 = time.perf_counter()
    nlp = load_pipeline(freeze_gc=True)  # as the CLI and batch workers load it
    setup = time.perf_counter() - t0
    res = bench_extract(files, runs, nlp, EXTRACT_MIN_RUN_S)
    return {
        "measured_by": "extractor.ingest.read_document + extractor.extract.process_document",
        "documents": len(files),
        "words": res["words"],
        "run_seconds": res["run_seconds"],
        "statistic": "median",
        "paired_ratio": res["ratio"],
        "tokenizer_run_seconds": res["tokenizer_run_seconds"],
        "passes_per_run": res["passes_per_run"],
        "setup_s": setup,
    }


def _adopt(name: str, results: list[Any]) -> dict[str, Any]:
    """Per-file results of another module's bench function -> seconds per corpus pass.

    Where a function reports only a median per file, the pass time is the sum of the files'
    medians (one figure, ``runs`` says how many passes each median summarises).
    """
    per_file = [_seconds_from(r) for r in results]
    if not results or any(t is None for t in per_file):
        got = repr(results[0])[:300] if results else "nothing"
        raise StageMissing(f"{name} returned no per-run seconds (got {got})")
    n = min(len(t) for t in per_file if t is not None)
    times = [sum(t[k] for t in per_file if t is not None) for k in range(n)]
    out: dict[str, Any] = {"measured_by": name, "run_seconds": times}
    inner = [r.get("runs") for r in results if isinstance(r, dict)]
    counts = [x for x in inner if isinstance(x, int)]
    if n == 1 and counts and len(counts) == len(inner):
        out["runs_inside"] = min(counts)
    out["reported"] = [
        {k: v for k, v in r.items() if isinstance(v, (int, float, str))}
        for r in results
        if isinstance(r, dict)
    ]
    return out


STAGE_FUNCS: dict[str, Callable[[Path, int], dict[str, Any]]] = {
    "text_ingest": _stage_text_ingest,
    "text_ingest_baseline": _stage_text_ingest_baseline,
    "pdf_ingest": _stage_pdf_ingest,
    "pdf_ingest_baseline": _stage_pdf_ingest_baseline,
    "jats_ingest": _stage_jats_ingest,
    "jats_ingest_baseline": _stage_jats_ingest_baseline,
    "pipeline": _stage_pipeline,
    "extract": _stage_extract,
    "pipeline_baseline": _stage_pipeline_baseline,
}


def run_stage(stage: str, corpus: Path, runs: int) -> dict[str, Any]:
    """Measure one stage in this process; never raises for a missing stage (status says it)."""
    try:
        res = STAGE_FUNCS[stage](corpus, runs)
    except StageMissing as err:
        return {"stage": stage, "status": "missing", "reason": str(err)}
    med = statistics.median(res["run_seconds"])
    res.update(stage=stage, status="ok", runs=len(res["run_seconds"]), median_s=med)
    res["docs_per_s"] = res["documents"] / med if med > 0 else None
    if res.get("words"):
        res["words_per_s"] = res["words"] / med if med > 0 else None
    if res.get("pages"):
        res["pages_per_s"] = res["pages"] / med if med > 0 else None
    res.setdefault("peak_rss_mib", _peak_rss_mib())
    return res


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
