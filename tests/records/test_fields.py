"""Field extractors on notation variants (one sentence each, as other papers write them)."""

from __future__ import annotations

import pytest

from extractor.records import fields as F
from extractor.types import CytokineEffect, Outcome

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import by_sentence, dose, mark, whole_text
except ImportError:
    from records_helpers import by_sentence, dose, mark, whole_text  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cells were infused intravenously twice.", ("i.v.",)),
        ("2 × 10^6 cells/kg i.v. on day 0", ("i.v.",)),
        ("a single IV infusion of UC-MSCs", ("i.v.",)),
        ("exosomes were injected subcutaneously", ("s.c.",)),
        ("Subcutaneous injection of ADMSC-exosomes", ("s.c.",)),
        ("10 μg/head s.c./topically", ("s.c.", "topical")),
        ("given SC at 1 mg/kg", ("s.c.",)),
        ("the cream was applied topically", ("topical",)),
        ("intradermal injections of SVF", ("intradermal",)),
        ("intralesional delivery into plaques", ("intralesional",)),
        ("mice received 5 × 10^5 cells i.p.", ("i.p.",)),
        ("injected intraperitoneally", ("i.p.",)),
        # not routes: a fat depot, a trial phase, the stratum corneum
        ("MSCs derived from subcutaneous adipose tissue proliferate faster", ()),
        ("EVs, 100 μg, subcutaneous around the wound", ("s.c.",)),
        ("EVs, 100 μg, into the subcutaneous fat around the wound", ()),
        ("a phase IV trial", ()),
        ("SC hydration increased", ()),
    ],
)
def test_route_variants(text: str, expected: tuple[str, ...]) -> None:
    kept, _ = F.routes(text, whole_text(text))
    assert tuple(kept.value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two patients with AD were treated.", 2),
        ("seven patients with moderate to severe psoriasis", 7),
        ("3 male and 2 female patients with psoriasis", 5),
        ("3 male patients with psoriasis and 2 female patients with psoriasis", 5),
        ("We enrolled twenty-five participants.", 25),
        ("the small sample size of 25 patients", 25),
        ("a total of 12 dogs with atopic dermatitis", 12),
        ("in a cohort (n = 30) of adults", 30),
        # not the treated sample: donors, completers, strain numbers, ages
        (
            "six control participants and six psoriasis patients were included for exosome isolation",
            None,
        ),
        ("only four participants completed the trial", None),
        ("DBA/2 mice were used", None),
        ("Six-week-old male BALB/c mice", None),
    ],
)
def test_sample_size_variants(text: str, expected: int | None) -> None:
    assert F.sample_size(text, whole_text(text), None).value == expected


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        (
            "a decrease in PASI score (from 21.6 to 9.0) after two infusions",
            Outcome("PASI", 21.6, 9.0),
        ),
        ("The PASI score decreased dramatically from 50.4 to 0.3.", Outcome("PASI", 50.4, 0.3)),
        ("the PSSI score decreased dramatically from 28 to zero", Outcome("PSSI", 28.0, 0.0)),
        ("Mean EASI fell from 14.6 at baseline to 9.2 at week 12.", Outcome("EASI", 14.6, 9.2)),
        ("SCORAD improved from 45.3 ± 8.1 to 20.2 ± 6.4", Outcome("SCORAD", 45.3, 20.2)),
        ("mRSS: 24 → 15", Outcome("mRSS", 24.0, 15.0)),
        ("CADESI-03 was recorded from 2 to 3 weeks after dosing", Outcome("CADESI-03")),
        ("IGA improved (p = 0.02)", Outcome("IGA")),
    ],
)
def test_outcome_value_variants(text: str, outcome: Outcome) -> None:
    ents = mark(text, [(outcome.measure, "OUTCOME_SCORE", outcome.measure)])
    found, _, _ = F.outcomes(text, ents, whole_text(text))
    assert found == (outcome,)


CYTOS = [
    ("IL-6", "IL-6"),
    ("IL-1β", "IL-1β"),
    ("IL-10", "IL-10"),
    ("TNF-α", "TNF-α"),
    ("TNFα", "TNF-α"),
    ("IFN-γ", "IFN-γ"),
    ("IL-4", "IL-4"),
    ("TGF-β1", "TGF-β1"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MSC-exosomes reduced IL-6 and TNF-α.", [("IL-6", "down"), ("TNF-α", "down")]),
        ("Treatment suppressed IFN-γ.", [("IFN-γ", "down")]),
        ("ADSCs attenuated TNFα production.", [("TNF-α", "down")]),
        ("IL-4 levels were significantly lowered after therapy.", [("IL-4", "down")]),
        ("The therapy upregulated IL-10.", [("IL-10", "up")]),
        ("exosomes restored the levels of IL-10", [("IL-10", "up")]),
        (
            "Exosome treatment decreased IL-6 but increased IL-10.",
            [("IL-6", "down"), ("IL-10", "up")],
        ),
        # the insult raised it: not the therapy's effect
        ("PM exposure led to an upregulation of IL-6 and IL-1β.", []),
        # the cytokine is the stimulus
        ("MSC-EVs induced death in fibroblasts stimulated with TGF-β1.", []),
        # negation: a change was looked for and not found
        ("Serum IL-4 did not change after the infusions.", [("IL-4", None)]),
        ("Treatment had no significant effect on IFN-γ.", [("IFN-γ", None)]),
    ],
)
def test_cytokine_direction_variants(text: str, expected: list[tuple[str, str | None]]) -> None:
    ents = mark(text, [(s, "CYTOKINE", n) for s, n in CYTOS])
    therapy = mark(
        text,
        [
            ("MSC-exosomes", "VESICLE", "MSC-exosome"),
            ("ADSCs", "CELL", "ADMSC"),
            ("MSC-EVs", "VESICLE", "MSC-EV"),
        ],
    )
    found, _, _ = F.cytokines(text, ents, whole_text(text), therapy)
    assert found == tuple(CytokineEffect(n, d) for n, d in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NC/Nga mice with AD", "mouse"),
        ("BALB/c mice were sensitised", "mouse"),
        ("C57BL/6 mice received exosomes", "mouse"),
        ("DBA/2 mice", "mouse"),
        ("Canine with AD", "dog"),
        ("twelve dogs with atopic dermatitis", "dog"),
        ("HaCaT, HDF, HMC-1 cell lines", "cell culture"),
        ("NHEK were cultured with exosomes", "cell culture"),
        ("25 patients with acne", "human"),
    ],
)
def test_model_cues(text: str, expected: str) -> None:
    assert F.model(text, whole_text(text)).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dose of SVF: 3 ml i.v.", "svf"),
        ("Dose of exosomes: 25 μg/cm2", "vesicles"),
        ("Dose of EVs: 1 ng/mL", "vesicles"),
        ("Dose of ADMSCs: 1.3 million cells/kg i.v.", "cells"),
        ("injection of MSC-conditioned medium", "conditioned medium"),
        ("treated with apoptotic vesicles (ApoVs) from MSCs", "apoptotic vesicles"),
    ],
)
def test_intervention_from_what_was_dosed(text: str, expected: str) -> None:
    assert F.intervention(text, whole_text(text, F.ROW)).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("psoriasis vulgaris treated with ADMSCs", "psoriasis"),
        ("25 patients with acne; acne scar severity improved", "acne scars"),
        ("acne vulgaris lesions", "acne vulgaris"),
        ("localized scleroderma-fibroblasts (LSF)", "localized scleroderma"),
        ("human SSC fibroblasts", "systemic sclerosis"),
        ("atopic eczema in children", "atopic dermatitis"),
        ("AD-MSCs were infused into patients with psoriatic arthritis", "psoriatic arthritis"),
    ],
)
def test_disease_cues(text: str, expected: str) -> None:
    assert F.disease(text, whole_text(text)).value == expected


def test_a_score_and_its_bracketed_variant_are_both_outcomes() -> None:
    text = "Two patients achieved a 50% improvement in their PASI score (PASI-50)."
    ents = mark(text, [("PASI", "OUTCOME_SCORE", "PASI"), ("PASI-50", "OUTCOME_SCORE", "PASI-50")])
    found, _, _ = F.outcomes(text, ents, whole_text(text))
    assert found == (Outcome("PASI"), Outcome("PASI-50"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They decreased CTGF, a key player in the TGF-β pathway.", [("CTGF", "down")]),
        ("EVs inhibited the TGF-β signaling pathway.", [("TGF-β", "down")]),
        ("ASC-EVs reduced IL-31/TRPA1-mediated pruritus.", [("IL-31", "down")]),
        ("This involves the IL-31/TRPA1-mediated pathway.", []),
    ],
)
def test_pathway_mentions_count_only_with_a_governing_verb(text: str, expected: list) -> None:
    ents = mark(
        text,
        [
            ("CTGF", "CYTOKINE", "CTGF"),
            ("TGF-β", "CYTOKINE", "TGF-β"),
            ("IL-31", "CYTOKINE", "IL-31"),
        ],
    )
    found, _, _ = F.cytokines(text, ents, whole_text(text), [])
    assert found == tuple(CytokineEffect(n, d) for n, d in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IMQ increased IL-17, which was reversed by exosome treatment.", [("IL-17", "down")]),
        ("PM lowered IL-10, which was restored by ADSC-EVs.", [("IL-10", "up")]),
        ("In imiquimod-induced mice, exosomes reduced IL-17.", [("IL-17", "down")]),
    ],
)
def test_passive_agent_and_insult_modifiers(text: str, expected: list) -> None:
    ents = mark(text, [("IL-17", "CYTOKINE", "IL-17"), ("IL-10", "CYTOKINE", "IL-10")])
    found, _, _ = F.cytokines(text, ents, whole_text(text), [])
    assert found == tuple(CytokineEffect(n, d) for n, d in expected)


def test_baseline_then_final_value_wording() -> None:
    text = "The mean EASI was 24.3 ± 5.2 at baseline and 10.1 ± 3.4 at week 12."
    ents = mark(text, [("EASI", "OUTCOME_SCORE", "EASI")])
    assert F.outcomes(text, ents, whole_text(text))[0] == (Outcome("EASI", 24.3, 10.1),)


@pytest.mark.parametrize(
    "text", ["mice were injected via the tail vein", "AD-like lesions in NC/Nga mice"]
)
def test_more_cues(text: str) -> None:
    if "tail" in text:
        assert F.routes(text, whole_text(text))[0].value == ("i.v.",)
    else:
        assert F.disease(text, whole_text(text)).value == "atopic dermatitis"


def test_route_of_the_disease_inducer_is_not_a_therapy_route() -> None:
    text = (
        "Dermatitis was induced in C57BL/6 mice by topical imiquimod (IMQ). "
        "Exosomes were then injected subcutaneously."
    )
    assert F.routes(text, whole_text(text))[0].value == ("s.c.",)


@pytest.mark.parametrize(
    "text",
    [
        "HaCaT cells stimulated with TNF-α and IFN-γ were treated with exosomes, which reduced IL-6.",
        "Exosomes attenuate inflammation in TNF-α/IFN-γ-stimulated keratinocytes and reduced IL-6.",
        "IMQ raised TNF-α. Exosomes reduced IL-6.",
    ],
)
def test_stimulus_lists_and_inducer_sentences_are_not_effects(text: str) -> None:
    ents = mark(
        text,
        [
            ("TNF-α", "CYTOKINE", "TNF-α"),
            ("IFN-γ", "CYTOKINE", "IFN-γ"),
            ("IL-6", "CYTOKINE", "IL-6"),
        ],
    )
    pieces = by_sentence(text)
    found, _, _ = F.cytokines(text, ents, pieces, [])
    assert found == (CytokineEffect("IL-6", "down"),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb before the list belongs to the inducer; the therapy's comes after
        (
            "Bleomycin increased TGF-β1 and IL-6 in skin, and BM-MSCs suppressed all three.",
            [("TGF-β1", "down"), ("IL-6", "down")],
        ),
        (
            "The stimulus raised the release of CCL5, and MSC-ApoVs suppressed this increase.",
            [("CCL5", "down")],
        ),
        # the therapy clause has its own objects: the insult list says nothing
        (
            "IMQ upregulated IL-6 and IL-17; EV treatment attenuated IL-17 but did not change IL-6.",
            [("IL-17", "down"), ("IL-6", None)],
        ),
        ("Dendritic cells exposed to ADSC-sEVs expressed less IL-12.", [("IL-12", "down")]),
    ],
)
def test_insult_subjects_and_anaphora(text: str, expected: list) -> None:
    names = [
        ("TGF-β1", "TGF-β1"),
        ("IL-6", "IL-6"),
        ("CCL5", "CCL5"),
        ("IL-17", "IL-17"),
        ("IL-12", "IL-12"),
    ]
    ents = mark(text, [(s, "CYTOKINE", n) for s, n in names])
    found, _, _ = F.cytokines(text, ents, whole_text(text), [])
    assert sorted(found, key=lambda c: c.name) == sorted(
        (CytokineEffect(n, d) for n, d in expected), key=lambda c: c.name
    )


def test_baseline_and_final_values_in_separate_sentences() -> None:
    text = (
        "At baseline, the Eczema Area and Severity Index (EASI) was 31.2 and the POEM 24. "
        "Twelve weeks later, EASI had dropped to 6.4 (EASI-75 achieved) and POEM to 7."
    )
    ents = mark(
        text,
        [
            ("Eczema Area and Severity Index", "OUTCOME_SCORE", "EASI"),
            ("EASI", "OUTCOME_SCORE", "EASI"),
            ("POEM", "OUTCOME_SCORE", "POEM"),
            ("EASI-75", "OUTCOME_SCORE", "EASI-75"),
        ],
    )
    pieces = by_sentence(text)
    found, _, _ = F.outcomes(text, ents, pieces)
    assert found == (Outcome("EASI", 31.2, 6.4), Outcome("POEM", 24.0, 7.0), Outcome("EASI-75"))


def test_long_form_takes_the_norm_of_its_bracketed_abbreviation() -> None:
    text = "the pruritus Visual Analog Scale (PVAS) fell from 7.2 to 3.1"
    ents = mark(
        text, [("Visual Analog Scale", "OUTCOME_SCORE", "VAS"), ("PVAS", "OUTCOME_SCORE", "PVAS")]
    )
    assert F.outcomes(text, ents, whole_text(text))[0] == (Outcome("PVAS", 7.2, 3.1),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mice (n = 8 per group) received exosomes", 8),
        ("were injected on day 21 (n = 9 and n = 8, respectively)", 9),
        ("A 29-year-old man with atopic dermatitis received UC-MSCs", 1),
        ("PBMCs were isolated from 10 patients with psoriasis", None),
    ],
)
def test_more_sample_size_forms(text: str, expected: int | None) -> None:
    assert F.sample_size(text, whole_text(text), None).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22 patients with hypertrophic burn scars", "other: hypertrophic burn scar"),
        ("Intralesional ASCs for chronic diabetic foot ulcers", "other: diabetic foot ulcer"),
        ("exosomes in a mouse model of alopecia areata", "other: alopecia areata"),
    ],
)
def test_conditions_outside_the_vocabulary(text: str, expected: str) -> None:
    assert F.disease(text, whole_text(text)).value == expected


def test_hedged_route_is_not_a_route_and_a_cream_is_topical() -> None:
    hedged = "These findings support the development of topical vesicles for acne."
    assert F.routes(hedged, whole_text(hedged))[0].value == ()
    cream = "a cream containing MSC-sEVs, applied twice daily"
    assert F.routes(cream, whole_text(cream))[0].value == ("topical",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We enrolled 30 AD patients.", 30),
        ("12 moderate-to-severe psoriasis patients received cells", 12),
    ],
)
def test_disease_words_between_count_and_noun(text: str, expected: int) -> None:
    assert F.sample_size(text, whole_text(text), None).value == expected


def test_final_before_baseline_wording() -> None:
    text = "the PASI fell to 9.2 from 14.6 after treatment"
    ents = mark(text, [("PASI", "OUTCOME_SCORE", "PASI")])
    assert F.outcomes(text, ents, whole_text(text))[0] == (Outcome("PASI", 14.6, 9.2),)


def test_amounts_the_study_did_not_give_are_not_doses() -> None:
    text = (
        "Fibrosis was induced by bleomycin (100 µg in 100 µL) for 28 days. "
        "BM-MSCs (1 × 10^6 cells) were injected. "
        "Blood eosinophils fell from 1,250 to 380 cells/µL."
    )
    ents = mark(
        text,
        [
            ("100 µg", "DOSE", dose("100 µg", 100, unit="µg")),
            ("100 µL", "DOSE", dose("100 µL", 100, unit="µL")),
            ("1 × 10^6 cells", "DOSE", dose("1 × 10^6 cells", 1e6, unit="cells")),
            ("380 cells/µL", "DOSE", dose("380 cells/µL", 380, unit="cells/µL")),
        ],
    )
    pieces = by_sentence(text)
    found, _, _ = F.doses(text, ents, pieces)
    assert [d.low for d in found] == [1e6]


def test_negation_in_the_next_clause_does_not_apply() -> None:
    text = "ADSC-CM increased TGF-β1 secretion, and did not alter IL-8."
    ents = mark(text, [("TGF-β1", "CYTOKINE", "TGF-β1"), ("IL-8", "CYTOKINE", "IL-8")])
    found, _, _ = F.cytokines(text, ents, whole_text(text), [])
    assert found == (CytokineEffect("TGF-β1", "up"), CytokineEffect("IL-8", None))


def test_a_predicate_of_the_previous_cytokine_is_not_this_ones() -> None:
    text = "Lee et al. (2019) treated children; IL-4 was reduced and IL-10 rose."
    ents = mark(text, [("IL-4", "CYTOKINE", "IL-4"), ("IL-10", "CYTOKINE", "IL-10")])
    found, _, _ = F.cytokines(text, ents, whole_text(text), [])
    assert found == (CytokineEffect("IL-4", "down"), CytokineEffect("IL-10", "up"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the route word names the inducer's dosage form or the inducer's route
        (
            "Kang et al. (9) injected ADSCs intravenously into mice treated daily with 62.5 mg "
            "of 5% imiquimod cream.",
            ("i.v.",),
        ),
        ("Dermatitis was induced with imiquimod (Aldara) cream; MSCs were given i.p.", ("i.p.",)),
        (
            "Mice received bleomycin subcutaneously for 3 weeks and BM-MSCs intravenously on "
            "day 7.",
            ("i.v.",),
        ),
        # counter-examples: the route is the therapy's, the inducer is only nearby
        ("ADSC-derived exosomes were applied topically to imiquimod-treated ears.", ("topical",)),
        ("An exosome-loaded cream was applied after imiquimod application.", ("topical",)),
        ("UC-MSCs were injected subcutaneously into bleomycin-treated mice.", ("s.c.",)),
    ],
)
def test_a_route_word_right_after_an_inducer_is_the_inducers(
    text: str, expected: tuple[str, ...]
) -> None:
    assert F.routes(text, whole_text(text))[0].value == expected


_PASI_AND_GENERIC = [
    ("PASI", "OUTCOME_SCORE", "PASI"),
    ("clinical score", "OUTCOME_SCORE", "clinical score"),
]


@pytest.mark.parametrize(
    ("text", "items", "expected"),
    [
        (
            "WJ-MSCs lowered the PASI-like clinical score from 9 to 4.",
            _PASI_AND_GENERIC,
            (Outcome("PASI", 9.0, 4.0),),
        ),
        (
            "EVs reduced the SCORAD-based severity score of NC/Nga mice.",
            [
                ("SCORAD", "OUTCOME_SCORE", "SCORAD"),
                ("severity score", "OUTCOME_SCORE", "clinical score"),
            ],
            (Outcome("SCORAD"),),
        ),
        # counter-example: two scores side by side are two outcomes
        (
            "Both the PASI and the clinical score improved.",
            _PASI_AND_GENERIC,
            (Outcome("PASI"), Outcome("clinical score")),
        ),
    ],
)
def test_a_score_built_on_a_named_instrument_is_that_instrument(
    text: str, items: list, expected: tuple[Outcome, ...]
) -> None:
    ents = mark(text, items)
    assert F.outcomes(text, ents, whole_text(text))[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a mechanism the paper tested, not a change the therapy caused
        (
            "The benefit depended on MSC-secreted IL-10, as it was lost when IL-10 was knocked "
            "down with siRNA.",
            [],
        ),
        ("The protection was abolished in mice given a neutralizing antibody to TGF-β1.", []),
        # counter-examples: a direction, or a measured absence of change, is still a result
        (
            "The benefit was mediated by IL-10 production, which increased after treatment.",
            [("IL-10", "up")],
        ),
        (
            "The effect depended on PGE2, and TGF-β1 was unchanged after treatment.",
            [("TGF-β1", None)],
        ),
        ("ADSC-Exos reduced TGF-β1 in the dermis.", [("TGF-β1", "down")]),
    ],
)
def test_a_cytokine_named_as_the_tested_mechanism_is_not_an_effect(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    ents = mark(text, [("IL-10", "CYTOKINE", "IL-10"), ("TGF-β1", "CYTOKINE", "TGF-β1")])
    found, _, _ = F.cytokines(text, ents, whole_text(text), [])
    assert found == tuple(CytokineEffect(n, d) for n, d in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the disease inducer's route, even with an abbreviation between ("i.p. injection of")
        (
            "Diabetes was induced by a single i.p. injection of streptozocin (STZ, 55 mg/kg); "
            "exosomes were then injected subcutaneously around the wound.",
            ("s.c.",),
        ),
        # the inducer's dosage form, its strength in the bracket
        ("Vitiligo was induced with monobenzone (20% cream) and ADSCs were given i.p.", ("i.p.",)),
        # a conventional drug's route, and the therapy patients had failed before
        (
            "Topical corticosteroids were permitted as rescue medication; MSCs were infused "
            "intravenously.",
            ("i.v.",),
        ),
        (
            "Adults with eczema inadequately controlled by topical treatment received UC-MSCs "
            "intravenously.",
            ("i.v.",),
        ),
        ("Patients refractory to topical steroids received intralesional SVF.", ("intralesional",)),
        (
            "Exosomes were applied topically and intravenous methotrexate served as comparator.",
            ("topical",),
        ),
        # a proposal, not a route that was used
        ("These results support ADSC-Exos as a topical candidate for acne scars.", ()),
        ("Intralesional SVF is a candidate for keloid therapy.", ()),
        # counter-examples: the therapy's own routes stay
        ("Mice received 5 × 10^5 MSCs i.p. on day 3.", ("i.p.",)),
        ("An exosome cream was applied to the lesions twice daily.", ("topical",)),
        ("MSCs were infused intravenously together with oral steroids.", ("i.v.",)),
        ("Topical ADSC-Exos were applied after microneedling.", ("topical",)),
    ],
)
def test_routes_of_inducers_other_drugs_and_proposals_are_not_the_therapys(
    text: str, expected: tuple[str, ...]
) -> None:
    assert F.routes(text, whole_text(text))[0].value == expected


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # the size of each arm is the treated arm's size
        ("Vesicles were injected on days 10 and 14 (eight mice per group).", "mouse", 8),
        ("ADSC-Exos were given around each wound (10 rats in each group).", "rat", 10),
        # the origin of the product is not the origin of the patients
        (
            "Park et al. injected exosomes derived from human adipose-derived stem cells "
            "intradermally into the scalp of 14 patients.",
            "human",
            14,
        ),
        # counter-examples: donors, and a denominator that is not a group
        ("Fibroblasts were obtained from the skin of 6 patients at surgery.", "human", None),
        ("Mice were housed 5 mice per cage, and 30 mice were treated.", "mouse", 30),
        # material named before "from N patients": donors (sample.jsonl material_source rows)
        ("Primary keratinocytes from 8 patients with vitiligo were stimulated.", "human", None),
        ("Skin biopsies from 12 patients were stained for IL-17A.", "human", None),
        ("Vesicles from umbilical cord cells were applied to 8 patients.", "human", 8),
        ("Exosomes from stem cells were injected into the scars of 10 patients.", "human", 10),
    ],
)
def test_group_sizes_and_product_origins(text: str, model: str, expected: int | None) -> None:
    assert F.sample_size(text, whole_text(text), model).value == expected


def test_a_dose_in_a_sentence_that_also_names_the_inducer_is_kept() -> None:
    # "(BM-MSCs; 5 × 10^5 cells per mouse, …)" and "(40% cream, …; n = 10)": the semicolons sit
    # inside brackets and the "." of "i.p." closes an abbreviation, so the clause is the whole
    # sentence, which names the therapy, not only the inducer.
    text = (
        "A study in mice reported that i.p. BM-MSCs (BM-MSCs; 5 × 10^5 cells per mouse, twice "
        "weekly) delayed depigmentation induced with monobenzone (40% cream; n = 10)."
    )
    ents = mark(text, [("5 × 10^5 cells per mouse", "DOSE", dose("x", 5e5, unit="cells/mouse"))])
    assert F.doses(text, ents, whole_text(text))[0] == dose("x", 5e5, unit="cells/mouse")
    assert F.routes(text, whole_text(text))[0].value == ("i.p.",)


_DIRECTION_ITEMS = [
    (name, "CYTOKINE", name)
    for name in ("IL-4", "IL-6", "IL-10", "IL-13", "IL-17A", "IL-22", "IL-31", "TNF-α", "CXCL8")
] + [("oncostatin M", "CYTOKINE", "OSM"), ("IL-1α", "CYTOKINE", "IL-1α")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every cytokine of a named stimulus mix spelled out in brackets is the stimulus
        (
            "Keratinocytes stimulated with the M5 cytokine mixture (IL-17A, IL-22, oncostatin M, "
            "IL-1α and TNF-α, 10 ng/mL each) were treated with MSC-EVs, which lowered CXCL8.",
            [("CXCL8", "down")],
        ),
        # a relative clause that negates the therapy's effect: no direction
        ("Oxazolone had tripled IL-22, which the exosomes did not lower.", [("IL-22", None)]),
        ("IL-22 was not reduced by the exosome treatment.", [("IL-22", None)]),
        # a negation or a verb of an earlier clause does not reach the list's own predicate
        (
            "Plasma IL-13 fell after the infusions, IL-31 was unchanged, and IL-10 was "
            "upregulated.",
            [("IL-13", "down"), ("IL-31", None), ("IL-10", "up")],
        ),
        # counter-examples: a true increase caused by the therapy, a therapy named in brackets,
        # a participle with an insult agent, a negation in the list's own clause
        (
            "After exosome treatment IL-10 increased, whereas IL-6 did not change.",
            [("IL-10", "up"), ("IL-6", None)],
        ),
        (
            "HaCaT cells treated with MSC-EVs (IL-6 fell) released less CXCL8.",
            [("IL-6", "down"), ("CXCL8", "down")],
        ),
        ("Exosomes reduced the IL-6 increased by imiquimod.", [("IL-6", "down")]),
        ("Exosomes did not change IL-6, but increased IL-10.", [("IL-6", None), ("IL-10", "up")]),
        ("Exosomes reduced IL-6 and increased IL-10.", [("IL-6", "down"), ("IL-10", "up")]),
    ],
)
def test_stimulus_mixes_negated_relatives_and_own_predicates(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    ents = mark(text, _DIRECTION_ITEMS)
    found, _, _ = F.cytokines(text, ents, whole_text(text), [])
    assert found == tuple(CytokineEffect(n, d) for n, d in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exosomes accelerate diabetic wound healing in rats.", "other: diabetic wound"),
        # a synonym of the same condition takes the row's name
        ("ADSC-Exos may become an option for diabetic ulcers.", "other: diabetic wound"),
        ("healing of full-thickness diabetic wounds in db/db mice", "other: diabetic wound"),
        # counter-example: the more specific clinical entity keeps its own name
        ("Intralesional ASCs for chronic diabetic foot ulcers", "other: diabetic foot ulcer"),
    ],
)
def test_diabetic_wounds_and_ulcers_are_one_named_condition(text: str, expected: str) -> None:
    assert F.disease(text, whole_text(text)).value == expected


@pytest.mark.parametrize(
    ("text", "intervention", "routes"),
    [
        # grafted autologous / allogeneic skin cells are administered cells (SCHEMA: `cells`);
        # spraying onto a wound is cutaneous use
        (
            "Smith et al. (2020) sprayed autologous epidermal keratinocytes in fibrin onto the "
            "burn wound of 9 children.",
            "cells",
            ("topical",),
        ),
        (
            "Allogeneic cultured fibroblasts were injected intradermally into the ulcer margins.",
            "cells",
            ("intradermal",),
        ),
        # counter-examples: autologous plasma is no cell product; fibroblasts that are only the
        # target of vesicles are not the intervention
        ("Autologous platelet-rich plasma was applied to the scars.", None, ()),
        ("Keloid fibroblasts were treated with ADSC-Exos.", "vesicles", ()),
        ("ADSC-Exos were added to autologous fibroblast cultures in vitro.", "vesicles", ()),
    ],
)
def test_grafted_skin_cells_are_cells_and_a_spray_is_topical(
    text: str, intervention: str | None, routes: tuple[str, ...]
) -> None:
    assert F.intervention(text, whole_text(text)).value == intervention
    assert F.routes(text, whole_text(text))[0].value == routes


def test_a_dose_de_escalation_keeps_both_doses_but_a_lab_change_keeps_none() -> None:
    from extractor.normalize.dose import find_doses
    from extractor.types import Entity

    def record_doses(text: str) -> tuple:
        ents = [Entity(m.start, m.end, "DOSE", m.text, m.doses) for m in find_doses(text)]
        return F.doses(text, ents, whole_text(text))[0]

    text = "The ADSC-Exos dose was de-escalated from 100 µg to 50 µg per injection."
    assert record_doses(text) == (
        dose("100 µg", 100.0, unit="µg")[0],
        dose("50 µg per injection", 50.0, unit="µg/injection")[0],
    )
    assert record_doses("Blood eosinophils fell from 1,250 to 380 cells/µL after MSCs.") == ()


COORD_CYTOS = [
    *CYTOS,
    ("IL-17", "IL-17"),
    ("IL-8", "IL-8"),
    ("IL-12", "IL-12"),
    ("IL-13", "IL-13"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each cytokine takes the verb of its own clause: ", and", "and" between two finite
        # clauses, "; ", "whereas", "while", "but"
        (
            "ADSC-Exos restored IL-10, and IL-6 levels were reduced.",
            [("IL-10", "up"), ("IL-6", "down")],
        ),
        (
            "ADSC-Exos restored IL-10 and IL-6 levels were reduced.",
            [("IL-10", "up"), ("IL-6", "down")],
        ),
        (
            "ADSC-Exos restored IL-10 and the IL-6 concentration was reduced.",
            [("IL-10", "up"), ("IL-6", "down")],
        ),
        ("ADSC-Exos restored IL-10; IL-6 was lowered.", [("IL-10", "up"), ("IL-6", "down")]),
        (
            "ADSC-Exos restored IL-10, and IL-6 and TNF-α were reduced.",
            [("IL-10", "up"), ("IL-6", "down"), ("TNF-α", "down")],
        ),
        (
            "MSC-exosomes reduced IL-6, IL-8 and TNF-α, and IL-10 was increased.",
            [("IL-6", "down"), ("IL-8", "down"), ("TNF-α", "down"), ("IL-10", "up")],
        ),
        (
            "After ADSC-Exos, IL-6 levels were reduced, whereas IL-10 increased.",
            [("IL-6", "down"), ("IL-10", "up")],
        ),
        ("ADSC-Exos decreased IL-17 but increased IL-10.", [("IL-17", "down"), ("IL-10", "up")]),
        (
            "After ADSC-Exos, TNF-α and IL-1β were downregulated while TGF-β1 was upregulated.",
            [("TNF-α", "down"), ("IL-1β", "down"), ("TGF-β1", "up")],
        ),
        (
            "ADSC-Exos upregulated IL-10 whereas TNF-α and IL-1β decreased.",
            [("IL-10", "up"), ("TNF-α", "down"), ("IL-1β", "down")],
        ),
        ("ADSC-Exos reduced IL-6 and IL-10 increased.", [("IL-6", "down"), ("IL-10", "up")]),
        # negation stays in its own clause
        (
            "ADSC-Exos reduced IL-6, and IL-10 was not changed.",
            [("IL-6", "down"), ("IL-10", None)],
        ),
        ("ADSC-Exos reduced IL-6 and IL-10 did not change.", [("IL-6", "down"), ("IL-10", None)]),
        (
            "ADSC-Exos did not alter IL-6, and IL-10 levels increased.",
            [("IL-6", None), ("IL-10", "up")],
        ),
        # counter-examples: one list with one verb stays one list
        ("ADSC-Exos reduced IL-6 and IL-8.", [("IL-6", "down"), ("IL-8", "down")]),
        (
            "IL-6, IL-8 and TNF-α were reduced after ADSC-Exos.",
            [("IL-6", "down"), ("IL-8", "down"), ("TNF-α", "down")],
        ),
        (
            "ADSC-Exos reduced the expression of IL-6 and IL-8 in keratinocytes.",
            [("IL-6", "down"), ("IL-8", "down")],
        ),
        # a ratio moved: neither term has a direction of its own
        ("ADSC-Exos increased the ratio of IL-10 to IL-12.", [("IL-10", None), ("IL-12", None)]),
        (
            "ADSC-Exos raised the IL-10/IL-12 ratio and reduced IL-6.",
            [("IL-10", None), ("IL-12", None), ("IL-6", "down")],
        ),
        (
            "ADSC-Exos increased IL-10 and the ratio of IL-10 to IL-12.",
            [("IL-10", "up"), ("IL-12", None)],
        ),
        # the insult's clause is not the therapy's effect
        ("Imiquimod increased IL-17, and ADSC-Exos reduced IL-6.", [("IL-6", "down")]),
        ("ADSC-Exos reduced IL-6, whereas imiquimod increased IL-17.", [("IL-6", "down")]),
    ],
)
def test_each_cytokine_takes_the_verb_of_its_own_clause(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    ents = mark(text, [(s, "CYTOKINE", n) for s, n in COORD_CYTOS])
    therapy = mark(
        text,
        [("ADSC-Exos", "VESICLE", "ADMSC-exosome"), ("MSC-exosomes", "VESICLE", "MSC-exosome")],
    )
    found, _, _ = F.cytokines(text, ents, whole_text(text), therapy)
    assert found == tuple(CytokineEffect(n, d) for n, d in expected)


_STIMULUS_ITEMS = [
    (name, "CYTOKINE", name)
    for name in ("IL-6", "IL-8", "IL-10", "IL-17", "IL-23", "TNF-α", "IFN-γ", "IL-4")
] + [("TNFα", "CYTOKINE", "TNF-α")]
_STIMULUS_THERAPY = [
    ("ADSC-Exos", "VESICLE", "ADMSC-exosome"),
    ("MSC-EVs", "VESICLE", "MSC-EV"),
    ("exosomes", "VESICLE", "exosome"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X induced by Y" after the therapy's verb: X is the outcome, Y the stimulus
        (
            "ADSC-Exos reduced IL-6 and IL-8 induced by TNF-α.",
            [("IL-6", "down"), ("IL-8", "down")],
        ),
        (
            "ADSC-Exos reduced IL-6 and IL-8 induced by TNF-α and IFN-γ in HaCaT cells.",
            [("IL-6", "down"), ("IL-8", "down")],
        ),
        ("ADSC-Exos reduced IL-6 stimulated by LPS.", [("IL-6", "down")]),
        (
            "ADSC-Exos reduced IL-6 and IL-8 that were induced by TNF-α.",
            [("IL-6", "down"), ("IL-8", "down")],
        ),
        ("IL-6 induced in keratinocytes by TNF-α was reduced by ADSC-Exos.", [("IL-6", "down")]),
        # the participle with an insult agent is no predicate of the list; the later verb is
        ("The IL-6 production induced by LPS decreased after treatment.", [("IL-6", "down")]),
        ("the IL-6 production induced by LPS decreased after treatment", [("IL-6", "down")]),
        ("IL-6 induced by LPS decreased after ADSC-Exos treatment.", [("IL-6", "down")]),
        ("IL-6 was induced by LPS and reduced by ADSC-Exos.", [("IL-6", "down")]),
        # the stimulus written before the outcome, in its notation variants
        ("TNF-α-induced IL-6 was suppressed by MSC-EVs.", [("IL-6", "down")]),
        ("TNF-α–induced IL-6 was suppressed by MSC-EVs.", [("IL-6", "down")]),
        ("ADSC-Exos reduced TNF-α induced IL-6 in keratinocytes.", [("IL-6", "down")]),
        ("ADSC-Exos reduced TNFα induced apoptosis and IL-6.", [("IL-6", "down")]),
        ("ADSC-Exos reduced IL-6 in TNF-α-treated cells.", [("IL-6", "down")]),
        ("ADSC-Exos reduced IL-6 in TNF-α treated cells.", [("IL-6", "down")]),
        ("ADSC-Exos reduced IL-8 in response to IFN-γ.", [("IL-8", "down")]),
        ("Upon stimulation with TNF-α, ADSC-Exos lowered IL-8.", [("IL-8", "down")]),
        ("After 24 h exposure to IL-4, ADSC-Exos lowered IL-8.", [("IL-8", "down")]),
        (
            "ADSC-Exos reduced IL-6 and IL-8 in HaCaT cells after TNF-α treatment.",
            [("IL-6", "down"), ("IL-8", "down")],
        ),
        ("ADSC-Exos reduced IL-23-driven IL-17.", [("IL-17", "down")]),
        # counter-examples: the therapy as the agent, a relative clause with the therapy's
        # verb, the therapy as what cells responded to, an induction by the therapy
        ("IL-6 reduced by ADSC-Exos in keratinocytes.", [("IL-6", "down")]),
        ("IL-10 induced by ADSC-Exos rose in the wounds.", [("IL-10", "up")]),
        ("ADSC-Exos induced IL-10 secretion.", [("IL-10", "up")]),
        ("TNF-α induced IL-6, which ADSC-Exos reduced.", [("IL-6", "down")]),
        ("In response to ADSC-Exos, IL-10 increased.", [("IL-10", "up")]),
        ("IL-6 released in response to LPS was reduced by exosomes.", [("IL-6", "down")]),
        ("exosomes reduced the IL-6 increased by imiquimod.", [("IL-6", "down")]),
    ],
)
def test_a_cytokine_followed_by_induced_by_is_an_outcome_not_a_stimulus(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    ents = mark(text, _STIMULUS_ITEMS)
    therapy = mark(text, _STIMULUS_THERAPY)
    pieces = by_sentence(text)
    found, _, _ = F.cytokines(text, ents, pieces, therapy)
    assert found == tuple(CytokineEffect(n, d) for n, d in expected)
