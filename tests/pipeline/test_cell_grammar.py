"""cell_grammar: the screens before a search never change what the search finds."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.pipeline.cell_grammar import CellGrammar
from tests.conftest import MODELS

GRAMMAR = CellGrammar(json.loads((MODELS / "patterns" / "cell_grammar.json").read_text("utf-8")))
PIECES = ["placental", "Placenta", "amniotic membrane", "spheroid", "-", "\u2010", " ", "\n"]
PIECES += ["derived", "Derived", "tissue", "x", "\u00e9", "AMNION", "organoids", "\u017f"]


def _searched(text: str, start: int) -> int | None:
    assert GRAMMAR._vesicle_source is not None
    m = GRAMMAR._vesicle_source.search(text, max(0, start - 50), start)
    return m.start() if m is not None else None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=6).map("".join))
def test_vesicle_source_start_is_the_search(before: str) -> None:
    text = before + "exosomes"
    start = len(before)
    want = _searched(text, start) if start >= 2 else None
    assert GRAMMAR.vesicle_source_start(text, start) == want


def test_vesicle_sources_read() -> None:
    text = "Placental exosomes and dermal papilla spheroid-derived EVs, not large exosomes"
    assert GRAMMAR.vesicle_source_start(text, text.index("exosomes")) == 0
    assert GRAMMAR.vesicle_source_start(text, text.rindex("exosomes")) is None
