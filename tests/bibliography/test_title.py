"""The title of a title page (title.py): which line it is and where it ends."""

from __future__ import annotations

import pytest

from extractor.bibliography.title import title_above, title_candidate


@pytest.mark.parametrize(
    "line",
    [
        "Subject Area: Dermatology",
        "Editor who approved publication: Dr Hanna Berg",
        "March 2021 · International Wound Journal 18(5)",
        "Volume 31, Issue 4, 2022",
        "Authors Sukhum T , Wongsiri K",
        "doi: 10.1111/exd.14732",
        "Research Article",
    ],
)
def test_page_furniture_is_no_title(line: str) -> None:
    assert not title_candidate(line)


def test_a_title_is_a_title_candidate() -> None:
    assert title_candidate("Subject-specific responses to stem cells in psoriasis")


def test_title_case_title_over_two_lines() -> None:
    front = [
        "Research Article",
        "Adipose-Derived Stem Cell Exosomes Reduce Ultraviolet-Induced Photoaging",
        "in Human Dermal Fibroblasts and Hairless Mice",
        "",
        "Rana Haddad ,1 Karim Nasser ,2 and Layla Aoun 1",
    ]
    assert title_above(front, 4) == (
        "Adipose-Derived Stem Cell Exosomes Reduce Ultraviolet-Induced Photoaging "
        "in Human Dermal Fibroblasts and Hairless Mice"
    )


def test_a_breadcrumb_above_a_one_line_title_stays_out() -> None:
    front = [
        "Home » Journals » Dermatology Reports » Volume 12 Issue 4 Articles",
        "Exosomes From Wharton Jelly Cells Ease Itch in Adults With Atopic Dermatitis: A Pilot "
        "Study of Twenty Patients Over Twelve Weeks",
        "Maya Cohen1, Ori Levi2",
    ]
    assert title_above(front, 2) == front[1]


def test_a_lower_case_last_line_below_the_title_joins_it() -> None:
    front = [
        "Exosome gel after fractional laser for enlarged facial pores: A split-face",
        "controlled study",
        "",
        "Jin Park MD1 | Eun Choi MD, PhD2",
    ]
    assert title_above(front, 3) == (
        "Exosome gel after fractional laser for enlarged facial pores: A split-face controlled study"
    )
