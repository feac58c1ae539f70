"""extractor.context.engine: which rules modify a span; scope, termination and pseudo cues
owned by the engine, for a span in a text or in a spaCy Doc."""

from __future__ import annotations

import pytest
import spacy

from extractor.context import ContextEngine, rules_from_rows


def _engine(*rows: dict) -> ContextEngine:
    base = {"category": "NEG", "source": "test"}
    return ContextEngine(rules_from_rows([{**base, **r} for r in rows]))


def _ids(engine: ContextEngine, text: str, target: str, **kw: object) -> list[str]:
    start = text.index(target)
    return [m.id for m in engine.modifiers(text, start, start + len(target), **kw)]


NO = {"id": "no", "literal": "no", "direction": "forward"}
DENIED = {"id": "denied", "literal": "was denied", "direction": "backward"}


def test_directions_look_their_own_way() -> None:
    engine = _engine(NO, DENIED)
    assert _ids(engine, "There was no rash.", "rash") == ["no"]
    assert _ids(engine, "A rash was denied.", "rash") == ["denied"]
    assert _ids(engine, "A rash, no itch.", "rash") == []  # "no" after the span: forward only


def test_a_clause_boundary_ends_every_scope() -> None:
    engine = _engine(NO, DENIED)
    assert _ids(engine, "There was no fever. A rash appeared.", "rash") == []
    assert _ids(engine, "No fever; rash appeared.", "rash") == []
    assert _ids(engine, "| no | rash |", "rash") == []  # a table cell is a clause


def test_max_scope_counts_characters_from_the_span() -> None:
    engine = _engine({**NO, "max_scope": 10})
    assert _ids(engine, "no red rash", "rash") == ["no"]
    assert _ids(engine, "no history of any rash", "rash") == []


def test_a_terminate_row_cuts_the_scope_of_its_category() -> None:
    but = {"id": "but", "literal": "but", "direction": "terminate"}
    engine = _engine(NO, but, {**but, "id": "other-but", "category": "OTHER"})
    assert _ids(engine, "no fever but a rash", "rash") == []
    assert _ids(engine, "no fever and a rash", "rash") == ["no"]


def test_a_pseudo_row_hides_the_cue_it_covers() -> None:
    engine = _engine(NO, {"id": "no-doubt", "literal": "no doubt", "direction": "pseudo"})
    assert _ids(engine, "There was no doubt a rash.", "rash") == []
    assert _ids(engine, "There was no rash.", "rash") == ["no"]


def test_a_bidirectional_cue_may_sit_anywhere_in_the_clause() -> None:
    engine = _engine({"id": "assay", "literal": "SDS-PAGE", "direction": "bidirectional"})
    assert _ids(engine, "20 µg was run on SDS-PAGE.", "20 µg") == ["assay"]
    assert _ids(engine, "On SDS-PAGE we ran 20 µg.", "20 µg") == ["assay"]
    assert _ids(engine, "SDS-PAGE followed. Mice got 20 µg.", "20 µg") == []


def test_allowed_types_and_categories_select_rules() -> None:
    engine = _engine({**NO, "allowed_types": ["COUNT"]}, {**DENIED, "category": "OTHER"})
    text = "no rash was denied"
    assert _ids(engine, text, "rash", types=["COUNT"]) == ["no", "denied"]
    assert _ids(engine, text, "rash", types=["AMOUNT"]) == ["denied"]
    assert _ids(engine, text, "rash", category="OTHER") == ["denied"]
    assert engine.first(text, 3, 7, category="NEG").id == "no"


def test_caller_bounds_are_a_sentence_edge() -> None:
    engine = _engine(NO)
    text = "no fever Rash appeared"
    start = text.index("Rash")
    assert engine.modifiers(text, start, start + 4, lo=start) == []


def test_pattern_joins_a_category_in_file_order() -> None:
    engine = _engine(NO, {**NO, "id": "none", "literal": "none"}, DENIED)
    assert engine.pattern("NEG", "forward").findall("none, no") == ["none", "no"]
    with pytest.raises(KeyError, match="MISSING"):
        engine.pattern("MISSING")


def test_a_doc_span_is_read_in_its_sentence_with_its_label() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("There was no fever in the first week. The rash faded.")
    rash = doc.char_span(doc.text.index("rash"), doc.text.index("rash") + 4, label="FINDING")
    fever = doc.char_span(doc.text.index("fever"), doc.text.index("fever") + 5, label="FINDING")
    engine = _engine(NO, {**NO, "id": "no-dose", "allowed_types": ["DOSE"]})
    assert [m.id for m in engine.modifiers_of(fever)] == ["no"]
    assert engine.modifiers_of(rash) == []


def test_a_rule_told_apart_before_its_window_is_cut_finds_nothing_there() -> None:
    """``_cannot_match`` only skips what the window could not hold: an anchored pattern
    ("^ … were reduced by") whose window starts after the text's start, a bounded window
    without a character a match opens with (an arrow) or without a literal every match holds
    ("contain", in any case, a dotted İ too). Checked against the cut window's own scan for
    every rule and span of short texts, with and without sentence bounds."""
    from extractor.context import default_engine

    engine = default_engine()
    texts = [
        "↓ IL-6 and IL-17A ↓; IL-10 ↑ were reduced by ADSC-Exos.",
        "were reduced by MSCs: TNF-α ⇓, p < 0.05, 2 × 10^6 cells/cm2 in 3 groups",
        "IL-6\nwere increased by the treatment ⬆ signalling pathway",
        "SVF contains ADSCs and macrophages, as previously reported; 6.8% of CD4+ T cells",
        "western blot of 10 µg protein per group, stimulated with 5 ng/mL LPS, in PBS",
        "the mean of 3 groups (İL-6 cOntaining; previously shown) each received 2 mg",
    ]
    skipped = 0
    for text in texts:
        for start in range(len(text)):
            end = min(len(text), start + 4)
            for lo, hi in ((0, None), (max(0, start - 10), min(len(text), end + 10))):
                for rule in engine.rules:
                    if rule.direction not in ("forward", "backward", "bidirectional"):
                        continue
                    if not engine._cannot_match(text, start, end, rule, lo, hi):
                        continue
                    skipped += 1
                    a, b = engine.window(text, start, end, rule, lo, hi)
                    a, b = (a, start) if rule.direction == "forward" else (a, b)
                    a = end if rule.direction == "backward" else a
                    assert not list(rule.regex.finditer(text, a, b)), (rule.id, text, start)
    assert skipped > 1000  # it does skip: arrows and anchored rows on most spans


def test_anchored_opening_and_literal_screens_read_from_the_pattern() -> None:
    import re

    from extractor.context.engine import _screen

    anchored, opens, needs = _screen(re.compile(r"(?i:^[^.;]{0,80}?\bwere\s+reduced)"))
    assert anchored and opens is None and needs is not None and needs.search("were reduced")
    anchored, opens, _ = _screen(re.compile(r"\Afoo|\Abar"))
    assert anchored and opens is not None and opens.pattern == "[bf]"
    assert not _screen(re.compile(r"(?m:^foo)"))[0]  # "^" after every line break
    assert not _screen(re.compile(r"^foo", re.MULTILINE))[0]
    anchored, opens, needs = _screen(re.compile("[↓⇓⬇]"))
    assert not anchored and opens is not None and opens.match("⇓") and needs is None
    # scoped flags: the first characters are not known, the folded literals are
    anchored, opens, needs = _screen(re.compile(r"(?i:\bcontain(?:s|ing)?\b)"))
    assert (anchored, opens) == (False, None) and needs is not None and needs.pattern == "contain"
