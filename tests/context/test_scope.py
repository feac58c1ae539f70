"""extractor.context.scope: where a clause ends for the cues read before a span."""

from __future__ import annotations

import random

from extractor.context.scope import clause_tail, open_paren
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


def _open_paren_by_characters(before: str) -> int | None:
    """The parenthesis still open at the end, found one character at a time (the reference)."""
    depth = 0
    for k in range(len(before) - 1, -1, -1):
        if before[k] == ")":
            depth += 1
        elif before[k] == "(":
            if depth == 0:
                return k
            depth -= 1
    return None


def test_open_paren_agrees_with_a_character_loop() -> None:
    rng = random.Random(7)
    windows = ["", "(", ")", "a (b", "a (b) c", "((a) (b", "(a)) (", "x (STZ, 60 mg/kg", "(a (b) c"]
    windows += [
        "".join(rng.choice("ab ()") for _ in range(rng.randint(0, 30))) for _ in range(3000)
    ]
    for w in windows:
        assert open_paren(w) == _open_paren_by_characters(w), w
    assert open_paren("streptozotocin (STZ, 60") == 15
    assert open_paren("with (a) and (b) then") is None
