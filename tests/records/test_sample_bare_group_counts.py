"""A count with no noun of its own before a per-group denominator ("rats, twelve per group",
"(5 per arm)") is the size of each arm, read like "n = 8 per group"; a per-cage or per-well
number, a decimal and a cell-culture replicate count are not. Sentences written for these tests."""

from __future__ import annotations

import pytest

from extractor.records import fields as F

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import whole_text
except ImportError:
    from records_helpers import whole_text  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # the existing notation this follows
        ("BALB/c mice (n = 7 per group) received ADSC-EVs.", "mouse", 7),
        ("Wistar rats, twelve per group, were injected with exosomes.", "rat", 12),
        ("DBA/1 mice were treated with MSCs (5 per group).", "mouse", 5),
        ("SKH-1 mice [9 per group] were irradiated and given EVs.", "mouse", 9),
        ("the mice were randomised with eight per group to ADSCs or PBS", "mouse", 8),
        ("Patients were allocated to UC-MSCs or placebo (15 per arm).", "human", 15),
        ("NC/Nga mice; six in each group received EVs", "mouse", 6),
        ("mice were treated (4/group) with exosomes", "mouse", 4),
        # counter-examples
        ("Mice were housed five per cage and given exosomes.", "mouse", None),
        ("Mice received EVs (2 per day) for a week.", "mouse", None),
        ("EVs (1.5 per group of wells) were added", "mouse", None),
        ("HaCaT cells were treated with EVs (3 per group).", "cell culture", None),
    ],
)
def test_bare_count_before_per_group_is_the_arm_size(
    text: str, model: str, expected: int | None
) -> None:
    assert F.sample_size(text, whole_text(text), model).value == expected


def test_an_earlier_noun_count_still_comes_first() -> None:
    text = "Forty BALB/c mice (10 per group) received ADSC-EVs or PBS."
    assert F.sample_size(text, whole_text(text), "mouse").value == 40
