"""The uses of the defined short forms are found as by one flat alternation of the forms.

``_occurrences`` writes the forms' alternation as one branch per first character
(``_by_first_char``); every use it lists is checked here against the flat alternation,
longest form first, over the review and hand-made forms that share first characters,
prefixes and a plural.
"""

from __future__ import annotations

import re
from pathlib import Path

from extractor.ingest import read_document
from extractor.normalize.first_chars import finditer_not_after
from extractor.pipeline.abbrev_forms import ACRONYM_PLURAL_RE
from extractor.pipeline.abbrev_propagate import _by_first_char, _occurrences

ROOT = Path(__file__).resolve().parents[2]
REVIEW = read_document(ROOT / "corpus/text/fimmu-2025-1617157.txt").text
SHORTS = {
    "AD", "ADMSCs", "AKT", "BM-MSCs", "IL-6", "IL-10", "IFN-γ", "MSCs", "sEVs", "α-SMA",
    "PASI", "PASI-50", "TGF-β", "UC-MSCs", "C-C motif", "G‐CSF", "GM‐CSF", "EVs", "EV",
}  # fmt: skip


def flat(text: str, shorts: set[str], limit: int) -> tuple[dict, dict]:
    """The search as written before: one alternation of every form, longest first."""
    out: dict = {s: [] for s in shorts}
    hyphenated: dict = {s: [] for s in shorts}
    forms = {s: s for s in shorts}
    for s in shorts:
        if ACRONYM_PLURAL_RE.fullmatch(s):
            forms.setdefault(s[:-1], s)
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pat = re.compile(rf"({alts})s?(?![\w+]|[-\u2010\u2011](?![a-z]))")
    for m in finditer_not_after(pat, text, re.compile(r"[\w+]"), 0, limit):
        where = hyphenated if m.start() and text[m.start() - 1] in "-\u2010\u2011" else out
        where[forms[m.group(1)]].append((m.start(), m.end()))
    return out, hyphenated


def test_uses_are_the_flat_alternations() -> None:
    text = REVIEW + " AD-MSC ADs AD-treated IL-6s IL-10-driven EV-EVs EVs-like sEV α-SMAs"
    got = _occurrences(text, SHORTS, len(text))
    assert got == flat(text, SHORTS, len(text))
    assert sum(map(len, got[0].values())) > 100
    limit = len(REVIEW) // 2
    assert _occurrences(text, SHORTS, limit) == flat(text, SHORTS, limit)


def test_one_branch_per_first_character_keeps_the_longest_first() -> None:
    assert _by_first_char({"AD": "AD", "AKT": "AKT", "ADMSC": "ADMSCs", "IL": "IL"}) == (
        "A(?:DMSC|KT|D)|I(?:L)"
    )
