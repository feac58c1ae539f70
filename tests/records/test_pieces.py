"""The shared cues and per-document indexes of ``records/pieces.py``."""

from __future__ import annotations

import re

from extractor.normalize.agents import INDUCER_ROLES, agents
from extractor.records.pieces import about_insult_only, any_start_in, inducer
from extractor.types import Entity

TEXTS = (
    "Psoriasis-like lesions were induced by topical imiquimod (IMQ, Aldara) for 6 days.",
    "Mice were sensitised with 2,4-dinitrochlorobenzene (DNCB) and 1-fluoro-2,4-dinitrobenzene.",
    "imq is not IMQ; ovalbumin (OVA) and house dust mites; LL37 and LL-37; PM2.5 and PM10.",
    "MSC-EVs were given after bleomycin (BLM) and HOCl; H2O2 and hydrogen peroxide; Con A.",
)


def _plain() -> re.Pattern[str]:
    rows = agents(INDUCER_ROLES)
    return re.compile("|".join(f"(?:{r['pattern']})" for r in rows), re.IGNORECASE)


def test_inducer_guard_keeps_every_match() -> None:
    """The first-character look-ahead only skips positions: the matches, case-sensitive
    abbreviations included ("IMQ" but not "imq"), are those of the bare alternation."""
    guarded, plain = inducer(), _plain()
    assert guarded.pattern.startswith("(?=[")
    for text in TEXTS:
        got = [m.span() for m in guarded.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in guarded.finditer(TEXTS[2])][:2] == ["IMQ", "ovalbumin"]


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
