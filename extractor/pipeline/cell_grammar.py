"""Cells named by where they come from, read as a grammar rather than listed.

Pure functions over text (no spaCy), called by :class:`extractor.pipeline.matching.LexiconIndex`
with the table ``models/patterns/cell_grammar.json`` (each row sourced):

- a product of a tissue: ``<tissue form> [-derived] <head>`` ("gingiva-derived mesenchymal
  stem cells", "placental MSC", "umbilical cord-lining stem cells", "menstrual blood-derived
  stem cells", "amniotic epithelial cells") -> CELL with the tissue row's short name
  (``GMSC``, ``PMSC``, ``CLMSC``, ``MenSC``, ``AEC``), else "<adjective> MSC";
  the short names themselves ("GMSCs", "hDPSC") are read as that cell too;
- a population named by an organ or tumour adjective: "hepatoma cells", "leukemic cells",
  "mesangial cells" -> "<adjective> cell";
- a location word that defines a population widens the cell after it and keeps its norm
  (GUIDELINES 8.3): "basal keratinocytes", "outer root sheath keratinocytes" -> keratinocyte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

GRAMMAR_CONFIDENCE = 0.9  # above a generated ontology row on the same offsets
SPECIES_LETTERS = "hcmrep"  # as models/build_lexicons.SPECIES_PREFIXES


@dataclass(frozen=True, slots=True)
class GrammarMatch:
    start: int
    end: int
    norm: str
    source: str


def _alt(items: Iterable[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(set(items), key=len, reverse=True))


class CellGrammar:
    """Compiled ``cell_grammar.json``; :meth:`find` lists products and populations in a text."""

    def __init__(self, table: Mapping[str, Any] | None) -> None:
        self.table = dict(table or {})
        tissues = self.table.get("tissues", [])
        self.by_form: dict[str, Mapping[str, Any]] = {}
        for row in tissues:
            for form in row["forms"]:
                self.by_form.setdefault(form.lower(), row)
        heads = self.table.get("heads", [])
        self._product: re.Pattern[str] | None = None
        self.head_kinds: list[tuple[re.Pattern[str], str, bool]] = []
        if tissues and heads:
            head_alt = "|".join(f"(?:{h['pattern']})" for h in heads)
            self._product = re.compile(
                rf"(?<![\w\-])(?P<tissue>{_alt(self.by_form)})"
                rf"(?P<link>(?:[-\u2010 ](?:tissue[-\u2010 ])?derived)?[-\u2010 ])"
                rf"(?P<head>{head_alt})(?![\w\-])",
                re.IGNORECASE,
            )
            self.head_kinds = [
                (re.compile(h["pattern"], re.IGNORECASE), h["kind"], bool(h.get("needs_derived")))
                for h in heads
            ]
        shorts = {
            str(r["msc"]): str(r["msc"])
            for r in tissues
            if re.fullmatch(r"[A-Za-z][\w-]*[A-Z]\w*", str(r["msc"]))
        }
        self.shorts = shorts
        self._short: re.Pattern[str] | None = None
        if shorts:
            self._short = re.compile(
                rf"(?<![\w\-])[{SPECIES_LETTERS}]?(?P<short>{_alt(shorts)})s?(?![\w+])"
            )
        pops = self.table.get("populations", {}).get("adjectives", [])
        self._population = (
            re.compile(rf"(?<![\w\-])(?P<adj>{_alt(pops)})[ \u00a0]cells?(?![\w\-])", re.IGNORECASE)
            if pops
            else None
        )
        loc = self.table.get("locations", {})
        self.location_heads = frozenset(loc.get("heads", []))
        self._location = (
            re.compile(rf"(?<![\w\-])(?:{_alt(loc['words'])})[ \u00a0]$", re.IGNORECASE)
            if loc.get("words")
            else None
        )

    def find(self, text: str) -> list[GrammarMatch]:
        """Tissue products, their short names and organ/tumour populations in ``text``."""
        out: list[GrammarMatch] = []
        if self._product is not None:
            for m in self._product.finditer(text):
                norm = self._product_norm(m)
                if norm is not None:
                    out.append(GrammarMatch(m.start(), m.end(), norm, "grammar"))
        if self._short is not None:
            for m in self._short.finditer(text):
                out.append(
                    GrammarMatch(m.start(), m.end(), self.shorts[m.group("short")], "grammar")
                )
        if self._population is not None:
            for m in self._population.finditer(text):
                out.append(
                    GrammarMatch(m.start(), m.end(), f"{m.group('adj').lower()} cell", "grammar")
                )
        return out

    def _product_norm(self, m: re.Match[str]) -> str | None:
        row = self.by_form[m.group("tissue").lower()]
        derived = "derived" in m.group("link").lower() or "derived" in m.group("tissue").lower()
        for pat, kind, needs_derived in self.head_kinds:
            if not pat.fullmatch(m.group("head")):
                continue
            if needs_derived and not derived:
                return None
            if kind == "msc":
                return str(row.get("msc") or f"{row['adjective']} MSC")
            if kind == "stem":
                return str(row.get("stem") or row.get("msc") or f"{row['adjective']} stem cell")
            if kind == "epithelial":
                return str(row.get("epithelial") or f"{row['adjective']} epithelial cell")
            return str(row.get("cell") or f"{row['adjective']} cell")
        return None

    def location_start(self, text: str, start: int, norm: str) -> int | None:
        """Where a population-defining location word before a cell begins ("basal
        keratinocytes"), or ``None``; only before the heads the table lists."""
        if self._location is None or norm not in self.location_heads:
            return None
        m = self._location.search(text, max(0, start - 30), start)
        return m.start() if m is not None else None


def widen_locations(
    grammar: CellGrammar, text: str, spans: Sequence[tuple[int, int, str]]
) -> dict[int, int]:
    """start -> widened start for each (start, end, norm) cell a location word precedes."""
    out = {}
    for start, _end, norm in spans:
        s = grammar.location_start(text, start, norm)
        if s is not None:
            out[start] = s
    return out
