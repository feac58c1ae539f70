"""Assigning a review's sentences to its studies: a study is opened by a table row, a study
mention or a reference number, and each sentence from there to the end of its paragraph is
that study's, unless another mention takes over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.records.citations import (
    Citation,
    bare_numbers,
    ref_surname,
    surname_matches,
)
from extractor.records.layout import inside, looks_like_heading
from extractor.records.prose_mentions import (
    counted_study_numbers,
    names_secondary_work,
    study_cue,
    study_number,
)
from extractor.records.study_mentions import marker_sentences, opens_study
from extractor.records.table_rows import Row
from extractor.records.text import Span
from extractor.types import Document


@dataclass(slots=True)
class Study:
    surname: str
    year: int | None
    ref: int | None
    first_pos: int
    row: Row | None = None
    sentences: list[Span] = field(default_factory=list)
    text_surnames: list[str] = field(default_factory=list)
    text_years: list[int] = field(default_factory=list)
    letter: str | None = None  # "2019b": two papers of one author and year

    def matches(self, cit: Citation) -> bool:
        if self.ref is not None and cit.ref is not None:
            return self.ref == cit.ref
        if self.letter and cit.letter and self.letter != cit.letter:
            return False
        if not surname_matches(self.surname, cit.surname):
            return False
        return self.year is None or cit.year is None or self.year == cit.year


@dataclass(slots=True)
class _Paragraph:
    """The state of one paragraph's walk: its mentions in order, its sentences, whether it is
    in an excluded section, the study its sentences go on with, a lead-in sentence held."""

    by_pos: list[Citation]
    sents: list[Span]
    excluded: bool
    current: Study | None = None
    lead: Span | None = None


class Assigner:
    """Walks the paragraphs once, opening studies and giving them their sentences."""

    def __init__(self, document: Document, rows: list[Row], numbered: bool) -> None:
        self.document = document
        self.text = document.text
        self.rows = rows
        self.numbered = numbered
        self.studies = [
            Study(r.citation.surname, r.year, r.citation.ref, r.start, row=r) for r in rows
        ]
        # with study tables, a study cited by number only must be a row (gold 7.1: a study is a
        # table row or a results paragraph); an author mention in a results paragraph opens
        # its own study either way
        self.may_create = not rows
        # the reference list's numbers, read once (each sentence asks)
        self.listed = frozenset(r.number for r in document.references if r.number is not None)

    def run(self, cits: list[tuple[Span, list[Citation]]], excluded: list[Span]) -> list[Study]:
        """The studies that got a row or a sentence, in order of first mention."""
        carry: Study | None = None  # the study a heading of its own opened
        for p, found in cits:
            ps = _Paragraph(
                sorted(found, key=lambda c: c.start),
                marker_sentences(self.text, p.start, p.end),
                inside(p.start, excluded),
            )
            ps.current = None if ps.excluded or found else carry
            for i, s in enumerate(ps.sents):
                self._sentence(ps, i, s)
            carry = self._carried(p, found, carry)
        studies = [st for st in self.studies if st.row is not None or st.sentences]
        for st in studies:
            if st.sentences:
                st.first_pos = min(st.first_pos, st.sentences[0].start)
        studies.sort(key=lambda st: st.first_pos)
        return studies

    def _carried(self, p: Span, found: list[Citation], carry: Study | None) -> Study | None:
        """The study the paragraphs after ``p`` go on with: the one a heading names on its own
        ("3.1 Ahmadi et al. (2021)", "Study 1: Kim et al., 2019"), kept over paragraphs that
        cite nothing until another mention or another heading."""
        line = self.text[p.start : p.end]
        if found:
            c = found[0]
            if len(found) == 1 and _study_heading(line, self.text[c.start : c.end]):
                return self._find(c)
            return None
        return None if looks_like_heading(line) else carry

    def _find(self, c: Citation) -> Study | None:
        return next((st for st in self.studies if st.matches(c)), None)

    def _sentence(self, ps: _Paragraph, i: int, s: Span) -> None:
        here = [c for c in ps.by_pos if s.start <= c.start < s.end]
        following = ps.sents[i + 1 : i + 2]
        if ps.current is not None and _leads_in(
            self.text, s, here, following, ps.by_pos, ps.current
        ):
            # "For photoageing, only animal data exist. Chen et al16 exposed …": a sentence
            # that reports nothing and comes right before another study's citation opens
            # that study; it is not the study before it going on
            ps.current, ps.lead = None, s
            return
        named = self._named(here, ps.excluded, s)
        if not named and self.rows and not ps.excluded:
            # "… the combination was best [22].": a sentence whose one reference number is
            # another row's goes to that row, not on with the study before it
            named = _row_by_number(self.text, s, self.studies)
        if (
            not named
            and self.rows
            and _cites_other_work(self.text, self.listed, s, here, self.studies)
        ):
            # with study tables, a sentence citing only other work (a reference no row
            # stands for: "Whether this holds in chemotherapy-induced alopecia [8] is
            # unknown") is about that work, not a continuation of the study before it
            ps.current = None
            return
        if not named and _points_to_secondary_work(self.text, s, self.studies):
            # "… were reviewed by the same group.34": the sentence is about the review it
            # cites, not a continuation of the study before it
            ps.current = None
            return
        if len(named) > 1:
            # "Both Kim et al. (5) and Lee et al. (6) used …": the sentence is about each
            # of them, and what follows it cannot be told apart
            if not ps.excluded:
                for st in named:
                    st.sentences.append(s)
            ps.current = None
            return
        target = named[0] if named else self._unnamed(ps, s)
        if target is None and self._counted(ps, s):
            ps.current, ps.lead = None, None
            return
        if target is None:
            target = self._numbered(ps, s)
        self._attach(ps, target, s)

    def _named(self, here: list[Citation], excluded: bool, s: Span) -> list[Study]:
        """The studies the sentence's mentions name, opening those not known yet."""
        named: list[Study] = []
        for c in here:
            st = self._find(c)
            if st is None and not excluded and opens_study(self.text, c, s):
                st = Study(c.surname, c.year, c.ref, c.start, letter=c.letter)
                self.studies.append(st)
            if st is not None and st not in named:
                st.text_surnames.append(c.surname)
                if c.year is not None:
                    st.text_years.append(c.year)
                named.append(st)
        return named

    def _unnamed(self, ps: _Paragraph, s: Span) -> Study | None:
        """A sentence with no mention that starts no run: a row named by its first author's
        surname alone, or the one known study among the sentence's reference numbers."""
        if ps.current is not None or ps.excluded:
            return None
        if self.rows:
            target = _row_named_by_surname(self.text, s, self.studies)
            if target is not None:
                return target
        nums = bare_numbers(self.text, s.start, s.end)
        known = [st for st in self.studies if st.ref is not None and st.ref in nums]
        return known[0] if len(known) == 1 else None

    def _counted(self, ps: _Paragraph, s: Span) -> bool:
        """ "Two groups injected … [3,4]": the sentence is about each numbered study."""
        if not (self.numbered and self.may_create) or ps.excluded:
            return False
        many = counted_study_numbers(self.text, s)
        for n in many:
            st = next((x for x in self.studies if x.ref == n), None)
            if st is None:
                st = _numbered_study(self.document, n, s.start)
                self.studies.append(st)
            st.sentences.append(s)
        return bool(many)

    def _numbered(self, ps: _Paragraph, s: Span) -> Study | None:
        """The study a sentence reporting a treatment cites by its one number."""
        if not (self.numbered and self.may_create) or ps.excluded:
            return None
        num = study_number(self.text, s)
        if num is None:
            return None
        target = next((st for st in self.studies if st.ref == num), None)
        if target is None:
            target = _numbered_study(self.document, num, s.start)
            self.studies.append(target)
        return target

    def _attach(self, ps: _Paragraph, target: Study | None, s: Span) -> None:
        """``s`` goes to the target (which becomes the current study) or the current one."""
        if target is not None:
            ps.current = target
            if ps.lead is not None and not ps.excluded and ps.lead not in target.sentences:
                target.sentences.append(ps.lead)
        ps.lead = None
        if ps.current is not None and not ps.excluded:
            ps.current.sentences.append(s)


_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:\d+\.)*\d+\.?|[-•*–]|(?:study|trial|case)\s+\d+\s*[:.–-]?)\s*", re.I
)


def _points_to_secondary_work(text: str, s: Span, studies: list[Study]) -> bool:
    """Sentence ``s`` cites by number only works no study stands for, and names one of them a
    secondary work (a review, a meta-analysis, a guideline: ``citation.json``)."""
    nums = set(bare_numbers(text, s.start, s.end))
    if not nums or any(st.ref in nums for st in studies):
        return False
    return names_secondary_work(text, s)


def _study_heading(line: str, citation: str) -> bool:
    """A line that is only a study's citation, after any numbering or label ("3.1 ",
    "Study 2: ") and before any closing punctuation."""
    rest = _HEADING_NUMBER.sub("", line, count=1).strip().rstrip(".:;")
    return "\n" not in line and len(rest) <= len(citation) + 2 and citation.strip() in rest


def _leads_in(
    text: str,
    s: Span,
    here: list[Citation],
    following: list[Span],
    by_pos: list[Citation],
    current: Study,
) -> bool:
    """Whether sentence ``s`` introduces the study cited in the next sentence rather than
    continuing ``current``: it cites nothing, names no study subject or treatment step
    (``study_cue``), and the next sentence cites a study that is not ``current``."""
    if here or not following:
        return False
    # the cheap test first (most sentences are followed by one citing nothing new): the
    # cue and disease scans below then run for the few sentences it leaves
    nxt = following[0]
    cited = [c for c in by_pos if nxt.start <= c.start < nxt.end]
    if not cited or any(current.matches(c) for c in cited):
        return False
    if study_cue(text, s.start, s.end) or re.search(r"\d", text[s.start : s.end]):
        return False  # a treatment step, or a result ("IL-8 fell from 27 to 14")
    return _names_disease(text, s)  # no topic of its own: it leads in nothing


def _names_disease(text: str, s: Span) -> bool:
    """Whether a row of the disease lexicon matches inside sentence ``s`` (only the rows
    whose opening occurs in it are tried: ``screen.screen_span``)."""
    from extractor.records.lexicon import cues
    from extractor.records.screen import screen_span

    table = cues("diseases")
    return any(
        c.regex.search(text, s.start, s.end) for c in screen_span(table, text, s.start, s.end)
    )


def _cites_other_work(
    text: str, listed: frozenset[int], s: Span, here: list[Citation], studies: list[Study]
) -> bool:
    """Whether sentence ``s`` cites only works that are none of ``studies``: an author
    citation that found no study, or bracketed numbers that are all entries of the reference
    list (``listed``: its numbers) and none a study's."""
    if here:
        return True
    nums = bare_numbers(text, s.start, s.end)
    own = {st.ref for st in studies if st.ref is not None}
    return bool(nums) and set(nums) <= listed and not set(nums) & own


def _row_named_by_surname(text: str, s: Span, studies: list[Study]) -> Study | None:
    """The one table-row study whose first author a sentence names by surname alone ("In
    the keloid series, Kaur also measured TGF-β1"): a review names a tabulated study again
    without repeating the citation. Case-sensitive whole words; two rows named: neither."""
    sent = text[s.start : s.end]
    hits = [
        st
        for st in studies
        if st.row is not None
        and len(st.surname) >= 2
        and st.surname in sent  # the whole-word test needs the surname first
        and re.search(rf"(?<![\w-]){re.escape(st.surname)}(?![\w-])", sent)
    ]
    return hits[0] if len(hits) == 1 else None


def _row_by_number(text: str, s: Span, studies: list[Study]) -> list[Study]:
    """The one table-row study whose reference number is the only one sentence ``s`` gives,
    as a list ([] for none, or for numbers of several studies)."""
    nums = set(bare_numbers(text, s.start, s.end))
    if len(nums) != 1:
        return []
    hits = [st for st in studies if st.row is not None and st.ref in nums]
    return hits if len(hits) == 1 else []


def _numbered_study(document: Document, num: int, pos: int) -> Study:
    """A study known only by its number: author and year come from the reference list."""

    ref = next((r for r in document.references if r.number == num), None)
    surname = (ref_surname(ref) or "") if ref is not None else ""
    return Study(surname, ref.year if ref is not None else None, num, pos)
