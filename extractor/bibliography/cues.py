"""The front-matter vocabulary (``data/cues.json``), loaded once and compiled into patterns.

Knowledge stays in the data file; this module only turns its rows into sets and regexes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


def _alternation(rows: list[str]) -> str:
    # longest first, so "published online" wins over "published"
    return "|".join(re.escape(r) for r in sorted(rows, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Cues:
    citation_line: re.Pattern[str]  # "Cite this article as: <citation>"
    published: re.Pattern[str]  # "Published: 15 June 2021"
    history: re.Pattern[str]  # "Accepted: 2 June 2021"
    body_heading: re.Pattern[str]  # "Abstract", "1. Introduction", "Background: …"
    reference_heading: re.Pattern[str]
    article_labels: frozenset[str]
    degrees: frozenset[str]
    not_name_words: frozenset[str]
    not_shaped_name_words: frozenset[str]  # only for the shape fallback (shape.py)
    particles: frozenset[str]
    compound_given: frozenset[str]  # "maria jose": Iberian compound given names, folded
    title_wraps: frozenset[str]  # words a wrapped title line ends in
    subtitle: re.Pattern[str]  # "A Randomized Clinical Trial": a design subtitle line
    author_joiner: re.Pattern[str]  # "y", "e", "et", "und" between two names
    related_item: re.Pattern[str]  # "Comment in", "A Correction to this article": not ours
    page_field: re.Pattern[str]  # "Subject Area: …", "Academic Editor: …": no title


@cache
def cues() -> Cues:
    """The compiled vocabulary of ``data/cues.json``."""
    raw = json.loads(files("extractor.bibliography").joinpath("data/cues.json").read_text("utf-8"))

    def rows(key: str) -> list[str]:
        return [str(r) for r in raw[key]["rows"]]

    month = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    # "15 June 2021", "28-Jun-2021", "June 15, 2021", "2019 Dec 3", "2021-06-15", "15.06.2021"
    date_tail = (
        r"\s*(?:online|on|in)?\s*[:.]?\s*"
        rf"(?:{day}[\s-]+{month}[\s-]+|{month}\s+(?:{day},?\s+)?|\d{{1,2}}[./]\d{{1,2}}[./])?"
        r"(?P<year>(?:19|20)\d\d)(?![\d/])"
    )
    return Cues(
        citation_line=re.compile(
            rf"^\W{{0,3}}(?:{_alternation(rows('citation_cues'))})(?:\s*[:.-]|\s*$|(?<=\bas)\s)\s*"
            r"(?P<rest>.*)$",
            re.I,
        ),
        published=re.compile(
            rf"(?:^|[;|]\s*)(?:{_alternation(rows('published_cues'))})\b{date_tail}", re.I | re.M
        ),
        history=re.compile(
            rf"(?:^|[;|]\s*)(?:{_alternation(rows('history_cues'))})\b{date_tail}", re.I | re.M
        ),
        body_heading=re.compile(
            rf"^\s*(?:\d{{1,2}}\.?\s+)?(?:{_alternation(rows('body_headings'))})\b\s*(?:[:.\u2014\u2013-]|$)",
            re.I,
        ),
        reference_heading=re.compile(
            rf"^\s*(?:\d{{1,2}}\.?\s+)?(?:{_alternation(rows('reference_headings'))})\s*:?\s*$",
            re.I,
        ),
        article_labels=frozenset(rows("article_labels")),
        degrees=frozenset(rows("degrees")),
        not_name_words=frozenset(rows("not_name_words")),
        not_shaped_name_words=frozenset(rows("not_shaped_name_words")),
        particles=frozenset(rows("surname_particles")),
        compound_given=frozenset(rows("compound_given_names")),
        title_wraps=frozenset(rows("title_wrap_words")),
        subtitle=re.compile(
            rf"^(?:A|An)\s+(?:[\w'’-]+\s+){{0,8}}(?:{_alternation(rows('subtitle_nouns'))})$", re.I
        ),
        author_joiner=re.compile(rf"\s+(?:{_alternation(rows('author_joiners'))})\s+(?=[A-ZÀ-Þ])"),
        page_field=re.compile(rf"^\W{{0,3}}(?:{_alternation(rows('page_field_labels'))})", re.I),
        related_item=re.compile(
            rf"^\W{{0,3}}(?:{_alternation(rows('related_item_cues'))})\b", re.I
        ),
    )
