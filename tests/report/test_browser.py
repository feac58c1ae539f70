"""index.html opened from disk in Debian's headless Chromium: sort, filter, page, expand one
evidence sentence, and not one network request.

The page shown is the shipped corpus's report (the gold review's 19 studies) so that the
screenshot docs/report-screenshot.png shows real evidence; set EXTRACTOR_SCREENSHOT to a path
to refresh it (the test always saves one under tmp).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractor.report import write_report
from extractor.report.bench import make_batch
from tests.conftest import GOLD

CHROMIUM = Path("/usr/bin/chromium")  # Debian's, as tests/web/test_e2e_browser.py uses it
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make sysdeps)"),
]


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, index: Path):  # type: ignore[no-untyped-def]
    """The page with every request and script error recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(30_000)
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(index.as_uri())
    page.wait_for_selector("body.ready")
    return page


def column(page, key: str) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        f"#studies tbody tr:not(.evidence) td.c-{key}",
        "tds => tds.map(t => t.querySelector('.val') ? t.querySelector('.val').textContent : '')",
    )


def test_sort_filter_expand_offline(browser, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report"
    monkeypatch.chdir(GOLD.parent)  # the page names its input as given: a repository path
    write_report(Path("gold/review.jsonl"), out)
    assert "Read from <code>gold/review.jsonl</code>" in (out / "index.html").read_text("utf-8")
    page = open_page(browser, out / "index.html")
    assert len(column(page, "study_id")) == 19

    # sort by year, twice: ascending then descending
    page.click("#studies th[data-i='2'] button")
    years = [int(y) for y in column(page, "year")]
    assert years == sorted(years) and years[0] == 2010
    page.click("#studies th[data-i='2'] button")
    assert [int(y) for y in column(page, "year")] == sorted(years, reverse=True)
    assert page.get_attribute("#studies th[data-i='2']", "aria-sort") == "descending"

    # filter: free text, then a facet
    page.fill("#q", "psoriasis")
    assert set(column(page, "disease")) == {"psoriasis"}
    assert page.inner_text("#range") == "studies 1–7 of 7 (filtered from 19)"
    page.select_option(".controls select[data-col='intervention']", "vesicles")
    assert column(page, "study_id") == ["mohseni-meybodi-2024", "kim-2023"]  # still by year

    # expand the evidence of one value: its sentence, the value marked
    page.click("#studies tbody tr:first-child td.c-sample_size .val")
    evidence = page.locator("tr.evidence")
    assert evidence.count() == 1
    assert "12 participants" in evidence.inner_text()
    marks = evidence.locator("mark").all_inner_texts()
    assert marks and set(marks) == {"12"}

    # the evidence map filters the table
    page.fill("#q", "")
    page.select_option(".controls select[data-col='intervention']", "")
    page.click("button.mapcell[data-label='atopic dermatitis · vesicles · animal']")
    assert sorted(column(page, "model")) == ["dog", "mouse", "mouse", "mouse"]  # animal

    shot = Path(os.environ.get("EXTRACTOR_SCREENSHOT", tmp_path / "report.png"))
    page.click("#mapfilter button")
    page.fill("#q", "psoriasis")
    page.click("#studies tbody tr td.c-outcomes .val")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert page.errors == []
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.requests == [(out / "index.html").as_uri()]


def test_a_thousand_studies_page_through(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report"
    write_report(make_batch(tmp_path / "batch", 1000), out)
    page = open_page(browser, out / "index.html")
    assert len(column(page, "study_id")) == 50  # one page of the table in the DOM
    assert page.inner_text("#range") == "studies 1–50 of 1000"
    page.click("#next")
    assert page.inner_text("#range") == "studies 51–100 of 1000"
    page.click("#flagged")
    flagged = page.inner_text("#range")
    assert flagged.startswith("studies 1–50 of ") and "(filtered from 1000)" in flagged
    assert page.errors == [] and len(page.requests) == 1
