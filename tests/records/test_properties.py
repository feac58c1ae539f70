"""assemble() never raises on arbitrary text and every evidence span lies inside it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.records import assemble
from extractor.types import Document

# words that trigger every cue family, mixed with noise, so the rules actually fire
WORDS = [
    "Kim",
    "et",
    "al.",
    "(12)",
    "[3]",
    "(2019)",
    "and",
    "Lee",
    "patients",
    "mice",
    "BALB/c",
    "HaCaT",
    "i.v.",
    "s.c.",
    "topically",
    "PASI",
    "from",
    "21.6",
    "to",
    "9.0",
    "zero",
    "IL-6",
    "reduced",
    "increased",
    "did",
    "not",
    "change",
    "psoriasis",
    "acne",
    "scars",
    "exosomes",
    "SVF",
    "MSCs",
    "Dose",
    "of",
    "|",
    "\n",
    ".",
    ",",
    ";",
    "(",
    ")",
    "imiquimod",
    "induced",
    "n",
    "=",
    "3",
    "male",
    "female",
    "Two",
    "References",
    "1.",
    "seven",
    "-year-old",
    "man",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=80))
def test_assemble_total_on_arbitrary_text(tokens: list[str]) -> None:
    text = " ".join(tokens)
    records = assemble(Document("p", "p.txt", text, "text"), [])
    for r in records:
        for ev in r.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
        assert all(0.0 <= v <= 1.0 for v in r.confidence.values())
        assert r.study_id


def test_a_text_about_no_study_has_no_record() -> None:
    for text in ("", "  \n\n", "Funding: none. The authors declare no conflict of interest."):
        assert assemble(Document("e", "e.txt", text, "text"), []) == []


# _minus: pieces with spans cut out, as a sweep; the plain definition below is the reference
def _minus_by_definition(pieces: list, spans: list) -> list:
    from extractor.records.pieces import Piece

    out = list(pieces)
    for sp in spans:  # each span cuts every fragment it touches, in turn
        nxt = []
        for p in out:
            if sp.end <= p.start or sp.start >= p.end:
                nxt.append(p)
                continue
            if p.start < sp.start:
                nxt.append(Piece(p.start, sp.start, p.weight, p.origin))
            if sp.end < p.end:
                nxt.append(Piece(sp.end, p.end, p.weight, p.origin))
        out = nxt
    return [p for p in out if p.end - p.start > 1]


_interval = st.tuples(st.integers(0, 80), st.integers(0, 30))


@settings(max_examples=500, deadline=None)
@given(st.lists(_interval, max_size=4), st.lists(_interval, max_size=12))
def test_cutting_spans_out_of_pieces_matches_the_definition(pieces: list, spans: list) -> None:
    from extractor.records import _minus
    from extractor.records.pieces import PARAGRAPH, Piece
    from extractor.records.text import Span

    ps = [Piece(a, a + n, 1.0, PARAGRAPH) for a, n in pieces]
    ss = [Span(a, a + n) for a, n in spans]
    assert _minus(ps, ss) == _minus_by_definition(ps, ss)
