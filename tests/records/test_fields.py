"""Field extractors (``extractor.records.fields``): every ``fields.*`` row of the case tables
in ``tests/cases/records/`` (sample_size, model, disease, intervention, routes), then the
cases whose inputs a row cannot hold (doses, a vote's share)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from extractor.records import fields as F
from extractor.records.fields import _sample_re

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import by_sentence, cases, dose, mark, pieces_of, whole_text
except ImportError:
    from records_helpers import (  # type: ignore[no-redef]
        by_sentence,
        cases,
        dose,
        mark,
        pieces_of,
        whole_text,
    )


def _value(row: dict[str, Any]) -> Any:
    """What the row's field extractor gives for its text (routes as a list, like ``expect``)."""
    text, pieces, rule = row["text"], pieces_of(row), row["rule"]
    if rule == "fields.sample_size":
        return F.sample_size(text, pieces, row.get("model")).value
    if rule == "fields.routes":
        value = F.routes(text, pieces)[0].value
        assert isinstance(value, tuple), value
        return list(value)
    extract = {
        "fields.model": F.model,
        "fields.disease": F.disease,
        "fields.intervention": F.intervention,
    }
    return extract[rule](text, pieces).value


@pytest.mark.parametrize("row", cases("fields.*"))
def test_field_case(row: dict[str, Any]) -> None:
    assert _value(row) == row["expect"], f"{row['at']}: {row['why']}"


def test_amounts_the_study_did_not_give_are_not_doses() -> None:
    text = (
        "Fibrosis was induced by bleomycin (100 µg in 100 µL) for 28 days. "
        "BM-MSCs (1 × 10^6 cells) were injected. "
        "Blood eosinophils fell from 1,250 to 380 cells/µL."
    )
    ents = mark(
        text,
        [
            ("100 µg", "DOSE", dose("100 µg", 100, unit="µg")),
            ("100 µL", "DOSE", dose("100 µL", 100, unit="µL")),
            ("1 × 10^6 cells", "DOSE", dose("1 × 10^6 cells", 1e6, unit="cells")),
            ("380 cells/µL", "DOSE", dose("380 cells/µL", 380, unit="cells/µL")),
        ],
    )
    pieces = by_sentence(text)
    found, _, _ = F.doses(text, ents, pieces)
    assert [d.low for d in found] == [1e6]


def test_a_dose_in_a_sentence_that_also_names_the_inducer_is_kept() -> None:
    # "(BM-MSCs; 5 × 10^5 cells per mouse, …)" and "(40% cream, …; n = 10)": the semicolons sit
    # inside brackets and the "." of "i.p." closes an abbreviation, so the clause is the whole
    # sentence, which names the therapy, not only the inducer.
    text = (
        "A study in mice reported that i.p. BM-MSCs (BM-MSCs; 5 × 10^5 cells per mouse, twice "
        "weekly) delayed depigmentation induced with monobenzone (40% cream; n = 10)."
    )
    ents = mark(text, [("5 × 10^5 cells per mouse", "DOSE", dose("x", 5e5, unit="cells/mouse"))])
    assert F.doses(text, ents, whole_text(text))[0] == dose("x", 5e5, unit="cells/mouse")
    assert F.routes(text, whole_text(text))[0].value == ("i.p.",)


def test_a_dose_de_escalation_keeps_both_doses_but_a_lab_change_keeps_none() -> None:
    from extractor.normalize.dose import find_doses
    from extractor.types import Entity

    def record_doses(text: str) -> tuple:
        ents = [Entity(m.start, m.end, "DOSE", m.text, m.doses) for m in find_doses(text)]
        return F.doses(text, ents, whole_text(text))[0]

    text = "The ADSC-Exos dose was de-escalated from 100 µg to 50 µg per injection."
    assert record_doses(text) == (
        dose("100 µg", 100.0, unit="µg")[0],
        dose("50 µg per injection", 50.0, unit="µg/injection")[0],
    )
    assert record_doses("Blood eosinophils fell from 1,250 to 380 cells/µL after MSCs.") == ()


def test_atrophic_acne_scars_cast_no_vote_for_another_scar() -> None:
    text = "Fractional laser with ADSCs for atrophic acne scars."
    found = F.disease(text, whole_text(text))
    assert (found.value, found.share) == ("acne scars", 1.0)


def _all(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_sample_size_pattern_is_guarded_and_unchanged_on_counts() -> None:
    rx = _sample_re()
    assert rx.pattern.startswith("(?=[")
    plain = re.compile(rx.pattern[rx.pattern.index("])(?:") + 5 : -1], rx.flags)
    text = (
        "Twenty-nine patients (n = 29) were randomised; 3 male and 2 female patients, "
        "6 mice per group, sample size of 40, N=443 volunteers, one hundred and twenty adults."
    )
    assert _all(rx, text) == _all(plain, text)
    assert [m.group() for m in rx.finditer(text)][:2] == ["Twenty-nine patients", "(n = 29"]
