"""A title page's author line found by its shape and place, whatever the publisher's style.

The last resort of the title-page reading (``header.read_page``), used only when no printed
form the stage knows matched. Between the title (the first line of three words or more) and
the end of the front matter (the first body heading, ``header.front_lines``), the first line,
or run of wrapped lines, that is a list of person names is the author line:

* pieces are cut at commas, semicolons, ``and``/``&``, ``|``, ``·`` and affiliation marks
  (``names.split_marked``); a leading ``By`` is dropped;
* a piece is a name when it has one to five words, each a capitalised word, an initial or a
  surname particle, none of them a word of institutions, journals or labels
  (``not_name_words``) or a lower-case word (a verb or a function word of a sentence);
* the first piece must be a name and at least two thirds of the pieces must be, so a group
  author (``on behalf of the ESDR Vitiligo Group``) or an ORCID label does not hide the list.

The surname of each name follows its printed order: a word in full capitals among mixed-case
words (``SILVA Ana``), the words before trailing initials (``Kumar RS``), else the last word
with its particles (``Ana Paula dos Santos``). The year, when the page's dated cues gave none,
is the latest full date printed in the front matter (``posted May 3, 2023``, ``2023-05-03``).
"""

from __future__ import annotations

import re

from extractor.bibliography.cues import cues
from extractor.bibliography.fields import as_year
from extractor.bibliography.lines import word_count
from extractor.bibliography.names import (
    given_first_surname,
    split_marked,
    vancouver_surname,
)

MAX_WORDS = 5  # a personal name is rarely printed in more words
LABEL_LINES = 60  # an "Authors" label is on the first page
PROSE_WORDS = 12  # a line this long ending in a full stop is running text
NAME_SHARE = 2 / 3  # share of a line's pieces that must be names
FALLBACK_YEARS = (1950, 2035)
_BY = re.compile(r"^\s*by\s+", re.I)
# lone lower-case letters (optionally "b, c") after a name word, before the next name or the end
_SPACED_LETTERS = re.compile(r"(?<=[^\W\d_])\s+[a-z](?:\s*,\s*[a-z])*(?=\s+[A-Z]|\s*$)")
_AUTHORS_LABEL = re.compile(r"^authors?\s*:?\s*(?P<rest>.*)$", re.I)
_INITIAL = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_FULL_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+(?P<a>\d{{4}})\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,\s*(?P<b>\d{{4}})\b"
    r"|\b(?P<c>\d{4})[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b",
    re.I,
)


def _word(tok: str) -> bool:
    core = tok.replace("-", "").replace("'", "").replace("\u2019", "").rstrip(".")
    return bool(core) and core.isalpha() and tok[0].isupper()


def _particle(tok: str) -> bool:
    return tok.casefold() in cues().particles


def loose_surname(piece: str) -> str | None:
    """The surname of one name in any printed order, or None when ``piece`` is not a name."""
    tokens = piece.split()
    degrees = cues().degrees
    while len(tokens) > 1 and tokens[-1].casefold().strip(".,") in degrees:
        tokens = tokens[:-1]
    if not 1 <= len(tokens) <= MAX_WORDS:
        return None
    stop = cues().not_name_words | cues().not_shaped_name_words
    for t in tokens:
        if _INITIAL.match(t) or _particle(t):
            continue
        if not _word(t) or t.casefold().strip(".,") in stop:
            return None
    words = [t for t in tokens if _word(t) and not _INITIAL.match(t)]
    if not words or max(len(w) for w in words) < 2:
        return None
    if all(w.isupper() for w in words):
        return None  # abbreviations ("BM-MSC"); a surname in capitals comes with given names
    if len(tokens) == 1:
        return tokens[0] if len(tokens[0]) > 2 else None
    return given_first_surname(piece) or vancouver_surname(piece) or words[-1]


def _letter_marks(line: str) -> str:
    """Affiliation letters set apart between names (Karger's ``Ruth Abebe a  Tobias Kessler b``)
    read as separators; ``y`` and ``e``, which join Iberian surnames, are left alone."""

    def sub(m: re.Match[str]) -> str:
        letters = re.findall(r"[a-z]", m.group())
        return m.group() if any(x in cues().particles for x in letters) else ","

    return _SPACED_LETTERS.sub(sub, line)


def loose_names(line: str) -> tuple[str, ...] | None:
    """Surnames of ``line`` when it is shaped like an author list (see the module docstring)."""
    pieces = [
        p
        for p in split_marked(_letter_marks(_BY.sub("", line)))
        if p.casefold().strip(".") not in cues().degrees
    ]
    if not pieces:
        return None
    names = [loose_surname(p) for p in pieces]
    if names[0] is None or sum(n is not None for n in names) < NAME_SHARE * len(names):
        return None
    if all(len(p.split()) < 2 for p in pieces):
        return None  # bare words are labels, headings or table cells; a name has two parts
    return tuple(n for n in names if n is not None)


def _prose(line: str) -> bool:
    """A sentence of running text: many words, ending in a full stop."""
    return word_count(line, PROSE_WORDS) >= PROSE_WORDS and line.rstrip().endswith(".")


def _title_like(line: str) -> bool:
    return word_count(line, 3) >= 3 and loose_names(line) is None


def author_line(front: list[str]) -> tuple[int, tuple[str, ...]] | None:
    """(index, surnames) of the first author-shaped line below a title-like line."""
    seen_title = False
    for i, line in enumerate(front):
        if not line:
            continue
        if _prose(line):
            return None  # the body has started: an author line is never below a paragraph
        if not seen_title:
            seen_title = _title_like(line)
            continue
        names = loose_names(line)
        if names is None:
            continue
        j = i + 1
        while j < len(front) and front[j]:
            more = loose_names(" ".join(front[i : j + 1]))
            if more is None or len(more) <= len(names):
                break
            names, j = more, j + 1
        return i, names
    return None


def labelled_author_line(lines: list[str]) -> tuple[int, tuple[str, ...]] | None:
    """(index, surnames) of an author line under an ``Authors`` label (Cell Press's first page
    sets it below the graphical abstract, after the front matter's first heading), on the
    label's line or the next non-blank one."""
    for i, line in enumerate(lines[:LABEL_LINES]):
        m = _AUTHORS_LABEL.match(line)
        if m is None:
            continue
        if m.group("rest"):
            names = loose_names(m.group("rest"))
            return (i, names) if names else None
        nxt = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k]), None)
        names = loose_names(lines[nxt]) if nxt is not None else None
        return (nxt, names) if nxt is not None and names else None
    return None


def dated_year(front: list[str]) -> int | None:
    """The latest year of a full date printed in the front matter, within ``FALLBACK_YEARS``."""
    years = []
    for line in front:
        for m in _FULL_DATE.finditer(line):
            y = as_year(m.group("a") or m.group("b") or m.group("c"))
            if y and FALLBACK_YEARS[0] <= y <= FALLBACK_YEARS[1]:
                years.append(y)
    return max(years) if years else None
