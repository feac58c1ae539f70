"""Pure text repairs for text that comes out of a layout (PDF): ligatures, whitespace,
line-break hyphens. Plain-text input never goes through these (its offsets are sacred).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Unicode presentation-form ligatures (U+FB00-FB06) -> their letters. NFKC would do this
# too, but NFKC also folds the micro sign into Greek mu and superscripts into digits,
# which changes meaning for units and powers of ten, so only this block is mapped.
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE_RE = re.compile("[" + "".join(LIGATURES) + "]")

# Marks that text extractors put where a line ended in a hyphen: pdfium's U+FFFE,
# the soft hyphen U+00AD and U+0002 (some PDF producers).
HYPHEN_MARKS = "\ufffe\u00ad\u0002"

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WORD = re.compile(r"[^\W_][\w\-\u2010\u2011]*", re.UNICODE)


def normalize_ligatures(s: str) -> str:
    """Replace ligature glyphs (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬅ, ﬆ) with their letters."""
    return _LIGATURE_RE.sub(lambda m: LIGATURES[m.group()], s)


def collapse_spaces(s: str) -> str:
    """Runs of horizontal white space (incl. no-break and thin spaces) -> one space; strip."""
    return _SPACES.sub(" ", s).strip()


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Case-folded words (hyphenated compounds kept whole) that occur unbroken in ``texts``."""
    out: set[str] = set()
    for t in texts:
        for w in _WORD.findall(t):
            out.add(w.casefold())
    return frozenset(out)


def join_hyphenated(left: str, right: str, vocab: frozenset[str] = frozenset()) -> str:
    """Join a word split across a line break at a hyphen: soft hyphen dropped, real one kept.

    ``left`` is the text before the break (without the hyphen), ``right`` the text after.
    The document's own vocabulary decides first: if the compound "ADMSC-derived" occurs
    unbroken elsewhere the hyphen stays; if "inflammatory" does, it goes. Otherwise a
    fragment with capitals or digits (IL-, CD4-, ADMSC-) keeps its hyphen, as does a right
    part starting with a capital or digit; two lower-case fragments are joined.
    """
    lm = re.search(r"[\w\u2010\u2011-]*$", left)
    rm = re.match(r"[\w\u2010\u2011-]*", right)
    lw = lm.group() if lm else ""
    rw = rm.group() if rm else ""
    lw_last = re.split(r"[-\u2010\u2011]", lw)[-1]
    rw_first = re.split(r"[-\u2010\u2011]", rw)[0]
    keep: bool
    if f"{lw}-{rw}".casefold() in vocab or f"{lw_last}-{rw_first}".casefold() in vocab:
        keep = True
    elif (lw_last + rw_first).casefold() in vocab:
        keep = False
    elif (
        len(lw_last) >= 3
        and len(rw_first) >= 3
        and {lw_last.casefold(), rw_first.casefold()} <= vocab
    ):
        keep = True  # two words of the document on either side: "above-mentioned"
    else:
        upper_or_digit = sum(c.isupper() or c.isdigit() for c in lw_last)
        keep = (
            upper_or_digit >= 2
            or any(c.isdigit() for c in lw_last)
            or (rw_first[:1].isupper() or rw_first[:1].isdigit())
            or not lw_last
            or not rw_first
        )
    return f"{left}-{right}" if keep else f"{left}{right}"


def dehyphenate(s: str, vocab: frozenset[str] = frozenset()) -> str:
    """Resolve every line-break hyphen mark in ``s`` (see ``join_hyphenated``)."""
    parts = re.split(f"[{HYPHEN_MARKS}]\\s*", s)
    out = parts[0]
    for nxt in parts[1:]:
        out = join_hyphenated(out, nxt, vocab)
    return out
