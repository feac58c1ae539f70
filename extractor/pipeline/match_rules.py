"""Rules over the lexicon's matches in a text (pure; no spaCy), for ``LexiconIndex.find``:
compounds and qualifiers around a match (vesicles with a qualifier, cells derived from
cells), population markers before a cell, elliptical names and one-atom parentheticals.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import replace

from extractor.normalize.folding import GREEK_WORDS, AtomColumns, is_light_gap
from extractor.pipeline.lexicon_rows import CASE_PENALTY, Match

# A short qualifier glued by a hyphen before a vesicle abbreviation ("3D-EVs", "GMP-EVs",
# "CD63-EVs"): GUIDELINES 3.4 non-cell qualifiers are inside one VESICLE span with the type's
# norm. Letters and digits with a digit or two capitals, so words ("Anti-", "pre-") stay out.
_VESICLE_QUALIFIER_RE = re.compile(
    r"(?<![\w\-\u2010])(?=[A-Za-z]*\d|(?:[a-z0-9]*[A-Z]){2})[A-Za-z0-9]{2,8}[-\u2010]$"
)


def _qualified_vesicles(text: str, matches: list[Match]) -> list[Match]:
    out = []
    for m in matches:
        if m.label != "VESICLE" or not text[m.start : m.end][:1].isupper():
            continue
        q = _VESICLE_QUALIFIER_RE.search(text, max(0, m.start - 10), m.start)
        if q is not None:
            conf = round(m.confidence * CASE_PENALTY, 3)
            out.append(Match(q.start(), m.end, "VESICLE", m.norm, m.id, conf, "compound"))
    return out


_DERIVED_LINK_RE = re.compile(r"[-\u2010 ]derived[ \u00a0]")


def _derived_cells(text: str, matches: list[Match]) -> list[Match]:
    """A cell made from another cell is one span with the made cell's norm (GUIDELINES 1.1:
    source qualifiers are inside): "induced pluripotent stem cell-derived keratinocytes" ->
    keratinocyte, "monocyte-derived dendritic cells" -> dendritic cell. Not a vesicle
    ("MSC-derived exosomes" is the vesicle rule's) nor a cytokine ("keratinocyte-derived IL-1")."""
    cells: dict[int, Match] = {}
    for m in matches:
        if m.label == "CELL" and (m.start not in cells or m.end > cells[m.start].end):
            cells[m.start] = m
    out = []
    for m in list(cells.values()):
        link = _DERIVED_LINK_RE.match(text, m.end)
        made = cells.get(link.end()) if link is not None else None
        if made is not None:
            conf = round(min(m.confidence, made.confidence), 3)
            out.append(Match(m.start, made.end, "CELL", made.norm, made.id, conf, "compound"))
    return out


# After an abbreviation: not inside a longer word, marker or name ("ABs", "ELN-treated";
# not "ABCA1", "AB+", "NV-1").
_ABBR_END = r"(?![\w+\u207A]|[-\u2010\u2011][A-Z0-9])"


def _ellipsis_norm(num: re.Match[str] | None, greek: re.Match[str] | None, part: str) -> str | None:
    """The full name an elliptical remainder stands for, given the name it continues:
    IL-4 + "-13" -> IL-13, IL-1 alpha + "-beta" -> IL-1 beta, IL-17A + "-F" -> IL-17F,
    TGF-beta1 + "-beta2" -> TGF-beta2, TGF-beta1 + "-2" -> TGF-beta2 (Greek letters as
    written in the norms)."""
    letters = part.rstrip("0123456789")
    digits = part[len(letters) :]
    letter = GREEK_WORDS.get(letters.lower(), letters)
    if num is not None:
        prefix, number, suffix = num.groups()
        if not letters:
            return prefix + part
        if digits:
            return None
        if letter in "αβγ" or (letter.isupper() and suffix.isascii() and suffix.isalpha()):
            return prefix + number + letter
        return None
    assert greek is not None
    prefix, gl = greek.group(1), greek.group(2)
    if not letters:
        return prefix + gl + part
    if digits and letter in "αβγ":
        return prefix + letter + digits
    return None


def _gap_is_skip(gap: str) -> bool:
    return gap == "\x00"


_PAREN_ATOM_RE = re.compile(
    r"\((?:[A-Za-z\u00C0-\u024F]+|[0-9]+|[\u0370-\u03FF])\)|\[(?:[A-Za-z\u00C0-\u024F]+)\]"
)


def _parenthetical_windows(
    text: str, atoms: AtomColumns, reach: int
) -> Iterable[tuple[AtomColumns, int]]:
    """(atoms around a one-atom parenthetical with it removed, number of start positions).

    The atom after the parenthetical gets the gap marker ``"\x00"``, which the scanner
    accepts inside a name, so "natural killer (NK) cells" reads as "natural killer cells".
    """
    starts, ends, _, _, gaps = atoms
    for m in _PAREN_ATOM_RE.finditer(text):
        k = bisect_left(starts, m.start() + 1)
        if k == 0 or k + 1 >= len(starts) or ends[k] != m.end() - 1:
            continue
        if not (is_light_gap(gaps[k].rstrip(" ")[:-1]) and is_light_gap(gaps[k + 1][1:])):
            continue
        lo, hi = max(0, k - reach), k + 2 + reach
        window = AtomColumns(
            *(col[lo:k] + col[k + 1 : hi] for col in atoms[:4]),
            [*gaps[lo:k], "\x00", *gaps[k + 2 : hi]],
        )
        yield window, k - lo


# "MSC-derived vesicles", "MSCs released vesicles": generic vesicles named by their parent.
_DERIVED_VESICLES_RE = re.compile(
    r"[-\u2010 ](?:derived|secreted|released)[-\u2010 ](?:extracellular )?vesicles?\b"
)
# One population marker written before a cell name: "F4/80+", "NKG2D+", "α-SMA-positive",
# and flow-cytometry intensity qualifiers glued to a marker ("CD25high", "CD127low",
# "CD56bright", "CD14dim", "Ly6Chi", "CD11bint", a U+2212 minus). A qualifier word counts only after
# a marker-like stem ending in a capital or digit (or digit + letter, "CD11b"), so "thigh",
# "below" or "yellow" never do. Chained markers may follow a qualifier ("CD25highCD127low").
_QUALIFIERS = r"(?:high|low|hi|lo|bright|dim|int|neg|pos)"
_MARKER_BEFORE_CELL_RE = re.compile(
    r"(?:^|(?<=[\s(+\u207A\u2212\u207B])|(?<=high)|(?<=low)|(?<=hi)|(?<=lo)|(?<=bright)"
    r"|(?<=dim)|(?<=int)|(?<=neg)|(?<=pos))"
    r"(?P<mk>[A-Za-z0-9\u0370-\u03FF][A-Za-z0-9\u0370-\u03FF/.\-]*?"
    r"(?:\+|\u207A|\u2212|\u207B|-positive|-expressing|-negative|-specific|-reactive"
    r"|(?:[A-Z0-9]|\d[a-z])-?" + _QUALIFIERS + r"))\s?$"
)
MARKER_CONFIDENCE_FACTOR = 0.9
_CD_LINEAGE_RE = re.compile(r"(CD[48]\+)")


def _with_marker_prefixes(
    text: str, matches: list[Match], selection: Mapping[str, tuple[str, ...]] | None = None
) -> list[Match]:
    """Widen CELL matches over the population markers written right before them.

    GUIDELINES 1.1: markers that define the population are inside the span
    ("F4/80+ macrophages", "CD8+NKG2D+ T cells", "α-SMA-positive myofibroblasts"); the norm
    stays the cell's, except for MSCs selected by a marker of ``selection`` (cell_grammar.json
    ``selection_markers``: "ABCB5-positive dermal MSCs" -> ABCB5+ MSC).
    """
    out = []
    for m in matches:
        if m.label != "CELL":
            out.append(m)
            continue
        start = m.start
        for _ in range(4):
            if not _may_end_marker(text, start):
                break
            k = _MARKER_BEFORE_CELL_RE.search(text, max(0, start - 40), start)
            if k is None:
                break
            start = k.start("mk")
        if start != m.start:
            conf = round(m.confidence * MARKER_CONFIDENCE_FACTOR, 3)
            lineage = _CD_LINEAGE_RE.match(text, start)
            norm = m.norm
            if lineage and m.norm == "T cell":  # "CD8+NKG2D+ T cells" is a CD8+ T cell
                norm = f"{lineage.group(1)} T cell"
            elif selection and norm.endswith("MSC"):
                norm = _selected_msc(text[start : m.start], norm, selection)
            m = replace(m, start=start, confidence=conf, norm=norm)
        out.append(m)
    return out


_FIRST_MARKER_RE = re.compile(r"(?P<name>[^\s+\u207A]+?)(?:\+|\u207A|-positive|-expressing)")


def _selected_msc(markers: str, norm: str, selection: Mapping[str, tuple[str, ...]]) -> str:
    """The norm "<marker>+ <MSC norm>" when the first marker before an MSC selects it, less
    the tissue the marker implies ("ABCB5" + "dermal MSC" -> "ABCB5+ MSC"); else unchanged."""
    m = _FIRST_MARKER_RE.match(markers)
    if m is None or m.group("name").upper() not in selection:
        return norm
    for tissue in selection[m.group("name").upper()]:
        if norm.startswith(f"{tissue} "):
            norm = norm[len(tissue) + 1 :]
    return f"{m.group('name')}+ {norm}"


# The characters a marker can end with: a sign, or the last letter of "-positive",
# "-expressing", "-negative", "-specific", "-reactive" or a qualifier (high, low, hi, lo,
# bright, dim, int, neg, pos).
_MARKER_LAST_CHARS = frozenset("+\u207a\u2212\u207bceghilmostw")


_MARKER_SIGNS = ("+", "\u207a", "\u2212", "\u207b")
_MARKER_WORDS = ("-positive", "-expressing", "-negative", "-specific", "-reactive")
_QUALIFIER_WORDS = ("high", "low", "hi", "lo", "bright", "dim", "int", "neg", "pos")
_CAPS_DIGITS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _may_end_marker(text: str, start: int) -> bool:
    """Cheap precheck for ``_MARKER_BEFORE_CELL_RE``: does the text right before ``start``
    (after at most one white-space character) end as a marker does, with a sign, a
    "-positive"-like word or a qualifier after a capital or digit (or digit and letter)?
    Most cell names follow a plain word: the review's 384 cells made 103 searches of the
    pattern (0.7 ms), none of them a hit; these tests leave next to none."""
    k = start - 1
    if k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] not in _MARKER_LAST_CHARS:
        return False
    end = k + 1
    if text.endswith(_MARKER_SIGNS + _MARKER_WORDS, 0, end):
        return True
    for word in _QUALIFIER_WORDS:
        if text.endswith(word, 0, end):
            j = end - len(word)
            if j and text[j - 1] == "-":
                j -= 1
            if j and text[j - 1] in _CAPS_DIGITS:
                return True
            if j >= 2 and "a" <= text[j - 1] <= "z" and text[j - 2].isdecimal():
                return True
    return False


_HYPHENS = frozenset("-\u2010\u2011")
_HEAD_NOUN_RE = re.compile(r"[ \u00A0]+cell(?:s|[ \u00A0]+lines?)?\b")
# ", -5", " and -13", ", and -β", "/-13", "/-β2", "/-F": the elliptical remainder of a
# coordinated cytokine list; it may open a modifier ("IL-4/-13-producing").
_ELLIPSIS_RE = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|/)"
    r"(?P<item>[-\u2010\u2011\u2013](?P<part>\d+[A-Za-z]?|(?:[αβγ]|alpha|beta|gamma)\d*|[A-Z]))"
    r"(?![\w+]|[-\u2010\u2011](?![a-z]))"
)
_MARKER_BEFORE_RE = re.compile(r"(?P<marker>CD\d+\+)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
# What may join a parent cell to its vesicle: "-", " ", "-derived ", " secreted ", ...
_LINK_RE = re.compile(
    r"(?:[-\u2010 ](?:derived|secreted|released|enriched|primed|loaded)[-\u2010 ]|[-\u2010\u2011 ])"
)
