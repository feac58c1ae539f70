"""Reference lists found in a document's text: numbered (Vancouver, IEEE) or author-year
(APA, Harvard) entries, each parsed to authors, year, title, DOI and PMID."""

from __future__ import annotations

import re

from extractor.ingest.lines import Line, clip_lines, split_lines
from extractor.ingest.lines import fold_heading as _fold_heading
from extractor.types import Reference, Section

_REF_HEADINGS = {"references", "bibliography", "literature cited", "reference list"}
# "[4] …" (IEEE, Elsevier), "4. …" (Vancouver, Nature), "4) …" (Japanese journals), "(4) …"
# (ACS; three digits at most: a wrapped line opening "(2023) 16:…" is a year)
_ENTRY = re.compile(
    r"^\s*(?:[-*•·]\s+)?(?:\[(?P<n1>\d{1,4})\]|(?P<n2>\d{1,4})[.)]|\((?P<n3>\d{1,3})\))"
    r"\s+(?P<body>\S.*)$"
)
# A word boundary is written after the word's first character, "1(?<!\w1)0" for "\b10": a
# pattern that opens with a character lets re's search skip to it, one that opens with
# "\b" tries every position (DOI, PMID and year over the review's 40 entries: 0.71 ->
# 0.06 ms).
_DOI = re.compile(r"(1(?<!\w1)0\.\d{4,9}/[^\s,;\"<>]+)", re.IGNORECASE)
_PMID = re.compile(r"P(?<!\wP)MID:?\s*(\d{4,9})\b")
_YEAR_PAREN = re.compile(r"\((?P<y>(?:19|20)\d{2})[a-z]?\)")
_YEAR = re.compile(r"(?P<y>(?:1(?<!\w1)9|2(?<!\w2)0)\d{2})[a-z]?\b")
# The end of a Vancouver author list: initials (or "et al", "Jr") followed by ". ", or by
# ": " in the Japanese journals' style ("Tanimoto H, Ueda K, Morita A: Title. J Dermatol,
# 2019; 46: 1021-1028.")
# (the name word is taken whole, "*+": no shorter piece of it is followed by a space, so
# backing off it letter by letter at every word could never match)
_VANCOUVER_AUTHORS_END = re.compile(r"(?:\b[^\W\d_][\w'’-]*+\s[A-Z]{1,4}|et al|Jr)[.:]\s")


def _entry_number(m: re.Match[str]) -> int:
    return int(m.group("n1") or m.group("n2") or m.group("n3"))


def find_references(
    text: str, sections: tuple[Section, ...] = (), lines: list[Line] | None = None
) -> tuple[Reference, ...]:
    """Numbered entries of the reference list; an entry may wrap over several lines.

    The list is the body of a "References"-like section when there is one; otherwise the
    last run of at least three consecutively numbered lines. ``lines`` are ``text``'s own
    (``split_lines``), passed by a caller that has them already.
    """
    lines = split_lines(text) if lines is None else lines
    lo, hi = _reference_region(text, sections, lines)
    if lo is None:
        return ()
    entries: list[list[Line]] = []
    numbers: list[int] = []
    region = clip_lines(lines, lo, hi)
    for ln in region:
        m = _ENTRY.match(ln.text)
        if m:
            entries.append([ln])
            numbers.append(_entry_number(m))
        elif entries and ln.text.strip():
            entries[-1].append(ln)  # a wrapped entry
    if not entries:
        return _bare_numbered_entries(region) or _author_year_entries(region)
    out = []
    for n, group in zip(numbers, entries, strict=True):
        first, last = group[0], group[-1]
        body = " ".join(g.text.strip() for g in group)
        m = _ENTRY.match(body)
        assert m is not None
        out.append(parse_reference(n, m.group("body"), first.start, last.end))
    return tuple(out)


# Lancet / BMJ style: a number, a space and a Vancouver author, no stop after the number
# ("31 Okoro CN, Adebisi OA. Title. Br J Haematol 2021; 193: 562-70.").
# RSC prints the same numbers with initials first and no title ("21 F. Bauer, J. Weber and
# S. Richter, Biomater. Sci., 2018, 6, 2920–2931.").
_BARE_ENTRY = re.compile(
    r"^\s*(?P<n>\d{1,4})\s+(?P<body>(?:(?:(?:van|von|de|der|den|da|di|du|le|la)\s)*"
    r"[A-Z][\w'’-]+(?:[\s-][A-Z][\w'’-]+)?\s[A-Z]{1,4}(?:[,.]|\s+et al)"
    r"|(?:[A-Z]\.\s?-?){1,3}\s?(?:(?:van|von|de|der|den|da|di|du|le|la)\s)*[A-Z][\w'’-]+"
    r"(?:,|\s+and\s|\s+et al))\s?.*)$"
)


def _bare_numbered_entries(region: list[Line]) -> tuple[Reference, ...]:
    """Entries numbered without a stop or bracket: taken only as a list (at least three,
    numbered one after another, most with a year), so a numbered sentence is not one."""
    groups: list[tuple[int, list[Line]]] = []
    for ln in region:
        m = _BARE_ENTRY.match(ln.text)
        if m and (not groups or int(m.group("n")) == groups[-1][0] + 1):
            groups.append((int(m.group("n")), [ln]))
        elif groups and ln.text.strip():
            groups[-1][1].append(ln)
    if len(groups) < 3:
        return ()
    out = []
    for n, group in groups:
        body = " ".join(g.text.strip() for g in group)
        m = _BARE_ENTRY.match(body)
        assert m is not None
        out.append(parse_reference(n, m.group("body"), group[0].start, group[-1].end))
    return tuple(out) if sum(r.year is not None for r in out) >= 0.8 * len(out) else ()


# An author-year entry opens with a surname and initials or given name: "Smith, J.",
# "Smith JA,", "van der Berg, A.", "O'Neil, K." (APA, Harvard, Vancouver without numbers).
_AUTHOR_START = re.compile(
    r"^(?:(?:van|von|de|der|den|da|di|du|le|la)\s)*[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?"
    r"(?:,\s(?:[A-Z]\.|[A-Z][a-z]+)|\s[A-Z]{1,3}[,.])"
)
_ENTRY_END = re.compile(r"(?:[.)]|\d|\b10\.\d{4,9}/\S+)\s*$")


def _author_year_entries(region: list[Line]) -> tuple[Reference, ...]:
    """Unnumbered entries: a line opening with an author after a line that closed an entry
    (a full stop, a bracket, a page or volume number, a DOI) starts the next one."""
    groups: list[list[Line]] = []
    for ln in region:
        s = ln.text.strip()
        if not s:
            continue
        if _AUTHOR_START.match(s) and (not groups or _ENTRY_END.search(groups[-1][-1].text)):
            groups.append([ln])
        elif groups:
            groups[-1].append(ln)
    if len(groups) < 2:
        return ()
    out = []
    for group in groups:
        body = " ".join(g.text.strip() for g in group)
        out.append(parse_reference(None, body, group[0].start, group[-1].end))
    # a list, not prose: most entries carry a year
    return tuple(out) if sum(r.year is not None for r in out) >= 0.8 * len(out) else ()


def _reference_region(
    text: str, sections: tuple[Section, ...], lines: list[Line]
) -> tuple[int | None, int]:
    for s in sections:
        if _fold_heading(re.sub(r"^[\dIVX.]+\s+", "", s.title)) in _REF_HEADINGS:
            return s.start + len(s.title), s.end
    # no heading: the last run of >= 3 lines numbered n, n+1, n+2 ...
    best: tuple[int, int] | None = None
    run: list[tuple[int, Line]] = []
    for ln in lines:
        m = _ENTRY.match(ln.text)
        if not m:
            continue
        n = _entry_number(m)
        if run and n == run[-1][0] + 1:
            run.append((n, ln))
        else:
            run = [(n, ln)]
        if len(run) >= 3 and (_DOI.search(ln.text) or _YEAR.search(ln.text)):
            best = (run[0][1].start, len(text))
    if best is None:
        return None, len(text)
    return best


def parse_reference(number: int | None, body: str, start: int, end: int) -> Reference:
    """Authors, year, title, DOI and PMID of one entry (Vancouver or APA shape)."""
    doi_m = _DOI.search(body)
    doi = doi_m.group(1).rstrip(".") if doi_m else None
    pmid_m = _PMID.search(body)
    pmid = pmid_m.group(1) if pmid_m else None
    authors: tuple[str, ...] = ()
    title: str | None = None
    year: int | None = None
    apa = _YEAR_PAREN.search(body)
    # most entries quote no title: the pattern's search is skipped unless a quote is there
    quoted = _QUOTED_TITLE.search(body) if '"' in body or "“" in body else None
    if quoted and quoted.start() < 400:
        # IEEE / Hindawi: 'A. C. Zovein, J. J. Hofmann, and E. Smith, “Title,” Journal, 2008.'
        authors = tuple(_split_initials_first(body[: quoted.start()]))
        title = quoted.group(1).strip().rstrip(",.").strip() or None
        years = _YEAR.findall(body[quoted.end() :])
        year = int(years[-1]) if years else None
    elif apa and apa.start() < 300 and body[apa.end() : apa.end() + 1] in (".", ""):
        # APA: "Surname, A. B., & Other, C. (2016). Title. Journal ..."
        authors = tuple(_split_apa_authors(body[: apa.start()]))
        year = int(apa.group("y"))
        title = _first_sentence(body[apa.end() :].lstrip(". "))
    elif rsc := _RSC_AUTHORS.match(body):
        # RSC: initials first, no title ("F. Bauer, J. Weber and S. Richter, Biomater. Sci.,
        # 2018, 6, 2920–2931.")
        authors = tuple(_split_initials_first(rsc.group("authors")))
        ym = _YEAR.search(body, rsc.end())
        year = int(ym.group("y")) if ym else None
    else:
        m = _VANCOUVER_AUTHORS_END.search(body)
        after = 0
        if m and m.start() < 400:
            authors = tuple(_split_vancouver_authors(body[: m.end() - 2]))
            title = _first_sentence(body[m.end() :])
            # the year after the title: a year inside it ("… guideline … 2019. J Dermatol,
            # 2020; 47: …") is not the entry's
            after = m.end() + (len(title) if title else 0)
        ym = (
            _YEAR_PAREN.search(body)
            or _YEAR.search(body, after)
            or _YEAR.search(body, m.end() if m else 0)
        )
        year = int(ym.group("y")) if ym else None
    return Reference(number, body.strip(), start, end, authors, year, title, doi, pmid)


_RSC_NAME = (
    r"(?:[A-Z]\.[^\S\n]?-?){1,3}[^\S\n]?(?:(?:van|von|de|der|den|da|di|du|le|la)\s)*"
    r"[A-Z][\w'’-]+"
)
_RSC_AUTHORS = re.compile(
    rf"(?P<authors>{_RSC_NAME}(?:(?:,\s+(?:and\s+)?|\s+and\s+){_RSC_NAME})*"
    rf"(?:,?\s+et\s+al\.?)?),\s"
)
_QUOTED_TITLE = re.compile(r"[“\"](.+?)[”\"]")


def _split_initials_first(s: str) -> list[str]:
    """'A. C. Zovein, J. J. Hofmann, and E. Smith,' -> the three names."""
    s = re.sub(r"\bet al\.?", "", s).strip().rstrip(",").strip()
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", s)
    return [p.strip() for p in parts if p.strip()]


_SENTENCE = re.compile(r"(.+?[.?!])(?:\s|$)")


def _first_sentence(s: str) -> str | None:
    m = _SENTENCE.match(s.strip())
    t = (m.group(1) if m else s).strip().rstrip(".").strip()
    return t or None


def _split_vancouver_authors(s: str) -> list[str]:
    out: list[str] = []
    for part in (p.strip() for p in s.split(",")):
        if not part or part.lower().startswith("et al"):
            continue
        if part in ("Jr", "Sr", "II", "III") and out:
            out[-1] = f"{out[-1]} {part}"
            continue
        out.append(part)
    return out


def _split_apa_authors(s: str) -> list[str]:
    s = s.replace("&", ",").replace(" and ", ", ")
    parts = [p.strip() for p in s.split(",") if p.strip()]
    out: list[str] = []
    for p in parts:
        if out and re.fullmatch(r"(?:[A-Z]\.\s?-?)+", p):
            out[-1] = f"{out[-1]}, {p}"
        elif not p.lower().startswith("et al"):
            out.append(p)
    return out
