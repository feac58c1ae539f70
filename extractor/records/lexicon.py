"""Cue lexicons for record assembly, read from ``models/records/`` (curated data, not code).

Each row carries its ``source``; the loader compiles the regular expressions once and rejects
rows without one, so an undocumented cue cannot slip in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from extractor.errors import ExtractorError
from extractor.knowledge import locate


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
    return Cue(
        value=row[key],
        regex=regex,
        weight=float(row.get("weight", 1.0)),
        needs_context=bool(row.get("needs_context", False)),
        refines=row.get("refines"),
        specificity=int(row.get("specificity", 0)),
        name=row.get("name"),
        generic=bool(row.get("generic", False)),
        prefixes=literal_prefixes(regex),
    )


# ------------------------------------------------------------------ screening cues cheaply
# Running every cue of a table over every piece of every record was the record stage's main
# cost. A cue whose every match opens with one of a few literal strings ("\\bpsoria(?:sis|
# tic)\\b" opens with "psoria") cannot match a piece that does not contain one; ``screen``
# keeps only the cues that can, so the regexes run on far fewer pieces and the matches stay
# exactly what the full scan finds.

# Non-ASCII characters that a case-insensitive ASCII letter matches although their lower case
# is not that letter (dotted and dotless i, long s, Kelvin sign): where one occurs, no cue is
# screened out (tests/records/test_lexicon_screen.py derives the set from ``re`` itself).
FOLD_SPECIAL = frozenset("\u0130\u0131\u017f\u212a")
_SPECIAL = re.compile("[" + "".join(sorted(FOLD_SPECIAL)) + "]")


def literal_prefixes(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal ASCII strings (two characters or more) one of which opens every match of
    ``regex``, lower-cased when it ignores case; None when the pattern's opening is not a
    literal (a character class, a repeat, a flag change)."""
    try:
        from re import _constants as C
        from re import _parser as P
    except ImportError:  # pragma: no cover - Python < 3.11 layout
        return None
    try:
        parsed = P.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - re compiled it, so the parser reads it
        return None
    found = _openings(list(parsed), C)
    if not found or any(len(p) < 2 for p in found):
        return None
    fold = bool(regex.flags & re.IGNORECASE)
    return tuple(sorted({p.lower() if fold else p for p in found}))


def _openings(items: list[tuple[Any, Any]], C: Any) -> set[str] | None:
    lit: list[str] = []
    for i, (op, av) in enumerate(items):
        if not lit and op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0:
            # an optional opening ("(?:chronic\\s+)?venous"): it, or what follows it
            first, rest = _openings(list(av[2]), C), _openings(items[i + 1 :], C)
            return first | rest if first and rest else None
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: consumes nothing
            if lit:
                break
            continue
        if op == C.LITERAL and chr(av).isascii():
            lit.append(chr(av))
            continue
        head = "".join(lit)
        got = _group_openings(op, av, C)
        if got:  # "m(?:ice|ouse)" opens with "mice" or "mouse"
            return {head + g for g in got}
        return {head} if head else None
    return {"".join(lit)} if lit else None


def _group_openings(op: Any, av: Any, C: Any) -> set[str] | None:
    """Openings of a group or an alternation (None when one branch has none)."""
    if op == C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _openings(list(sub), C)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _openings(list(av[2]), C)
    if op == C.IN and all(o == C.LITERAL and chr(a).isascii() for o, a in av):
        return {chr(a) for _, a in av}  # "(?:C|P)" parses as the class [CP]
    if op == C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            got = _openings(list(branch), C)
            if not got:
                return None
            out |= got
        return out
    return None


def screen(table: Sequence[Cue], chunk: str) -> Sequence[Cue]:
    """The cues of ``table`` that can match somewhere in ``chunk`` (a superset of those that
    do: a regex still decides), in the table's order."""
    if _SPECIAL.search(chunk):
        return table
    folded = chunk.lower()
    always, openings = _plan(table)
    keep = set(always)
    for opening, fold, which in openings:
        if opening in (folded if fold else chunk):
            keep.update(which)
    return [c for i, c in enumerate(table) if i in keep]


_PLANS: dict[int, tuple[Sequence[Cue], tuple[Any, ...]]] = {}


def _plan(table: Sequence[Cue]) -> tuple[Any, ...]:
    """Per table: the cues with no known opening, and each distinct opening with the cues it
    opens (kept for the lexicon's own tuples, built afresh for any other sequence)."""
    got = _PLANS.get(id(table))
    if got is not None and got[0] is table:
        return got[1]
    always = tuple(i for i, c in enumerate(table) if c.prefixes is None)
    which: dict[tuple[str, bool], list[int]] = {}
    for i, c in enumerate(table):
        fold = bool(c.regex.flags & re.IGNORECASE)
        for p in c.prefixes or ():
            which.setdefault((p, fold), []).append(i)
    plan = (always, tuple((p, fold, tuple(ix)) for (p, fold), ix in which.items()))
    if isinstance(table, tuple):
        _PLANS[id(table)] = (table, plan)
    return plan


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
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


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


# ------------------------------------------------------------- agents that are not the therapy

AGENTS = "inducers.jsonl"
INDUCER_ROLES = ("inducer", "stimulus")
AGENT_ROLES = (*INDUCER_ROLES, "mediator")


@cache
def agents(roles: tuple[str, ...] = AGENT_ROLES) -> tuple[dict[str, Any], ...]:
    """Rows of ``models/records/inducers.jsonl`` whose ``role`` is in ``roles``.

    The file is the one list of disease inducers (``inducer``), in-vitro and in-vivo stimuli
    (``stimulus``) and endogenous mediators used as stimuli (``mediator``). The dose filter
    (``extractor.normalize.dose``) reads every role: an amount of any of them is not the
    therapy's. The record assembler's ``inducer()`` reads ``INDUCER_ROLES``: a mediator
    (histamine) is also a measured outcome, so naming one is no sign of an insult.
    """
    out = []
    for n, row in enumerate(rows(AGENTS), 1):
        if row.get("role") not in AGENT_ROLES:
            raise ExtractorError(
                f"{models_dir() / AGENTS}: row {n}: role must be one of {', '.join(AGENT_ROLES)}"
            )
        if row["role"] in roles:
            out.append(row)
    return tuple(out)


def number_words() -> dict[str, int]:
    return {k.lower(): int(v) for k, v in json_table("number_words.json")["words"].items()}
