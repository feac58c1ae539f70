"""On real publisher papers (../shared/real-papers: JATS and PDF twins, CC BY), a primary
article (JATS article-type research-article or case-report) gives one record named after its
first author and year, and a review article gives none named so. The records stage never sees
the article-type: it decides from the document's own text, headings and bibliography."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.extract import process_path
from extractor.records.citations import slug

# the repository's sibling folder ../shared/real-papers (never copied into the repository)
REAL = Path(__file__).resolve().parents[3] / "shared" / "real-papers"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-papers is absent")


def _article_type(xml: Path) -> str | None:
    from lxml import etree

    return etree.parse(str(xml)).getroot().get("article-type")


def _cases(suffix: str) -> list[tuple[Path, str]]:
    if not REAL.is_dir():
        return []
    out = []
    for xml in sorted(REAL.glob("*.xml")):
        kind = _article_type(xml)
        if kind in ("research-article", "case-report", "review-article"):
            out.append((xml.with_suffix(suffix), kind))
    return out


def _check(path: Path, kind: str) -> None:
    res = process_path(path, None)  # records without the entity pipeline: same segmentation
    assert res.error is None
    bib = res.bibliography
    own = f"{slug(bib.authors[0])}-{bib.year}" if bib.authors else None
    ids = [r.study_id for r in res.records]
    if kind == "review-article":
        assert own not in ids or len(ids) > 1, (path.name, ids)
    else:
        assert ids == [own], (path.name, kind, ids, bib.authors[:1], bib.year)


@pytest.mark.parametrize(("path", "kind"), _cases(".xml"), ids=lambda x: getattr(x, "stem", x))
def test_jats_primary_articles_are_one_record_named_surname_year(path: Path, kind: str) -> None:
    _check(path, kind)


@pytest.mark.parametrize(("path", "kind"), _cases(".pdf")[::5], ids=lambda x: getattr(x, "stem", x))
def test_pdf_primary_articles_are_one_record_named_surname_year(path: Path, kind: str) -> None:
    _check(path, kind)
