"""Citation styles, surnames, reference linking and slugs."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    ("text", "surname", "year", "ref"),
    [
        ("De Jesus et al. (12) explored the use of ADMSCs", "De Jesus", None, 12),
        ("Mohseni Meybodi et al. (28) showed that", "Mohseni Meybodi", None, 28),
        ("Similarly, Comella et al. (27) demonstrated", "Comella", None, 27),
        ("Moreover Kim et al. [32] found", "Kim", None, 32),
        ("Lee et al., 2021 reported", "Lee", 2021, None),
        ("Lee et al. (2021) reported", "Lee", 2021, None),
        ("Garcia and Lopez (2019) gave", "Garcia", 2019, None),
        ("Garcia & Lopez, 2019, gave", "Garcia", 2019, None),
        ("van der Berg et al. (3) used", "van der Berg", None, 3),
        ("Fernández-García et al. (7) used", "Fernández-García", None, 7),
    ],
)
def test_citation_styles(text: str, surname: str, year: int | None, ref: int | None) -> None:
    (c,) = find_citations(text)
    assert (c.surname, c.year, c.ref) == (surname, year, ref)
    assert text[c.start : c.start + len(surname)] == surname


def test_comparisons_and_bracketed_citations_are_not_subjects() -> None:
    text = "Results similar to Kim et al. (3) were seen (Lee et al., 2020). Park et al. (5) found"
    subjects = [c.surname for c in find_citations(text) if is_subject(text, c)]
    assert subjects == ["Park"]


def test_bare_numbers_expand_ranges_and_lists() -> None:
    text = "as shown before [3-5], (7, 9) and (2019)"
    assert bare_numbers(text, 0, len(text)) == [3, 4, 5, 7, 9]


@pytest.mark.parametrize(
    ("authors", "surname"),
    [(("De Jesus MM", "Santiago JS"), "De Jesus"), (("Kim HR",), "Kim"), (("Smith, J.",), "Smith")],
)
def test_reference_surname(authors: tuple[str, ...], surname: str) -> None:
    assert ref_surname(Reference(1, "", 0, 0, authors)) == surname


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


@pytest.mark.parametrize(
    ("surname", "expected"),
    [
        ("De Jesus", "de-jesus"),
        ("Mohseni Meybodi", "mohseni-meybodi"),
        ("Fernández-García", "fernandez-garcia"),
        ("O’Brien", "o-brien"),
    ],
)
def test_slug(surname: str, expected: str) -> None:
    assert slug(surname) == expected


def test_exponents_in_brackets_are_not_citations() -> None:
    text = "BM-MSCs (1x10(6) cells per mouse) were injected [12]; IL(6) too (3)."
    assert bare_numbers(text, 0, len(text)) == [12, 3]


@pytest.mark.parametrize(
    ("text", "surname", "year", "ref"),
    [
        ("Kim et al.'s study (12) showed", "Kim", None, 12),
        ("A trial by Kim et al. in 2019 showed", "Kim", 2019, None),
        ("Kim and colleagues [7] injected", "Kim", None, 7),
        ("Kim et al.12 injected", "Kim", None, 12),
    ],
)
def test_more_citation_forms(text: str, surname: str, year: int | None, ref: int | None) -> None:
    (c,) = find_citations(text)
    assert (c.surname, c.year, c.ref) == (surname, year, ref)
