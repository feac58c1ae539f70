"""Record fields (helper ``ident``), keep and drop cases per rule, pending their move into the
case tables of tests/cases/records/:

- cytokines: a cytokine named only in the title line ("… by inhibiting the IL-23/IL-17
  axis") is named, not measured (SCHEMA §4), unless a result sentence names it too (a
  pathway under a verb of the study, "EVs inhibited the TGF-β pathway", stays a result:
  tests/records/test_fields.py);
- sample size: people counted by a compound noun or a modifier the qualifiers do not list
  ("46 health care workers"), never across a unit, a time word or a function word;
- disease: a model named by its inducer in a cited title ("house dust mite-induced
  dermatitis") lets the surroundings say which disease it models, or keeps the condition
  without the inducer when that says which ("bleomycin-induced skin fibrosis" -> "skin
  fibrosis");
- doses: an administration unit from a closed list is the unit's denominator ("50 μg per
  patch" -> µg/patch), a session is not.
"""

from __future__ import annotations

import pytest

from extractor.normalize.quantity import unit_at
from extractor.records import assemble
from extractor.records import fields as F

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import by_sentence, document, mark
except ImportError:
    from records_helpers import by_sentence, document, mark  # type: ignore[no-redef]

# --------------------------------------------------------------------------- cytokines

TITLE_AXIS = (
    "Stem cell exosomes attenuate psoriasis-like inflammation by inhibiting the IL-23/IL-17 axis\n"
    "L Martin, K Osei - Journal of Dermatological Science, 2021 - Elsevier\n\n"
    "Abstract\nBALB/c mice (n = 6 per group) received exosomes intravenously. Exosomes "
    "lowered IL-23 and IL-6 in skin lesions.\n"
)
RESULT_TOO = (
    "Stem cell exosomes attenuate psoriasis-like inflammation by inhibiting the IL-23/IL-17 axis\n"
    "\nAbstract\nBALB/c mice (n = 6 per group) received exosomes intravenously. Exosomes "
    "lowered IL-17 and IL-6 in skin lesions.\n"
)
ONE_LINE = "Exosomes lowered IL-6 and IL-23 in skin lesions"
CYTOKINE_CASES = [
    # (id, text, cytokine names expected)
    ("drop-title-and-axis-only", TITLE_AXIS, ["IL-23", "IL-6"]),
    ("keep-title-and-result", RESULT_TOO, ["IL-17", "IL-6"]),
    ("keep-one-line-text", ONE_LINE, ["IL-6", "IL-23"]),
]


@pytest.mark.parametrize(
    ("text", "names"), [c[1:] for c in CYTOKINE_CASES], ids=[c[0] for c in CYTOKINE_CASES]
)
def test_cytokines_named_only_in_title_or_mechanism(text: str, names: list[str]) -> None:
    ents = mark(
        text,
        [
            ("IL-23", "CYTOKINE", "IL-23"),
            ("IL-17", "CYTOKINE", "IL-17"),
            ("IL-6", "CYTOKINE", "IL-6"),
            ("TGF-β", "CYTOKINE", "TGF-β"),
            ("exosomes", "VESICLE", "exosome"),
            ("Exosomes", "VESICLE", "exosome"),
        ],
    )
    (rec,) = assemble(document(text), ents)
    assert sorted(c.name for c in rec.cytokines) == sorted(names)


# --------------------------------------------------------------------------- sample size

SAMPLE_CASES = [
    # (id, sentence, sample size expected)
    (
        "keep-compound-person-noun",
        "In this randomized trial, 46 health care workers with hand dermatitis applied the cream.",
        46,
    ),
    ("keep-disease-modifier", "We enrolled 12 eczema patients in the open trial.", 12),
    ("drop-time-word", "After 12 weeks treated patients were assessed again.", None),
    ("drop-function-word", "Biopsies came from 3 of the patients at baseline.", None),
    ("drop-unit", "Each received 5 mg topical cream twice daily for two weeks.", None),
    ("drop-literature-cases", "There are only 4 previous case reports of this tumour.", None),
    ("drop-adverb", "We could identify 4 previously reported cases in the literature.", None),
    ("drop-abbreviation-modifier", "The registry held 329 WMDC cases of carcinoma.", None),
]


@pytest.mark.parametrize(
    ("text", "n"), [c[1:] for c in SAMPLE_CASES], ids=[c[0] for c in SAMPLE_CASES]
)
def test_sample_size_with_modifiers(text: str, n: int | None) -> None:
    assert F.sample_size(text, by_sentence(text), "human").value == n


# --------------------------------------------------------------------------- disease

DISEASE_CASES = [
    # (id, reference title, caption, disease expected)
    (
        "keep-caption-for-a-one-word-model",
        "Umbilical cord blood MSC exosomes in house dust mite-induced dermatitis.",
        "Table 3. Stem cell products tested in atopic dermatitis",
        "atopic dermatitis",
    ),
    (
        "keep-condition-without-inducer",
        "Bone marrow MSC conditioned medium reverses bleomycin-induced skin fibrosis.",
        "Table 2. Animal studies of MSC products in skin models",
        "other: skin fibrosis",
    ),
]


@pytest.mark.parametrize(
    ("ref", "caption", "want"), [c[1:] for c in DISEASE_CASES], ids=[c[0] for c in DISEASE_CASES]
)
def test_disease_of_an_induced_model_in_a_cited_title(ref: str, caption: str, want: str) -> None:
    text = f"{caption}\n\n{ref}\n"
    frame = [F.Piece(len(caption) + 2, len(text) - 1, 0.5, F.TITLE)]
    found = F.disease_by_head(text, frame, len(frame), specific=True)
    if want.startswith("other: "):
        assert found.value == want
    else:
        # the frame gives way, and the caption (the surroundings) names the disease
        assert found.value is None
        caption_piece = [F.Piece(0, len(caption), 1.0, F.PARAGRAPH)]
        assert F.disease(text, caption_piece).value == want


def test_a_named_disease_in_a_cited_title_stays() -> None:
    ref = "Exosomes relieve lichen planopilaris of the scalp."
    frame = [F.Piece(0, len(ref), 0.5, F.TITLE)]
    assert F.disease_by_head(ref, frame, 1, specific=True).value == "other: lichen planopilaris"


# --------------------------------------------------------------------------- dose units

UNIT_CASES = [
    # (id, text after the amount, canonical unit expected)
    ("keep-patch", " μg per patch daily", "µg/patch"),
    ("keep-tunnel", " cells per tunnel", "cells/tunnel"),
    ("keep-vial-slash", " mL/vial", "mL/vial"),
    ("keep-plaque", " μg per plaque", "µg/plaque"),
    ("drop-session", " μg per session", "µg"),
    ("drop-count-of-patches", " patches per patient", None),
]


@pytest.mark.parametrize(
    ("after", "unit"), [c[1:] for c in UNIT_CASES], ids=[c[0] for c in UNIT_CASES]
)
def test_administration_unit_denominators(after: str, unit: str | None) -> None:
    got = unit_at(after, 0)
    assert (got.canonical if got else None) == unit


# --------------------------------------------------------------------------- disease names


ABBREVIATION_CASES = [
    # (id, text, disease expected)
    (
        "keep-abbreviation-extends-the-name",
        "Epidermolysis bullosa acquisita (EBA) is an autoimmune blistering disease. Mice with "
        "EBA received vesicles.",
        "other: epidermolysis bullosa acquisita",
    ),
    (
        "drop-abbreviation-of-another-phrase",
        "Epidermolysis bullosa in mice (EBM) was treated with vesicles.",
        "other: epidermolysis bullosa",
    ),
]


@pytest.mark.parametrize(
    ("text", "want"),
    [c[1:] for c in ABBREVIATION_CASES],
    ids=[c[0] for c in ABBREVIATION_CASES],
)
def test_a_defined_abbreviation_says_where_the_disease_name_ends(text: str, want: str) -> None:
    assert F.disease(text, by_sentence(text)).value == want


# --------------------------------------------------------------------------- model induction

INDUCTION_CASES = [
    # (id, text, doses kept, routes kept)
    (
        "drop-the-inducers-amount-and-route",
        "Experimental EBA was induced in C57BL/6 mice by subcutaneous injection of rabbit "
        "anti-collagen VII IgG (100 μg every second day). Vesicles (50 μg per mouse) were "
        "injected intravenously.",
        ["50 μg per mouse"],
        ["i.v."],
    ),
    (
        "keep-a-therapy-in-the-induction-sentence",
        "After dermatitis was induced, vesicles (50 μg per mouse) were injected subcutaneously.",
        ["50 μg per mouse"],
        ["s.c."],
    ),
]


@pytest.mark.parametrize(
    ("text", "doses", "routes"),
    [c[1:] for c in INDUCTION_CASES],
    ids=[c[0] for c in INDUCTION_CASES],
)
def test_amounts_and_routes_of_the_model_induction(
    text: str, doses: list[str], routes: list[str]
) -> None:
    from extractor.normalize.dose import find_doses
    from extractor.types import Entity

    ents = [Entity(m.start, m.end, "DOSE", m.text, m.doses) for m in find_doses(text)]
    pieces = by_sentence(text)
    got, _, _ = F.doses(text, ents, pieces)
    assert [d.text for d in got] == doses
    kept, _ = F.routes(text, pieces)
    assert list(kept.value) == routes
