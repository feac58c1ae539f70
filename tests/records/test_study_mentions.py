"""Study mention rows (``extractor.records.study_mentions``): the cheap ``needs`` test a row
passes before its pattern is tried."""

from __future__ import annotations

import re

from extractor.records.study_mentions import Clue, clues, single_author_citations


def test_a_row_is_tried_only_where_one_of_its_needs_occurs() -> None:
    row = Clue("digits", 1.0, re.compile(r"\d+"), needs=("19", "20"))
    assert [m.group() for m in row.finditer("in 2019 and 7", 0, 13)] == ["2019", "7"]
    assert list(row.finditer("in 2121 and 7", 0, 13)) == []
    # the span bounds the test: "20" before it does not count
    assert list(row.finditer("2021 x 5", 4, 8)) == []


def test_rows_with_the_same_needs_share_one_test_of_a_span() -> None:
    seen: dict[tuple[str, ...], bool] = {}
    row = Clue("digits", 1.0, re.compile(r"\d+"), needs=("19", "20"))
    assert list(row.finditer("no year here 7", 0, 14, seen)) == []
    assert seen == {("19", "20"): False}
    seen[("19", "20")] = True  # a test already made is read, not made again
    assert [m.group() for m in row.finditer("no year here 7", 0, 14, seen)] == ["7"]


def test_single_author_rows_find_their_mentions() -> None:
    assert any(c.needs for c in clues("single_author"))
    text = "In a later cohort, Moreau (2020) reported fewer relapses."
    (cit,) = single_author_citations(text, 0, len(text))
    assert (cit.surname, cit.year) == ("Moreau", 2020)


def test_a_row_found_by_its_first_character_matches_as_its_pattern_does() -> None:
    """``Clue.finditer`` through the first-character scan gives the pattern's own matches:
    leftmost first, none inside an earlier one, a look-ahead to the span's end kept."""
    from extractor.normalize.pattern_scans import by_first_char

    pattern = r"(?<=[a-z)%]\.)(?P<nums>\d{1,3}(?:[,–-]\d{1,3})*)(?=[^\S\n]+[A-Z(\[]|[^\S\n]*$)"
    fast = by_first_char(pattern, 0)
    assert fast is not None
    row = Clue("marker", 1.0, re.compile(pattern), fast=fast)
    text = "It fell.12 In mice it rose.3,4 Later 5.6 mm; the end.7"
    for a, b in [(0, len(text)), (0, 10), (3, 30), (11, len(text)), (0, 9)]:
        want = [(m.span(), m.group("nums")) for m in re.compile(pattern).finditer(text, a, b)]
        assert [(m.span(), m.group("nums")) for m in row.finditer(text, a, b)] == want


def test_rows_scanned_together_find_what_each_finds_alone() -> None:
    """The reference-marker rows that open with a digit share one scan (``row_matches``):
    each row still gets its own matches, leftmost first, in row order."""
    from extractor.records.study_mentions import _shared_scan, row_matches

    rows = clues("ref_marker")
    which = tuple(range(len(rows)))
    shared, scan = _shared_scan("ref_marker", which)
    assert scan is not None and len(shared) >= 2
    text = (
        "It fell by week 12.[21] In mice it rose.3,4 Later it fell,7 in 5 weeks 8 and "
        "healing,9 10 days.12 See (ref. 4) and Kim^5,6, also seen.²³ Done 2) here."
    )
    for a, b in [(0, len(text)), (0, 40), (16, 90), (41, len(text)), (0, 19)]:
        want = [[m.span() for m in rows[i].regex.finditer(text, a, b)] for i in which]
        got = [
            [m.span() for m in found] for _, found in row_matches("ref_marker", which, text, a, b)
        ]
        assert got == want
    assert any(
        m for _, found in row_matches("ref_marker", which, text, 0, len(text)) for m in found
    )


def test_a_document_settles_once_which_marker_rows_can_match_in_it() -> None:
    """A row none of whose strings the whole text holds is left out for every span of it;
    the markers found stay those of each row tried on the span."""
    from extractor.records.study_mentions import _marker_rows, lexicon_markers

    plain = "Kim et al. reported a fall in scores.4 In mice it rose (ref. 7)."
    alone, shared, _ = _marker_rows(plain)
    rows = clues("ref_marker")
    used = {*alone, *shared}
    assert all(i in used for i, c in enumerate(rows) if c.needs == ("ref", "Ref"))
    assert not any(i in used for i, c in enumerate(rows) if c.needs == ("^",))
    assert [m[2] for m in lexicon_markers(plain, 0, len(plain))] == [[4], [7]]
    caret = plain + " Lee et al.^5 agreed."
    assert [m[2] for m in lexicon_markers(caret, 0, len(caret))] == [[4], [7], [5]]
