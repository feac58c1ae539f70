"""The pattern scans give exactly the pattern's own matches (extractor/normalize/pattern_scans.py)."""

from __future__ import annotations

from extractor.normalize.pattern_scans import by_first_char


def test_a_pattern_opening_on_white_space_keeps_its_guard() -> None:
    assert by_first_char(r"\s+and\s+[A-Z]", 0) is None
    assert by_first_char(r"\d+", 0) is not None


def test_a_keyed_scan_finds_where_its_pattern_matches() -> None:
    """The points of a ``KeyedScan`` (keys after a gap, read from the pattern) are those a
    look-ahead scan of the pattern gives; a pattern that opens with no key has none."""
    import re

    from extractor.normalize.pattern_scans import keyed_scan

    pattern = re.compile(r"(?:['’]s\s+group|[^\S\n]+(?:and|&)\s+[A-Z]|,?\s+[*_]{0,2}et\s+al)")
    scan = keyed_scan(pattern)
    assert scan is not None
    assert dict(scan.keys) == {"'": 0, "’": 0, "and": 1, "&": 1, "et": 1}
    text = "Kim ,\n *et al. and Lee’s group; Park & Cho, between, Han  and Bo, sand Xu"
    for a, b in [(0, len(text)), (5, 40), (0, 12), (30, len(text))]:
        want = [m.start() for m in re.finditer(f"(?={pattern.pattern})", text[:b])]
        assert scan.points(text, a, b) == [w for w in want if w >= a]
    assert len(scan.points(text, 0, len(text))) >= 5  # "Kim ,", "’s", " and L", " & C", "  and"
    assert keyed_scan(re.compile(r"\w+ and")) is None


def test_a_pattern_opening_at_line_starts_is_tried_there_only() -> None:
    """``line_start_finditer`` gives ``finditer``'s matches: a multi-line "^" pattern tried
    at line starts (a match running over a line start swallows it), any other pattern as is."""
    import re

    from extractor.normalize.pattern_scans import line_start_finditer

    text = "x\n  3) Tanimoto H\n4) Abe K\n\n 5) Ono\n6)no\n"
    for pattern in (
        re.compile(r"^[^\S\n]*\d{1,3}\)[^\S\n]+[A-Z]", re.MULTILINE),
        re.compile(r"^\s*\d\)\s*\w+", re.MULTILINE),  # "\s*" runs over blank lines
        re.compile(r"^\d\)"),  # not multi-line: the text's start only
        re.compile(r"\d\)"),
    ):
        want = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in line_start_finditer(pattern, text)] == want
