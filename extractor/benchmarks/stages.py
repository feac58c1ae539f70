"""The stages of ``extractor bench``, each measured in the child process that runs it
(``python -m extractor.benchmarks.pipeline --stage NAME``): ingestion of text, PDF and JATS
against their baselines, the entity pipeline and ``extract`` (ingest + entities + records)
paired run by run with the scispaCy tokenizer, and that tokenizer alone."""

from __future__ import annotations

import gc
import math
import statistics
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from extractor.benchmarks.timing import (
    JATS_SUFFIXES,
    PDF_SUFFIXES,
    TEXT_SUFFIXES,
    StageMissing,
    _adopt,
    _optional,
    _peak_rss_mib,
    _seconds,
    _timed,
    _words,
    corpus_files,
)

EXTRACT_MIN_RUN_S = 1.0  # one paired run of the extract stage (a shared vCPU hiccups)


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


def scispacy_tokenizer() -> Any:
    """The baseline: ``spacy.blank('en')`` with scispaCy's rule tokenizer as scispaCy builds
    it (the pipeline's own tokenizer gives the same tokens faster; see
    extractor.pipeline.tokenizer)."""
    import spacy
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    nlp = spacy.blank("en")
    with warnings.catch_warnings():  # scispaCy's suffix regex: see extractor.pipeline.tokenizer
        warnings.filterwarnings("ignore", "Possible set union", FutureWarning)
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    return nlp


def _stage_pipeline_baseline(corpus: Path, runs: int) -> dict[str, Any]:
    texts = _corpus_texts(corpus)
    t0 = time.perf_counter()
    nlp = scispacy_tokenizer()
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


def _paired_with_tokenizer(
    texts: Sequence[str], measured: Callable[[], None], runs: int, min_run_seconds: float
) -> dict[str, Any]:
    """Each run alternates a pass of scispaCy's tokenizer as scispaCy builds it
    (:func:`scispacy_tokenizer`, not the pipeline's own, which gives the same tokens faster)
    over ``texts`` and a call of ``measured``, as many times as it takes the run to last
    ``min_run_seconds``, so both sides see the same machine state (a shared vCPU hiccups).
    ``ratio`` is the median over runs of tokenizer seconds / measured seconds, ``cpu_ratio``
    the same in CPU time (``extractor.pipeline.speed.cpu_ratio``)."""
    from extractor.pipeline.speed import cpu_ratio, paired_runs

    baseline = scispacy_tokenizer()

    def tokenize() -> None:
        for t in texts:
            baseline(t)

    warm = _seconds(measured) + _seconds(tokenize)  # also warms lazy tables and regex caches
    passes = max(1, math.ceil(min_run_seconds / max(warm, 1e-6)))
    tok_s, run_s, tok_cpu, run_cpu = paired_runs(tokenize, measured, runs, passes)
    return {
        "words": sum(map(_words, texts)),
        "run_seconds": run_s,
        "tokenizer_run_seconds": tok_s,
        "passes_per_run": passes,
        "ratio": statistics.median(t / e for t, e in zip(tok_s, run_s, strict=True)),
        "cpu_ratio": cpu_ratio(tok_cpu, run_cpu),
    }


def bench_entities(
    texts: Sequence[str], runs: int, nlp: Any, min_run_seconds: float = 1.0
) -> dict[str, Any]:
    """Seconds of one entity-pipeline pass (``nlp(text)``) over ``texts``, paired with the
    tokenizer (:func:`_paired_with_tokenizer`)."""

    def entities() -> None:
        for t in texts:
            forget_texts(nlp)  # as in bench_extract
            nlp(t)

    return _paired_with_tokenizer(texts, entities, runs, min_run_seconds)


def bench_extract(
    files: Sequence[Path],
    runs: int,
    nlp: Any,
    min_run_seconds: float = 1.0,
) -> dict[str, Any]:
    """Seconds of one ingest + entities + records pass over ``files`` (``read_document`` +
    ``process_document``), paired with the tokenizer over the ingested texts
    (:func:`_paired_with_tokenizer`)."""
    from extractor.extract import process_document
    from extractor.ingest import read_document

    def extract() -> None:
        for f in files:
            forget_texts(nlp)  # each pass meets the text as a new document would
            process_document(read_document(f), nlp)

    texts = [read_document(f).text for f in files]
    return _paired_with_tokenizer(texts, extract, runs, min_run_seconds)


def forget_texts(nlp: Any) -> None:
    """Empty every memo keyed by a text or pieces of one: the record stage's per-document
    caches and the pipeline components' memos of words and phrases read so far
    (``forget_texts`` of a component that has one). A repeated document is then read as a
    new one by a process that has never seen it: stricter than a batch worker, whose
    bounded word memos hold the common words of every earlier paper."""
    from extractor.records.text import clear_document_caches

    clear_document_caches()
    for _, component in nlp.pipeline:
        forget = getattr(component, "forget_texts", None)
        if forget is not None:
            forget()


def _paired_stage(measured_by: str, n: int, setup: float, res: dict[str, Any]) -> dict[str, Any]:
    return {
        "measured_by": measured_by,
        "documents": n,
        "words": res["words"],
        "run_seconds": res["run_seconds"],
        "statistic": "median",
        "paired_ratio": res["ratio"],
        "cpu_ratio": res["cpu_ratio"],
        "tokenizer_run_seconds": res["tokenizer_run_seconds"],
        "passes_per_run": res["passes_per_run"],
        "setup_s": setup,
    }


def _stage_pipeline(corpus: Path, runs: int) -> dict[str, Any]:
    """The entity pipeline on each text file, paired with the tokenizer."""
    from extractor.pipeline import load_pipeline

    texts = _corpus_texts(corpus)
    t0 = time.perf_counter()
    nlp = load_pipeline(freeze_gc=True)  # as the CLI and batch workers load it
    setup = time.perf_counter() - t0
    res = bench_entities(texts, runs, nlp, EXTRACT_MIN_RUN_S)
    return _paired_stage("extractor.pipeline.load_pipeline() (entities)", len(texts), setup, res)


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
    measured_by = "extractor.ingest.read_document + extractor.extract.process_document"
    return _paired_stage(measured_by, len(files), setup, res)


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
