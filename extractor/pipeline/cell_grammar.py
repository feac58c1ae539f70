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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GRAMMAR_CONFIDENCE = 0.9  # above a generated ontology row on the same offsets
# Searched in the lower-cased text: a case-sensitive literal scan is several times faster.
# A head may end before "-derived" ("amniotic fluid stem cell-derived vesicles").
_HEAD_END = re.compile(r"(?:cells?|mscs?)(?!\w|-(?!derived))")
SPECIES_LETTERS = "hcmrep"  # as models/build_lexicons.SPECIES_PREFIXES
_ALNUM_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits (str.isalnum)


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
        self._product: re.Pattern[str] | None = None
        self.head_kinds: list[tuple[re.Pattern[str], str, bool]] = []
        heads = self.table.get("heads", [])
        if tissues and heads:
            self._compile_products(heads)
        self.shorts = {
            str(r["msc"]): str(r["msc"])
            for r in tissues
            if re.fullmatch(r"[A-Za-z][\w-]*[A-Z]\w*", str(r["msc"]))
        }
        self._short: re.Pattern[str] | None = None
        if self.shorts:
            self._short = re.compile(rf"(?P<short>{_alt(self.shorts)})s?(?![\w+])")
        self._compile_populations_and_places()
        # marker -> tissue words it implies ("ABCB5" -> dermal): MSCs selected by that marker
        self.selection_markers: dict[str, tuple[str, ...]] = {
            str(r["marker"]).upper(): tuple(r.get("implies", []))
            for r in self.table.get("selection_markers", {}).get("rows", [])
        }

    def _compile_products(self, heads: list[Mapping[str, Any]]) -> None:
        """Tissue form + (derived) + head ("umbilical cord-derived MSCs"), and the cheap
        patterns that decide where the full one is worth trying."""
        head_alt = "|".join(f"(?:{h['pattern']})" for h in heads)
        self._product = re.compile(
            rf"(?<![\w\-])(?P<tissue>{_alt(self.by_form)})"
            rf"(?P<link>(?:[-\u2010 ](?:tissue[-\u2010 ])?derived)?[-\u2010 ])"
            rf"(?P<head>{head_alt})(?![\w\-])",
            re.IGNORECASE,
        )
        # Every head ends in "cell(s)" or "MSC(s)": the full pattern is tried only in a
        # window ending at one (most of a paper has no cell word at all).
        self._head_at_end = re.compile(rf"(?:{head_alt})$", re.IGNORECASE)
        self._link_at_end = re.compile(
            r"(?:[-\u2010 ](?:tissue[-\u2010 ])?derived)?[-\u2010 ]$", re.IGNORECASE
        )
        self.max_form_words = max(len(f.split()) for f in self.by_form)
        # The letters-and-digits runs of every tissue form's last word ("cord" of "umbilical
        # cord", "amnion" and "derived" of "amnion-derived"), by the last one: see
        # _may_end_product.
        self.form_runs: dict[str, list[frozenset[str]]] = {}
        for form in self.by_form:
            runs = _ALNUM_RUN.findall(form.split()[-1]) if form.split() else []
            if runs:
                self.form_runs.setdefault(runs[-1], []).append(frozenset(runs))
        self.head_kinds = [
            (re.compile(h["pattern"], re.IGNORECASE), h["kind"], bool(h.get("needs_derived")))
            for h in heads
        ]

    def _compile_populations_and_places(self) -> None:
        """Organ/tumour populations ("keratinocyte-like cells"), location words a cell widens
        over, and tissues a vesicle comes from ("placental exosomes")."""
        pops = self.table.get("populations", {}).get("adjectives", [])
        self._population = (
            re.compile(
                rf"(?<![\w\-])(?P<adj>{_alt(pops)})(?P<like>-like)?[ \u00a0]cells?(?![\w\-])",
                re.IGNORECASE,
            )
            if pops
            else None
        )
        loc = self.table.get("locations", {})
        self.location_heads = frozenset(loc.get("heads", []))
        self.location_words = frozenset(w.lower() for w in loc.get("words", []))
        ves = self.table.get("vesicle_sources", {})
        # What a tissue of origin ends with, lower-cased (see vesicle_source_start); None
        # when some word is not ASCII (case folding is then the regex engine's to judge)
        ends = [*ves.get("forms", []), *ves.get("cultures", []), "derived"]
        self._source_ends = (
            tuple(sorted({e.lower() for e in ends})) if all(e.isascii() for e in ends) else None
        )
        self._source_reach = max(map(len, ends))
        self._vesicle_source = (
            re.compile(
                rf"(?<![\w\-])(?:{_alt(ves['forms'])})(?:[-\u2010 ](?:{_alt(ves['cultures'])}))?"
                r"(?:[-\u2010 ]derived)?[-\u2010 ]$",
                re.IGNORECASE,
            )
            if ves.get("forms")
            else None
        )

    def find(self, text: str) -> list[GrammarMatch]:
        """Tissue products, their short names and organ/tumour populations in ``text``."""
        out: list[GrammarMatch] = []
        low = text.lower()
        # offsets in the lower-cased text are the text's when lowering keeps its length
        same = len(low) == len(text)
        spans = [m.span() for m in _HEAD_END.finditer(low)]
        heads = [end for _, end in spans]
        if self._product is not None:
            for end in heads:
                if same and not self._may_end_product(low, end):
                    continue
                found = self._product_ending_at(text, end)
                if found is not None:
                    out.append(found)
        if self._short is not None:
            for m in self._short.finditer(text):
                start = m.start()
                if start and text[start - 1] in SPECIES_LETTERS:
                    start -= 1  # "hDPSCs": a species letter glued before (GUIDELINES 1.1)
                if start and (text[start - 1].isalnum() or text[start - 1] in "-\u2010"):
                    continue
                norm = self.shorts[m.group("short")]
                out.append(GrammarMatch(start, m.end(), norm, "grammar"))
        if self._population is not None:
            # a population ends in " cell(s)": other heads ("MSCs", "xcells") are not tried
            for start, end in spans:
                if same and not (
                    low.startswith("cell", start) and start and text[start - 1] in " \u00a0"
                ):
                    continue
                m = next(
                    (
                        x
                        for x in self._population.finditer(text, max(0, end - 30), end)
                        if x.end() == end
                    ),
                    None,
                )
                if m is not None:
                    adj = m.group("adj").lower() + (m.group("like") or "").lower()
                    out.append(GrammarMatch(m.start(), m.end(), f"{adj} cell", "grammar"))
        return out

    def _may_end_product(self, low: str, end: int) -> bool:
        """A necessary condition for a product whose head ends at ``end`` (``low``: the text
        lower-cased): every run of letters and digits of some form's last word is among the
        runs of the 120 characters before (a form's reach). Most heads fail it, at the cost
        of one short scan. The last word starts after a character that is not a letter or
        digit (a space, or the form's start, which ``_product_ending_at`` checks) and ends
        before the link, so each of its runs is one of the window's runs."""
        runs = set(_ALNUM_RUN.findall(low, max(0, end - 120), end))
        forms = self.form_runs
        return any(need <= runs for last in runs.intersection(forms) for need in forms[last])

    def _product_ending_at(self, text: str, end: int) -> GrammarMatch | None:
        """The tissue product whose head ends at ``end``, read right to left: head, link,
        then the longest tissue form (a dictionary lookup on the words before the link)."""
        lo = max(0, end - 60)
        head = self._head_at_end.search(text, lo, end)
        if head is None:
            return None
        link = self._link_at_end.search(text, lo, head.start())
        if link is None:
            return None
        words = list(re.finditer(r"[^\s]+", text[max(0, link.start() - 60) : link.start()]))
        base = max(0, link.start() - 60)
        for k in range(min(self.max_form_words, len(words)), 0, -1):
            start = base + words[-k].start()
            form = " ".join(text[start : link.start()].split()).lower()
            row = self.by_form.get(form)
            if row is None or (start and (text[start - 1].isalnum() or text[start - 1] == "-")):
                continue
            norm = self._norm(row, form, link.group(), head.group())
            if norm is None:
                return None
            return GrammarMatch(start, end, norm, "grammar")
        return None

    def _norm(self, row: Mapping[str, Any], form: str, link: str, head: str) -> str | None:
        derived = "derived" in link.lower() or "derived" in form
        for pat, kind, needs_derived in self.head_kinds:
            if not pat.fullmatch(head):
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
        keratinocytes"), or ``None``; only before the heads the table lists. The one to
        three words before the cell are looked up in the word set (no regex per cell)."""
        if norm not in self.location_heads or start < 2 or text[start - 1] not in " \u00a0":
            return None
        words = text[max(0, start - 40) : start - 1].split(" ")
        best = None
        for k in range(1, min(4, len(words) + 1)):
            phrase = " ".join(words[-k:]).lower()
            if phrase in self.location_words:
                best = start - 1 - len(" ".join(words[-k:]))
        return best

    def vesicle_source_start(self, text: str, start: int) -> int | None:
        """Where a tissue of origin written before a vesicle word begins ("Placental
        exosomes", "dermal papilla spheroid-derived EVs"), or ``None``."""
        if self._vesicle_source is None or start < 2:
            return None
        if self._source_ends is not None and text[start - 1] != "\n":
            # the pattern ends in a form, a culture or "derived" and one separator: most
            # vesicles follow another word, and a test of the word before costs less than
            # the search (250 on the review). A newline there is left to the search ("$"
            # may match before it).
            if text[start - 1] not in "-\u2010 ":
                return None
            word = text[max(0, start - 1 - self._source_reach) : start - 1]
            if word.isascii() and not word.lower().endswith(self._source_ends):
                return None
        m = self._vesicle_source.search(text, max(0, start - 50), start)
        return m.start() if m is not None else None
