"""Counts as people write them: one parser for sample sizes and doses.

``parse_number`` reads digits with thousands grouping ("3,408", "3 408", "1 200") and English
number words ("Twenty-nine", "one hundred and twenty", "Four hundred", "two hundred fifty");
``count_pattern`` is the regex alternation that finds them in running text. The word tables,
the grouping characters and the nouns that count people or animals are data
(``extractor/data/numbers.json``, ``extractor/data/count_nouns.json``), each with its source.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = [
    "count_noun_pattern",
    "count_pattern",
    "digits_pattern",
    "is_person_noun",
    "not_a_count",
    "parse_number",
    "person_noun_pattern",
]


@cache
def _table(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files("extractor.data").joinpath(name).read_text("utf-8"))
    return data


@cache
def _words() -> dict[str, int]:
    t = _table("numbers.json")
    return {**t["units"], **t["teens"], **t["tens"], **t["scales"]}


def _alt(words: Any) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def digits_pattern() -> str:
    """Digits, with 1-3 leading digits then groups of three after one grouping character
    ("3,408", "3 408", "1 200 000"); a group is only a group when no digit follows it."""
    sep = "".join(re.escape(s) for s in _table("numbers.json")["group_separators"])
    return rf"\d{{1,3}}(?:[{sep}]\d{{3}})+(?![\d])(?![.,]\d)|\d+"


@cache
def _below_hundred() -> str:
    t = _table("numbers.json")
    tens, units, teens = _alt(t["tens"]), _alt(t["units"]), _alt(t["teens"])
    return rf"(?:{tens})(?:[-\u2010\u2011 ](?:{units}))?|{teens}|{units}"


@cache
def words_pattern() -> str:
    """A number in words up to 999,999: "twenty-nine", "one hundred and twenty", "four
    thousand two hundred"."""
    below = _below_hundred()
    hundreds = rf"(?:{below})\s+hundred(?:\s+(?:and\s+)?(?:{below}))?"
    upto_k = rf"(?:{hundreds}|{below})"
    return rf"(?:{upto_k})\s+thousand(?:,?\s+(?:and\s+)?(?:{upto_k}))?|{hundreds}|{below}"


@cache
def count_pattern() -> str:
    """Regex alternation (no groups) of a count in digits or in words, longest first."""
    return rf"(?:{words_pattern()})|(?:{digits_pattern()})"


_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")


def parse_number(text: str) -> int | None:
    """``"3,408"`` / ``"n = 3 408"``'s ``"3 408"`` / ``"Twenty-nine"`` / ``"one hundred and
    twenty"`` -> int; anything that is not a whole count -> ``None``."""
    t = text.strip().lower()
    if not t:
        return None
    if re.fullmatch(digits_pattern(), t):
        return int(re.sub(r"\D", "", t))
    words = _words()
    tokens = [w for w in re.split(r"[\s\-\u2010\u2011,]+", t) if w and w != "and"]
    if not tokens or any(w not in words for w in tokens):
        return None
    total, current = 0, 0
    for w in tokens:
        v = words[w]
        if v == 100:
            current = (current or 1) * 100
        elif v == 1000:
            total += (current or 1) * 1000
            current = 0
        else:
            current += v
    return total + current


@cache
def _not_before() -> re.Pattern[str]:
    return re.compile(_table("numbers.json")["not_a_count_before"]["pattern"], re.IGNORECASE)


@cache
def _not_after() -> re.Pattern[str]:
    return re.compile(_table("numbers.json")["not_a_count_after"]["pattern"], re.IGNORECASE)


def not_a_count(text: str, start: int, end: int) -> bool:
    """The number at ``text[start:end]`` names a category or a measure, not a count:
    "type 2 diabetic patients", "phase 2", "a 4-hour infusion" (``numbers.json``)."""
    return bool(
        _not_before().search(text[max(0, start - 12) : start])
        or _not_after().match(text[end : end + 12])
    )


@cache
def _nouns() -> tuple[tuple[str, ...], tuple[str, ...]]:
    t = _table("count_nouns.json")
    return tuple(t["persons"]), tuple(t["animals"])


def _forms(plural: str) -> list[str]:
    sing = _table("count_nouns.json")["singular"].get(plural)
    if sing is None:
        sing = plural[:-1] if plural.endswith("s") else plural
    return [plural, sing] if sing != plural else [plural]


@cache
def count_noun_pattern() -> str:
    """Regex alternation of every noun of persons or animals, plural and singular."""
    persons, animals = _nouns()
    forms = {re.escape(f).replace(r"\ ", r"\s+") for n in (*persons, *animals) for f in _forms(n)}
    return _alt(forms)


@cache
def person_noun_pattern() -> str:
    """Regex alternation of every noun of persons, plural and singular."""
    persons, _ = _nouns()
    return _alt({re.escape(f).replace(r"\ ", r"\s+") for n in persons for f in _forms(n)})


@cache
def _person_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{person_noun_pattern()})$", re.IGNORECASE)


def is_person_noun(noun: str) -> bool:
    """Whether a count noun counts people ("outpatients", "adolescents") or animals."""
    return _person_re().match(noun.strip()) is not None
