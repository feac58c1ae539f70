"""Context rules: one row of ``rules.jsonl`` each, with a closed set of keys.

A row names a cue (``literal`` or ``pattern``), what it means (``category``), which way it
reaches (``direction``), how far (``max_scope``, characters, never past a clause boundary),
which spans it may modify (``allowed_types``) and where the cue comes from (``source``), in
the manner of medspaCy's ConText rules. ``literal`` matches case-insensitively between word
boundaries; ``pattern`` is a regular expression as written (``(?i:…)`` where case does not
matter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.knowledge import KnowledgeError, read_jsonl

__all__ = ["DIRECTIONS", "KEYS", "ContextRule", "load_rules", "rules_from_rows"]

KEYS = (
    "id",
    "category",
    "literal",
    "pattern",
    "direction",
    "max_scope",
    "allowed_types",
    "source",
)
DIRECTIONS = ("forward", "backward", "bidirectional", "terminate", "pseudo")
_REQUIRED = ("id", "category", "direction", "source")


@dataclass(frozen=True, slots=True)
class ContextRule:
    """One compiled row; ``regex`` is the literal or the pattern, ready to match."""

    id: str
    category: str
    direction: str
    regex: re.Pattern[str]
    source: str
    max_scope: int | None = None
    allowed_types: frozenset[str] = frozenset()
    literal: str | None = None
    pattern: str | None = None

    def allows(self, types: Iterable[str] | None) -> bool:
        """True when the rule may modify a span of any of ``types`` (no list: any span)."""
        if not self.allowed_types or types is None:
            return True
        return not self.allowed_types.isdisjoint(types)

    def to_row(self) -> dict[str, Any]:
        """The row this rule was read from (the keys it had), for ``to_disk``."""
        row: dict[str, Any] = {"id": self.id, "category": self.category}
        if self.literal is not None:
            row["literal"] = self.literal
        else:
            row["pattern"] = self.pattern
        row["direction"] = self.direction
        if self.max_scope is not None:
            row["max_scope"] = self.max_scope
        if self.allowed_types:
            row["allowed_types"] = sorted(self.allowed_types)
        row["source"] = self.source
        return row


def load_rules(path: str | Path) -> tuple[ContextRule, ...]:
    """The rules of a JSON Lines file; every problem is one ``file:line: reason`` error."""
    return tuple(_rules(read_jsonl(path, allowed=KEYS, required=_REQUIRED), str(path)))


def rules_from_rows(
    rows: Iterable[Mapping[str, Any]], where: str = "rules"
) -> tuple[ContextRule, ...]:
    """Rules from rows already in memory (``initialize(rules=…)``), checked like a file's."""
    checked = []
    for n, row in enumerate(rows, 1):
        unknown = sorted(set(row) - set(KEYS))
        if unknown:
            raise KnowledgeError(f"{where}:{n}: unknown key(s) {', '.join(unknown)}")
        missing = [k for k in _REQUIRED if row.get(k) in (None, "")]
        if missing:
            raise KnowledgeError(f"{where}:{n}: missing {', '.join(missing)}")
        checked.append((n, dict(row)))
    return tuple(_rules(iter(checked), where))


def _rules(rows: Iterator[tuple[int, dict[str, Any]]], where: str) -> Iterator[ContextRule]:
    seen: set[str] = set()
    for n, row in rows:
        here = f"{where}:{n}"
        if row["id"] in seen:
            raise KnowledgeError(f"{here}: duplicate id {row['id']!r}")
        seen.add(row["id"])
        yield _rule(row, here)


def _rule(row: dict[str, Any], here: str) -> ContextRule:
    literal, pattern = row.get("literal"), row.get("pattern")
    if (literal is None) == (pattern is None):
        raise KnowledgeError(f"{here}: give exactly one of 'literal' or 'pattern'")
    if not isinstance(literal if pattern is None else pattern, str):
        raise KnowledgeError(f"{here}: 'literal' or 'pattern' must be a string")
    if row["direction"] not in DIRECTIONS:
        raise KnowledgeError(f"{here}: direction must be one of {', '.join(DIRECTIONS)}")
    scope = row.get("max_scope")
    if scope is not None and (not isinstance(scope, int) or isinstance(scope, bool) or scope < 1):
        raise KnowledgeError(f"{here}: max_scope must be a positive number of characters")
    types = row.get("allowed_types", [])
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise KnowledgeError(f"{here}: allowed_types must be a list of labels")
    try:
        if literal is not None:
            regex = re.compile(rf"(?<!\w)(?i:{re.escape(literal)})(?!\w)")
        else:
            regex = re.compile(str(pattern))
    except re.error as err:
        raise KnowledgeError(f"{here}: pattern does not compile ({err})") from None
    return ContextRule(
        id=row["id"],
        category=row["category"],
        direction=row["direction"],
        regex=regex,
        source=row["source"],
        max_scope=scope,
        allowed_types=frozenset(types),
        literal=literal,
        pattern=pattern,
    )
