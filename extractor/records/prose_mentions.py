"""The study mentions of a review's prose: the author citations that name a study the review
discusses (a sentence's subject, a bracketed citation in a sentence reporting a treatment, a
citation announcing the study the next sentence reports), and the studies cited by number only.
"""

from __future__ import annotations

import re

from extractor.normalize.first_chars import guarded
from extractor.records.citations import (
    Citation,
    bare_numbers,
    find_citations,
    fold,
    is_subject,
    study_nouns,
)
from extractor.records.layout import inside
from extractor.records.lexicon import json_table
from extractor.records.pieces import THERAPY_WORDS
from extractor.records.study_mentions import (
    collective_source,
    complete,
    counted_numbers,
    culture_step,
    marker_sentences,
    names_other_work,
    open_question,
)
from extractor.records.text import Span
from extractor.types import Bibliography, Document


def collect_citations(
    document: Document,
    paras: list[Span],
    excluded: list[Span],
    bibliography: Bibliography | None,
) -> tuple[list[tuple[Span, list[Citation]]], list[Citation]]:
    """Each paragraph with the study mentions in it, and those outside the excluded sections
    (the "cited studies acting as subjects" that make a document a review)."""
    text = document.text
    cits: list[tuple[Span, list[Citation]]] = []
    subjects: list[Citation] = []
    own = _own_citation(bibliography)
    for p in paras:
        found = [
            c
            for c in _mentions(document, p)
            if not _is_own(c, own)
            and (is_subject(text, c) or _reports_study(text, c, p) or _announces_study(text, c, p))
        ]
        cits.append((p, found))
        subjects.extend(c for c in found if not inside(c.start, excluded))
    return cits, subjects


def numbered_citations(text: str, paras: list[Span], excluded: list[Span]) -> list[Citation]:
    """Studies cited only by number ("... received UC-MSCs intravenously [12].", "Two groups
    injected … [3,4]."), one citation spanning its sentence per number."""
    numbered: list[Citation] = []
    for p in paras:
        if inside(p.start, excluded):
            continue
        for s in marker_sentences(text, p.start, p.end):
            num = study_number(text, s)
            nums = [num] if num is not None else counted_study_numbers(text, s)
            numbered.extend(Citation("", None, n, s.start, s.end) for n in nums)
    return numbered


def _own_citation(bibliography: Bibliography | None) -> tuple[str, int] | None:
    """(first author, year) of the document itself: a citation of it printed in its own front
    matter or page foot (Cell Press's ``Benítez et al., 2023, Stem Cell Reports 18``, running
    heads) names the article, not a study it discusses."""
    if bibliography is None or not bibliography.authors or bibliography.year is None:
        return None
    if _read_from_prose(bibliography):
        return None
    return fold(bibliography.authors[0]), bibliography.year


def _read_from_prose(bibliography: Bibliography) -> bool:
    """A bibliography without DOI or PMID whose title or journal holds an author-year citation
    ("Lee and Park (2019) applied …"), or whose title opens with a lower-case word ("gave
    intradermal ADSCs to …"), was read from a review's first sentence, not from a header:
    its author is a study the text discusses."""
    if bibliography.doi or bibliography.pmid:
        return False
    if bibliography.title and re.match(r"[a-z]{3,}\s", bibliography.title):
        return True  # "gave intradermal ADSCs to 60 patients …": a predicate, not a title
    return any(find_citations(x) for x in (bibliography.title, bibliography.journal) if x)


def _is_own(c: Citation, own: tuple[str, int] | None) -> bool:
    """A citation of the document itself: its first author with its year, or with no year
    (Cell Press's "In brief": "Benítez and colleagues show that …")."""
    return own is not None and fold(c.surname) == own[0] and c.year in (None, own[1])


def _mentions(document: Document, p: Span) -> list[Citation]:
    """The author mentions of paragraph ``p``, each with the year or reference number its
    sentence gives it apart from the author part (``study_mentions.complete``), less those
    that name a review, a guideline, a comparison or an authority. Two surnames alone
    ("Lindqvist and Berg also found … [16]") count only when their sentence's reference
    marker resolves to an entry by the first of them."""
    text = document.text
    sents = marker_sentences(text, p.start, p.end)
    out = []
    for c in find_citations(text, p.start, p.end, pairs=True):
        s = next((x for x in sents if x.start <= c.start < x.end), None)
        if names_other_work(text, c, s):
            continue
        done = complete(text, c, s, document.references)
        if _bare_pair(text, c) and done.ref is None:
            continue
        out.append(done)
    return out


def _bare_pair(text: str, c: Citation) -> bool:
    """Two surnames with neither year nor number nor a collective word ("Lee and Park")."""
    collective = re.compile(rf"et\s+al|{collective_source()}|group|team|lab")
    if c.year is not None or c.ref is not None or collective.search(text, c.start, c.end):
        return False
    return re.search(r"\s(?:and|&)\s", text[c.start : c.end]) is not None


_STUDY_CUE = guarded(
    re.compile(
        r"\b(?:patients?|participants?|volunteers?|mice|mouse|murine|rats?|dogs?|canine|animals|"
        r"rodents|trials?|in\s+vivo|in\s+vitro|treated|injected|injections?|administered|"
        r"infused|received|gave|grafted|transplanted|applied|exposed|incubated|co-?cultured|"
        r"(?:intradermal|intravenous|subcutaneous|topical|intralesional)(?:ly)?)\b",
        re.IGNORECASE,
    )
)  # tried only where a match can open (normalize.first_chars): the same matches


def study_cue(text: str, start: int, end: int) -> bool:
    """The span names study subjects or a treatment step (patients, mice, injected …)."""
    return _STUDY_CUE.search(text, start, end) is not None


def study_number(text: str, s: Span) -> int | None:
    """The one reference number of a sentence that reports a study's treatment (cells given,
    or exposed to a product in culture), else None; not when the sentence names a secondary
    work (a meta-analysis, a systematic review, a guideline: ``citation.json``)."""
    nums = _own_numbers(text, s)
    if len(set(nums)) != 1 or not (_own_step(text, s) or culture_step(text, s)):
        return None
    if open_question(text, s):
        return None  # "Whether vesicles can replace cells in patients is not yet known.14"
    if names_secondary_work(text, s):
        return None  # "a meta-analysis of 11 studies … in animals [7]": no primary study
    return nums[0]


def names_secondary_work(text: str, s: Span) -> bool:
    """Sentence ``s`` names a secondary work: a meta-analysis, a review, a guideline, or a
    pointer to a review ("reviewed elsewhere"; ``citation.json`` ``secondary_work``)."""
    secondary = json_table("citation.json")["secondary_work"]
    return re.search(secondary, text[s.start : s.end], re.IGNORECASE) is not None


def _own_numbers(text: str, s: Span) -> list[int]:
    """The sentence's reference numbers less those of an author citation it only compares
    with ("Like Ortega et al,6 a later mouse study … 7 days8": the study is 8)."""
    nums = bare_numbers(text, s.start, s.end)
    if len(set(nums)) < 2:
        return nums
    compared = {
        c.ref for c in find_citations(text, s.start, s.end) if c.ref and not is_subject(text, c)
    }
    return [n for n in nums if n not in compared] or nums


def _own_step(text: str, s: Span) -> bool:
    """A study cue in ``s`` that is not a conventional drug's ("corticosteroid injection …
    remain the first line" is standard care, not a study's treatment step)."""
    from extractor.records.lexicon import kind

    drug = kind("route_context", "other_agent_form")
    return any(
        drug.search(text, max(s.start, m.start() - 60), m.start()) is None
        for m in _STUDY_CUE.finditer(text, s.start, s.end)
    )


def counted_study_numbers(text: str, s: Span) -> list[int]:
    """The reference numbers of a sentence that reports a treatment and counts its studies
    (``study_mentions.counted_numbers``), else []."""
    if not _STUDY_CUE.search(text, s.start, s.end):
        return []
    return counted_numbers(text, s)


def _reports_study(text: str, c: Citation, p: Span) -> bool:
    """A bracketed citation that is an item of its brackets, alone or in a ";"-separated
    list, anywhere in a sentence that reports a treatment, names the study the sentence is
    about: "… reduced IL-8 (Liu et al., 2022).", "In earlobe keloids (Rahman et al., 2023),
    12 patients received …", "a mouse model (Tanaka et al., 2018; 100 μg bleomycin s.c.)
    showed …". A citation that only supports a claim ("… agree with earlier data (Kim et al.,
    2015)") is not one."""
    if c.year is None and c.ref is None:
        return False
    opener = _bracket_opener(text, c, p)
    if opener is None:
        return False
    s = next(
        (x for x in marker_sentences(text, p.start, p.end) if x.start <= c.start < x.end),
        Span(p.start, p.end),
    )
    support = json_table("citation.json")["support_before"]
    if re.search(support, text[s.start : opener], re.IGNORECASE):
        return False
    secondary = json_table("citation.json")["secondary_work"]
    # the sentence's subject is a secondary work ("A meta-analysis of 14 trials … (Gupta et
    # al., 2019)."): no primary study; "Following the consensus …, 24 patients received …"
    # still is one (a determiner, lower-case modifiers, then the work)
    subject = r"\W*(?:(?i:an?|the|one|this|that|these|those|another)\s+)?(?:[a-z][\w-]*\s+){0,2}"
    if re.match(rf"{subject}(?i:{secondary})", text[s.start : opener]):
        return False
    if _same_group(text, s, opener):
        return True
    return any(not _prevalence(text, m, s) for m in _STUDY_CUE.finditer(text, s.start, s.end))


def _same_group(text: str, s: Span, opener: int) -> bool:
    """The sentence's subject is the research group of a study just discussed ("The same
    laboratory later reported that the vesicles …") and it names a therapy: a further study
    of theirs, whatever its wording (``citation.json`` ``same_group``)."""
    pat = json_table("citation.json")["same_group"]
    if re.match(pat, text[s.start : opener], re.IGNORECASE) is None:
        return False
    return THERAPY_WORDS.search(text, s.start, opener) is not None


def _prevalence(text: str, cue: re.Match[str], s: Span) -> bool:
    """The study cue is the population a share of it is about ("in up to 47% of patients
    with acne vulgaris"), in a sentence that names no therapy: a prevalence, not subjects
    (``citation.json`` ``prevalence_before``)."""
    if THERAPY_WORDS.search(text, s.start, s.end) is not None:
        return False
    before = text[max(s.start, cue.start() - 60) : cue.start()]
    return re.search(json_table("citation.json")["prevalence_before"], before, re.I) is not None


def _announces_study(text: str, c: Citation, p: Span) -> bool:
    """A bracketed citation closing a sentence of its own that names a study ("For localized
    scleroderma only one report exists (Okoye et al., 2023).") when the next sentence of the
    paragraph reports a treatment and cites nothing itself: the details that follow are that
    study's. A support citation ("… as earlier studies showed (Kim et al., 2015).") is not
    one, nor a citation after a general claim without a study noun."""
    if c.year is None and c.ref is None:
        return False
    opener = _bracket_opener(text, c, p)
    if opener is None:
        return False
    sents = marker_sentences(text, p.start, p.end)
    idx = next((i for i, x in enumerate(sents) if x.start <= c.start < x.end), None)
    if idx is None or idx + 1 >= len(sents):
        return False
    s, nxt = sents[idx], sents[idx + 1]
    if not re.fullmatch(r"\s*[)\]]?\s*[.;:]?\s*", text[c.end : s.end]):
        return False  # the citation must close its sentence
    support = json_table("citation.json")["support_before"]
    head = text[s.start : opener]
    if re.search(support, head, re.IGNORECASE):
        return False
    if not re.search(rf"\b(?:{study_nouns()})(?:e?s)?\b", head, re.IGNORECASE):
        return False
    if find_citations(text, nxt.start, nxt.end) or bare_numbers(text, nxt.start, nxt.end):
        return False
    return _STUDY_CUE.search(text, nxt.start, nxt.end) is not None


def _bracket_opener(text: str, c: Citation, p: Span) -> int | None:
    """Offset of the "(" / "[" whose list item ``c`` is: the bracket opens right before the
    citation or after a ";" of the list, and closes right after it or goes on with ";"."""
    depth = 0
    opener = None
    for i in range(c.start - 1, p.start - 1, -1):
        ch = text[i]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                opener = i
                break
            depth -= 1
    if opener is None:
        return None
    inner = text[opener + 1 : c.start]
    if inner.strip() and not re.search(r";\s*$", inner):
        return None  # "(reviewed in Kim et al., 2019)", "(e.g., Kim et al., 2015)"
    # "Kim et al. (2019)", "Kim et al. (J Dermatol Sci 2019)": brackets of the citation's own
    closed = text[c.end - 1 : c.end] in (")", "]") and not re.search(
        r"[(\[][^()\[\]]*(?:19|20)\d{2}[a-z]?\s*[)\]]$", text[c.start : c.end]
    )
    if closed or re.match(r"\s*[)\];]", text[c.end : c.end + 3]):
        return opener
    return None
