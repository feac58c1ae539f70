"""Single fields as printed: a DOI, a PMID, a year of publication."""

from __future__ import annotations

import re

from extractor.bibliography import scan
from extractor.bibliography.cues import cues
from extractor.bibliography.lines import word_count

# A DOI after its label or resolver ("doi:", "DOI ", "https://doi.org/", "dx.doi.org/"), or a
# bare "10.xxxx/…" when the caller knows the line is a DOI line. Crossref's DOI syntax: prefix
# "10." + 4-9 digits, suffix any printable run.
_DOI_LABELLED = re.compile(
    r"(?:\bdoi\s*[:.\uff1a]?\s*|https?://(?:dx\.)?doi\.org/|\bdoi\.org/)\s*(10\.\d{4,9}/\S+)", re.I
)
_DOI_BARE = re.compile(r"(?<![\w/.])(10\.\d{4,9}/\S+)")
# the word boundary written after the first letter ("P(?<!\wP)" for "\bP"): a pattern that
# opens with a character lets re's search skip to it; one that opens with "\b" tries every
# position of a title page's 8000 characters
_PMID = re.compile(r"P(?<!\wP)MID\s*:?\s*(\d{5,9})\b")
YEAR_RANGE = (1900, 2100)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
# a masthead's volume line: "Volume 2016, Article ID …" (Hindawi numbers volumes by year),
# "Volume 31, Issue 4, 2022", "Vol. 12, No. 3 (2019)"
_VOLUME_YEAR = re.compile(
    r"\bVol(?:ume|\.)?\s*(?:(?P<year>(?:19|20)\d\d)\b|\d{1,4}\b[^\n]{0,40}?\b"
    r"(?P<later>(?:19|20)\d\d)\b)"
    # SAGE "2022, Vol. 26(4) 371–379", Taylor & Francis "2021, VOL. 32, NO. 7, 789–796"; a
    # reference list's lower-case "vol. 13, … 2006" is no masthead
    r"|^\s*(?P<first>(?:19|20)\d\d)\s*,\s*(?:Vol(?:ume|\.)|VOL(?:UME|\.))\s*\d"
    # Chinese journals' English masthead: "Chin J Dermatol, March 2020, Vol. 53, No. 3";
    # Spandidos's issue line "January-2022 Volume 23 Issue 1"
    rf"|\b{_MONTH}[\s-]+(?P<month_year>(?:19|20)\d\d)\s*,?\s*Vol(?:ume|\.)\s*\d"
    # Wiley's article page: "Volume 32, Issue 4" with the issue's date on the next line,
    # "April 2023"
    rf"|\bVolume\s+\d{{1,4}}\s*,\s*Issue\s+[\w-]+\s*\n\s*(?:{_MONTH}\s+)?"
    r"(?P<next_line>(?:19|20)\d\d)\b"
    # Medknow's labelled masthead "Year : 2021 | Volume : 66 | Issue : 3 | Page : 264-270"
    r"|\bYear\s*:\s*(?P<labelled>(?:19|20)\d\d)\s*\|\s*Vol(?:ume|\.)"
    # SciELO's "An. Bras. Dermatol. vol.97 no.4 Rio de Janeiro July/Aug. 2022" (no comma after
    # the volume, unlike a reference list's "vol. 13, no. 2, …, 2006")
    r"|\bvol\.\s*\d{1,4}\s+no\.\s*[\w-]+\s+[^\n,]{0,40}?\b(?P<scielo>(?:19|20)\d\d)\b"
    # ResearchGate's "March 2021 · International Wound Journal 18(5)"
    rf"|^{_MONTH}\s+(?P<dotted>(?:19|20)\d\d)\s*[\u00b7\u2022]\s*[A-Z]",
    re.M,
)


def word_anchors(words: list[str]) -> re.Pattern[str]:
    """Where ``words`` start a word, for ``scan``: each opens with its first letter and its
    word boundary follows it (``V(?<!\\wV)ol`` for ``\\bVol``), so re's search skips to it."""
    return re.compile(
        "|".join(rf"{re.escape(w[0])}(?<!\w{re.escape(w[0])}){re.escape(w[1:])}" for w in words)
    )


_MONTHS = "January February March April May June July August September October November December"
# where a _VOLUME_YEAR match starts off a line start: "Vol", "vol.", "Year", a month's name
_VOLUME_ANCHORS = (word_anchors(["Vol", "vol.", "Year", *_MONTHS.split()]),)
_VOLUME_GROUPS = (
    "year",
    "later",
    "first",
    "month_year",
    "next_line",
    "labelled",
    "scielo",
    "dotted",
)
# "Journal Name[.] YYYY[ Mon][;,] vol": a citation's source part printed alone on a title page
# ("Chinese Journal of Plastic and Reconstructive Surgery, 2021, 37(6): 645-653": volume(issue)
# after the year, as Chinese journals print it)
# A qualifier in brackets after the journal name ("Rheumatology (Oxford) 2021;60(8):3712"),
# pages after "pp." ("Clinical and Experimental Dermatology, 2020, 45(4), pp. 498-501"), and
# Taylor & Francis's "Journal of Dermatological Treatment, 2022, Vol. 33, No. 4, 2150-2156"
_SOURCE_LINE = re.compile(
    r"^[A-Z][\w&.,'\- ]{2,80}?(?:\s+\([A-Z][\w .]{1,20}\))?[.,]?\s+(?P<year>(?:19|20)\d\d)"
    r"(?:\s+[A-Z][a-z]{2}\w*(?:\s*[-/]\s*[A-Z][a-z]{2}\w*)?(?:\s+\d{1,2})?)?\s*"
    r"(?:;\s*\d|,\s*\d+(?:\s*\(\s*[\w-]+\s*\))?\s*[,:]\s*(?:pp?\.\s*)?[eA-Z]?\d|:\s*\d"
    r"|,\s*Vol(?:ume|\.)?\s*\d+\s*,\s*(?:No\.|Issue)\s*[\w-]+\s*,\s*[eA-Z]?\d)",
    re.M,
)
# Elsevier's masthead "Journal Name VOL (YYYY) pages" ("BURNS 47 (2021) 1180–1189", "Journal of
# Dermatological Science 104 (2021) 87–95") and Springer's "Journal Name (YYYY) VOL:pages"
# ("Archives of Dermatological Research (2023) 315:1457–1468"), or with a comma and "pp" as
# Wiley's older BJD pages print it ("British Journal of Dermatology (2019) 181, pp 523–531");
# the volume number on one side
# of the parenthesised year keeps a dated sentence ("patients (2019) were ...") out
_MASTHEAD_LINE = re.compile(
    r"^(?:[A-Z][\w&.,'\- ]{1,80}?\s+\d{1,4}\s+\((?P<year>(?:19|20)\d\d)\)\s+[eA-Z]?\d"
    # "Dermatol Ther (Heidelb)"; Nature's running head "Scientific Reports | (2022) 12:14375"
    r"|[A-Z][A-Za-z&.,'\- ]{1,80}?(?:\s+\([A-Z][A-Za-z.]{1,20}\))?\s+(?:\|\s*)?"
    r"\((?P<year2>(?:19|20)\d\d)\)\s*;?\s*\d{1,4}"  # "JID Innovations (2022);2:100123"
    r"(?:\s*\(\s*[\w-]+\s*\))?"  # Karger's "Dermatology (2023) 239 (4): 612–621"
    r"\s*(?::|,\s*(?:pp?\.?\s*)?)\s*[eA-Z]?\d"
    # LWW's "Dermatologic Surgery 49(2):p 160-166, February 2023": volume(issue):pages, then
    # the issue's month and year
    r"|[A-Z][\w&.,'\- ]{2,80}?\s+\d{1,4}\s*\(\s*[\w-]+\s*\)\s*:\s*(?:p\.?\s*)?[eA-Z]?\d+"
    rf"(?:\s*[-\u2013]\s*[eA-Z]?\d+)?\s*,\s*(?:{_MONTH}\s+)?(?P<year3>(?:19|20)\d\d)\b)",
    re.M,
)
# an accepted manuscript's note: "… accepted version of an article published in Experimental
# Dermatology (2023)", "accepted for publication in Burns, 2021"
_PUBLISHED_IN = re.compile(
    r"\b(?:published|accepted\s+for\s+publication)\s+in\s+(?:the\s+)?[A-Z][\w&.,'\- ]{2,80}?"
    r"\s*(?:\(\s*(?P<year>(?:19|20)\d\d)\s*\)|,\s*(?P<year_b>(?:19|20)\d\d)\b)"
)
# where a copyright mark starts ("©", "(c)", "Copyright" in any case: re.I folds c, o, p, y
# and r to their two ASCII cases only), for ``scan``
COPYRIGHT_ANCHORS = (re.compile(r"©|\([cC]\)|c(?<!\wc)[oO][pP][yY][rR]|C(?<!\wC)[oO][pP][yY][rR]"),)
# "© 2021", "(c) 2022 Wiley", "Copyright © 2020", and the holder before the year as SAGE and
# Wiley print it: "© The Author(s) 2022", "© 2023 The Authors" (the first form)
_COPYRIGHT_YEAR = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:the\s+authors?(?:\s*\(s\))?,?\s*)?((?:19|20)\d\d)\b",
    re.I,
)


def clean_doi(raw: str) -> str:
    """A DOI as SCHEMA §5 stores it: bare, without the punctuation that ended its sentence."""
    doi = raw.strip()
    while doi and doi[-1] in ".,;:'\"”\u2019]>":
        doi = doi[:-1]
    if doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    return doi


def find_doi(text: str, *, bare: bool = False) -> str | None:
    """The first labelled DOI in ``text`` (any ``10.…/…`` when ``bare``)."""
    m = _DOI_LABELLED.search(text) or (_DOI_BARE.search(text) if bare else None)
    return clean_doi(m.group(1)) if m else None


def find_pmid(text: str) -> str | None:
    m = _PMID.search(text)
    return m.group(1) if m else None


def as_year(s: str | int | None) -> int | None:
    """A plausible publication year, or None."""
    try:
        y = int(str(s).strip()[:4])
    except (TypeError, ValueError):
        return None
    return y if YEAR_RANGE[0] <= y < YEAR_RANGE[1] else None


def years_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


SOURCE_LINE_WORDS = 30  # a journal's source line (with its DOI) is short; a paragraph is not


def source_line(line: str) -> int | None:
    """The year of ``line`` when it is a journal's source line as a page prints it in a
    header or footer (``Front. Immunol. 2023, 14, 1187345. https://doi.org/…``, ``J Invest
    Dermatol (2019) 139, 812–820; doi:…``), else None."""
    if word_count(line, SOURCE_LINE_WORDS) > SOURCE_LINE_WORDS:
        return None
    m = _SOURCE_LINE.match(line) or _MASTHEAD_LINE.match(line)
    return _source_year(m) if m else None


def _source_year(m: re.Match[str]) -> int | None:
    d = m.groupdict()
    return as_year(d.get("year") or d.get("year2") or d.get("year3"))


# an article put online ahead of its issue is cited with the issue's year, which follows the
# online date by at most this many years (Wiley "First published: 12 December 2022" in the
# April 2023 issue)
ISSUE_LAG_YEARS = 1


def issue_year(published: int | None, issue: int | None) -> int | None:
    """The year a citation prints when a page gives both an online date (``published``) and
    the year of the issue it belongs to: the issue's, when it is the same or up to
    ``ISSUE_LAG_YEARS`` later; else the online date's (an issue year far off is another item's)."""
    if published is None:
        return issue
    if issue is not None and published <= issue <= published + ISSUE_LAG_YEARS:
        return issue
    return published


def volume_line(line: str) -> bool:
    """Whether ``line`` is a masthead's volume or date line (``Volume 31, Issue 4, 2022``,
    ``March 2021 · International Wound Journal 18(5)``): no title."""
    return (
        word_count(line, SOURCE_LINE_WORDS) <= SOURCE_LINE_WORDS
        and _VOLUME_YEAR.search(line) is not None
    )


def _volume_year(text: str) -> int | None:
    m = scan.search(_VOLUME_YEAR, text, _VOLUME_ANCHORS)
    return as_year(next((m.group(g) for g in _VOLUME_GROUPS if m.group(g)), None)) if m else None


# a dated cue (``cues().published``, ``history``) starts a line or follows ";" or "|"
_CUE_ANCHORS = (re.compile(";"), re.compile(r"\|"))
# "published in" / "accepted for publication in" (_PUBLISHED_IN) opens with one of them
_PUBLISHED_IN_ANCHORS = (re.compile("published"), re.compile("accepted"))
# Europe PMC's journal line and the year that opens the next ("J Dermatolog Treat" /
# "2022 Jun;33(4):2101-2108"); a page with no year after a line break has none
_JOURNAL_BREAK = re.compile(
    r"(?m)^([A-Z][A-Za-z&.' ]{2,60}[A-Za-z.])\n\s*(?=(?:19|20)\d\d\b[^\n]{0,20}[;:]\s*\d)"
)
_BREAK_YEAR = re.compile(r"\n\s*(?:19|20)\d\d")


def page_year(text: str, front: str = "", footer: int | None = None) -> int | None:
    """The year a title page gives for the publication, in this order: a journal source line in
    the front matter, the year a citation of the article prints (``Frontiers in Immunology
    2025; 16:1617157``, ``Int. J. Mol. Sci. 2022, 23, 4567``, Elsevier's ``BURNS 47 (2021)
    1180–1189``, Springer's ``Arch Dermatol Res (2023) 315:1457``; online publication may fall
    in the year before); a ``Published`` date, unless the issue it belongs to (a volume line,
    ``Volume 32, Issue 4`` / ``April 2023``, or the ``footer`` year of a source line lower on
    the page) is a year later (``issue_year``); a volume line (``Volume 2016``, ``Volume 31,
    Issue 4, 2022``); the ``footer`` source line's year; the copyright year; the latest
    history date (accepted, revised, received)."""
    c = cues()
    # PubMed's abstract page, printed to text, marks its journal and date lines with "> "
    if ">" in front:  # the pattern is tried at every position; it needs a ">"
        front = re.sub(r"(?m)^>[^\S\n]*", "", front)
    # PubMed's web page, copied, puts the journal on one line and ". 2020 Aug;32(8):201-8."
    # on the next
    front = re.sub(r"\n\s*(?=\.\s+(?:19|20)\d\d\b)", "", front)
    # Europe PMC's page: "J Dermatolog Treat" / "2022 Jun;33(4):2101-2108"
    if _BREAK_YEAR.search(front):  # the pattern is tried at every position; it needs one
        front = _JOURNAL_BREAK.sub(r"\1 ", front)
    m = scan.search(_SOURCE_LINE, front) or scan.search(_MASTHEAD_LINE, front)
    if m:
        return _source_year(m)
    volume = _volume_year(text)
    m = scan.search(c.published, text, _CUE_ANCHORS)
    if m:
        return issue_year(as_year(m.group("year")), volume or footer)
    m = scan.search(_PUBLISHED_IN, front, _PUBLISHED_IN_ANCHORS)
    if m:
        return as_year(m.group("year") or m.group("year_b"))
    if volume or footer:
        return volume or footer
    m = scan.search(_COPYRIGHT_YEAR, text, COPYRIGHT_ANCHORS)
    if m:
        return as_year(m.group(1))
    history = [as_year(m.group("year")) for m in scan.finditer(c.history, text, _CUE_ANCHORS)]
    known = [y for y in history if y]
    return max(known) if known else None
