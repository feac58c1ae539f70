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
from dataclasses import dataclass
from pathlib import Path

LINE_CONFIDENCE = 0.8  # below an ontology row on the same offsets
SHAPE_CONFIDENCE = 0.7

# A name's first token: letters and digits with a capital or a digit, not inside a word,
# a hyphenated name or a marker ("CD4+"); then up to two more tokens after one separator.
_CAP_OR_DIGIT_RUN = re.compile(r"[A-Z0-9][A-Za-z0-9]*")
# The same runs with most that ``find`` skips left unmatched (numbers, plain capitalised
# words, runs glued to a hyphen or a plus): 2,500 runs on the review leave ~1,000 for the
# Python loop. A run opened by small letters ("hDPSC") is matched from its first capital or
# digit and checked in Python. The pattern opens with its character class, so the scan
# skips lower-case text in C.
_CANDIDATE_RUN = re.compile(
    r"[A-Z0-9](?:(?<=[a-z].)"  # inside a run that small letters open: widened in Python
    r"|(?<![A-Za-z0-9\-\u2010+].)"  # opens a run, not glued to a hyphen or a plus
    r"(?!(?<=[0-9])[0-9]*(?![A-Za-z0-9]))"  # not a number
    # not a plain capitalised word, unless a separator or the head noun follows
    r"(?![a-z0-9]*[a-z][a-z0-9]*(?![A-Za-z0-9])(?![-/.\u2010]| cell| line)))"
    r"[A-Za-z0-9]*"
)
_GLUED_BEFORE = frozenset("-\u2010+")
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


def read_index(path: str | Path) -> str:
    """The text of a ``cellosaurus.tsv.gz`` (key TAB name TAB accession per line); a missing
    file is empty text (the pipeline then knows only the curated lines)."""
    p = Path(path)
    if not p.is_file():
        return ""
    return gzip.decompress(p.read_bytes()).decode("utf-8")


_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")


def _key(name: str) -> str:
    return _NOT_ALNUM.sub("", name)


class CellLineIndex:
    """Cellosaurus names by separator-free key; :meth:`find` returns shape-gated lines.

    Kept small: one string holds the table, and each key maps to the offset of its line in
    it (name and accession are read from there on a hit), so 167k names cost ~30 MB."""

    def __init__(self, table: str = "") -> None:
        self.table = table
        self.max_tokens = 3
        self.by_key: dict[str, int] = {}
        self.alts: dict[str, list[int]] = {}  # keys several names share: their offsets
        # keys of the first one or two tokens of names with more tokens ("RAW" of "RAW
        # 264.7"): a name is extended past a token only where some name continues
        self.prefixes: set[str] = set()
        off = 0
        by_key, alts, prefixes = self.by_key, self.alts, self.prefixes
        for line in table.split("\n"):
            tab = line.find("\t")
            if tab >= 2:
                key = line[:tab]
                if key in by_key:  # the file lists the preferred name of a key first
                    alts.setdefault(key, [by_key[key]]).append(off)
                else:
                    by_key[key] = off
                name = line[tab + 1 : line.find("\t", tab + 1)]
                if name != key:
                    toks = _ALNUM_RUN.findall(name)
                    for k in range(1, min(len(toks), self.max_tokens)):
                        prefixes.add("".join(toks[:k]))
            off += len(line) + 1

    def _row(self, off: int) -> tuple[str, str]:
        """(name, accession) of the line at ``off``."""
        end = self.table.find("\n", off)
        _key, name, acc = self.table[off : end if end >= 0 else None].split("\t")
        return name, acc

    def find(self, text: str) -> list[LineMatch]:
        """Lines in ``text``: names start at a token with a capital or a digit (most words
        are lower case and are never looked at) and run over up to three tokens joined by
        a separator ("RAW 264.7", "Ba/F3", "NIH 3T3")."""
        out: list[LineMatch] = []
        last_end = 0
        # The first token is a run of letters and digits holding a capital or a digit and
        # not glued to a hyphen or a plus, nor a number or a plain capitalised word
        # ("Patients", "Vero") without its head noun: ``_CANDIDATE_RUN`` finds it by its
        # first capital or digit (a scan that skips lower-case text fast); a run opened by
        # lower-case letters is widened back to its start and checked by ``_run_start``.
        for cap in _CANDIDATE_RUN.finditer(text):
            s0, e0 = cap.span()
            if s0 and "a" <= text[s0 - 1] <= "z":
                s0 = _run_start(text, s0, e0)
            if s0 < last_end:
                continue  # inside the last line read, or no run to read (-1)
            tok = text[s0:e0]
            best: LineMatch | None = None
            key, end = tok, e0
            for step in range(self.max_tokens):
                if step:
                    if key not in self.prefixes and not _SHAPE_GOES_ON.match(text, end):
                        break  # no name continues so, and no "-12" of a line's shape
                    nxt = _NEXT.match(text, end)
                    if nxt is None:
                        break
                    key, end = key + nxt.group(1), nxt.end()
                off = self.by_key.get(key)
                if off is None and key.isalpha():
                    continue  # neither a Cellosaurus name nor a line's shape (needs a digit)
                hit = None if off is None else self._row(off)
                if key in self.alts:  # the name as written, if several share the key
                    written = text[s0:end]
                    rows = [self._row(o) for o in self.alts[key]]
                    hit = next((r for r in rows if r[0] == written), hit)
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


def _run_start(text: str, s0: int, e0: int) -> int:
    """For a match of ``_CANDIDATE_RUN`` after a small letter: where the run the small
    letters open starts ("hDPSC", "iPSC"), or -1 if ``find`` skips it (the checks the
    pattern makes for a run that opens with a capital or a digit)."""
    while s0 and "a" <= text[s0 - 1] <= "z":
        s0 -= 1
    before = text[s0 - 1] if s0 else ""
    if before in _GLUED_BEFORE or (before.isascii() and before.isalnum()):
        return -1  # glued, or inside a run a capital or digit opens ("Th17")
    if (
        text[s0 + 1 : e0].islower()
        and text[e0 : e0 + 1] not in ("-", "/", ".", "\u2010")
        and not text.startswith((" cell", " line"), e0)
    ):
        return -1  # a plain word ("day7") only before its head noun
    return s0


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
