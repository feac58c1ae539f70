"""'A 2020 trial by Ortiz et al.' opens a study with the construction's year; a bracketed
citation closing a sentence of its own that names a study keeps the next sentences with that
study (README "Segmentation")."""

from __future__ import annotations

import pytest

from extractor.records import assemble

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import document
except ImportError:
    from records_helpers import document  # type: ignore[no-redef]

# a first study that the next one must not be folded into
FIRST = "Moreau et al. (2017) infused UC-MSCs intravenously into 20 patients with psoriasis. "


def _summary(text: str) -> list[tuple[str, int | None, tuple[str, ...]]]:
    return [(r.study_id, r.sample_size, tuple(r.routes)) for r in assemble(document(text), [])]


@pytest.mark.parametrize(
    ("second", "study_id", "sample", "routes"),
    [
        # sentence-initial, "trial", no number
        (
            "A 2021 trial by Ibarra et al. injected ADSCs subcutaneously into 11 patients.",
            "ibarra-2021",
            11,
            ("s.c.",),
        ),
        # "study" with a reference number after the author
        (
            "A 2018 study by Nakagawa et al. (14) gave ADSCs intravenously to 6 mice.",
            "nakagawa-2018",
            6,
            ("i.v.",),
        ),
        # "in a … report from … and colleagues", mid-sentence
        (
            "Acne scars were treated in a 2019 report from Lindgren and colleagues, in which "
            "9 patients received intradermal ADSC-exosomes.",
            "lindgren-2019",
            9,
            ("intradermal",),
        ),
        # adjectives before the year, two words between the year and the noun
        (
            "An open-label 2023 phase 2 trial by Okafor et al. enrolled 18 patients given "
            "UC-MSCs intravenously.",
            "okafor-2023",
            18,
            ("i.v.",),
        ),
        # "work by" with a bracketed number and no year
        (
            "In work by Szabo et al. [9], 7 patients received ADSCs subcutaneously.",
            "szabo",
            7,
            ("s.c.",),
        ),
        # a year in the citation itself wins over nothing; construction without a year
        (
            "A pilot study by Rossi et al. (2016) treated 5 patients with topical ADSC-exosomes.",
            "rossi-2016",
            5,
            ("topical",),
        ),
    ],
)
def test_year_study_by_opens_a_study(
    second: str, study_id: str, sample: int, routes: tuple[str, ...]
) -> None:
    got = _summary(FIRST + second)
    assert got[0] == ("moreau-2017", 20, ("i.v.",))
    assert got[1:] == [(study_id, sample, routes)]


@pytest.mark.parametrize(
    "second",
    [
        # a comparison with the construction is not a study
        "Results were similar to a 2019 study by Kwame et al. in which mice received ADSCs.",
        "This agrees with earlier data (Kwame et al., 2019).",
        # an author named without year or number in the construction is not enough
        "A study by Kwame et al. confirmed this in mice.",
    ],
)
def test_year_study_by_counter_examples(second: str) -> None:
    assert [s[0] for s in _summary(FIRST + second)] == ["moreau-2017"]


@pytest.mark.parametrize(
    ("second", "study_id", "sample", "routes"),
    [
        (
            "For morphea only one report exists (Okafor et al., 2021). Eight dogs received "
            "ADSCs intravenously. Their lesions improved.",
            "okafor-2021",
            8,
            ("i.v.",),
        ),
        # square brackets, a case noun, a number
        (
            "A single case has been published [Ueda et al. 2020]. A 12-year-old boy received "
            "SVF subcutaneously.",
            "ueda-2020",
            1,
            ("s.c.",),
        ),
        # the citation as subject of a sentence of its own; the details follow
        (
            "Okafor et al. (2021) enrolled dogs. They received 8 intravenous infusions of ADSCs.",
            "okafor-2021",
            None,
            ("i.v.",),
        ),
    ],
)
def test_citation_in_its_own_sentence_keeps_what_follows(
    second: str, study_id: str, sample: int | None, routes: tuple[str, ...]
) -> None:
    got = _summary(FIRST + second)
    assert got[0] == ("moreau-2017", 20, ("i.v.",))
    assert got[1:] == [(study_id, sample, routes)]


@pytest.mark.parametrize(
    "second",
    [
        # a general claim without a study noun: the next sentence stays with the first study
        "Psoriasis is common in adults (Okafor et al., 2021). Eight patients received "
        "ADSCs intravenously.",
        # support wording
        "This is consistent with earlier studies (Okafor et al., 2021). Eight patients "
        "received ADSCs intravenously.",
        # the next sentence cites its own study
        "One report exists (Okafor et al., 2021). Eight patients received ADSCs intravenously [4].",
        # the citation does not close its sentence
        "One report (Okafor et al., 2021) is often quoted in this field. Eight patients "
        "received ADSCs intravenously.",
    ],
)
def test_citation_sentence_counter_examples(second: str) -> None:
    assert "okafor-2021" not in [s[0] for s in _summary(FIRST + second)]
