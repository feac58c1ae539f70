"""A primary article's record lists what the study measured and the cells it studied: the
keyword list and the background sentences name topics (SCHEMA §4 "cytokines are what the study
measured"), so neither adds a cytokine or a cell."""

from __future__ import annotations

from extractor.records import assemble

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import document, mark
except ImportError:
    from records_helpers import document, mark  # type: ignore[no-redef]

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
