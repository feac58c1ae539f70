"""extractor.normalize.dose (the quantity grammar and its filters): notation cases (data-driven), round-trip properties, robustness."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.normalize.dose import DoseMatch, find_doses, parse_dose
from extractor.types import Dose

CASES_FILE = Path(__file__).resolve().parents[1] / "cases" / "doses.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line]


def _expected_doses(exp: dict) -> list[tuple[float, float, str | None]]:
    out = []
    for d in exp["doses"]:
        lo = d.get("value", d.get("low"))
        hi = d.get("value", d.get("high"))
        out.append((lo, hi, d["unit"]))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_find_doses_cases(case: dict) -> None:
    text = case["text"]
    got = find_doses(text)
    assert [(m.start, m.end) for m in got] == [(e["start"], e["end"]) for e in case["expected"]]
    for m, exp in zip(got, case["expected"], strict=True):
        assert m.text == text[m.start : m.end] == exp["text"]
        want = _expected_doses(exp)
        assert len(m.doses) == len(want)
        for d, (lo, hi, unit) in zip(m.doses, want, strict=True):
            assert math.isclose(d.low, lo, rel_tol=1e-9)
            assert math.isclose(d.high, hi, rel_tol=1e-9)
            assert d.unit == unit


def test_cases_file_offsets_are_consistent() -> None:
    # Guards the data file itself: hand edits must keep offsets and text in step.
    for c in CASES:
        for e in c["expected"]:
            assert c["text"][e["start"] : e["end"]] == e["text"], c["id"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.5–3.1 million cells/kg", [(5e5, 3.1e6, "cells/kg")]),
        ("1, 3, and 10 μg/head", [(1, 1, "µg/head"), (3, 3, "µg/head"), (10, 10, "µg/head")]),
        ("2 × 1010 particles/head", [(2e10, 2e10, "particles/head")]),
        ("3 ml", [(3, 3, "mL")]),
        ("5 × 105", [(5e5, 5e5, None)]),
        # parse_dose trusts its caller: no context filter on a known dose mention.
        ("10 ng/mL TNF-α", [(10, 10, "ng/mL")]),
    ],
)
def test_parse_dose(text: str, expected: list[tuple[float, float, str | None]]) -> None:
    got = parse_dose(text)
    assert [(d.low, d.high, d.unit) for d in got] == [
        (float(a), float(b), u) for a, b, u in expected
    ]
    assert all(isinstance(d, Dose) for d in got)


@pytest.mark.parametrize("text", ["", "no numbers here", "2016", "25 patients", "45%", "30 nm"])
def test_parse_dose_not_a_dose(text: str) -> None:
    assert parse_dose(text) == ()


def test_range_is_one_object_with_low_below_high() -> None:
    (d,) = parse_dose("25 to 400 ng")
    assert d.low < d.high


def test_match_is_frozen() -> None:
    (m,) = find_doses("5 µg")
    assert isinstance(m, DoseMatch)
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Property tests: render a dose in a random notation, read the same numbers back.

MANTISSAS = st.decimals(min_value="0.1", max_value="9.99", places=2).filter(lambda d: d > 0)
EXPONENTS = st.integers(min_value=2, max_value=12)
COUNT_UNITS = st.sampled_from(
    [
        ("cells/kg", "cells/kg"),
        ("cells/cm2", "cells/cm2"),
        ("cells/head", "cells/head"),
        ("particles/mL", "particles/mL"),
        ("particles/ml", "particles/mL"),
        ("particles/20 g", "particles/20 g"),
        ("cells per kg", "cells/kg"),
        ("cells", "cells"),
    ]
)
MASS_UNITS = st.sampled_from(
    [
        ("µg/head", "µg/head"),
        ("μg/head", "µg/head"),
        ("ug/mL", "µg/mL"),
        ("μg/cm2", "µg/cm2"),
        ("ng/mL", "ng/mL"),
        ("ng/ml", "ng/mL"),
        ("mg/kg", "mg/kg"),
        ("mL", "mL"),
        ("µg", "µg"),
        ("ng", "ng"),
        ("IU", "IU"),
    ]
)
SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _render_power(mant: str, exp: int, style: int) -> str:
    forms = [
        f"{mant} × 10^{exp}",
        f"{mant}×10^{exp}",
        f"{mant} x 10^{exp}",
        f"{mant}*10^{exp}",
        f"{mant}x10({exp})",
        f"{mant} × 10E{exp}",
        f"{mant}E+{exp:02d}",
        f"{mant}e{exp}",
        f"{mant} × 10{exp}",  # flattened superscript
        f"{mant}×10{exp}",
        f"{mant} × 10{str(exp).translate(SUPER)}",
    ]
    return forms[style % len(forms)]


def _mant_text(m, comma: bool) -> str:
    s = format(m.normalize(), "f")
    return s.replace(".", ",") if comma else s


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MANTISSAS, EXPONENTS, COUNT_UNITS, st.integers(0, 10))
def test_power_notation_round_trip(mant, exp, unit, style) -> None:
    written, canonical = unit
    text = f"Dose: {_render_power(format(mant.normalize(), 'f'), exp, style)} {written} i.v."
    (m,) = find_doses(text)
    (d,) = m.doses
    want = float(mant) * 10**exp
    assert math.isclose(d.low, want, rel_tol=1e-9) and math.isclose(d.high, want, rel_tol=1e-9)
    assert d.unit == canonical
    assert text[m.end :] == " i.v."  # the route stays outside the span


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value="0.1", max_value="999", places=1).filter(lambda d: d > 0),
    st.decimals(min_value="0.1", max_value="999", places=1).filter(lambda d: d > 0),
    MASS_UNITS,
    st.sampled_from(["–", "-", " to ", " – "]),
    st.booleans(),
)
def test_range_round_trip(a, b, unit, dash, comma) -> None:
    lo, hi = sorted((a, b))
    if lo == hi:
        return
    written, canonical = unit
    text = f"given {_mant_text(lo, comma)}{dash}{_mant_text(hi, comma)} {written} daily"
    (m,) = find_doses(text)
    (d,) = m.doses
    assert math.isclose(d.low, float(lo)) and math.isclose(d.high, float(hi))
    assert d.unit == canonical
    assert m.text.endswith(written)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 500), min_size=2, max_size=4, unique=True),
    MASS_UNITS,
    st.sampled_from(["or", "and"]),
    st.booleans(),
    st.sampled_from(["", " thousand", " million"]),
)
def test_list_round_trip(values, unit, conj, repeat_unit, scale) -> None:
    written, canonical = unit
    if scale:
        written, canonical = "cells/kg", "cells/kg"
    suffix = f"{scale} {written}"
    items = [f"{v}{suffix}" if repeat_unit else str(v) for v in values[:-1]]
    items.append(f"{values[-1]}{suffix}")
    joined = (
        ", ".join(items[:-1]) + f", {conj} " + items[-1]
        if len(items) > 2
        else (f"{items[0]} {conj} {items[1]}")
    )
    factor = {"": 1, " thousand": 1e3, " million": 1e6}[scale]
    (m,) = find_doses(f"doses of {joined} were compared")
    assert m.text == joined
    assert [d.low for d in m.doses] == pytest.approx([v * factor for v in values])
    assert {d.unit for d in m.doses} == {canonical}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_offsets_in_range(text: str) -> None:
    matches = find_doses(text)
    prev_end = 0
    for m in matches:
        assert 0 <= prev_end <= m.start < m.end <= len(text)
        assert m.text == text[m.start : m.end]
        assert 0.0 < m.confidence <= 1.0
        prev_end = m.end
    parse_dose(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 ,.-–×xX*^()eE+/µμgmLlcellsparticlekgtoandor%", max_size=60))
def test_never_raises_on_number_soup(text: str) -> None:
    for m in find_doses(text):
        assert 0 <= m.start < m.end <= len(text)
        for d in m.doses:
            assert d.low <= d.high
            assert math.isfinite(d.low) and math.isfinite(d.high)
    parse_dose(text)


# Figures that are not doses, in random notation: the finder must stay silent on all of them.
NOT_DOSES = st.one_of(
    st.integers(1950, 2030).map(str),  # years
    st.tuples(st.integers(1950, 2030), st.integers(1950, 2030)).map(lambda t: f"({t[0]}–{t[1]})"),
    st.decimals("0.1", "99.9", places=1).map(lambda d: f"{d}%"),
    st.tuples(
        st.decimals("0.1", "99", places=1),
        st.sampled_from(
            [
                "weeks",
                "months",
                "days",
                "h",
                "min",
                "years",
                "patients",
                "mice",
                "nm",
                "mm",
                "-fold",
                "°C",
                "rpm",
                "× g",
                "kDa",
                "sessions",
            ]
        ),
    ).map(lambda t: f"{t[0]} {t[1]}"),
    st.tuples(st.integers(2, 30), st.integers(31, 300)).map(lambda t: f"{t[0]}–{t[1]} nm"),
    st.integers(1, 9).map(lambda n: f"p < 0.0{n}"),
    st.tuples(st.integers(1, 9), st.integers(2, 12)).map(lambda t: f"P = {t[0]} × 10^-{t[1]}"),
    st.tuples(st.integers(1, 40), st.integers(100, 900), st.integers(1, 99)).map(
        lambda t: f"{t[0]}:{t[1]}–{t[2]}"  # volume:pages
    ),
    st.integers(2, 12).map(lambda n: f"{n}-week-old"),
    st.tuples(st.integers(1, 500), st.integers(1, 99)).map(lambda t: f"{t[0]} ± {t[1]} ng/mL"),
)


@settings(max_examples=300, deadline=None)
@given(NOT_DOSES, st.sampled_from(["In {} the", "({})", "{}", "after {}, then", "was {}."]))
def test_not_doses_stay_silent(figure: str, frame: str) -> None:
    text = frame.format(figure)
    assert find_doses(text) == [], text


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(MANTISSAS, EXPONENTS),
    st.tuples(MANTISSAS, EXPONENTS),
    COUNT_UNITS,
    st.integers(0, 10),
    st.sampled_from(["–", " – ", " to ", "-"]),
    st.sampled_from(["", " (low dose)"]),
)
def test_power_range_and_labelled_list_round_trip(a, b, unit, style, dash, label) -> None:
    (ma, ea), (mb, eb) = sorted((a, b), key=lambda t: float(t[0]) * 10 ** t[1])
    lo, hi = float(ma) * 10**ea, float(mb) * 10**eb
    if math.isclose(lo, hi):
        return
    written, canonical = unit
    ra = _render_power(format(ma.normalize(), "f"), ea, style)
    rb = _render_power(format(mb.normalize(), "f"), eb, style)
    if label:  # a list across dose labels: "A (low dose) or B (high dose) particles/20 g"
        text = f"EVs: {ra}{label} or {rb} (high dose) {written} s.c."
        (m,) = find_doses(text)
        assert [d.low for d in m.doses] == pytest.approx([lo, hi], rel=1e-9)
        assert {d.unit for d in m.doses} == {canonical}
    else:
        text = f"EVs: {ra}{dash}{rb} {written} s.c."
        (m,) = find_doses(text)
        (d,) = m.doses
        assert math.isclose(d.low, lo, rel_tol=1e-9) and math.isclose(d.high, hi, rel_tol=1e-9)
        assert d.unit == canonical
    assert text[m.end :] == " s.c."


def test_unit_table_entries_name_a_source() -> None:
    # STYLE B1.3 / B5: curated knowledge is data, and each entry says where it comes from.
    from importlib.resources import files

    raw = json.loads(files("extractor.data").joinpath("units.json").read_text(encoding="utf-8"))
    missing: list[str] = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            if any(k in node for k in ("regex", "forms", "words")) and not node.get("source"):
                missing.append(path)
            for k, v in node.items():
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    walk(raw, "units")
    assert missing == []


# Disease inducers, stimuli and mediators are one curated list, models/records/inducers.jsonl
# (each row with its source and the names it covers): the dose filter drops their amounts and
# the record assembler knows the inducers and stimuli, so a route, dose or cytokine rise of
# theirs never becomes the therapy's.
def _agent_names(roles: tuple[str, ...]) -> list[str]:
    from extractor.normalize.agents import agents

    return [n for r in agents(roles) for n in r["names"]]


def test_the_dose_filter_and_the_records_read_one_inducer_list() -> None:

    import re

    from extractor.normalize.agents import AGENT_ROLES, INDUCER_ROLES, agents
    from extractor.normalize.dose_cues import agent_rows
    from extractor.normalize.first_chars import guarded
    from extractor.records.pieces import inducer

    dose_rows = agent_rows()
    # the dose filter reads every row of the shared list, the records its inducers and stimuli
    assert dose_rows == tuple((r["role"], r["pattern"]) for r in agents(AGENT_ROLES))
    dose_inducers = [p for role, p in dose_rows if role in INDUCER_ROLES]
    assert dose_inducers == [r["pattern"] for r in agents(INDUCER_ROLES)]
    # the records' pattern is the same rows, guarded (normalize.first_chars: same matches)
    rows = re.compile("|".join(f"(?:{p})" for p in dose_inducers), re.IGNORECASE)
    assert inducer().pattern == guarded(rows).pattern
    assert all(r["names"] and r["source"] for r in agents(AGENT_ROLES))
    # and the context rules keep none of their own: no cue read after an amount names an agent
    from extractor.context import default_engine

    own = [r.regex for r in default_engine().category("AGENT_AFTER")]
    for name in _agent_names(AGENT_ROLES):
        assert not any(c.match(name) for c in own), name


@pytest.mark.parametrize("name", _agent_names(("inducer", "stimulus")))
def test_the_dose_filter_and_the_records_know_the_same_inducers(name: str) -> None:
    from extractor.records.pieces import inducer

    assert inducer().search(f"Dermatitis was induced with {name} in mice.") is not None
    before, after = f"{name} (30 mg/kg) was given first.", f"Mice got 30 µg {name} on the ear."
    for text in (before, after):
        assert find_doses(text) == [], text


@pytest.mark.parametrize("name", _agent_names(("mediator",)))
def test_a_mediator_amount_is_a_stimulus_but_its_name_no_insult(name: str) -> None:
    # "10 µg/mL histamine" is a stimulus; "serum histamine fell" is an outcome, not an insult
    from extractor.records.pieces import inducer

    assert find_doses(f"Mast cells got 10 µg/mL {name} for 1 h.") == []
    assert inducer().search(f"Serum {name} fell after the infusions.") is None


def test_a_therapy_amount_next_to_an_inducer_stays_a_dose() -> None:
    text = "STZ-diabetic rats received ADSC-Exos (30 µg) around the wound."
    assert [m.text for m in find_doses(text)] == ["30 µg"]


def test_a_marrow_aspirate_named_by_its_harvest_site_is_source_material() -> None:
    # the iliac crest is where marrow is aspirated (units.json source_material after)
    text = "Cells were expanded from 50 mL of iliac crest aspirate, and VEGF rose in wound fluid."
    assert find_doses(text) == []
    given = "Patients received 2 mL of iliac crest marrow-derived cells intradermally."
    assert [m.text for m in find_doses(given)] == ["2 mL"]
