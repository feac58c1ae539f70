"""A text's own header: its citation lines and its title page.

Two readings of the lines before the body, kept apart because they differ in trust:

* ``citation``: what a printed citation of the article says, from a cued line (``Cite this
  article as:``, ``How to cite:``, ``Citation:``), a PubMed summary block, a full citation as
  the document's first line, or a running citation line (``Surname et al. Journal (2018) 9:1``);
* ``page``: what a journal title page says, read from its layout in lines: the author line
  (given names first, affiliation marks and symbols), the title line above it, the publication
  date (``Published: …``, ``Volume 2016``, ``©``), the DOI and PMID printed there.

Only the front of the text is read: up to a reference-list heading and at most ``lines.HEAD_CHARS``;
the title page ends at the first body heading (Abstract, Background, Introduction, …), so a
review whose text starts with its abstract has no header, and its reference list is never
taken for its own citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from extractor.bibliography import scan
from extractor.bibliography.citation import parse_citation, pubmed_source, running
from extractor.bibliography.cues import cues
from extractor.bibliography.fields import (
    COPYRIGHT_ANCHORS,
    find_doi,
    find_pmid,
    page_year,
    source_line,
)
from extractor.bibliography.lines import head_lines, word_count
from extractor.bibliography.merge import merge
from extractor.bibliography.names import vancouver_list
from extractor.bibliography.shape import dated_year, labelled_author_line
from extractor.bibliography.title import (
    DOI_LINE,
    PROSE_WORDS,
    RECORD_LABEL,
    title_above,
    title_candidate,
)
from extractor.types import Bibliography

ZONE_LINES = 60  # the first page: running footers and cite-as boxes below the front
FRONT_LINES = 40  # a title page is never longer than this before its body starts


@dataclass(frozen=True, slots=True)
class Header:
    """The two readings of a text's front (see the module docstring)."""

    citation: Bibliography
    page: Bibliography


def front_lines(lines: list[str]) -> list[str]:
    """The lines before the first body heading (the title page), at most ``FRONT_LINES``."""
    body = cues().body_heading
    for i, line in enumerate(lines[:FRONT_LINES]):
        if body.match(line):
            return lines[:i]
    return lines[:FRONT_LINES]


# --------------------------------------------------------------------------- citation lines


def _cued(lines: list[str]) -> Bibliography | None:
    """``Cite this article as: …`` and its kin, the citation possibly wrapped over lines."""
    for i, line in enumerate(lines):
        m = cues().citation_line.match(line)
        if not m:
            continue
        rest = m.group("rest")
        bib = _wrapped_citation(rest, lines[i + 1 :])
        if bib is not None:
            if bib.title is None:  # PMC's "Cite this: Kim S, et al. J Dermatol Sci. …"
                above = next((x for x in front_lines(lines[:i]) if title_candidate(x)), None)
                bib = replace(bib, title=above.rstrip(".") if above else None)
            return bib
    return None


CITE_WRAP_LINES = 9  # a cite-as box in a PDF's side column wraps over this many lines at most
CUE_GAP_LINES = 3  # the citation may start this many lines below its cue


def _wrapped_citation(rest: str, below: list[str]) -> Bibliography | None:
    """The citation after a cue, possibly wrapped over the lines below it or starting on the
    next line: the first join that reads as a citation naming its source (journal or DOI),
    else the first that reads at all (a narrow column breaks a title before its source)."""
    first: Bibliography | None = None
    for k in range(min(CITE_WRAP_LINES, len(below)) + 1):
        if k > CUE_GAP_LINES and not below[k - 1]:
            break  # a blank line below the first few ends the box
        bib = parse_citation(" ".join([rest, *below[:k]]).strip())
        if bib is None:
            continue
        if bib.journal or bib.doi:
            return bib
        first = first or bib
    return first


def _paragraphs(lines: list[str], start: int) -> list[str]:
    """Blank-line-separated paragraphs from ``start``, each joined into one string."""
    paras: list[str] = []
    cur: list[str] = []
    for line in lines[start:]:
        if line:
            cur.append(line)
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


def _pubmed(lines: list[str]) -> Bibliography | None:
    """PubMed's summary: source line, then the title and the author paragraphs."""
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None:
        return None
    alone = first + 1 < len(lines) and not lines[first + 1]  # a blank line under it
    src = pubmed_source(lines[first], numberless=alone)
    if src is None:
        return None
    paras = _paragraphs(lines, first + 1)
    title = paras[0] if paras else None
    authors = vancouver_list(paras[1]) if len(paras) > 1 else None
    whole = "\n".join(lines)
    return Bibliography(
        title=title.rstrip(".") if title else None,
        authors=authors.surnames if authors else (),
        year=src.year,
        journal=src.journal,
        doi=src.doi,
        pmid=src.pmid or find_pmid(whole),
    )


# where a citation was published: a DOI or PMID, a volume with its issue or page ("12(3)",
# "9:112", "11:e4932", "2022, 23, 4567"), a page range or an article number ("pp. 45",
# "812-20", "e14782"), Google Scholar's "- Journal, 2020 - Publisher"; a sentence of body
# prose citing a study by "Surname (Year)" has none
_SOURCE = re.compile(
    r"\b10\.\d{4,9}/|\bPMID\b|\b\d+\s*\(\s*\d+[A-Za-z]?(?:[-\u2013]\d+)?\s*\)"
    r"|\b\d+\s*:\s*[eE]?\d+|\bpp?\.\s*[eE]?\d|\b\d+\s*[-\u2013]\s*\d+\b|\b[eE]\d{3,}\b"
    r"|\b(?:19|20)\d\d\s*[,;]\s*\d+\s*[,:(]|\bvol(?:ume)?\.?\s*\d"
    r"|\s[-\u2013]\s[^\n]{2,80}?,\s*(?:19|20)\d\d\s+[-\u2013]\s",  # Scholar: "- Journal, 2020 -"
    re.I,
)


def _prose(line: str) -> bool:
    """A sentence of running text: long and ending in a full stop (the body has begun)."""
    return word_count(line, PROSE_WORDS) >= PROSE_WORDS and line.endswith(".")


def _first_line_citation(front: list[str]) -> Bibliography | None:
    """A full citation printed as the document's first line(s): before any body prose, and
    naming where it was published (``_SOURCE``), so "Patel (2019) described …" at the head of
    a review passage cites a study, it is not the passage's own citation."""
    nonblank = [line for line in front if line][:3]
    for k in range(len(nonblank)):
        if k > 0 and _prose(nonblank[k - 1]):
            return None  # the body has begun: a citation below it is a study it cites
        for n in (1, 2, 3):  # authors, title and source may each have a line of their own
            joined = " ".join(nonblank[k : k + n])
            bib = parse_citation(joined)
            if bib is not None and not _SOURCE.search(joined):
                continue
            if bib is not None:
                if bib.title is None and k > 0 and title_candidate(nonblank[k - 1]):
                    # a citation that prints no title under the title line (Google Scholar's
                    # result: the title, then "L Martin, K Osei - Journal, 2021 - Elsevier")
                    bib = replace(bib, title=nonblank[k - 1].rstrip("."))
                return bib
    return None


def _running(front: list[str]) -> Bibliography | None:
    for line in front:
        bib = running(line)
        if bib is not None:
            return bib
    return None


# the holder of an open-access licence is "Surname et al." (CC BY articles: "© 2021 Wang et
# al.", "Copyright © 2016 Li Wei et al.", Cureus's "© Copyright 2021" / "Okeke et al.")
_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:copyright\s*)?(?P<year>(?:19|20)\d\d)?\s*"
    r"(?:[A-Z][\w'\u2019-]+\s+)?(?P<sur>(?:(?:van|von|de|der|da|dos|del|di|le|la)\s+)*"
    r"[A-ZÀ-Þ][\w'\u2019-]+)\s+et\s+al\b",
    re.I,
)


def _copyright_holder(lines: list[str]) -> Bibliography | None:
    """The first author an open-access copyright line names (``© 2021 Wang et al.``)."""
    text = "\n".join(lines)
    m = scan.search(_COPYRIGHT_HOLDER, text, COPYRIGHT_ANCHORS)
    if m is None or m.group("sur").casefold() in cues().not_name_words:
        return None
    # the year stays the page's to give: online and issue years may differ from the licence's
    return Bibliography(authors=(m.group("sur"),))


def read_citation(lines: list[str]) -> Bibliography:
    """The citation reading of ``lines`` (``head_lines`` of a text)."""
    front = front_lines(lines)
    found = [
        _cued(lines),
        _pubmed(lines),
        _first_line_citation(front),
        _running(front),
        _copyright_holder(lines),
    ]
    return merge(*(b for b in found if b is not None))


# --------------------------------------------------------------------------- title page


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _surname_first(line: str, page: list[str]) -> tuple[str, ...] | None:
    """Surnames of a line printed surname first, decided for the line as a whole (all its
    names share one order) from lists of family names (``data/cues.json``): Chinese
    (``Zhang Wei, Li Na``) on a page that prints Chinese script or when every given name is
    hyphenated (``Zhang Xiao-hong``); Vietnamese (``Nguyen Thi Lan, Pham Van Duc``) when two
    names or more all open with a Vietnamese family name and none ends in one (``Lan Nguyen``
    stays; a lone ``Le Roux Smith`` says nothing)."""
    from extractor.bibliography.names import drop_degrees, is_degree, split_marked

    # degrees after a name ("Nguyen Thi Lan Anh MD1 | Tran Van Duc MD, PhD2") are no name words
    words = [drop_degrees(p.split()) for p in split_marked(line) if not is_degree(p)]
    if not words or not all(2 <= len(w) <= 4 for w in words):
        return None
    chinese, vietnamese = _family_names()
    first = [_fold(w[0]) for w in words]
    cjk = any(_CJK.search(x) for x in page)
    hyphenated = all(len(w) == 2 and "-" in w[1] for w in words)
    if all(f in chinese for f in first) and all(len(w) <= 3 for w in words) and (cjk or hyphenated):
        return tuple(w[0] for w in words)
    ends = any(_fold(w[-1]) in vietnamese for w in words)
    if len(words) >= 2 and all(f in vietnamese for f in first) and not ends:
        return tuple(w[0] for w in words)
    return None


def _fold(word: str) -> str:
    """A name word without case or diacritics (``Nguyễn`` -> ``nguyen``, ``Đặng`` -> ``dang``)."""
    import unicodedata

    s = unicodedata.normalize("NFKD", word.replace("\u0111", "d").replace("\u0110", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


@cache
def _family_names() -> tuple[frozenset[str], frozenset[str]]:
    import json
    from importlib.resources import files

    raw = json.loads(files("extractor.bibliography").joinpath("data/cues.json").read_text("utf-8"))
    return frozenset(raw["chinese_surnames"]["rows"]), frozenset(raw["vietnamese_surnames"]["rows"])


# an affiliation opened by its letter, glued on or set apart ("aFirst Department …; bLaboratory
# …", "a Department of Dermatology, …")
_GLUED_LABEL = re.compile(r"(?:^|;\s*)([a-h])\s?(?=[A-Z][a-z])")


def _unglue_marks(surnames: tuple[str, ...], below: list[str]) -> tuple[str, ...]:
    """Surnames whose affiliation letter a PDF copy glued on (Taylor & Francis's
    ``Papadopouloua, Nikos Georgioub``): when the affiliations below open with the same glued
    letters and every surname ends in one of them, using two letters or more, they go."""
    labels = {m.group(1) for line in below[:6] for m in _GLUED_LABEL.finditer(line)}
    ends = {s[-1] for s in surnames if s}
    if len(labels) < 2 or len(ends) < 2 or not ends <= labels or len(surnames) < 2:
        return surnames
    if any(len(s) < 4 or not s[-2].islower() for s in surnames):
        return surnames
    return tuple(s[:-1] for s in surnames)


_CORRESPONDENCE = re.compile(
    r"^\W{0,3}(?:\*\s*)?(?:correspondence|corresponding\s+author|address\s+for\s+correspondence)"
    r"\s*(?:to)?\s*[:.-]?\s*(?:(?:dr|prof)\.?\s+)?(?P<name>[^,;@\d]{3,60})",
    re.I,
)


def confirming_surnames(lines: list[str]) -> frozenset[str]:
    """Surnames the page names as the article's first author outside its author line: running
    heads and footers (``Okafor et al.``), cite-as lines, the copyright holder, and the
    corresponding author (often the last author, so it confirms only a one-author line's
    reading, never hurts another's)."""
    from extractor.bibliography.names import fold, given_first_surname

    found: set[str] = set()
    for bib in (_cued(lines), _running(lines[:ZONE_LINES]), _copyright_holder(lines)):
        if bib is not None and bib.authors:
            found.add(fold(bib.authors[0]))
    for line in lines[:ZONE_LINES]:
        m = _CORRESPONDENCE.match(line)
        if m and (sur := given_first_surname(m.group("name").strip())):
            found.add(fold(sur))
    return frozenset(found)


def _front_end(lines: list[str]) -> int:
    body = cues().body_heading
    return next((i for i, line in enumerate(lines[:FRONT_LINES]) if body.match(line)), FRONT_LINES)


def _scored_author_line(lines: list[str]) -> tuple[int, int, tuple[str, ...]] | None:
    """The author line the candidate scorer chooses (``candidates``), its surnames read in the
    page's conventions (surname first beside Chinese script, glued affiliation letters)."""
    from extractor.bibliography.candidates import Page, choose

    end = _front_end(lines)
    best = choose(Page(lines, end, confirming_surnames(lines), title_candidate))
    if best is None:
        return None
    page = lines[: max(end, best.end)]
    surnames = _surname_first(best.text, page) or best.surnames
    return best.start, best.end, _unglue_marks(surnames, lines[best.end :])


def read_page(lines: list[str]) -> Bibliography:
    """The title-page reading of ``lines`` (``head_lines`` of a text)."""
    front = front_lines(lines)
    found = _scored_author_line(lines)
    # a page that opens with a heading ("Abstract" / "Free full text" / journal / source, as
    # Europe PMC prints) has no front above it: its first lines stand in for the masthead
    masthead = front if any(front) else lines[:12]
    page = front if found is None or found[0] < len(front) else lines[: found[1]]
    if found is None and (shaped := labelled_author_line(lines)) is not None:
        page = lines[: shaped[0] + 1]  # below the first heading: its page is the front
        found = (shaped[0], shaped[0] + 1, shaped[1])
    footer = _page_source(lines) if found is not None else None
    year = page_year("\n".join(lines), "\n".join(masthead), footer[0] if footer else None)
    if found is not None and year is None:  # no dated cue: a full date in the front matter
        year = dated_year(front)
    front_text = "\n".join(front)
    own = "\n".join(line for line in front if not cues().related_item.match(line))
    doi = find_doi(own) or _doi_line(front)
    if doi is None and found is not None:
        doi = _doi_line(lines) or (footer[1] if footer else None) or _page_doi(lines)
    return Bibliography(
        title=title_above(page, found[0]) if found else None,
        authors=found[2] if found else (),
        year=year,
        doi=doi,
        pmid=find_pmid(front_text) or find_pmid("\n".join(masthead)),
    )


def _page_source(lines: list[str]) -> tuple[int, str | None] | None:
    """(year, DOI) of the first journal source line on the first page, header or footer (an
    MDPI or BMC footer below the abstract: ``Front. Immunol. 2023, 14, 1187345. https://…``)."""
    for line in lines[:ZONE_LINES]:
        cued = cues().citation_line.match(line)  # JAMA's "Citation: JAMA Dermatol. 2019;…"
        line = cued.group("rest") if cued else RECORD_LABEL.sub("", line)
        year = source_line(line)
        if year is not None:
            return year, find_doi(line)
    return None


FOOTER_WORDS = 25  # a footer or copyright line holding the DOI is short


def _page_doi(lines: list[str]) -> str | None:
    """A labelled DOI on a short line of the first page (a copyright or footer line after the
    abstract: ``© 2019 The Authors. doi:10.…``)."""
    for line in lines[:ZONE_LINES]:
        if cues().related_item.match(line):
            continue  # "A Correction to this article …: https://doi.org/…" is another item's
        if word_count(line, FOOTER_WORDS) <= FOOTER_WORDS and (doi := find_doi(line)):
            return doi
    return None


def _doi_line(front: list[str]) -> str | None:
    for line in front:
        if DOI_LINE.match(line):
            return find_doi(line, bare=True)
    return None


def read_header(text: str) -> Header:
    """Both readings of ``text``'s front."""
    lines = head_lines(text)
    return Header(read_citation(lines), read_page(lines))
