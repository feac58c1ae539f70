"""Pure repairs of layout text: ligatures, spaces, line-break hyphens."""

from __future__ import annotations

import pytest

from extractor.normalize.text import (
    collapse_spaces,
    dehyphenate,
    join_hyphenated,
    normalize_ligatures,
    vocabulary,
)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("\ufb01broblasts", "fibroblasts"),
        ("e\ufb03cacy", "efficacy"),
        ("\ufb02ow", "flow"),
        ("5 µg", "5 µg"),
        ("10⁶", "10⁶"),
    ],  # micro sign and superscripts untouched (not NFKC)
)
def test_ligatures(raw, want):
    assert normalize_ligatures(raw) == want


def test_collapse_spaces():
    assert collapse_spaces(" IL-4 \u00a0and\u2009 IL-13\t ") == "IL-4 and IL-13"


VOCAB = vocabulary(["ADMSC-derived exosomes were anti-inflammatory; inflammatory cells fell."])


@pytest.mark.parametrize(
    ("left", "right", "want"),
    [
        ("the inflam", "matory cells", "the inflammatory cells"),  # known whole word
        ("ADMSC", "derived EVs", "ADMSC-derived EVs"),  # known compound
        ("potential anti", "inflammatory", "potential anti-inflammatory"),
        ("levels of IL", "4 fell", "levels of IL-4 fell"),  # digits after: a real hyphen
        ("CD4", "positive", "CD4-positive"),
        ("frac", "tion", "fraction"),  # unknown, both lower case: a soft hyphen
        ("TNF", "α", "TNF-α"),
    ],
)
def test_join_hyphenated(left, right, want):
    assert join_hyphenated(left, right, VOCAB) == want


def test_dehyphenate_marks():
    assert dehyphenate("the inflam\ufffematory ADMSC\u00adderived", VOCAB) == (
        "the inflammatory ADMSC-derived"
    )
