"""``extractor.extract``: the doc_id rule, the size limit, and long texts in chunks."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from extractor import extract
from extractor.extract import (
    assign_doc_ids,
    chunk_bounds,
    process_document,
    process_path,
)
from extractor.ingest import read_document
from tests.conftest import CORPUS, REVIEW_TEXT


@pytest.mark.parametrize(
    ("paths", "root", "ids"),
    [
        (["a/x.txt", "b/y.pdf"], None, ["x", "y"]),
        (["t/x.txt", "p/x.pdf", "j/x.xml"], None, ["x.txt", "x.pdf", "x.xml"]),
        (["a/x.txt", "b/x.txt", "x.pdf"], None, ["a/x.txt", "b/x.txt", "x.pdf"]),
        (["in/a/x.txt", "in/b/x.txt"], "in", ["a/x.txt", "b/x.txt"]),
        (["x.txt", "x.txt"], None, ["x.txt", "x.txt#2"]),
    ],
)
def test_doc_id_rule(paths: list[str], root: str | None, ids: list[str]) -> None:
    assert assign_doc_ids([Path(p) for p in paths], root) == ids


def test_doc_ids_of_the_corpus_are_its_file_names() -> None:
    paths = sorted(p for p in CORPUS.rglob("fimmu-*") if p.is_file())
    assert assign_doc_ids(paths, CORPUS) == [p.name for p in paths]


# --------------------------------------------------------------------------- size limit


def test_a_text_over_max_chars_is_one_line_before_ingestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("α" * 1500, encoding="utf-8")  # 3000 bytes, 1500 characters

    def no_ingest(*a: object, **k: object) -> None:
        raise AssertionError("ingestion must not start")

    monkeypatch.setattr("extractor.ingest.read_document", no_ingest)
    result = process_path(big, None, max_chars=1000)
    assert result.error == f"{big}: 1,500 characters, more than --max-chars 1,000 " \
        "(raise --max-chars to process it)"  # fmt: skip
    assert result.entities == () and result.records == ()
    monkeypatch.undo()
    assert process_path(big, None, max_chars=1500).error is None  # bytes may exceed, chars not


def test_a_jats_text_over_max_chars_fails_before_the_pipeline(tmp_path: Path) -> None:
    xml = CORPUS / "jats" / "fimmu-2025-1617157.xml"
    result = process_path(xml, None, max_chars=1000)
    assert result.error is not None
    assert result.error.startswith(f"{xml}: ") and "--max-chars 1,000" in result.error


# --------------------------------------------------------------------------- chunks


def test_chunk_bounds_cover_the_text_within_the_limit_at_sections_or_paragraphs() -> None:
    document = read_document(REVIEW_TEXT)
    heads = {s.start for s in document.sections}
    for limit in (3000, 8000, 20_000):
        bounds = chunk_bounds(document, limit)
        assert bounds[0][0] == 0 and bounds[-1][1] == len(document.text)
        assert all(a < b <= a + limit for a, b in bounds)
        assert all(b1 == a2 for (_, b1), (a2, _) in itertools.pairwise(bounds))
        for _, cut in bounds[:-1]:
            assert cut in heads or document.text[cut - 1] in "\n "


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from extractor.pipeline import load_pipeline

    return load_pipeline()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["text/fimmu-2025-1617157.txt", "jats/fimmu-2025-1617157.xml"])
def test_a_text_longer_than_max_length_gives_what_one_document_gives(nlp, name: str) -> None:  # type: ignore[no-untyped-def]
    """spaCy refuses a text over ``nlp.max_length`` (E088); in chunks the entities and the
    records are those of the whole document, offsets exact (abbreviations defined in one
    chunk name their short forms in every chunk)."""
    document = read_document(CORPUS / name)
    whole = process_document(document, nlp)
    saved = nlp.max_length
    try:
        for limit in (20_000, 8_000):
            nlp.max_length = limit
            assert len(chunk_bounds(document, limit)) > 2
            parts = process_document(document, nlp)
            assert parts.entities == whole.entities, limit
            assert parts.records == whole.records, limit
            for e in parts.entities:
                assert document.text[e.start : e.end] == e.text
    finally:
        nlp.max_length = saved


def test_definitions_preamble_carries_abbreviations_and_glossaries(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Adipose-derived stem cells (ADSCs) were used.\n\n"
        "Abbreviations: AD, atopic dermatitis; IL, interleukin; TEWL, transepidermal water loss.\n"
    )
    from extractor.types import Document

    document = Document("d", "d.txt", text, "text")
    preamble = extract._definitions_preamble(document, [(0, len(text))], nlp)
    assert "Adipose-derived stem cells (ADSCs)." in preamble
    assert "AD, atopic dermatitis; IL, interleukin; TEWL, transepidermal water loss." in preamble
