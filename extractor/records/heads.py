"""A disease no lexicon row names, read by its head word (``models/records/disease_heads.json``).

The last resort of the disease field: when neither the study's pieces nor their wider
surroundings match a row of ``diseases.jsonl``, the title, then the first sentence, is searched
for a noun phrase whose head names a disorder, by MeSH's naming: a head word (``ulcer``,
``scar``, ``syndrome``, ``injury``…) or suffix (``-itis``, ``-osis``, ``-oma``…), or a Latin head
that comes first with its adjective after it (``lichen sclerosus``, ``necrobiosis lipoidica``).
Up to ``MAX_MODIFIERS`` words to its left belong to the name until a function word, a study or
therapy noun or a verb ends it; course and severity qualifiers (``refractory``) are dropped,
since MeSH leaves them out of a disease's name. The phrase is returned lower case, singular.
"""

from __future__ import annotations

import re
from functools import cache

from extractor.records.lexicon import json_table

MAX_MODIFIERS = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_LATIN_ADJ = re.compile(r"(?:us|a|ae|is|um|ans|ens|ica|osa|osum|ata|atus|aris|alis|ea|ii|es)$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@cache
def _table() -> dict[str, frozenset[str]]:
    data = json_table("disease_heads.json")
    return {k: frozenset(v["rows"]) for k, v in data.items() if isinstance(v, dict)}


def _is_head(word: str) -> bool:
    t = _table()
    w = word.casefold()
    if w in t["not_heads"] or any(w.endswith(n) for n in ("cytosis", "genesis")):
        return False
    return w in t["head_words"] or any(
        w.endswith(s) and len(w) > len(s) + 3 for s in t["head_suffixes"]
    )


def _modifier(m: re.Match[str], index: int) -> bool:
    """Whether a word left of the head can belong to the disease's name."""
    t = _table()
    raw = m.group()
    w = raw.casefold()
    if w in t["not_modifiers"]:
        return False
    if "-" in w or w in t["modifier_nouns"] or w in t["qualifiers"] or _is_head(w):
        return True
    if raw[:1].isupper() and index > 0:  # an eponym inside a sentence or a title
        return True
    return any(w.endswith(s) and len(w) > len(s) + 2 for s in t["adjective_suffixes"])


def _qualifier(word: str) -> bool:
    """A course or severity qualifier, alone or as the head of a compound that says what the
    course is about ("steroid-refractory", "biologic-resistant")."""
    t = _table()
    return word in t["qualifiers"] or (
        "-" in word and word.rsplit("-", 1)[1] in t["compound_qualifiers"]
    )


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "is", "us", "ae")) and len(word) > 3:
        return word[:-1]
    return word


def _phrase(words: list[re.Match[str]], i: int, end: int) -> tuple[int, int, str]:
    """The name ending at word ``end`` (its head at ``i``), modifiers to the left of ``i``."""
    k = i
    while k > 0 and i - k < MAX_MODIFIERS:
        if not _modifier(words[k - 1], k - 1):
            break
        k -= 1
    while k < i and _qualifier(words[k].group().casefold()):
        k += 1
    parts = [m.group().casefold() for m in words[k : end + 1]]
    if end == i:
        parts[-1] = "scar" if parts[-1] == "scarring" else _singular(parts[-1])
    return words[k].start(), words[end].end(), " ".join(parts)


def find_disease(chunk: str) -> tuple[int, int, str] | None:
    """(start, end, name) of the first disease phrase in ``chunk``, or None."""
    t = _table()
    words = list(_WORD.finditer(chunk))
    for i, m in enumerate(words):
        w = m.group().casefold()
        nxt = words[i + 1].group().casefold() if i + 1 < len(words) else ""
        if (
            w in t["head_first"]
            and nxt
            and _LATIN_ADJ.search(nxt)
            and nxt not in t["not_modifiers"]
        ):
            return _phrase(words, i, i + 1)
        if _is_head(w):
            if nxt and nxt not in t["not_modifiers"] and _latin_adjective(nxt):
                return _phrase(words, i, i + 1)  # "xeroderma pigmentosum", "erythema multiforme"
            return _disorder_after(words, i) or _phrase(words, i, i)
    return None


def _disorder_after(words: list[re.Match[str]], i: int) -> tuple[int, int, str] | None:
    """The disorder a manifestation head belongs to, named right after it ("ulcers of
    livedoid vasculopathy" -> livedoid vasculopathy): a specific disease head within
    ``MAX_MODIFIERS`` words after a link word; None when the head is no manifestation."""
    t = _table()
    if _singular(words[i].group().casefold()) not in t["generic_heads"] or i + 2 >= len(words):
        return None
    if words[i + 1].group().casefold() not in t["manifestation_links"]:
        return None
    for j in range(i + 2, min(len(words), i + 3 + MAX_MODIFIERS)):
        w = words[j].group().casefold()
        if _is_head(w) and _singular(w) not in t["generic_heads"]:
            nxt = words[j + 1].group().casefold() if j + 1 < len(words) else ""
            latin = nxt and nxt not in t["not_modifiers"] and _latin_adjective(nxt)
            return _phrase(words, j, j + 1 if latin else j)
    return None


def _latin_adjective(word: str) -> bool:
    return len(word) > 4 and any(word.endswith(s) for s in _table()["latin_adjectives"])


def masthead(chunk: str) -> bool:
    """Whether ``chunk`` is a journal, preprint or citation line (``periodical_words``)."""
    words = {w.casefold() for w in _WORD.findall(chunk)}
    return bool(words & _table()["periodical_words"])


def first_sentence(chunk: str) -> str:
    return _SENTENCE.split(chunk.strip(), maxsplit=1)[0]


def is_specific(name: str) -> bool:
    """Whether a found name says which disorder: not a generic head alone ("disease",
    "lesion", "injury": ``generic_heads``) and no "-like" word, which names what a model
    resembles ("lupus-like skin lesion"), not the disease."""
    words = name.split()
    if any(w.endswith("-like") for w in words):
        return False
    return not (len(words) == 1 and words[0] in _table()["generic_heads"])
