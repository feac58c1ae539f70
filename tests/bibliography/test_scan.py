"""``scan`` finds what ``re``'s own search and finditer find, for every pattern it serves."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pytest

from extractor.bibliography import fields, header, scan
from extractor.bibliography.cues import cues
from extractor.bibliography.lines import head_lines

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).parent / "cases"


def _pages() -> list[str]:
    """Title pages as the stage reads them: every case table's texts and the corpus texts."""
    texts = []
    for path in sorted(CASES.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            texts += [v for k, v in row.items() if k in ("text", "line") and isinstance(v, str)]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "corpus" / "text").glob("*.txt"))]
    return ["\n".join(head_lines(t)) for t in texts]


def _fuzz(n: int) -> list[str]:
    rng = random.Random(7)
    pieces = [
        "Vol", "vol.", "Volume ", "VOL. ", "Year : ", "2021", "1999", " 12", ", ", "\n", " ",
        "| ", "; ", "Published: ", "Accepted ", "Received ", "March ", "Jun ", "15 ", "©",
        "(c) ", "(C)", "Copyright ", "COPYRIGHT", "xCopyright", "the Authors ", "Wang et al",
        "Issue 4", "no. 3 ", "\u00b7 ", "J Dermatol ", "(2019) ", "45(4):", "12-20", "x",
        "Novol. 3", "aVol 3 2020", "published in ", "accepted for publication in ", "The ",
        "Burns", "Exp Dermatol (2023)", "unpublished in J ", "J Dermatol Treat", "2022 Jun;33(4)",
    ]  # fmt: skip
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(n)]


TEXTS = _pages() + _fuzz(4000)

SEARCHED = {
    "volume": (fields._VOLUME_YEAR, fields._VOLUME_ANCHORS),
    "source_line": (fields._SOURCE_LINE, ()),
    "masthead_line": (fields._MASTHEAD_LINE, ()),
    "published": (cues().published, fields._CUE_ANCHORS),
    "history": (cues().history, fields._CUE_ANCHORS),
    "copyright_year": (fields._COPYRIGHT_YEAR, fields.COPYRIGHT_ANCHORS),
    "copyright_holder": (header._COPYRIGHT_HOLDER, fields.COPYRIGHT_ANCHORS),
    "published_in": (fields._PUBLISHED_IN, fields._PUBLISHED_IN_ANCHORS),
}


def _key(m: re.Match[str] | None) -> object:
    return None if m is None else (m.span(), m.groups())


def test_the_pages_hold_what_the_patterns_look_for() -> None:
    # the comparison below means something only if the real pages match each pattern
    for name, (rx, _) in SEARCHED.items():
        assert any(rx.search(t) is not None for t in TEXTS[:-4000]), name


@pytest.mark.parametrize("name", sorted(SEARCHED))
def test_scan_search_and_finditer_agree_with_re(name: str) -> None:
    rx, anchors = SEARCHED[name]
    for text in TEXTS:
        assert _key(scan.search(rx, text, anchors)) == _key(rx.search(text)), text
        got = [_key(m) for m in scan.finditer(rx, text, anchors)]
        assert got == [_key(m) for m in rx.finditer(text)], text


def test_copyright_letters_fold_to_their_two_ascii_cases_only() -> None:
    # COPYRIGHT_ANCHORS spells "copyr" in two cases: what re.I would match must be no more
    for letter in "copyr":
        rx = re.compile(letter, re.I)
        folded = {chr(c) for c in range(sys.maxunicode + 1) if rx.fullmatch(chr(c))}
        assert folded == {letter, letter.upper()}


def test_an_anchor_that_misses_a_start_is_caught() -> None:
    # the comparison can fail: without the month anchors a month-led volume line is missed
    text = "Abstract text, see March 2020, Vol. 53, No. 3 for it"
    assert fields._VOLUME_YEAR.search(text) is not None
    assert scan.search(fields._VOLUME_YEAR, text, (re.compile(r"V(?<!\wV)ol"),)) is None
    assert scan.search(fields._VOLUME_YEAR, text, fields._VOLUME_ANCHORS) is not None


def test_pages_skip_only_the_substitutions_that_cannot_apply() -> None:
    # page_year skips two substitutions on a page without what they need
    for text in TEXTS:
        if fields._BREAK_YEAR.search(text) is None:
            assert fields._JOURNAL_BREAK.search(text) is None, text
        if ">" not in text:
            assert re.search(r"(?m)^>[^\S\n]*", text) is None
    assert any(fields._JOURNAL_BREAK.search(t) for t in TEXTS)


def test_finditer_refuses_an_empty_match() -> None:
    with pytest.raises(ValueError, match="empty match"):
        list(scan.finditer(re.compile(r"x*"), "ab"))
