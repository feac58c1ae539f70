"""Text regions that hold no mentions, and abbreviation glossaries: pure functions on text.

- Search-term lists of systematic reviews ("“ADMSCs in psoriasis”, “ADMSCs in acne”, …") are
  strings the authors typed into a database, not statements about cells (GUIDELINES §0).
  A run of three or more quoted items joined by commas / "and" / "or" is such a list.
  A line of double-quoted cells joined by bare delimiters (``"a","b","c"``, the form a CSV or
  TSV export takes, RFC 4180) is a table row, not a list: its cells are read.
- Abbreviation glossaries ("NK, natural killer cells; PGE2, prostaglandin E2; …"), the
  footnote form journals print under tables and figures, define abbreviations just as
  "long form (SHORT)" does in prose; :func:`glossary_pairs` reads them.
"""

from __future__ import annotations

import re

from extractor.normalize.first_chars import finditer_not_after

_ITEM_OPENINGS = ("“", '"')
_ITEM = r"[“\"][^“”\"]{1,100}[”\"]"
_BROKEN_ITEM = r"[^“”\"\n,;]{1,100}[”\"]"  # an item whose opening quote was lost
_SEP = rf"\s*,\s*(?:(?:and|or)\s+)?(?:{_BROKEN_ITEM}\s*,\s*(?:(?:and|or)\s+)?)?"
_QUOTED_LIST_RE = re.compile(rf"{_ITEM}(?:{_SEP}{_ITEM}){{2,}}")
# A delimited-export row (RFC 4180): a whole line of straight-quoted cells, each joined to the
# next by one bare comma, semicolon or tab, with no space as prose lists have.
_DELIMITED_ROW_RE = re.compile(r'^[ \t]*"[^"\n]*"(?:[,;\t]"[^"\n]*"){2,}[ \t,;]*$', re.MULTILINE)

# "SHORT, long form;" with the short form an abbreviation-like token (a capital or digit
# somewhere, no spaces) and the long form a lower-case-led phrase.
_GLOSSARY_ENTRY_RE = re.compile(
    r"(?:(?<=;)|(?<=^)|(?<=\n)|(?<=: ))\s*"
    r"(?P<short>[A-Za-z0-9\u0370-\u03FF][\w\u0370-\u03FF+\-/]{0,14}),\s+"
    r"(?P<long>[^;,\n()]{3,90}?)\s*(?=;|\.\s|\.$|\n|$)",
    re.MULTILINE,
)


# Where a glossary entry may start: the text start, after ";", a newline or ": ". Trying the
# entry pattern only there is ~10x faster than letting it scan every character of a paper.
_ENTRY_ANCHORS = (";", "\n", ": ")


def _anchor_ends(text: str) -> list[int]:
    """Where each anchor ends, in text order: what ``re.finditer(r";|\\n|: ")`` gives (the
    anchors never overlap), found by ``str.find``, which skips to a character in C where
    the regex engine steps through the alternation at every one (0.41 -> 0.10 ms on the
    review)."""
    out: list[int] = []
    for anchor in _ENTRY_ANCHORS:
        k = text.find(anchor)
        while k >= 0:
            out.append(k + len(anchor))
            k = text.find(anchor, k + 1)
    out.sort()
    return out


def _glossary_entries(text: str) -> list[re.Match[str]]:
    """The matches ``_GLOSSARY_ENTRY_RE.finditer(text)`` gives, found from anchors only."""
    out: list[re.Match[str]] = []
    end = 0
    for pos in (0, *_anchor_ends(text)):
        if pos < end:
            continue
        m = _GLOSSARY_ENTRY_RE.match(text, pos)
        if m is not None:
            out.append(m)
            end = max(m.end(), pos + 1)
    return out


def quoted_lists(text: str) -> list[tuple[int, int]]:
    """Character ranges of lists of three or more quoted items (search strings).

    A list inside a delimited-export row is that row's cells, not search strings.
    """
    # Both patterns hold a straight or curly opening quote: a text without one (most) is not
    # scanned, and a list is tried only where an item opens (str.find; the review: 0.50 ->
    # 0.01 ms)
    rows = [(m.start(), m.end()) for m in _DELIMITED_ROW_RE.finditer(text)] if '"' in text else []
    return [
        (m.start(), m.end())
        for m in finditer_not_after(_QUOTED_LIST_RE, text, None, heads=_ITEM_OPENINGS)
        if not any(a <= m.start() and m.end() <= b for a, b in rows)
    ]


def glossary_pairs(text: str) -> list[tuple[int, int, int, int]]:
    """(short_start, short_end, long_start, long_end) of abbreviation-glossary entries.

    Only entries inside a run of at least three ``;``-separated entries count, so an
    ordinary "X, y;" in prose is not taken for a definition.
    """
    entries = [
        m
        for m in _glossary_entries(text)
        if any(c.isupper() or c.isdigit() for c in m.group("short"))
    ]
    out: list[tuple[int, int, int, int]] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 3:
            out.extend(
                (m.start("short"), m.end("short"), m.start("long"), m.end("long")) for m in run
            )
        run.clear()

    for m in entries:
        if run and text[run[-1].end() : m.start()].strip() not in (";", ""):
            flush()
        run.append(m)
    flush()
    return out
