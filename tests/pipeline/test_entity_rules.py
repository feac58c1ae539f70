"""General entity rules added after the batch-2 out-of-domain run (tests/ood/README.md).

Each case is a sentence written for this file (not taken from the passages), with
counter-examples that must stay unread: the rules are general notations, not fitted to one
text. Expected lists hold every non-DOSE mention as [text, label, norm], in order.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.mentions import from_doc


def _mentions(nlp: Language, text: str) -> list[list[str]]:
    return [[e.text, e.label, e.norm] for e in from_doc(nlp(text)) if e.label != "DOSE"]


def _has(nlp: Language, text: str, wanted: list[str]) -> bool:
    return wanted in _mentions(nlp, text)


# --- VESICLE: a parent cell + hyphen + a vesicle-type abbreviation is one vesicle --------

VESICLE_CASES = [
    (
        "Mice received BM-MSC-ABs or BM-MSC-ApoBDs weekly.",
        [
            ["BM-MSC-ABs", "VESICLE", "BM-MSC-ApoV"],
            ["BM-MSC-ApoBDs", "VESICLE", "BM-MSC-ApoV"],
        ],
    ),
    (
        "Vesicles extruded from ADSCs (ADSC-ELNs; 110 nm) were applied, and ELN-treated skin "
        "healed faster than skin given free ELNs.",
        [
            ["ADSCs", "CELL", "ADMSC"],
            ["ADSC-ELNs", "VESICLE", "ADMSC-EV"],
            ["ELN", "VESICLE", "EV"],
            ["ELNs", "VESICLE", "EV"],
        ],
    ),
    (
        "WJ-MSC-NVs lowered IL-6 in HaCaT cells.",
        [
            ["WJ-MSC-NVs", "VESICLE", "WJ-MSC-nanovesicle"],
            ["IL-6", "CYTOKINE", "IL-6"],
            ["HaCaT cells", "CELL", "HaCaT"],
        ],
    ),
    # "exosome-like" vesicles of unshown biogenesis are EVs, one span (MISEV2023)
    (
        "Exosome-like nanovesicles were isolated from the medium of BM-MSCs.",
        [
            ["Exosome-like nanovesicles", "VESICLE", "EV"],
            ["BM-MSCs", "CELL", "BM-MSC"],
        ],
    ),
    # a defined vesicle abbreviation: singular, glued modifier and parent compound inherit it
    (
        "Exosome-mimetic nanovesicles (EMNVs) were made by extrusion; EMNV uptake was fast, "
        "EMNV-treated mice recovered and UC-MSC-EMNVs were stable.",
        [
            ["Exosome-mimetic nanovesicles", "VESICLE", "nanovesicle"],
            ["EMNVs", "VESICLE", "nanovesicle"],
            ["EMNV", "VESICLE", "nanovesicle"],
            ["EMNV", "VESICLE", "nanovesicle"],
            ["UC-MSC-EMNVs", "VESICLE", "UC-MSC-nanovesicle"],
        ],
    ),
    (
        "Exosome-like nanovesicles (ELNs) from ADSCs reduced IL-17A; ELN uptake peaked at 6 h.",
        [
            ["Exosome-like nanovesicles", "VESICLE", "EV"],
            ["ELNs", "VESICLE", "EV"],
            ["ADSCs", "CELL", "ADMSC"],
            ["IL-17A", "CYTOKINE", "IL-17A"],
            ["ELN", "VESICLE", "EV"],
        ],
    ),
]


VESICLE_CASES += [
    # lower-case "exo" only inside a compound; never alone ("exo-enzyme")
    (
        "ADSC-exos were compared with the exo-enzyme control.",
        [["ADSC-exos", "VESICLE", "ADMSC-exosome"]],
    ),
    # medium/large EVs are one MISEV2018 class
    (
        "MSC-lEVs and large EVs were pelleted at 10,000 g.",
        [["MSC-lEVs", "VESICLE", "MSC-mEV"], ["large EVs", "VESICLE", "mEV"]],
    ),
]


@pytest.mark.parametrize(("text", "expected"), VESICLE_CASES)
def test_vesicle_type_abbreviations(nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert _mentions(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "ABs" = antibodies: no parent cell, no definition as vesicles
        "Serum ABs against type I collagen were measured before UC-MSC infusion.",
        "Anti-nuclear ABs were negative in all patients treated with BM-MSCs.",
        # an abbreviation glued into a longer name is not the vesicle type
        "ABCA1 and ELN expression (elastin) were measured in dermal fibroblasts.",
        # "ELN" (elastin gene) without any vesicle compound in the text stays unread
        "Fibrotic skin expressed more ELN and COL1A1 after bleomycin.",
    ],
)
def test_vesicle_abbreviations_need_a_parent(nlp: Language, text: str) -> None:
    assert not [m for m in _mentions(nlp, text) if m[1] == "VESICLE"]


# --- CELL: marker prefixes with intensity qualifiers; defined abbreviations ---------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Circulating CD4+CD25highCD127low regulatory T cells rose after infusion.",
            ["CD4+CD25highCD127low regulatory T cells", "CELL", "Treg"],
        ),
        (
            "CD14dim monocytes were counted by flow cytometry.",
            ["CD14dim monocytes", "CELL", "monocyte"],
        ),
        ("CD56bright NK cells expanded.", ["CD56bright NK cells", "CELL", "NK cell"]),
        ("Ly6Chi monocytes infiltrated the dermis.", ["Ly6Chi monocytes", "CELL", "monocyte"]),
        ("CD11bhigh macrophages accumulated.", ["CD11bhigh macrophages", "CELL", "macrophage"]),
        (
            "CD4+CD25+CD127\u2212 Tregs were sorted.",
            ["CD4+CD25+CD127\u2212 Tregs", "CELL", "Treg"],
        ),
    ],
)
def test_marker_intensity_qualifiers(nlp: Language, text: str, wanted: list[str]) -> None:
    assert _has(nlp, text, wanted)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # ordinary words ending like a qualifier are not markers
        ("Fat grafts from thigh adipocytes were used.", ["adipocytes", "CELL", "adipocyte"]),
        ("The layer below keratinocytes was thin.", ["keratinocytes", "CELL", "keratinocyte"]),
        ("Expression was high in CD8+ T cells.", ["CD8+ T cells", "CELL", "CD8+ T cell"]),
        ("A high dendritic cell count was seen.", ["dendritic cell", "CELL", "dendritic cell"]),
    ],
)
def test_qualifier_words_in_prose_stay_outside(nlp: Language, text: str, wanted: list[str]) -> None:
    assert _has(nlp, text, wanted)


def test_defined_cell_abbreviation_singular_and_modifier(nlp: Language) -> None:
    text = (
        "Hypertrophic scar fibroblasts (HSFs) were cultured; HSF migration and "
        "HSF-conditioned medium were studied, but HSF-1 is a heat-shock factor."
    )
    assert _mentions(nlp, text) == [
        ["Hypertrophic scar fibroblasts", "CELL", "fibroblast"],
        ["HSFs", "CELL", "fibroblast"],
        ["HSF", "CELL", "fibroblast"],
        ["HSF", "CELL", "fibroblast"],
    ]


def test_widened_long_form_only_from_its_definition(nlp: Language) -> None:
    text = (
        "Exosomes calm hypertrophic scar fibroblasts.\n\n"
        "Hypertrophic scar fibroblasts (HSFs) were isolated from 5 patients. "
        "Hypertrophic scar fibroblasts treated with exosomes proliferated less."
    )
    cells = [m[0] for m in _mentions(nlp, text) if m[1] == "CELL"]
    assert cells == [
        "fibroblasts",
        "Hypertrophic scar fibroblasts",
        "HSFs",
        "Hypertrophic scar fibroblasts",
    ]


def test_defined_abbreviation_not_inside_longer_names(nlp: Language) -> None:
    # "AD" defined as a disease: never a cell, and "AD-MSCs" stays the adipose MSC
    got = _mentions(nlp, "Atopic dermatitis (AD) patients received AD-MSCs; AD-like lesions.")
    assert got == [["AD-MSCs", "CELL", "ADMSC"]]


# --- CYTOKINE: slash-separated elliptical conjunct --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TSLP induced IL-4/-13 release.",
            [
                ["TSLP", "CYTOKINE", "TSLP"],
                ["IL-4", "CYTOKINE", "IL-4"],
                ["-13", "CYTOKINE", "IL-13"],
            ],
        ),
        (
            "IL-4/-5/-13 were lowered.",
            [
                ["IL-4", "CYTOKINE", "IL-4"],
                ["-5", "CYTOKINE", "IL-5"],
                ["-13", "CYTOKINE", "IL-13"],
            ],
        ),
        ("IL-4/IL-13 signalling.", [["IL-4", "CYTOKINE", "IL-4"], ["IL-13", "CYTOKINE", "IL-13"]]),
        (
            "IL-4, -5 and -13.",
            [
                ["IL-4", "CYTOKINE", "IL-4"],
                ["-5", "CYTOKINE", "IL-5"],
                ["-13", "CYTOKINE", "IL-13"],
            ],
        ),
        (
            "TGF-β1/-β2/-β3 and IL-1\u03b1/-β were measured.",
            [
                ["TGF-β1", "CYTOKINE", "TGF-β1"],
                ["-β2", "CYTOKINE", "TGF-β2"],
                ["-β3", "CYTOKINE", "TGF-β3"],
                ["IL-1\u03b1", "CYTOKINE", "IL-1\u03b1"],
                ["-β", "CYTOKINE", "IL-1β"],
            ],
        ),
        (
            "TGF-beta1, -2 and -3 isoforms.",
            [
                ["TGF-beta1", "CYTOKINE", "TGF-β1"],
                ["-2", "CYTOKINE", "TGF-β2"],
                ["-3", "CYTOKINE", "TGF-β3"],
            ],
        ),
        (
            "IL-17A/-F and IL-4/-13-producing cells.",
            [
                ["IL-17A", "CYTOKINE", "IL-17A"],
                ["-F", "CYTOKINE", "IL-17F"],
                ["IL-4", "CYTOKINE", "IL-4"],
                ["-13", "CYTOKINE", "IL-13"],
            ],
        ),
        # a letter continues only a lettered name; no invented names
        (
            "IL-6/-A and IL-4/-99 were absent.",
            [["IL-6", "CYTOKINE", "IL-6"], ["IL-4", "CYTOKINE", "IL-4"]],
        ),
        # a chain name alone is not a cytokine (hucira's "alpha1/beta2" split, dropped in the build)
        ("Integrin β1 and β2-microglobulin were stable.", []),
        # a slash without the elliptical hyphen is not a conjunct ("IL-6/10 ratio" unread)
        ("The IL-6/10 ratio fell.", [["IL-6", "CYTOKINE", "IL-6"]]),
    ],
)
def test_slash_ellipsis(nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert _mentions(nlp, text) == expected


# --- OUTCOME_SCORE: named clinical instruments (curated, each with its defining paper) ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Vitiligo Area Scoring Index (VASI) improved; VASI fell by 40%.",
            [
                ["Vitiligo Area Scoring Index", "OUTCOME_SCORE", "VASI"],
                ["VASI", "OUTCOME_SCORE", "VASI"],
                ["VASI", "OUTCOME_SCORE", "VASI"],
            ],
        ),
        # a listed response threshold is its own instrument row (TRuE-V's F-VASI75 end point)
        (
            "F-VASI75 was not reached but F-VASI fell.",
            [["F-VASI75", "OUTCOME_SCORE", "F-VASI-75"], ["F-VASI", "OUTCOME_SCORE", "F-VASI"]],
        ),
        # a threshold no source lists is no instrument
        ("F-VASI65 was not reached.", []),
        (
            "The Severity of Alopecia Tool (SALT) and HAQ-DI were recorded.",
            [
                ["Severity of Alopecia Tool", "OUTCOME_SCORE", "SALT"],
                ["SALT", "OUTCOME_SCORE", "SALT"],
                ["HAQ-DI", "OUTCOME_SCORE", "HAQ-DI"],
            ],
        ),
        (
            "Scars were rated with the modified Vancouver Scar Scale and the Patient Scar "
            "Assessment Scale.",
            [
                ["modified Vancouver Scar Scale", "OUTCOME_SCORE", "mVSS"],
                ["Patient Scar Assessment Scale", "OUTCOME_SCORE", "POSAS"],
            ],
        ),
        (
            "The Manchester Scar Scale (MSS) and the Stony Brook Scar Evaluation Scale improved.",
            [
                ["Manchester Scar Scale", "OUTCOME_SCORE", "MSS"],
                ["MSS", "OUTCOME_SCORE", "MSS"],
                ["Stony Brook Scar Evaluation Scale", "OUTCOME_SCORE", "SBSES"],
            ],
        ),
        (
            "PO-SCORAD and IHS4 were secondary end points.",
            [
                ["PO-SCORAD", "OUTCOME_SCORE", "PO-SCORAD"],
                ["IHS4", "OUTCOME_SCORE", "IHS4"],
            ],
        ),
        # "MSS" undefined (microsatellite stable) is not a scar scale
        ("Tumours were MSS in all cases.", []),
    ],
)
def test_named_instruments(nlp: Language, text: str, expected: list[list[str]]) -> None:
    assert _mentions(nlp, text) == expected


def test_a_field_tag_of_an_export_record_is_no_mention(nlp: Language) -> None:
    """Keep: erythropoietin in the body; drop: the RIS end-page tag 'EP' (tagged.py)."""
    text = (
        "TY  - JOUR\nAU  - Kim, Sun\nPY  - 2022\nSP  - 1650\nEP  - 1658\nER  - \n\n"
        "Abstract\nSerum EPO rose.\n"
    )
    ents = nlp(text).ents
    assert [(e.text, e.label_) for e in ents] == [("EPO", "CYTOKINE")]
