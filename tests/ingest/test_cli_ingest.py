"""``extractor ingest FILE`` prints the Document as JSON."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.types import Document
from tests.conftest import CORPUS, REVIEW_DOC_ID


@pytest.mark.parametrize("rel", ["text/fimmu-2025-1617157.txt", "jats/fimmu-2025-1617157.xml"])
def test_ingest_prints_document_json(rel):
    result = CliRunner().invoke(app, ["ingest", str(CORPUS / rel)])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["doc_id"] == REVIEW_DOC_ID
    assert "µg" in result.stdout or "μg" in result.stdout  # ensure_ascii=False
    assert result.stdout.startswith('{\n  "doc_id"')  # indent 2
    doc = Document.from_dict(d)
    assert [t.label for t in doc.tables] == ["Table 1", "Table 2"]
    assert len(doc.references) == 40


def test_ingest_options(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text("Abstract\nADSCs lowered IL-4.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(p), "--doc-id", "n1", "--no-text"])
    assert result.exit_code == 0
    d = json.loads(result.stdout)
    assert d["doc_id"] == "n1" and "text" not in d
    assert d["sections"][0]["title"] == "Abstract"
