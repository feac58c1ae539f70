"""index.html: every study in it with its cells; paper text escaped everywhere; no network."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app
from extractor.report import write_report
from extractor.report.load import load
from extractor.report.table import COLUMNS

from .conftest import failed_line, mice_line, trial_line, write_batch

COL = {key: i for i, (key, _) in enumerate(COLUMNS)}
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"


class Tags(HTMLParser):
    """Every start tag and attribute the browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def page_data(index: Path) -> dict:
    html = index.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_every_study_is_in_the_table_with_its_numbers(small_batch: Path, tmp_path: Path) -> None:
    result = write_report(small_batch, tmp_path / "report")
    data = page_data(result.index)
    rows = {r["k"]: r for r in data["rows"]}
    assert list(rows) == ["trial/smith-2020", "mice/lee-2019", "mice/park-2021"]
    smith = rows["trial/smith-2020"]["c"]
    assert smith[COL["sample_size"]][:2] == ["12", 12]
    assert smith[COL["year"]][:2] == ["2020", 2020]
    assert smith[COL["outcomes"]][0] == "PASI 20.5 → 7"
    assert smith[COL["sample_size"]][3] == "conflict"
    assert rows["mice/lee-2019"]["c"][COL["model"]][0] == "mouse"
    assert rows["trial/smith-2020"]["s"][0].startswith("Smith et al. (3) treated 12 patients")
    assert [c[0] for c in data["columns"]] == [k for k, _ in COLUMNS]


def test_summary_line_and_failed_documents(small_batch: Path, tmp_path: Path) -> None:
    result = write_report(small_batch, tmp_path / "report")
    html = result.index.read_text(encoding="utf-8")
    assert result.summary == (
        "2 papers, 3 studies, 2 diseases, 2 products, 3 models, 2 failed documents"
    )
    assert f'<p id="summary" class="summary">{result.summary}</p>' in html
    assert "<code>papers/broken.pdf</code>: papers/broken.pdf: not a PDF file" in html
    assert "not valid JSON" in html


def test_evidence_map_counts_and_filters(small_batch: Path, tmp_path: Path) -> None:
    result = write_report(small_batch, tmp_path / "report")
    html = result.index.read_text(encoding="utf-8")
    data = page_data(result.index)
    buttons = re.findall(
        r'<button type="button" class="mapcell" data-cell="(\d+)"[^>]*>(\d+)<', html
    )
    assert len(buttons) == 3
    keys = [r["k"] for r in data["rows"]]
    listed = sorted(keys[i] for cell, _ in buttons for i in data["map"][int(cell)])
    assert listed == sorted(keys)


def test_files_are_written_and_figures_inlined(small_batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    write_report(small_batch, out)
    names = sorted(p.name for p in (out / "figures").iterdir())
    assert names == ["cytokine_direction.svg", "dose_ranges.svg", "evidence_map.svg",
                     "score_change.svg"]  # fmt: skip
    assert (out / "studies.csv").is_file() and (out / "studies.xlsx").is_file()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg ") == 4
    assert 'id="score_change-score-PASI-trial_smith_2020"' in html  # ids made unique per figure


def test_paper_text_is_escaped_everywhere(tmp_path: Path) -> None:
    trial, mice, broken = trial_line(), mice_line(), failed_line()
    rec = trial["records"][0]
    rec.update(first_author=PAYLOAD, disease=f"other: {PAYLOAD}", intervention=PAYLOAD,
               model=PAYLOAD, cells=[PAYLOAD], routes=[PAYLOAD], study_id=PAYLOAD)  # fmt: skip
    rec["outcomes"][0]["measure"] = PAYLOAD
    rec["cytokines"][0]["name"] = PAYLOAD
    rec["doses"][0]["unit"] = PAYLOAD
    trial["text"] = trial["text"].replace("Smith et al.", "<script>alert(3)</script>..."[:12])
    trial["bibliography"]["title"] = PAYLOAD
    broken["error"] = PAYLOAD
    broken["source"] = PAYLOAD
    mice["doc_id"] = PAYLOAD
    out = tmp_path / "report"
    write_report(write_batch(tmp_path / "b", [trial, mice, broken]), out)
    html = (out / "index.html").read_text(encoding="utf-8")

    parser = Tags()
    parser.feed(html)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "data"}, {}]  # only the page's own
    assert not [t for t, a in parser.tags if t == "img"]
    assert not any(k.startswith("on") for _, a in parser.tags for k in a)
    assert "<script>alert" not in html and "<img src=x" not in html
    # the text is still there, as text: in the JSON, the markup and the figures
    data = page_data(out / "index.html")
    row = data["rows"][0]["c"]
    assert row[COL["first_author"]][0] == PAYLOAD
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for svg in (out / "figures").glob("*.svg"):
        assert "<script" not in svg.read_text(encoding="utf-8")


def test_page_asks_for_nothing_from_the_network(small_batch: Path, tmp_path: Path) -> None:
    write_report(small_batch, tmp_path / "report")
    html = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in html
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not re.match(r"(?i)(https?:)?//", value), (tag, key, value)


def test_cli_writes_the_report_and_prints_its_path(small_batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = CliRunner().invoke(app, ["report", str(small_batch), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == str(out / "index.html")
    assert len(load(small_batch).studies) == 3


def test_cli_names_an_input_it_cannot_use(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(tmp_path / "nope"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {tmp_path / 'nope'}: no such file or folder"
