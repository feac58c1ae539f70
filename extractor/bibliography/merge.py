"""Several readings of one document's bibliography combined, most trusted first."""

from __future__ import annotations

from typing import TypeVar

from extractor.bibliography.names import fold
from extractor.types import Bibliography

T = TypeVar("T")


def _authors(lists: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The most trusted list; a later, longer one that starts with the same surname completes
    it (a running line's ``Nakamura et al.`` completed by the title page's author line)."""
    best: tuple[str, ...] = ()
    for names in lists:
        if not names:
            continue
        if not best or (len(names) > len(best) and fold(names[0]) == fold(best[0])):
            best = names
    return best


def _first(values: list[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)


def merge(*readings: Bibliography) -> Bibliography:
    """Field by field, the first reading that gives the field (``readings`` in trust order)."""
    return Bibliography(
        title=_first([b.title for b in readings]),
        authors=_authors([b.authors for b in readings]),
        year=_first([b.year for b in readings]),
        journal=_first([b.journal for b in readings]),
        doi=_first([b.doi for b in readings]),
        pmid=_first([b.pmid for b in readings]),
    )
