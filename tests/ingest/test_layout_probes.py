"""The review set in layouts the reader was not built on (``tests/ingest/layout_probes.py``).

``unruled`` (tables without any rule, cells centred and padded by 1 pt, continued over a page
with their header repeated): first contact 476/476 sentences, 0/91 cells; 91/91 once tables
are found under their caption, or under a repeated header at a page's top, from the
alignment of their text (``extractor/ingest/pdf_unruled.py``).

``magazine`` (three columns, full-width shaded tables on pages of their own), measured first
after the unruled fixes: 126/476 sentences (three columns read as two), 91/91 cells; 472/476
once a page's gutters are found from its lines and every column is read in turn, also on a
page whose last column stays empty before a table page.
"""

from __future__ import annotations

import pytest

from tests.ingest import layout_probes


@pytest.mark.slow
def test_unruled_centred_tightly_padded_tables(tmp_path):
    res = layout_probes.measure("unruled", tmp_path)
    assert res["sentence_share"] >= 0.98, res["missing_sentences"][:5]
    assert res["cell_share"] >= 0.95, res["missing_cells"][:5]
    assert res["tables_found"] == res["tables"] == 2


@pytest.mark.slow
def test_three_column_magazine_with_full_width_tables(tmp_path):
    res = layout_probes.measure("magazine", tmp_path)
    assert res["sentence_share"] >= 0.98, res["missing_sentences"][:5]
    assert res["cell_share"] >= 0.95, res["missing_cells"][:5]
