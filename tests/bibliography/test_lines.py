"""A text's front as lines (lines.py): what print and copying add is taken out, nothing else."""

from __future__ import annotations

import pytest

from extractor.bibliography.lines import head_lines, word_count


def test_typographic_hyphens_read_as_ascii() -> None:
    assert head_lines("Lena Okafor\u2011Brandt1, Tomas Reyes\u2010Vidal2") == [
        "Lena Okafor-Brandt1, Tomas Reyes-Vidal2"
    ]


def test_marks_copied_onto_the_next_line_join_their_name() -> None:
    text = "Min-ji Park\n1,*, Dae-ho Kim\n2, Soo-yeon Lee\n1,2\nAuthor information"
    assert head_lines(text) == [
        "Min-ji Park1,*, Dae-ho Kim2, Soo-yeon Lee1,2",
        "Author information",
    ]


def test_a_lone_page_number_is_no_mark() -> None:
    assert head_lines("Min-ji Park1, Dae-ho Kim2\n2\nAbstract") == [
        "Min-ji Park1, Dae-ho Kim2",
        "2",
        "Abstract",
    ]


def test_manuscript_line_numbers_are_dropped() -> None:
    text = "1   A title over\n2   two lines\n3\n4   Arjun Rao1, Meera Iyer2\n5\n6   Abstract"
    assert head_lines(text) == [
        "A title over",
        "two lines",
        "",
        "Arjun Rao1, Meera Iyer2",
        "",
        "Abstract",
    ]


def test_figures_that_do_not_count_up_stay() -> None:
    text = "Results\n12   patients\n30   weeks\n5    ulcers\n2    relapses\n40   sites"
    assert head_lines(text)[1] == "12   patients"


def test_reading_stops_at_the_reference_list() -> None:
    assert head_lines("Title line here\nReferences\nOkafor TN. Other paper. 2019.") == [
        "Title line here"
    ]


@pytest.mark.parametrize("limit", [0, 1, 3, 12, 16, 25, 30])
def test_word_count_compares_with_its_limit_as_the_whole_count_does(limit: int) -> None:
    lines = ["", " ", "one", " two  words ", "a\tb\nc d", " ".join(["w"] * 40) + " "]
    lines += [" ".join(["w"] * n) for n in range(35)] + ["\u00a0x\u2003y z "]
    for line in lines:
        whole = len(line.split())
        got = word_count(line, limit)
        assert (got >= limit, got > limit, got <= limit) == (
            whole >= limit,
            whole > limit,
            whole <= limit,
        ), (line, limit)
        assert got == min(whole, limit + 1)
