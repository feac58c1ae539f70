"""atom_columns folds a text's distinct atoms in one pass: each key is what fold_atom makes
of its atom alone, and glued Greek names are cut as _glued_greek_cut says."""

from __future__ import annotations

import pytest

from extractor.normalize.folding import _glued_greek_cut, atom_columns, fold_atom

TEXTS = [
    "TNF-alpha, TNFα, TNFalpha and gammaIFN; IL-1betas",
    "ILC2s and Th17s; the patients' cells; CD4+ T cells",
    "ΑΣ Σ aΣb ς µg ϐ μM",  # a capital sigma after a letter lowers alone, not as final
    "İstanbul MSCs ÅSC KΩ",  # a capital whose lower case is two characters
    "alphaSMA, betaTCP and TGFbeta's; ss s glass alphas",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_keys_are_each_atoms_own_fold(text: str) -> None:
    cols = atom_columns(text)
    assert [text[s:e] for s, e in zip(cols.starts, cols.ends, strict=True)] == cols.raws
    for raw, key in zip(cols.raws, cols.keys, strict=True):
        glued = _glued_greek_cut(raw)
        assert glued == 0  # every glued name is cut in two
        if not (raw.endswith("s") and raw[:-1][-1:].isdigit()):
            assert key == fold_atom(raw)


def test_glued_greek_and_digit_plurals_are_cut_and_joined() -> None:
    cols = atom_columns("TNFalpha gammaIFN ILC2s")
    assert cols.raws == ["TNF", "alpha", "gamma", "IFN", "ILC", "2s"]
    assert cols.keys == ["tnf", "α", "γ", "ifn", "ilc", "2"]
