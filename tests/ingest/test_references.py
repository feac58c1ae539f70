"""The reference-entry patterns written for a fast search match as the plain ``\\b`` forms do."""

from __future__ import annotations

import random
import re

import pytest

from extractor.ingest import references as refs

# the patterns as first written, a word boundary before the first character
PLAIN = {
    "_DOI": re.compile(r"\b(10\.\d{4,9}/[^\s,;\"<>]+)", re.IGNORECASE),
    "_PMID": re.compile(r"\bPMID:?\s*(\d{4,9})\b"),
    "_YEAR": re.compile(r"\b(?P<y>(?:19|20)\d{2})[a-z]?\b"),
    "_VANCOUVER_AUTHORS_END": re.compile(r"(?:\b[^\W\d_][\w'’-]*\s[A-Z]{1,4}|et al|Jr)[.:]\s"),
}

REAL = [
    "Parisi R, Symmons DP. Global epidemiology of psoriasis. J Invest Dermatol. (2013) "
    "133:377–85. doi: 10.1038/jid.2012.339, PMID: 22951656",
    "Smith J. A2019 title x10.1000/abc 2019b, 12019 2020a. PMID:1234567 xPMID 7654321",
    "_2019 é2020 2019_ 2021é 1919 (2005) doi:10.1016/j.jid.2019.01.001.",
    "10.1038/x at the start; PMID 12345 and 2023 at the end 2024",
]


def _fuzz(n: int) -> list[str]:
    rng = random.Random(15)
    pieces = ["10.", "1000/", "19", "20", "2", "1", "PMID", ":", " ", "x", "é", "_", "-", "a"]
    pieces += ["\n", "0", "9", "/", ",", "(", ")", "doi ", "P", "MID"]
    pieces += ["Smith", "O'Neil", "JA", "ABCDE", ".", ": ", "et al", "Jr", "’", "\t"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(n)]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_patterns_find_what_the_plain_ones_find(name: str) -> None:
    fast, plain = getattr(refs, name), PLAIN[name]
    for text in REAL + _fuzz(3000):
        want = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == want, text
        for pos in range(0, len(text), 3):  # a search from inside the text looks behind it
            a, b = fast.search(text, pos), plain.search(text, pos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (text, pos)


def test_parse_reference_reads_doi_pmid_and_year() -> None:
    ref = refs.parse_reference(1, REAL[0], 0, len(REAL[0]))
    assert (ref.doi, ref.pmid, ref.year) == ("10.1038/jid.2012.339", "22951656", 2013)
    assert ref.authors == ("Parisi R", "Symmons DP")
