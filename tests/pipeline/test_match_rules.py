"""match_rules: the marker precheck never turns away a marker the pattern reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.pipeline.match_rules import _MARKER_BEFORE_CELL_RE, _may_end_marker

PIECES = ["CD", "4", "25", "+", "\u207a", "\u2212", "high", "lo", "bright", "dim", "pos", "-"]
PIECES += ["-positive", "-reactive", " ", "\n", "a", "T", "\u03b1", "/", "F4/80", "(", "x", "SMA"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join))
def test_precheck_admits_every_marker(before: str) -> None:
    text = before + " cells"
    start = len(before) + 1
    if _MARKER_BEFORE_CELL_RE.search(text, max(0, start - 40), start) is not None:
        assert _may_end_marker(text, start)


def test_plain_words_are_turned_away() -> None:
    for text in ("with the cells", "of cells", "CD4 T cells", "the high cells"):
        start = text.rindex("cells")
        assert not _may_end_marker(text, start)
    for text in ("CD4+ T cells", "CD25high T cells", "α-SMA-positive T cells", "CD11bint T cells"):
        assert _may_end_marker(text, text.rindex("T cells"))
