"""extractor/normalize/body_sites.json: the anatomical sites a dose is given per."""

from __future__ import annotations

import re

from extractor.normalize.quantity import body_sites, grammar, units_table


def test_every_site_names_its_source_and_a_valid_uberon_id() -> None:
    for row in body_sites():
        assert row["forms"] and row["canonical"] in row["forms"], row
        assert len(row["source"]) > 20, row
        assert row["id"] is None or re.fullmatch(r"UBERON:[0-9]{7}", row["id"]), row


def test_no_site_form_shadows_a_unit_of_another_meaning() -> None:
    """A site form must not redefine a denominator units.json already reads otherwise."""
    units = {f: e["canonical"] for e in units_table()["denominators"] for f in e["forms"]}
    for row in body_sites():
        for form in row["forms"]:
            assert units.get(form, row["canonical"]) == row["canonical"], form


def test_sites_are_denominators_and_left_out_words_are_not() -> None:
    den = grammar().den_canon
    assert den["lip"] == "lip" and den["feet"] == "foot"
    for left_out in ("arm", "arms", "back", "joint"):  # "session" is an occasion (units.json)
        assert left_out not in den, left_out


def test_a_named_body_site_makes_cells_per_cm2_a_dose_but_a_common_word_does_not() -> None:
    from extractor.normalize.dose import find_doses

    dose = (
        "A suspension of dermal sheath cup cells (2 × 10^4 cells/cm2) was injected into the scalp."
    )
    assert [m.text for m in find_doses(dose)] == ["2 × 10^4 cells/cm2"]
    culture = "Fibroblasts (2 × 10^4 cells/cm2) were the sole target culture in flasks."
    assert find_doses(culture) == []
