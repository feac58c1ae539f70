"""How sure a record is of each field, and the evidence spans it cites (SCHEMA §4).

A value's confidence starts from the strongest kind of source it came from (a table's
population cell over a paragraph sentence over a reference title) and scales with the share
of the weighted votes that agreed; a conflict with a weaker source lowers it.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.records import fields as F
from extractor.records.text import Span
from extractor.types import Evidence

# Base confidence by the strongest kind of source a value came from (see README "records").
BASE = {
    F.POPULATION: 0.95,
    F.ROW: 0.9,
    F.GROUP: 0.85,
    F.PARAGRAPH: 0.75,
    F.TITLE: 0.6,
    None: 0.4,
}

# An empty list field: every study has a dose and a route, so finding none is suspect;
# many studies name no outcome score or cytokine, so an empty list there is usually right.
EMPTY = {"doses": 0.4, "routes": 0.45, "cells": 0.5, "outcomes": 0.7, "cytokines": 0.7}


def found_conf(found: F.Found, conflict: bool = False) -> float:
    """A scalar field's confidence from what its extractor found."""
    if found.value is None or found.value == ():
        return round(BASE[None] * (0.5 + 0.5 * found.share), 3) if found.share else 0.3
    c = BASE.get(found.origin, 0.7) * (0.6 + 0.4 * found.share)
    if conflict:
        c *= 0.7
    return round(min(1.0, max(0.0, c)), 3)


def list_conf(
    values: Sequence[object], confs: Sequence[float], origin_base: float, field: str = ""
) -> float:
    """A list field's confidence: the mean of its items' (``EMPTY`` when it has none)."""
    if not values:
        return EMPTY.get(field, 0.5)
    mean = sum(confs) / len(confs) if confs else 0.8
    return round(min(1.0, origin_base * mean + 0.1), 3)


def evidence(spans: Sequence[Span], field: str | None, limit: int = 6) -> list[Evidence]:
    """The first ``limit`` distinct spans as evidence for ``field``."""
    out: list[Evidence] = []
    for s in spans[:limit]:
        ev = Evidence(s.start, s.end, field)
        if ev not in out:
            out.append(ev)
    return out


def dedupe_evidence(evs: list[Evidence]) -> list[Evidence]:
    """``evs`` without repeats, first occurrence kept."""
    return list(dict.fromkeys(evs))
