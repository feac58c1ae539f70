"""The cue screen (``lexicon.screen``) never drops a cue that matches: it only saves regex runs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from extractor.records.lexicon import Cue, cues
from extractor.records.screen import FOLD_SPECIAL, literal_prefixes, screen, screen_span

TABLES = ("diseases", "models", "designs", "routes", "interventions")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bpsoria(?:sis|ses|tic)\b", re.I, ("psoriases", "psoriasis", "psoriatic")),
        (r"\bmice\b|\bmouse\b|\bmurine\b", re.I, ("mice", "mouse", "murine")),
        (r"\b(?:chronic\s+)?venous\s+ulcers?", re.I, ("chronic", "venous")),
        (r"\bIV\b", 0, ("IV",)),
        (r"\bKeloids?\b", re.I, ("keloid",)),
        (r"\b\w*MSCs?\b", re.I, None),  # opens with a class: unknown
        (r"(?i:foo)bar", 0, None),  # a flag change: unknown
        (r"\b(?:a|bc)d", re.I, None),  # an opening of one character is no screen
    ],
)
def test_literal_prefixes(pattern: str, flags: int, expected: tuple[str, ...] | None) -> None:
    assert literal_prefixes(re.compile(pattern, flags)) == expected


def _texts() -> list[str]:
    out = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/ood/passages").glob("*.txt"))
    ]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus/text").glob("*.txt"))]
    return out


@pytest.mark.parametrize("table", TABLES)
def test_every_match_opens_with_a_prefix(table: str) -> None:
    """On real text, each match of a screened cue starts with one of its literal openings, so
    the screen keeps the cue for every chunk holding that match."""
    checked = 0
    for text in _texts():
        for cue in cues(table):
            for m in cue.regex.finditer(text):
                if cue.prefixes is None:
                    continue
                got = m.group(0).lower() if cue.regex.flags & re.I else m.group(0)
                assert got.startswith(cue.prefixes), (cue.regex.pattern, m.group(0))
                chunk = text[max(0, m.start() - 30) : m.end() + 30]
                assert cue in screen(cues(table), chunk)
                checked += 1
    assert checked > 0


def test_screen_keeps_every_cue_near_a_special_letter() -> None:
    """A long s matches "s" when case is ignored although its lower case differs."""
    cue = Cue("psoriasis", re.compile(r"\bpsoriasis\b", re.I), prefixes=("psoriasis",))
    assert cue.regex.search("pſoriasis")
    assert screen([cue], "pſoriasis") == [cue]
    assert screen([cue], "eczema") == []


def test_fold_special_is_every_odd_case_match_of_an_ascii_letter() -> None:
    """The characters other than a letter's own cases that ``re`` matches to an ASCII letter
    under IGNORECASE: exactly ``FOLD_SPECIAL`` (derived here from ``re`` itself)."""
    letters = [re.compile(a, re.IGNORECASE) for a in "abcdefghijklmnopqrstuvwxyz"]
    odd = set()
    for x in range(0x80, sys.maxunicode + 1):
        c = chr(x)
        forms = c.lower() + c.upper() + c.casefold()
        if not any(f.isascii() and f.isalpha() for f in forms):
            continue  # re's case folding goes through these forms
        if any(p.fullmatch(c) for p in letters) and not (
            c.lower().isascii() and len(c.lower()) == 1
        ):
            odd.add(c)
    assert odd <= FOLD_SPECIAL
    assert {"\u017f", "\u0131"} <= odd


@pytest.mark.parametrize("table", TABLES)
def test_screen_span_is_screen_of_the_slice(table: str) -> None:
    """The document index gives, for any span, the cues the slice's own screen gives."""
    texts = _texts()
    texts.append("Lee et al. treated pſoriasis with MSC-EVs (i.v.) in 12 mice.")
    for text in texts:
        step = max(1, len(text) // 300)
        for start in range(0, len(text), step):
            end = min(len(text), start + 40 + start % 157)
            assert list(screen_span(cues(table), text, start, end)) == list(
                screen(cues(table), text[start:end])
            )
