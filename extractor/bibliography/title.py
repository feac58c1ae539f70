"""The title of a title page: which line above the author line it is, and where it ends.

A title is the nearest title-like line above the author line (not a label, a DOI, date,
source or volume line, a page field or a sentence of running text), with the lines it wraps
into: a line ending in a function word, comma or colon, a next line in lower case, a design
subtitle (``A Randomized Clinical Trial``), or a title set in title case over several printed
lines as a PDF's first page prints it.
"""

from __future__ import annotations

import re

from extractor.bibliography.citation import running
from extractor.bibliography.cues import cues
from extractor.bibliography.fields import source_line, volume_line
from extractor.bibliography.lines import word_count

PROSE_WORDS = 16  # a line this long ending in a full stop is body text
# a line that is the article's DOI: "doi:10.…", "https://doi.org/10.…", and the label before
# the resolver as BMC's "About this article" box prints it ("DOI https://doi.org/10.…")
DOI_LINE = re.compile(
    r"^\s*(?:doi\s*[:\uff1a]?\s*(?:https?://(?:dx\.)?doi\.org/)?|https?://(?:dx\.)?doi\.org/)\s*10\.",
    re.I,
)
# a database record's field labels ("Title: …", "Source: J Dermatol Sci 2018;92:33")
RECORD_LABEL = re.compile(r"^(?:title|source|journal|reference)\s*:\s*", re.I)


_WORD = re.compile(r"[\w-]+")


def is_label(line: str) -> bool:
    """Only article labels ("Original Article", "Open Access"), or no word at all. The words
    are read lazily: a paragraph line fails at its first word instead of being split whole."""
    labels = cues().article_labels
    words = _WORD.finditer(line.casefold())
    first = next(words, None)
    return first is None or (first.group() in labels and all(w.group() in labels for w in words))


def title_candidate(line: str) -> bool:
    if not line or is_label(line) or DOI_LINE.match(line):
        return False
    if cues().citation_line.match(line) or cues().published.match(line):
        return False
    if cues().history.match(line) or running(line) is not None:
        return False
    if source_line(line) is not None or volume_line(line):
        return False  # "March 2021 · International Wound Journal 18(5)": where, not what
    if _page_field(line):
        return False  # "Running title: …", "Subject Area: …": a page's field, not its title
    words = word_count(line, PROSE_WORDS)
    if words >= PROSE_WORDS and line.endswith("."):
        return False  # a sentence of running text (a letter's body), not a title
    return words >= 3


_FIELD_LABEL = re.compile(
    r"^(?:running\s+(?:title|head)|short\s+title|word\s+count|article\s+type|manuscript\s+"
    r"(?:type|id|number))\s*:",
    re.I,
)


def _page_field(line: str) -> bool:
    """A labelled field of an article page (``Subject Area: Dermatology``, ``Academic Editor:
    …``, Dove's ``Checked for plagiarism Yes``): no title (``data/cues.json``)."""
    return bool(_FIELD_LABEL.match(line) or cues().page_field.match(line))


def _wraps(prev: str, line: str) -> bool:
    """Whether ``prev`` and ``line`` are one title broken over two lines."""
    last = prev.rsplit(None, 1)[-1].casefold() if prev.split() else ""
    return (
        line[:1].islower() or prev.endswith((",", ":", "-", "\u2013")) or last in cues().title_wraps
    )


def title_above(front: list[str], i: int) -> str | None:
    """The title: the nearest candidate above the author line that is not a sentence (a
    letter prints its authors after its body), else the nearest candidate."""
    cands = [k for k in range(i - 1, -1, -1) if title_candidate(front[k])]
    if not cands:
        return None
    k = next((c for c in cands if not front[c].rstrip().endswith(".")), cands[0])
    parts = [front[k]]
    if cues().subtitle.match(front[k].strip()) and k > 0 and title_candidate(front[k - 1]):
        k -= 1  # "Main Title" over "A Randomized Clinical Trial": one title
        parts = [f"{front[k].rstrip().rstrip(':')}:", parts[0]]
    while k > 0 and front[k - 1] and _wraps(front[k - 1], parts[0]):
        k -= 1
        parts.insert(0, front[k])
    while k > 0 and _title_block_line(front[k - 1]) and _title_case_wrap(front[k - 1], parts[0]):
        k -= 1  # a title set in title case over several lines, as PDF first pages print it
        parts.insert(0, front[k])
    end = k + len(parts)
    while end < i and front[end] and _wraps(front[end - 1], front[end]):
        parts.append(front[end])  # "…: A split-face" / "randomized trial"
        end += 1
    return RECORD_LABEL.sub("", " ".join(parts)).rstrip(".")


def _title_block_line(line: str) -> bool:
    return title_candidate(line) and not line.rstrip().endswith((".", ";"))


def _title_case_wrap(prev: str, line: str) -> bool:
    """Whether ``prev`` and ``line`` are one title set in title case and broken between them:
    both in title case (most words capitalised) and neither a whole title on its own,
    ``prev`` stopping where a line is full (``TITLE_LINE_WORDS`` words or more) and neither
    longer than a printed line (a web page prints its title whole on one line, under a
    breadcrumb such as ``Back to Journals » … » Volume 15``)."""
    if not TITLE_LINE_WORDS <= word_count(prev, MAX_TITLE_LINE_WORDS) <= MAX_TITLE_LINE_WORDS:
        return False
    if word_count(line, MAX_TITLE_LINE_WORDS) > MAX_TITLE_LINE_WORDS or _BREADCRUMB.search(prev):
        return False
    return _title_cased(prev) and _title_cased(line)


TITLE_LINE_WORDS = 6  # a title line broken for width holds this many words or more
MAX_TITLE_LINE_WORDS = 16  # and no more than a first page's column holds
_BREADCRUMB = re.compile(r"[»›|]")


def _title_cased(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", line)]
    small = cues().title_wraps
    big = [w for w in words if w.casefold() not in small]
    return bool(big) and sum(w[0].isupper() for w in big) >= 0.8 * len(big)
