"""Study mentions in prose: an author part, a year and a reference marker, found apart and joined.

A review names a study by who ran it ("Osei and colleagues", "Haddad's group", "Patel (2019)"),
by when ("In 2019, …", "a 2021 study by …", "… published in 2020") and by a reference marker
("[12]", "(ref. 12)", "^12", "¹²" after the word or after the full stop). The three clues may
sit anywhere in the sentence and in either order. Each clue is a row of
``models/records/study_mentions.jsonl`` (with its source, a keep and a drop example). A
mention scores 1 for its author part and 1 each for a year and a reference number; a
``not_study`` clue before it (a review, a guideline, a comparison, an authority) adds its
row's weight (-3). It opens a study at ``OPENS_STUDY``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from extractor.normalize.first_chars import guarded
from extractor.normalize.pattern_scans import by_first_char, line_start_finditer
from extractor.records.citations import Citation, ref_surname, surname_matches
from extractor.records.lexicon import rows
from extractor.records.text import Span, per_document, sentences
from extractor.types import Reference

LEXICON = "study_mentions.jsonl"
# the score a mention needs to open a study of its own: an author part (1) with a year or a
# reference number (1), beside it or found elsewhere in its sentence (``complete``)
OPENS_STUDY = 1.5
_ANY_CASE = ("not_study", "study_heading", "header", "counted_studies")
# superscript digits, and the minus sign (U+2212) some publishers set in a range ("4−6")
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒−", "0123456789-,-")


@dataclass(frozen=True, slots=True)
class Clue:
    name: str
    weight: float
    regex: re.Pattern[str]
    role: str | None = None
    needs: tuple[str, ...] = ()  # one of these occurs in any text the row can match
    # the row applies only in a document whose text matches this at least ``GATE_LINES``
    # times (a marker style that goes with one reference-list style: "3)" with "3) Tanimoto H")
    gate: re.Pattern[str] | None = None
    # ``regex`` found by its first character (``pattern_scans.by_first_char``), None where slower
    fast: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    # ``needs`` of single characters as one class ("¹", "²" …): one scan, not one per string
    _needs_class: re.Pattern[str] | None = field(default=None, init=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.needs) > 1 and all(len(n) == 1 for n in self.needs):
            body = "".join(re.escape(n) for n in self.needs)
            object.__setattr__(self, "_needs_class", re.compile(f"[{body}]"))

    def finditer(
        self, text: str, start: int, end: int, seen: dict[tuple[str, ...], bool] | None = None
    ) -> Iterator[re.Match[str]]:
        """``regex.finditer`` over ``text[start:end]``, skipped when none of ``needs`` is in
        it (a cheap test before the pattern is tried at every position). ``seen``: the tests
        already made on this span, by ``needs`` (five author rows need one of "19", "20").
        ``str.find`` per string instead of one alternation per row: 1.3 -> 0.5 ms for the
        author rows over the review's paragraphs."""
        if self.needs:
            found = seen.get(self.needs) if seen is not None else None
            if found is None:
                found = self._holds_needs(text, start, end)
                if seen is not None:
                    seen[self.needs] = found
            if not found:
                return iter(())
        if self.fast is None:
            return self.regex.finditer(text, start, end)
        return self._first_char_finditer(self.fast, text, start, end)

    def _holds_needs(self, text: str, start: int, end: int) -> bool:
        if self._needs_class is not None:
            return self._needs_class.search(text, start, end) is not None
        return any(text.find(n, start, end) != -1 for n in self.needs)

    def _first_char_finditer(
        self, fast: re.Pattern[str], text: str, start: int, end: int
    ) -> Iterator[re.Match[str]]:
        """``regex.finditer``: each point where ``fast`` says a match starts, past the last
        match's end, gets the match ``regex`` makes there (the leftmost-first order
        ``finditer`` keeps)."""
        cursor = start
        for hit in fast.finditer(text, start, end):
            i = hit.start()
            if i >= cursor and (m := self.regex.match(text, i, end)) is not None:
                yield m
                cursor = m.end() if m.end() > i else i + 1


@cache
def clues(kind: str) -> tuple[Clue, ...]:
    """The compiled rows of one kind (``author_tail``, ``single_author``, ``ref_marker``,
    ``year_clue``, ``not_study``, ``study_heading``, ``header``)."""
    flags = re.IGNORECASE if kind in _ANY_CASE else 0
    flags |= re.MULTILINE if kind == "study_heading" else 0
    return tuple(
        Clue(
            r.get("clue", kind),
            float(r.get("weight", 1.0)),
            # the same matches, tried only where one can open (normalize.first_chars)
            guarded(re.compile(r["pattern"], flags)),
            r.get("role"),
            tuple(r.get("needs", ())),
            re.compile(r["gate"], re.MULTILINE) if r.get("gate") else None,
            by_first_char(r["pattern"], flags),
        )
        for r in rows(LEXICON)
        if r.get("kind") == kind
    )


def collective_source() -> str:
    """The collective nouns for a paper's other authors ("colleagues", "collaborators") as
    one alternation."""
    return "|".join(f"(?:{c.regex.pattern})" for c in clues("collective"))


def author_tail_source() -> str:
    """The author-part tails of the lexicon as one alternation (for the citation pattern)."""
    return "|".join(f"(?:{c.regex.pattern})" for c in clues("author_tail"))


# --------------------------------------------------------------------------- markers


def _numbers(s: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", s.translate(_SUPER)):
        a, _, b = re.sub(r"\s", "", part).partition("-") if "-" in part else (part, "", "")
        if "–" in part:
            a, _, b = re.sub(r"\s", "", part).partition("–")
        if a.isdigit() and b.isdigit() and 0 < int(a) <= int(b) and int(b) - int(a) < 20:
            out.extend(range(int(a), int(b) + 1))
        elif a.strip().isdigit() and 0 < int(a) < 1000:
            out.append(int(a))
    return out


def lexicon_markers(text: str, start: int, end: int) -> list[tuple[int, int, list[int]]]:
    """Reference markers of the lexicon's ``ref_marker`` rows in ``text[start:end]``:
    (start, end, numbers)."""
    rows_ = clues("ref_marker")
    alone, shared, scan = _marker_rows(text)
    out: list[tuple[int, int, list[int]]] = []
    for i in alone:
        _add_markers(rows_[i], rows_[i].finditer(text, start, end), out)
    if scan is not None:
        for i, found in zip(shared, _scan_rows(rows_, shared, scan, text, start, end), strict=True):
            _add_markers(rows_[i], found, out)
    return sorted(out)


def _add_markers(
    c: Clue, found: Iterable[re.Match[str]], out: list[tuple[int, int, list[int]]]
) -> None:
    for m in found:
        g = m.group("sup") if "sup" in c.regex.groupindex else m.group("nums")
        nums = _numbers(g)
        if nums:
            out.append((m.start(), m.end(), nums))


@per_document(maxsize=16)
def _marker_rows(text: str) -> tuple[tuple[int, ...], tuple[int, ...], re.Pattern[str] | None]:
    """The reference-marker rows one document can use, settled once for it, not once per
    sentence: (rows tried one by one, rows of the shared scan, the shared scan). A gated row
    whose list style the text lacks, and a row none of whose ``needs`` the whole text holds,
    cannot match in any span of it (each sentence tested them again: 0.5 ms on the review)."""
    rows_ = clues("ref_marker")
    live = tuple(
        i
        for i, c in enumerate(rows_)
        if (c.gate is None or _gate_open(c.gate, text))
        and (not c.needs or c._holds_needs(text, 0, len(text)))
    )
    shared, scan = _shared_scan("ref_marker", live)
    return tuple(i for i in live if i not in shared), shared, scan


def row_matches(
    kind: str, which: tuple[int, ...], text: str, start: int, end: int
) -> list[tuple[Clue, Iterable[re.Match[str]]]]:
    """Each row ``which`` of ``kind`` with its ``Clue.finditer(text, start, end)``; the rows
    found by their first character and needing no string (``_shared_scan``) from one scan:
    the reference-marker rows that open with a digit, scanned one by one over each sentence
    of the review 1.3 ms, together 0.44 ms (``lexicon_markers`` 2.0 -> 1.8 ms)."""
    rows_ = clues(kind)
    shared, scan = _shared_scan(kind, which)
    found: dict[int, list[re.Match[str]]] = {}
    if scan is not None:
        found = dict(zip(shared, _scan_rows(rows_, shared, scan, text, start, end), strict=True))
    return [
        (rows_[i], found[i] if i in found else rows_[i].finditer(text, start, end)) for i in which
    ]


def _scan_rows(
    rows_: tuple[Clue, ...],
    shared: tuple[int, ...],
    scan: re.Pattern[str],
    text: str,
    start: int,
    end: int,
) -> list[list[re.Match[str]]]:
    """The matches of each row ``shared`` from the hits of their shared ``scan``: a row is
    matched at a hit past its last match's end, leftmost first as its ``finditer``."""
    found: list[list[re.Match[str]]] = [[] for _ in shared]
    cursor = [start] * len(shared)
    for hit in scan.finditer(text, start, end):
        at = hit.start()
        for k, i in enumerate(shared):
            if at >= cursor[k] and (m := rows_[i].regex.match(text, at, end)) is not None:
                found[k].append(m)
                cursor[k] = m.end() if m.end() > at else at + 1
    return found


@cache
def _shared_scan(
    kind: str, which: tuple[int, ...]
) -> tuple[tuple[int, ...], re.Pattern[str] | None]:
    """(the rows of ``which`` scanned together, where any of them matches): the rows with a
    first-character scan and no ``needs``, their patterns as look-aheads behind the union of
    their first characters (``by_first_char``); none when fewer than two such rows, or a
    pattern refers to a group by name or number."""
    from extractor.normalize.first_chars import first_chars

    rows_ = clues(kind)
    shared = tuple(i for i in which if rows_[i].fast is not None and not rows_[i].needs)
    if len(shared) < 2 or any(_BACKREF.search(rows_[i].regex.pattern) for i in shared):
        return (), None
    flags = rows_[shared[0]].regex.flags
    raw = [rows_[i].regex for i in shared]
    if any(r.flags != flags for r in raw):
        return (), None
    lead = "".join(first_chars(r) or "" for r in raw)
    union = "|".join(f"(?:{_GROUP_NAME.sub('(?:', r.pattern)})" for r in raw)
    try:
        return shared, re.compile(f"[{lead}](?<=(?={union})[\\s\\S])", flags)
    except re.error:  # pragma: no cover
        return (), None


_BACKREF = re.compile(r"\(\?P=|\(\?\(|\\[1-9]|\\g<")
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


# a gated row's list style must be printed this often (a reference list, not one line)
GATE_LINES = 3


@per_document(maxsize=64)
def _gate_open(gate: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` prints ``gate``'s list style at least ``GATE_LINES`` times (a
    multi-line gate opening with "^" tried at line starts only: 0.25 -> 0.03 ms on the
    review, which holds none)."""
    return any(n >= GATE_LINES for n, _ in enumerate(line_start_finditer(gate, text), 1))


_CLOSING = re.compile(r"[)\]”\"’]*[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[,–⁻˒-][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*")
# a bracketed reference marker after the full stop, then the next sentence ("… by week
# 12.[21] In a second trial …"), or digits flattened onto it after a word ("… fell.12 In …")
_STOP_MARKER = re.compile(
    r"[.!?](?:[\[(]\d{1,4}(?:\s*[,–-]\s*\d{1,4})*[\])]"
    r"|(?<=[a-z)%]\.)\d{1,3}(?:[,–-]\d{1,3})*)(?=\s+[A-Z(\[])"
)


def marker_sentences(text: str, start: int, end: int) -> list[Span]:
    """``text.sentences`` with each sentence's closing reference marker kept in it (see
    ``_marker_sentences``)."""
    return list(_marker_sentences(text, start, end))


@per_document(maxsize=4096)
def _marker_sentences(text: str, start: int, end: int) -> tuple[Span, ...]:
    """``text.sentences`` with each sentence's closing reference marker kept in it: superscript
    digits after its full stop (``… to 15.²³``) and a bracketed number after it (``… 12.[21]
    In …``, where the sentence is cut after the marker)."""
    out: list[Span] = []
    for s in sentences(text, start, end):
        a = s.start
        for m in _STOP_MARKER.finditer(text, s.start, s.end):
            out.append(Span(a, m.end()))
            a = m.end()
            while a < s.end and text[a].isspace():
                a += 1
        e = s.end
        closing = _CLOSING.match(text, e, end)
        if closing and text[e - 1 : e] in ".!?":
            e = closing.end()
        out.append(Span(a, e))
    return tuple(out)


# --------------------------------------------------------------------------- mentions


def single_author_citations(text: str, start: int, end: int) -> list[Citation]:
    """One-author mentions with their year (``Patel (2019)``, ``[Moreau, 2020]``), which the
    author-part pattern of ``citations.find_citations`` (two authors, ``et al.``, a group)
    leaves out."""
    from extractor.records.citations import clean_surname

    out = []
    seen: dict[tuple[str, ...], bool] = {}
    for c in clues("single_author"):
        for m in c.finditer(text, start, end, seen):
            sur = clean_surname(m.group("sur"))
            if sur is None or sur != m.group("sur") or _after_capital(text, m.start("sur")):
                continue
            g = m.groupdict()
            year = g.get("year") or g.get("year2")
            ref = int(g["num"]) if g.get("num") else None
            if year is None and ref is None:
                continue
            y = int(year[:4]) if year else None
            out.append(Citation(sur, y, ref, m.start("sur"), m.end(), _letter(year)))
    return out


def _letter(year: str | None) -> str | None:
    """The letter after a year that tells two papers of one author and year apart."""
    return year[4:5] or None if year else None


def lead_author_citations(text: str, start: int, end: int) -> list[Citation]:
    """Mentions that name a group by its leader before the name ("a team led by Tedesco",
    "the group of Casabona"): an author part without a year; the sentence gives the year
    (``complete``)."""
    from extractor.records.citations import clean_surname

    out = []
    for c in clues("author_lead"):
        for m in c.finditer(text, start, end):
            sur = clean_surname(m.group("sur"))
            if sur is None or sur != m.group("sur"):
                continue
            out.append(Citation(sur, None, None, m.start("sur"), m.end()))
    return out


def _after_capital(text: str, pos: int) -> bool:
    """The word before ``pos`` on its line is capitalised and no sentence word ("In",
    "Moreover"): ``pos`` is inside a name of several words ("Dermatological Research")."""
    from extractor.records.citations import clean_surname

    m = re.search(r"(\S+)[^\S\n]+$", text[max(0, pos - 40) : pos])
    if m is None or not m.group(1)[:1].isupper() or m.group(1).endswith((".", ",", ";", ":")):
        return False
    return clean_surname(m.group(1)) is not None


_OPEN_LIST = re.compile(r"(?<=[(\[])[^()\[\]]*;[^()\[\]]*$")


def mention_score(text: str, cit: Citation, sent: Span | None) -> float:
    """How strongly ``cit`` names a study: its author part (1), its year and its reference
    number (1 each), and the ``not_study`` clues before it in its sentence (-3 each)."""
    score = 1.0 + (cit.year is not None) + (cit.ref is not None)
    if sent is not None:
        # an item of a bracketed list is read from its bracket: "reviews (Gomez et al., 2019;
        # Tan et al., 2021)" names both as reviews
        before = _OPEN_LIST.sub("", text[sent.start : cit.start])
        score += sum(c.weight for c in clues("not_study") if c.regex.search(before))
    return score


def opens_study(text: str, cit: Citation, sent: Span | None) -> bool:
    """Whether the mention scores enough to open a study of its own (``OPENS_STUDY``): an
    author part with its year or its reference number, no ``not_study`` clue."""
    return mention_score(text, cit, sent) >= OPENS_STUDY


def names_other_work(text: str, cit: Citation, sent: Span | None) -> bool:
    """The citation names a review, a guideline, a comparison or an authority (a
    ``not_study`` clue right before it), not a study of its own."""
    return mention_score(text, cit, sent) < 0


def complete(
    text: str, cit: Citation, sent: Span | None, references: tuple[Reference, ...]
) -> Citation:
    """``cit`` with the year or reference number its sentence gives it apart from the author
    part: one reference marker of the sentence whose list entry is this author's ("Okafor and
    colleagues … fell to 15.²³"), else one year clue ("In 2019, Osei and colleagues …",
    "Gomez et al reported in 2018 …")."""
    if sent is None or (cit.year is not None and cit.ref is not None):
        return cit
    if cit.ref is None and references:
        ref = _sentence_ref(text, cit, sent, references)
        if ref is not None:
            return replace(cit, ref=ref.number)
    if cit.year is None and cit.ref is None:
        years = _sentence_years(text, sent)
        if len(years) == 1:
            return replace(cit, year=years.pop())
    return cit


def _sentence_ref(
    text: str, cit: Citation, sent: Span, references: tuple[Reference, ...]
) -> Reference | None:
    from extractor.records.citations import bare_numbers

    nums = set(bare_numbers(text, sent.start, sent.end))
    hits = [
        r
        for r in references
        if r.number in nums
        and (s := ref_surname(r))
        and surname_matches(s, cit.surname)
        and (cit.year is None or r.year in (None, cit.year))
    ]
    return hits[0] if len(hits) == 1 else None


def _sentence_years(text: str, sent: Span) -> set[int]:
    out = set()
    for c in clues("year_clue"):
        for m in c.finditer(text, sent.start, sent.end):
            out.add(int(m.group("year")[:4]))
    return out


def culture_step(text: str, sent: Span) -> bool:
    """The sentence gives a therapy (``interventions.jsonl``: exosomes, conditioned medium,
    MSCs) to a cell line (Cellosaurus rows of ``cell_lines.jsonl``: "in B16F10 melanoma cells,
    ADSC exosomes lowered …"): it reports a culture experiment. A line named without a
    therapy ("HaCaT cells are a standard model") is background, and a skin cell type alone
    ("keratinocytes") is no line."""
    from extractor.records.lexicon import cues

    line = any(
        c.regex.search(text, sent.start, sent.end)
        for c in cues("cell_lines")
        if c.name not in _CELL_TYPES
    )
    return line and any(c.regex.search(text, sent.start, sent.end) for c in cues("interventions"))


# the rows of ``cell_lines.jsonl`` that name cell types, not lines
_CELL_TYPES = frozenset({"skin cell type"})


def open_question(text: str, sent: Span) -> bool:
    """The sentence states what is not known ("Whether … is not yet known", "… remains
    unclear"): the number it cites supports the gap, it reports no study
    (``citation.json`` ``open_question``)."""
    from extractor.records.lexicon import json_table

    pat = json_table("citation.json")["open_question"]
    return re.search(pat, text[sent.start : sent.end], re.IGNORECASE) is not None


def counted_numbers(text: str, sent: Span) -> list[int]:
    """The reference numbers of a sentence that counts the studies it reports ("Two groups
    injected … [3,4]"): one study per number when the count equals the distinct numbers."""
    from extractor.records.citations import bare_numbers
    from extractor.records.text import parse_count

    for c in clues("counted_studies"):
        m = c.regex.search(text, sent.start, sent.end)
        if m is None:
            continue
        count = 2 if m.group("count").lower() == "both" else parse_count(m.group("count"))
        nums = list(dict.fromkeys(bare_numbers(text, sent.start, sent.end)))
        if count is not None and count >= 2 and len(nums) == count:
            return nums
    return []


# --------------------------------------------------------------------------- structure


def study_heading_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets of the headings that open the studies part of a review ("Clinical studies",
    "Evidence in psoriasis"): an introduction or background section ends there."""
    return [m.start() for c in clues("study_heading") for m in c.regex.finditer(text, start, end)]


def header_role(header: str) -> str | None:
    """A table column's role from the lexicon's ``header`` rows (tried before the general
    header rows of ``table_columns.jsonl``)."""
    for c in clues("header"):
        if c.regex.search(header):
            return c.role
    return None
