"""Cue lexicons for record assembly, read from ``models/records/`` (curated data, not code).

Each row carries its ``source``; the loader compiles the regular expressions once and rejects
rows without one, so an undocumented cue cannot slip in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from extractor.context.literals import fewest_literals
from extractor.errors import ExtractorError
from extractor.knowledge import locate
from extractor.normalize.first_chars import guarded
from extractor.records.screen import bounded_prefixes, literal_prefixes, required_literals


@dataclass(frozen=True, slots=True)
class Cue:
    """One compiled lexicon row: ``value`` is what the cue means (a vocabulary value or kind)."""

    value: str
    regex: re.Pattern[str]
    weight: float = 1.0
    needs_context: bool = False
    refines: str | None = None
    specificity: int = 0
    name: str | None = None  # a canonical name for what the cue matched ("other: <name>")
    generic: bool = False  # a category ("chronic wound"): yields to a specific condition named
    # literal openings one of which every match starts with (None: not known); see ``screen``
    prefixes: tuple[str, ...] | None = None
    # the prefixes it opens with only after a word boundary (``screen.bounded_prefixes``)
    bounded: frozenset[str] = frozenset()
    # literals one of which every match holds (None: not known), and them as one pattern
    # (lower-case literals of a case-folding cue: it reads the lower-cased text); see ``screen``
    needs: tuple[str, ...] | None = None
    needs_re: re.Pattern[str] | None = None
    # another such set every match holds one of, as one pattern: the one of fewest literals
    # ("-CM" after the acronyms of ``[\w-]*(?:MSCs?|…|SCs?)-?CM``, whose "sc" is in 310
    # places of the review, "cm" in 4); a chunk ``screen`` keeps a cue for holds both
    also_re: re.Pattern[str] | None = None


def models_dir() -> Path:
    """``records/`` of the knowledge folder (``extractor.knowledge.locate``)."""
    return locate() / "records"


@cache
def rows(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of ``models/records/<name>`` (JSON Lines), each checked to carry a source."""
    return tuple(_read_rows(name))


def _read_rows(name: str) -> list[dict[str, Any]]:
    path = models_dir() / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ExtractorError(f"{path}: cannot read record lexicon ({err.strerror})") from err
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise ExtractorError(f"{path}:{n}: not valid JSON ({err.msg})") from err
        if not row.get("source"):
            raise ExtractorError(f"{path}:{n}: lexicon row has no 'source'")
        rows.append(row)
    return rows


def _compile(row: dict[str, Any], key: str) -> Cue:
    flags = 0 if row.get("case_sensitive") else re.IGNORECASE
    regex = re.compile(row["pattern"], flags)
    needs = required_literals(regex)
    also = _also(regex, needs)
    return Cue(
        value=row[key],
        regex=guarded(regex),  # the same matches, tried only where one can open
        weight=float(row.get("weight", 1.0)),
        needs_context=bool(row.get("needs_context", False)),
        refines=row.get("refines"),
        specificity=int(row.get("specificity", 0)),
        name=row.get("name"),
        generic=bool(row.get("generic", False)),
        prefixes=literal_prefixes(regex),
        bounded=bounded_prefixes(regex),
        needs=needs,
        needs_re=None if needs is None else re.compile("|".join(map(re.escape, needs))),
        also_re=None if also is None else re.compile("|".join(map(re.escape, also))),
    )


def _also(regex: re.Pattern[str], needs: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The literal set chosen for the fewest literals (``literals.fewest_literals``) when it
    differs from ``needs``; None otherwise."""
    if needs is None:
        return None
    also = fewest_literals(regex)
    return None if also == needs else also


@cache
def cues(name: str, key: str = "value") -> tuple[Cue, ...]:
    """All rows of ``models/records/<name>.jsonl`` compiled; ``key`` names the meaning column."""
    return tuple(_compile(r, key) for r in _read_rows(f"{name}.jsonl"))


@cache
def kind(name: str, which: str) -> re.Pattern[str]:
    """The alternation of all rows of ``name`` whose ``kind`` is ``which`` (one regex)."""
    parts = [r["pattern"] for r in _read_rows(f"{name}.jsonl") if r.get("kind") == which]
    if not parts:
        raise ExtractorError(f"{models_dir() / name}.jsonl: no rows of kind {which!r}")
    return guarded(re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE))


@cache
def kind_source(name: str, which: str) -> str:
    """The bare alternation text of a kind (to embed inside a larger pattern)."""
    parts = [r["pattern"] for r in _read_rows(f"{name}.jsonl") if r.get("kind") == which]
    return "|".join(f"(?:{p})" for p in parts)


@cache
def json_table(name: str) -> dict[str, Any]:
    path = models_dir() / name
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ExtractorError(f"{path}: cannot read record table ({err})") from err
    return data


def number_words() -> dict[str, int]:
    return {k.lower(): int(v) for k, v in json_table("number_words.json")["words"].items()}
