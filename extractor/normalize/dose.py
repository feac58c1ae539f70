"""Dose recognition on raw text (SCHEMA §1 DOSE, §3 dose object): grammar, then filters.

Pure functions, no spaCy: the pipeline component, the record assembler and table-cell
readers all call the same code. The quantity grammar (``quantity``, ``amounts``) reads
every amount the notation allows; the context filters (``dose_filters``, rows of the context
engine) drop the amounts that are not administered, and each dropped amount keeps the id of
the row that dropped it (``scan_doses``).
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.context import ContextEngine, default_engine
from extractor.normalize.amounts import confidence, doses_of, parse_dose, scan
from extractor.normalize.dose_cues import cues
from extractor.normalize.dose_filters import PER_COUNT_RATIO, dropped_by, per_count_end
from extractor.types import Dose

__all__ = ["DoseMatch", "DroppedDose", "find_doses", "parse_dose", "scan_doses"]


@dataclass(frozen=True, slots=True)
class DoseMatch:
    """One DOSE span in a text, with the dose objects it denotes."""

    start: int
    end: int
    text: str
    doses: tuple[Dose, ...]
    confidence: float


@dataclass(frozen=True, slots=True)
class DroppedDose:
    """An amount the grammar read and a context rule dropped: ``rule`` names the row."""

    start: int
    end: int
    text: str
    rule: str


def find_doses(text: str, engine: ContextEngine | None = None) -> list[DoseMatch]:
    """Every DOSE span in raw text (SCHEMA §1), in order, non-overlapping."""
    return scan_doses(text, engine)[0]


def scan_doses(
    text: str, engine: ContextEngine | None = None, limit: int | None = None
) -> tuple[list[DoseMatch], list[DroppedDose]]:
    """The DOSE spans of ``text`` and the amounts the context rules dropped, each with the id
    of the rule that dropped it (``engine``: the packaged rules when None). ``limit``: only
    the amounts that start before it, each read and judged in the whole text."""
    if not isinstance(text, str) or not text:
        return [], []
    engine = default_engine() if engine is None else engine
    t = cues(engine)
    out: list[DoseMatch] = []
    dropped: list[DroppedDose] = []
    ratio_until = -1  # a yield's counted denominator is no dose either
    for g in scan(text, limit):
        if g.start < ratio_until:
            dropped.append(DroppedDose(g.start, g.end, text[g.start : g.end], PER_COUNT_RATIO))
            continue
        ratio_end = per_count_end(text, g.end, t)
        rule = PER_COUNT_RATIO if ratio_end is not None else dropped_by(text, g, engine)
        if ratio_end is not None:
            ratio_until = ratio_end
        if rule is not None:
            dropped.append(DroppedDose(g.start, g.end, text[g.start : g.end], rule))
            continue
        out.append(
            DoseMatch(g.start, g.end, text[g.start : g.end], doses_of(text, g), confidence(g))
        )
    return out, dropped
