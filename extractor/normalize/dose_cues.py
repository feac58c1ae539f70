"""The cues the dose filters read: rows of the context engine plus the conditions of
``extractor/data/units.json`` and the shared list of disease inducers and stimuli.

Compiled once per engine (a saved pipeline may carry its own rows). The disease inducers and
stimuli are curated knowledge shared with the record assembler, read from
``models/records/inducers.jsonl`` (``extractor.normalize.agents``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extractor.context import ContextEngine
from extractor.normalize.agents import agents
from extractor.normalize.quantity import alternation, body_sites, expand, grammar, units_table

__all__ = ["PER_COUNT_RATIO", "VOLUME_UNITS", "Cues", "agent_rows", "cues"]

PER_COUNT_RATIO = "dose.per_count_ratio"
# A bare volume: the amounts a vehicle or diluent cue applies to ("in 200 µL PBS").
VOLUME_UNITS = frozenset({"mL", "µL"})
# How far a cue is read when its row gives no max_scope.
_AGENT_WINDOW, _BEFORE_WINDOW, _CULTURE_WINDOW = 80, 40, 200


@dataclass(frozen=True, slots=True)
class Cues:
    """The filters' cues: rows of the engine plus the conditions of ``units.json``."""

    after_cues: tuple[tuple[str, re.Pattern[str]], ...]  # (rule id, cue) read after the amount
    volume_cues: tuple[tuple[str, re.Pattern[str]], ...]  # vehicles: bare-volume doses only
    volume_units: frozenset[str]
    agent_window: int  # how far after the amount its reagent is read (the rows' max_scope)
    # (id, cue, applies to counts, how far before the amount it is read)
    before_cues: tuple[tuple[str, re.Pattern[str], bool, int], ...]
    therapeutic: re.Pattern[str]
    count_noun: re.Pattern[str]
    modifiers: frozenset[str]
    ratio_denominator: re.Pattern[str]  # count nouns after "per": a yield, not a dose
    vehicle_before: re.Pattern[str]  # "… in" before a bare volume: the vehicle of an amount
    vehicle_window: int
    blood_always: re.Pattern[str]  # "/mm3" after a count: a blood count, never a dose
    blood_with_context: re.Pattern[str]  # "/µL", "/L": a blood count with a context word
    blood_dens: frozenset[str]  # canonical denominators of the unit reader that are blood's
    blood_context: re.Pattern[str]
    blood_therapy: re.Pattern[str]
    blood_administration: re.Pattern[str]
    blood_window: int
    measure_volumes: frozenset[str]  # canonical volume denominators: a concentration's
    measure_cue: re.Pattern[str]  # "levels", "NTA", "quantified": a measurement word
    measure_after: re.Pattern[str]  # "(NTA)", "in serum" right after the value
    measure_sample: re.Pattern[str]  # "serum", "concentration": only with no administration
    measure_administration: re.Pattern[str]
    measure_window: int
    measure_whole_product: re.Pattern[str]  # "nucleated cells": a point-of-care product's count
    measure_yield: re.Pattern[str]  # "yield", "yielded": the cue that count is exempt from
    area_dens: frozenset[str]  # "mm2": counting areas of a tissue section
    area_after: re.Pattern[str]  # "/HPF", " per high-power field"
    area_window: int
    tissue_units: frozenset[str]  # "mL", "mg": numerators that measure harvested tissue
    source_after: re.Pattern[str]  # "of abdominal lipoaspirate" right after the amount
    source_product: re.Pattern[str]  # "graft", "enriched", "-derived" after the source noun
    harvest: re.Pattern[str]  # "harvested", "aspirated", "liposuction"
    harvest_aux: re.Pattern[str]  # "was" / "were" right before a harvest verb
    source_administration: re.Pattern[str]
    source_window: int
    culture_dens: frozenset[str]  # "well": culture vessels
    culture_after: re.Pattern[str]  # "HaCaT cells per well" after a unit-less count
    culture_window: int  # the part of the sentence the owner and culture words are read in
    cell_noun: re.Pattern[str]
    culture_area_dens: frozenset[str]  # "cm2": a culture surface or a treatment area
    area_site: re.Pattern[str]  # "wound", "ulcer": the area is the patient's
    area_administration: re.Pattern[str]  # "sprayed", "applied"
    area_culture: re.Pattern[str]  # "seeded", "expanded", "density", "flasks"
    area_coculture: re.Pattern[str]  # "co-cultured", "Transwell"


@lru_cache(maxsize=8)
def cues(engine: ContextEngine) -> Cues:
    """The cues of one engine (its rows) with the conditions of ``units.json``, read one
    filter's group at a time."""
    raw = units_table()
    return Cues(
        **_agent_cues(engine, raw),
        **_word_cues(engine, raw),
        **_blood_cues(engine, raw),
        **_measure_cues(engine, raw),
        **_source_cues(engine, raw),
        **_culture_cues(engine, raw),
    )


def _rule(engine: ContextEngine, rule_id: str) -> Any:
    """One context rule the filters cannot do without: a missing one says which."""
    try:
        return engine.rule(rule_id)
    except KeyError:
        raise KeyError(f"the dose filters need the context rule {rule_id!r}") from None


def _agent_cues(engine: ContextEngine, raw: dict[str, Any]) -> dict[str, Any]:
    """The reagent named after the amount (the engine's AGENT_AFTER rows, the shared list of
    inducers and stimuli, the comparator drugs), the vehicles of a bare volume, and the
    stimulus named before it (STIMULUS_BEFORE)."""
    after = engine.category("AGENT_AFTER", "backward")  # named after the amount
    return dict(
        after_cues=tuple(
            (r.id, re.compile(rf"(?:{r.regex.pattern})(?![A-Za-z])"))
            for r in after
            if "VOLUME" not in r.allowed_types
        )
        + tuple(
            (f"inducers.jsonl:{role}", re.compile(rf"(?:{p})(?![A-Za-z])", re.IGNORECASE))
            for role, p in agent_rows()
        )
        + (
            (
                "units.json:comparator_drugs",
                re.compile(rf"(?:{_drug_pattern(raw['comparator_drugs'])})(?![A-Za-z0-9])"),
            ),
        ),
        volume_cues=tuple(
            (r.id, re.compile(rf"(?:{r.regex.pattern})(?![A-Za-z])"))
            for r in after
            if "VOLUME" in r.allowed_types
        ),
        volume_units=VOLUME_UNITS,
        agent_window=max((r.max_scope or _AGENT_WINDOW for r in after), default=_AGENT_WINDOW),
        before_cues=tuple(
            (
                r.id,
                r.regex,
                not r.allowed_types or "COUNT" in r.allowed_types,
                r.max_scope or _BEFORE_WINDOW,
            )
            for r in engine.category("STIMULUS_BEFORE", "forward")
        ),
    )


def _word_cues(engine: ContextEngine, raw: dict[str, Any]) -> dict[str, Any]:
    """Therapy words, count nouns and their modifiers, a yield's denominator, a vehicle."""
    return dict(
        therapeutic=re.compile(raw["therapeutic_words"]["regex"]),
        count_noun=grammar().count_noun,
        modifiers=frozenset(w.lower() for w in raw["stimulus_modifiers"]["words"]),
        ratio_denominator=_rule(engine, PER_COUNT_RATIO).regex,
        vehicle_before=_rule(engine, "dose.vehicle_volume").regex,
        vehicle_window=_rule(engine, "dose.vehicle_volume").max_scope,
    )


def _blood_cues(engine: ContextEngine, raw: dict[str, Any]) -> dict[str, Any]:
    """A blood count ("/mm3" always; "/µL" with a context word), never a dose."""
    blood = raw["blood_count"]
    forms = expand(blood["with_context"]["forms"], raw["micro_prefixes"]["forms"])
    den_canon = grammar().den_canon
    return dict(
        blood_always=re.compile(
            rf"(?:{alternation(blood['always']['forms'])})(?![A-Za-z0-9])", re.IGNORECASE
        ),
        blood_with_context=re.compile(rf"(?:{alternation(forms)})(?![A-Za-z0-9])"),
        blood_dens=frozenset(den_canon[f] for f in forms if f in den_canon),
        blood_context=_rule(engine, "dose.blood_count").regex,
        blood_therapy=re.compile(blood["therapy"]["regex"]),
        blood_administration=re.compile(blood["administration"]["regex"]),
        blood_window=_rule(engine, "dose.blood_count").max_scope,
    )


def _measure_cues(engine: ContextEngine, raw: dict[str, Any]) -> dict[str, Any]:
    """A concentration measured in a sample, and a density counted on a tissue section."""
    measured = raw["measured_concentration"]
    return dict(
        measure_volumes=frozenset(measured["volume_denominators"]["forms"]),
        measure_cue=_rule(engine, "dose.measured_concentration").regex,
        measure_after=re.compile(measured["after"]["regex"]),
        measure_sample=re.compile(measured["sample_cues"]["regex"]),
        measure_administration=re.compile(measured["administration"]["regex"]),
        measure_window=_rule(engine, "dose.measured_concentration").max_scope,
        measure_whole_product=re.compile(measured["whole_product_count"]["regex"]),
        measure_yield=re.compile(measured["whole_product_count"]["yield_cue"]),
        area_dens=frozenset(raw["counting_area"]["denominators"]["forms"]),
        area_after=_rule(engine, "dose.counting_density").regex,
        area_window=_rule(engine, "dose.counting_density").max_scope,
    )


def _source_cues(engine: ContextEngine, raw: dict[str, Any]) -> dict[str, Any]:
    """An amount of harvested tissue ("50 mL of abdominal lipoaspirate"), not of the product."""
    source = raw["source_material"]
    return dict(
        tissue_units=frozenset(source["tissue_units"]["forms"]),
        source_after=re.compile(source["after"]["regex"], re.IGNORECASE),
        source_product=re.compile(source["product"]["regex"]),
        harvest=_rule(engine, "dose.source_material").regex,
        harvest_aux=re.compile(source["auxiliary"]["regex"]),
        source_administration=re.compile(source["administration"]["regex"]),
        source_window=_rule(engine, "dose.source_material").max_scope,
    )


def _culture_cues(engine: ContextEngine, raw: dict[str, Any]) -> dict[str, Any]:
    """A seeding density of a culture (per well, per cm² of a flask), not a dose, unless the
    area is the patient's."""
    culture = raw["culture_density"]
    area = culture["area"]
    return dict(
        culture_dens=frozenset(culture["denominators"]["forms"]),
        culture_after=_rule(engine, "dose.culture_density").regex,
        culture_window=_rule(engine, "dose.culture_density").max_scope or _CULTURE_WINDOW,
        cell_noun=re.compile(culture["cell_noun"]["regex"]),
        culture_area_dens=frozenset(area["denominators"]["forms"]),
        area_site=_area_site(area["site"]["regex"]),
        area_administration=re.compile(area["administration"]["regex"]),
        area_culture=re.compile(area["culture"]["regex"]),
        area_coculture=re.compile(area["coculture"]["regex"]),
    )


def _area_site(regex: str) -> re.Pattern[str]:
    """The site words of ``units.json`` with the body sites of ``body_sites.json`` ("was
    injected into one side of the scalp"): an area of the patient's skin, not of a flask. A
    site that is also a common word (``area_word: false``: "the sole treatment") is left out."""
    forms = [f for r in body_sites() if r.get("area_word", True) for f in r["forms"]]
    return re.compile(rf"{regex}|(?i:\b(?:{alternation(forms)})\b)")


def _drug_pattern(drugs: dict[str, Any]) -> str:
    """One pattern for the comparator and background drugs of ``units.json``
    ``comparator_drugs``: INN stems and names case-insensitively, abbreviations as written."""
    names = [f for e in drugs["names"] for f in e["forms"]]
    name_alt = "|".join(
        re.escape(n).replace(r"\ ", r"[ \t\u00a0-]+")
        for n in sorted(set(names), key=len, reverse=True)
    )
    return (
        rf"{drugs['stems']['regex']}|(?i:{name_alt})"
        rf"|(?-i:{alternation(drugs['abbreviations']['forms'])})"
    )


@lru_cache(maxsize=1)
def agent_rows() -> tuple[tuple[str, str], ...]:
    """(role, pattern) of every disease inducer, stimulus and mediator in the list the record
    assembler reads too (``models/records/inducers.jsonl``): one source for both."""
    return tuple((r["role"], r["pattern"]) for r in agents())
