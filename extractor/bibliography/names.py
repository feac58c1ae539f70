"""Author lists as printed, read into surnames in order.

Three printed forms, each checked strictly so that a title, a journal name or an affiliation
is never read as authors:

* inverted with initials after (Vancouver/ICMJE, PubMed): ``van der Berg JM, Kim SH(1)``;
* inverted with a comma (APA, ACS/MDPI): ``De Jesus, R., & Wei, L.`` / ``Tanaka, Y.; Lee, K.``;
* given name first (title pages, Elsevier's cite-as line): ``Ana M. Costa1,2,*, Li Wei3,†``.

Given-name-first names go through nameparser (``HumanName.last``), which knows surname
particles (``van der``, ``de``, ``dos``) and post-nominals; the two inverted forms need no
parser, since the printed order already says which part is the surname.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extractor.bibliography.cues import cues

# Affiliation and footnote marks: PubMed's "(1)", digits glued to a name or after its comma,
# and the symbols journals use for corresponding/equal authors.
_PAREN_MARK = re.compile(
    r"\(\s*\d{1,3}\s*\)"
    # a letter mark in brackets after a name ("Sakura Ito(a)", "Priya Sharma MD (a)", "(a,b)")
    r"|(?<=\w)\s?\(\s*[a-h](?:\s*,\s*[a-h])*\s*\)"
    r"|(?<=[^\W\d_])\d{1,3}(?:\s*,\s*\d{1,3})*\)"  # Japanese journals' "YAMAMOTO1)", "SATO1,2)"
    # an ORCID printed after the name ("Ana Costa (https://orcid.org/0000-0002-1111-2222)")
    r"|\(?\s*(?:https?://orcid\.org/|orcid\s*:?\s*)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]\s*\)?",
    re.I,
)


def _drop_paren_marks(s: str, repl: str) -> str:
    """``_PAREN_MARK`` replaced by ``repl``. Each of its forms holds a bracket or an ORCID's
    hyphens, and re tries the pattern at every position: a line with neither (most author
    lines, every heading) skips it (27 -> 0.3 us on a 139-character line)."""
    if "(" in s or ")" in s or "-" in s:
        return _PAREN_MARK.sub(repl, s)
    return s


# SciELO's Roman-numeral affiliation marks glued to the surname ("Ferreira MartinsI",
# "Barbosa CostaII"): capitals right after a lower-case letter, case-sensitive
_ROMAN_MARK = re.compile(r"(?<=[a-zà-ÿ])(?:I{1,3}|IV|VI{0,3})(?=[\s,;]|$)")
_SYMBOLS = "*†‡§¶#\u2217\u204e✉✝⊥‖ⓘ"
_MARKS = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰" + re.escape(_SYMBOLS) + r"]+")
_AND = re.compile(r"\s+(?:and|&)\s+|^\s*(?:and|&)\s+|\s*&\s*", re.I)
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?", re.I)
# "TN", "J-H"; dotted ("T.N", "J.-H", "A.B.C", the final dot stripped with the comma)
_VANCOUVER_INITIALS = re.compile(r"^(?:[A-Z]{1,4}|[A-Z]-[A-Z]{1,2}|(?:[A-Z]\.-?){1,3}[A-Z])$")
_INITIALS = re.compile(r"^(?:[A-Z]\.\s*-?\s*)+(?:[A-Z]\.?)?$|^[A-Z]{1,3}\.?$|^[A-Z][a-z]?\.$")
_GIVEN_INITIAL = re.compile(r"^[A-Z]\.?(?:-[A-Z]\.?)?$|^(?:[A-Z]\.){2,3}$|^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class AuthorList:
    """Surnames in order; ``truncated`` when the list ended in ``et al.``."""

    surnames: tuple[str, ...]
    truncated: bool = False


def fold(s: str) -> str:
    """Case- and accent-blind key, for comparing a surname across renderings."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("\u2019", "'").casefold().split())


def _is_word(tok: str) -> bool:
    """A capitalised name word: ``Costa``, ``García-López``, ``O'Neill``, ``Ó``."""
    core = tok.replace("-", "").replace("'", "").replace("\u2019", "")
    return bool(core) and core.isalpha() and tok[0].isupper()


def _is_particle(tok: str) -> bool:
    t = tok.casefold().rstrip(".")
    return t in cues().particles or (t[:2] in {"d'", "l'"} and len(t) > 2)


def _clean_piece(piece: str) -> str:
    return " ".join(piece.replace("\u00a0", " ").strip(" .,;:").split())


def drop_degrees(tokens: list[str]) -> list[str]:
    """Post-nominals after the name (``Nakamura MD PhD``), keeping two name tokens at least."""
    degrees = cues().degrees
    while len(tokens) > 2 and tokens[-1].casefold().strip(".,") in degrees:
        tokens = tokens[:-1]
    return tokens


def _not_name(tokens: list[str]) -> bool:
    stop = cues().not_name_words
    return any(t.casefold().strip(".,") in stop for t in tokens if not _GIVEN_INITIAL.match(t))


_CAPS_SURNAME = re.compile(r"[A-ZÀ-Þ]{3,}(?:[-'\u2019][A-ZÀ-Þ]{2,})*|[A-Z][AEIOUY]|[AEIOUY][A-Z]")


def _capitals_surname(tokens: list[str]) -> str | None:
    """The one word printed in full capitals among mixed-case given names: the surname, by the
    convention that sets surnames in capitals (Chinese journals' ``ZHANG Wei``, ``LIU
    Xiao-hong``; French and Vietnamese usage ``Jean DUPONT``), returned in title case. None
    when no word or several are in capitals (an all-capitals line says nothing)."""
    caps = [i for i, t in enumerate(tokens) if _CAPS_SURNAME.fullmatch(t)]
    mixed = [t for t in tokens if any(c.islower() for c in t)]
    if len(caps) != 1 or not mixed or len(caps) + len(mixed) != len(tokens):
        return None
    word = tokens[caps[0]]
    if len(word) == 2 and caps[0] != 0:
        return None  # "Wei LI" could be initials after a name; only "LI Wei" is read
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-")).replace("i\u0307", "i")


def given_first_surname(piece: str, iberian: bool = False) -> str | None:
    """The surname of one given-name-first name (``Ana M. Costa`` -> ``Costa``), or None when
    ``piece`` is not shaped like a personal name."""
    from nameparser import HumanName

    tokens = drop_degrees(_clean_piece(piece).split())
    if not 2 <= len(tokens) <= 6 or _not_name(tokens):
        return None
    if not all(_is_word(t) or _GIVEN_INITIAL.match(t) or _is_particle(t) for t in tokens):
        return None
    if _GIVEN_INITIAL.match(tokens[-1]) or _is_particle(tokens[-1]):
        return None  # ends in an initial: inverted, not given-first
    if not any(_is_word(t) and len(t) > 1 and not _is_particle(t) for t in tokens[:-1]) and not (
        _GIVEN_INITIAL.match(tokens[0])
    ):
        return None
    caps = _capitals_surname(tokens)
    if caps is not None:
        return caps
    k = 0
    while iberian and k < len(tokens) and _GIVEN_INITIAL.match(tokens[k]) and "." in tokens[k]:
        k += 1
    if k > 0 and len(tokens) - k >= 2:
        # in a Spanish line, dotted initials and then two words: the paternal and maternal
        # surnames ("P. Gil Santos"); elsewhere the first may be a middle name ("M. Constance
        # Wiener")
        return " ".join(tokens[k:])
    lead = _compound_given(tokens)
    if lead:
        return " ".join(tokens[lead:])  # "María José Rodríguez López": a double surname
    last = HumanName(" ".join(tokens)).last.strip(" ,.")
    return last or tokens[-1]


def _compound_given(tokens: list[str]) -> int:
    """How many leading tokens form an Iberian compound given name (``María José``, ``María
    del Carmen``), when a surname follows them; else 0."""
    known = cues().compound_given
    for n in (4, 3, 2):
        if len(tokens) > n and fold(" ".join(tokens[:n])) in known:
            return n
    return 0


def vancouver_surname(piece: str) -> str | None:
    """``van der Berg JM`` -> ``van der Berg``; None unless the piece ends in bare initials."""
    tokens = _clean_piece(piece).split()
    if len(tokens) < 2 or not _VANCOUVER_INITIALS.match(tokens[-1]):
        return None
    sur = tokens[:-1]
    if len(sur) > 4 or _not_name(sur):
        return None
    if not all(_is_word(t) or _is_particle(t) for t in sur) or not any(_is_word(t) for t in sur):
        return None
    return " ".join(sur)


def _inverted_surname(piece: str) -> str | None:
    tokens = _clean_piece(piece).split()
    if not 1 <= len(tokens) <= 4 or _not_name(tokens):
        return None
    if not all(_is_word(t) or _is_particle(t) for t in tokens) or not any(
        _is_word(t) for t in tokens
    ):
        return None
    return " ".join(tokens)


def _split_et_al(segment: str) -> tuple[str, bool]:
    m = _ET_AL.search(segment)
    if m is None:
        return segment, False
    return segment[: m.start()], True


def vancouver_list(segment: str) -> AuthorList | None:
    """``Okafor TN, Lindqvist E, Haddad R`` (optionally ``…, et al``); None unless every piece
    is a Vancouver name."""
    segment, etal = _split_et_al(_drop_paren_marks(segment, ""))
    segment = _AND.sub(", ", segment)
    pieces = [p for p in (_clean_piece(x) for x in re.split(r"[,;]", segment)) if p]
    if not pieces:
        return None
    names = [vancouver_surname(p) for p in pieces]
    if any(n is None for n in names):
        return None
    return AuthorList(tuple(n for n in names if n), etal)


def inverted_list(segment: str) -> AuthorList | None:
    """APA ``Costa, A. M., Wei, L., & O'Neill, P.`` or ACS/MDPI ``Tanaka, Y.; Lee, K.``."""
    segment, etal = _split_et_al(segment)
    segment = _AND.sub(", ", segment.replace("…", ",").replace("...", ","))
    if ";" in segment:
        pairs = [p.split(",", 1) for p in segment.split(";") if p.strip(" ,.")]
        if any(len(p) != 2 for p in pairs):
            return None
    else:
        parts = [p for p in (_clean_piece(x) for x in segment.split(",")) if p]
        if len(parts) < 2 or len(parts) % 2:
            return None
        pairs = [[parts[i], parts[i + 1]] for i in range(0, len(parts), 2)]
    names = []
    for sur, given in pairs:
        full = ";" in segment and _full_given(given)
        given = _clean_piece(given) + ("." if given.strip().endswith(".") else "")
        if not full and not _INITIALS.match(given.replace(" ", "")):
            return None
        name = _inverted_surname(sur)
        if name is None:
            return None
        names.append(name)
    return AuthorList(tuple(names), etal) if names else None


MAX_GIVEN_WORDS = 3


def _full_given(given: str) -> bool:
    """Given names written out after the comma of a ``;``-separated inverted list, with
    degrees and marks after them (LWW's ``Petrov, Dimitar MD*; Ivanova-Georgieva, Maria MD,
    PhD†``); only there, where ``;`` already pairs each surname with its given names."""
    tokens = [t for t in _MARKS.sub(" ", given).replace(",", " ").split() if not is_degree(t)]
    return 1 <= len(tokens) <= MAX_GIVEN_WORDS and all(
        (_is_word(t) and not _is_particle(t)) or _GIVEN_INITIAL.match(t) for t in tokens
    )


def _drop_letter_marks(piece: str) -> str:
    """Affiliation letters set after a name (Elsevier's ``Sofia Marchetti a,b``): a final
    lone lower-case letter is never part of a name; nor a first one before a capitalised word,
    where a mark printed after the comma opens the next piece (JAAD's ``Solvang, MD,a Tomás
    Iturbe-Lacalle``)."""
    tokens = piece.split()
    while len(tokens) > 1 and re.fullmatch(r"[a-z]", tokens[-1]):
        tokens = tokens[:-1]
    while len(tokens) > 2 and re.fullmatch(r"[a-z]", tokens[0]) and tokens[1][:1].isupper():
        tokens = tokens[1:]
    return " ".join(tokens)


def is_degree(piece: str) -> bool:
    """A post-nominal piece (``MD``, ``PhD``), also with an affiliation letter glued to it
    (JAAD's ``MDa``, ``PhDb``)."""
    degrees = cues().degrees
    p = piece.casefold().replace(".", "")  # "M.D.", "Ph.D."
    return p in degrees or (
        len(piece) > 2 and piece[-1].islower() and piece[-2].isupper() and p[:-1] in degrees
    )


def split_marked(line: str) -> list[str]:
    """An author line cut into name pieces: affiliation marks (digits, symbols, lone letters),
    ``and``/``&`` and the ``|`` (Wiley) or middle dot ``·`` (Springer; bullets alike) some
    publishers set between names read as separators."""
    s = _drop_paren_marks(line, ",")
    if "I" in s or "V" in s:  # a Roman mark needs one; re tries the pattern everywhere
        s = _ROMAN_MARK.sub(",", s)
    s = _MARKS.sub(",", s)
    s = _AND.sub(", ", s)
    s = cues().author_joiner.sub(", ", s)
    pieces = (_drop_letter_marks(_clean_piece(x)) for x in re.split(r"[,;|\u00b7\u2022\u2219]", s))
    return [p for p in pieces if p and not re.fullmatch(r"[a-z]", p)]


def given_first_list(line: str, *, min_names: int = 1) -> AuthorList | None:
    """A title page's author line (``Ana M. Costa1,2,*, Li Wei3,† and Pieter van der Linden1``)
    as surnames; None unless every piece is a name (degree pieces such as ``MD`` dropped)."""
    line, etal = _split_et_al(line)
    iberian = _IBERIAN_JOINER.search(line) is not None
    pieces = [p for p in split_marked(line) if not is_degree(p)]
    if len(pieces) < min_names:
        return None
    names = []
    for p in pieces:
        name = given_first_surname(p, iberian) or vancouver_surname(p)
        if name is None:
            return None
        names.append(_title_case(name) if name.isupper() and len(name) > 2 else name)
    return AuthorList(tuple(names), etal)


def _title_case(name: str) -> str:
    """A surname from a line set in capitals (``SILVA``, ``VAN DER LINDEN``, ``O'HARA``) as
    a name is written: particles lower case, each other part capitalised."""
    out = []
    for w in name.split():
        if _is_particle(w):
            out.append(w.lower())
            continue
        out.append(re.sub(r"[^\W\d_]+", lambda m: m.group()[:1] + m.group()[1:].lower(), w))
    return " ".join(out).replace("i\u0307", "i")  # Turkish İ lower-cased


# the Spanish "y" before the last author: the line follows Spanish naming (two surnames)
_IBERIAN_JOINER = re.compile(r"\sy\s+[A-ZÀ-Þ]")


def author_list(segment: str) -> AuthorList | None:
    """Whichever printed form ``segment`` is in, or None when it is not an author list."""
    return vancouver_list(segment) or inverted_list(segment) or given_first_list(segment)
