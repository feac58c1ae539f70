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
