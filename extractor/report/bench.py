"""How long a report takes and how big its page is, on a synthetic batch of N studies.

``python -m extractor.report.bench --studies 1000 --runs 3`` writes a batch of papers whose
records vary every field a report draws (disease, intervention, model, doses in several
units, scores, cytokine directions, conflicts, low confidence), each with its own text and
evidence spans, then times ``write_report`` on it (median of the runs) and prints one JSON
object: seconds, index.html bytes, studies, papers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from extractor.types import DISEASES, INTERVENTIONS, MODELS

STUDIES_PER_PAPER = 20
UNITS = ("cells/kg", "cells", "µg", "particles", "µg/head", "particles/mL", "mL", None)
SCORES = ("PASI", "EASI", "SCORAD", "mRSS", "DLQI", "IGA", "CADESI-04", "VPS", "PSSI", "NAPSI")
CYTOKINES = ("TNF-α", "IL-4", "IL-6", "IL-10", "IL-13", "IL-17A", "IL-23", "IFN-γ", "TGF-β1",
             "VEGF", "IL-1β", "CCL17", "TSLP", "IL-31", "HGF")  # fmt: skip
DIRECTIONS = ("down", "down", "up", None)
FAILED_EVERY = 25  # one paper in this many failed to read


def _study(rng: random.Random, n: int) -> tuple[str, dict[str, Any]]:
    """One study's sentences (its evidence) and its record, offsets relative to the text."""
    author = rng.choice(("Kim", "Lee", "Park", "Smith", "García", "Müller", "Chen", "Rossi"))
    year = rng.randint(2005, 2025)
    disease = rng.choice((*DISEASES, "other: chronic wound", "other: vitiligo"))
    intervention, model = rng.choice(INTERVENTIONS), rng.choice(MODELS)
    size = rng.randint(3, 120)
    unit = rng.choice(UNITS)
    low = 10 ** rng.uniform(-1, 10)
    high = low * rng.choice((1, 1, 2, 10))
    score = rng.choice(SCORES)
    base = round(rng.uniform(5, 60), 1)
    final = round(base * rng.uniform(0.1, 1.2), 1)
    cytos = rng.sample(CYTOKINES, rng.randint(0, 5))
    dirs = [rng.choice(DIRECTIONS) for _ in cytos]
    words = {"down": "decreased", "up": "increased", None: "did not change"}
    sentences = [
        f"{author} et al. ({n}) treated {size} subjects with {disease.removeprefix('other: ')} "
        f"using {intervention} in a {model} model.",
        f"The dose was {low:.3g}–{high:.3g} {unit or ''} given once.",
        f"{score} went from {base} to {final} after treatment.",
        *(f"{c} {words[d]} after treatment." for c, d in zip(cytos, dirs, strict=True)),
    ]
    record = {
        "study_id": f"{author.lower()}-{year}-{n}", "first_author": author, "year": year,
        "ref": n, "doi": f"10.1000/bench.{n}", "disease": disease, "intervention": intervention,
        "model": model, "design": "clinical trial" if model == "human" else "animal study",
        "sample_size": size,
        "doses": [{"text": f"{low:.3g}–{high:.3g}", "low": low, "high": high, "unit": unit}],
        "routes": [rng.choice(("i.v.", "s.c.", "topical", "intradermal"))],
        "outcomes": [{"measure": score, "baseline": base, "final": final}],
        "cytokines": [{"name": c, "direction": d} for c, d in zip(cytos, dirs, strict=True)],
        "cells": ["ADMSC"],
        "confidence": {"sample_size": round(rng.uniform(0.2, 1.0), 2)},
    }  # fmt: skip
    if rng.random() < 0.1:
        record["conflicts"] = [{"field": "sample_size", "values": [size, size - 1]}]
    return " ".join(sentences), record


def make_batch(folder: Path, studies: int, seed: int = 17) -> Path:
    """A batch output folder (documents.jsonl) holding ``studies`` records."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "documents.jsonl"
    n, paper = 0, 0
    line: dict[str, Any]
    with path.open("w", encoding="utf-8") as fh:
        while n < studies:
            paper += 1
            doc_id = f"paper-{paper:04d}"
            if paper % FAILED_EVERY == 0:
                error = f"{doc_id}.pdf: not a PDF file"
                line = {"schema": "v1", "doc_id": doc_id, "source": f"{doc_id}.pdf", "text": "",
                        "entities": [], "records": [], "error": error}  # fmt: skip
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                continue
            text, records = "", []
            for _ in range(min(STUDIES_PER_PAPER, studies - n)):
                n += 1
                part, rec = _study(rng, n)
                start = len(text)
                text += part + "\n"
                rec["evidence"] = [{"start": start, "end": start + len(part)}]
                records.append(rec)
            line = {"schema": "v1", "doc_id": doc_id, "source": f"{doc_id}.xml", "text": text,
                    "entities": [], "records": records, "error": None,
                    "meta": {"format": "jats"}}  # fmt: skip
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return folder


def bench(studies: int, runs: int = 3) -> dict[str, Any]:
    """Median seconds of ``write_report`` over ``runs`` and the page's size."""
    from extractor.report import write_report

    times, cpu, result = [], [], None
    with tempfile.TemporaryDirectory() as tmp:
        batch = make_batch(Path(tmp) / "batch", studies)
        for _ in range(runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            result = write_report(batch, Path(tmp) / "report")
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    assert result is not None
    return {
        "studies": result.studies,
        "papers": result.papers,
        "failed": result.failed,
        "seconds_median": round(statistics.median(times), 3),
        "seconds": [round(t, 3) for t in times],
        # CPU time of this process: what the report costs whatever else the machine runs
        "cpu_seconds_median": round(statistics.median(cpu), 3),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "index_html_bytes": result.html_bytes,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(bench(args.studies, args.runs)))


if __name__ == "__main__":
    main()
