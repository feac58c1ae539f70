"""A thousand studies: the page stays within 5 MB, the table pages, the figures aggregate.

Time is measured and printed (run with -s), not asserted: `python -m extractor.report.bench`
is the benchmark. Two batches: the benchmark's synthetic one (every field varied) and the
gold review copied 53 times (1,007 studies with real evidence sentences and entities).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from extractor.report import write_report
from extractor.report.bench import make_batch
from tests.conftest import GOLD

pytestmark = pytest.mark.slow
MAX_HTML_BYTES = 5_000_000  # the floor


def gold_copies(folder: Path, copies: int) -> Path:
    line = json.loads((GOLD / "review.jsonl").read_text(encoding="utf-8").splitlines()[0])
    folder.mkdir(parents=True)
    with (folder / "documents.jsonl").open("w", encoding="utf-8") as fh:
        for k in range(copies):
            fh.write(json.dumps({**line, "doc_id": f"review-{k:03d}"}, ensure_ascii=False) + "\n")
    return folder


@pytest.mark.parametrize("kind", ["synthetic", "gold-copies"])
def test_a_thousand_studies(tmp_path: Path, kind: str) -> None:
    if kind == "synthetic":
        batch = make_batch(tmp_path / "batch", 1000)
    else:
        batch = gold_copies(tmp_path / "batch", 53)
    started = time.perf_counter()
    result = write_report(batch, tmp_path / "report")
    seconds = time.perf_counter() - started
    print(f"\n{kind}: {result.studies} studies, {seconds:.2f} s, index.html {result.html_bytes} B")

    assert result.studies >= 1000
    assert result.html_bytes <= MAX_HTML_BYTES
    html = result.index.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)
    assert m and len(json.loads(m.group(1))["rows"]) == result.studies
    # aggregated: a crowded score panel is collections behind a median, not a line per study
    score = (tmp_path / "report" / "figures" / "score_change.svg").read_text(encoding="utf-8")
    assert re.search(r'id="score-[^"]*-median"', score)
    if kind == "synthetic":
        assert re.search(r'id="score-[^"]*-all-solid"', score)
        doses = (tmp_path / "report" / "figures" / "dose_ranges.svg").read_text(encoding="utf-8")
        assert re.search(r'id="dose-[^"]*-human-values"', doses)
        assert not re.search(r'id="dose-[^"]*-paper_\d+', doses)
