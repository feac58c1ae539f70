"""One citation string, in the styles papers and databases print, read into a Bibliography.

Styles: Vancouver/ICMJE (``Surname AB, … Title. Journal. 2019;12(3):45-67. doi:…``), APA
(``Surname, A. B., & Other, C. (2019). Title. Journal, 12(3), 45-67.``), ACS/MDPI
(``Surname, A.B.; Other, C. Title. Journal 2019, 12, 45.``), Elsevier's cite-as line (``A.B.
Surname, C. Other, Title, Journal (2019), https://doi.org/…``), PubMed's summary source line
(``1. J Dermatol Sci. 2020 Jan;97(1):12-20. doi: …``) and a running citation line
(``Surname et al. Journal Name (2018) 9:112``). Each reader is strict about its authors, so a
sentence that merely holds a year is never taken for a citation.
"""

from __future__ import annotations

import re

from extractor.bibliography.fields import as_year, find_doi, find_pmid
from extractor.bibliography.names import (
    AuthorList,
    given_first_list,
    given_first_surname,
    inverted_list,
    vancouver_list,
)
from extractor.types import Bibliography

_Y = r"(?:19|20)\d\d"
_WORD = r"[A-ZÀ-Þ][\w'\u2019\-]+"  # a capitalised surname word
# Vancouver/PubMed source: "Journal. 2019;12(3):45" / "Journal. 2021 Mar;184(3)" /
# "Journal. 2020;11:245" / "Journal 2019 May 12;..."
_VANCOUVER_SOURCE = re.compile(
    rf"(?:^|(?<=[.?!]\s))(?P<journal>[^.?!]*?[^\s.])\.?\s+(?P<year>{_Y})"
    r"(?:\s+[A-Z][a-z]{2}(?:\s*\d{1,2})?(?:\s*[-\u2013]\s*[A-Z]?[a-z]{0,2}\s*\d{0,2})?)?\s*[;:]"
)
# Scopus's export line puts the year in parentheses between the title and the journal
_PAREN_SOURCE = re.compile(rf"\s\((?P<year>{_Y})\)\s+(?P<journal>[A-Z][^,()]{{2,120}}?),\s*\d")
_APA_HEAD = re.compile(
    rf"^(?P<authors>.+?)\s*\((?P<year>{_Y})[a-z]?(?:,[^)]*)?\)\.?\s*(?P<rest>.*)$"
)
# what follows the year of a Springer Nature masthead ("Journal (2021) 56:2203–2212",
# "Journal (2019) 10(3):45"): the volume and pages, where a citation has its title
_MASTHEAD_REST = re.compile(r"\d+\s*(?:\(\d+\)\s*)?:\s*\w")
_ACS_HEAD = re.compile(
    r"^(?P<authors>(?:[^;.]+?,\s*(?:[A-Z][a-z]?\.\s?-?\s?)+;\s*)*"
    r"(?:and\s+|&\s*)?[^;.]+?,\s*(?:[A-Z][a-z]?\.\s?-?\s?)+)\s*(?P<rest>[A-Z0-9\"“].*)$"
)
_ACS_SOURCE = re.compile(rf"(?P<journal>[^,]+?)\s+(?P<year>{_Y})\s*,\s*\d")
# Taylor & Francis's "To cite this article" source after the title: ", Journal, 34:1, 2179834"
# (volume:issue, then the article number or pages); the title before it may hold commas
_TF_SOURCE = re.compile(r"^(?P<title>.+),\s*(?P<journal>[A-Z][^,:;]{2,120}?),\s*\d+\s*:\s*\d+\s*,")
_PAREN_YEAR = re.compile(rf"\((?P<year>{_Y})\)")
# Running heads: "Nakamura et al. Stem Cell Research & Therapy (2018) 9:112", "M. Rossi et al.
# / Journal of Dermatological Science 102 (2021) 45-53", "Matwiejuk et al. 10.3389/…". The
# first author may carry initials before and particles inside; the journal is a run of
# capitalised words (function words and numbers between), so prose never fits it.
_RUN_FIRST = rf"(?:[A-Z]\.\s*){{0,3}}(?P<first>(?:[a-z]{{1,3}}\s+){{0,2}}{_WORD}(?:\s+{_WORD})?)"
_JOURNAL = r"[A-Z][\w.'&\-]*(?:\s+(?:[A-Z][\w.'&\-]*|of|and|in|the|for|&|\d+))*"
_RUNNING = re.compile(
    rf"^{_RUN_FIRST}\s+(?:et\s+al\.?|(?:and|&)\s+{_WORD})\s*[.,/|]?\s*"
    rf"(?P<journal>{_JOURNAL})\s*\(?(?P<year>{_Y})\)?\s*[,;:]?\s*\d"
)
_RUNNING_AUTHOR = re.compile(rf"^{_RUN_FIRST}\s+et\s+al\.?\s*(?P<rest>.*)$")
# what may follow a bare "Surname et al." in a running head: its DOI or a page number
_RUNNING_REST = re.compile(
    r"^(?:[|/]?\s*(?:doi:?\s*)?10\.\d{4,9}/\S+|(?:page\s*)?[\d\s|/of]*)$", re.I
)
# the result number ("1. ") is absent when a single record is copied or exported as text
_PUBMED_SOURCE = re.compile(
    rf"^\s*(?P<number>\d{{1,4}}\.\s+)?(?P<journal>[A-Z][^.]+?)\.\s+(?P<year>{_Y})\b[^;:]{{0,20}}[;:]"
)


def _sentence_end(s: str, start: int = 0) -> int:
    """End of the first sentence of ``s`` (a period, ? or ! before a space and a capital or
    digit), or len(s)."""
    m = re.compile(r"[.?!](?=\s+[\"“A-Z0-9À-Þ]|\s*$)").search(s, start)
    return m.end() if m else len(s)


def _clean_title(t: str) -> str | None:
    from extractor.bibliography.fields import source_line

    t = " ".join(t.split()).strip(" ,;")
    if t.endswith(".") and not t.endswith(".."):
        t = t[:-1]
    if source_line(t) is not None:
        return None  # "Stem Cell Research & Therapy, 2022, 13: 412": the source, not a title
    return t if len(t.split()) >= 2 else None


def _bib(
    authors: AuthorList | None,
    year: str | int | None,
    whole: str,
    title: str | None = None,
    journal: str | None = None,
) -> Bibliography:
    return Bibliography(
        title=_clean_title(title) if title else None,
        authors=authors.surnames if authors else (),
        year=as_year(year),
        journal=" ".join(journal.split()).strip(" .,") or None if journal else None,
        doi=find_doi(whole),
        pmid=find_pmid(whole),
    )


# an author list with dotted initials ("Okafor T.N., Lindqvist E., Haddad R."): names up to the
# list's closing dot, each ending in initials
_DOTTED_NAME = r"[^.,;]+?\s(?:[A-Z]\.-?){0,3}[A-Z]\."
_DOTTED_AUTHORS = re.compile(
    rf"^(?P<authors>(?:{_DOTTED_NAME},\s*)*{_DOTTED_NAME}(?:,?\s*et\s+al\.)?)"
    r"\s+(?P<rest>[A-Z0-9\"“].+)$"
)


def vancouver(s: str) -> Bibliography | None:
    """``Okafor TN, Lindqvist E, Haddad R. Title. J Invest Dermatol. 2019;139(4):812-20.``,
    also with dotted initials (``Okafor T.N., Lindqvist E., Haddad R. Title. …``)."""
    m = re.match(r"^(?P<authors>[^.]+?(?:,?\s*et\s+al)?)\.\s+(?P<rest>.+)$", s)
    if not m or vancouver_list(m.group("authors")) is None:
        m = _DOTTED_AUTHORS.match(s) or m
    if not m:
        return None
    authors = vancouver_list(m.group("authors"))
    if authors is None:
        return None
    rest = m.group("rest")
    src = _VANCOUVER_SOURCE.search(rest)
    if src is None:
        src = _PAREN_SOURCE.search(rest)  # Scopus: "Title (2019) Journal, 139 (4), pp. 812-820"
        if src is None:
            return None
        return _bib(authors, src.group("year"), s, rest[: src.start()], src.group("journal"))
    title = rest[: src.start("journal")]
    return _bib(authors, src.group("year"), s, title, src.group("journal"))


# a title in quotes right after the year (Harvard's 'Title', Chicago's "Title."): the quote
# closes before a comma or full stop and what follows
_QUOTED_TITLE = re.compile(
    r"^\s*(?P<q>['\u2018\"\u201c])(?P<title>.+?)[,.]?(?:['\u2019\"\u201d])(?=\s*[,.]?\s|$)"
)


def apa(s: str) -> Bibliography | None:
    """The year in parentheses right after the authors: APA (``Costa, A. M., Wei, L., &
    O'Neill, P. (2020). Title. Journal, 98(2), 101-110.``), Frontiers (``Okafor TN, Brandt S
    and Ishikawa R (2022) Title. Front. Med. 9:845123.``), Taylor & Francis (``Mateo
    Ruiz-Ortega & Priya Natarajan (2019) Title, Journal, 30:6, 560-566``)."""
    m = _APA_HEAD.match(s)
    if not m:
        return None
    head = m.group("authors")
    if re.search(r"\d\s*$", head):
        return None  # "Acta Dermato-Venereologica 103 (2023)": a masthead's volume, not authors
    if _MASTHEAD_REST.match(m.group("rest")):
        return None  # "Bone Marrow Transplantation (2021) 56:2203": a journal, then its volume
    authors = inverted_list(head) or vancouver_list(head) or given_first_list(head, min_names=1)
    if authors is None:
        return None
    rest = m.group("rest")
    quoted = _QUOTED_TITLE.match(rest)
    if quoted:  # Harvard: 'Title', Journal, 12(3), pp. 45-67
        end = quoted.end()
        title = quoted.group("title")
        journal = re.match(r"\s*[,.]?\s*([^,]+?)\s*(?:,\s*\d|\.\s|$)", rest[end:])
        return _bib(authors, m.group("year"), s, title, journal.group(1) if journal else None)
    end = _sentence_end(rest)
    tf = _TF_SOURCE.match(rest)
    if tf and tf.end("title") < end:  # Taylor & Francis: "Title, Journal, 34:1, 2179834"
        return _bib(authors, m.group("year"), s, tf.group("title"), tf.group("journal"))
    journal = re.match(r"\s*([^,]+?)\s*(?:,\s*\d|\.\s|$)", rest[end:])
    return _bib(authors, m.group("year"), s, rest[:end], journal.group(1) if journal else None)


def acs(s: str) -> Bibliography | None:
    """``Tanaka, Y.; Al-Farsi, O.; Lombardi, C. Title. Int. J. Mol. Sci. 2022, 23, 4567.``"""
    m = _ACS_HEAD.match(s)
    if not m:
        return None
    authors = inverted_list(m.group("authors"))
    if authors is None:
        return None
    rest = m.group("rest")
    end = _sentence_end(rest)
    src = _ACS_SOURCE.search(rest, end) or _VANCOUVER_SOURCE.search(rest, end)
    if src is None:
        return None
    return _bib(authors, src.group("year"), s, rest[:end], src.group("journal"))


def given_first(s: str) -> Bibliography | None:
    """Elsevier's ``M. Rossi, K. Tanaka, J. van Dijk, Title, J. Dermatol. Sci. (2020), doi``."""
    pieces = [p.strip() for p in s.split(",")]
    names: list[str] = []
    etal = False
    k = 0
    while k < len(pieces):
        if re.fullmatch(r"(?:and\s+)?et\s+al\.?", pieces[k]):
            etal = True
        else:
            name = given_first_surname(re.sub(r"^(?:and|&)\s+", "", pieces[k]))
            if name is None:
                break
            names.append(name)
        k += 1
    year = _PAREN_YEAR.search(s)
    if not names or year is None or k >= len(pieces) - 1:
        return None
    title = pieces[k]
    tail = ", ".join(pieces[k + 1 :])
    jm = re.match(r"(.+?)\s*\(" + year.group("year"), tail)
    journal = jm.group(1) if jm else None
    return _bib(AuthorList(tuple(names), etal), year.group("year"), s, title, journal)


# where a citation's author part ends in the styles that quote the title or put the year
# after the authors' full stop: MLA and Chicago (`Surname, Given, et al. "Title."`,
# `… and Given Surname. 2019. "Title."`), IEEE (`T. N. Okafor, …, and R. Haddad, "Title,"`),
# Nature (`Okafor, T. N., Lindqvist, E. & Haddad, R. Title. J. … 139, 812–820 (2019).`)
_QUOTE = re.compile(r"[\"\u201c\u201d]")
_YEAR_AFTER = re.compile(rf"\(({_Y})\)|(?<![\d/.-])({_Y})(?![\d/-])")


_MIXED_HEAD = re.compile(
    rf"^(?P<sur>(?:[a-z]{{1,3}}\s+){{0,2}}{_WORD}(?:[\s-]{_WORD}){{0,2}}),\s+(?P<given>[^,]+?)"
    r"(?:,\s*(?P<rest>.*))?$"
)
# a surname of several words, one in full capitals beside a mixed-case one: a name printed
# surname first in capitals (``YAMAMOTO Kenji``), not an inverted surname
_CAPS_BESIDE_MIXED = re.compile(r"^(?=.*\b[A-ZÀ-Þ]{3,}\b)(?=.*\b[A-ZÀ-Þ][a-zà-ÿ]+\b)")


def _mixed_list(segment: str) -> AuthorList | None:
    """Chicago and MLA: the first author inverted (``Okafor, Tunde N.``), the others given
    name first (``Erik Lindqvist, and Rami Haddad``), or ``et al.`` after the first."""
    seg = segment.strip(" ,.")
    etal = bool(re.search(r",?\s*et\s+al\.?$", seg))
    seg = re.sub(r",?\s*et\s+al\.?$", "", seg)
    m = _MIXED_HEAD.match(seg)
    if m and _CAPS_BESIDE_MIXED.match(m.group("sur")):
        return None
    if not m or not re.fullmatch(r"(?:[A-ZÀ-Þ][\w'\u2019-]*\.?\s*){1,4}", m.group("given").strip()):
        return None
    names = [m.group("sur")]
    rest = m.group("rest")
    if rest:
        more = given_first_list(re.sub(r"^(?:and|&)\s+", "", rest.strip()))
        if more is None:
            return None
        names += list(more.surnames)
    return AuthorList(tuple(names), etal)


_SOURCE_AFTER = re.compile(rf"\s*{_Y}\b[^;:]{{0,20}}[;:]\s*\d")  # "2021;112(6)", "2020 Aug;32"


def loose(s: str) -> Bibliography | None:
    """A first-line citation in the styles the other readers leave (MLA, Chicago, IEEE,
    Nature): the longest author part a list reader accepts, ended by a quoted title or a full
    stop, then the first year after it."""
    ends = sorted(
        {m.start() for m in _QUOTE.finditer(s)} | {m.start() + 1 for m in re.finditer(r"\.\s", s)}
    )
    best: tuple[AuthorList, int] | None = None
    for end in ends:
        seg = s[:end].rstrip(' ,"\u201c')
        if not seg or len(seg) > 300 or re.search(r"\d", seg):
            continue  # a citation's author part holds no digit (no year, no marks)
        if re.search(r"\bet\s+al\.?\s+\S", seg):
            continue  # "et al." closes an author list: what follows is the title
        found = inverted_list(seg) or _mixed_list(seg)
        if found is None:
            given = given_first_list(re.sub(r",?\s+and\s+", ", ", seg).rstrip(","))
            # one given-first "name" before a source is a journal ("Actas Dermosifiliogr.
            # 2021;112(6):512"), not an author
            found = given if given is not None and len(given.surnames) >= 2 else None
        if found is not None and found.surnames and not _SOURCE_AFTER.match(s, end):
            best = (found, end)
    if best is None:
        return None
    authors, end = best
    y = _YEAR_AFTER.search(s, end)
    if y is None:
        return None
    title = None
    q = _QUOTE.search(s, end - 1)
    if q is not None:
        close = _QUOTE.search(s, q.end())
        title = s[q.end() : close.start()].strip(" ,.") if close else None
    elif s[end:].strip()[:1].isupper():
        # Nature, Scopus: the title is the sentence after the authors, up to the journal or to
        # the parenthesised year before it
        stop = min(
            _sentence_end(s, end), (p.start() if (p := _PAREN_YEAR.search(s, end)) else len(s))
        )
        title = s[end:stop] if stop > end else None
    return _bib(authors, y.group(1) or y.group(2), s, title)


# Google Scholar's result line: "L Martin, K Osei, P Novak - Journal of Dermatological Science,
# 2021 - Elsevier" (authors, then source and year, then the publisher or site, by " - ")
_SCHOLAR = re.compile(
    rf"^(?P<authors>[^-\u2013\u2026]{{3,200}}?)(?:\u2026|\.\.\.)?\s+[-\u2013]\s+"
    rf"(?:(?P<journal>[^-\u2013]{{2,120}}?),\s*)?(?P<year>{_Y})\s+[-\u2013]\s+\S.*$"
)


def scholar(s: str) -> Bibliography | None:
    """A Google Scholar result line (initials first, " - " between its three parts)."""
    m = _SCHOLAR.match(s)
    if not m:
        return None
    authors = given_first_list(m.group("authors").rstrip(" ,…"))
    if authors is None or not authors.surnames:
        return None
    return _bib(authors, m.group("year"), s, None, m.group("journal"))


def parse_citation(s: str) -> Bibliography | None:
    """``s`` read as a full citation in any of the styles above, or None."""
    s = " ".join(s.split())
    for reader in (apa, acs, vancouver, given_first, scholar, loose):
        bib = reader(s)
        if bib is not None and bib.authors and bib.year:
            return bib
    return None


def _journal_words(names: str) -> bool:
    """Whether the would-be authors of a running line hold a word of a journal's name: the
    masthead ``Clinical and Experimental Dermatology (2018) 43, pp 112`` is no
    ``Keller and Ito Stem Cell Res Ther (2020) 11:77``."""
    from extractor.bibliography.cues import cues

    stop = cues().not_name_words
    words = re.findall(r"[^\W\d_][\w'-]*", names)
    return any(w.casefold() in stop for w in words if w.casefold() not in ("and", "et", "al"))


def running(s: str) -> Bibliography | None:
    """A running citation line: ``Nakamura et al. Stem Cell Research & Therapy (2018) 9:112``,
    or only ``Nakamura et al.`` (with its DOI or page number) at the head of a page."""
    s = " ".join(s.split())
    m = _RUNNING.match(s)
    if m and not _journal_words(s[: m.start("journal")]):
        return _bib(
            AuthorList((m.group("first"),), True), m.group("year"), s, None, m.group("journal")
        )
    m = _RUNNING_AUTHOR.match(s)
    if m and m.group("rest").strip() and _RUNNING_REST.match(m.group("rest")):
        return _bib(AuthorList((m.group("first"),), True), None, s)
    return None


def pubmed_source(s: str, *, numberless: bool = False) -> Bibliography | None:
    """PubMed's summary source line: ``1. J Dermatol Sci. 2020 Jan;97(1):12-20. doi: …``. The
    year is the issue's (the first date), not the ``Epub`` one. ``numberless``: the caller
    knows the line stands alone above a blank line, as a single record copied from PubMed's
    abstract view prints it (``Stem Cell Res Ther. 2022 Mar 14;13(1):112. doi: …``)."""
    m = _PUBMED_SOURCE.match(s)
    if not m:
        return None
    if not m.group("number") and not numberless:
        return None
    return _bib(None, m.group("year"), s, None, m.group("journal"))
