"""JATS <article-meta>: contrib-group surnames in order, the issue's year, ids and titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.bibliography.jats import read_jats

ROOT = Path(__file__).parents[2]


def _write(tmp_path: Path, meta: str, journal: str = "") -> Path:
    p = tmp_path / "a.xml"
    p.write_text(
        '<?xml version="1.0"?><article article-type="research-article"><front>'
        f"<journal-meta>{journal}</journal-meta><article-meta>{meta}</article-meta>"
        "</front><body><p>x</p></body></article>",
        encoding="utf-8",
    )
    return p


AUTHORS = (
    '<contrib-group><contrib contrib-type="author"><name><surname>van der Linden</surname>'
    "<given-names>Pieter</given-names></name></contrib>"
    '<contrib contrib-type="editor"><name><surname>Drose</surname></name></contrib>'
    '<contrib contrib-type="author"><name-alternatives><name name-style="eastern" xml:lang="zh">'
    '<surname>王</surname></name><name name-style="western"><surname>Wang</surname>'
    "<given-names>Li</given-names></name></name-alternatives></contrib>"
    '<contrib contrib-type="author"><collab>EB Study Group</collab></contrib></contrib-group>'
)


def test_surnames_in_order_editors_left_out(tmp_path: Path) -> None:
    bib = read_jats(_write(tmp_path, AUTHORS))
    assert bib.authors == ("van der Linden", "Wang", "EB Study Group")


@pytest.mark.parametrize(
    ("dates", "year"),
    [
        # print issue over the earlier online date (Hindawi: epub 2015, ppub 2016)
        (
            '<pub-date pub-type="epub"><year>2015</year></pub-date>'
            '<pub-date pub-type="ppub"><year>2016</year></pub-date>',
            2016,
        ),
        # a continuous-publication journal's collection year
        (
            '<pub-date pub-type="epub"><year>2019</year></pub-date>'
            '<pub-date pub-type="collection"><year>2020</year></pub-date>',
            2020,
        ),
        # JATS 1.2 style: date-type="pub" with publication-format
        (
            '<pub-date date-type="pub" publication-format="electronic"><year>2021</year></pub-date>'
            '<pub-date date-type="pub" publication-format="print"><year>2022</year></pub-date>',
            2022,
        ),
        # online only
        (
            '<pub-date pub-type="epub"><day>3</day><month>12</month><year>2019</year></pub-date>',
            2019,
        ),
        ("", None),
    ],
)
def test_publication_year(tmp_path: Path, dates: str, year: int | None) -> None:
    assert read_jats(_write(tmp_path, dates)).year == year


def test_ids_titles_and_journal(tmp_path: Path) -> None:
    meta = (
        '<article-id pub-id-type="pmid">31836270</article-id>'
        '<article-id pub-id-type="doi">10.1016/j.jdermsci.2019.11.006</article-id>'
        "<title-group><article-title>MSCs in <italic>NC/Nga</italic>\n mice</article-title>"
        "</title-group>"
    )
    journal = (
        '<journal-id journal-id-type="nlm-ta">J Dermatol Sci</journal-id>'
        "<journal-title-group><journal-title>Journal of Dermatological Science</journal-title>"
        "</journal-title-group>"
    )
    bib = read_jats(_write(tmp_path, meta, journal))
    assert bib.doi == "10.1016/j.jdermsci.2019.11.006" and bib.pmid == "31836270"
    assert bib.title == "MSCs in NC/Nga mice"
    assert bib.journal == "Journal of Dermatological Science"


def test_no_article_meta_gives_nulls(tmp_path: Path) -> None:
    p = tmp_path / "b.xml"
    p.write_text("<article><body><p>text</p></body></article>", encoding="utf-8")
    bib = read_jats(p)
    assert bib.authors == () and bib.year is None and bib.doi is None


def test_corpus_review_jats() -> None:
    path = ROOT / "corpus" / "jats" / "fimmu-2025-1617157.xml"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    bib = read_jats(path)
    assert bib.authors[:2] == ("Matwiejuk", "Mikłosz")
    assert (bib.year, bib.doi, bib.pmid) == (2025, "10.3389/fimmu.2025.1617157", "40918108")
