"""Real publisher papers (../shared/real-papers: 30 PDFs with their JATS twins and a manifest):
first author, year and DOI as ``extractor extract`` reads them, per file and format."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.bibliography.measure import measure_set, share

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-papers"
FLOOR = 0.90


@pytest.fixture(scope="module")
def rows():  # type: ignore[no-untyped-def]
    if not (REAL / "manifest.jsonl").is_file():
        pytest.skip(f"{REAL} absent (the real-paper set lives outside the repository)")
    return measure_set(REAL)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["pdf", "jats"])
def test_first_author_year_doi_floor(rows, kind: str) -> None:  # type: ignore[no-untyped-def]
    part = [r for r in rows if r.kind == kind]
    ok, n = share(part)
    assert n == 3 * len(part) and ok / n >= FLOOR, f"{kind}: {ok}/{n}"


@pytest.mark.slow
def test_jats_article_meta_is_exact(rows) -> None:  # type: ignore[no-untyped-def]
    wrong = [r.name for r in rows if r.kind == "jats" and not all(r.right.values())]
    assert not wrong
