"""A bracketed author-year citation anywhere in a sentence that reports a treatment opens
its own study, alone in its brackets or as an item of a ";"-separated list; supporting
citations do not (README "Segmentation")."""

from __future__ import annotations

import pytest

from extractor.records import assemble

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import document
except ImportError:
    from records_helpers import document  # type: ignore[no-redef]

# a first study that the bracketed one must not be folded into
FIRST = "Moreau et al. (2017) infused UC-MSCs intravenously into 20 patients with psoriasis. "


@pytest.mark.parametrize(
    ("second", "study_id", "sample", "route"),
    [
        # the citation after an opening phrase
        (
            "In plaque-type lesions (Duval et al., 2020), 9 patients received ADSCs intradermally.",
            "duval-2020",
            9,
            "intradermal",
        ),
        # in the middle, after the subject
        (
            "Topical ADSC-exosomes (Ortega et al., 2021) were applied twice daily in 14 patients.",
            "ortega-2021",
            14,
            "topical",
        ),
        # first item of a ";"-separated list whose other item is not a citation
        (
            "A rat model (Varga et al., 2016; aged animals, 12 weeks) received SVF "
            "subcutaneously (n = 7).",
            "varga-2016",
            7,
            "s.c.",
        ),
        # last item of a list, after a non-citation item
        (
            "In a small open series (phase 1; Haddad et al. 2019), 11 patients were given "
            "ADSCs intralesionally.",
            "haddad-2019",
            11,
            "intralesional",
        ),
        # square brackets, a year with a letter, no comma before the year
        (
            "In vulgar lesions [Lindqvist et al. 2018a], 6 patients were injected "
            "intradermally with ADSCs.",
            "lindqvist-2018",
            6,
            "intradermal",
        ),
        # closing the sentence (the established case)
        (
            "Eight patients received ADSCs subcutaneously (Ferreira et al., 2022).",
            "ferreira-2022",
            8,
            "s.c.",
        ),
    ],
)
def test_a_bracketed_author_year_citation_opens_its_own_study(
    second: str, study_id: str, sample: int, route: str
) -> None:
    text = FIRST + second + " The PASI fell by half.\n"
    recs = assemble(document(text), [])
    assert [r.study_id for r in recs] == ["moreau-2017", study_id]
    first, other = recs
    assert (first.sample_size, first.routes) == (20, ("i.v.",))
    assert (other.sample_size, other.routes) == (sample, (route,))


def test_two_citations_in_one_list_share_the_sentence() -> None:
    text = (
        FIRST + "Two later trials (Ruiz et al., 2019; Okoro et al., 2020) gave ADSCs intradermally "
        "to patients with psoriasis.\n"
    )
    recs = assemble(document(text), [])
    assert [(r.study_id, r.routes) for r in recs] == [
        ("moreau-2017", ("i.v.",)),
        ("ruiz-2019", ("intradermal",)),
        ("okoro-2020", ("intradermal",)),
    ]


@pytest.mark.parametrize(
    "second",
    [
        # supporting citations: agreement, confirmation, earlier data
        "Their patients improved, consistent with earlier studies (Ruiz et al., 2019).",
        "Intradermal delivery was safe, as previously reported (Ruiz et al., 2019; Okoro et "
        "al., 2020).",
        "This confirms that patients tolerate the cells (Ruiz et al., 2019).",
        # the citation is not an item of its brackets
        "Patients tolerated the infusions well (reviewed in Ruiz et al., 2019).",
        "Patients tolerated the infusions well (e.g., Ruiz et al., 2019).",
        # no treatment reported in the sentence
        "The mechanism remains unclear (Ruiz et al., 2019).",
    ],
)
def test_supporting_or_embedded_bracketed_citations_open_no_study(second: str) -> None:
    text = FIRST + second + "\n"
    recs = assemble(document(text), [])
    assert [r.study_id for r in recs] == ["moreau-2017"]
