"""Review passages in different citation styles: one record per cited study, linked to the
reference list, with conflicts where table, prose and reference list disagree; and study-by-
study prose where a review's study takes the disease its own words introduce ("In chilblains,
…", "… concerns calciphylaxis: …", a frame naming a disorder no lexicon row knows), and no
other study's species."""

from __future__ import annotations

from extractor.ingest.text import structure_of
from extractor.records import assemble
from extractor.types import Conflict, CytokineEffect, Document, Outcome

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import document, dose, mark, refs_of, table_of
except ImportError:
    from records_helpers import document, dose, mark, refs_of, table_of  # type: ignore[no-redef]

NUMBERED = (
    "1. Introduction\n"
    "Stem cells were tried in eczema before (1).\n"
    "3. Results\n"
    "Lee et al. (4) treated ten patients with atopic dermatitis using intravenous UCB-MSCs "
    "(5 × 10^7 cells). The SCORAD fell from 48.2 to 20.1 and serum IL-13 was decreased.\n"
    "In a mouse study, Park et al. (7) applied ADSC-EVs topically to NC/Nga mice. TARC and "
    "IL-4 were reduced, but IL-10 was not affected (7).\n"
    "References\n"
    "1. Wong A, Li B. Early work. J Derm. (2010) 1:1. doi: 10.1000/early\n"
    "4. Lee SH, Kim J. Cord blood MSCs in eczema. J Derm. (2019) 1:1. doi: 10.1000/lee\n"
    "7. Park KY, Choi A. Vesicles in mice. Cells. (2021) 2:2. doi: 10.1000/park\n"
)


def _numbered_entities():
    return mark(
        NUMBERED,
        [
            ("UCB-MSCs", "CELL", "UCB-MSC"),
            ("ADSC-EVs", "VESICLE", "ADMSC-EV"),
            ("SCORAD", "OUTCOME_SCORE", "SCORAD"),
            ("IL-13", "CYTOKINE", "IL-13"),
            ("TARC", "CYTOKINE", "CCL17"),
            ("IL-4", "CYTOKINE", "IL-4"),
            ("IL-10", "CYTOKINE", "IL-10"),
            ("5 × 10^7 cells", "DOSE", dose("5 × 10^7 cells", 5e7, unit="cells")),
        ],
    )


def test_numbered_citations_link_to_reference_list() -> None:
    doc = document(NUMBERED, references=refs_of(NUMBERED))
    recs = assemble(doc, _numbered_entities())
    assert [(r.study_id, r.first_author, r.year, r.ref, r.doi) for r in recs] == [
        ("lee-2019", "Lee", 2019, 4, "10.1000/lee"),
        ("park-2021", "Park", 2021, 7, "10.1000/park"),
    ]
    lee, park = recs
    assert (lee.disease, lee.intervention, lee.model, lee.design, lee.sample_size) == (
        "atopic dermatitis",
        "cells",
        "human",
        "clinical trial",
        10,
    )
    assert lee.routes == ("i.v.",)
    assert lee.outcomes == (Outcome("SCORAD", 48.2, 20.1),)
    assert lee.cytokines == (CytokineEffect("IL-13", "down"),)
    assert [d.low for d in lee.doses] == [5e7]
    assert (park.intervention, park.model, park.design, park.routes) == (
        "vesicles",
        "mouse",
        "animal study",
        ("topical",),
    )
    assert park.cytokines == (
        CytokineEffect("CCL17", "down"),
        CytokineEffect("IL-4", "down"),
        CytokineEffect("IL-10", None),
    )


AUTHOR_YEAR = (
    "Smith et al., 2020 injected adipose-derived stem cells intralesionally into 3 male and "
    "2 female patients with localized scleroderma; the mRSS decreased from 14 to 8.\n"
    "Garcia and Lopez (2018) gave exosomes intradermally to twelve patients with acne scars.\n"
    "These results agree with earlier data (Kim et al., 2015).\n"
)


def test_author_year_citations_without_reference_list() -> None:
    ents = mark(
        AUTHOR_YEAR,
        [
            ("mRSS", "OUTCOME_SCORE", "mRSS"),
            ("adipose-derived stem cells", "CELL", "ADMSC"),
            ("exosomes", "VESICLE", "exosome"),
        ],
    )
    recs = assemble(document(AUTHOR_YEAR), ents)
    assert [(r.study_id, r.year, r.ref, r.sample_size, r.routes) for r in recs] == [
        ("smith-2020", 2020, None, 5, ("intralesional",)),
        ("garcia-2018", 2018, None, 12, ("intradermal",)),
    ]  # the bracketed "(Kim et al., 2015)" only supports a claim: not a discussed study
    assert recs[0].disease == "localized scleroderma"
    assert recs[0].outcomes == (Outcome("mRSS", 14.0, 8.0),)
    assert (recs[1].disease, recs[1].intervention) == ("acne scars", "vesicles")


TABLE_REVIEW = (
    "Introduction\n"
    "Wong et al. (1) first described the cells.\n"
    "Table 1.\n"
    "Summary of studies.\n"
    "Author | Year | Population | Key observation |\n"
    "---|---|---|---|\n"
    "MSCs in psoriasis | |||\n"
    "Kim et al. (3) | 2020 | 8 patients with psoriasis; Dose: 1×106 cells/kg i.v. | PASI improved |\n"
    "Exosomes in psoriasis | |||\n"
    "Kim et al. (5) | 2020 | BALB/c mice; Dose of exosomes: 10 μg s.c. | IL-17 fell |\n"
    "Results\n"
    "Kim et al. (3) infused MSCs into seven patients with psoriasis; the PASI fell from 20 to 10.\n"
    "Imiquimod-treated mice received exosomes subcutaneously [5]. IL-17 was reduced.\n"
    "References\n"
    "1. Wong A. Old. J. (2001) 1:1. doi: 10.1000/w\n"
    "3. Kimm HR, Lee S. MSC in psoriasis. J. (2021) 1:1. doi: 10.1000/k3\n"
    "5. Kim E, Park J. Exosomes in mice. J. (2020) 1:1. doi: 10.1000/k5\n"
)


def test_table_rows_are_records_and_conflicts_are_listed() -> None:
    rows = [
        ("Author", "Year", "Population", "Key observation"),
        ("MSCs in psoriasis", "", "", ""),
        (
            "Kim et al. (3)",
            "2020",
            "8 patients with psoriasis; Dose: 1×106 cells/kg i.v.",
            "PASI improved",
        ),
        ("Exosomes in psoriasis", "", "", ""),
        ("Kim et al. (5)", "2020", "BALB/c mice; Dose of exosomes: 10 μg s.c.", "IL-17 fell"),
    ]
    table = table_of(TABLE_REVIEW, "Table 1", rows[0], rows[1:])
    ents = mark(
        TABLE_REVIEW,
        [
            ("PASI", "OUTCOME_SCORE", "PASI"),
            ("IL-17", "CYTOKINE", "IL-17"),
            ("MSCs", "CELL", "MSC"),
            ("exosomes", "VESICLE", "exosome"),
            ("1×106 cells/kg", "DOSE", dose("1×106 cells/kg", 1e6, unit="cells/kg")),
            ("10 μg", "DOSE", dose("10 μg", 10, unit="µg")),
        ],
    )
    doc = document(TABLE_REVIEW, tables=(table,), references=refs_of(TABLE_REVIEW))
    recs = assemble(doc, ents)
    assert [r.study_id for r in recs] == ["kim-2020", "kim-2020-b"]
    a, b = recs
    assert (a.ref, a.sample_size, a.intervention, a.model, a.routes) == (
        3,
        8,
        "cells",
        "human",
        ("i.v.",),
    )
    assert Conflict("sample_size", (8, 7)) in a.conflicts
    assert Conflict("year", (2020, 2021)) in a.conflicts
    assert Conflict("first_author", ("Kim", "Kimm")) in a.conflicts
    # a field the sources disagree on is less certain than one they agree on
    assert a.confidence["sample_size"] < a.confidence["model"]
    assert a.confidence["year"] < b.confidence["year"]
    assert a.outcomes == (Outcome("PASI", 20.0, 10.0),)
    assert (b.ref, b.doi, b.intervention, b.model, b.design, b.routes) == (
        5,
        "10.1000/k5",
        "vesicles",
        "mouse",
        "animal study",
        ("s.c.",),
    )
    assert b.cytokines == (CytokineEffect("IL-17", "down"),)
    assert [d.unit for d in b.doses] == ["µg"]
    assert not b.conflicts
    # the row and the citing sentence are both evidence
    texts = [TABLE_REVIEW[e.start : e.end] for e in a.evidence if e.field is None]
    assert any(t.startswith("Kim et al. (3) | 2020") for t in texts)
    assert any(t.startswith("Kim et al. (3) infused") for t in texts)


BRACKETS = (
    "Clinical evidence\n"
    "In a phase I trial, ten patients with psoriasis received UC-MSCs intravenously [12]. "
    "The PASI fell from 18.0 to 7.5.\n"
    "In imiquimod-induced mice, MSC-exosomes were applied topically and IL-17 was reduced [13].\n"
    "Wang and colleagues (14) treated 6 dogs with atopic dermatitis.\n"
    "References\n"
    "12. Chen L, Wu Y. UC-MSCs in psoriasis. J. (2020) 1:1. doi: 10.1000/c12\n"
    "13. Zhao Q. Exosomes in mice. J. (2022) 1:1.\n"
    "14. Wang X, Li Y. Dogs. J. (2019) 1:1.\n"
)


def test_numbered_only_citations_become_records_named_from_the_reference_list() -> None:
    ents = mark(
        BRACKETS,
        [
            ("PASI", "OUTCOME_SCORE", "PASI"),
            ("IL-17", "CYTOKINE", "IL-17"),
            ("UC-MSCs", "CELL", "UC-MSC"),
            ("MSC-exosomes", "VESICLE", "MSC-exosome"),
        ],
    )
    recs = assemble(document(BRACKETS, references=refs_of(BRACKETS)), ents)
    assert [(r.study_id, r.ref, r.model, r.sample_size, r.routes) for r in recs] == [
        ("chen-2020", 12, "human", 10, ("i.v.",)),
        ("zhao-2022", 13, "mouse", None, ("topical",)),
        ("wang-2019", 14, "dog", 6, ()),
    ]
    assert recs[0].outcomes == (Outcome("PASI", 18.0, 7.5),)
    assert recs[1].cytokines == (CytokineEffect("IL-17", "down"),)
    assert recs[1].cells == ("MSC",)


def test_disease_named_once_before_the_citation_is_inherited() -> None:
    text = (
        "Several groups have tested adipose-derived stem cells in atopic dermatitis. "
        "Park et al., 2019 injected ADSCs intravenously into NC/Nga mice.\n"
        "Choi et al. (2022) gave ASC-EVs subcutaneously to 12 dogs with psoriasis.\n"
    )
    recs = assemble(document(text), [])
    assert [(r.study_id, r.disease) for r in recs] == [
        ("park-2019", "atopic dermatitis"),
        ("choi-2022", "psoriasis"),
    ]
    assert recs[0].confidence["disease"] < recs[1].confidence["disease"]


APA = (
    "Cell-free products have also been tried in acne. In Cutibacterium acnes-challenged mouse "
    "ears, intradermal ADSC-derived exosomes reduced ear swelling (Liu et al., 2022). A "
    "split-face trial applied ADSC-conditioned medium topically in 25 patients with atrophic "
    "acne scars (Hong et al., 2023). TGF-β increased in biopsies. These agree with earlier "
    "data (Kim et al., 2015; Lee et al., 2016).\n"
)


def test_bracketed_author_year_closing_a_study_sentence_names_the_study() -> None:
    recs = assemble(document(APA), mark(APA, [("TGF-β", "CYTOKINE", "TGF-β")]))
    assert [(r.study_id, r.model, r.routes, r.intervention) for r in recs] == [
        ("liu-2022", "mouse", ("intradermal",), "vesicles"),
        ("hong-2023", "human", ("topical",), "conditioned medium"),
    ]
    assert recs[1].cytokines == (CytokineEffect("TGF-β", "up"),)
    assert (recs[1].sample_size, recs[1].disease) == (25, "acne scars")


def test_a_sentence_citing_two_studies_belongs_to_both() -> None:
    text = (
        "Both Kim et al. (2019) and Lee et al. (2020) infused UC-MSCs intravenously into "
        "patients with psoriasis.\n"
        "Park et al. (2021) applied exosomes topically to 8 patients with atopic dermatitis.\n"
    )
    recs = assemble(document(text), [])
    assert [(r.study_id, r.routes, r.disease) for r in recs] == [
        ("kim-2019", ("i.v.",), "psoriasis"),
        ("lee-2020", ("i.v.",), "psoriasis"),
        ("park-2021", ("topical",), "atopic dermatitis"),
    ]


def test_author_year_table_rows_merge_with_their_discussion(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from extractor.ingest import read_document

    text = (
        "Stem cell therapies for atopic dermatitis: a narrative review\n"
        "3. Clinical studies\n"
        "Table 1.\n"
        "Clinical studies of MSCs in atopic dermatitis.\n"
        "Study | Cell source | Participants | Route and dose | Main outcome |\n"
        "---|---|---|---|---|\n"
        "Kim et al., 2016 | hUCB-MSCs | 34 adults with AD | s.c.; 5.0 × 10^7 cells | EASI-50 in 55% |\n"
        "Lee et al., 2019 | AD-MSCs | 8 children with eczema | i.v.; 1 × 10^6 cells/kg | SCORAD fell |\n"
        "Park and Choi, 2021 | UC-MSC-Exos | 12 adults with AD | topical; 10 μg/mL | IGA improved |\n"
        "In the trial by Kim et al. (2016), only seven adults completed follow-up.\n"
    )
    path = tmp_path / "review.txt"
    path.write_text(text, encoding="utf-8")
    recs = assemble(read_document(path), [])
    assert [(r.study_id, r.sample_size, r.routes, r.intervention) for r in recs] == [
        ("kim-2016", 34, ("s.c.",), "cells"),
        ("lee-2019", 8, ("i.v.",), "cells"),
        ("park-2021", 12, ("topical",), "vesicles"),
    ]
    kim_spans = [text[e.start : e.end] for e in recs[0].evidence if e.field is None]
    assert any(s.startswith("In the trial by Kim et al. (2016)") for s in kim_spans)


PSORIASIS_PARAGRAPH = (
    "4. Vesicles and cells in psoriasis\n"
    "Yoon et al. (21) transplanted adipose-derived stem cells (ADSCs) intravenously into "
    "BALB/c mice that received 62.5 mg of 5% imiquimod cream daily; the PASI-like clinical "
    "score fell from 10 to 4 and IL-17A was reduced. Han et al. (22) applied ADSC-derived "
    "exosomes topically to IMQ-treated mice, which lowered IL-23. The benefit depended on "
    "exosomal TGF-β1, because it was lost when TGF-β1 was knocked down (22).\n"
)


def test_two_studies_in_one_paragraph_keep_their_own_routes_outcomes_and_cytokines() -> None:
    """The inducer's cream is not the first study's route, the second study's "topically" is
    its own, a "PASI-like clinical score" is one PASI, and a cytokine named as the tested
    mechanism is not an effect."""
    ents = mark(
        PSORIASIS_PARAGRAPH,
        [
            ("adipose-derived stem cells", "CELL", "ADMSC"),
            ("ADSCs", "CELL", "ADMSC"),
            ("exosomes", "VESICLE", "exosome"),
            ("PASI", "OUTCOME_SCORE", "PASI"),
            ("clinical score", "OUTCOME_SCORE", "clinical score"),
            ("IL-17A", "CYTOKINE", "IL-17A"),
            ("IL-23", "CYTOKINE", "IL-23"),
            ("TGF-β1", "CYTOKINE", "TGF-β1"),
        ],
    )
    recs = assemble(document(PSORIASIS_PARAGRAPH), ents)
    assert [(r.study_id, r.routes, r.outcomes, r.cytokines) for r in recs] == [
        ("yoon", ("i.v.",), (Outcome("PASI", 10.0, 4.0),), (CytokineEffect("IL-17A", "down"),)),
        ("han", ("topical",), (), (CytokineEffect("IL-23", "down"),)),
    ]


def _records(text: str) -> dict[str, object]:
    parts, meta = structure_of(text)
    doc = Document(doc_id="t", source="t.txt", text=text, format="text", meta=meta, **parts)  # type: ignore[arg-type]
    return {r.study_id: r for r in assemble(doc, [])}


PASSAGE = (
    "4. Injuries from cold and calcium\n\n"
    "Cell products have also been tried where tissue dies from physical injury. In chilblains, "
    "Okonkwo and Berg (2020) exposed the paws of 10 Sprague-Dawley rats to ice water and "
    "injected adipose-derived stem cells subcutaneously. For acute radiation dermatitis, "
    "Lund et al. (2021) irradiated 14 C57BL/6 mice and applied exosomes topically. The one "
    "human account concerns calciphylaxis: Ruiz and Amin (2022) reported a man on dialysis "
    "whose leg ulcer closed after intralesional injections of umbilical cord stem cells.\n"
)


def test_each_study_keeps_the_disorder_its_frame_names() -> None:
    recs = _records(PASSAGE)
    assert recs["okonkwo-2020"].disease == "other: chilblain"  # type: ignore[attr-defined]
    assert recs["lund-2021"].disease == "other: radiation dermatitis"  # type: ignore[attr-defined]
    # the calciphylaxis case does not inherit the radiation study's disease ...
    assert recs["ruiz-2022"].disease == "other: calciphylaxis"  # type: ignore[attr-defined]


def test_a_case_report_after_a_mouse_study_is_about_one_person() -> None:
    ruiz = _records(PASSAGE)["ruiz-2022"]
    # ... nor its mice: "reported a man" is one person treated
    assert (ruiz.model, ruiz.design, ruiz.sample_size) == ("human", "case report", 1)  # type: ignore[attr-defined]


def test_a_generic_frame_leaves_the_disease_to_the_run() -> None:
    text = (
        "3.6. Alopecia areata\n\n"
        "Alopecia areata has been treated in mice and in patients. In twelve patients with "
        "patchy disease (Sato et al., 2021), intradermal exosomes from adipose-derived stem "
        "cells reduced the SALT score.\n"
    )
    assert _records(text)["sato-2021"].disease == "other: alopecia areata"  # type: ignore[attr-defined]


def test_numbers_glued_to_names_cite_studies_and_a_lead_in_opens_the_next() -> None:
    text = (
        "5. Scars and ageing\n\n"
        "Berg et al21 injected adipose-derived stem cells into hypertrophic scars of 12 "
        "patients. Keloids were treated with medium: Osei and colleagues22 applied conditioned "
        "medium to 9 keloids. For photoageing, only animal data exist. Ito et al23 irradiated "
        "10 hairless mice with UVB and injected exosomes intradermally.\n\n"
        "References\n"
        "21. Berg A, Lund T. ADSCs in hypertrophic scars. Burns. 2019;45:10-8.\n"
        "22. Osei K, Mensah A. Conditioned medium for keloids. Dermatol Surg. 2020;46:1-8.\n"
        "23. Ito T, Sato K. Exosomes in photoaged mice. J Dermatol Sci. 2021;101:5-9.\n"
    )
    recs = _records(text)
    assert list(recs) == ["berg-2019", "osei-2020", "ito-2021"]
    assert [recs[k].ref for k in recs] == [21, 22, 23]  # type: ignore[attr-defined]
    # "For photoageing, only animal data exist." introduces Ito's study, not Osei's keloids
    assert recs["osei-2020"].disease == "other: keloid"  # type: ignore[attr-defined]
    assert recs["ito-2021"].disease == "other: photoageing"  # type: ignore[attr-defined]


def test_a_result_sentence_without_numbers_or_a_disease_stays_with_its_study() -> None:
    text = (
        "Kim et al. (2019) injected exosomes into 10 mice with psoriasis. IL-17A decreased "
        "markedly. Lee et al. (2020) treated 8 patients with atopic dermatitis intravenously.\n"
    )
    kim = _records(text)["kim-2019"]
    told = [text[e.start : e.end] for e in kim.evidence if e.field is None]  # type: ignore[attr-defined]
    assert "IL-17A decreased markedly." in told


def test_a_number_closing_a_clause_makes_the_whole_sentence_the_studys() -> None:
    text = (
        "Lesional skin was grafted onto nude mice (n = 6 per group), which received exosomes "
        "subcutaneously [12]; inflammation fell. Finally, a child with junctional "
        "epidermolysis bullosa received epidermal grafts [13].\n\n"
        "References\n"
        "12. Olsen T. Exosomes in xenografts. Exp Dermatol. 2023;32:1-8.\n"
        "13. Fontaine C. Grafts in epidermolysis bullosa. N Engl J Med. 2018;379:1-2.\n"
    )
    recs = _records(text)
    child = recs["fontaine-2018"]
    # the mice of study 12 are study 12's; the child is one person treated
    assert (child.model, child.design, child.sample_size) == ("human", "case report", 1)  # type: ignore[attr-defined]
    assert recs["olsen-2023"].model == "mouse"  # type: ignore[attr-defined]


def test_a_qualified_eczema_is_not_atopic_dermatitis() -> None:
    from extractor.records import fields as F

    def disease(sentence: str) -> object:
        return F.disease(sentence, [F.Piece(0, len(sentence), 1.0, F.PARAGRAPH)]).value

    assert disease("Eleven patients with eczema received cells.") == "atopic dermatitis"
    assert disease("Eleven patients with chronic hand eczema received cells.") is None
    assert disease("Patients with dyshidrotic eczema were treated.") is None


def test_and_associates_names_a_study_like_and_colleagues() -> None:
    text = (
        "Kumar and associates (2018) treated 24 patients with venous leg ulcers topically. "
        "Haidari and co-authors (2020) injected cells around ulcers in 30 rats.\n"
    )
    assert list(_records(text)) == ["kumar-2018", "haidari-2020"]


def test_superscript_reference_numbers_close_their_sentence() -> None:
    text = (
        "Hair and pigment\n\n"
        "In alopecia areata, Okafor and colleagues injected medium intradermally in 14 "
        "patients.²⁵ Vitiligo was treated with exosomes: 18 patients received intradermal "
        "injections, and VASI improved.²⁴\n\n"
        "References\n"
        "24. Rahimi H, Moradi S. Exosomes for vitiligo. Photodermatol. 2022;38:240-7.\n"
        "25. Okafor C, Eze N. Medium in alopecia areata. Int J Trichology. 2021;13:20-6.\n"
    )
    recs = _records(text)
    # "²⁵" closes the alopecia sentence, so "²⁴" alone names the vitiligo study
    assert recs["rahimi-2022"].ref == 24  # type: ignore[attr-defined]
    assert recs["rahimi-2022"].sample_size == 18  # type: ignore[attr-defined]


def test_a_model_cell_naming_a_cell_line_or_skin_cell_type_is_a_culture(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Cellosaurus names and skin cell types in a model column, with no animal or patient:
    cell culture, in vitro; a row naming mice stays an animal study."""
    from extractor.ingest import read_document

    text = (
        "Vesicles in hair loss and pigment disorders: a review\n"
        "Table 3. Preclinical studies\n"
        "Study | Model | Product | Route |\n"
        "---|---|---|---|\n"
        "Ortiz et al., 2019 | C3H/HeJ mice, n = 10 | ADSC-EVs | intradermal |\n"
        "Weber et al., 2020 | NHEM under UVB | UC-MSC exosomes | – |\n"
        "Chen et al., 2021 | dermal papilla cells from scalp | BM-MSC-CM | – |\n"
    )
    path = tmp_path / "review.txt"
    path.write_text(text, encoding="utf-8")
    recs = assemble(read_document(path), [])
    assert [(r.study_id, r.model, r.design) for r in recs] == [
        ("ortiz-2019", "mouse", "animal study"),
        ("weber-2020", "cell culture", "in vitro"),
        ("chen-2021", "cell culture", "in vitro"),
    ]


def test_a_csv_cell_starting_with_its_count_gives_the_sample_size(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A CSV cell's count comes straight after the comma that ends the cell before it."""
    from extractor.ingest import read_document

    text = (
        "Cell therapy in vitiligo: a review\n"
        "Table 2. Clinical studies\n"
        "Study,Participants,Product,Route\n"
        '"Rossi (Italy, 2018)",14 adults with vitiligo,ADSCs,intradermal\n'
        '"Mori (Japan, 2020)",2 patients with vitiligo,UC-MSCs,intravenous\n'
    )
    path = tmp_path / "review.csv.txt"
    path.write_text(text, encoding="utf-8")
    recs = assemble(read_document(path), [])
    assert [(r.study_id, r.sample_size, r.model) for r in recs] == [
        ("rossi-2018", 14, "human"),
        ("mori-2020", 2, "human"),
    ]
