"""Study records (``extractor.records.assemble``): every ``records.assemble`` row of the case
tables (``tests/cases/records/design.jsonl``: model and design follow the living thing
treated), then a primary article as its own study: identity from its bibliography, fields
from the article, no records for the studies its introduction cites, and background
statements (keywords, labelled background, cited work) giving no cytokine and no cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.ingest.text import structure_of
from extractor.records import assemble
from extractor.types import Bibliography, Document

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import bibliography_of, cases, document, mark, marked
except ImportError:
    from records_helpers import (  # type: ignore[no-redef]
        bibliography_of,
        cases,
        document,
        mark,
        marked,
    )


def _doc(text: str, doc_id: str = "urticaria-paper") -> Document:
    parts, meta = structure_of(text)
    return Document(
        doc_id=doc_id, source=f"{doc_id}.txt", text=text, format="text", meta=meta, **parts
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("row", cases("records.assemble"))
def test_record_case(row: dict[str, Any]) -> None:
    """The records in order, each compared on the SCHEMA keys its ``expect`` item gives; the
    text is read by the plain-text reader first when the row says ``ingest``."""
    text = row["text"]
    doc = _doc(text, "x") if row.get("ingest") else document(text)
    got = [r.to_dict() for r in assemble(doc, marked(row), bibliography_of(row))]
    want = row["expect"]
    assert len(got) == len(want), (row["at"], got)
    for record, item in zip(got, want, strict=True):
        assert {k: record[k] for k in item} == item, f"{row['at']}: {row['why']}"


ARTICLE = (
    "Ibekwe ON, Larsen K, de la Cruz M. Umbilical cord mesenchymal stem cells for chronic "
    "spontaneous urticaria. Allergy. 2024;79(2):310-9. doi:10.1111/all.15900\n\n"
    "Introduction\n"
    "Urticaria is sustained by IL-31 and IL-4 from mast cells. Kowalski et al. (2020) infused "
    "MSCs intravenously in five patients, and Duarte et al. (2022) applied exosomes topically.\n\n"
    "Methods\n"
    "Eighteen patients with chronic spontaneous urticaria received UC-MSCs subcutaneously "
    "(1 × 10^6 cells/kg) twice, four weeks apart.\n\n"
    "Results\n"
    "UAS7 fell from 28.4 to 11.2 at week 12. Serum IL-31 decreased, and IL-10 increased.\n"
)


def _ents(text: str):  # type: ignore[no-untyped-def]
    return mark(
        text,
        [
            ("Umbilical cord mesenchymal stem cells", "CELL", "UC-MSC"),
            ("UC-MSCs", "CELL", "UC-MSC"),
            ("MSCs", "CELL", "MSC"),
            ("exosomes", "VESICLE", "exosome"),
            ("mast cells", "CELL", "mast cell"),
            ("IL-31", "CYTOKINE", "IL-31"),
            ("IL-4", "CYTOKINE", "IL-4"),
            ("IL-10", "CYTOKINE", "IL-10"),
            ("UAS7", "OUTCOME_SCORE", "UAS7"),
        ],
    )


BIB = Bibliography(
    title="Umbilical cord mesenchymal stem cells for chronic spontaneous urticaria",
    authors=("Ibekwe", "Larsen", "de la Cruz"),
    year=2024,
    journal="Allergy",
    doi="10.1111/all.15900",
)


def test_identity_comes_from_the_bibliography_and_cited_studies_make_no_records() -> None:
    recs = assemble(_doc(ARTICLE), _ents(ARTICLE), BIB)
    assert len(recs) == 1
    r = recs[0]
    assert (r.study_id, r.first_author, r.year, r.doi, r.ref) == (
        "ibekwe-2024",
        "Ibekwe",
        2024,
        "10.1111/all.15900",
        None,
    )
    # fields from the article's own methods and results, not from the cited studies
    assert (r.model, r.design, r.sample_size) == ("human", "clinical trial", 18)
    assert r.routes == ("s.c.",)
    # IL-4 is named only as background; IL-31 is background and measured: the measurement wins
    assert [(c.name, c.direction) for c in r.cytokines] == [("IL-31", "down"), ("IL-10", "up")]


def test_without_an_author_anywhere_the_record_is_keyed_by_the_document() -> None:
    text = ARTICLE.split("\n\n", 1)[1]  # no header line
    (r,) = assemble(_doc(text), _ents(text), Bibliography())
    assert (r.study_id, r.first_author, r.year) == ("urticaria-paper", "", None)


def test_a_leading_result_sentence_is_not_background() -> None:
    # the drop case of the rule: a paragraph that opens with the study's own measurement
    text = (
        "Ibekwe ON. Stem cells in urticaria. Allergy. 2024;79:1-9.\n\n"
        "Serum IL-31 decreased after treatment. Eighteen patients received UC-MSCs "
        "subcutaneously.\n"
    )
    (r,) = assemble(_doc(text), _ents(text), BIB)
    assert [(c.name, c.direction) for c in r.cytokines] == [("IL-31", "down")]


def test_labelled_background_gives_no_cytokines() -> None:
    text = (
        "Ibekwe ON. Stem cells in urticaria. Allergy. 2024;79:1-9.\n\n"
        "Background: Urticaria involves IL-4 and IL-31. Methods: Eighteen patients received "
        "UC-MSCs subcutaneously. Results: IL-10 increased.\n"
    )
    (r,) = assemble(_doc(text), _ents(text), BIB)
    assert [(c.name, c.direction) for c in r.cytokines] == [("IL-10", "up")]


def test_a_score_named_after_a_disease_does_not_set_the_disease() -> None:
    text = (
        "Haugen T, Abiodun F. Stem cells in venous ulcers. Int Wound J. 2019;16:1-8.\n\n"
        "Twenty patients with chronic venous leg ulcers received BM-MSCs topically. The "
        "Pressure Ulcer Scale for Healing (PUSH) fell from 11.0 to 6.0.\n"
    )
    ents = mark(
        text,
        [
            ("BM-MSCs", "CELL", "BM-MSC"),
            ("Pressure Ulcer Scale for Healing", "OUTCOME_SCORE", "PUSH"),
            ("PUSH", "OUTCOME_SCORE", "PUSH"),
        ],
    )
    bib = Bibliography(authors=("Haugen", "Abiodun"), year=2019)
    (r,) = assemble(_doc(text), ents, bib)
    assert r.disease == "other: venous leg ulcer"
    assert r.study_id == "haugen-2019"
    # keep case: a score is still a disease cue when nothing else names one
    bare = "Haugen T. Stem cells. J. 2019;1:1.\n\nThe Pressure Ulcer Scale for Healing fell in 9 patients given BM-MSCs.\n"
    (r2,) = assemble(
        _doc(bare),
        mark(
            bare,
            [
                ("Pressure Ulcer Scale for Healing", "OUTCOME_SCORE", "PUSH"),
                ("BM-MSCs", "CELL", "BM-MSC"),
            ],
        ),
        bib,
    )
    assert r2.disease == "other: pressure ulcer"


COMPARISON = (
    "Amadi C, Berg L. Exosomes from umbilical cord stem cells for lichen planus in mice. "
    "Exp Dermatol. 2022;31:5-12. doi:10.1111/exd.1\n\n"
    "Methods\n"
    "C57BL/6 mice with induced oral lichenoid lesions (n = 8 per group) received UC-MSC "
    "exosomes subcutaneously.\n\n"
    "Results\n"
    "Lesion scores fell and IL-17A decreased.\n\n"
    "Table 3. Earlier studies of MSC products in lichen planus.\n\n"
    "| Author, year | Model | Product | Outcome |\n"
    "|---|---|---|---|\n"
    "| Tanaka et al., 2018 | rats | BM-MSCs | fewer lesions |\n"
    "| Silva et al., 2020 | 9 patients | ADSCs | remission in 5 |\n"
)


def test_an_article_with_its_own_authors_methods_and_results_is_primary_despite_a_study_table() -> (
    None
):
    bib = Bibliography(
        title="Exosomes from umbilical cord stem cells for lichen planus in mice",
        authors=("Amadi", "Berg"),
        year=2022,
    )
    recs = assemble(_doc(COMPARISON), [], bib)
    assert [r.study_id for r in recs] == ["amadi-2022"]
    assert (recs[0].model, recs[0].sample_size) == ("mouse", 8)
    # the same text without its own bibliography reads as a table of studies
    assert {r.study_id for r in assemble(_doc(COMPARISON), [], Bibliography())} >= {
        "tanaka-2018",
        "silva-2020",
    }


def test_a_review_title_or_jats_review_type_makes_a_review() -> None:
    text = (
        "Kowalski et al. (2020) infused UC-MSCs intravenously in five patients with urticaria; "
        "UAS7 fell from 30 to 12.\n\n"
        "Methods\nWe searched PubMed.\n\nResults\nOne study was found.\n"
    )
    review_bib = Bibliography(
        title="Stem cells in urticaria: a systematic review", authors=("Moss",), year=2023
    )
    assert [r.study_id for r in assemble(_doc(text), [], review_bib)] == ["kowalski-2020"]
    parts, meta = structure_of(text)
    jats = Document(
        doc_id="x",
        source="x.xml",
        text=text,
        format="jats",
        meta={**meta, "article_type": "review-article"},
        **parts,
    )  # type: ignore[arg-type]
    assert [r.study_id for r in assemble(jats, [], Bibliography())] == ["kowalski-2020"]
    primary = Document(
        doc_id="x",
        source="x.xml",
        text=text,
        format="jats",
        meta={**meta, "article_type": "research-article"},
        **parts,
    )  # type: ignore[arg-type]
    assert [
        r.study_id for r in assemble(primary, [], Bibliography(authors=("Moss",), year=2023))
    ] == ["moss-2023"]


def test_an_inducer_injection_route_is_not_the_therapy_route() -> None:
    text = (
        "Okafor N. Vesicles in rosacea. J Dermatol Sci. 2022;1:1-9.\n\n"
        "Rosacea-like inflammation was induced in mice by intradermal injection of LL-37. "
        "ADSC-EVs were then applied topically for 3 days (n = 6 per group).\n"
    )
    bib = Bibliography(authors=("Okafor",), year=2022)
    (r,) = assemble(_doc(text), [], bib)
    assert r.routes == ("topical",)
    assert (r.disease, r.model) == ("other: rosacea", "mouse")


def test_an_objective_label_under_a_heading_line_is_background() -> None:
    text = (
        "Ibekwe ON. Stem cells in urticaria. Allergy. 2024;79:1-9.\n\n"
        "Abstract\nObjective: Urticaria is sustained by IL-4, and no therapy restores control.\n"
        "Methods: Eighteen patients received UC-MSCs subcutaneously.\n"
        "Results: IL-10 increased.\n"
    )
    (r,) = assemble(_doc(text), _ents(text), BIB)
    assert [(c.name, c.direction) for c in r.cytokines] == [("IL-10", "up")]


def test_a_document_without_authors_is_keyed_by_its_id_alone() -> None:
    text = ARTICLE.split("\n\n", 1)[1]
    (r,) = assemble(_doc(text), _ents(text), Bibliography(year=2024))
    assert (r.study_id, r.first_author, r.year) == ("urticaria-paper", "", 2024)


def test_a_jats_file_s_own_article_type_reaches_the_kind(tmp_path: Path) -> None:
    """The JATS reader keeps the root's ``article-type`` in ``meta``. Keep: ``research-article``
    makes a primary article of text whose wording alone reads as a review passage; drop:
    without the attribute, the same text and bibliography stay a review passage."""
    from extractor.ingest import read_document

    text = (
        "Kowalski et al. (2020) infused UC-MSCs intravenously in five patients with urticaria; "
        "UAS7 fell from 30 to 12. Brandt et al. (2021) gave ADSCs to 8 patients."
    )
    bib = Bibliography(authors=("Moss",), year=2023)
    kinds = {}
    for name, attr in (("typed", ' article-type="research-article"'), ("untyped", "")):
        xml = tmp_path / f"{name}.xml"
        body = f"<body><p>{text}</p></body>"
        xml.write_text(f"<article{attr}><front><article-meta/></front>{body}</article>", "utf-8")
        kinds[name] = [r.study_id for r in assemble(read_document(xml), [], bib)]
    assert kinds["typed"] == ["moss-2023"]
    assert "moss-2023" not in kinds["untyped"]


TEXT = (
    "Adipose stem cell exosomes in MC903-induced dermatitis of mice\n\n"
    "Keywords: atopic dermatitis, exosomes, IL-31, Th2 cells\n\n"
    "Abstract\n"
    "Atopic dermatitis is driven by Th2 cells through IL-4 and IL-13. BALB/c mice (n = 8 per "
    "group) received exosomes subcutaneously. Skin IL-13 decreased and mast cells were fewer.\n"
)


def test_keywords_and_background_give_no_cytokine_and_no_cell() -> None:
    ents = mark(
        TEXT,
        [
            ("IL-31", "CYTOKINE", "IL-31"),
            ("IL-4", "CYTOKINE", "IL-4"),
            ("IL-13", "CYTOKINE", "IL-13"),
            ("Th2 cells", "CELL", "Th2 cell"),
            ("mast cells", "CELL", "mast cell"),
        ],
    )
    (rec,) = assemble(document(TEXT), ents)
    assert [c.name for c in rec.cytokines] == ["IL-13"]
    assert rec.cells == ("mast cell",)


# --------------------------------------------------------------------------- doses

PRIMARY = (
    "Adipose-derived stem cells for psoriasis: a case series\n\n"
    "Twelve patients with psoriasis received 1 x 10^6 ADSCs/kg intravenously. "
    "PASI fell from 20.1 to 8.2."
)


def test_without_a_pipeline_the_dose_parser_gives_the_doses() -> None:
    (rec,) = assemble(Document("d", "mem", PRIMARY, "text"), [])
    assert [d.text for d in rec.doses] == ["1 x 10^6"]


def test_the_pipelines_doses_are_never_parsed_again() -> None:
    """A pipeline that found no dose (it drops stimulus concentrations on purpose) is not
    second-guessed, even when it found nothing at all."""
    (rec,) = assemble(Document("d", "mem", PRIMARY, "text"), [], from_pipeline=True)
    assert rec.doses == ()
