"""The committed lexicons (models/lexicons) are well-formed and their norms follow SCHEMA §2."""

from __future__ import annotations

import json
import re

import pytest

from extractor.pipeline.matching import LexiconIndex, validate_row
from tests.conftest import MODELS

FILES = ["cells", "cell_lines", "vesicles", "cytokines", "scores"]
ROWS = {
    f: [json.loads(x) for x in (MODELS / "lexicons" / f"{f}.jsonl").read_text("utf-8").splitlines()]
    for f in FILES
}


@pytest.mark.parametrize("name", FILES)
def test_rows_are_valid_and_sourced(name: str) -> None:
    for i, row in enumerate(ROWS[name], 1):
        validate_row(row, where=f"{name}.jsonl:{i}")
        assert row["source"].strip(), f"{name}.jsonl:{i} has no source"
        assert row["synonyms"], f"{name}.jsonl:{i} has no synonyms"


def test_cytokine_norms_are_canonical() -> None:
    for row in ROWS["cytokines"]:
        norm = row["name"]
        assert not re.search(r"alpha|beta|gamma|kappa|lambda", norm, re.IGNORECASE), norm
        if re.match(r"IL\d", norm):
            pytest.fail(f"interleukin without hyphen: {norm}")
        if re.match(r"(CCL|CXCL|XCL|CX3CL)-", norm):
            pytest.fail(f"chemokine with hyphen: {norm}")


def test_sources_file_records_versions() -> None:
    sources = json.loads((MODELS / "lexicons" / "SOURCES.json").read_text("utf-8"))
    assert sources["Cell Ontology"]["version"].startswith("v")
    assert sources["Cellosaurus"]["version"]
    assert sources["hucira"]["version"]
    assert sources["counts"]["cells"] == len(ROWS["cells"])


@pytest.fixture(scope="module")
def index() -> LexiconIndex:
    return LexiconIndex([r for f in FILES for r in ROWS[f]])


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("PaSC", "pancreatic stellate cell"),
        ("pASC", "ADMSC"),
        ("epidermal keratinocytes", "keratinocyte"),
        ("IL-27", "IL-27"),
        ("RANTES", "CCL5"),
        ("CX3CL1", "CX3CL1"),
    ],
)
def test_curated_rows_win_ambiguous_synonyms(index: LexiconIndex, text: str, norm: str) -> None:
    got = [m.norm for m in index.find(text) if (m.start, m.end) == (0, len(text))]
    assert got == [norm]


def test_copied_vesicles_equal_their_curated_source() -> None:
    # build_lexicons.py copies these from models/curated/ (adding status); an edit made to
    # the copy alone would be lost at the next build.
    curated = [
        json.loads(x)
        for x in (MODELS / "curated" / "vesicles.jsonl").read_text("utf-8").splitlines()
    ]
    assert [dict(r, status="curated") for r in curated] == ROWS["vesicles"]


def test_scores_are_their_curated_rows_plus_thresholds() -> None:
    # Every curated instrument is copied unchanged (less the build-only key); each listed
    # response threshold adds one row after it ("VASI" [50, 75, 90] -> VASI-50 …), citing it.
    curated = [
        json.loads(x) for x in (MODELS / "curated" / "scores.jsonl").read_text("utf-8").splitlines()
    ]
    expected = []
    for r in curated:
        row = {k: v for k, v in r.items() if k != "response_thresholds"}
        expected.append(row | {"status": "curated"})
        expected += [f"{r['name']}-{t}" for t in r.get("response_thresholds", [])]
    got = [r if r["name"] not in expected else r["name"] for r in ROWS["scores"]]
    assert got == expected
    vasi75 = next(r for r in ROWS["scores"] if r["name"] == "VASI-75")
    assert {"VASI-75", "VASI 75", "VASI75"} <= set(vasi75["synonyms"])
    assert "Hamzavi" in vasi75["source"]
