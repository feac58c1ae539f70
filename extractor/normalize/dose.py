"""Dose recognition and parsing on raw text (SCHEMA §1 DOSE, §3 dose object).

Pure functions, no spaCy: the pipeline component, the record assembler and table-cell
readers all call the same code. The grammar is written from notation, not from any one
paper: a *quantity* (mantissa, power of ten in any of its spellings, scale word), an
optional *unit* from the table in ``extractor/data/units.json``, *ranges* (–, -, to) and
*lists* (commas, or, and) that share a trailing unit. Context cues from the same table
drop amounts that are not of the therapeutic (in-vitro stimuli, disease inducers,
comparator drugs, seeding densities, body weights, p-values). The disease inducers and
stimuli are not in that table: they are curated knowledge shared with the record assembler,
read from ``models/records/inducers.jsonl`` (``extractor.records.lexicon.agents``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib.resources import files
from typing import Any

from extractor.normalize.numbers import parse_number, words_pattern
from extractor.types import Dose

__all__ = ["DoseMatch", "find_doses", "parse_dose"]


@dataclass(frozen=True, slots=True)
class DoseMatch:
    """One DOSE span in a text, with the dose objects it denotes."""

    start: int
    end: int
    text: str
    doses: tuple[Dose, ...]
    confidence: float


# ---------------------------------------------------------------------------
# Unit table (data file) compiled once.


@dataclass(frozen=True, slots=True)
class _Table:
    numerator: re.Pattern[str]
    num_canon: dict[str, str]
    denominator: re.Pattern[str]
    den_canon: dict[str, str]
    den_si: re.Pattern[str]  # SI negative-exponent form: "kg−1", "mL⁻¹"
    body_weight: re.Pattern[str]
    scale: dict[str, float]
    after_cues: tuple[re.Pattern[str], ...]
    agent_rows: tuple[tuple[str, str], ...]  # (role, pattern) read from the shared agent list
    volume_cues: tuple[re.Pattern[str], ...]  # vehicles: only against bare-volume doses
    volume_units: frozenset[str]
    before_cues: tuple[tuple[re.Pattern[str], bool], ...]  # (cue, applies to counts too)
    therapeutic: re.Pattern[str]
    count_noun: re.Pattern[str]
    non_dose_unit: re.Pattern[str]
    modifiers: frozenset[str]
    assay_clause: re.Pattern[str]
    ratio_denominator: re.Pattern[str]  # count nouns after "per": a yield, not a dose
    vehicle_before: re.Pattern[str]  # "… in" before a bare volume: the vehicle of an amount
    material: re.Pattern[str]  # " of exosomal protein" between a mass and its denominator
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
    area_dens: frozenset[str]  # "mm2": counting areas of a tissue section
    area_after: re.Pattern[str]  # "/HPF", " per high-power field"
    tissue_units: frozenset[str]  # "mL", "mg": numerators that measure harvested tissue
    source_after: re.Pattern[str]  # "of abdominal lipoaspirate" right after the amount
    source_product: re.Pattern[str]  # "graft", "enriched", "-derived" after the source noun
    harvest: re.Pattern[str]  # "harvested", "aspirated", "liposuction"
    harvest_aux: re.Pattern[str]  # "was" / "were" right before a harvest verb
    source_administration: re.Pattern[str]
    source_window: int
    culture_dens: frozenset[str]  # "well": culture vessels
    culture_after: re.Pattern[str]  # "HaCaT cells per well" after a unit-less count
    cell_noun: re.Pattern[str]
    culture_area_dens: frozenset[str]  # "cm2": a culture surface or a treatment area
    area_site: re.Pattern[str]  # "wound", "ulcer": the area is the patient's
    area_administration: re.Pattern[str]  # "sprayed", "applied"
    area_culture: re.Pattern[str]  # "seeded", "expanded", "density", "flasks"
    area_coculture: re.Pattern[str]  # "co-cultured", "Transwell"


def _expand(forms: list[str], micro: list[str]) -> list[str]:
    out: list[str] = []
    for f in forms:
        if "{micro}" in f:
            out.extend(f.replace("{micro}", m) for m in micro)
        else:
            out.append(f)
    return out


def _alternation(forms: list[str]) -> str:
    # Longest first so "mL" wins over "m", "day" over "d".
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


@lru_cache(maxsize=1)
def _table() -> _Table:
    raw: dict[str, Any] = json.loads(
        files("extractor.data").joinpath("units.json").read_text(encoding="utf-8")
    )
    micro = raw["micro_prefixes"]["forms"]
    canon_micro = raw["micro_prefixes"]["canonical"]

    def canon_map(entries: list[dict[str, Any]]) -> dict[str, str]:
        m: dict[str, str] = {}
        for e in entries:
            for f in _expand(e["forms"], micro):
                m[f] = e["canonical"].replace("{micro}", canon_micro)
        return m

    num_canon = canon_map(raw["numerators"])
    den_canon = canon_map(raw["denominators"])
    scale = {f.lower(): float(e["factor"]) for e in raw["scale_words"] for f in e["forms"]}
    bw = raw["body_weight_suffixes"]["forms"]
    agent_rows = _agent_rows()
    blood = raw["blood_count"]
    blood_ctx_forms = _expand(blood["with_context"]["forms"], micro)
    measured = raw["measured_concentration"]
    source = raw["source_material"]
    return _Table(
        numerator=re.compile(rf"(?:{_alternation(list(num_canon))})(?![A-Za-z0-9µμ])"),
        num_canon=num_canon,
        denominator=re.compile(rf"(?:{_alternation(list(den_canon))})(?![A-Za-z0-9µμ])"),
        den_canon=den_canon,
        den_si=re.compile(rf"(?P<d>{_alternation(list(den_canon))})(?:\^?(?:-1|−1)|⁻¹)(?![0-9])"),
        body_weight=re.compile(rf"[ \t]+(?:{_alternation(bw)})(?![A-Za-z])"),
        scale=scale,
        after_cues=tuple(
            re.compile(rf"(?:{p['regex']})(?![A-Za-z])")
            for p in raw["not_therapeutic_after"]["patterns"]
            if "only_units" not in p
        )
        + tuple(re.compile(rf"(?:{p})(?![A-Za-z])", re.IGNORECASE) for _, p in agent_rows)
        + (re.compile(rf"(?:{_drug_pattern(raw['comparator_drugs'])})(?![A-Za-z0-9])"),),
        agent_rows=agent_rows,
        volume_cues=tuple(
            re.compile(rf"(?:{p['regex']})(?![A-Za-z])")
            for p in raw["not_therapeutic_after"]["patterns"]
            if "only_units" in p
        ),
        volume_units=frozenset(
            u for p in raw["not_therapeutic_after"]["patterns"] for u in p.get("only_units", ())
        ),
        before_cues=tuple(
            (re.compile(p["regex"]), not p.get("not_for_counts", False))
            for p in raw["not_therapeutic_before"]["patterns"]
        ),
        therapeutic=re.compile(raw["therapeutic_words"]["regex"]),
        count_noun=re.compile(raw["count_nouns"]["regex"]),
        non_dose_unit=re.compile(raw["non_dose_units"]["regex"]),
        assay_clause=re.compile(raw["assay_clause"]["regex"]),
        modifiers=frozenset(w.lower() for w in raw["stimulus_modifiers"]["words"]),
        ratio_denominator=re.compile(raw["per_count_ratio"]["regex"]),
        vehicle_before=re.compile(raw["vehicle_volume_before"]["regex"]),
        material=re.compile(raw["numerator_material"]["regex"]),
        vehicle_window=int(raw["vehicle_volume_before"]["window"]),
        blood_always=re.compile(
            rf"(?:{_alternation(blood['always']['forms'])})(?![A-Za-z0-9])", re.IGNORECASE
        ),
        blood_with_context=re.compile(rf"(?:{_alternation(blood_ctx_forms)})(?![A-Za-z0-9])"),
        blood_dens=frozenset(den_canon[f] for f in blood_ctx_forms if f in den_canon),
        blood_context=re.compile(blood["context"]["regex"]),
        blood_therapy=re.compile(blood["therapy"]["regex"]),
        blood_administration=re.compile(blood["administration"]["regex"]),
        blood_window=int(blood["window"]),
        measure_volumes=frozenset(measured["volume_denominators"]["forms"]),
        measure_cue=re.compile(measured["cues"]["regex"]),
        measure_after=re.compile(measured["after"]["regex"]),
        measure_sample=re.compile(measured["sample_cues"]["regex"]),
        measure_administration=re.compile(measured["administration"]["regex"]),
        measure_window=int(measured["window"]),
        area_dens=frozenset(raw["counting_area"]["denominators"]["forms"]),
        area_after=re.compile(raw["counting_area"]["after"]["regex"]),
        tissue_units=frozenset(source["tissue_units"]["forms"]),
        source_after=re.compile(source["after"]["regex"], re.IGNORECASE),
        source_product=re.compile(source["product"]["regex"]),
        harvest=re.compile(source["harvest"]["regex"]),
        harvest_aux=re.compile(source["auxiliary"]["regex"]),
        source_administration=re.compile(source["administration"]["regex"]),
        source_window=int(source["window"]),
        culture_dens=frozenset(raw["culture_density"]["denominators"]["forms"]),
        culture_after=re.compile(raw["culture_density"]["after"]["regex"]),
        cell_noun=re.compile(raw["culture_density"]["cell_noun"]["regex"]),
        culture_area_dens=frozenset(raw["culture_density"]["area"]["denominators"]["forms"]),
        area_site=re.compile(raw["culture_density"]["area"]["site"]["regex"]),
        area_administration=re.compile(raw["culture_density"]["area"]["administration"]["regex"]),
        area_culture=re.compile(raw["culture_density"]["area"]["culture"]["regex"]),
        area_coculture=re.compile(raw["culture_density"]["area"]["coculture"]["regex"]),
    )


def _drug_pattern(drugs: dict[str, Any]) -> str:
    """One pattern for the comparator and background drugs of ``units.json``
    ``comparator_drugs``: INN stems and names case-insensitively, abbreviations as written."""
    names = [f for e in drugs["names"] for f in e["forms"]]
    name_alt = "|".join(
        re.escape(n).replace(r"\ ", r"[ \t\u00a0-]+") for n in sorted(set(names), key=len, reverse=True)
    )
    return (
        rf"{drugs['stems']['regex']}|(?i:{name_alt})"
        rf"|(?-i:{_alternation(drugs['abbreviations']['forms'])})"
    )


def _agent_rows() -> tuple[tuple[str, str], ...]:
    """(role, pattern) of every disease inducer, stimulus and mediator in the list the record
    assembler reads too (``models/records/inducers.jsonl``): one source for both."""
    # imported here: extractor.records imports this module (no cycle at import time)
    from extractor.records.lexicon import agents

    return tuple((r["role"], r["pattern"]) for r in agents())


# ---------------------------------------------------------------------------
# Quantity grammar.

_SP = r"[ \t\u00a0\u2009\u202f]"  # spaces that may sit inside a quantity (incl. nbsp, thin)
_NUM = (
    r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+(?![0-9])"  # 1,000,000
    r"|[1-9][0-9]{0,2}(?:[\u2009\u202f\u00a0][0-9]{3})+(?![0-9])"  # 1 000 000 (thin space)
    r"|[1-9][0-9]{1,2}(?:[ ][0-9]{3})+(?![0-9]|[.,][0-9])"  # 500 000 ([ ]: the quantity regex is VERBOSE)
    r"|(?:0|[1-9][0-9]*)(?:[.,][0-9]+)?)"  # no leading zeros: "000" is not a number
)
# A count in words before a scale word ("two million cells/kg", "Five hundred thousand
# cells"): the number grammar shared with sample sizes (extractor.normalize.numbers).
_WORD_MANT = rf"(?:{words_pattern()})(?={_SP}+(?:million|billion)s?\b)"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP = rf"⁻?[{_SUPERSCRIPTS}]+"
_MINUS = r"[-−–]"
_TIMES = r"[×xX*·✕]"
# Power of ten after "10": ^6, (6), E6 / E+06, superscript digits.
_POW_EXPLICIT = (
    rf"(?:{_SP}*\^{_SP}*(?P<{{p}}a>{_MINUS}?[0-9]{{{{1,2}}}})"
    rf"|{_SP}*\({_SP}*(?P<{{p}}b>{_MINUS}?[0-9]{{{{1,2}}}}){_SP}*\)"
    rf"|[eE]\+?(?P<{{p}}c>[0-9]{{{{1,2}}}})(?![0-9])"
    rf"|(?P<{{p}}d>{_SUP}))"
)
_QTY_TEMPLATE = (
    rf"""
    (?:
        # bare power of ten: 10^6, 10(6), 10E6, 10⁶ (mantissa 1)
        (?P<bare>10){_POW_EXPLICIT.format(p="s")}
      |
        (?P<mant>{_NUM}|{_WORD_MANT})
        (?:
            {_SP}*\n?{_SP}*(?P<times>{_TIMES}){_SP}*\n?{_SP}*10
            (?:
                {_POW_EXPLICIT.format(p="t")}
                # flattened superscript: "5×106", "1.19 × 1010" (exponent glued to 10)
              | (?P<flat>[1-9][0-9]?)(?![0-9]|[.,][0-9])
                # ... or set off by one space when the PDF lost the raise: "1 × 10 6 cells"
              | [ ](?P<flatsp>[1-9][0-9]?)(?![0-9]|[.,][0-9])
            )
          | [eE](?P<sci>[+\-−]?[0-9]{{1,2}})(?![0-9])
        )?
    )
    (?:{_SP}+(?P<scale>{{scale_words}})(?![A-Za-z]))?
    """
)


@lru_cache(maxsize=1)
def _qty_re() -> re.Pattern[str]:
    """The quantity pattern, with the scale words of the unit table (million, billion ...)."""
    words = _alternation(list(_table().scale))
    return re.compile(_QTY_TEMPLATE.replace("{scale_words}", words), re.VERBOSE | re.IGNORECASE)


_RANGE_STRICT = re.compile(rf"{_SP}*[–—‒−~\u2010\u2011-]{_SP}*|{_SP}+to{_SP}+")
_LIST_SEP = re.compile(rf"{_SP}*,{_SP}*(?:(?:and|or){_SP}+)?|{_SP}+(?:and/or|and|or){_SP}+")
_LABEL = re.compile(rf"{_SP}*\((?P<label>[^()\d\n]{{1,30}})\)")
_UNIT_GAP = re.compile(rf"-(?=[A-Za-zµμ])|{_SP}?\n?{_SP}?")  # "5 µg", "5µg", "5-µg", a PDF line break
_PER = re.compile(rf"{_SP}*/{_SP}*|{_SP}+per{_SP}+")
_DEN_NUM = re.compile(rf"(?P<n>[0-9]+(?:\.[0-9]+)?){_SP}*")
_SUP_MAP = str.maketrans(_SUPERSCRIPTS + "⁻", "0123456789-")


@dataclass(frozen=True, slots=True)
class _Qty:
    start: int
    end: int
    mantissa: Decimal
    multiplier: Decimal  # power of ten and scale word together
    has_power: bool  # "×10^k" / flattened / e-notation / bare 10^k
    times_power: bool  # mantissa × 10^k: counts that need no unit (SCHEMA "5 × 105")
    scaled: bool  # million / billion / thousand
    negative_exp: bool

    @property
    def value(self) -> Decimal:
        return self.mantissa * self.multiplier


@dataclass(frozen=True, slots=True)
class _Unit:
    start: int
    end: int
    canonical: str
    has_numerator: bool


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int  # end of the item's own text (incl. its own unit)
    low: _Qty
    high: _Qty | None
    unit: _Unit | None
    label_end: int  # end after a trailing "(low dose)" label, else == end


def _number(s: str) -> Decimal:
    """Read a mantissa: "1,000" is a thousands group, "0,5" a comma decimal, "two" a word
    (``extractor.normalize.numbers``, the parser sample sizes use)."""
    whole = parse_number(s) if not re.search(r"[.]|^0,|,[0-9]{1,2}$|,[0-9]{4,}", s) else None
    if whole is not None:
        return Decimal(whole)
    s = re.sub(r"[ \u2009\u202f\u00a0]", "", s)
    if "," in s:
        head, _, tail = s.partition(",")
        if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", s) and head != "0":
            s = s.replace(",", "")
        else:
            s = f"{head}.{tail}"
    return Decimal(s)


def _exp(s: str) -> int:
    return int(s.translate(_SUP_MAP).replace("−", "-").replace("–", "-"))


def _allowed_start(text: str, i: int) -> bool:
    """A quantity does not start inside a word or symbol (IL-10, CD34, cm2, DBA/2, 10.5)."""
    if i == 0:
        return True
    prev = text[i - 1]
    if prev.isalnum() or prev in "._/^,'’µμ" or prev in _SUPERSCRIPTS:
        return False
    if prev in "-‐‑" and i >= 2 and text[i - 2].isalpha():
        return False
    if re.search(r"(?:±|\+/-|\+/−)[ \t\u00a0\u2009]*$", text[max(0, i - 4) : i]):
        return False  # "350 ± 40 ng/mL": a spread, not an amount
    if re.search(r"\b[nN][ \t\u00a0]*=[ \t\u00a0]*$", text[max(0, i - 6) : i]):
        return False  # "n = 5, 10 µg/mL": a sample size does not join a dose list
    return True


def _qty_at(text: str, i: int) -> _Qty | None:
    if not _allowed_start(text, i):
        return None
    m = _qty_re().match(text, i)
    if m is None:
        return None
    try:
        g = m.groupdict()
        scale_word = g["scale"]
        mult = Decimal(1)
        has_power = times_power = negative = False
        if g["bare"]:
            mant = Decimal(1)
            e = next(g[k] for k in ("sa", "sb", "sc", "sd") if g[k])
            exp = _exp(e)
            has_power = True
        else:
            mant = _number(g["mant"])
            exp = 0
            for key in ("ta", "tb", "tc", "td", "flat", "flatsp"):
                if g[key]:
                    exp = _exp(g[key])
                    has_power = times_power = True
                    break
            if g["sci"]:
                exp = _exp(g["sci"])
                has_power = True
        if exp < 0:
            negative = True
        mult = Decimal(10) ** exp
        if scale_word:
            mult *= Decimal(str(_table().scale[scale_word.lower()]))
    except (InvalidOperation, ValueError, KeyError, StopIteration):
        return None
    if g["flatsp"] and not _count_follows(text, m.end()):
        # "2 × 10 20-min sessions": a spaced exponent needs a unit or a cell noun after it.
        return _Qty(m.start(), m.end("mant"), mant, Decimal(1), False, False, False, False)
    return _Qty(
        start=m.start(),
        end=m.end(),
        mantissa=mant,
        multiplier=mult,
        has_power=has_power,
        times_power=times_power,
        scaled=bool(scale_word),
        negative_exp=negative,
    )


def _count_follows(text: str, i: int) -> bool:
    if _unit_at(text, i, count=True) is not None:
        return True
    follow = _next_word(text, i)
    return follow is not None and _table().count_noun.fullmatch(follow) is not None


def _unit_at(text: str, i: int, *, count: bool = False) -> _Unit | None:
    """Numerator unit plus up to two per-denominators, right after position i.

    Denominators are written "/kg", " per kg" or with an SI negative exponent ("kg−1").
    With ``count`` (a power-of-ten or million quantity) the numerator may be left out:
    "2 × 10^6/kg" gives unit "/kg", not a guessed "cells/kg".
    """
    t = _table()
    gap = _UNIT_GAP.match(text, i)
    j = gap.end() if gap else i
    num = t.numerator.match(text, j)
    parts: list[str] = []
    if num is not None:
        parts.append(t.num_canon[num.group(0)])
        end = num.end()
        material = t.material.match(text, end)
        if material is not None and _denominator_at(text, material.end(), first=False):
            end = material.end()  # "20 µg of exosomal protein per cm2" -> µg/cm2
    elif count and text.startswith("/", i):
        parts.append("")
        j = end = i
    else:
        return None
    for _ in range(2):
        nxt = _denominator_at(text, end, first=len(parts) == 1 and parts[0] == "")
        if nxt is None:
            break
        if len(parts) > 1 and nxt[0] in _OCCASION_DENOMINATORS:
            break  # "… per hand per treatment": the occasion after a body unit is the schedule
        canon, end = nxt
        parts.append(canon)
    if parts == [""]:
        return None
    if len(parts) > 1 and parts[-1] == "kg":
        bw = t.body_weight.match(text, end)
        if bw is not None:
            end = bw.end()
    return _Unit(start=j, end=end, canonical="/".join(parts), has_numerator=bool(parts[0]))


_SI_PER = re.compile(rf"{_SP}*[·⋅]{_SP}*|{_SP}+")  # "µg mL−1", "µg·mL−1"
# Treatment occasions: a denominator only right after the numerator ("200 µg per application").
_OCCASION_DENOMINATORS = {"application", "administration", "treatment"}
_BODY_DENOMINATORS = {"kg", "g", "cm2", "m2", "mm2", "head", "mouse", "rat", "animal", "site"}


def _denominator_at(text: str, end: int, *, first: bool) -> tuple[str, int] | None:
    t = _table()
    per = _PER.match(text, end)
    if per is not None:
        k = per.end()
        dn = _DEN_NUM.match(text, k)
        den = t.denominator.match(text, dn.end()) if dn else None
        if den is not None and dn is not None:
            return f"{dn.group('n')} {t.den_canon[den.group(0)]}", den.end()
        den = t.denominator.match(text, k)
        if den is not None:
            canon = t.den_canon[den.group(0)]
            if first and canon not in _BODY_DENOMINATORS:
                return None  # "2 × 10^6/day" is a rate, not an amount
            return canon, den.end()
        return None
    if first:
        return None
    sp = _SI_PER.match(text, end)
    if sp is not None:
        den = t.den_si.match(text, sp.end())
        if den is not None:
            return t.den_canon[den.group("d")], den.end()
    return None


def _item_at(text: str, i: int) -> _Item | None:
    """A quantity or a range of two, with its own unit when written there."""
    low = _qty_at(text, i)
    if low is None:
        return None
    unit = _unit_at(text, low.end, count=low.has_power or low.scaled)
    end = unit.end if unit else low.end
    high: _Qty | None = None
    rng = _RANGE_STRICT.match(text, end)
    if rng is not None:
        cand = _qty_at(text, rng.end())
        if cand is not None:
            unit2 = _unit_at(text, cand.end, count=cand.has_power or cand.scaled)
            same_unit = unit is None or (unit2 is not None and unit2.canonical == unit.canonical)
            lo = low
            if not (low.has_power or low.scaled) and (cand.has_power or cand.scaled):
                # "0.5–3.1 million", "1–2 × 10^6": the multiplier is written once, at the end.
                lo = _Qty(
                    low.start, low.end, low.mantissa, cand.multiplier,
                    cand.has_power, cand.times_power, cand.scaled, cand.negative_exp,
                )
            if same_unit and lo.value < cand.value:
                low, high = lo, cand
                unit = unit2 if unit2 is not None else unit
                end = unit2.end if unit2 is not None else cand.end
    label_end = end
    if unit is None:
        lab = _LABEL.match(text, end)
        if lab is not None:
            label_end = lab.end()
    return _Item(start=i, end=end, low=low, high=high, unit=unit, label_end=label_end)


# Real dose lists have a handful of items; the cap keeps the scan linear on number soup.
_MAX_LIST_ITEMS = 12


@dataclass(frozen=True, slots=True)
class _Group:
    start: int
    end: int
    items: tuple[_Item, ...]
    units: tuple[str | None, ...]  # canonical unit per item after sharing


def _group_at(text: str, i: int, cache: dict[int, _Item | None] | None = None) -> _Group | None:
    cache = {} if cache is None else cache

    def item(k: int) -> _Item | None:
        # A failed list is re-read from each of its numbers; parse each position once.
        if k not in cache:
            cache[k] = _item_at(text, k)
        return cache[k]

    first = item(i)
    if first is None:
        return None
    items = [first]
    while len(items) < _MAX_LIST_ITEMS:
        last = items[-1]
        pos = last.label_end if last.unit is None else last.end
        sep = _LIST_SEP.match(text, pos)
        if sep is None or sep.end() == pos:
            break
        nxt_start = sep.end()
        if nxt_start >= len(text) or not text[nxt_start].isdigit():
            break
        nxt = item(nxt_start)
        if nxt is None:
            break
        prev_units = [it.unit.canonical for it in items if it.unit is not None]
        if nxt.unit is not None and prev_units and prev_units[-1] != nxt.unit.canonical:
            break  # "1 × 10^6 cells and 5 µg" are two amounts of two things, two spans
        items.append(nxt)
    if len(items) == 2 and re.search(r"\bbetween\s+$", text[max(0, i - 12) : i]):
        a, b = items
        joined = text[a.label_end if a.unit is None else a.end : b.start]
        if re.fullmatch(rf"{_SP}+and{_SP}+", joined) and a.high is None and b.high is None:
            lo = a.low
            if not (lo.has_power or lo.scaled) and (b.low.has_power or b.low.scaled):
                lo = _Qty(lo.start, lo.end, lo.mantissa, b.low.multiplier, b.low.has_power,
                          b.low.times_power, b.low.scaled, b.low.negative_exp)
            if lo.value < b.low.value:
                items = [_Item(a.start, b.end, lo, b.low, b.unit or a.unit, b.label_end)]
    # A trailing unit may sit after a dose label: "1.19 × 1010 (high dose) particles/20 g".
    tail = items[-1]
    if tail.unit is None and tail.label_end > tail.end:
        u = _unit_at(text, tail.label_end)
        if u is not None:
            items[-1] = _Item(tail.start, u.end, tail.low, tail.high, u, u.end)
    # Share units right to left; trailing unit-less items stand alone (unit null).
    units: list[str | None] = [None] * len(items)
    nxt_unit: _Unit | None = None
    nxt_item: _Item | None = None
    for k in range(len(items) - 1, -1, -1):
        it = items[k]
        if it.unit is not None:
            nxt_unit, nxt_item = it.unit, it
            units[k] = it.unit.canonical
        elif nxt_unit is not None and nxt_item is not None:
            units[k] = nxt_unit.canonical
            src = nxt_item.low
            if not (it.low.has_power or it.low.scaled) and (src.has_power or src.scaled):
                lo = _Qty(
                    it.low.start, it.low.end, it.low.mantissa, src.multiplier,
                    src.has_power, src.times_power, src.scaled, src.negative_exp,
                )
                items[k] = _Item(it.start, it.end, lo, it.high, it.unit, it.label_end)
    # Truncate: after the last item with a unit, keep only unit-less power counts, and
    # unit-less items without power notation end the list.
    keep: list[int] = []
    for k, it in enumerate(items):
        if units[k] is None and not _is_count(it) and k > 0:
            break  # the first item alone may still be a count before a cell noun
        keep.append(k)
    if not keep:
        return None
    if any(units[k] is not None for k in keep) and any(units[k] is None for k in keep):
        # Mixed: cut at the last unit-bearing item to avoid guessing.
        last_u = max(k for k in keep if units[k] is not None)
        keep = [k for k in keep if k <= last_u]
    sel = tuple(items[k] for k in keep)
    sel_units = tuple(units[k] for k in keep)
    last = sel[-1]
    end = last.unit.end if last.unit is not None else last.end
    if last.high is not None:
        end = max(end, last.high.end)
    return _Group(start=sel[0].start, end=end, items=sel, units=sel_units)


def _is_count(it: _Item) -> bool:
    """A unit-less quantity that can still be a dose: mantissa × 10^k, k ≥ 3 (cell counts)."""
    q = it.high or it.low
    return it.low.times_power and q.times_power and not q.negative_exp and q.multiplier >= 1000


def _to_float(d: Decimal) -> float:
    return float(d)


def _doses(text: str, g: _Group) -> tuple[Dose, ...]:
    if len(g.items) == 1:
        it = g.items[0]
        lo = _to_float(it.low.value)
        hi = _to_float(it.high.value) if it.high else lo
        return (Dose(text[g.start : g.end], lo, hi, g.units[0]),)
    out: list[Dose] = []
    for it, unit in zip(g.items, g.units):
        lo = _to_float(it.low.value)
        hi = _to_float(it.high.value) if it.high else lo
        out.append(Dose(text[it.start : it.end], lo, hi, unit))
    return tuple(out)


def _scan(text: str) -> list[_Group]:
    """Left-to-right, non-overlapping groups (the longest group from each start)."""
    groups: list[_Group] = []
    cache: dict[int, _Item | None] = {}
    words = sorted(
        {
            m.start()
            for s in _SCALE_RE.finditer(text)
            for m in _WORD_START_RE.finditer(text, max(0, s.start() - 60), s.end())
        }
    )
    i = 0
    while True:
        digit = _DIGIT_RUN_RE.search(text, i)
        word = next((w for w in words if w >= i), None)
        if word is not None and (digit is None or word < digit.start()):
            g = _group_at(text, word, cache)
            if g is None or not _has_unit_or_count(text, g):
                i = word + 1
                continue
            groups.append(g)
            i = g.end
            continue
        if digit is None:
            break
        i = digit.start()
        g = _group_at(text, i, cache)
        if g is None or not _has_unit_or_count(text, g):
            i = digit.end()  # past this digit run, so "2016" is not re-read as "016"
            continue
        groups.append(g)
        i = g.end
    return groups


# Only ASCII digits start a number (a regex jump, not a character loop: most text is words),
# and a count in words right before a scale word ("two million cells").
_DIGIT_RUN_RE = re.compile(r"[0-9]+")
_SCALE_RE = re.compile(r"(?i)\b(?:million|billion)")
_WORD_START_RE = re.compile(rf"(?i)(?<![\w\-])(?:{words_pattern()})(?=\s+(?:million|billion)s?\b)")


def _has_unit_or_count(text: str, g: _Group) -> bool:
    if any(u is not None for u in g.units):
        return True
    # Unit null: "5 × 105" counts, or "2 million" / "10^6" right before a cell/vesicle noun.
    follow = _next_word(text, g.end)
    if follow is not None and _table().non_dose_unit.match(follow):
        return False  # "4 × 103 mm3", "2 × 105 g": a size or a force, not a count
    if all(_is_count(it) for it in g.items):
        return True
    return follow is not None and _table().count_noun.fullmatch(follow) is not None and all(
        (it.low.scaled or it.low.has_power) and not it.low.negative_exp for it in g.items
    )


def _next_word(text: str, i: int) -> str | None:
    m = _NEXT_WORD.match(text[i : i + 64])
    return m.group(1) if m else None


_NEXT_WORD = re.compile(r"[ \t\u00a0]*([^\s,;:.()\[\]|]+)")


_COUNT_UNITS = {"cells", "particles"}
_CLAUSE_BREAK = re.compile(r"[.;|\n]\s|[|\n]")
_AFTER_TOKEN = re.compile(r"[^\s,;()|]+|[(),;|]")
_NUMBERISH = re.compile(r"[0-9][0-9.,]*%?")
_WORDS_AFTER = re.compile(r"[\s(]*(?:of\s+)?((?:\S+\s*){1,3})")


def _after_last(pattern: re.Pattern[str], before: str) -> str:
    """What follows the last match of ``pattern`` in ``before`` (all of it if none): the
    part of a clause, sentence or list that ends at the amount."""
    last = None
    for last in pattern.finditer(before):
        pass
    return before[last.end() :] if last is not None else before


def _before_first(after: str, *patterns: re.Pattern[str]) -> str:
    """``after`` up to the first match of any of ``patterns``: the part that starts at the
    amount."""
    cuts = [m.start() for m in (p.search(after) for p in patterns) if m is not None]
    return after[: min(cuts)] if cuts else after


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a span: from the last break before it to the first break after."""
    left = _after_last(_CLAUSE_BREAK, text[max(0, start - 200) : start])
    right = _before_first(text[end : end + 200], _CLAUSE_BREAK)
    return left + text[start:end] + right


def _is_therapeutic(text: str, g: _Group) -> bool:
    """Local-context rule: drop amounts of stimuli, inducers, comparator drugs and the like."""
    t = _table()
    if t.assay_clause.search(_clause(text, g.start, g.end)):
        return False  # "20 µg of exosomal protein was separated by SDS-PAGE": an assay input
    after = _WORDS_AFTER.match(text[g.end : g.end + 80])
    cues = t.after_cues
    if all(u in t.volume_units for u in g.units):
        cues = cues + t.volume_cues
    window = text[g.end : g.end + 80]
    for tok in list(_AFTER_TOKEN.finditer(window))[:6]:
        w = tok.group(0)
        if w == "(":
            continue
        if w in "),;|" or w == ".":
            break
        # read from the word on, so a cue of several words matches ("house dust mite")
        if any(c.match(window, tok.start()) for c in cues):
            return False
        if w.lower() not in t.modifiers and not _NUMBERISH.fullmatch(w):
            break  # "10 µg/mL reduced IL-6": the cytokine is the effect, not the reagent
    if (
        all(u is not None and u.split("/")[0] in t.volume_units for u in g.units)
        and _vehicle_of_amount(text, g.start)
    ):
        return False  # "bleomycin (100 µg in 100 µL)": the volume the amount was given in
    before = _clause_tail(text[max(0, g.start - 40) : g.start])
    counts = all(u is not None and u.split("/")[0] in _COUNT_UNITS for u in g.units)
    after_text = after.group(1) if after is not None else ""
    cut = _CLAUSE_BREAK.search(text[g.end : g.end + 80])
    if cut is not None:
        # "seeded at 5 × 10^4 cells per well. Exosomes …": the next sentence's therapeutic
        # word does not cancel a cue of this one
        after_text = after_text[: max(0, cut.start() - (after.start(1) if after else 0))]
    for cue, for_counts in t.before_cues:
        if counts and not for_counts:
            continue
        for m in cue.finditer(before):
            if cue.pattern.endswith("$"):
                return False
            owner = re.search(r"(\S+)\s*$", before[: m.start()]) if not for_counts else None
            if owner is not None and t.therapeutic.search(owner.group(1)):
                continue  # "exosome concentration", "EV levels": the therapeutic's own amount
            if not t.therapeutic.search(before[m.end() :]) and not t.therapeutic.search(
                after_text
            ):
                return False
    # A stimulus named right before: "LPS at 1 µg/mL", "TNF-α, 10 ng/mL", "house dust mite
    # (30 µg)"; the agent may be followed only by its form and strength: "5% imiquimod cream
    # (62.5 mg)" (see _names_agent), so "patients on methotrexate received 10 mg/kg" stays.
    # up to four words: an agent name may be long ("monobenzyl ether of hydroquinone (30 mg)")
    paren = re.search(r"((?:\S+\s+){0,3}\S+)\s*\(\s*(?:[a-z]+\s+)?$", before)  # "(each 50 ng/mL)"
    opened = _open_paren(before)
    if paren is not None:
        words = re.findall(r"[^\s,;()]+", paren.group(1))
    elif opened is not None and len(inner := _WORD.findall(before[opened + 1 :])) <= 4:
        # the amount sits in a parenthesis after its agent's name or abbreviation:
        # "streptozotocin (STZ, 60 mg/kg)", "2,4-dinitrofluorobenzene (DNFB; 20 µL)",
        # "monobenzone (40% cream, 50 mg per mouse daily)": the words inside name the agent,
        # or, when they only describe its form or strength, the two words before the bracket
        words = inner
        if all(w.lower() in t.modifiers or _NUMBERISH.fullmatch(w) for w in inner):
            words = [*_WORD.findall(before[:opened])[-2:], *inner]
    else:
        last = re.search(
            r"((?:\S+\s+){0,2}\S+?)[\s,:=]*(?:\b(?:each|both|all|at|of)[\s,:=]*)*$", before
        )
        words = re.findall(r"[^\s,;()]+", last.group(1)) if last else []
    if counts or all(u is None for u in g.units):
        # a count of cells or particles is never an amount of a cytokine, drug or inducer:
        # "IFN-γ-primed hUCB-MSCs (2 × 10^6 cells)" names how the cells were prepared
        return True
    return not _names_agent(words)


def _names_agent(words: list[str]) -> bool:
    """The words before an amount end with a stimulus, inducer or comparator drug, followed at
    most by its form and strength ("croton oil", "imiquimod cream", "monobenzone 40% cream")."""
    t = _table()
    for k in range(len(words)):
        tail = " ".join(words[k:])
        for c in t.after_cues:
            m = c.match(tail)
            if m is None:
                continue
            rest = tail[m.end() :].split(" ", 1)[1:]  # the words after the one the cue ends in
            if all(
                w.lower() in t.modifiers or _NUMBERISH.fullmatch(w)
                for w in (rest[0].split() if rest else [])
            ):
                return True
    return False


_WORD = re.compile(r"[^\s,;()]+")


def _open_paren(before: str) -> int | None:
    """Index of the parenthesis still open at the end of ``before``, else None."""
    depth = 0
    for k in range(len(before) - 1, -1, -1):
        if before[k] == ")":
            depth += 1
        elif before[k] == "(":
            if depth == 0:
                return k
            depth -= 1
    return None


def _clause_tail(before: str) -> str:
    """The end of ``before`` that belongs to the span's clause. A semicolon inside the
    parenthesis that holds the span does not end the clause: in "(DNFB; 20 µL)" the amount
    is still the abbreviation's."""
    opened = _open_paren(before)
    brk = [
        b for b in _CLAUSE_BREAK.finditer(before) if opened is None or b.start() < opened
    ]
    return before[brk[-1].end() :] if brk else before


def _vehicle_of_amount(text: str, start: int) -> bool:
    """An "in" right before a volume, after another amount of the same clause."""
    t = _table()
    before = _after_last(_CLAUSE_BREAK, text[max(0, start - t.vehicle_window) : start])
    cue = t.vehicle_before.search(before)
    if cue is None:
        return False
    return any(
        any(u not in t.volume_units for u in g.units) for g in _scan(before[: cue.start()])
    )


def _confidence(g: _Group) -> float:
    if all(u is None for u in g.units):
        return 0.8
    if any(it.low.has_power and not it.low.times_power for it in g.items):
        return 0.85  # e-notation / bare 10^k: rarer, slightly less sure of intent
    return 0.95


def _per_count_end(text: str, end: int) -> int | None:
    """End of a counted denominator right after an amount ("… per 10^7 cells", "/10^6
    cells", "per cell"), else None: the amount is then a yield or a rate, not a dose."""
    t = _table()
    per = _PER.match(text, end)
    if per is None:
        return None
    k = per.end()
    word = t.ratio_denominator.match(text, k)
    if word is not None:
        return word.end()
    q = _qty_re().match(text, k)
    if q is None:
        return None
    unit = _unit_at(text, q.end(), count=True)
    if unit is not None and unit.canonical.split("/")[0] in _COUNT_UNITS:
        return unit.end
    follow = _NEXT_WORD.match(text, q.end())
    if follow is not None and (
        t.ratio_denominator.fullmatch(follow.group(1))
        or t.count_noun.fullmatch(follow.group(1))
    ):
        return follow.end()
    return None


def _blood_count(text: str, g: _Group) -> bool:
    """A count of cells per volume of blood ("eosinophils 450 cells/µL", "CD4 count 350
    cells/mm3", "lymphocytes 1.2 × 10^9/L"): a measurement, not an administered dose.
    Per mm3 always; per µL or L only after a blood-count word in the same clause with no
    therapeutic noun between and no administration verb before (``units.json``
    ``blood_count``)."""
    t = _table()
    if not all(u is None or u.split("/")[0] == "cells" for u in g.units):
        return False  # "particles/µL" is an EV concentration, "µg/L" a mass
    taken = {u.split("/")[1] for u in g.units if u is not None and u.count("/") >= 1}
    per = _PER.match(text, g.end)
    if per is not None and t.blood_always.match(text, per.end()):
        return True  # "8,200 cells/mm3": the unit reader has no mm3 denominator
    if not (taken & t.blood_dens or (per is not None and t.blood_with_context.match(text, per.end()))):
        return False
    before = _after_last(_CLAUSE_BREAK, text[max(0, g.start - t.blood_window) : g.start])
    ctx = list(t.blood_context.finditer(before))
    if not ctx or t.blood_administration.search(before):
        return False
    return t.blood_therapy.search(before, ctx[-1].end()) is None


def _counting_density(text: str, g: _Group) -> bool:
    """A count per counting area of a section ("45 CD3+ cells/mm2", "20 cells/0.1 mm2",
    "120 cells/HPF", "12 cells per high-power field"): a histological density, not a dose.
    Counts only; cm2 is a treatment area and stays a dose (``units.json`` ``counting_area``)."""
    t = _table()
    if not all(u is None or u.split("/")[0] in ("cells", "particles", "") for u in g.units):
        return False
    for u in g.units:
        if u is None:
            continue
        for d in u.split("/")[1:]:
            if re.sub(r"^[0-9.]+\s*", "", d) in t.area_dens:
                return True
    per = _PER.match(text, g.end)
    return per is not None and t.area_after.match(text[per.end() : per.end() + 60]) is not None


_PART_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\b|\b(?:whereas|while)\b")


def _measured_concentration(text: str, g: _Group) -> bool:
    """A concentration or level measured in a sample ("EV concentration in serum was 2 ×
    10^9 particles/µL", "plasma exosome levels of 3.1 × 10^10 particles/mL", "had a
    concentration of 1.2 × 10^11 particles/mL (NTA)"), not an amount given ("mice received
    2 × 10^9 particles/µL", "administered at a concentration of …"). Amounts per volume or
    with no denominator only; cues and their order in ``units.json``
    ``measured_concentration``."""
    t = _table()
    for u in g.units:
        if u is not None and any(d not in t.measure_volumes for d in u.split("/")[1:]):
            return False  # per kg, head, cm2 …: a dose or a density, never a concentration
    before = _clause_tail(text[max(0, g.start - t.measure_window) : g.start])
    after = _before_first(text[g.end : g.end + t.measure_window], _CLAUSE_BREAK)
    # the part of the clause the amount is in: ", and …", "whereas …" open a new part
    near = _after_last(_PART_BREAK, before)
    admin = list(t.measure_administration.finditer(near))
    since = admin[-1].end() if admin else 0
    if t.measure_cue.search(near, since):
        return True  # "… plasma exosome levels of 3.1 × 10^10 particles/mL"
    if admin:
        return False  # "mice received 2 × 10^9 particles/µL": given, whatever follows
    m = t.measure_after.match(after)
    if m is not None:
        return True  # "1.2 × 10^11 particles/mL (NTA)", "… in serum"
    if t.measure_administration.search(after):
        return False  # "… (2 × 10^9 particles/mL) were injected"
    for m in t.measure_sample.finditer(near):
        owner = re.search(r"(\S+)\s*$", near[: m.start()])
        if (
            m.group(0).lower().startswith("concentration")
            and owner is not None
            and t.therapeutic.search(owner.group(1))
        ):
            continue  # "the exosome concentration was 10 µg/mL": the therapeutic's amount
        return True
    return False


# Where the part of a clause that holds an amount ends: ", and", "whereas", "and" before a new
# subject ("… was harvested and the SVF was injected"; "harvested and processed" goes on).
_SOURCE_PART_BREAK = re.compile(
    r",\s+(?:and|but|while|whereas)\b|\b(?:whereas|while|then)\b"
    r"|\band\s+(?!(?:then\s+|subsequently\s+)?[a-z]+ed\b)"
)


def _source_material(text: str, g: _Group) -> bool:
    """Harvested or processed tissue ("120–180 mL of lipoaspirate", "about 250 mL of fat was
    harvested", "20 mL of bone marrow aspirate was collected"): the source material of the
    therapeutic, not the amount given ("3 mL of SVF was injected", "2 mL of fat graft
    enriched with ADSCs was injected", "injected with 20 mL of autologous fat"). Decided in
    the amount's part of its clause; cues and their order in ``units.json``
    ``source_material``."""
    t = _table()
    bare_count = all(u is None or u in _COUNT_UNITS for u in g.units)
    tissue = all(u is not None and u in t.tissue_units for u in g.units)
    if bare_count:
        return False  # "1 × 10^6 cells of bone marrow origin": a count of the therapeutic
    # the part before the amount: from the clause start, a part break or the previous amount
    before = _clause_tail(text[max(0, g.start - t.source_window) : g.start])
    near = _after_last(_SOURCE_PART_BREAK, _after_last(_DIGIT_RUN_RE, before))
    admin = [m.end() for m in t.source_administration.finditer(near)]
    harvest = [m.end() for m in t.harvest.finditer(near)]
    if admin and (not harvest or admin[-1] > harvest[-1]):
        return False  # "injected with 20 mL of autologous fat"
    # the part after it: to the clause end, a part break or the next amount
    after = _before_first(
        text[g.end : g.end + t.source_window], _CLAUSE_BREAK, _SOURCE_PART_BREAK, _DIGIT_RUN_RE
    )
    if t.source_administration.search(after):
        return False  # "2 mL of fat graft enriched with ADSCs was injected"
    if tissue:
        for m in t.harvest.finditer(after):
            if t.harvest_aux.search(after[: m.start()]):
                return True  # "about 250 mL of fat was harvested"
        if harvest:
            return True  # "SVF was isolated from 150 mL", "liposuction of 300 mL"
    noun = t.source_after.match(text, g.end)
    if noun is None:
        return False
    return t.source_product.match(text, noun.end()) is None  # "fat graft", "fat enriched …"


def _culture_density(text: str, g: _Group) -> bool:
    """Target cells per culture well ("HaCaT cells (5 × 10^4 cells per well)", "keratinocytes
    were plated at 2 × 10^5 cells/well", "5 × 10^4 HaCaT cells per well"): a culture set-up,
    not a dose. The therapeutic per well stays ("ADSCs (1 × 10^5 cells/well) were co-cultured
    with …", "exosomes at 20 µg per well"). Per cm2 the same owner rule, with the body site
    and culture words of the amount's sentence part (``_culture_area``). ``units.json``
    ``culture_density``."""
    t = _table()
    if not all(u is None or u.split("/")[0] in ("cells", "") for u in g.units):
        return False  # µg, mL or particles per well: an amount of the therapeutic
    owner: str | None = None
    dens = {u.split("/")[-1] for u in g.units if u is not None and "/" in u}
    if dens:
        if dens <= t.culture_dens:
            area = False
        elif dens <= t.culture_area_dens and all(u is not None and u.count("/") == 1
                                                 for u in g.units):
            area = True
        else:
            return False
    else:
        if any(u is not None for u in g.units):
            return False
        after = t.culture_after.match(text, g.end)
        if after is None:
            return False
        area = after.group("area") is not None
        owner = after.group("owner")
        if owner is not None and t.cell_noun.search(owner) is None:
            return False  # "2 × 10^5 in 100 µL per well": no cell named, no decision
    if owner is None:
        owner = _owner_before(text, g.start)
        if owner is None and not area:
            return False  # no cell named in the clause: keep (seeding cues are read elsewhere)
    if area:
        return _culture_area(text, g, owner)
    assert owner is not None
    return t.blood_therapy.search(owner) is None


def _owner_before(text: str, start: int) -> str | None:
    """The cell noun an amount belongs to, read before it: the noun before the parenthesis
    that holds it, else the last cell noun of its part of the clause; None if none."""
    t = _table()
    before = _clause_tail(text[max(0, start - 200) : start])
    opened = _open_paren(before)
    if opened is not None and t.cell_noun.search(before[:opened].split(",")[-1]):
        before = before[:opened]  # "HaCaT cells (5 × 10^4 cells per well)": the noun before
    near = _after_last(_PART_BREAK, before)
    nouns = list(t.cell_noun.finditer(near))
    if not nouns:
        return None
    last = nouns[-1]
    first = last.start()
    if re.fullmatch(r"(?i:cells?)", last.group(0)):
        prev = re.search(r"(\S+)\s+$", near[:first])  # "HaCaT cells", "stem cells"
        if prev is not None:
            first = prev.start(1)
    return near[first : last.end()]


def _culture_area(text: str, g: _Group, owner: str | None) -> bool:
    """Cells per cm2: a seeding or expansion density ("fibroblasts were plated at 5,000
    cells/cm2", "at a density of 2 × 10^4 cells/cm2 in 6-well plates") or a dose spread over
    a wound ("1 × 10^6 ADSCs/cm2 were sprayed onto the wound", "SVF at 2 × 10^5 cells/cm2 of
    wound"). Read in the amount's part of its sentence (from the clause start or the previous
    amount to the clause end or the next amount); order in ``units.json``
    ``culture_density.area``."""
    t = _table()
    before = _after_last(_DIGIT_RUN_RE, _clause_tail(text[max(0, g.start - 200) : g.start]))
    after = _before_first(text[g.end : g.end + 200], _CLAUSE_BREAK, _DIGIT_RUN_RE)
    part = before + " " + after
    if owner is not None and re.fullmatch(r"(?i:(?:the\s+)?cells?)", owner.strip()):
        owner = None  # bare "cells" names no owner
    target = owner is not None and t.blood_therapy.search(owner) is None
    if t.area_site.search(part):
        return False  # "… sprayed onto the wound", "… cells/cm2 of ulcer area"
    if not target and t.area_administration.search(part):
        return False  # "SVF was applied at 2 × 10^5 cells/cm2"
    if target:
        return True  # "HaCaT cells seeded at 1 × 10^4 cells/cm2": the target culture
    if owner is not None and t.area_coculture.search(part):
        return False  # "ADSCs (1 × 10^4 cells/cm2) were co-cultured with keratinocytes"
    return t.area_culture.search(part) is not None  # "MSCs were expanded from 4,000 cells/cm2"


def find_doses(text: str) -> list[DoseMatch]:
    """Every DOSE span in raw text (SCHEMA §1), in order, non-overlapping."""
    if not isinstance(text, str) or not text:
        return []
    out: list[DoseMatch] = []
    ratio_until = -1  # a yield's counted denominator is no dose either
    for g in _scan(text):
        if g.start < ratio_until:
            continue
        ratio_end = _per_count_end(text, g.end)
        if ratio_end is not None:
            ratio_until = ratio_end
            continue
        if not _is_therapeutic(text, g) or _blood_count(text, g):
            continue
        if _measured_concentration(text, g) or _counting_density(text, g):
            continue
        if _source_material(text, g) or _culture_density(text, g):
            continue
        out.append(
            DoseMatch(g.start, g.end, text[g.start : g.end], _doses(text, g), _confidence(g))
        )
    return out


def parse_dose(text: str) -> tuple[Dose, ...]:
    """Dose objects of one mention ("1, 3, and 10 μg/head" gives three); () if none.

    No context filter here: the caller has already decided the text is a dose.
    """
    if not isinstance(text, str) or not text:
        return ()
    doses: list[Dose] = []
    for g in _scan(text):
        doses.extend(_doses(text, g))
    return tuple(doses)
