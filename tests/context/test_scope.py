"""extractor.context.scope: where a clause ends for the cues read before a span."""

from __future__ import annotations

from extractor.context.scope import clause_tail
from extractor.normalize.dose import scan_doses


def test_a_line_wrapped_before_the_spans_parenthesis_does_not_end_its_clause() -> None:
    assert clause_tail("rats with streptozotocin\n(") == "rats with streptozotocin\n("
    assert clause_tail("Wounds were made.\n(") == "("  # a finished line: a new clause
    assert clause_tail("Group | Dose\n(") == "("  # a table's row break


def test_an_inducers_amount_in_a_parenthesis_on_the_next_line_is_the_inducers() -> None:
    kept, dropped = scan_doses("Diabetes was induced with streptozotocin\n(60 mg/kg, i.p.).")
    assert [m.text for m in kept] == []
    assert [d.text for d in dropped] == ["60 mg/kg"]
    kept, _ = scan_doses("Wounds were made on diabetic rats.\n(60 µg exosomes, i.p.) daily.")
    assert [m.text for m in kept] == ["60 µg"]
