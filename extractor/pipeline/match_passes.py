"""The passes after lookup that consult the index (``LexiconIndex.find``, in this order):
what the grammars and Cellosaurus add, cell lines joined with their head noun or cell type,
elliptical conjuncts, and vesicle compounds. Pure rules that need no index are in
``match_rules.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from extractor.pipeline.cell_grammar import GRAMMAR_CONFIDENCE
from extractor.pipeline.cell_lines import CellLineIndex
from extractor.pipeline.lexicon_rows import CASE_PENALTY, CONF_ELLIPSIS, Match
from extractor.pipeline.match_rules import (
    _ABBR_END,
    _DERIVED_VESICLES_RE,
    _ELLIPSIS_RE,
    _HEAD_NOUN_RE,
    _HYPHENS,
    _LINK_RE,
    _MARKER_BEFORE_RE,
    _ellipsis_norm,
    _qualified_vesicles,
)
from extractor.pipeline.score_grammar import SCORE_CONFIDENCE, SCORE_GRAMMAR_SOURCE, ScoreGrammar

if TYPE_CHECKING:
    from extractor.pipeline.matching import LexiconIndex


def with_grammar(index: LexiconIndex, text: str, matches: list[Match]) -> list[Match]:
    """Add tissue products and organ/tumour populations (``cell_grammar``), instruments read
    by their form (``score_grammar``), Cellosaurus lines in a line's shape (``cell_lines``),
    and widen cells over a location word."""
    if index.grammar is None and index.cell_lines is None and index.scores is None:
        return matches
    merged = _OnePerOffsets(matches)
    if index.grammar is not None:
        for g in index.grammar.find(text):
            merged.put(Match(g.start, g.end, "CELL", g.norm, None, GRAMMAR_CONFIDENCE, g.source))
    if index.scores is not None:
        _add_scores(index.scores, text, merged)
    if index.cell_lines is not None:
        _add_cell_lines(index, index.cell_lines, text, merged)
    out = merged.out
    if index.grammar is not None:
        for k, m in enumerate(out):
            if m.label == "CELL":
                s = index.grammar.location_start(text, m.start, m.norm)
                if s is not None:
                    out[k] = replace(m, start=s)
    return out


class _OnePerOffsets:
    """Matches with one per offsets: a new one at taken offsets wins if more confident."""

    def __init__(self, matches: list[Match]) -> None:
        self.at = {(m.start, m.end): k for k, m in enumerate(matches)}
        self.out = list(matches)

    def put(self, m: Match) -> None:
        k = self.at.get((m.start, m.end))
        if k is None:
            self.at[(m.start, m.end)] = len(self.out)
            self.out.append(m)
        elif self.out[k].confidence < m.confidence:
            self.out[k] = m


def _add_scores(scores: ScoreGrammar, text: str, merged: _OnePerOffsets) -> None:
    """Instruments read by their form, then every score widened over a subscale name."""
    for s in scores.find(text):
        merged.put(
            Match(
                s.start,
                s.end,
                "OUTCOME_SCORE",
                s.norm,
                None,
                SCORE_CONFIDENCE,
                SCORE_GRAMMAR_SOURCE,
            )
        )
    for m in [m for m in merged.out if m.label == "OUTCOME_SCORE"]:
        end = scores.subscale_end(text, m.end)
        if end is not None:  # "FACE-Q Satisfaction with Cheeks scale"
            merged.put(replace(m, end=end))


def _add_cell_lines(
    index: LexiconIndex, cell_lines: CellLineIndex, text: str, merged: _OnePerOffsets
) -> None:
    """Cellosaurus lines where no lexicon name is as long and no curated line starts."""
    ends: dict[int, int] = {}
    for m in merged.out:
        ends[m.start] = max(ends.get(m.start, 0), m.end)
    curated_lines = {m.start for m in merged.out if m.label == "CELL" and index.is_cell_line(m)}
    for line in cell_lines.find(text):
        if ends.get(line.start, 0) >= line.end or line.start in curated_lines:
            continue  # a lexicon name as long or longer, or a curated line there
        index.line_concept(line.name, line.accession)
        merged.put(
            Match(
                line.start,
                line.end,
                "CELL",
                line.name,
                line.accession,
                line.confidence,
                "Cellosaurus",
            )
        )


def extend_cell_lines(index: LexiconIndex, text: str, matches: list[Match]) -> list[Match]:
    out = []
    for m in matches:
        c = index.concept(m)
        if c is not None and c.cell_line:
            head = _HEAD_NOUN_RE.match(text, m.end)
            if head:
                m = replace(m, end=head.end())
        out.append(m)
    return out


def cell_line_with_type(index: LexiconIndex, text: str, matches: list[Match]) -> list[Match]:
    """A cell line named with its cell type ("THP-1 monocytes", "SZ95 sebocytes") is one
    span with the line's norm, as "HaCaT cells" is (GUIDELINES 2.6)."""
    by_start: dict[int, Match] = {}
    for m in matches:
        if m.label == "CELL" and (m.start not in by_start or m.end > by_start[m.start].end):
            by_start[m.start] = m
    out = list(matches)
    for m in matches:
        c = index.concept(m)
        if c is None or not c.cell_line or text[m.end : m.end + 1] != " ":
            continue
        head = by_start.get(m.end + 1)
        if head is not None and not index.is_cell_line(head):
            out.append(replace(m, end=head.end))
    return out


def ellipses(index: LexiconIndex, text: str, matches: list[Match]) -> list[Match]:
    out: list[Match] = []
    for m in matches:
        if m.label == "CYTOKINE":
            out += _cytokine_ellipsis(index, text, m)
        elif m.label == "CELL":
            out += _marker_ellipsis(index, text, m)
    return out


def _cytokine_ellipsis(index: LexiconIndex, text: str, m: Match) -> list[Match]:
    # IL-4 / IL-1 alpha / IL-17A ("IL-" + number + letter), TGF-beta1 ("TGF-" + Greek + number)
    num = re.fullmatch(r"([A-Za-z]+-)(\d+)([A-Za-z\u0370-\u03FF]?)", m.norm)
    greek = re.fullmatch(r"([A-Za-z]+-)([\u0370-\u03FF])(\d+)", m.norm)
    if num is None and greek is None:
        return []
    out, pos = [], m.end
    while True:
        e = _ELLIPSIS_RE.match(text, pos)
        if e is None:
            break
        norm = _ellipsis_norm(num, greek, e.group("part"))
        idx = None if norm is None else index.norms.get(("CYTOKINE", norm))
        if idx is None:
            break
        c = index.concepts[idx]
        out.append(
            Match(
                e.start("item"),
                e.end("item"),
                "CYTOKINE",
                c.norm,
                c.id,
                CONF_ELLIPSIS,
                "ellipsis",
            )
        )
        pos = e.end("item")
    return out


def _marker_ellipsis(index: LexiconIndex, text: str, m: Match) -> list[Match]:
    head = re.match(r"(CD\d+\+)", text[m.start : m.end])
    if head is None or not m.norm.startswith(head.group(1)):
        return []
    out = []
    end = m.start
    while True:
        e = _MARKER_BEFORE_RE.search(text[max(0, end - 40) : end])
        if e is None:
            break
        s = max(0, end - 40) + e.start("marker")
        norm = e.group("marker") + m.norm[len(head.group(1)) :]
        out.append(
            Match(s, s + len(e.group("marker")), "CELL", norm, None, CONF_ELLIPSIS, "ellipsis")
        )
        end = s
    return out


def vesicle_compounds(index: LexiconIndex, text: str, matches: list[Match]) -> list[Match]:
    by_start: dict[int, list[Match]] = {}
    for m in matches:
        if m.label == "VESICLE":
            by_start.setdefault(m.start, []).append(m)
    out = []
    types: set[str] = set()  # compound-only type abbreviations this text uses
    for m in matches:
        if m.label not in ("CELL", "CYTOKINE"):
            continue
        generic = _DERIVED_VESICLES_RE.match(text, m.end) if m.label == "CELL" else None
        if generic is not None:  # "MSC-derived vesicles": the parent makes it an EV
            conf = round(m.confidence * CASE_PENALTY, 3)
            out.append(
                Match(m.start, generic.end(), "VESICLE", f"{m.norm}-EV", None, conf, "compound")
            )
        link = _LINK_RE.match(text, m.end)
        if link is None:
            continue
        if m.label == "CELL" and index.compound_re is not None and link.group() in _HYPHENS:
            t = index.compound_re.match(text, link.end())
            if t is not None:  # "UC-MSC-ABs", "ADSC-ELNs"
                c = index.concepts[index.compound_only[t.group("abbr")]]
                conf = round(min(m.confidence, c.confidence) * CASE_PENALTY, 3)
                norm = f"{m.norm}-{c.norm}"
                out.append(Match(m.start, t.end(), "VESICLE", norm, c.id, conf, "compound"))
                if not t.group("abbr").islower():  # bare "exo" would be a word part
                    types.add(t.group("abbr"))
        for v in by_start.get(link.end(), []):
            norm = f"{m.norm}-{v.norm}" if m.label == "CELL" else v.norm
            conf = round(min(m.confidence, v.confidence), 3)
            out.append(Match(m.start, v.end, "VESICLE", norm, v.id, conf, "compound"))
    for abbr in sorted(types):
        out += _bare_compound_type(index, text, abbr)
    if index.grammar is not None:  # "Placental exosomes": a tissue of origin is inside
        for vs in by_start.values():
            s = index.grammar.vesicle_source_start(text, vs[0].start)
            for v in vs if s is not None else ():
                conf = round(v.confidence * CASE_PENALTY, 3)
                out.append(Match(s, v.end, "VESICLE", v.norm, v.id, conf, "compound"))
    out += _qualified_vesicles(text, matches)
    return out


def _bare_compound_type(index: LexiconIndex, text: str, abbr: str) -> list[Match]:
    """Once a text has written "UC-MSC-ELNs", its bare "ELN" / "ELNs" ("ELN-treated
    mice") names the same vesicle type; without such a compound it stays unread. Only
    abbreviations with a capital: a lower-case one ("exo") alone is a word part."""
    c = index.concepts[index.compound_only[abbr]]
    conf = round(c.confidence * CASE_PENALTY * CASE_PENALTY, 3)
    pat = re.compile(rf"(?<![\w\-\u2010\u2011]){re.escape(abbr)}s?{_ABBR_END}")
    return [
        Match(b.start(), b.end(), "VESICLE", c.norm, c.id, conf, "compound")
        for b in pat.finditer(text)
    ]


LICENSED_FACTOR = 0.9  # an abbreviation read only beside its long form: a little less trusted
LICENSED_SOURCE = "licensed-abbreviation"


def licensed_abbreviations(index: LexiconIndex, text: str, matches: list[Match]) -> list[Match]:
    """An instrument's abbreviation that is no synonym of its row because it is ambiguous
    alone ("CEA" is also carcinoembryonic antigen, "PSA" prostate-specific antigen) names the
    instrument in a text that names the instrument in full ("Clinician's Erythema Assessment"
    … a table's "CEA 2.9 → 1.5"): written as is, not inside a longer word or name."""
    named = {m.norm: m for m in matches if m.label == "OUTCOME_SCORE" and m.norm in index.licensed}
    if not named:
        return []
    alts = "|".join(re.escape(n) for n in sorted(named, key=len, reverse=True))
    taken = sorted((m.start, m.end) for m in matches)
    out = []
    for a in re.finditer(rf"(?<![\w\-])(?:{alts})(?![\w\-+\u2010])", text):
        if any(s < a.end() and a.start() < e for s, e in taken):
            continue
        conf = round(named[a.group()].confidence * LICENSED_FACTOR, 3)
        out.append(
            Match(a.start(), a.end(), "OUTCOME_SCORE", a.group(), None, conf, LICENSED_SOURCE)
        )
    return out
