"""Bibliography scores: the document's own first author, year, DOI and title (SCHEMA §5).

Scored only on gold documents that carry a ``bibliography`` with something in it; a gold line
without one says nothing about the document's identity and is left out. A field counts where
the gold gives it (``total``); ``correct`` when the prediction gives the same value, compared
blind to case and accents (surnames), to the resolver prefix and case (DOIs) and to case,
accents and punctuation (titles). ``spurious`` counts predictions where the gold has none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

BIB_FIELDS: tuple[str, ...] = ("first_author", "year", "doi", "title")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("\u2019", "'").casefold().split())


def has_bibliography(doc: Mapping[str, Any]) -> bool:
    """Whether ``doc`` carries a bibliography object with any field given."""
    bib = doc.get("bibliography")
    return isinstance(bib, dict) and any(v not in (None, "", []) for v in bib.values())


def field_values(bib: Mapping[str, Any] | None) -> dict[str, Any]:
    """The comparable form of each scored field (None where not given)."""
    bib = bib if isinstance(bib, Mapping) else {}
    authors = bib.get("authors") or []
    first = authors[0] if authors and isinstance(authors[0], str) else None
    doi = bib.get("doi")
    if isinstance(doi, str):
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.I)
    title = bib.get("title")
    year = bib.get("year")
    return {
        "first_author": _fold(first) if first else None,
        "year": int(year) if isinstance(year, int | str) and str(year).isdigit() else None,
        "doi": doi.casefold() if isinstance(doi, str) and doi else None,
        "title": " ".join(re.findall(r"\w+", _fold(title))) if isinstance(title, str) else None,
    }


def _shown(bib: Mapping[str, Any] | None, f: str) -> Any:
    """A field as the curator should see it in errors.jsonl."""
    bib = bib if isinstance(bib, Mapping) else {}
    if f == "first_author":
        return (bib.get("authors") or [None])[0]
    return bib.get(f)


def score_bibliography(
    pairs: list[tuple[str, Mapping[str, Any] | None, Mapping[str, Any] | None]],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Metrics and error rows for ``(doc_id, gold bibliography, pred bibliography)`` pairs."""
    fields: dict[str, dict[str, Any]] = {
        f: {"correct": 0, "total": 0, "spurious": 0} for f in BIB_FIELDS
    }
    errors: list[dict[str, Any]] = []
    for doc_id, gold, pred in pairs:
        g, p = field_values(gold), field_values(pred)
        for f in BIB_FIELDS:
            if g[f] is None:
                fields[f]["spurious"] += p[f] is not None
                continue
            fields[f]["total"] += 1
            if g[f] == p[f]:
                fields[f]["correct"] += 1
            else:
                errors.append(
                    {
                        "doc_id": doc_id,
                        "type": "BIBLIOGRAPHY",
                        "field": f,
                        "gold": _shown(gold, f),
                        "pred": _shown(pred, f),
                    }
                )
    for v in fields.values():
        v["accuracy"] = v["correct"] / v["total"] if v["total"] else 0.0
    return {"documents": len(pairs), "fields": fields}, errors
