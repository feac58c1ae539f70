"""The definition detector gives exactly the pairs scispaCy's functions give.

``DefinitionDetector`` runs Schwartz & Hearst's letter matching on token columns instead of
scispaCy's ``filter_matches`` and ``find_abbreviation`` over Span objects; every pair it
keeps is checked here against those functions on hand-made edge cases, the review, the
out-of-domain passages and (where present) the 30 real papers' JATS texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scispacy.abbreviation import filter_matches, find_abbreviation
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from extractor.ingest import read_document
from extractor.pipeline.abbrev_detect import DefinitionDetector

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / ".." / "shared" / "real-papers"

EDGE_CASES = [
    # the first letter must open a word; digits count, hyphens and slashes do not
    "Adipose-derived stem cells (ADSCs) and interleukin 6 (IL-6) in atopic dermatitis (AD).",
    "the extracellular vesicles from MSC (MSC-EVs) and exosomes (Exo) were given (Smith, 2019).",
    # the long form inside the brackets, and an unbalanced one
    "IL-6 (interleukin six) rose; TNF (tumour (necrosis factor) fell; ROS (reactive oxygen) [x].",
    # letters that fold to several characters or by context, and Greek
    "İstanbul Cohort Study (İCS) and Σ-Phase Cells (ΣPC) met transforming growth factor-β (TGF-β).",
    "Kölner Ärzte Studie (KÄS), ölçek değerlendirme indeksi (ÖDİ) and Ångström units (ÅU).",
    # glued tokens with no space between them, the word-length sum never reaching the start
    "alpha-smooth-muscle-actin(α-SMA) and fibroblast-growth-factor(FGF) and(AB) (CD) (EF)",
    "(XY) at the start, then a b c d e f g h i j k l m n o p (ABCDEFGHI) and no (ab1) (1AB)",
]


def reference(doc: Doc, nlp: Language) -> list[dict]:
    """What the detector stored before: scispaCy's functions over its own ( + ) Matcher."""
    matcher = Matcher(nlp.vocab)
    matcher.add("parenthesis", [[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]])
    inner = [(k, s + 1, e - 1) for k, s, e in matcher(doc)]
    out, seen_long, seen_short = [], set(), set()
    for long_cand, short_cand in filter_matches(inner, doc):
        short, long_form = find_abbreviation(long_cand, short_cand)
        if long_form is None or long_form.text in seen_long or short.text in seen_short:
            continue
        seen_long.add(long_form.text)
        seen_short.add(short.text)
        out.append(
            {
                "short_text": short.text,
                "short_start": short.start,
                "short_end": short.end,
                "long_text": long_form.text,
                "long_start": long_form.start,
                "long_end": long_form.end,
            }
        )
    return out


def _texts() -> list[str]:
    texts = [*EDGE_CASES, read_document(ROOT / "corpus/text/fimmu-2025-1617157.txt").text]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/ood/passages").iterdir())
    ]
    return texts


def _pairs(doc: Doc, nlp: Language) -> list[dict]:
    detector = DefinitionDetector(nlp, name="abbreviation_detector_under_test")
    return detector(doc)._.abbreviations


def test_definitions_are_scispacys_on_edge_cases_review_and_passages(nlp: Language) -> None:
    checked = 0
    for text in _texts():
        doc = nlp.make_doc(text)
        want = reference(doc, nlp)
        assert _pairs(doc, nlp) == want, text[:80]
        checked += len(want)
    assert checked > 50  # the review alone defines dozens of abbreviations


def test_edge_cases_define_what_they_should(nlp: Language) -> None:
    doc = nlp.make_doc(EDGE_CASES[0])
    assert [(d["short_text"], d["long_text"]) for d in _pairs(doc, nlp)] == [
        ("ADSCs", "Adipose-derived stem cells"),
        ("IL-6", "interleukin 6"),
        ("AD", "atopic dermatitis"),
    ]


@pytest.mark.slow
@pytest.mark.skipif(
    not (REAL / "manifest.jsonl").is_file(),
    reason=f"real-paper set not found at {REAL} (shared/real-papers is not part of the repository)",
)
def test_definitions_are_scispacys_on_real_papers(nlp: Language) -> None:
    papers = sorted(REAL.glob("*.xml"))
    assert len(papers) == 30
    for path in papers:
        doc = nlp.make_doc(read_document(path).text)
        assert _pairs(doc, nlp) == reference(doc, nlp), path.name


def test_parenthesis_matcher_is_scispacys_matcher_up_to_eight_inside(nlp: Language) -> None:
    matcher = Matcher(nlp.vocab)
    matcher.add("parenthesis", [[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]])
    detector = DefinitionDetector(nlp, name="abbreviation_detector_under_test")
    for text in [*_texts(), "((a) b) (c (d) e) () (f)(g) ( h ) (" + " i" * 12 + ")"]:
        doc = nlp.make_doc(text)
        want = sorted((s, e) for _, s, e in matcher(doc) if e - s - 2 <= 8)
        assert sorted((s, e) for _, s, e in detector.matcher(doc)) == want, text[:80]
