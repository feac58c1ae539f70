"""The pipeline's by-offsets paths agree with the spaCy calls they replace.

The entity filter, ``from_doc`` and the candidate makers read and write extension values by
character offsets (``span_value`` / ``set_span_values``), find token ranges with one numpy
search (``entity_filter.candidates``), write ``doc.ents`` as token columns
(``entity_filter.set_entities``), and the definition detector drops hopeless
parentheticals before scispaCy's ``filter_matches`` (``short_form_may_pass``). Each is
checked here against the spaCy or scispaCy call it stands in for.
"""

from __future__ import annotations

from scispacy.abbreviation import filter_matches
from spacy.language import Language
from spacy.tokens import Span

from extractor.pipeline import set_span_values, span_value
from extractor.pipeline.abbrev_detect import short_form_may_pass
from extractor.pipeline.entity_filter import Candidate, candidates, set_entities
from extractor.pipeline.extensions import SPANS_KEY, register_extensions

TEXT = (
    "Adipose-derived stem cells (ADSCs) and their exosomes (ADSC-Exos) lowered IL-6 "
    "(p < 0.05; n = 20) in atopic dermatitis (AD) mice (Fig. 2); 5×106ADSCs were given "
    "(Smith et al., 2019), as in a prior trial (Zhang and Li, 2020) of UC-MSCs (1x10^6/kg)."
)


def test_span_values_are_what_span_underscore_reads_and_writes(nlp: Language) -> None:
    register_extensions()
    doc = nlp.make_doc(TEXT)
    span = doc.char_span(0, 26, label="CELL")
    span._.norm = "ADSC"
    assert span_value(doc, "norm", 0, 26) == "ADSC"
    set_span_values(doc, 0, 26, confidence=0.9, source="lexicon")
    again = doc.char_span(0, 26)
    assert (again._.confidence, again._.source) == (0.9, "lexicon")
    assert span_value(doc, "concept_id", 0, 26) is None  # unset reads as the default


def test_candidates_are_the_spans_char_span_gives(nlp: Language) -> None:
    doc = nlp.make_doc(TEXT)
    offsets = [(0, 26), (28, 33), (0, 7), (3, 26), (36, 41), (74, 78), (126, 131)]
    offsets += [(t.idx, t.idx + len(t.text)) for t in doc[:12]]
    doc.spans[SPANS_KEY] = [
        doc.char_span(a, b, label="X", alignment_mode="expand") for a, b in offsets
    ]
    with doc.retokenize() as retok:  # the group's token indices go stale, as after a split
        retok.merge(doc[0:3])
        retok.merge(doc[5:7])
    want = []
    for s in doc.spans[SPANS_KEY]:
        again = doc.char_span(s.start_char, s.end_char, label=s.label)
        if again is not None:
            want.append((again.start, again.end, s.start_char, s.end_char, s.label))
    got = [tuple(c) for c in candidates(doc)]
    assert got == want
    assert len(got) < len(offsets)  # offsets that no longer fall on token boundaries go


def test_set_entities_stores_what_set_ents_stores(nlp: Language) -> None:
    columns = ["ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID"]
    label = nlp.vocab.strings.add("CELL")
    winners = [
        Candidate(0, 3, 0, 26, label),
        Candidate(3, 5, 0, 0, label),
        Candidate(9, 10, 0, 0, label),
    ]
    ref, doc = nlp.make_doc(TEXT), nlp.make_doc(TEXT)
    ref.set_ents([Span(ref, c.start, c.end, label=c.label) for c in winners])
    set_entities(doc, winners)
    assert (doc.to_array(columns) == ref.to_array(columns)).all()
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [
        (0, 3, "CELL"),
        (3, 5, "CELL"),
        (9, 10, "CELL"),
    ]


def test_short_form_prefilter_keeps_what_filter_matches_keeps(nlp: Language) -> None:
    detector = nlp.get_pipe("abbreviation_detector")
    doc = nlp.make_doc(TEXT)
    inner = [(k, s + 1, e - 1) for k, s, e in detector.matcher(doc)]
    kept = short_form_may_pass(doc, inner)
    assert len(kept) < len(inner)  # "(p < 0.05; n = 20)", "(Fig. 2)", "(1x10^6/kg)" go

    def pairs(matches):
        return [(lf.start, lf.end, sf.start, sf.end) for lf, sf in filter_matches(matches, doc)]

    assert pairs(kept) == pairs(inner)
    assert pairs(kept)  # "(ADSCs)", "(AD)" and the others that pass are still there
