"""The title page's author line as a scored choice among every plausible line.

A publisher's first page holds several lines shaped like names: the authors, an editor or a
reviewer in a side column, an aggregator's profile names (ResearchGate's ``3 authors,
including:``), a correspondence block. Taking the first line a reader accepts makes the
answer hang on which layout comes first; here every line of the header zone that any name
reader accepts is a candidate, described by general features of its shape, its place and its
agreement with the rest of the page, and the best-scoring candidate is the author line.

Features are small named functions (``FEATURES``); their weights, and a reason, keep case and
drop case for each, are data (``data/author_line_features.json``). Agreement with the page
counts most: the surname a running head (``Surname et al.``), a cite-as line, a copyright
holder or a correspondence line names confirms the line that starts with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import pairwise

from extractor.bibliography.cues import cues
from extractor.bibliography.lines import word_count
from extractor.bibliography.names import (
    fold,
    given_first_list,
    inverted_list,
    split_marked,
    vancouver_list,
)
from extractor.bibliography.shape import loose_names
from extractor.bibliography.title import is_label

ZONE_LINES = 60  # the first page's lines that may hold its author line
WRAP_LINES = 4  # an author line wraps over at most this many printed lines
MAX_LINE_CHARS = 600  # longer lines are paragraphs (an author line of 30 names is shorter)
_MARK = re.compile(r"(?<=[^\W\d_])(?:\d{1,2}(?:\s*,\s*\d{1,2})*|[*†‡§¶#\u2217✉]+)")
# an affiliation: opened (after its mark) by an institution word and "of"/"for", or naming a
# university or hospital in an address with commas
_AFFILIATION = re.compile(
    r"^\s*(?:[a-z\d¹²³⁴⁵⁶⁷⁸⁹]{1,2}[\s.)]+|[*†‡§]\s*)?(?:Department|Dept\.|Division|School|Faculty|"
    r"Institute|Laboratory|Center|Centre|Clinic|College|Unit)\s+(?:of|for)\b"
    r"|\b(?:Universit\w*|Universidad\w*|Hospital\w*|H[ôo]pital\w*|Institut\w*|Klinik\w*|"
    r"Cl[íi]nica)\b(?:[^,]*,|(?:\s+\S+){0,5}\s*$)|,[^,]*\b(?:University|Hospital)\b"
    r"|^(?:\S+\s+){0,4}(?:University|Hospital)\b(?:\s+\S+){0,4}\s*$"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
MAX_ROLE_WORDS = 4  # "consultant dermatologist", "senior clinical research fellow"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible author line: lines ``start``..``end`` (exclusive) read as ``surnames``."""

    start: int
    end: int
    surnames: tuple[str, ...]
    reader: str  # "printed" (a printed form), "shaped" (names.shape), "roles" (BMJ roles)
    text: str
    score: float = 0.0
    features: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Page:
    """What the features look at besides the candidate: the page's lines and the surnames the
    rest of the page names (running heads, cite-as lines, copyright holders, correspondence)."""

    lines: list[str]
    front_end: int  # index of the first body heading (or the zone's end)
    confirming: frozenset[str]
    is_title: Callable[[str], bool] = lambda line: _title_like(line)


# --------------------------------------------------------------------------- readers


def _role_names(line: str) -> tuple[str, ...] | None:
    """BMJ's ``Tunde N Okafor consultant dermatologist1, Erik Lindqvist professor2``: each
    piece a given-first name followed by a lower-case role (one to four words)."""
    pieces = split_marked(line)
    if len(pieces) < 1:
        return None
    out = []
    for p in pieces:
        tokens = p.split()
        caps = [k for k, t in enumerate(tokens) if t[:1].isupper()]
        if not caps:
            return None
        role = tokens[caps[-1] + 1 :]
        if not 1 <= len(role) <= MAX_ROLE_WORDS or not all(
            re.fullmatch(r"[a-z][a-z-]+", t) for t in role
        ):
            return None
        names = given_first_list(" ".join(tokens[: caps[-1] + 1]))
        if names is None or len(names.surnames) != 1:
            return None
        out.append(names.surnames[0])
    return tuple(out)


READERS: tuple[tuple[str, Callable[[str], tuple[str, ...] | None]], ...] = (
    ("printed", lambda s: r.surnames if (r := given_first_list(s)) else None),
    ("printed", lambda s: r.surnames if (r := vancouver_list(s)) and len(r.surnames) > 1 else None),
    ("printed", lambda s: r.surnames if (r := inverted_list(s)) and len(r.surnames) > 1 else None),
    ("shaped", loose_names),
    ("roles", _role_names),
)


def _read(line: str) -> tuple[str, tuple[str, ...]] | None:
    for name, reader in READERS:
        got = reader(line)
        if got:
            return name, got
    return None


_OPEN_END = re.compile(r"(?:[,;&|\u00b7\u2022]|\band|[\d*†‡§¶#\u2217])\s*$")
_OPEN_START = re.compile(r"^\s*(?:and|&)\s", re.I)


ONE_PER_LINE_MIN = 3  # a run of this many one-name lines is a list set one author per line


def _wrapped(prev: str, line: str, per_line: bool = False) -> bool:
    """Whether ``line`` goes on with the author list of ``prev``: ``prev`` ends in a separator
    or a mark (``…, Okpashi,2``), ``line`` opens with ``and``, or, on a page that sets one
    author per line (``per_line``: ``Jianhua Wu`` / ``Lihong Xu`` / ``Qiang Feng``), ``line``
    is one more name given first."""
    return bool(_OPEN_END.search(prev) or _OPEN_START.match(line)) or (
        per_line and _one_name(prev) and _one_name(line)
    )


def _join(lines: list[str]) -> str:
    """Wrapped lines as one author line; lines of one name each are joined as list pieces."""
    out = lines[0]
    for prev, line in pairwise(lines):
        per_line = _one_name(prev) and _one_name(line) and not _OPEN_END.search(prev)
        sep = ", " if per_line else " "
        out = f"{out}{sep}{line}"
    return out


def _one_name(line: str) -> bool:
    names = given_first_list(line)
    return names is not None and len(names.surnames) == 1 and not names.truncated


def collect(lines: list[str], limit: int = ZONE_LINES) -> list[Candidate]:
    """Every line (or wrapped run of lines) of the zone a name reader accepts."""
    out: list[Candidate] = []
    for i, line in enumerate(lines[:limit]):
        if out and i < out[-1].end:
            continue  # a wrapped line of the candidate above
        if not line or cues().citation_line.match(line) or is_label(line):
            continue
        if len(line) > MAX_LINE_CHARS or _prose(line):
            continue  # a paragraph of running text is no author line
        if _AFFILIATION.search(line):
            continue  # an institution's address, whatever names it holds
        got = _read(line)
        if got is None:
            continue
        reader, names = got
        per_line = len(lines[i : i + ONE_PER_LINE_MIN]) == ONE_PER_LINE_MIN and all(
            _one_name(x) for x in lines[i : i + ONE_PER_LINE_MIN]
        )
        j = i + 1
        while (
            j < len(lines)
            and lines[j]
            and j - i < (ZONE_LINES if per_line else WRAP_LINES)
            and _wrapped(lines[j - 1], lines[j], per_line)
            and not _AFFILIATION.search(lines[j])  # marks end the line; the address follows
            and not is_label(lines[j])  # PubMed's "Affiliations" toggle below the names
        ):
            joined = _join(lines[i : j + 1])
            more = _read(joined)
            if more is None or len(more[1]) <= len(names) or more[1][: len(names)] != names:
                break
            (reader, names), j = more, j + 1
        out.append(Candidate(i, j, names, reader, _join(lines[i:j])))
    return out


# --------------------------------------------------------------------------- features


def _nonblank_above(page: Page, i: int, n: int = 1) -> list[str]:
    return [x for x in reversed(page.lines[:i]) if x][:n]


PROSE_WORDS = 12  # a line this long ending in a full stop is running text


def _title_like(line: str) -> bool:
    return word_count(line, 3) >= 3 and loose_names(line) is None and not is_label(line)


def _prose(line: str) -> bool:
    return word_count(line, PROSE_WORDS) >= PROSE_WORDS and line.rstrip().endswith(".")


def _titled(page: Page, line: str) -> bool:
    """A title line: title-shaped for the page, not a paragraph, not itself a name list."""
    return (
        page.is_title(line)
        and not _prose(line)
        and not _AFFILIATION.search(line)
        and _read(line) is None
    )


def printed_form(c: Candidate, page: Page) -> bool:
    """Read by a printed form (given names first, or Vancouver), not only by its shape."""
    return c.reader == "printed"


def several_names(c: Candidate, page: Page) -> bool:
    return len(c.surnames) >= 2


def affiliation_marks(c: Candidate, page: Page) -> bool:
    """Digits or symbols glued to the names: the marks only an author line carries."""
    return bool(_MARK.search(c.text))


def below_title(c: Candidate, page: Page) -> bool:
    """A title-like line within the two non-blank lines above."""
    return any(_titled(page, x) for x in _nonblank_above(page, c.start, 2))


def title_above(c: Candidate, page: Page) -> bool:
    """Some title-like line above it on the page (the authors follow the title)."""
    return any(_titled(page, x) for x in page.lines[: c.start])


def affiliation_below(c: Candidate, page: Page) -> bool:
    """An affiliation (department, university, hospital …) or an e-mail address within three
    lines below (a letter's author blocks: name, institution, address)."""
    below = [x for x in page.lines[c.end : c.end + 4] if x][:3]
    return any(_AFFILIATION.search(x) or _EMAIL.search(x) for x in below)


def in_front_matter(c: Candidate, page: Page) -> bool:
    """Above the first body heading (Abstract, Introduction …)."""
    return c.start < page.front_end


def after_label(c: Candidate, page: Page) -> bool:
    """Under a label that names other people (``3 authors, including:``, ``Edited by:``,
    ``Reviewed by:``, ``Correspondence:``, ``uploaded by``), on its line or the one above."""
    near = [c.text, *_nonblank_above(page, c.start, 1)]
    return any(_OTHER_PEOPLE.search(x) for x in near)


_OTHER_PEOPLE = re.compile(
    r"\b(?:including|edited\s+by|reviewed\s+by|uploaded\s+by|academic\s+editors?|handling\s+"
    r"editors?|corresponding\s+authors?|correspondence|see\s+profile|publications?\s+\d|"
    r"\d+\s+citations)\b",
    re.I,
)


def confirmed(c: Candidate, page: Page) -> bool:
    """Its first surname is the one a running head, cite-as line, copyright holder or
    correspondence line of the page names."""
    return bool(c.surnames) and fold(c.surnames[0]) in page.confirming


def below_prose(c: Candidate, page: Page) -> bool:
    """A paragraph of running text above it: the body has started (a letter's authors after
    its body need the marks or affiliations of an author line to outweigh this)."""
    return any(_prose(x) for x in page.lines[: c.start])


def single_piece(c: Candidate, page: Page) -> bool:
    """One name alone on its line (an author per line, or a stray name)."""
    return len(c.surnames) == 1


FEATURES: dict[str, Callable[[Candidate, Page], bool]] = {
    f.__name__: f
    for f in (
        printed_form,
        several_names,
        affiliation_marks,
        below_title,
        title_above,
        affiliation_below,
        in_front_matter,
        after_label,
        confirmed,
        below_prose,
        single_piece,
    )
}


@cache
def weights() -> dict[str, float]:
    raw = json.loads(
        files("extractor.bibliography")
        .joinpath("data/author_line_features.json")
        .read_text("utf-8")
    )
    return {k: float(v["weight"]) for k, v in raw["features"].items()}


@cache
def threshold() -> float:
    raw = json.loads(
        files("extractor.bibliography")
        .joinpath("data/author_line_features.json")
        .read_text("utf-8")
    )
    return float(raw["threshold"])


def scored(c: Candidate, page: Page) -> Candidate:
    """``c`` with its score and the features that fired."""
    w = weights()
    fired = tuple(name for name, f in FEATURES.items() if f(c, page))
    score = sum(w[name] for name in fired) - w.get("_per_line", 0.0) * c.start
    return Candidate(c.start, c.end, c.surnames, c.reader, c.text, score, fired)


def ranking(page: Page) -> list[Candidate]:
    """Every candidate of ``page``, best first."""
    return sorted((scored(c, page) for c in collect(page.lines)), key=lambda c: (-c.score, c.start))


def choose(page: Page) -> Candidate | None:
    """The best-scoring author line of ``page``, or None when none reaches the threshold."""
    ranked = ranking(page)
    return ranked[0] if ranked and ranked[0].score >= threshold() else None
