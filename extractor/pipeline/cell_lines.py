"""Cell lines from the whole Cellosaurus, gated by shape (pure; no spaCy).

``models/lexicons/cellosaurus.tsv.gz`` lists every current Cellosaurus name (build:
``models/build_lexicons.py``). A name is looked up with its separators removed and its case
kept ("HepG2" = "Hep-G2", "A549" = "A-549", "MCF10A" = "MCF-10A"). Most of its 167k names
would also be words, gene symbols or abbreviations, so a name counts as a line only when

- the head noun follows ("Vero cells", "EPC cell line", "HepG2 line"): one span; or
- it is written in a line's shape on its own: letters and digits ("A549", "TF-1", "Ba/F3",
  "PC-3") or an inner capital after a small letter ("HeLa", "SiHa"), at least four
  characters or with a separator; never the ``SHAPE_EXCLUDE`` shapes (CD markers,
  passages, cell-cycle phases, T-helper subsets).

A token in a line's shape that Cellosaurus does not know is a line only with its head noun
("XY-12 cells"), with the name as written as its norm.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LINE_CONFIDENCE = 0.8  # below an ontology row on the same offsets
SHAPE_CONFIDENCE = 0.7

# A name's first token: letters and digits with a capital or a digit, not inside a word,
# a hyphenated name or a marker ("CD4+"); then up to two more tokens after one separator.
_START = re.compile(r"(?<![A-Za-z0-9\-\u2010+])[a-z]*[A-Z0-9][A-Za-z0-9]*")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_SHAPE_GOES_ON = re.compile(r"[-/\u2010]\d")
_NEXT = re.compile(r"(?:[-/. \u2010\u2011])?([A-Za-z0-9]+)")
_SEPARATORS = frozenset({"", "-", "/", ".", " ", "\u2010", "\u2011"})
# The head noun, with at most one cell-type word before it ("HMEC-1 endothelial cells").
_HEAD = re.compile(
    r"(?:[ \u00a0]+[a-z]{4,})?[ \u00a0]+(?:cells?(?:[ \u00a0]+lines?)?|lines?)\b(?![\-\u2010])"
)
# Shapes that are not lines: CD markers, passage numbers, cell-cycle phases, T-helper and
# macrophage subsets, interleukins and Toll-like receptors (their own lexicons), HLA types.
SHAPE_EXCLUDE = re.compile(
    r"(?:CD\d+[A-Za-z]*|P\d+|G[0-2]|S\d?|Th\d+|M[12]|IL\d+[A-Z]?|TLR\d+|HLA[A-Z0-9]*|"
    r"Type\d|[A-Z]\d{1,2}[a-z]?|\d+[A-Za-z]?)"
)
_NEW_LINE_SHAPE = re.compile(
    r"[A-Z][A-Za-z]*\d[A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*|[A-Z]{2,}[-/]\d+[A-Za-z0-9]*"
)
_LINE_SHAPE = re.compile(r"(?=.*[A-Za-z])(?=.*\d)|.*[a-z][A-Z]")


@dataclass(frozen=True, slots=True)
class LineMatch:
    start: int
    end: int
    name: str
    accession: str | None
    confidence: float


def read_index(path: str | Path) -> list[tuple[str, str, str]]:
    """(key, name, accession) rows of a ``cellosaurus.tsv.gz``; a missing file is an empty
    list (the pipeline then knows only the curated lines)."""
    p = Path(path)
    if not p.is_file():
        return []
    text = gzip.decompress(p.read_bytes()).decode("utf-8")
    return [tuple(line.split("\t")) for line in text.splitlines()]  # type: ignore[misc]


_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")


def _key(name: str) -> str:
    return _NOT_ALNUM.sub("", name)


class CellLineIndex:
    """Cellosaurus names by separator-free key; :meth:`find` returns shape-gated lines."""

    def __init__(self, rows: Iterable[tuple[str, str, str]] = ()) -> None:
        self.rows = list(rows)
        self.max_tokens = 3
        self.by_key: dict[str, tuple[str, str]] = {}
        rank: dict[str, int] = {}
        self.alts: dict[str, list[tuple[str, str]]] = {}  # keys several names share
        # keys of the first one or two tokens of names with more tokens ("RAW" of "RAW
        # 264.7"): a name is extended past a token only where some name continues
        self.prefixes: set[str] = set()
        for key, name, acc in self.rows:
            if not name.isalnum():
                toks = _ALNUM_RUN.findall(name)
                for k in range(1, min(len(toks), self.max_tokens)):
                    self.prefixes.add("".join(toks[:k]))
            if key in rank:
                self.alts.setdefault(key, [self.by_key[key]]).append((name, acc))
            # One key, several names ("PC-12", "PC-1.2"; "LAD2", "LAD 2"): the name written
            # as the key wins, then the one with fewest dots and slashes, then the first in
            # the file (which is sorted).
            r = name.count(".") + name.count("/") + (0 if name == key else 1)
            if len(key) >= 2 and r < rank.get(key, 99):
                rank[key] = r
                self.by_key[key] = (name, acc)

    def find(self, text: str) -> list[LineMatch]:
        """Lines in ``text``: names start at a token with a capital or a digit (most words
        are lower case and are never looked at) and run over up to three tokens joined by
        a separator ("RAW 264.7", "Ba/F3", "NIH 3T3")."""
        out: list[LineMatch] = []
        last_end = 0
        for first in _START.finditer(text):
            s0 = first.start()
            if s0 < last_end or first.group().isdigit():
                continue
            best: LineMatch | None = None
            key, end = first.group(), first.end()
            for step in range(self.max_tokens):
                if step:
                    if key not in self.prefixes and not _SHAPE_GOES_ON.match(text, end):
                        break  # no name continues so, and no "-12" of a line's shape
                    nxt = _NEXT.match(text, end)
                    if nxt is None:
                        break
                    key, end = key + nxt.group(1), nxt.end()
                hit = self.by_key.get(key)
                if key in self.alts:  # the name as written, if several share the key
                    written = text[s0:end]
                    hit = next((a for a in self.alts[key] if a[0] == written), hit)
                m = self._accept(text, s0, end, hit)
                if m is not None:
                    best = m
            if best is not None:
                out.append(best)
                last_end = best.end
        return out

    def _accept(
        self, text: str, start: int, end: int, hit: tuple[str, str] | None
    ) -> LineMatch | None:
        if end < len(text) and (text[end].isalnum() or text[end] in "+\u207a"):
            return None  # inside a longer token or a marker ("CD4+")
        if end < len(text) and text[end] in "-\u2010" and text[end + 1 : end + 2].isalnum():
            return None  # part of a longer hyphenated name
        written = text[start:end]
        if hit is None:
            # not in Cellosaurus: a line's shape with a digit, and only with its head noun
            if not _NEW_LINE_SHAPE.fullmatch(written):
                return None
            head = _HEAD.match(text, end)
            if head is None or SHAPE_EXCLUDE.fullmatch(_key(written)):
                return None
            return LineMatch(start, head.end(), written, None, SHAPE_CONFIDENCE)
        if SHAPE_EXCLUDE.fullmatch(_key(written)):
            return None
        head = _HEAD.match(text, end)
        if head is not None:
            return LineMatch(start, head.end(), hit[0], hit[1], LINE_CONFIDENCE)
        alnum = _key(written)
        if (
            _LINE_SHAPE.match(written)
            and (len(alnum) >= 4 or len(alnum) < len(written))
            and _in_line_context(text, start, end)
        ):
            return LineMatch(start, end, hit[0], hit[1], LINE_CONFIDENCE)
        return None


# A name alone is a line only where the sentence speaks of lines: it is coordinated with a
# list that ends in the head noun ("HeLa, HepG2 and TF-1 cells") or follows "cell line(s)"
# earlier in its sentence ("cell lines such as A549"). A gene symbol that is also a line's
# name ("HSF-1 is a heat-shock factor") stays unread.
_LIST_THEN_HEAD = re.compile(
    r"(?:\s*(?:,|;|/|\band\b|\bor\b|&)\s*(?:the\s+)?[A-Za-z0-9][\w/.\-]*){0,6}?"
    r"[ \u00a0]+(?:cells?(?:[ \u00a0]+lines?)?|lines?)\b"
)
_LINE_BEFORE = re.compile(r"cell[ \u00a0]+lines?\b[^.;]*$", re.IGNORECASE)


def _in_line_context(text: str, start: int, end: int) -> bool:
    if _LIST_THEN_HEAD.match(text, end) is not None:
        return True
    return _LINE_BEFORE.search(text, max(0, start - 120), start) is not None
