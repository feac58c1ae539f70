"""The quantity grammar of doses: numbers, powers of ten, scale words and units.

Pure functions, no context and no spaCy: a *quantity* is a mantissa with a power of ten in
any of its spellings (10^6, 10(6), 10E6, 10⁶, a flattened "106" after "×") and a scale word
(million); a *unit* is a numerator from the table in ``extractor/data/units.json`` with up
to two denominators ("/kg", " per kg", "kg−1"). Ranges and lists are read by
``extractor.normalize.amounts``; what is not an administered amount is decided by the
context rules (``extractor.normalize.dose_filters``), never here.
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


@dataclass(frozen=True, slots=True)
class Grammar:
    """The unit table (``units.json``) compiled once: what a unit and a count look like."""

    numerator: re.Pattern[str]
    num_canon: dict[str, str]
    denominator: re.Pattern[str]
    den_canon: dict[str, str]
    den_si: re.Pattern[str]  # SI negative-exponent form: "kg−1", "mL⁻¹"
    body_weight: re.Pattern[str]
    scale: dict[str, float]
    count_noun: re.Pattern[str]
    non_dose_unit: re.Pattern[str]
    material: re.Pattern[str]  # " of exosomal protein" between a mass and its denominator


def expand(forms: list[str], micro: list[str]) -> list[str]:
    """Forms with ``{micro}`` written out in every micro sign."""
    out: list[str] = []
    for f in forms:
        if "{micro}" in f:
            out.extend(f.replace("{micro}", m) for m in micro)
        else:
            out.append(f)
    return out


def alternation(forms: list[str]) -> str:
    """One regex alternation of literal forms, longest first ("mL" wins over "m")."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


@lru_cache(maxsize=1)
def units_table() -> dict[str, Any]:
    """``extractor/data/units.json`` as read (package data)."""
    data: dict[str, Any] = json.loads(
        files("extractor.data").joinpath("units.json").read_text(encoding="utf-8")
    )
    return data


@lru_cache(maxsize=1)
def administration_units() -> list[dict[str, Any]]:
    """The administration units a dose is given per (``administration_units.json``: patch,
    vial, tunnel …), denominators beside those of ``units.json``."""
    raw = files("extractor.normalize").joinpath("administration_units.json").read_text("utf-8")
    rows: list[dict[str, Any]] = json.loads(raw)["denominators"]
    return rows


@lru_cache(maxsize=1)
def body_sites() -> list[dict[str, Any]]:
    """The anatomical sites a dose is given per (``body_sites.json``: lip, scalp, knee …,
    each an Uberon term), denominators beside those of ``units.json``."""
    raw = files("extractor.normalize").joinpath("body_sites.json").read_text("utf-8")
    rows: list[dict[str, Any]] = json.loads(raw)["sites"]
    return rows


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    raw = units_table()
    micro = raw["micro_prefixes"]["forms"]
    canon_micro = raw["micro_prefixes"]["canonical"]

    def canon_map(entries: list[dict[str, Any]]) -> dict[str, str]:
        m: dict[str, str] = {}
        for e in entries:
            for f in expand(e["forms"], micro):
                m[f] = e["canonical"].replace("{micro}", canon_micro)
        return m

    num_canon = canon_map(raw["numerators"])
    den_canon = canon_map([*raw["denominators"], *administration_units(), *body_sites()])
    scale = {f.lower(): float(e["factor"]) for e in raw["scale_words"] for f in e["forms"]}
    bw = raw["body_weight_suffixes"]["forms"]
    return Grammar(
        numerator=re.compile(rf"(?:{alternation(list(num_canon))})(?![A-Za-z0-9µμ])"),
        num_canon=num_canon,
        denominator=re.compile(rf"(?:{alternation(list(den_canon))})(?![A-Za-z0-9µμ])"),
        den_canon=den_canon,
        den_si=re.compile(rf"(?P<d>{alternation(list(den_canon))})(?:\^?(?:-1|−1)|⁻¹)(?![0-9])"),
        body_weight=re.compile(rf"[ \t]+(?:{alternation(bw)})(?![A-Za-z])"),
        scale=scale,
        count_noun=re.compile(raw["count_nouns"]["regex"]),
        non_dose_unit=re.compile(raw["non_dose_units"]["regex"]),
        material=re.compile(raw["numerator_material"]["regex"]),
    )


# ---------------------------------------------------------------------------
# Quantity grammar.

SP = r"[ \t\u00a0\u2009\u202f]"  # spaces that may sit inside a quantity (incl. nbsp, thin)
_NUM = (
    r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+(?![0-9])"  # 1,000,000
    r"|[1-9][0-9]{0,2}(?:[\u2009\u202f\u00a0][0-9]{3})+(?![0-9])"  # 1 000 000 (thin space)
    # 500 000 ([ ]: the quantity regex is VERBOSE)
    r"|[1-9][0-9]{1,2}(?:[ ][0-9]{3})+(?![0-9]|[.,][0-9])"
    r"|(?:0|[1-9][0-9]*)(?:[.,][0-9]+)?)"  # no leading zeros: "000" is not a number
)
# A count in words before a scale word ("two million cells/kg", "Five hundred thousand
# cells"): the number grammar shared with sample sizes (extractor.normalize.numbers).
_WORD_MANT = rf"(?:{words_pattern()})(?={SP}+(?:million|billion)s?\b)"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP = rf"⁻?[{_SUPERSCRIPTS}]+"
_MINUS = r"[-−–]"
_TIMES = r"[×xX*·✕]"
# Power of ten after "10": ^6, (6), E6 / E+06, superscript digits.
_POW_EXPLICIT = (
    rf"(?:{SP}*\^{SP}*(?P<{{p}}a>{_MINUS}?[0-9]{{{{1,2}}}})"
    rf"|{SP}*\({SP}*(?P<{{p}}b>{_MINUS}?[0-9]{{{{1,2}}}}){SP}*\)"
    rf"|[eE]\+?(?P<{{p}}c>[0-9]{{{{1,2}}}})(?![0-9])"
    rf"|(?P<{{p}}d>{_SUP}))"
)
_QTY_TEMPLATE = rf"""
    (?:
        # bare power of ten: 10^6, 10(6), 10E6, 10⁶ (mantissa 1)
        (?P<bare>10){_POW_EXPLICIT.format(p="s")}
      |
        (?P<mant>{_NUM}|{_WORD_MANT})
        (?:
            {SP}*\n?{SP}*(?P<times>{_TIMES}){SP}*\n?{SP}*10
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
    (?:{SP}+(?P<scale>{{scale_words}})(?![A-Za-z]))?
    """


@lru_cache(maxsize=1)
def qty_re() -> re.Pattern[str]:
    """The quantity pattern, with the scale words of the unit table (million, billion ...)."""
    words = alternation(list(grammar().scale))
    return re.compile(_QTY_TEMPLATE.replace("{scale_words}", words), re.VERBOSE | re.IGNORECASE)


_UNIT_GAP = re.compile(rf"-(?=[A-Za-zµμ])|{SP}?\n?{SP}?")  # "5 µg", "5µg", "5-µg", a PDF line break
PER = re.compile(rf"{SP}*/{SP}*|{SP}+per{SP}+")
_DEN_NUM = re.compile(rf"(?P<n>[0-9]+(?:\.[0-9]+)?){SP}*")
_SUP_MAP = str.maketrans(_SUPERSCRIPTS + "⁻", "0123456789-")


@dataclass(frozen=True, slots=True)
class Qty:
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
class Unit:
    start: int
    end: int
    canonical: str
    has_numerator: bool


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
    # "n = 5, 10 µg/mL": a sample size does not join a dose list
    return not re.search(r"\b[nN][ \t\u00a0]*=[ \t\u00a0]*$", text[max(0, i - 6) : i])


def qty_at(text: str, i: int) -> Qty | None:
    if not _allowed_start(text, i):
        return None
    m = qty_re().match(text, i)
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
            mult *= Decimal(str(grammar().scale[scale_word.lower()]))
    except (InvalidOperation, ValueError, KeyError, StopIteration):
        return None
    if g["flatsp"] and not _count_follows(text, m.end()):
        # "2 × 10 20-min sessions": a spaced exponent needs a unit or a cell noun after it.
        return Qty(m.start(), m.end("mant"), mant, Decimal(1), False, False, False, False)
    return Qty(
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
    if unit_at(text, i, count=True) is not None:
        return True
    follow = next_word(text, i)
    return follow is not None and grammar().count_noun.fullmatch(follow) is not None


def unit_at(text: str, i: int, *, count: bool = False) -> Unit | None:
    """Numerator unit plus up to two per-denominators, right after position i.

    Denominators are written "/kg", " per kg" or with an SI negative exponent ("kg−1").
    With ``count`` (a power-of-ten or million quantity) the numerator may be left out:
    "2 × 10^6/kg" gives unit "/kg", not a guessed "cells/kg".
    """
    t = grammar()
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
    return Unit(start=j, end=end, canonical="/".join(parts), has_numerator=bool(parts[0]))


# A power glued or spaced after a denominator: "cm 2", "cm-2", "cm⁻²" (the area a PDF
# flattened); the length "cm" it starts is then no denominator of its own.
_POWER_AFTER = re.compile(rf"{SP}?[-−⁻]?[23²³](?![0-9.,])")


def _lost_power(t: Grammar, den: re.Match[str], text: str) -> bool:
    """A length denominator ("cm") with a power right after it names the area or volume."""
    canon = t.den_canon[den.group(0)]
    return f"{canon}2" in t.den_canon.values() and _POWER_AFTER.match(text, den.end()) is not None


_SI_PER = re.compile(rf"{SP}*[·⋅]{SP}*|{SP}+")  # "µg mL−1", "µg·mL−1"
# Treatment occasions: a denominator only right after the numerator ("200 µg per application",
# "8 × 10^7 cells per infusion", "3 mL per session"; "1 × 10^6 cells/kg per infusion" stays
# cells/kg).
_OCCASION_DENOMINATORS = {"application", "administration", "treatment", "infusion", "session"}
_BODY_DENOMINATORS = {"kg", "g", "cm2", "m2", "mm2", "head", "mouse", "rat", "animal", "site"}


def _denominator_at(text: str, end: int, *, first: bool) -> tuple[str, int] | None:
    t = grammar()
    per = PER.match(text, end)
    if per is not None:
        k = per.end()
        dn = _DEN_NUM.match(text, k)
        den = t.denominator.match(text, dn.end()) if dn else None
        if den is not None and dn is not None:
            return f"{dn.group('n')} {t.den_canon[den.group(0)]}", den.end()
        den = t.denominator.match(text, k)
        if den is not None and _lost_power(t, den, text):
            return None  # "cells/cm 2", "µL/cm-2": an area whose power the PDF flattened
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


def next_word(text: str, i: int) -> str | None:
    m = NEXT_WORD.match(text[i : i + 64])
    return m.group(1) if m else None


NEXT_WORD = re.compile(r"[ \t\u00a0]*([^\s,;:.()\[\]|]+)")
COUNT_UNITS = {"cells", "particles"}
