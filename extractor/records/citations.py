"""Finding cited studies: "De Jesus et al. (12)", "Kim et al., 2021", "Lee and Park (2019)", "[12]".

A citation becomes a ``Citation`` (surname as written, year and/or reference number, offsets);
``link`` ties it to the reference list so the record gets the DOI and the list's year.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from extractor.records.lexicon import json_table
from extractor.types import Reference

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’\-]*"
_YEAR = r"(?:19|20)\d{2}[a-z]?"
_NUMS = r"\d{1,4}(?:\s*[-–,]\s*\d{1,4})*"


@dataclass(frozen=True, slots=True)
class Citation:
    surname: str
    year: int | None
    ref: int | None
    start: int  # the whole citation ("De Jesus et al. (12)")
    end: int
    letter: str | None = None  # "2019b": two papers of one author and year


@cache  # built once: table cells and author lists ask for it thousands of times a paper
def _surname_regex() -> str:
    table = json_table("citation.json")
    particles = "|".join(re.escape(p) for p in table["particles"])
    # up to two particles, then one or two capitalised words ("Mohseni Meybodi")
    return rf"(?:(?:{particles})[^\S\n]+){{0,2}}{_CAP}(?:[^\S\n]+{_CAP})?"


def _second_source() -> str:
    """What follows the surname of an author citation: a second author, a collective noun,
    "et al." or a group word; every citation holds one (``_anchored``)."""
    from extractor.records.study_mentions import author_tail_source, collective_source

    return (
        rf"(?:{author_tail_source()}"  # "Haddad's group", "Ferreira and co-workers' (trial)"
        rf"|[^\S\n]+(?:and|&)\s+(?:{collective_source()})(?![A-Za-z])"
        rf"|[^\S\n]+(?:and|&)[^\S\n]+{_CAP}"
        # "et al.", also in Markdown emphasis ("*et al.*", "_et al._")
        # a hard-wrapped line may break "et al." or "and colleagues" ("Kim et" / "al. (2019)")
        rf"|,?\s+[*_]{{0,2}}et\s+al\.?[*_]{{0,2}})"
    )


@cache
def _citation_regex() -> re.Pattern[str]:
    sur = _surname_regex()
    second = _second_source()
    tail = (
        # "et al.'s study (12)", "Lee and Kim's series (2019)" (the 's already taken by a name)
        rf"(?:(?:['’]s|(?<=['’]s))(?:[^\S\n]+(?:{study_nouns()}|group|team)e?s?\b)?)?"
        # "et al.12", "et al12", "et al.,9", "and colleagues15": a superscript flattened onto
        # the line
        rf"(?:(?:(?<=\.)|(?<=\bal)|(?<=colleagues)|(?<=workers)|(?<=associates)),?"
        rf"(?P<numsup>{_NUMS})(?![\d.]*\d)"
        r"|(?P<numuni>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?:[,–⁻-][⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})*)(?![⁰¹²³⁴⁵⁶⁷⁸⁹])"  # "et al.⁶"
        rf"|\^\(?(?P<numcaret>{_NUMS})\)?"  # "et al.^4"
        rf"|\s*\(\s*(?:see\s+)?refs?\.?\s*(?P<numref>{_NUMS})\s*\)"  # "(ref. 12)"
        rf"|\s*[(\[]\s*(?P<num>{_NUMS})\s*[)\]]"  # (12) [12] [12, 13]
        rf"|\s*,?\s*[(\[]?\s*(?P<year>{_YEAR})\s*[)\]]?"  # , 2021  (2021)
        # the source between author part and year, inside the brackets that close after the
        # year: "(Okonkwo et al., Br J Dermatol 2018)", "Lindholm and colleagues (Exp Dermatol
        # 2017)", "(Kim et al., J. Invest. Dermatol., 2019; …)"
        rf"|(?:,[^\S\n]*|[^\S\n]*[(\[])(?P<source>{_source()})[.,]?[^\S\n]+"
        rf"(?P<year_src>{_YEAR})(?=[^\S\n]*[;)\]])[)\]]?"
        rf"|[^\S\n]+in[^\S\n]+(?P<year_in>{_YEAR})\b"  # "Kim et al. in 2019"
        r")?"
    )
    # initials after the surname ("Kim J et al.", "Osei, K. et al."): not part of it
    initials = r"(?:,?[^\S\n]+(?:[A-Z]\.-?){1,3}|[^\S\n]+[A-Z]{1,3}(?=[,\s]))?"
    return re.compile(rf"(?P<sur>{sur}){initials}{second}{tail}")


def _source() -> str:
    """A journal or book named in a citation: capitalised words, abbreviated or not ("J Burn
    Care Res", "J. Invest. Dermatol.", "Stem Cell Res Ther", "Journal of Cosmetic
    Dermatology"), joined by lower-case connectors; up to ten words, none a year."""
    word = r"(?!(?:19|20)\d{2}\b)[A-Z][\w'’&\-]*\.?"
    link = r"(?:of|and|for|in|the|&)"
    return rf"{word}(?:[^\S\n]+(?:{link}[^\S\n]+){{0,2}}{word}){{0,9}}"


# the most whitespace runs between a citation's first character and its second part: two
# particles, a second capitalised word and the initials (``_citation_regex``)
def _surname_gaps() -> int:
    inner = max((len(p.split()) - 1 for p in json_table("citation.json")["particles"]), default=0)
    return 2 * (inner + 1) + 2


@cache
def _anchored() -> tuple[
    Callable[[str, int, int], list[int]], re.Pattern[str] | None, re.Pattern[str]
]:
    """(where a second part starts in a span, a character a citation can open with, the
    last ``_surname_gaps() + 1`` words before a point, read backwards)."""
    from extractor.normalize.first_chars import first_chars
    from extractor.normalize.pattern_scans import keyed_scan

    second = re.compile(_second_source())
    keyed = keyed_scan(second)
    if keyed is not None:
        points = keyed.points
    else:  # pragma: no cover - a second part that opens with no gap and key
        # first characters read with "[^\S\n]" taken as "\s": a superset, and readable
        lead = first_chars(re.compile(second.pattern.replace(r"[^\S\n]", r"\s")))
        anchor = re.compile((f"(?=[{lead}])" if lead else "") + f"(?={second.pattern})")

        def points(text: str, start: int, end: int) -> list[int]:
            return [a.start() for a in anchor.finditer(text, start, end)]

    opens = first_chars(_citation_regex())
    back = re.compile(rf"\s*(?:\S+\s+){{0,{_surname_gaps()}}}\S+")
    return points, re.compile(f"[{opens}]") if opens else None, back


def _citation_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_citation_regex().finditer(text, start, end)``, tried only where a match can start:
    a citation holds a second part ("et al.", "and Park", "'s group") on the line of its
    surname, a few words after the surname's first character. One scan for second parts
    (``pattern_scans.KeyedScan``) and a match tried at each opening character of the few words
    before one, instead of the guarded pattern tried at every capital letter and particle:
    2.9-3.5 -> 0.6-0.75 ms on the review's paragraphs (the same matches in the same order,
    tests/records/test_citations.py)."""
    points, opens, back = _anchored()
    cit = _citation_regex()
    spans: list[tuple[int, int]] = []  # the few words before each second part
    for b in points(text, start, end):
        line = max(start, text.rfind("\n", start, b) + 1)
        lo = _words_before(back, text, line, b)
        if lo is not None:
            spans.append((lo, b))
    cands: list[int] = []
    done = start
    for lo, hi in sorted(spans):
        lo = max(lo, done)
        if lo < hi:
            cands.extend(range(lo, hi) if opens is None else _starts(opens, text, lo, hi))
            done = hi
    cursor = start
    for c in cands:
        if c < cursor:
            continue
        m = cit.match(text, c, end)
        if m is not None:
            yield m
            cursor = m.end() if m.end() > c else c + 1


def _words_before(back: re.Pattern[str], text: str, line: int, b: int) -> int | None:
    """Where the last few words before ``b`` on its line start (``back``), read from a
    reversed slice: 200 characters, the whole line when the words run past them."""
    for lo in (max(line, b - 200), line):
        words = back.match(text[lo:b][::-1]) if lo < b else None
        if words is None or words.end() < b - lo or lo == line:
            return None if words is None else b - words.end()
    return None  # pragma: no cover - the loop returns on the whole line


def _starts(opens: re.Pattern[str], text: str, lo: int, hi: int) -> list[int]:
    return [m.start() for m in opens.finditer(text, lo, hi)]


def clean_surname(raw: str) -> str | None:
    """Drop capitalised sentence words glued before the surname ("Moreover Kim") and initials
    after it ("Kim J"); None when what is left is no surname."""
    stop = set(json_table("citation.json")["not_surname"])
    words = raw.split()
    while words and words[0] in stop:
        words = words[1:]
    while len(words) > 1 and re.fullmatch(r"(?:[A-Z]\.?-?){1,3}", words[-1]):
        words = words[:-1]
    if not words or words[-1] in stop:
        return None
    name = " ".join(words)
    # a digit or a Greek letter makes a gene or cytokine symbol ("IL-1β", "TGF-β1", "CD34"),
    # never a surname (HGNC symbol rules: Latin capitals, digits, Greek letters spelt out)
    return None if re.search(r"[\dΑ-Ωα-ω]", name) else name


def _first_num(s: str | None) -> int | None:
    if not s:
        return None
    m = re.match(r"\d+", s)
    return int(m.group()) if m else None


def _is_single_num(s: str | None) -> bool:
    return bool(s) and re.fullmatch(r"\d{1,4}", s.strip()) is not None  # type: ignore[union-attr]


def find_citations(
    text: str, start: int = 0, end: int | None = None, pairs: bool = False
) -> list[Citation]:
    """Author-named citations in ``text[start:end]`` that carry a year or a reference number.

    "et al." alone (no number, no year) is kept too, since reviews often name the study once
    with its number and then again by surname; two surnames alone ("Lindqvist and Berg") only
    with ``pairs`` (their sentence must then resolve them, ``study_mentions.complete``).
    """
    end = len(text) if end is None else end
    out: list[Citation] = []
    for m in _citation_matches(text, start, end):
        sur = clean_surname(m.group("sur"))
        if sur is None:
            continue
        num = m.group("num") or m.group("numsup") or m.group("numcaret") or m.group("numref")
        if m.group("numuni"):
            num = m.group("numuni").translate(_SUPER_DIGITS)
        ref = _first_num(num) if _is_single_num(num) else None
        if num and ref is None:
            # a list "(12, 13)" names several studies: no single reference to link
            continue
        year_s = m.group("year") or m.group("year_in") or m.group("year_src")
        year = int(year_s[:4]) if year_s else None
        if ref is not None and re.fullmatch(_YEAR, num or ""):
            ref, year = None, ref  # "(2018)" is a year, not reference number 2018
        if (
            not re.search(rf"et\s+al|{_collective()}|group|team|lab", m.group(0))
            and ref is None
            and year is None
            and not pairs
        ):
            continue  # "Lee and Park" without number or year is not a citation
        raw = m.group("sur")
        if sur not in raw:
            continue
        s = m.start("sur") + raw.index(sur)
        head = _list_head(text, s, start) if _and_surname(m.group(0)) else None
        if head is not None:  # "Kim, Lee and Park (2019)": the first of the list
            sur, s = head
        by = _year_study_by(text, s, start)
        if by is not None:
            # "A 2020 trial by Ortiz et al.": the construction is the citation, its year
            # the study's (a year in the citation itself wins)
            s = by[0]
            year = year if year is not None else by[1]
        letter = year_s[4:5] or None if year_s else None
        out.append(Citation(sur, year, ref, s, m.end(), letter))
    return _with_single_authors(text, start, end, out)


def _with_single_authors(text: str, start: int, end: int, found: list[Citation]) -> list[Citation]:
    """``found`` plus the one-author mentions with their year (``Patel (2019)``,
    ``[Moreau, 2020]``) that overlap none of them, in text order."""
    from extractor.records.study_mentions import (
        lead_author_citations,
        single_author_citations,
    )

    extra: list[Citation] = []
    more = single_author_citations(text, start, end) + lead_author_citations(text, start, end)
    for c in more:
        if not any(c.start < f.end and f.start < c.end for f in [*found, *extra]):
            extra.append(c)
    return sorted([*found, *extra], key=lambda c: c.start) if extra else found


_BY: re.Pattern[str] | None = None


def _collective() -> str:
    from extractor.records.study_mentions import collective_source

    return collective_source()


_HEAD: re.Pattern[str] | None = None


def _and_surname(cit: str) -> bool:
    """The citation joins its surname to a second surname ("Lee and Park"), not to a
    collective noun or "et al."."""
    m = re.search(r"[^\S\n]+(?:and|&)[^\S\n]+(\S+)", cit)
    return m is not None and m.group(1)[:1].isupper()


def _list_head(text: str, sur_start: int, floor: int) -> tuple[str, int] | None:
    """(surname, start) of the first name of an author list written out before the surname
    at ``sur_start`` ("Kim, Lee and Park (2019)" -> Kim), else None."""
    global _HEAD
    if _HEAD is None:
        _HEAD = re.compile(rf"(?:(?<=^)|(?<=[\s(\[]))((?:{_surname_regex()}),[^\S\n]+)+$")
    lo = max(floor, sur_start - 120, text.rfind("\n", 0, sur_start) + 1)
    m = _HEAD.search(text, lo, sur_start)
    if m is None:
        return None
    before = text[lo : m.start()].split()
    if before and before[-1][:1].isupper() and clean_surname(before[-1]) is None:
        return None  # "In Brazil, Souza and Lima (2019)": a place after a preposition
    first = re.match(rf"{_surname_regex()}", text[m.start() : sur_start])
    if first is None:
        return None
    name = clean_surname(first.group(0))
    if name is None or not first.group(0).endswith(name):
        return None
    return name, m.start() + first.end() - len(name)


def study_nouns() -> str:
    """Alternation of the nouns that name one study ("trial", "report", "case" …)."""
    return "|".join(re.escape(n) for n in json_table("citation.json")["study_nouns"])


def _year_study_by(text: str, sur_start: int, floor: int) -> tuple[int, int] | None:
    """(start, year) of "a 2020 trial by " / "in a 2019 report from " right before a
    surname (start at the article), else None."""
    global _BY
    if _BY is None:
        pat = json_table("citation.json")["year_study_by_before"].replace("{nouns}", study_nouns())
        _BY = re.compile(pat, re.IGNORECASE)
    lo = max(floor, sur_start - 80, text.rfind("\n", 0, sur_start) + 1)
    m = _BY.search(text, lo, sur_start)
    if m is None:
        return None
    return m.start(), int(m.group("year"))


def is_subject(text: str, cit: Citation) -> bool:
    """False when the citation is only a comparison ("similar to Kim et al. (3)")."""
    pat = json_table("citation.json")["not_subject_before"]
    before = text[max(0, cit.start - 60) : cit.start]
    if re.search(rf"\b(?:{pat})", before, re.IGNORECASE):
        return False  # whole words: "was reported by" is no "as reported by"
    # inside brackets ("... earlier data (Kim et al., 2015)") a citation only supports a claim
    line_start = text.rfind("\n", 0, cit.start) + 1
    head = text[line_start : cit.start]
    return head.rfind("(") <= head.rfind(")") and head.rfind("[") <= head.rfind("]")


_BARE = re.compile(rf"[(\[]\s*({_NUMS})\s*[)\]]")


_SUPER_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


# the last text asked about and the numbers of each span of it asked for: segmentation asks
# for one sentence's numbers up to three times (assign, prose_mentions, study_mentions)
_BARE_LAST: list[tuple[str, dict[tuple[int, int], tuple[int, ...]]]] = []


def bare_numbers(text: str, start: int, end: int) -> list[int]:
    """Reference numbers in "(12)", "[12, 14]", "[3–5]" brackets within the span, set in
    superscript digits after a word or a full stop ("… from 36 to 15.²³"), and the markers
    "(ref. 12)" and "^12"."""
    last = _BARE_LAST[0] if _BARE_LAST else None  # read once: another thread may replace it
    if last is None or last[0] is not text:
        last = (text, {})
        _BARE_LAST[:] = [last]
    got = last[1].get((start, end))
    if got is None:
        got = last[1][(start, end)] = tuple(_bare_numbers(text, start, end))
    return list(got)


def _bare_numbers(text: str, start: int, end: int) -> list[int]:
    from extractor.records.study_mentions import lexicon_markers

    # superscript digits, "(ref. 12)", "^12" (models/records/study_mentions.jsonl)
    nums: list[int] = [n for _, _, found in lexicon_markers(text, start, end) for n in found]
    for m in _BARE.finditer(text, start, end):
        inner = m.group(1)
        before = text[max(0, m.start() - 2) : m.start()]
        # "1x10(6)", "10^(6)", "IL(6)": an exponent or a name, not a citation
        if (text[m.start()] == "(" and before[-1:].isalnum()) or before.endswith(("10", "^")):
            continue
        # a year in brackets or a big number is not a reference number
        for part in re.split(r"\s*,\s*", inner):
            if re.fullmatch(r"\d+\s*[-–]\s*\d+", part):
                a, b = (int(x) for x in re.split(r"\s*[-–]\s*", part))
                if 0 < a <= b and b - a < 20:
                    nums.extend(range(a, b + 1))
            elif part.isdigit() and 0 < int(part) < 1000:
                nums.append(int(part))
    return nums


def fold(name: str) -> str:
    """Case- and accent-free comparison key for surnames."""
    s = unicodedata.normalize("NFKD", name)
    return "".join(c for c in s if c.isalnum()).lower()


# a name printed initials first (ACS author lines, Angewandte, RSC, IEEE, Science, Chicago
# notes): "R. Azevedo", "J.-H. Lee", "M. A. de Souza", "M.A. de Souza"
_INITIALS_FIRST = re.compile(r"(?:[A-Z]\.[^\S\n]*-?[^\S\n]*){1,3}(?:[a-z]+[^\S\n]+){0,2}[A-ZÀ-Þ]")


def ref_surname(ref: Reference) -> str | None:
    """First author's surname from the reference list, whatever order the entry prints the
    name in: surname and initials ("De Jesus MM", "Smith, J."), initials first ("R. Azevedo",
    "J.-H. Lee", "M. A. de Souza"), or the full given name first (Chicago notes: "Rafael
    Azevedo, Tiago Lima, and Carla Prado, “Title,” …")."""
    from extractor.bibliography.names import given_first_surname

    first = ref.authors[0] if ref.authors else _first_author_text(ref.text)
    if "," in first:
        # "Smith, J." (surname first, comma, initials)
        return first.split(",")[0].strip() or None
    if _INITIALS_FIRST.match(first) or _given_first_note(ref.text, first):
        name = given_first_surname(first)
        if name:
            return name
    words = first.split()
    # Vancouver style puts initials last ("De Jesus MM"); drop all-caps initials tokens
    while len(words) > 1 and re.fullmatch(r"[A-Z][A-Z.\-]{0,3}|Jr\.?|Sr\.?", words[-1]):
        words = words[:-1]
    return " ".join(words) or None


def _first_author_text(text: str) -> str:
    """The first author as the entry prints it: up to the first comma or "and" when the
    name opens with initials ("R. Azevedo, T. Lima, …"), else up to the first comma or the
    full stop closing a word ("Smith J. Title …" -> "Smith J")."""
    body = text.lstrip("-•* 0123456789.[]")
    if _INITIALS_FIRST.match(body):
        return re.split(r",|;|\s(?:and|&)\s", body, maxsplit=1)[0].strip()
    return re.split(r",|\.\s", body, maxsplit=1)[0]


def _given_first_note(text: str, first: str) -> bool:
    """A full given-name-first name opening a Chicago-style note ("Rafael Azevedo, Tiago
    Lima, and Carla Prado, “Title,” …"): the entry starts with the name as listed, a comma
    or "and" after it, and quotes its title. (JATS lists surname first, "Azevedo Rafael",
    and its entry text never starts with that form followed by a quoted title.)"""
    if len(first.split()) < 2 or not text.startswith(first):
        return False
    rest = text[len(first) :]
    return re.match(r",|\s+(?:and|&)\s", rest) is not None and re.search(r"[“\"]", rest) is not None


def surname_matches(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    return fa == fb or fa.startswith(fb) or fb.startswith(fa) or _close(fa, fb)


def _close(a: str, b: str) -> bool:
    """One insertion/deletion/substitution apart ("Seetharman" vs "Seetharaman")."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] or a[i:] == b[i + 1 :] or a[i + 1 :] == b[i:]


def link(
    cit_surname: str,
    ref_num: int | None,
    year: int | None,
    refs: tuple[Reference, ...],
    suffix: str | None = None,
) -> Reference | None:
    """The reference-list entry a citation points at: by number, else by surname + year, and
    by the year's letter when one author has two entries that year (``Kim 2019a``)."""
    if ref_num is not None:
        for r in refs:
            if r.number == ref_num:
                return r
        return None
    hits = [r for r in refs if (s := ref_surname(r)) and surname_matches(s, cit_surname)]
    if year is not None:
        hits = [r for r in hits if r.year == year] or []
    if len(hits) > 1 and suffix and year is not None:
        hits = [r for r in hits if re.search(rf"\b{year}{suffix}\b", r.text)]
    return hits[0] if len(hits) == 1 else None


def slug(surname: str) -> str:
    """``De Jesus`` -> ``de-jesus``, ``Sørensen`` -> ``sorensen`` (accents and stroke letters
    folded to ASCII, everything else a hyphen)."""
    table = json_table("citation.json")["ascii_letters"]
    s = unicodedata.normalize("NFKD", "".join(table.get(c, c) for c in surname))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "study"
