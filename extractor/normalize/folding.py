"""Notation folding for lexicon matching: one key for TNF-α, TNFα, TNF-alpha and TNF alpha.

Text is cut into *atoms*: runs of Latin letters, runs of digits, single Greek letters, and
a lone ``+`` (so ``CD4+`` is ``cd 4 +``). Cutting at letter/digit/Greek transitions makes
``IL4``, ``IL-4`` and ``IL 4`` the same atom sequence; the characters between atoms (the
*gap*) are kept so a matcher can tell a hyphen from a comma. Every atom keeps its original
offsets, so matches map back to the exact characters of the source (SCHEMA §1).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

# Spelled-out Greek letters as they occur in biomedical names (IL-1beta, TNF-alpha).
GREEK_WORDS: dict[str, str] = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "kappa": "κ",
    "lambda": "λ",
    "omega": "ω",
    "zeta": "ζ",
    "theta": "θ",
}
# Greek letters that authors type as a Latin look-alike ("TNF-a", "IL-1b").
GREEK_TO_LATIN: dict[str, str] = {"α": "a", "β": "b", "γ": "g", "δ": "d", "κ": "k"}
# Compatibility characters folded first (final sigma, micro sign, curly beta).
_CHAR_FOLD = str.maketrans({"ς": "σ", "µ": "μ", "ϐ": "β"})

# An acronym of capitals with a spelled Greek letter glued before or after it.
_GREEK_ALT = "alpha|beta|gamma|delta|epsilon|kappa|lambda|omega"
_GLUED_GREEK = re.compile(rf"([A-Z]{{2,}})(?:{_GREEK_ALT})|({_GREEK_ALT})(?=[A-Z]{{2,}}$)[A-Z]+")
_GREEK_NAMES = tuple(_GREEK_ALT.split("|"))
# A whole line that ``_GLUED_GREEK`` matches (``_glued_greek_cut`` is not 0 exactly there):
# finds the glued atoms among a text's distinct atoms, one per line.
_GLUED_GREEK_LINE = re.compile(
    rf"^(?:[A-Z]{{2,}}(?:{_GREEK_ALT})|(?:{_GREEK_ALT})[A-Z]{{2,}})$", re.MULTILINE
)
# The characters before an atom that no atom holds (its gap), then the atom: a run of
# Latin letters, a run of digits, one Greek letter or a plus sign.
_GAP_ATOM_RE = re.compile(
    r"([^A-Za-z\u00C0-\u024F0-9\u0370-\u03FF+]*)"
    r"([A-Za-z\u00C0-\u024F]+|[0-9]+|[\u0370-\u03FF]|\+)"
)
# An atom alone: splitting on it (captured) leaves the gaps between atoms.
_ATOM_SPLIT_RE = re.compile(r"([A-Za-z\u00C0-\u024F]+|[0-9]+|[\u0370-\u03FF]|\+)")
# Characters that may separate the atoms of one name: spaces, every hyphen/dash, an
# apostrophe ("Investigator's"). One newline is allowed (wrapped PDF lines).
LIGHT_GAP_RE = re.compile(
    r"[ \t\u00A0\-\u2010\u2011\u2012\u2013\u2014\u2212'\u2019]{0,4}\n?[ \t]{0,2}"
)


class Atom(NamedTuple):
    """One atom of a text: its offsets, raw characters, folded key and preceding gap.

    A NamedTuple rather than a frozen dataclass: a long paper has ~10k atoms and tuple
    construction is several times cheaper."""

    start: int
    end: int
    raw: str
    key: str
    gap: str  # characters between the previous atom (or text start) and this one


@lru_cache(maxsize=65536)
def fold_atom(raw: str) -> str:
    """Fold one atom: lower case, spelled Greek to letters, a plural ``s`` dropped.

    Plural folding is applied identically to lexicon keys and text, so it only has to be
    consistent, not linguistically exact ("ASCs" -> "asc", "cells" -> "cell").
    """
    low = raw.translate(_CHAR_FOLD).lower()
    if low in GREEK_WORDS:
        return GREEK_WORDS[low]
    if len(low) >= 3 and low.endswith("s") and not low.endswith("ss") and low.isalpha():
        base = low[:-1]
        return GREEK_WORDS.get(base, base)
    return low


class AtomColumns(NamedTuple):
    """The atoms of a text as parallel lists (what :func:`atomize` builds ``Atom`` s from):
    a matcher that reads a few fields of ~10k atoms per paper indexes lists instead of
    building a tuple per atom."""

    starts: list[int]
    ends: list[int]
    raws: list[str]
    keys: list[str]
    gaps: list[str]

    def atom(self, k: int) -> Atom:
        return Atom(self.starts[k], self.ends[k], self.raws[k], self.keys[k], self.gaps[k])


def atom_columns(text: str) -> AtomColumns:
    """The atoms of ``text`` (see module docstring) as :class:`AtomColumns`."""
    # One C-level split yields gap, atom, gap, atom, ..., trailing gap; offsets are running
    # sums of their lengths.
    parts = _ATOM_SPLIT_RE.split(text)
    raws = parts[1::2]
    offs = list(accumulate(map(len, parts)))
    # The ~2,000 distinct atoms of a paper, one per line: folded and tested for a glued
    # Greek name in one C call each instead of one ``fold_atom`` / ``_glued_greek_cut``
    # call per distinct atom (atom_columns 5.4 -> 3.9 ms on the review, memos emptied).
    uniq = list(set(raws))
    lines = "\n".join(uniq)
    keys = _fold_distinct(uniq, lines)
    cols = AtomColumns(
        offs[0:-1:2], offs[1::2], raws, list(map(keys.__getitem__, raws)), parts[0:-1:2]
    )
    glued = set(_GLUED_GREEK_LINE.findall(lines))
    if glued:
        fix = [k for k, raw in enumerate(raws) if raw == "s" or raw in glued]
    else:
        fix = _indices(raws, "s")
    for k in reversed(fix):  # back to front: the indices of the atoms still to fix stay valid
        _fix_atom(cols, k)
    return cols


def _indices(items: list[str], item: str) -> list[int]:
    """The indices of ``item`` in ``items`` (``list.index`` scans in C)."""
    out, k = [], -1
    try:
        while True:
            k = items.index(item, k + 1)
            out.append(k)
    except ValueError:
        return out


def _fold_distinct(uniq: list[str], lines: str) -> dict[str, str]:
    """``fold_atom`` of each of ``uniq`` (``lines``: them joined by newlines): all lowered
    at once (lowering is per character but for a final sigma, and a lone Greek letter or a
    newline-bounded atom is never one); only an atom ending in "s" or a spelled Greek letter
    may fold further and goes through ``fold_atom``."""
    # three replaces, not ``str.translate`` (a dict table is slow on non-ASCII text)
    if not uniq:
        return {}
    lows = lines.replace("ς", "σ").replace("µ", "μ").replace("ϐ", "β").lower().split("\n")
    keys = dict(zip(uniq, lows, strict=True))
    for raw in [
        r for r, low in zip(uniq, lows, strict=True) if low[-1] == "s" or low in GREEK_WORDS
    ]:
        keys[raw] = fold_atom(raw)
    return keys


def _fix_atom(cols: AtomColumns, k: int) -> None:
    starts, ends, raws, keys, gaps = cols
    raw = raws[k]
    if raw == "s":
        if k and not gaps[k] and raws[k - 1][-1:].isdigit():
            # the plural of a name ending in a digit ("ILC2s", "Th17s") keeps its key
            ends[k - 1] = ends[k]
            raws[k - 1] += "s"
            for col in cols:
                del col[k]
        return
    # a Greek name glued to an acronym ("TNFalpha", "gammaIFN"): two atoms, as "TNF-alpha"
    # and "gamma-IFN" are
    cut = _glued_greek_cut(raw)
    head, tail = raw[:cut], raw[cut:]
    starts.insert(k + 1, starts[k] + cut)
    ends.insert(k, starts[k] + cut)
    raws[k : k + 1] = [head, tail]
    keys[k : k + 1] = [fold_atom(head), fold_atom(tail)]
    gaps.insert(k + 1, "")


def atomize(text: str) -> list[Atom]:
    """Cut ``text`` into atoms with their gaps (see module docstring)."""
    # ``tuple.__new__`` skips NamedTuple's argument parsing (~10k atoms per paper)
    return list(map(tuple.__new__, repeat(Atom), zip(*atom_columns(text), strict=True)))


@lru_cache(maxsize=65536)
def _glued_greek_cut(raw: str) -> int:
    """Where a Greek name glued to an acronym splits ``raw`` ("TNF|alpha"), else 0."""
    if not (
        (raw[:2].isupper() != raw[-1].isupper() or raw[-2:].isupper() != raw[0].isupper())
        and (raw.lower().endswith(_GREEK_NAMES) or raw.lower().startswith(_GREEK_NAMES))
    ):
        return 0
    g = _GLUED_GREEK.fullmatch(raw)
    return 0 if g is None else len(g.group(1) or g.group(2))


@lru_cache(maxsize=4096)
def is_light_gap(gap: str) -> bool:
    """True if ``gap`` may sit inside one name (space, hyphen, dash, apostrophe)."""
    return LIGHT_GAP_RE.fullmatch(gap) is not None


def fold_key(text: str) -> tuple[str, ...]:
    """The atom-key tuple of a lexicon string."""
    return tuple(a.key for a in atomize(text))


def forget_folded_atoms() -> None:
    """Empty the memos of folded atoms, glued Greek cuts and light gaps (words and gaps of
    texts read so far; bounded, so a batch run keeps them)."""
    fold_atom.cache_clear()
    _glued_greek_cut.cache_clear()
    is_light_gap.cache_clear()
