"""Segmentation into studies (``extractor.records.segment``): every ``segment.*`` row of
``tests/cases/records/segment.jsonl`` (where one study ends and the next begins, read through
``assemble()``), the table-column rows, then study tables of any column layout: columns read by
header meaning, one record per row.

Made-up review excerpts, ingested by the real plain-text reader (pipe tables, reference list),
so the table, its header and the reference entries are what a user's file would give.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from extractor.ingest.text import structure_of
from extractor.records import assemble
from extractor.records.lexicon import rows
from extractor.records.segment import column_role
from extractor.records.text_tables import column_product
from extractor.types import Document, Entity

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import bibliography_of, cases, document, marked
except ImportError:
    from records_helpers import (  # type: ignore[no-redef]
        bibliography_of,
        cases,
        document,
        marked,
    )


def ingested(text: str) -> Document:
    parts, meta = structure_of(text)
    return Document(doc_id="t", source="t.txt", text=text, format="text", meta=meta, **parts)  # type: ignore[arg-type]


def by_id(text: str) -> dict[str, object]:
    return {r.study_id: r for r in assemble(ingested(text), [])}


def studies(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The records ``assemble()`` gives for a row, as SCHEMA dicts."""
    text = row["text"]
    doc = ingested(text) if row.get("ingest") else document(text)
    return [r.to_dict() for r in assemble(doc, marked(row), bibliography_of(row))]


def matches(record: dict[str, Any], want: dict[str, Any]) -> bool:
    return all(record.get(k) == v for k, v in want.items())


@pytest.mark.parametrize("row", cases("segment.studies"))
def test_study_case(row: dict[str, Any]) -> None:
    """``expect``: the studies in order, each compared on the keys it gives; ``check: by_id``:
    each listed study (by ``study_id``) is among them; ``check: absent``: none of the listed
    study ids is."""
    got, want, at = studies(row), row["expect"], f"{row['at']}: {row['why']}"
    if row.get("check") == "absent":
        assert not {r["study_id"] for r in got} & set(want), at
    elif row.get("check") == "by_id":
        found = {r["study_id"]: r for r in got}
        assert all(w["study_id"] in found and matches(found[w["study_id"]], w) for w in want), (
            at,
            got,
        )
    else:
        assert len(got) == len(want) and all(map(matches, got, want)), (at, got)


@pytest.mark.parametrize("row", rows("table_columns.jsonl"), ids=lambda r: r["role"])
def test_every_column_row_keeps_its_case_and_drops_the_other(row: dict[str, str]) -> None:
    """A row's keep header gets its role (and its product, for a product row), its drop
    header does not (a product row's drop is a column of that role with no product)."""
    assert row["source"]
    assert column_role(row["keep"]) == row["role"]
    if "product" in row:
        assert column_product(row["keep"]) == row["product"]
        assert column_product(row["drop"]) != row["product"]
    else:
        assert column_role(row["drop"]) != row["role"]


def test_numbered_study_column_resolves_author_year_doi_through_the_reference_list() -> None:
    text = (
        "Table 2. Trials in chronic urticaria.\n\n"
        "| No. | Study | n | Intervention | Follow-up | Main findings |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | [7] | 15 | UC-MSCs i.v., two infusions | 24 months | UAS7 improved |\n"
        "| 2 | [9] | 6 | ADSCs injected intradermally | 3 months | wheals fewer |\n\n"
        "References\n"
        "7. Moreno-Vidal A, Ito K. Umbilical cord stem cells in chronic spontaneous urticaria. "
        "Allergy. 2018;73(2):101-9. doi:10.1111/all.13001\n"
        "8. Other B. A review of something. Rev J. 2017;1:1-2.\n"
        "9. Eze CU, Tran P. Intradermal adipose-derived stem cells for refractory chronic spontaneous urticaria: a pilot study. Clin Exp Dermatol. 2021;46:55-60. "
        "doi:10.1111/ced.14000\n"
    )
    recs = by_id(text)
    assert list(recs) == ["moreno-vidal-2018", "eze-2021"]
    a, b = recs["moreno-vidal-2018"], recs["eze-2021"]
    assert (a.first_author, a.year, a.ref, a.doi) == ("Moreno-Vidal", 2018, 7, "10.1111/all.13001")
    assert (b.ref, b.doi) == (9, "10.1111/ced.14000")
    # the "n" column is the sample size; the follow-up months and the row number are not
    assert (a.sample_size, b.sample_size) == (15, 6)
    assert a.routes == ("i.v.",) and b.routes == ("intradermal",)


def test_surname_year_cell_without_et_al_keeps_its_year() -> None:
    text = (
        "| First author (year) | Species | Product | Dose, route | Main outcome |\n"
        "|---|---|---|---|---|\n"
        "| Lindahl (2017) | mice with excisional wounds, 6 per group | BM-MSC exosomes | 20 μg, topical | faster closure |\n"
        "| Okoro (2023) | 11 patients with lichen planus | ADSCs | 2 mL intralesional | lesions smaller |\n"
    )
    recs = by_id(text)
    assert list(recs) == ["lindahl-2017", "okoro-2023"]
    assert recs["lindahl-2017"].ref is None  # "(2017)" is the year, not reference 2017
    assert (recs["lindahl-2017"].model, recs["okoro-2023"].model) == ("mouse", "human")
    assert recs["okoro-2023"].sample_size == 11


def test_a_sentence_about_a_numbered_row_merges_into_it() -> None:
    text = (
        "In the largest trial, Abara et al. [4] enrolled 40 adults with vitiligo.\n\n"
        "| Ref. | Population | Intervention | Outcome |\n"
        "|---|---|---|---|\n"
        "| [4] | 40 adults with vitiligo | ADSCs, topical | VASI from 3.0 to 1.1 |\n"
        "| [5] | C57BL/6 mice, n = 8 per group | MSC-EVs, 10 μg, s.c. | depigmentation reduced |\n\n"
        "References\n"
        "4. Abara N, Lowe T. Autologous adipose-derived stem cells with epidermal grafts in stable vitiligo: a randomised trial. Br J Dermatol. 2020;182:10-8. doi:10.1111/bjd.1\n"
        "5. Sato H. Mesenchymal stem cell extracellular vesicles protect melanocytes in a mouse model of vitiligo. J Dermatol Sci. 2022;105:2-9. doi:10.1016/j.jds.2\n"
    )
    recs = assemble(ingested(text), [])
    assert [r.study_id for r in recs] == ["abara-2020", "sato-2022"]
    assert recs[0].sample_size == 40 and recs[1].sample_size == 8
    assert recs[0].disease == "other: vitiligo"


def test_ref_is_filled_when_an_author_year_citation_resolves_in_the_reference_list() -> None:
    # issue 18 item 10: the DOI came through the list, so its number is known too
    text = (
        "Results\n"
        "Nakamura et al. (2019) injected UC-MSCs intravenously into 12 patients with psoriasis; "
        "the PASI fell from 20.1 to 9.4.\n\n"
        "References\n"
        "1. Other A. Unrelated work. J X. 2015;1:1.\n"
        "2. Nakamura K, Sato T. Intravenous umbilical cord mesenchymal stem cells for moderate-to-severe plaque psoriasis: an open trial. J Dermatol. 2019;46:1-9. "
        "doi:10.1111/1346-8138.1\n"
    )
    (rec,) = assemble(ingested(text), [])
    assert (rec.study_id, rec.ref, rec.doi) == ("nakamura-2019", 2, "10.1111/1346-8138.1")


def test_author_year_citation_without_a_reference_list_keeps_ref_null() -> None:
    text = (
        "Nakamura et al. (2019) injected UC-MSCs intravenously into 12 patients with psoriasis.\n"
    )
    (rec,) = assemble(ingested(text), [])
    assert (rec.study_id, rec.ref, rec.doi) == ("nakamura-2019", None, None)


def test_table_columns_file_is_json_lines_with_sources() -> None:
    from extractor.records.lexicon import models_dir

    for line in (models_dir() / "table_columns.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert {"role", "pattern", "source", "keep", "drop"} <= set(row)


SURNAME_TABLE = (
    "| Author (year) | Disease | Model | Treatment | Findings |\n"
    "|---|---|---|---|---|\n"
    "| Brandt (2019) | lichen planus | 9 patients | ADSCs 2 mL intralesional | lesions smaller |\n"
    "| Osei (2021) | morphea | 12 patients | SVF, s.c. | skin softer |\n\n"
)


def test_a_sentence_naming_a_row_by_surname_alone_joins_that_row() -> None:
    text = SURNAME_TABLE + "In that series, Brandt also found that IL-6 fell in biopsies.\n"
    ents = _cyto(text, "IL-6")
    recs = {r.study_id: r for r in assemble(ingested(text), ents)}
    assert [(c.name, c.direction) for c in recs["brandt-2019"].cytokines] == [("IL-6", "down")]
    assert recs["osei-2021"].cytokines == ()


def test_a_sentence_naming_two_rows_joins_neither() -> None:
    text = SURNAME_TABLE + "Unlike Osei, Brandt found that IL-6 fell in biopsies.\n"
    recs = assemble(ingested(text), _cyto(text, "IL-6"))
    assert all(r.cytokines == () for r in recs)


def _cyto(text: str, name: str) -> list:  # type: ignore[type-arg]
    from extractor.types import Entity

    i = text.index(name)
    return [Entity(i, i + len(name), "CYTOKINE", name, name)]


def test_the_acne_bacterium_names_the_acne_model() -> None:
    text = (
        "| Study (ref.) | Participants | Product and dose | Route |\n"
        "|---|---|---|---|\n"
        "| Lind et al. (2020) | C. acnes-injected rat ears, n = 6 per group | MSC-EVs, 5 μg | intradermal |\n"
        "| Moss et al. (2021) | 20 patients with rosacea | ADSC-CM, 1 mL | topical |\n"
    )
    rec, _ = assemble(ingested(text), [])
    assert (rec.disease, rec.model, rec.sample_size) == ("acne vulgaris", "rat", 6)


TAB_TABLE = (
    "Table 3. Cell products in vitiligo and lichen planus\n\n"
    "Year\tAuthors\tCondition\tCell product\tn\tDelivery\tOutcome\n"
    "2017\tFarahani et al.\tstable vitiligo\tautologous ADSCs\t18\tintradermal\tVASI improved\n"
    "2021\tVarga et al.\tvitiligo in C57BL/6 mice\tBM-MSCs\t6\tsubcutaneous\trepigmentation\n"
    "2022\tNdiaye et al.\tHaCaT cells stimulated with IL-17A\tUC-MSC-EVs\t3\tin medium\tless IL-8\n"
    "\nReferences\n"
    "Farahani, S., & Haider, M. (2017). Autologous adipose-derived stem cells for stable "
    "vitiligo. Journal of Dermatological Treatment, 28(6), 512–518. "
    "https://doi.org/10.1080/09546634.2017.1282601\n"
    "Varga, T., & Kiss, E. (2021). Bone marrow stem cells in a mouse model of vitiligo. "
    "Pigment Cell & Melanoma Research, 34(2), 278–289. https://doi.org/10.1111/pcmr.12944\n"
)


def test_a_tab_separated_table_is_a_study_table_with_an_author_year_reference_list() -> None:
    """A table pasted with tabs (no pipes) gives one record per row, the DOI from an
    unnumbered APA list by surname and year. A row naming a disease and a head count but no
    species is patients (keep: Farahani -> human); a species (Varga: mice) or cultured cells
    (Ndiaye: HaCaT) keep their own model (drop)."""
    recs = {r.study_id: r for r in assemble(ingested(TAB_TABLE), [])}
    assert sorted(recs) == ["farahani-2017", "ndiaye-2022", "varga-2021"]
    far, var, nd = recs["farahani-2017"], recs["varga-2021"], recs["ndiaye-2022"]
    assert far.doi == "10.1080/09546634.2017.1282601" and var.doi == "10.1111/pcmr.12944"
    assert nd.doi is None
    assert (far.model, far.design, far.sample_size) == ("human", "clinical trial", 18)
    assert (var.model, var.design) == ("mouse", "animal study")
    assert nd.model == "cell culture"


def test_tab_lines_that_are_no_table_give_no_rows() -> None:
    """Drop: one tab-separated line, and lines of two cells (a key and its value), make no
    table; a passage without tabs is left as ingestion read it."""
    from extractor.records.segment import text_tables

    one = "Year\tAuthors\tCondition\n\nFarahani et al. (2017) treated vitiligo.\n"
    pairs = "Received\t2020-11-05\nAccepted\t2021-02-26\n"
    assert text_tables(ingested(one)) == () and text_tables(ingested(pairs)) == ()
    assert text_tables(ingested(SURNAME_TABLE)) == ()


REF_LAST = (
    "Table 2. Extracellular vesicles in hair loss and chronic ulcers\n\n"
    "| Cell source | Condition and model | Product, dose and route | Effect | Ref. |\n"
    "|---|---|---|---|---|\n"
    "| Umbilical cord MSCs | cyclophosphamide-induced alopecia, C57BL/6 mice (n = 8 per group) "
    "| sEVs, 50 μg, intradermal | faster regrowth | [7] |\n"
    "| Adipose-derived stem cells | pyoderma gangrenosum, 1 patient | EV gel, 1 mL, topical "
    "| ulcer smaller | [12] |\n\n"
    "The pyoderma gangrenosum case [12] also reported less pain. Whether this holds in "
    "chemotherapy-induced alopecia of patients [8] is unknown.\n\n"
    "References\n"
    "7. Ito M, Sasaki K. Vesicles protect hair follicles in mice. J Dermatol Sci. "
    "2022;106(2):98-106.\n"
    "8. Freites-Martinez A, Shapiro J. Hair disorders in patients with cancer. J Am Acad "
    "Dermatol. 2019;80(5):1179-96.\n"
    "12. Schäfer N, Idowu O. Vesicles for pyoderma gangrenosum. JAAD Case Rep. 2023;33:41-4.\n"
)


def test_a_reference_column_last_leaves_the_first_column_to_the_study() -> None:
    """Keep: with the study given in a last ``Ref.`` column, the first column (the cell
    source) is read like any other; drop: the sentence citing only [8], a reference no row
    stands for, does not continue the pyoderma case before it."""
    text = REF_LAST
    ents = []
    for name, norm in (("Umbilical cord MSCs", "UC-MSC"), ("Adipose-derived stem cells", "ADMSC")):
        i = text.index(name)
        ents.append(Entity(i, i + len(name), "CELL", name, norm))
    recs = {r.study_id: r for r in assemble(ingested(text), ents)}
    assert sorted(recs) == ["ito-2022", "schafer-2023"]
    assert recs["ito-2022"].cells == ("UC-MSC",)
    assert recs["schafer-2023"].cells == ("ADMSC",)
    assert recs["ito-2022"].disease == "other: cyclophosphamide-induced alopecia"
    assert recs["schafer-2023"].disease == "other: pyoderma gangrenosum"
    assert all("chemotherapy" not in text[e.start : e.end] for e in recs["schafer-2023"].evidence)


def test_author_year_and_reference_number_in_one_cell_name_one_study() -> None:
    text = (
        "Table 4. Studies by level of evidence\n\n"
        "| Condition (model) | Level | First author, year [ref] | Product (dose; route) | Result |\n"
        "|---|---|---|---|---|\n"
        "| Morphea (patients, n = 7) | IV | Brandt, 2019 [14] | SVF (2 mL; subcutaneous) | softer plaques |\n"
        "| Burn scar (Wistar rats, n = 8) | animal | Iyer, 2022 [15] | ADSCs (1 × 10^6 cells; intradermal) | thinner scars |\n\n"
        "In the rat study [15], collagen I also fell.\n\n"
        "References\n"
        "14. Brandt K, Lutz P. Fat grafting with SVF in morphea. Dermatol Surg. 2019;45:100-6. doi:10.1097/DSS.0000000000001234\n"
        "15. Iyer S, Rao V. Intradermal ADSCs thin burn scars in rats. Burns. 2022;48:300-9. doi:10.1016/j.burns.2021.05.002\n"
    )
    assert column_role("First author, year [ref]") == "study"
    assert column_role("Level") is None
    recs = by_id(text)
    assert list(recs) == ["brandt-2019", "iyer-2022"]
    iyer = recs["iyer-2022"]
    assert (iyer.ref, iyer.doi, iyer.sample_size) == (15, "10.1016/j.burns.2021.05.002", 8)  # type: ignore[attr-defined]
    # the sentence citing "[15]" joined the row, so its evidence is the row's
    assert any(text[e.start : e.end].startswith("In the rat study") for e in iyer.evidence)  # type: ignore[attr-defined]


def test_a_row_with_a_disease_and_a_count_but_no_species_is_about_patients() -> None:
    text = (
        "| Study | Design | Subjects (n) | Cell product | Route |\n|---|---|---|---|---|\n"
        "| **Psoriasis** | | | | |\n"
        "| Rao 2020 | Open-label | 10 | UC-MSCs | i.v. |\n"
        "| Berg 2021 | Preclinical (BALB/c mice) | 8 per group | BM-MSC EVs | i.p. |\n"
    )
    recs = by_id(text)
    assert (recs["rao-2020"].model, recs["rao-2020"].design) == ("human", "clinical trial")  # type: ignore[attr-defined]
    assert recs["berg-2021"].model == "mouse"  # type: ignore[attr-defined]


def test_a_surname_column_and_a_year_column_name_the_study_together() -> None:
    text = (
        "| First author | Year | Journal | Disease | Participants/animals | Intervention |\n"
        "|---|---|---|---|---|---|\n"
        "| Villa | 2018 | Vet Dermatol | Atopic dermatitis | 12 dogs | canine ADSCs i.v. |\n"
        "| De Souza | 2021 | Burns | Burn | 9 rats | BM-MSC sheets |\n"
        "| Total | | | | 21 | |\n"
    )
    assert list(by_id(text)) == ["villa-2018", "de-souza-2021"]


def test_columns_no_header_explains_are_read_by_their_content() -> None:
    text = (
        "| Investigators | When | Condition | Subjects | Product |\n"
        "|---|---|---|---|---|\n"
        "| Villa | 2018 | Atopic dermatitis | 12 dogs | canine ADSCs i.v. |\n"
        "| De Souza | 2021 | Burn | 9 rats | BM-MSC sheets |\n"
    )
    assert column_role("Investigators") is None and column_role("When") is None
    assert list(by_id(text)) == ["villa-2018", "de-souza-2021"]
    # a column of words that are not all surnames, beside a year column, names no study
    text2 = text.replace("| Villa |", "| in mice |")
    assert not {"de-souza-2021", "villa-2018"} & set(by_id(text2))


def test_a_design_only_people_take_part_in_makes_the_row_about_patients() -> None:
    text = (
        "| Author et al. (year) [ref] | Study design (n) | Product | Dose and route |\n"
        "|---|---|---|---|\n"
        "| Kaya et al. (2022) [18] | RCT (n = 40), atopic dermatitis | ADSC-CM lotion | topical |\n"
        "| Ito et al. (2021) [15] | Mouse, IMQ model (n = 7 per group) | exosomes | 100 μg, s.c. |\n"
    )
    recs = by_id(text)
    assert (recs["kaya-2022"].model, recs["kaya-2022"].design) == ("human", "clinical trial")  # type: ignore[attr-defined]
    assert recs["ito-2021"].model == "mouse"  # type: ignore[attr-defined]


def test_an_induction_column_gives_no_route_dose_or_cytokine_to_the_therapy() -> None:
    text = (
        "| Animal model | Induction | MSC product | Regimen | Main effects | Reference |\n"
        "|---|---|---|---|---|---|\n"
        "| C57BL/6 mice (n = 6/group) | IL-23 intradermal, 14 days | ADSCs | 1 × 10^6 cells s.c. "
        "| IL-22 lower | Ferreira et al., 2021 |\n"
        "| BALB/c mice (n = 8/group) | imiquimod cream, 6 days | EVs | 50 μg i.v. "
        "| IL-17A lower | Tan et al., 2020 |\n"
    )
    assert column_role("Induction") == "induction"
    recs = by_id(text)
    assert recs["ferreira-2021"].routes == ("s.c.",)  # type: ignore[attr-defined]
    assert recs["tan-2020"].routes == ("i.v.",)  # type: ignore[attr-defined]


def test_two_papers_of_one_author_and_year_link_by_their_letters() -> None:
    text = (
        "| Study | Subjects | Product |\n|---|---|---|\n"
        "| Kim 2019a | 34 adults with AD | hUCB-MSCs |\n"
        "| Kim 2019b | 12 adolescents with AD | exosomes |\n\n"
        "References\n"
        "Kim, H. S., & Lee, J. H. (2019a). Cord blood MSCs in adults. Allergy, 74(3), 1–9. "
        "https://doi.org/10.1111/all.1001\n"
        "Kim, H. S., & Yun, J. W. (2019b). Exosomes in adolescents. Allergy, 74(5), 2–8. "
        "https://doi.org/10.1111/all.1002\n"
    )
    recs = by_id(text)
    assert list(recs) == ["kim-2019", "kim-2019-b"]
    assert recs["kim-2019"].doi == "10.1111/all.1001"  # type: ignore[attr-defined]
    assert recs["kim-2019-b"].doi == "10.1111/all.1002"  # type: ignore[attr-defined]
    assert recs["kim-2019-b"].model == "human"  # "adolescents" are people  # type: ignore[attr-defined]


def test_a_whole_author_citation_in_a_later_column_names_the_study() -> None:
    text = (
        "| Disease | No. of studies | Representative study | Model | Findings |\n"
        "|---|---|---|---|---|\n"
        "| Psoriasis | 6 | Lee et al. 2020 [31] | 12 patients | PASI fell |\n"
        "| Atopic dermatitis | 4 | Sato et al. 2021 [34] | NC/Nga mice (n = 8 per group) | IL-4 lower |\n"
    )
    recs = by_id(text)
    assert list(recs) == ["lee-2020", "sato-2021"]
    # the disease cell is the row's own, not its citation; the count of studies is no sample
    assert recs["sato-2021"].disease == "atopic dermatitis"  # type: ignore[attr-defined]
    assert recs["lee-2020"].sample_size == 12  # type: ignore[attr-defined]


def test_an_enrolled_column_is_the_sample_and_a_placebo_arm_means_people() -> None:
    text = (
        "| Trial (year) | Registration | Phase | Enrolled | Arms |\n|---|---|---|---|---|\n"
        "| Ahmed (2021) | NCT04173650 | II | 40 | UC-MSCs i.v. vs placebo; psoriasis |\n"
        "| Kwon (2022) | NCT03252340 | I/IIa | 24 | hUCB-MSCs s.c. vs placebo; atopic dermatitis |\n"
    )
    assert column_role("Enrolled") == "sample"
    recs = by_id(text)
    a = recs["ahmed-2021"]
    assert (a.sample_size, a.model, a.design, a.ref) == (40, "human", "clinical trial", None)  # type: ignore[attr-defined]


def test_an_author_list_without_initials_names_its_first_surname() -> None:
    text = (
        "| Authors | Year | Subjects | Product |\n|---|---|---|---|\n"
        "| Comella, Parcero, Bansal | 2018 | 3 patients with psoriasis | SVF i.v. |\n"
        "| Kim and Lee | 2020 | 9 patients with psoriasis | ADSCs |\n"
    )
    assert list(by_id(text)) == ["comella-2018", "kim-2020"]


def test_a_design_and_count_column_gives_the_count_after_its_label() -> None:
    # keep: the count after the design label, all arms; drop: a year after the label
    text = (
        "| Study | Condition | Design, n | Product | Outcome |\n|---|---|---|---|---|\n"
        "| Mensah 2019 [1] | Diabetic foot ulcer | RCT, 40 (20 per arm) | BM-MSCs | closure |\n"
        "| Quist 2021 [2] | Venous leg ulcer | Open-label, 24 | UC-MSC-CM gel | PUSH fell |\n"
        "| Arendt 2022 [3] | Deep burn | Yorkshire pigs, 4 (8 wounds each) | ADSC-EVs | healed |\n"
        "| Lindahl 2020 [4] | Burn scar | Cohort, 2020 | ADSCs | scar fell |\n"
    )
    assert column_role("Design, n") == "sample"
    assert column_role("Design") != "sample"
    recs = by_id(text)
    m, q, a = recs["mensah-2019"], recs["quist-2021"], recs["arendt-2022"]
    assert (m.sample_size, m.model, m.design) == (40, "human", "clinical trial")  # type: ignore[attr-defined]
    assert (q.sample_size, q.model, q.design) == (24, "human", "clinical trial")  # type: ignore[attr-defined]
    assert (q.intervention, a.intervention) == ("conditioned medium", "vesicles")  # type: ignore[attr-defined]
    assert (a.sample_size, a.model, a.design) == (4, "pig", "animal study")  # type: ignore[attr-defined]
    assert recs["lindahl-2020"].sample_size is None  # type: ignore[attr-defined]
