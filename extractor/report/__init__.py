"""``extractor report``: the systematic reviewer's deliverable, drawn from the records.

``write_report(INPUT, DIR)`` reads a batch folder, a documents.jsonl or a curated export
(``load``), builds the study table (``table``), draws the figures (``figures``) and writes
``index.html`` (``html``), ``studies.csv`` / ``studies.xlsx`` (``sheets``) and
``figures/*.svg`` into DIR.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from extractor.report.load import ReportInputError, load

__all__ = ["ReportInputError", "ReportResult", "write_report"]


@dataclass(frozen=True, slots=True)
class ReportResult:
    index: Path
    studies: int
    papers: int
    failed: int
    summary: str
    seconds: float
    html_bytes: int


def _readable(out: Path) -> None:
    """Report files are for sharing: the umask's usual mode, not the temp file's 0600."""
    mask = os.umask(0)
    os.umask(mask)
    for path in [out / "index.html", out / "studies.csv", out / "studies.xlsx",
                 *(out / "figures").glob("*.svg")]:  # fmt: skip
        os.chmod(path, 0o666 & ~mask)


def write_report(input_path: str | Path, out_dir: str | Path) -> ReportResult:
    """Write the report for INPUT into OUT_DIR (created if missing; files replaced whole)."""
    from extractor.io import atomic_open
    from extractor.report import figures, html, sheets, table

    started = time.perf_counter()
    inp = load(input_path)
    out = Path(out_dir)
    rows = table.build_rows(inp.studies)
    svgs = figures.draw_all(inp.studies)
    for name, svg in svgs.items():
        with atomic_open(out / "figures" / f"{name}.svg") as fh:
            fh.write(svg)
    sheets.write_csv(out / "studies.csv", inp.studies)
    sheets.write_xlsx(out / "studies.xlsx", inp.studies)
    page = html.render(inp, rows, svgs)
    with atomic_open(out / "index.html") as fh:
        fh.write(page)
    _readable(out)
    return ReportResult(
        index=out / "index.html",
        studies=len(inp.studies),
        papers=len(inp.papers) - len(inp.failed),
        failed=len(inp.failed),
        summary=html.summary(inp),
        seconds=round(time.perf_counter() - started, 3),
        html_bytes=len(page.encode("utf-8")),
    )
