"""Citations (``extractor.records.citations``): every ``citations.*`` row of
``tests/cases/records/citations.jsonl`` (citation forms, reference surnames, slugs), then
reference linking and bracketed numbers."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.records.citations import (
    bare_numbers,
    find_citations,
    is_subject,
    link,
    ref_surname,
    slug,
    surname_matches,
)
from extractor.types import Reference

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import cases
except ImportError:
    from records_helpers import cases  # type: ignore[no-redef]


@pytest.mark.parametrize("row", cases("citations.find_citations"))
def test_citation_case(row: dict[str, Any]) -> None:
    """One citation in the text, with the surname, year and reference number expected; the
    citation starts where its surname is written (null: no citation at all)."""
    text, want = row["text"], row["expect"]
    if want is None:
        assert find_citations(text) == [], row["at"]
        return
    (c,) = find_citations(text)
    assert (c.surname, c.year, c.ref) == (want["surname"], want["year"], want["ref"]), row["at"]
    assert text[c.start : c.start + len(want["surname"])] == want["surname"], row["at"]


@pytest.mark.parametrize("row", cases("citations.ref_surname"))
def test_reference_surname_case(row: dict[str, Any]) -> None:
    # the entry as printed (``text``) when the reference reader split no authors from it
    ref = Reference(1, row.get("text", ""), 0, 0, tuple(row["authors"]))
    assert ref_surname(ref) == row["expect"], f"{row['at']}: {row['why']}"


@pytest.mark.parametrize("row", cases("citations.slug"))
def test_slug_case(row: dict[str, Any]) -> None:
    assert slug(row["text"]) == row["expect"], f"{row['at']}: {row['why']}"


def test_comparisons_and_bracketed_citations_are_not_subjects() -> None:
    text = "Results similar to Kim et al. (3) were seen (Lee et al., 2020). Park et al. (5) found"
    subjects = [c.surname for c in find_citations(text) if is_subject(text, c)]
    assert subjects == ["Park"]


def test_bare_numbers_expand_ranges_and_lists() -> None:
    text = "as shown before [3-5], (7, 9) and (2019)"
    assert bare_numbers(text, 0, len(text)) == [3, 4, 5, 7, 9]


def test_link_by_number_then_by_surname_and_year() -> None:
    refs = (
        Reference(6, "", 0, 1, ("Seetharaman R",), 2019, doi="10.1/a"),
        Reference(9, "", 2, 3, ("Kim E",), 2024, doi="10.1/b"),
    )
    assert link("Seetharman", 6, None, refs) is refs[0]
    assert link("Kim", None, 2024, refs) is refs[1]
    assert link("Kim", None, 2020, refs) is None
    assert surname_matches("Seetharman", "Seetharaman")
    assert not surname_matches("Kim", "Lee")


def test_exponents_in_brackets_are_not_citations() -> None:
    text = "BM-MSCs (1x10(6) cells per mouse) were injected [12]; IL(6) too (3)."
    assert bare_numbers(text, 0, len(text)) == [12, 3]


def test_a_study_cell_with_country_and_year_names_its_author() -> None:
    """``Author (country, year) [ref]`` (systematic reviews' characteristics tables): the
    bracketed place is no surname; a second author or a plain year keeps its reading."""
    from extractor.records.text_tables import parse_author_cell

    def got(cell: str) -> tuple[str, int | None, int | None] | None:
        c = parse_author_cell(cell)
        return None if c is None else (c.surname, c.year, c.ref)

    assert got("Haddad (Lebanon, 2020) [17]") == ("Haddad", 2020, 17)
    assert got("van der Berg (The Netherlands, 2018)") == ("van der Berg", 2018, None)
    assert got("Haddad and Mensah (2020) [17]") == ("Haddad", 2020, 17)
    assert got("Haddad (2020) [17]") == ("Haddad", 2020, 17)


_WRITTEN = [
    "Kim\net al. (2019) gave MSCs; De la Cruz and Park (2020) and Mohseni Meybodi et al.12",
    "Osei, K. et al. reported; Haddad's group (2018); Ferreira and co-workers' trial (2017).",
    "van der Berg   et al.^4 and St. Clair and colleagues15, Kim J et al. [3]",
    "(Okonkwo et al., Br J Dermatol 2018); Lindholm and colleagues (Exp Dermatol 2017)",
    "IL-6 and TNF rose. Moreover Lee and Kim's series (2019) et al et al. Kim et\nal.",
]


def _spans(matches: Any) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("name", ["written", "corpus"])
def test_anchored_scan_finds_what_the_pattern_finds(name: str) -> None:
    """The anchored scan (``_citation_matches``) returns the pattern's own ``finditer``
    matches, groups and order, over whole texts, every line and a span cut mid-word."""
    from pathlib import Path

    from extractor.records.citations import _citation_matches, _citation_regex

    if name == "written":
        texts = _WRITTEN
    else:
        root = Path(__file__).resolve().parents[2] / "corpus" / "text"
        texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))]
    assert texts
    pattern = _citation_regex()
    for text in texts:
        spans = [(0, len(text)), (3, len(text) - 5)]
        pos = 0
        for line in text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        for a, b in spans:
            want = _spans(pattern.finditer(text, a, b))
            assert _spans(_citation_matches(text, a, b)) == want, (text[a:b][:80], a, b)
