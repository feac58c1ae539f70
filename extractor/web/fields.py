"""Record fields as curators type them: one text form per SCHEMA §4 field, parsed and validated.

The browser form and the spreadsheet round trip share these codecs, so a value that a curator
types in either place is checked by the same rules against the SCHEMA vocabulary
(``extractor.types``). Parsing never guesses: an unreadable value raises ``FieldError`` with a
one-line message the UI shows beside the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from extractor.types import (
    DESIGNS,
    DISEASES,
    INTERVENTIONS,
    MODELS,
    RECORD_LIST_FIELDS,
    RECORD_SCALAR_FIELDS,
    ROUTES,
)

# Fields a curator may edit, in SCHEMA §4 order. ``evidence`` and ``conflicts`` are shown
# read-only: they point into the text and are not typed by hand.
EDITABLE_FIELDS: tuple[str, ...] = RECORD_SCALAR_FIELDS + RECORD_LIST_FIELDS
LIST_FIELDS = frozenset(RECORD_LIST_FIELDS)
SEP = "; "
MAX_VALUE_CHARS = 2000


class FieldError(ValueError):
    """A typed value that does not fit its field; ``str(err)`` is one line for the curator."""


# --------------------------------------------------------------------------- numbers, units

# "5×10^6", "5 x 10^6", "5×10(6)", "5e6", "1,000,000", "0.5 million"
_NUM = r"\d+(?:[.,]\d+)*(?:\s*[×xX*]\s*10\s*(?:\^|\*\*)?\s*\(?[-−]?\d+\)?|[eE][-−+]?\d+)?"
_RANGE_DASH = r"\s*(?:[-–—]|to)\s*"
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_DOSE_RE = re.compile(
    rf"^(?P<low>{_NUM})(?:{_RANGE_DASH}(?P<high>{_NUM}))?"
    rf"(?:\s*(?P<mult>thousand|million|billion)\b)?\s*(?P<unit>\S.*)?$"
)


def parse_number(raw: str) -> float:
    """A number as curators write it, with powers of ten written out (no flattened ``106``)."""
    s = raw.strip().replace("−", "-")
    m = re.fullmatch(r"(\d+(?:[.,]\d+)*)\s*[×xX*]\s*10\s*(?:\^|\*\*)?\s*\(?(-?\d+)\)?", s)
    if m:
        return _plain(m.group(1)) * 10.0 ** int(m.group(2))
    try:
        if re.fullmatch(r"\d+(?:[.,]\d+)*", s):
            return _plain(s)
        value = float(s)
    except ValueError:
        raise FieldError(f"not a number: {raw!r}") from None
    if not math.isfinite(value):
        raise FieldError(f"not a finite number: {raw!r}")
    return value


def _plain(s: str) -> float:
    # "1,000,000" groups thousands; "0,5" is a European decimal comma.
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))


def normalise_unit(unit: str | None) -> str | None:
    """SCHEMA §3 unit spelling: micro sign and Greek mu both become ``µ``; ``ml`` becomes ``mL``."""
    if unit is None:
        return None
    u = unit.strip().replace("μ", "µ")  # Greek small mu U+03BC -> micro sign U+00B5
    u = re.sub(r"(?<![A-Za-z])ml\b", "mL", u)
    return u or None


def _fmt_num(x: float) -> str:
    """Plain for everyday numbers, ``5×10^6`` for cell counts (reads back through parse_number)."""
    if x != 0 and (abs(x) >= 1e5 or abs(x) < 1e-4):
        exp = math.floor(math.log10(abs(x)))
        mant = round(x / 10**exp, 6)
        return f"{mant:g}×10^{exp}"
    return f"{x:g}"


# --------------------------------------------------------------------------- per-field codecs


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _parse_str(raw: str) -> str | None:
    return raw.strip() or None


def _parse_required(name: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        s = raw.strip()
        if not s:
            raise FieldError(f"{name} must not be empty")
        return s

    return parse


def _parse_slug(raw: str) -> str:
    s = raw.strip()
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s):
        raise FieldError(f"study_id must be a lower-case slug like de-jesus-2016, got {raw!r}")
    return s


def _parse_int(name: str, low: int, high: int) -> Callable[[str], int | None]:
    def parse(raw: str) -> int | None:
        s = raw.strip()
        if not s:
            return None
        # spreadsheets hand integers back as "2016.0"
        m = re.fullmatch(r"(\d+)(?:\.0+)?", s)
        if not m:
            raise FieldError(f"{name} must be a whole number, got {raw!r}")
        n = int(m.group(1))
        if not low <= n <= high:
            raise FieldError(f"{name} must be between {low} and {high}, got {n}")
        return n

    return parse


def _parse_doi(raw: str) -> str | None:
    s = raw.strip()
    if not s:
        return None
    s = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", s, flags=re.I)
    if not re.fullmatch(r"10\.\d{4,9}/\S+", s):
        raise FieldError(f"doi must look like 10.1234/abc, got {raw!r}")
    return s


def _parse_vocab(name: str, vocab: tuple[str, ...]) -> Callable[[str], str | None]:
    def parse(raw: str) -> str | None:
        s = raw.strip()
        if not s:
            return None
        for v in vocab:
            if s.lower() == v:
                return v
        raise FieldError(f"{name} must be one of: {', '.join(vocab)}; got {raw!r}")

    return parse


def _parse_disease(raw: str) -> str | None:
    s = raw.strip()
    if not s:
        return None
    for v in DISEASES:
        if s.lower() == v:
            return v
    m = re.fullmatch(r"other:\s*(\S.*)", s, flags=re.I)
    if m:
        return f"other: {m.group(1).strip()}"
    raise FieldError(
        f"disease must be one of: {', '.join(DISEASES)}, or 'other: <text>'; got {raw!r}"
    )


def _items(raw: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;\n]", raw) if p.strip()]


def format_dose(d: dict[str, Any]) -> str:
    low, high, unit = d.get("low"), d.get("high"), d.get("unit")
    value = _fmt_num(low) if low == high else f"{_fmt_num(low)}–{_fmt_num(high)}"
    return f"{value} {unit}" if unit else value


def parse_dose(raw: str) -> dict[str, Any]:
    """``LOW[–HIGH] [million] [UNIT]``: ``5×10^6 cells/kg``, ``0.5–3.1 million cells/kg``."""
    m = _DOSE_RE.match(raw.strip())
    if not m:
        raise FieldError(f"dose must be 'LOW[–HIGH] UNIT' such as '5×10^6 cells/kg', got {raw!r}")
    low = parse_number(m.group("low"))
    high = parse_number(m.group("high")) if m.group("high") else low
    mult = _MULTIPLIERS.get(m.group("mult") or "", 1.0)
    low, high = low * mult, high * mult
    if high < low:
        raise FieldError(f"dose range runs backwards: {raw!r}")
    unit = normalise_unit(m.group("unit"))
    if unit and not re.match(r"^[A-Za-zµ%/]", unit):
        # "5×106 cells": a flattened power read as a unit; the curator writes 5×10^6
        raise FieldError(f"dose unit must start with a letter (write powers as 10^6): {raw!r}")
    return {"text": raw.strip(), "low": low, "high": high, "unit": unit}


def _parse_doses(raw: str, previous: Any = None) -> list[dict[str, Any]]:
    # keep the source wording of a dose the curator did not change
    known = {
        (d.get("low"), d.get("high"), d.get("unit")): d.get("text", "")
        for d in (previous or [])
        if isinstance(d, dict)
    }
    out = []
    for item in _items(raw):
        d = parse_dose(item)
        d["text"] = known.get((d["low"], d["high"], d["unit"])) or d["text"]
        out.append(d)
    return out


def _parse_routes(raw: str) -> list[str]:
    out = []
    for item in _items(raw):
        v = _parse_vocab("route", ROUTES)(item)
        if v is not None and v not in out:
            out.append(v)
    return out


def _parse_cells(raw: str) -> list[str]:
    out: list[str] = []
    for item in _items(raw):
        if item not in out:
            out.append(item)
    return out


_ARROW = r"\s*(?:→|->|=>|to)\s*"
_OUTCOME_RE = re.compile(rf"^(?P<measure>.+?)\s+(?P<base>\S+){_ARROW}(?P<final>\S+)$")


def format_outcome(o: dict[str, Any]) -> str:
    base, final = o.get("baseline"), o.get("final")
    if base is None and final is None:
        return str(o.get("measure", ""))
    show = lambda v: "?" if v is None else _fmt_num(v)  # noqa: E731
    return f"{o.get('measure', '')} {show(base)}→{show(final)}"


def _parse_outcomes(raw: str) -> list[dict[str, Any]]:
    out = []
    for item in _items(raw):
        m = _OUTCOME_RE.match(item)
        if not m:
            if re.search(r"\d\s*(?:→|->)", item):
                raise FieldError(f"outcome must be 'MEASURE BASELINE→FINAL', got {item!r}")
            out.append({"measure": item, "baseline": None, "final": None})
            continue
        vals = []
        for v in (m.group("base"), m.group("final")):
            vals.append(None if v in {"?", "null", "-", "–"} else parse_number(v))
        out.append({"measure": m.group("measure").strip(), "baseline": vals[0], "final": vals[1]})
    return out


_DIRECTION_WORDS = {
    "↓": "down", "down": "down", "decreased": "down", "reduced": "down",
    "↑": "up", "up": "up", "increased": "up", "raised": "up",
    "?": None, "null": None, "": None,
}  # fmt: skip


def format_cytokine(c: dict[str, Any]) -> str:
    arrow = {"down": " ↓", "up": " ↑"}.get(c.get("direction") or "", "")
    return f"{c.get('name', '')}{arrow}"


def _parse_cytokines(raw: str) -> list[dict[str, Any]]:
    out = []
    for item in _items(raw):
        m = re.fullmatch(r"(?P<name>.+?)(?:\s*(?P<dir>↓|↑)|\s+(?P<word>\S+))?", item)
        assert m is not None  # the pattern accepts any non-empty item
        name, word = m.group("name"), m.group("dir") or (m.group("word") or "")
        if word and word.lower() not in _DIRECTION_WORDS:
            # a multi-word name such as "interleukin 10" with no direction
            name, word = item, ""
        out.append({"name": name.strip(), "direction": _DIRECTION_WORDS[word.lower()]})
    return out


_PARSERS: dict[str, Callable[..., Any]] = {
    "study_id": _parse_slug,
    "first_author": _parse_required("first_author"),
    "year": _parse_int("year", 1800, 2100),
    "ref": _parse_int("ref", 0, 100000),
    "doi": _parse_doi,
    "disease": _parse_disease,
    "intervention": _parse_vocab("intervention", INTERVENTIONS),
    "model": _parse_vocab("model", MODELS),
    "design": _parse_vocab("design", DESIGNS),
    "sample_size": _parse_int("sample_size", 0, 10_000_000),
    "doses": _parse_doses,
    "routes": _parse_routes,
    "outcomes": _parse_outcomes,
    "cytokines": _parse_cytokines,
    "cells": _parse_cells,
}


def parse_field(name: str, raw: Any, previous: Any = None) -> Any:
    """The SCHEMA §4 value of ``name`` from its typed text form.

    Raises:
        FieldError: unknown field, over-long input, or a value outside the vocabulary.
    """
    if name not in _PARSERS:
        raise FieldError(f"unknown or read-only field {name!r}")
    text = _text(raw)
    if len(text) > MAX_VALUE_CHARS:
        raise FieldError(f"{name}: value longer than {MAX_VALUE_CHARS} characters")
    if name == "doses":
        return _parse_doses(text, previous)
    return _PARSERS[name](text)


def format_field(name: str, value: Any) -> str:
    """The text form of a stored value; ``parse_field(format_field(v)) == v`` for valid values."""
    if value is None:
        return ""
    if name == "doses":
        return SEP.join(format_dose(d) for d in value)
    if name == "outcomes":
        return SEP.join(format_outcome(o) for o in value)
    if name == "cytokines":
        return SEP.join(format_cytokine(c) for c in value)
    if name in LIST_FIELDS:
        return SEP.join(str(v) for v in value)
    return str(value)


def parse_dose_norm(raw: str) -> list[dict[str, Any]]:
    """A DOSE entity's ``norm`` (SCHEMA §2) from the same text form as record doses."""
    return _parse_doses(raw)
