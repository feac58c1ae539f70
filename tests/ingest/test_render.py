"""corpus/render.py reproduces the committed PDF and JATS renderings byte for byte."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import CORPUS, REPO


def _load_render():
    sys.path.insert(0, str(CORPUS))
    try:
        import render
    finally:
        sys.path.pop(0)
    return render


def test_render_reproduces_committed_files(tmp_path):
    """Byte for byte with the versions that made them; else the same content read back."""
    import json

    from extractor.ingest import read_document

    subprocess.run(
        [sys.executable, str(CORPUS / "render.py"), "--out-dir", str(tmp_path)],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    rows = {
        r["path"]: r for r in map(json.loads, (CORPUS / "manifest.jsonl").open(encoding="utf-8"))
    }
    now = _load_render().generator_versions()
    for sub, ext in (("pdf", "pdf"), ("jats", "xml")):
        made_files = sorted((tmp_path / sub).glob(f"*.{ext}"))
        assert made_files
        for made in made_files:
            committed = CORPUS / sub / made.name
            assert committed.exists(), made.name
            if rows[f"corpus/{sub}/{made.name}"].get("generator") == now:
                assert made.read_bytes() == committed.read_bytes(), f"{sub}/{made.name} differs"
            else:  # other library versions lay out bytes differently; content must agree
                a, b = read_document(made), read_document(committed)
                assert (a.text, a.tables, a.references) == (b.text, b.tables, b.references)


def test_superscripts_are_typeset_from_flattened_powers():
    render = _load_render()
    assert render.markup("5×106 i.v.") == "5×10<super>6</super> i.v."
    assert render.markup("1.19 × 1010 (high)") == "1.19 × 10<super>10</super> (high)"
    assert render.markup("in 2010 and 0,5-3.1 million") == "in 2010 and 0,5-3.1 million"
    assert render.hyphenate("inflammatory")[0] == ("inflam", "matory")
    assert render.hyphenate("anti-inflammatory") == []


def test_manifest_lists_every_corpus_file_with_its_hash():
    import hashlib
    import json

    rows = [json.loads(x) for x in (CORPUS / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert {r["format"] for r in rows} == {"text", "pdf", "jats"}
    for r in rows:
        f = REPO / r["path"]
        assert hashlib.sha256(f.read_bytes()).hexdigest() == r["sha256"], r["path"]
        assert r["doi"] == "10.3389/fimmu.2025.1617157"
        assert r["licence"] == "CC BY 4.0"
        assert r["title"].startswith("Adipose-derived mesenchymal stem cells and their derivatives")
        assert r["doc_id"] == f.stem
    files = {
        str(p.relative_to(REPO))
        for sub in ("text", "pdf", "jats")
        for p in (CORPUS / sub).iterdir()
        if p.is_file()
    }
    assert files == {r["path"] for r in rows}
