"""``may_continue`` is a necessary condition of a kept group: ``scan`` skips a digit run only
where reading it would have found no group with a unit or a count, so skipping changes
nothing. Checked at every digit run of the shipped texts and of random number soup."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extractor.ingest import read_document
from extractor.normalize.amounts import (
    _LLION_BY_HEAD,
    _LLION_RE,
    _LONG_TEXT,
    _SCALE_RE,
    _STRETCH_ONE,
    DIGIT_RUN,
    _digit_runs,
    _group_at,
    _has_unit_or_count,
    _mark,
    _run_from,
    _scale_words,
    may_continue,
    scan,
)

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted(
    [
        *(ROOT / "corpus" / "text").glob("*.txt"),
        *(ROOT / "tests" / "ood" / "passages").glob("*.txt"),
    ]
)

ATOMS = [
    "1", "2", "10", "5", "0.5", "1,000", "3 000", "28", "(", ")", " ", ",", ", ", " and ",
    " or ", " to ", "–", "-", "~", "×", "x", "X", "^", "E", "e", "⁶", "⁻", "10^6", "10(6)",
    "106", " 6", "µg", "mg", "mL", "kg", "/kg", " per ", "cells", " cells", "particles",
    "million", " million", "MILLION", "(low dose)", "\n", ".", ";", "%", "IU", "and/or",
    "between ", "n = ", "±", "IL-", "g", "/", "·", "mL−1", "·mL−1", " thousand", "two",
    "vesicles", "Total", " nucleated cells", "\u2009", "\u00a0",
]  # fmt: skip


def _kept(text: str, i: int) -> bool:
    g = _group_at(text, i)
    return g is not None and _has_unit_or_count(text, g)


def _check(text: str) -> int:
    skipped = 0
    for m in DIGIT_RUN.finditer(text):
        if not may_continue(text, m.start()):
            assert not _kept(text, m.start()), (text[m.start() : m.start() + 60], m.start())
            skipped += 1
    return skipped


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_skipped_digit_runs_hold_no_amount(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    runs = sum(1 for _ in DIGIT_RUN.finditer(text))
    skipped = _check(text)
    assert runs == 0 or skipped < runs


def test_skipped_digit_runs_hold_no_amount_in_number_soup() -> None:
    rng = random.Random(20261206)
    skipped = 0
    for _ in range(20000):
        skipped += _check("".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 14))))
    assert skipped > 1000  # the soup does exercise the skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as reported (28) and in 2016 (29, 30).", False),
        ("pages 1–12; p < 0.05, indicating", False),
        ("5 µg", True),
        ("1, 3 and 10 µg/head", True),
        ("1.19 × 1010 (high dose) particles/20 g", True),
        ("2 million cells", True),
        ("1e6 cells", True),
    ],
)
def test_may_continue(text: str, expected: bool) -> None:
    assert may_continue(text, DIGIT_RUN.search(text).start()) is expected  # type: ignore[union-attr]


def test_scan_keeps_amounts_after_skipped_citations() -> None:
    text = "As before (28, 29), mice received 1 × 10^6 cells/kg and 5 µg (30)."
    assert [text[g.start : g.end] for g in scan(text)] == ["1 × 10^6 cells/kg", "5 µg"]


def test_scale_words_are_the_case_insensitive_matches() -> None:
    rng = random.Random(7)
    pieces = [
        "million",
        "MILLION",
        "mİllİon",
        "bıllıon",
        "Billions",
        "llion",
        "amillion",
        " ",
        "-",
        "m",
        "i",
    ]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert [m.span() for m in _scale_words(text)] == [
            m.span() for m in _SCALE_RE.finditer(text)
        ]


def _spans(groups: list) -> list[tuple[int, int]]:
    return [(g.start, g.end) for g in groups]


def test_scan_up_to_a_limit_gives_the_groups_that_start_before_it() -> None:
    # each group is read in the whole text: one that starts before the limit and ends after
    # it is whole, and a count in words ("two million") is found from its scale word
    text = "Mice got 5 mg/kg, then two million cells and 3 × 10^6 cells/kg (2019; 12: 1-9)."
    full = scan(text)
    assert len(full) == 3
    for limit in range(len(text) + 2):
        assert _spans(scan(text, limit)) == [s for s in _spans(full) if s[0] < limit], limit
    review = (ROOT / "corpus" / "text" / "fimmu-2025-1617157.txt").read_text(encoding="utf-8")
    every = scan(review)
    for limit in (0, len(review) // 3, every[-1].start, every[-1].start + 1, len(review)):
        assert _spans(scan(review, limit)) == [s for s in _spans(every) if s[0] < limit]


def test_digit_runs_of_a_long_text_are_the_regexs() -> None:
    review = Path(__file__).resolve().parents[2] / "corpus/text/fimmu-2025-1617157.txt"
    text = read_document(review).text + " 12 ١٢ ²³ x9\ud800 7"  # other digits, a lone surrogate
    assert len(text) >= _LONG_TEXT
    found = [m.span() for m in DIGIT_RUN.finditer(text)]
    runs = _digit_runs(text)
    assert list(zip(*runs, strict=True)) == found
    assert _digit_runs("a 12 b 3") == ([2, 7], [4, 8])
    for i in [0, 5, *range(found[3][0] - 1, found[3][1] + 2), len(text) - 1, len(text)]:
        m = DIGIT_RUN.search(text, i)
        assert _run_from(runs, i) == (None if m is None else m.span())


def test_llion_tails_by_head_are_the_class_scans() -> None:
    rng = random.Random(11)
    texts = ["".join(rng.choice("lLiIıİoOnN m") for _ in range(200)) for _ in range(300)]
    texts += ["llion LLION lLlion mIllIon bıllıon BİLLİON llionllion"]
    for text in texts:
        by_head = sorted(q.start() for p in _LLION_BY_HEAD for q in p.finditer(text))
        assert by_head == [q.start() for q in _LLION_RE.finditer(text)]


def test_may_continue_is_the_stretch_then_a_mark() -> None:
    """The one-match ``may_continue`` against the three steps it replaced, at every
    position of the review and of number soup."""
    stretch = re.compile(rf"{_STRETCH_ONE}{{0,200}}")
    more = re.compile(_STRETCH_ONE)

    def three_steps(text: str, i: int) -> bool:
        s = stretch.match(text, i).end()  # type: ignore[union-attr]
        return more.match(text, s) is not None or _mark().match(text, s) is not None

    review = Path(__file__).resolve().parents[2] / "corpus/text/fimmu-2025-1617157.txt"
    rng = random.Random(5)
    soups = ["".join(rng.choice(["1", "0", ".", ",", " ", "and ", "to ", "–", "x", "mg", "e"])
                     for _ in range(rng.randint(1, 120))) for _ in range(300)]  # fmt: skip
    soups.append("1, " * 120 + "mg")
    for text in [read_document(review).text, *soups]:
        for i in range(len(text)):
            assert may_continue(text, i) == three_steps(text, i), (text[i : i + 40], i)
