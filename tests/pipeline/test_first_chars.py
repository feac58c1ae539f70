from __future__ import annotations

import random
import re

import pytest

from extractor.normalize.first_chars import (
    end_reach,
    finditer_not_after,
    first_chars,
    guarded,
    last_chars,
    literal_heads,
)

PATTERNS = [
    (r"(?<![\w.])(?:one|two|\d+)\s+(?:patients|mice)\b", re.IGNORECASE),
    (r"sample\s+size|[(\[,;]\s*n\s*=\s*\d+", re.IGNORECASE),
    (r"(?:chronic\s+)?venous\s+ulcers?", re.IGNORECASE),
    (r"(?:IL|TNF)-?\d*", 0),
    (r"\bk\w+", re.IGNORECASE),  # "k" folds to the Kelvin sign too
    (r"[^a]b", 0),  # a negated class: no guard
    (r"x*", 0),  # may match empty: no guard
    (r"(?i:abc)d", 0),  # a flag change in a group: no guard
    # every alternative at a word boundary, one matching case-sensitively inside a folding
    # pattern: a boundary test and the folded first characters
    (r"\bimq\b|(?-i:\bIMQ\b)|\bald\w*", re.IGNORECASE),
    (r"(?m:^)[ \t]*(?:Methods|Results)[ \t]*$|\bwe\s+found\b", re.IGNORECASE),
    (r"\bk\w+|\b\d+", 0),
]
ALPHABET = (
    "aAbBkK\u212aIiLl-0123456789 ,;([n=\n\u0130\u0131\u017fvenous ulcer sample size two"
    " imq IMQ Imq ald Methods results we found\t"
)


def _all(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_guarded_pattern_finds_exactly_what_the_pattern_finds(pattern: str, flags: int) -> None:
    plain = re.compile(pattern, flags)
    fast = guarded(plain)
    rnd = random.Random(pattern)
    texts = ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        assert _all(fast, text) == _all(plain, text), text


def test_first_characters_are_read_from_the_pattern() -> None:
    got = first_chars(re.compile(r"(?<!\w)(?:one|\d+)|sample|[(,]", re.I))
    assert got is not None
    assert set(re.findall(r"\\d|\\.|.", got)) == {"o", r"\d", "s", r"\(", ","}


def test_last_characters_are_read_from_the_pattern_end() -> None:
    # as a suffix pattern: units after a digit, "'s", a run of dots; look-arounds and "$"
    # consume nothing
    got = last_chars(re.compile(r"(?<=[0-9])(?:km|mg)$|'s$|\.\.+$|(?<=[a-z])\)(?=x)?$"))
    assert got is not None
    assert set(re.findall(r"\\.|.", got)) == {"m", "g", "s", r"\.", r"\)"}
    assert last_chars(re.compile(r"ab?")) == "ab"
    assert last_chars(re.compile(r"a[^b]")) is None and last_chars(re.compile(r"a|b*")) is None


@pytest.mark.parametrize(
    "pattern", [r"[^a]b", r"x*", r"(?i:abc)d", r".b", r"(a?)\1b"], ids=lambda p: p
)
def test_no_guard_when_the_first_characters_are_unknown(pattern: str) -> None:
    assert first_chars(re.compile(pattern)) is None
    assert guarded(re.compile(pattern)).pattern == pattern


@pytest.mark.parametrize(
    ("body", "before"),
    [(r"(?:Scale|Score|Rating\s+Scale)(?![\w\-])", r"[\w\-]"), (r"(?:AD|LSF|KF)s?", r"[\w+]")],
)
def test_finditer_not_after_is_the_look_behind_without_it(body: str, before: str) -> None:
    with_look_behind = re.compile(rf"(?<!{before}){body}")
    rnd = random.Random(body)
    words = ["Scale", "Score", "Rating Scale", "xScore", "-Scale", "AD", "ADs", "+AD", "LSF", "_KF"]
    for _ in range(3000):
        text = "".join(rnd.choice([*words, " ", "-", "a", "\n"]) for _ in range(rnd.randint(0, 12)))
        end = rnd.randint(0, len(text))
        want = [m.span() for m in with_look_behind.finditer(text, 0, end)]
        got = finditer_not_after(re.compile(body), text, re.compile(before), 0, end)
        assert [m.span() for m in got] == want, text


def test_guard_reads_word_boundaries_and_case_groups() -> None:
    fast = guarded(re.compile(r"\bimq\b|(?-i:\bIMQ\b)", re.IGNORECASE))
    assert fast.pattern.startswith(r"\b(?=[")
    # a case-insensitive group inside a case-sensitive pattern stays unguarded
    assert guarded(re.compile(r"(?i:abc)d")).pattern == "(?i:abc)d"


def test_no_guard_before_a_line_start() -> None:
    """A pattern opening with "^" keeps it first: no look-ahead would test less."""
    pattern = re.compile(r"(?m:^)[ \t]*Methods\b", re.IGNORECASE)
    assert guarded(pattern) is pattern


HEADED = [
    r"(?:score|scores|index|Scale)(?![\w\-])",
    r"(?:IL|TNF)-\d+",
    r"(?:ab|a)b?c?",
    r"(?:x|)y",
    r"(?P<short>GMSC|PMSC)s?(?![\w+])",
    r"(?:photographic|scale)[ \t]+(?P<head>scale|score)",
    r"(?:(?:atopic|ab)[ \t]+){0,2}(?:index|score)[ \t]+scale",
    r"x(?:ab)?c",
]


@pytest.mark.parametrize("pattern", HEADED)
def test_matches_at_heads_are_the_scans_matches(pattern: str) -> None:
    regex = re.compile(pattern)
    heads = literal_heads(regex)
    assert heads
    rnd = random.Random(pattern)
    alphabet = ["score", "scale", "Scale", "index", "IL", "TNF", "-", "4", "ab", "c", "x", "y"]
    alphabet += ["GMSC", "PMSC", "s", "+", " ", "\t", "photographic", "a", "b", "_", "atopic"]
    before = re.compile(r"[\w\-]")
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        pos = rnd.randint(0, 3)
        for bef in (before, None):
            want = [(m.span(), m.groupdict()) for m in finditer_not_after(regex, text, bef, pos)]
            got = finditer_not_after(regex, text, bef, pos, heads=heads)
            assert [(m.span(), m.groupdict()) for m in got] == want, text


def test_literal_heads_are_read_from_the_pattern() -> None:
    assert literal_heads(re.compile(r"(?:IL|TNF)-\d+")) == ("IL-", "TNF-")
    assert literal_heads(re.compile(r"(?:x|)y")) == ("xy", "y")
    assert literal_heads(re.compile(r"x(?:ab)?c")) == ("xab", "xc")
    got = literal_heads(re.compile(r"(?:(?:ab|cd)[ \t]+){0,2}(?:ef|gh)i"))
    assert got == ("ab", "cd", "efi", "ghi")
    assert literal_heads(re.compile(r"x*y")) == ("x", "y")
    for pattern in (r"\bab", r"a|[bc]", r"x*", r"(?i:ab)c"):
        assert literal_heads(re.compile(pattern)) is None, pattern
    assert literal_heads(re.compile("ab", re.IGNORECASE)) is None


def test_end_reach_is_the_widest_bounded_branch_and_the_unbounded_openings() -> None:
    # as a suffix pattern behind a guard: units after a digit (2), "'s" (2), a run of dots
    # (unbounded, opens with "."), "x" and an optional letter (2)
    regex = re.compile(r"(?=[kms.x'])(?:(?<=[0-9])(?:km|mg)$|'s$|\.\.+$|x[ab]?$)")
    assert end_reach(regex) == (2, r"\.")
    assert end_reach(re.compile(r"abc$|d$")) == (3, "")
    assert end_reach(re.compile(r"a[^b]+$")) == (0, "a")
    assert end_reach(re.compile(r"[^b]+$|c$")) is None  # unbounded, opening unknown
