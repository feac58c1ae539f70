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
