"""End to end in Debian's headless Chromium: the real CLI server, keyboard corrections,
reload, export, and the exported file checked as gold.

Set EXTRACTOR_SCREENSHOT=docs/review-screenshot.png to refresh the README screenshot.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.gold.check import check_file
from extractor.io import read_jsonl

CHROMIUM = Path("/usr/bin/chromium")
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(page, expression: str, timeout_s: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Poll ``expression`` with ``page.evaluate`` until it is true. Playwright's
    ``wait_for_function`` can evaluate its predicate string inside the page, which the app's
    Content-Security-Policy (no 'unsafe-eval') refuses (an EvalError seen on a loaded run);
    ``evaluate`` is not refused, as the assertions above show."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout_s} s: {expression}"
        page.wait_for_timeout(50)


@pytest.fixture
def server(tmp_path: Path, docs_path: Path) -> Iterator[tuple[str, Path]]:
    db, port = tmp_path / "curation.sqlite", free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extractor",
            "review",
            "serve",
            str(docs_path),
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(
                        proc.stderr.read() if proc.stderr else "server died"
                    ) from None
                time.sleep(0.1)
        yield url, db
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def page(server: tuple[str, Path]):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 850})
        pg.set_default_timeout(30_000)  # generous: CI runners can be loaded
        yield pg
        browser.close()


def select_text(page, needle: str) -> None:  # type: ignore[no-untyped-def]
    """Select the first occurrence of ``needle`` in the document text, as a mouse drag would."""
    page.evaluate(
        """(needle) => {
            const box = document.querySelector('#text');
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const i = node.data.indexOf(needle);
                if (i >= 0) {
                    const r = document.createRange();
                    r.setStart(node, i);
                    r.setEnd(node, i + needle.length);
                    const sel = window.getSelection();
                    sel.removeAllRanges();
                    sel.addRange(r);
                    return;
                }
            }
            throw new Error('not found: ' + needle);
        }""",
        needle,
    )


def test_curate_with_keyboard_reload_and_export(page, server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, db = server
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    saves: list[tuple[str, int]] = []  # every field save the page sent, with its status
    page.on(
        "response",
        lambda r: (
            saves.append((r.url.rsplit("/", 1)[-1], r.status)) if "/field/" in r.url else None
        ),
    )

    page.goto(url + "/")
    page.fill("#curator", "ann")
    page.press("#curator", "Enter")
    page.click('#docs a[href="/doc/trial-a"]')  # the list shows the paper's title
    page.wait_for_selector("body.ready")
    assert page.inner_text("#whoami") == "curating as ann"

    # least confident first: the wrongly labelled IL-6 (0.10) has the focus; 3 = CYTOKINE
    assert page.get_attribute("#queue li.focus", "data-id") == "e8"
    page.keyboard.press("3")
    # relabelled: its old norm is gone and it waits for the new one (n, type, Enter)
    page.wait_for_selector('#text mark[data-id="e8"].lbl-CYTOKINE.st-pending')
    assert page.inner_text('#queue li[data-id="e8"] .norm') == "→ norm to set (n)"
    page.keyboard.press("n")
    page.keyboard.type("IL-6")
    page.keyboard.press("Enter")
    page.wait_for_selector('#text mark[data-id="e8"].lbl-CYTOKINE.st-accepted')

    # next item is the record (0.20); e edits its least confident field (design), Enter moves on
    page.keyboard.press("j")
    assert page.get_attribute(".record.focus", "data-id") == "r0"
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.dataset.field") == "design"
    page.keyboard.press("Enter")
    wait_until(page, "document.activeElement.dataset.field === 'sample_size'")
    page.keyboard.press("Control+A")
    page.keyboard.type("8")
    page.keyboard.press("Enter")
    page.wait_for_selector('.field[data-field="sample_size"] .edited')
    # one Enter is one save: a second one (sent by the change event of the replaced input,
    # with the old version) would come back 409 and show a false conflict
    page.wait_for_timeout(500)
    assert saves == [("sample_size", 200)]
    assert page.inner_text("#status") == "saved sample_size"
    assert page.get_attribute("#status", "class") == ""

    # select a word and press its label letter: a new CELL span
    # the label key reaches the text only once no field has the focus (the save's own
    # continuation moves the focus to the next field; on a loaded runner it can land after
    # the first Escape, which then left a field that was about to lose the focus anyway)
    in_field = "['INPUT', 'TEXTAREA'].includes(document.activeElement.tagName)"
    page.keyboard.press("Escape")
    for _ in range(20):
        page.wait_for_timeout(50)
        if not page.evaluate(in_field):
            break
        page.keyboard.press("Escape")
    assert not page.evaluate(in_field)
    select_text(page, "patients")
    wait_until(page, "!window.getSelection().isCollapsed")
    page.keyboard.press("c")
    page.wait_for_selector('#text mark.lbl-CELL:text-is("patients")')

    # the documentation's picture: corrections made, no error on screen
    if shot := os.environ.get("EXTRACTOR_SCREENSHOT"):
        page.keyboard.press("Escape")
        page.click('#text mark[data-id="e4"]')
        page.evaluate("document.querySelector('#side').scrollTop = 0")
        page.screenshot(path=shot)

    # a value outside the vocabulary is refused beside the field
    page.fill("#f-r0-model", "hamster")
    page.press("#f-r0-model", "Enter")
    page.wait_for_selector('.field[data-field="model"] .ferr:has-text("model must be one of")')

    # reload: both corrections come back from the server
    page.reload()
    page.wait_for_selector("body.ready")
    assert "lbl-CYTOKINE" in page.get_attribute('#text mark[data-id="e8"]', "class")
    assert page.input_value("#f-r0-sample_size") == "8"
    assert page.input_value("#f-r0-model") == "human"

    # paper text with markup shows as text and runs nothing
    page.goto(url + "/doc/xss-doc")
    page.wait_for_selector("body.ready")
    assert page.inner_text("#text").startswith("<script>alert(1)</script> Exosomes")
    assert page.locator("#text script, #text img").count() == 0
    # a span after a character outside the BMP lands on the right Python offsets
    select_text(page, "TSLP")
    page.keyboard.press("k")
    page.wait_for_selector('#text mark.lbl-CYTOKINE:text-is("TSLP")')
    assert dialogs == [] and errors == []

    out = tmp_path / "curated.jsonl"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "extractor",
            "review",
            "export",
            "--db",
            str(db),
            "-o",
            str(out),
            "--strict",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert check_file(out) == []
    trial = next(d for d in read_jsonl(out) if d["doc_id"] == "trial-a")
    spans = {(e["text"], e["label"]) for e in trial["entities"]}
    assert {("IL-6", "CYTOKINE"), ("patients", "CELL")} <= spans
    assert ("IL-6", "CELL") not in spans
    assert trial["records"][0]["sample_size"] == 8
    assert trial["records"][0]["model"] == "human"
    xss = next(d for d in read_jsonl(out) if d["doc_id"] == "xss-doc")
    (tslp,) = [e for e in xss["entities"] if e["label"] == "CYTOKINE" and e["norm"] == "TSLP"]
    assert xss["text"][tslp["start"] : tslp["end"]] == "TSLP"


def test_second_curator_sees_the_first_ones_change(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    url, db = server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        pages = []
        for who in ("ann", "bob"):
            pg = browser.new_context(viewport={"width": 1400, "height": 850}).new_page()
            pg.set_default_timeout(30_000)  # generous: CI runners can be loaded
            pg.goto(url + "/doc/trial-a")
            pg.fill("#curator", who)
            pg.press("#curator", "Enter")
            pg.wait_for_selector("body.ready")
            pages.append(pg)
        ann, bob = pages
        # both loaded version 0 of the disease field; ann saves first
        ann.fill("#f-r0-disease", "atopic dermatitis")
        ann.press("#f-r0-disease", "Enter")
        ann.wait_for_selector('.field[data-field="disease"] .edited')
        bob.fill("#f-r0-disease", "acne scars")
        bob.press("#f-r0-disease", "Enter")
        bob.wait_for_selector("#status.conflict")
        assert "ann changed this" in bob.inner_text("#status")
        assert '"atopic dermatitis"' in bob.inner_text("#status")
        # bob's screen now shows ann's value, and nothing of bob's was stored
        wait_until(bob, "document.querySelector('#f-r0-disease').value === 'atopic dermatitis'")
        browser.close()
    from extractor.web.store import EventStore

    assert [(e.curator, e.after) for e in EventStore(db).events("trial-a")] == [
        ("ann", "atopic dermatitis")
    ]


@pytest.mark.parametrize("width", [1024, 1280, 1400])
def test_layout_from_1024_px_export_button_and_no_404(server, width: int) -> None:  # type: ignore[no-untyped-def]
    """The panes, the title and the key help all fit the window (nothing covered, nothing cut,
    no page scroll), whatever the help's state; no request of the page fails (favicon); the
    export button downloads the export and says what the gold check thinks of it."""
    from playwright.sync_api import sync_playwright

    url, _ = server
    failed: list[tuple[int, str]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": width, "height": 768}, accept_downloads=True)
        pg = ctx.new_page()
        pg.set_default_timeout(30_000)
        pg.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
        pg.goto(url + "/doc/trial-a")
        pg.fill("#curator", "ann")
        pg.press("#curator", "Enter")
        pg.wait_for_selector("body.ready")
        geometry = """() => {
            const box = (s) => document.querySelector(s).getBoundingClientRect();
            const title = document.querySelector('#doc-title');
            const side = document.querySelector('#side');
            return {
                footerTop: box('footer').top, footerBottom: box('footer').bottom,
                sideBottom: box('#side').bottom, recordsTop: box('#records-pane').top,
                titleCut: title.scrollWidth > title.clientWidth,
                sideCut: side.scrollWidth > side.clientWidth + 1,
                pageScrolls: document.scrollingElement.scrollHeight > window.innerHeight + 1,
                height: window.innerHeight,
            };
        }"""
        for state in ("closed", "open"):
            g = pg.evaluate(geometry)
            assert g["footerTop"] >= g["sideBottom"] - 1, (state, g)  # help below the panes
            assert g["footerBottom"] <= g["height"] + 1, (state, g)  # and on screen
            assert g["recordsTop"] < g["footerTop"], (state, g)  # the records pane is visible
            assert not g["titleCut"] and not g["sideCut"] and not g["pageScrolls"], (state, g)
            pg.click("#help summary")
        assert pg.inner_text("#doc-title").startswith("Case series: UC-MSCs in psoriasis")
        with pg.expect_download() as dl:
            pg.click("#export")
        lines = Path(dl.value.path()).read_text(encoding="utf-8").splitlines()
        assert len(lines) == 2  # the two readable documents
        pg.wait_for_selector("#status:has-text('exported 2 document(s)')")
        browser.close()
    assert failed == []
