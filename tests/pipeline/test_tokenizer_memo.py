"""The registered tokenizer splits each distinct chunk once yet gives scispaCy's tokens exactly.

Every test compares token text, character offset, whitespace and norm with scispaCy's plain
rule tokenizer (``combined_rule_tokenizer``) on the same text: edge cases, special cases that
could match across a space, random strings of the characters special cases are made of, the
review, the out-of-domain passages and documents, and the real papers where present.
"""

from __future__ import annotations

import random
import re
import warnings
from pathlib import Path

import pytest
import spacy
from scispacy.custom_tokenizer import combined_rule_tokenizer

from extractor.ingest import read_document
from extractor.pipeline.extensions import doc_text
from extractor.pipeline.tokenizer import TextKeepingTokenizer, _units, create_sci_tokenizer

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / ".." / "shared" / "real-papers"

EDGE = [
    "",
    " ",
    "  ",
    "\n",
    "a",
    " a",
    "a ",
    "  a  ",
    "a  b",
    "a   b\n",
    "a \n b",
    "a\tb\t\tc",
    "\n\na\n\n",
    "a\xa0b \xa0 c",
    "a\u2009b\u3000c\u2028d",
    "e.g. IL-4, i.e. TNF-α (p < 0.05); see Fig. 2a.",
    "e.g.,(e.g.) e.g.e.g.",
    "Co. Co . Dr.Smith No. 5 no. 5",
    "10a.m. 10 a.m. at 9a.m., 2 p.m.",
    ":) :-) :-)) :-((( ;-) (._.) (>_<) <333 o.O =] [: :D :0",
    "x: D y: 0 z:- ) (: ) ( ._. ) ° C. 37° C. 4 °C. °f. ° f .",
    "That's what's he’s Let’s 'Cos ’bout somethin' lovin'",
    "see https://doi.org/10.1016/j.jid.2020.01.001 and www.example.org/a_b?c=d.",
    "Tümör größe ü. naïve café – 5 × 10⁶ cells/kg, IL‐17A−/− mice",
    "1.5×10^6 ± 0.3 (n = 12) [ref. 3,4] {a} «b» “c” ‘d’",
    # Random strings where a special case matches across a space: without joining the two
    # chunks into one unit the memo would split them differently from spaCy.
    "*')^d1;'°\"8s<)8'c3e.g.:( )",
    "cd; d\xa0.'?Co.Oa.m.a\xa0*e.g.*'__\"s-] =)m \n)c",
]


@pytest.fixture(scope="module")
def ours() -> TextKeepingTokenizer:
    tok = create_sci_tokenizer()(spacy.blank("en"))
    tok.memo_min_chars = 0  # the memo on every text, however short
    return tok


def test_short_texts_go_through_spacys_loop(plain):
    tok = create_sci_tokenizer()(spacy.blank("en"))
    text = "IL-4 rose (p < 0.05)."
    assert len(text) < tok.memo_min_chars
    assert _tokens(tok(text)) == _tokens(plain(text)) and "_joins" not in tok.__dict__


@pytest.fixture(scope="module")
def plain():
    with warnings.catch_warnings():  # scispaCy's suffix regex: see extractor.pipeline.tokenizer
        warnings.filterwarnings("ignore", "Possible set union", FutureWarning)
        return combined_rule_tokenizer(spacy.blank("en"))


def _tokens(doc) -> list[tuple[str, int, str, str]]:
    return [(t.text, t.idx, t.whitespace_, t.norm_) for t in doc]


def _same(ours, plain, text: str) -> None:
    doc = ours(text)
    assert _tokens(doc) == _tokens(plain(text)), text[:200]
    assert doc.text == text and doc_text(doc) == text


def test_blank_runs_are_what_str_isspace_says():
    runs = re.compile(r"\s")
    assert [c for c in range(0x110000) if bool(runs.match(chr(c))) != chr(c).isspace()] == []


@pytest.mark.parametrize("text", EDGE)
def test_edge_cases(ours, plain, text):
    _same(ours, plain, text)


def test_specials_keep_their_pieces_and_norms(ours):
    doc = ours("At 10a.m. 'Cos he’s there.")
    assert [t.text for t in doc][:3] == ["At", "10", "a.m."]
    assert doc[3].text == "'Cos" and doc[3].norm_ == "because"


def test_chunks_a_special_case_could_join_are_one_unit(ours):
    ours("warm")  # builds the join table
    units, _ = _units("x: D and y :) z", ours._join_table())
    assert "x: D" in units and "y" in units and "and" in units


def test_random_strings_of_special_case_characters(ours, plain):
    rng = random.Random(15)
    alphabet = [*":;()-_.,'’°<>=[]DdoOxXCcsamp0138 \n\t\xa0", "a.m.", "Co.", "e.g.", " "]
    for _ in range(3000):
        _same(ours, plain, "".join(rng.choices(alphabet, k=rng.randint(1, 30))))


def test_one_text_repeating_chunks(ours, plain):
    _same(ours, plain, "\n".join(EDGE * 3))


def _folder_texts(folder: Path, pattern: str) -> list[str]:
    return [f.read_text(encoding="utf-8") for f in sorted(folder.glob(pattern))]


def test_review_and_out_of_domain_texts(ours, plain):
    texts = _folder_texts(ROOT / "corpus" / "text", "*.txt")
    texts += _folder_texts(ROOT / "tests" / "ood" / "passages", "*.txt")
    texts += _folder_texts(ROOT / "tests" / "ood_records" / "documents", "*.txt")
    assert len(texts) > 200
    for text in texts:
        _same(ours, plain, text)


@pytest.mark.skipif(
    not REAL.is_dir(),
    reason=f"real-paper set not found at {REAL} (shared/real-papers is not part of the repository)",
)
def test_real_papers(ours, plain):
    files = sorted(REAL.glob("*.xml"))
    assert files
    for f in files:
        _same(ours, plain, read_document(f).text)


def test_affix_patterns_are_guarded_and_match_as_scispacys(ours, plain):
    # the guard (a look-ahead on the characters a match can open with) and the suffix's
    # test of the last character change no match: same spans from the prefix, suffix and
    # infix patterns on strings of affix characters
    assert ours.suffix_search.__self__.pattern.startswith("(?=[")
    assert ours.infix_finditer.__self__.pattern.startswith("(?=[")
    rng = random.Random(7)
    alphabet = [*"0123456789aAmgkLlseyµμ.,;:!?()[]{}'’\"%+-–/×°Cα~^*<>=…\n", "mg", "kg", "..."]
    for _ in range(4000):
        s = "".join(rng.choices(alphabet, k=rng.randint(1, 12)))
        for ours_call, plain_call in (
            (ours.prefix_search, plain.prefix_search),
            (ours.suffix_search, plain.suffix_search),
        ):
            a, b = ours_call(s), plain_call(s)
            assert (a and a.span()) == (b and b.span()), s
        ours_infix = [m.span() for m in ours.infix_finditer(s)]
        assert ours_infix == [m.span() for m in plain.infix_finditer(s)], s
