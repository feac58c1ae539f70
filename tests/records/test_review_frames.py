"""A review's study takes the disease its own words introduce, and no other study's species.

Made-up review passages in the shape of study-by-study prose: each study opens with a frame
("In chilblains, …", "… concerns calciphylaxis: …") naming a disorder no lexicon row knows.
"""

from __future__ import annotations

from extractor.ingest.text import structure_of
from extractor.records import assemble
from extractor.records.heads import is_specific
from extractor.types import Document


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


def test_specific_names_keep_and_generic_heads_drop() -> None:
    assert is_specific("calciphylaxis") and is_specific("chronic radiation ulcer")
    assert not is_specific("disease") and not is_specific("lupus-like skin lesion")


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
