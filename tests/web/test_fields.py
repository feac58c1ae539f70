"""Record-field codecs: every notation curators type reads to the SCHEMA value, and back."""

from __future__ import annotations

import pytest

from extractor.web.fields import (
    FieldError,
    format_field,
    parse_dose,
    parse_field,
    parse_number,
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("5×10^6", 5e6),
        ("5 x 10^6", 5e6),
        ("1x10(6)", 1e6),
        ("1 × 10^-3", 1e-3),
        ("2e6", 2e6),
        ("1,000,000", 1e6),
        ("0,5", 0.5),
        ("21.6", 21.6),
    ],
)
def test_parse_number_notations(raw: str, value: float) -> None:
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize(
    ("raw", "low", "high", "unit"),
    [
        ("0.5–3.1 million cells/kg", 5e5, 3.1e6, "cells/kg"),
        ("1 × 10^6 cells/cm2", 1e6, 1e6, "cells/cm2"),
        ("200 μg", 200, 200, "µg"),  # Greek mu -> micro sign (SCHEMA §3)
        ("200 µg", 200, 200, "µg"),
        ("3 ml", 3, 3, "mL"),
        ("25 μg/cm2", 25, 25, "µg/cm2"),
        ("5×10^5", 5e5, 5e5, None),
        ("2 × 10^10 particles/head", 2e10, 2e10, "particles/head"),
        ("1-3 mg/kg", 1, 3, "mg/kg"),
        ("5×106 cells", 5e6, 5e6, "cells"),  # a flattened power, read as SCHEMA §1 says
        ("1.19 × 1010", 1.19e10, 1.19e10, None),
    ],
)
def test_parse_dose(raw: str, low: float, high: float, unit: str | None) -> None:
    d = parse_dose(raw)
    assert (d["low"], d["high"], d["unit"]) == (pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("raw", ["many cells", "3–1 mg", "5 ×"])
def test_parse_dose_refuses_guesses(raw: str) -> None:
    with pytest.raises(FieldError):
        parse_dose(raw)


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("disease", "Psoriasis", "psoriasis"),
        ("disease", "other: lichen planus", "other: lichen planus"),
        ("design", "clinical trial", "clinical trial"),
        ("model", "mouse", "mouse"),
        ("intervention", "vesicles", "vesicles"),
        ("year", "2016", 2016),
        ("year", "2016.0", 2016),  # what a spreadsheet hands back
        ("year", "", None),
        ("sample_size", "7", 7),
        ("doi", "https://doi.org/10.3389/fimmu.2025.1617157", "10.3389/fimmu.2025.1617157"),
        ("routes", "i.v.; s.c.", ["i.v.", "s.c."]),
        ("cells", "UC-MSC; Treg", ["UC-MSC", "Treg"]),
        ("study_id", "de-jesus-2016", "de-jesus-2016"),
        (
            "outcomes",
            "PASI 21.6→9.0; SCORAD 40 -> 22.5; EASI-50",
            [
                {"measure": "PASI", "baseline": 21.6, "final": 9.0},
                {"measure": "SCORAD", "baseline": 40.0, "final": 22.5},
                {"measure": "EASI-50", "baseline": None, "final": None},
            ],
        ),
        ("outcomes", "mRSS ?→12", [{"measure": "mRSS", "baseline": None, "final": 12.0}]),
        (
            "cytokines",
            "TNF-α ↓; IL-10 up; IL-6; interleukin 4",
            [
                {"name": "TNF-α", "direction": "down"},
                {"name": "IL-10", "direction": "up"},
                {"name": "IL-6", "direction": None},
                {"name": "interleukin 4", "direction": None},
            ],
        ),
    ],
)
def test_parse_field(name: str, raw: str, value: object) -> None:
    assert parse_field(name, raw) == value


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("disease", "eczema", "disease must be one of"),
        ("design", "trial", "design must be one of"),
        ("routes", "i.v.; oral", "route must be one of"),
        ("year", "20l6", "whole number"),
        ("year", "1492", "between"),
        ("doi", "not-a-doi", "doi must look like"),
        ("study_id", "De Jesus 2016", "slug"),
        ("first_author", "  ", "must not be empty"),
        ("evidence", "[]", "read-only"),
        ("outcomes", "PASI 21.6→nine", "not a number"),
    ],
)
def test_parse_field_rejects(name: str, raw: str, message: str) -> None:
    with pytest.raises(FieldError, match=message):
        parse_field(name, raw)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        (
            "doses",
            [{"text": "0.5–3.1 million cells/kg", "low": 5e5, "high": 3.1e6, "unit": "cells/kg"}],
        ),
        ("doses", [{"text": "1, 3", "low": 1.0, "high": 1.0, "unit": "µg/head"}]),
        ("outcomes", [{"measure": "PASI", "baseline": 21.6, "final": None}]),
        (
            "cytokines",
            [{"name": "TNF-α", "direction": "down"}, {"name": "IL-6", "direction": None}],
        ),
        ("routes", ["topical", "intradermal"]),
        ("year", 2019),
        ("disease", "acne scars"),
    ],
)
def test_format_then_parse_round_trips(name: str, value: object) -> None:
    assert parse_field(name, format_field(name, value), previous=value) == value


def test_edited_dose_gets_its_typed_text_and_unchanged_one_keeps_source_text() -> None:
    before = [{"text": "1×106 cells/kg", "low": 1e6, "high": 1e6, "unit": "cells/kg"}]
    after = parse_field("doses", "1×10^6 cells/kg; 2×10^6 cells/kg", previous=before)
    assert [d["text"] for d in after] == ["1×106 cells/kg", "2×10^6 cells/kg"]
