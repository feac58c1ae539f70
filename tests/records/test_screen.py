"""The cue screen (``lexicon.screen``) never drops a cue that matches: it only saves regex runs."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.context.literals import fewest_literals
from extractor.records.lexicon import Cue, cues
from extractor.records.screen import (
    FOLD_SPECIAL,
    bounded_prefixes,
    cue_matches,
    folded_literals,
    literal_prefixes,
    may_match,
    may_match_in,
    required_literals,
    screen,
    screen_span,
)

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import cases
except ImportError:
    from records_helpers import cases  # type: ignore[no-redef]

TABLES = ("diseases", "models", "designs", "routes", "interventions")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("row", cases("screen.literal_prefixes"))
def test_literal_prefixes(row: dict[str, Any]) -> None:
    """``tests/cases/records/screen.jsonl``: the literal openings of a cue pattern, or null
    when none can be known (a class first, a flag change, a one-character opening)."""
    rx = re.compile(row["pattern"], re.I if "i" in row["flags"] else 0)
    want = None if row["expect"] is None else tuple(row["expect"])
    assert literal_prefixes(rx) == want, f"{row['at']}: {row['why']}"


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


@pytest.mark.parametrize("table", TABLES)
def test_every_match_holds_a_required_literal(table: str) -> None:
    """On real text, each match of a cue with no known opening holds one of its required
    literals, so the screen keeps the cue for every chunk holding that match."""
    checked = 0
    for text in _texts():
        for cue in cues(table):
            if cue.needs is None:
                continue
            for m in cue.regex.finditer(text):
                got = m.group(0).lower() if cue.regex.flags & re.I else m.group(0)
                assert any(n in got for n in cue.needs), (cue.regex.pattern, m.group(0))
                also = cue.also_re
                assert also is None or also.search(got), (cue.regex.pattern, m.group(0))
                assert cue in screen(cues(table), m.group(0))
                checked += 1
    assert checked > 0


@pytest.mark.parametrize(
    ("pattern", "flags", "want"),
    [
        # keep: a literal in every branch, the longer run of a branch
        (r"\b\w*MSCs?\b|\bstem\s+cells?\b", re.I, ("msc", "stem")),
        (r"x?yz|ab", 0, ("ab", "yz")),
        (r"\b(?:an?|one)\s+\w+\s+(?:man|woman)\b", re.I, ("man", "woman")),
        # drop: a branch with no literal of two characters, an optional literal only
        (r"\b(?:an?|one)\s+\w+", re.I, None),
        (r"\d+(?:mg)?|kg", 0, None),
    ],
)
def test_required_literals(pattern: str, flags: int, want: tuple[str, ...] | None) -> None:
    assert required_literals(re.compile(pattern, flags)) == want


@pytest.mark.parametrize(
    ("pattern", "want"),
    [
        # keep: one literal after five acronyms, the shorter-literal set with fewer members
        (r"\b[\w-]*(?:MSCs?|ASCs?|SCs?)-?CM\b|\bsecretome\b", ("cm", "secretome")),
        (r"\b(?:day|week|month)s?[- ]old\b", ("old",)),
        # drop: no literal of two characters in one branch
        (r"\b(?:an?|one)\s+\w+", None),
    ],
)
def test_fewest_literals(pattern: str, want: tuple[str, ...] | None) -> None:
    assert fewest_literals(re.compile(pattern, re.I)) == want


def test_screen_wants_both_literal_sets() -> None:
    """A chunk must hold one literal of each set: "sc" alone cannot hold "ADSC-CM"."""
    cue = cues("interventions")[1]
    assert cue.needs is not None and "sc" in cue.needs
    assert cue.also_re is not None and cue.also_re.search("cm")
    assert cue in screen([cue], "ADSC-CM was given")
    assert cue not in screen([cue], "ADSCs were given to vascular lesions")
    text = "ADSCs were given to vascular lesions. ADSC-CM was given."
    assert cue not in screen_span([cue], text, 0, 36)
    assert [m.group() for _, m in cue_matches((cue,), text, 0, len(text))] == ["ADSC-CM"]


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


def _spans(pairs: Any) -> list[tuple[str, int, int]]:
    return [(c.regex.pattern, m.start(), m.end()) for c, m in pairs]


@pytest.mark.parametrize("table", TABLES)
def test_cue_matches_are_every_cues_finditer(table: str) -> None:
    """Trying a cue only where one of its openings occurs gives exactly the matches of
    ``finditer`` over the slice (and over the text between two offsets), cue by cue."""
    texts = _texts()
    texts.append("Lee et al. treated pſoriasis with MSC-EVs (i.v.) in 12 mice.")
    texts.append("Atopic dermatitis (AD) in mice; ADSCs; topical and topically, s.c. (SC) i.v.")
    for text in texts:
        step = max(1, len(text) // 200)
        for start in range(0, len(text), step):
            end = min(len(text), start + 40 + start % 331)
            _assert_finditer_matches(table, text, start, end)


def _assert_finditer_matches(table: str, text: str, start: int, end: int) -> None:
    """cue_matches over text[start:end] gives what each cue's finditer gives, sliced (offsets
    in the slice) and unsliced (offsets in the text)."""
    chunk = text[start:end]
    want = [(c, m) for c in cues(table) for m in c.regex.finditer(chunk)]
    assert _spans(cue_matches(cues(table), text, start, end)) == _spans(want)
    want = [(c, m) for c in cues(table) for m in c.regex.finditer(text, start, end)]
    got = cue_matches(cues(table), text, start, end, sliced=False)
    assert _spans(got) == _spans(want)


def test_bounded_prefixes_are_those_after_a_word_boundary_on_every_path() -> None:
    """An opening counts as bounded only when each path to it has ``\\b`` right before it
    and it starts with a word character; an ASCII-only boundary is another boundary."""
    # keep: every path opens at a boundary
    assert bounded_prefixes(re.compile(r"\bAD\b|\bin\s+vitro", re.I)) == {"ad", "in"}
    assert bounded_prefixes(re.compile(r"(?<!non)\bcultured\b")) == {"cultured"}
    # drop: one path without the boundary (in another case), an optional opening skipped,
    # a bracket first, ASCII mode
    assert bounded_prefixes(re.compile(r"\bAD\b|ad", re.I)) == frozenset()
    assert bounded_prefixes(re.compile(r"(?:\bchronic\s+)?venous")) == {"chronic"}
    assert bounded_prefixes(re.compile(r"\b\(ab")) == frozenset()
    assert bounded_prefixes(re.compile(r"\bAD\b", re.I | re.A)) == frozenset()


@pytest.mark.parametrize("table", TABLES)
def test_cue_matches_of_every_slice_of_words_with_openings_inside(table: str) -> None:
    """Weak openings inside words ("sk-in", "r-ad-iation", "th-en") open no match, except
    where a slice starts on them: every slice of a short text, both offsets."""
    text = "The skin in vitro: radiation, AD and xAD; then en coup de sabre. Nude mice, PV (pv)."
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            _assert_finditer_matches(table, text, start, end)
            chunk = text[start:end]
            assert set(screen_span(cues(table), text, start, end)) == set(
                screen(cues(table), chunk)
            )


def test_may_match_in_reads_the_indexed_text_as_may_match_reads_the_span() -> None:
    """The lower-cased text the index keeps answers as the span's own lower case does: for
    the indexed text, another text, and one with a letter that folds onto an ASCII one."""
    ratio = re.compile(r"(?i:\bratios?\s+of\s+\S+|\S+/\S+\s+ratios?\b)")
    product = re.compile(r"\bcultured\s+(?:ADSCs|MSCs)\b", re.I)
    texts = [
        *_texts()[:2],
        "The IL-4/IFN-γ RATIO rose; cultured ADSCs and the Ratio of IL-10.",
        "the Th1/Th2 ratİo of cUltured MSCs",
        "the Th1/Th2 ratıo of culſured MSCs",  # dotless i, long s: the span is read itself
    ]
    for text in texts:
        screen_span(cues("diseases"), text, 0, 1)  # the index keeps this text
        for other in (text, "x" + text):
            step = max(1, len(other) // 150)
            for start in range(0, len(other), step):
                for end in (start + 5, start + 40, start + 200):
                    for rx in (ratio, product):
                        want = may_match(rx, other, start, end)
                        assert may_match_in(rx, other, start, end) == want, (rx, start, end)


def test_screen_span_is_safe_across_threads() -> None:
    """Dask workers run documents in threads: per-document indexes never mix two texts."""
    from concurrent.futures import ThreadPoolExecutor

    texts = _texts()[:6]
    table = cues("diseases")

    def work(text: str) -> bool:
        ok = True
        for start in range(0, len(text), max(1, len(text) // 60)):
            end = min(len(text), start + 120)
            got = list(screen_span(table, text, start, end))
            ok &= got == list(screen(table, text[start:end]))
        return ok

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(work, texts * 4))


def test_find_each_gives_what_find_from_every_start_gives():
    from extractor.records.screen import _find_all, find_each

    review = (ROOT / "corpus" / "text").glob("*.txt")
    hays = [p.read_text(encoding="utf-8").lower() for p in review]
    rng = __import__("random").Random(7)
    hays += ["".join(rng.choices("ab.(c", k=rng.randint(0, 40))) for _ in range(300)]
    for hay in hays:
        for needles in (
            ("aa", "aaa", "ab", "b.", ".(c", "(c", "ba"),  # prefixes, overlaps, regex syntax
            ("psoria", "psoriasis", "atopic", "mice", "mouse", "in vivo", "il-"),
        ):
            got = find_each(hay, tuple(sorted(needles)))
            assert got == {n: _find_all(hay, n) for n in needles}


def test_folded_literals_read_inside_a_case_folding_group() -> None:
    """The context rules' form, ``(?i:…)``: every match holds "ratio" in any case."""
    ratio = re.compile(r"(?i:\bratios?\s+of\s+\S+|\S+/\S+\s+ratios?\b)")
    assert folded_literals(ratio) == ("ratio",)
    assert required_literals(ratio) is None  # case-sensitive pattern, folded literals
    # keep: the literal in another case, or a special letter that folds onto one
    assert may_match(ratio, "the IL-4/IFN-γ RATIO rose", 0, 25)
    assert may_match(ratio, "the Th1/Th2 ratİo", 0, 17)
    # drop: no literal in the span
    text = "IL-6 fell; the ratio rose"
    assert not may_match(ratio, text, 0, 10)
    assert may_match(ratio, text, 0, len(text))
