"""The shared cues and per-document indexes of ``records/pieces.py``."""

from __future__ import annotations

from extractor.records.pieces import about_insult_only, any_start_in
from extractor.types import Entity


def test_about_insult_only_needs_an_inducer_and_no_therapy() -> None:
    keep = "Dermatitis was elicited with DNCB on the dorsal skin."
    drop = "Dermatitis was elicited with DNCB and treated with MSC-derived exosomes."
    assert about_insult_only(keep, 0, len(keep))
    assert not about_insult_only(drop, 0, len(drop))
    plain = "The lesions healed within two weeks."
    assert not about_insult_only(plain, 0, len(plain))


def test_any_start_in_is_kept_per_tuple() -> None:
    """Asked again of the same tuple (one document's therapy mentions, once per record), the
    test reads the starts sorted the first time; another sequence gets its own."""
    ents = (Entity(30, 34, "CELL", "MSCs", "MSC"), Entity(5, 8, "VESICLE", "EVs", "EV"))
    first, again = any_start_in(ents), any_start_in(ents)
    for test in (first, again):
        assert test(0, 6) and test(29, 31) and not test(6, 30) and not test(31, 99)
    other = any_start_in([Entity(50, 54, "CELL", "ASCs", "ASC")])
    assert other(50, 51) and not other(0, 50) and first(5, 6)
