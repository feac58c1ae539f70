"""corpus/render.py reproduces the committed PDF and JATS renderings byte for byte."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import CORPUS, REPO


def test_render_reproduces_committed_files(tmp_path):
    subprocess.run(
        [sys.executable, str(CORPUS / "render.py"), "--out-dir", str(tmp_path)],
        check=True, cwd=REPO, capture_output=True,
    )
    for sub, ext in (("pdf", "pdf"), ("jats", "xml")):
        for made in sorted((tmp_path / sub).glob(f"*.{ext}")):
            committed = CORPUS / sub / made.name
            assert committed.exists(), made.name
            assert made.read_bytes() == committed.read_bytes(), f"{sub}/{made.name} differs"


def test_superscripts_are_typeset_from_flattened_powers():
    sys.path.insert(0, str(CORPUS))
    try:
        import render
    finally:
        sys.path.pop(0)
    assert render.markup("5×106 i.v.") == "5×10<super>6</super> i.v."
    assert render.markup("1.19 × 1010 (high)") == "1.19 × 10<super>10</super> (high)"
    assert render.markup("in 2010 and 0,5-3.1 million") == "in 2010 and 0,5-3.1 million"
    assert render.hyphenate("inflammatory")[0] == ("inflam", "matory")
    assert render.hyphenate("anti-inflammatory") == []
