"""Several readings of one document's bibliography combined, most trusted first."""

from __future__ import annotations

from extractor.bibliography.names import fold
from extractor.types import Bibliography


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


def merge(*readings: Bibliography) -> Bibliography:
    """Field by field, the first reading that gives the field (``readings`` in trust order)."""

    def first(key: str) -> object:
        return next((getattr(b, key) for b in readings if getattr(b, key) is not None), None)

    return Bibliography(
        title=first("title"),  # type: ignore[arg-type]
        authors=_authors([b.authors for b in readings]),
        year=first("year"),  # type: ignore[arg-type]
        journal=first("journal"),  # type: ignore[arg-type]
        doi=first("doi"),  # type: ignore[arg-type]
        pmid=first("pmid"),  # type: ignore[arg-type]
    )
