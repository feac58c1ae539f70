"""A made-up primary-study abstract is one record with every field read from its wording."""

from __future__ import annotations

from extractor.records import assemble
from extractor.types import CytokineEffect, Dose, Outcome

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import document, dose, mark, table_of
except ImportError:
    from records_helpers import document, dose, mark, table_of  # type: ignore[no-redef]

ABSTRACT = (
    "Umbilical cord mesenchymal stem cells for moderate-to-severe psoriasis: a phase I/II trial\n"
    "Background: Psoriasis is a chronic inflammatory skin disease.\n"
    "Methods: We enrolled 9 male and 3 female patients with plaque psoriasis. UC-MSCs were "
    "infused intravenously at 1 × 10^6 cells/kg every two weeks, three times.\n"
    "Results: The mean PASI fell from 14.6 at baseline to 9.2 after 12 weeks. Serum IL-17A "
    "and TNF-alpha were lowered, whereas IL-10 was elevated; IL-6 did not change. "
    "Treg frequencies increased.\n"
    "Conclusions: UC-MSC infusion was safe in our patients.\n"
)


def _entities():
    e = mark(
        ABSTRACT,
        [
            ("Umbilical cord mesenchymal stem cells", "CELL", "UC-MSC"),
            ("UC-MSCs", "CELL", "UC-MSC"),
            ("UC-MSC", "CELL", "UC-MSC"),
            ("Treg", "CELL", "Treg"),
            ("PASI", "OUTCOME_SCORE", "PASI"),
            ("IL-17A", "CYTOKINE", "IL-17A"),
            ("TNF-alpha", "CYTOKINE", "TNF-α"),
            ("IL-10", "CYTOKINE", "IL-10"),
            ("IL-6", "CYTOKINE", "IL-6"),
            ("1 × 10^6 cells/kg", "DOSE", dose("1 × 10^6 cells/kg", 1e6, unit="cells/kg")),
        ],
    )
    return e


def test_primary_abstract_is_one_record_with_all_fields() -> None:
    recs = assemble(document(ABSTRACT, doc_id="made-up-ucmsc"), _entities())
    assert len(recs) == 1
    r = recs[0]
    assert (r.study_id, r.disease, r.intervention, r.model, r.design, r.sample_size) == (
        "made-up-ucmsc",
        "psoriasis",
        "cells",
        "human",
        "clinical trial",
        12,
    )
    assert r.doses == (Dose("1 × 10^6 cells/kg", 1e6, 1e6, "cells/kg"),)
    assert r.routes == ("i.v.",)
    assert r.outcomes == (Outcome("PASI", 14.6, 9.2),)
    assert r.cytokines == (
        CytokineEffect("IL-17A", "down"),
        CytokineEffect("TNF-α", "down"),
        CytokineEffect("IL-10", "up"),
        CytokineEffect("IL-6", None),
    )
    assert r.cells == ("UC-MSC", "Treg")
    assert all(0.0 <= v <= 1.0 for v in r.confidence.values())
    assert {"disease", "model", "sample_size", "routes", "doses", "cytokines"} <= set(r.confidence)
    fields = {e.field for e in r.evidence}
    assert {"disease", "sample_size", "routes", "outcomes", "cytokines", "doses"} <= fields
    for ev in r.evidence:
        assert 0 <= ev.start < ev.end <= len(ABSTRACT)


def test_primary_animal_study_from_strain_names() -> None:
    text = (
        "Exosomes from adipose-derived stem cells (ADSC-Exos) ameliorate atopic dermatitis in mice\n"
        "Atopic dermatitis-like lesions were induced with DNCB in BALB/c mice. We injected "
        "ADSC-Exos subcutaneously (10 μg/head). ADSC-Exos reduced the SCORAD-like clinical score "
        "and decreased IL-4 and IL-13, while DNCB exposure had raised IL-4.\n"
    )
    ents = mark(
        text,
        [
            ("ADSC-Exos", "VESICLE", "ADMSC-exosome"),
            ("IL-4", "CYTOKINE", "IL-4"),
            ("IL-13", "CYTOKINE", "IL-13"),
            ("10 μg/head", "DOSE", dose("10 μg/head", 10, unit="µg/head")),
        ],
    )
    (r,) = assemble(document(text), ents)
    assert (r.disease, r.intervention, r.model, r.design) == (
        "atopic dermatitis",
        "vesicles",
        "mouse",
        "animal study",
    )
    assert r.routes == ("s.c.",)
    assert r.cytokines == (CytokineEffect("IL-4", "down"), CytokineEffect("IL-13", "down"))
    assert r.sample_size is None


def test_primary_article_ignores_introduction_and_discussion() -> None:
    from extractor.types import Section

    parts = [
        (
            "Abstract",
            "Abstract\nWe treated 14 patients with atopic dermatitis with subcutaneous ADSC-exosomes.\n",
        ),
        (
            "Introduction",
            "Introduction\nPreviously, Kim et al. (4) infused BM-MSCs intravenously into 30 psoriasis patients.\n",
        ),
        ("Methods", "Methods\nADSC-exosomes (50 μg) were injected subcutaneously every week.\n"),
        ("Results", "Results\nIn our patients the EASI fell from 22.0 to 11.0.\n"),
        (
            "Discussion",
            "Discussion\nLee et al. (7) found that MSCs lowered IL-4 at 2 × 10^6 cells/kg.\n",
        ),
    ]
    text, sections, pos = "", [], 0
    for title, body in parts:
        sections.append(Section(title, pos, pos + len(body)))
        text += body
        pos += len(body)
    ents = mark(
        text,
        [
            ("ADSC-exosomes", "VESICLE", "ADMSC-exosome"),
            ("BM-MSCs", "CELL", "BM-MSC"),
            ("MSCs", "CELL", "MSC"),
            ("EASI", "OUTCOME_SCORE", "EASI"),
            ("IL-4", "CYTOKINE", "IL-4"),
            ("50 μg", "DOSE", dose("50 μg", 50, unit="µg")),
            ("2 × 10^6 cells/kg", "DOSE", dose("2 × 10^6 cells/kg", 2e6, unit="cells/kg")),
        ],
    )
    (r,) = assemble(document(text, sections=tuple(sections)), ents)
    assert (r.disease, r.intervention, r.model, r.design, r.sample_size, r.routes) == (
        "atopic dermatitis",
        "vesicles",
        "human",
        "clinical trial",
        14,
        ("s.c.",),
    )
    assert [d.low for d in r.doses] == [50]
    assert r.cytokines == ()
    assert r.cells == ("ADMSC",)
    assert r.outcomes == (Outcome("EASI", 22.0, 11.0),)


def test_primary_article_with_a_comparison_table_stays_one_record() -> None:
    text = (
        "We enrolled 10 patients with psoriasis. We injected SVF intradermally. "
        "We observed fewer plaques. Our results were durable. In this study, no adverse events occurred.\n"
        "Table 1.\n"
        "Study | Year | Population |\n"
        "Kim et al. (3) | 2019 | 8 patients |\n"
        "Lee et al. (4) | 2020 | 5 patients |\n"
    )
    rows = [
        ("Study", "Year", "Population"),
        ("Kim et al. (3)", "2019", "8 patients"),
        ("Lee et al. (4)", "2020", "5 patients"),
    ]
    table = table_of(text, "Table 1", rows[0], rows[1:])
    (r,) = assemble(document(text, tables=(table,), doc_id="svf-trial"), [])
    assert (r.study_id, r.intervention, r.routes, r.sample_size) == (
        "svf-trial",
        "svf",
        ("intradermal",),
        10,
    )


def test_structured_abstract_citing_one_earlier_study_stays_primary() -> None:
    text = (
        "Background: Kim et al. (2019) reported benefit of MSCs in psoriasis.\n"
        "Methods: Eight patients with psoriasis received SVF intradermally.\n"
        "Results: The PASI fell from 12.0 to 6.0.\n"
    )
    ents = mark(text, [("PASI", "OUTCOME_SCORE", "PASI")])
    (r,) = assemble(document(text, doc_id="svf-abstract"), ents)
    assert (r.study_id, r.intervention, r.sample_size, r.routes) == (
        "svf-abstract",
        "svf",
        8,
        ("intradermal",),
    )


def test_primary_doi_from_the_article_header() -> None:
    text = (
        "J Dermatol Sci. 2023;112:31-8. doi: 10.1016/j.jdermsci.2023.09.001.\n"
        "Exosomes attenuate localized scleroderma fibrosis\n"
        "Exosomes were injected subcutaneously into 10 mice with localized scleroderma.\n"
    )
    (r,) = assemble(document(text), [])
    assert r.doi == "10.1016/j.jdermsci.2023.09.001"
    assert r.confidence["doi"] > 0.5


DIABETIC_RAT_ABSTRACT = (
    "Small extracellular vesicles from adipose stem cells speed diabetic wound closure in rats\n"
    "Male Wistar rats were made diabetic by one i.p. injection of streptozocin (STZ; 55 mg/kg), "
    "and a 1.5-cm full-thickness wound was cut on the back. Vesicles were pelleted by "
    "ultracentrifugation, and 4E+09 particles in 150 µL PBS were injected subcutaneously at the "
    "wound edge on days 0 and 5 (six rats per group). Topical antibiotics were allowed after "
    "wounding. Closure reached 92% on day 12. STZ had doubled IL-1β in the wound, which the "
    "vesicles did not lower; TNF-α was reduced, IL-6 was unchanged, and VEGF was upregulated. "
    "These data support the vesicles as an intradermal candidate for diabetic ulcers.\n"
)


def test_diabetic_rat_abstract_keeps_only_the_therapys_dose_route_and_effects() -> None:
    from extractor.normalize.dose import find_doses
    from extractor.types import Entity

    text = DIABETIC_RAT_ABSTRACT
    ents = mark(
        text,
        [
            ("Small extracellular vesicles", "VESICLE", "sEV"),
            ("adipose stem cells", "CELL", "ADSC"),
            ("IL-1β", "CYTOKINE", "IL-1β"),
            ("TNF-α", "CYTOKINE", "TNF-α"),
            ("IL-6", "CYTOKINE", "IL-6"),
            ("VEGF", "CYTOKINE", "VEGF"),
        ],
    )
    ents += [Entity(m.start, m.end, "DOSE", m.text, m.doses) for m in find_doses(text)]
    ents.sort(key=lambda e: e.start)
    (r,) = assemble(document(text, doc_id="made-up-stz"), ents)
    assert (r.disease, r.intervention, r.model, r.design, r.sample_size) == (
        "other: diabetic wound",
        "vesicles",
        "rat",
        "animal study",
        6,
    )
    # the inducer's 55 mg/kg and i.p., the vehicle's 150 µL, the antibiotic's and the proposed
    # routes are not the therapy's
    assert r.doses == (Dose("4E+09 particles", 4e9, 4e9, "particles"),)
    assert r.routes == ("s.c.",)
    assert r.cytokines == (
        CytokineEffect("IL-1β", None),
        CytokineEffect("TNF-α", "down"),
        CytokineEffect("IL-6", None),
        CytokineEffect("VEGF", "up"),
    )
