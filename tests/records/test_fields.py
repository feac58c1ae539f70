"""Field extractors (``extractor.records.fields``): every ``fields.*`` row of the case tables
in ``tests/cases/records/`` (sample_size, model, disease, intervention, routes, doses, cells), then
the cases a row does not hold (doses from the real recogniser, a vote's share, the sample-size
pattern's guard)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from extractor.records import fields as F
from extractor.records.fields import _sample_re

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import cases, dose, marked, pieces_of, whole_text
except ImportError:
    from records_helpers import (  # type: ignore[no-redef]
        cases,
        dose,
        marked,
        pieces_of,
        whole_text,
    )


def _value(row: dict[str, Any]) -> Any:
    """What the row's field extractor gives (routes as a list, doses as SCHEMA dicts, like
    ``expect``)."""
    text, pieces, rule = row["text"], pieces_of(row), row["rule"]
    if rule == "fields.sample_size":
        return F.sample_size(text, pieces, row.get("model")).value
    if rule == "fields.doses":
        return [d.to_dict() for d in F.doses(text, marked(row), pieces)[0]]
    if rule == "fields.cells":
        return list(F.cells(text, marked(row), pieces)[0])
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
    opens = "|sample)(?:"  # the look-ahead on where a branch opens, then the pattern itself
    plain = re.compile(rx.pattern[rx.pattern.index(opens) + len(opens) : -1], rx.flags)
    text = (
        "Twenty-nine patients (n = 29) were randomised; 3 male and 2 female patients, "
        "6 mice per group, sample size of 40, N=443 volunteers, one hundred and twenty adults, "
        "a subsample size of 12, often 5 patients, with 7 per group, x3 patients, Fifty mice."
    )
    assert _all(rx, text) == _all(plain, text)
    assert [m.group() for m in rx.finditer(text)][:2] == ["Twenty-nine patients", "(n = 29"]
