"""A text's header or citation line, per style: tests/bibliography/cases/headers*.jsonl.

Each row is a document's opening text and the fields it prints, annotated by hand; only the
keys a row gives are checked (``null`` means the document does not give the field).
"""

from __future__ import annotations

from typing import Any

import pytest

from extractor.bibliography import read_bibliography
from extractor.bibliography.names import fold
from extractor.types import Document
from tests.bibliography.conftest import load_cases

# headers.jsonl: written before the reader; headers_fresh.jsonl: a second batch written after
# it; headers_extra.jsonl: shapes met while fitting (not first-contact material)
CASES = [
    *load_cases("headers.jsonl"),
    *load_cases("headers_fresh.jsonl"),
    *load_cases("headers_extra.jsonl"),
]


def _doc(text: str) -> Document:
    return Document(doc_id="case", source="case.txt", text=text, format="text")


def _same(key: str, got: Any, want: Any) -> bool:
    if key == "authors":
        return [fold(x) for x in got] == [fold(x) for x in want]
    if key == "title" and isinstance(got, str) and isinstance(want, str):
        return fold(got) == fold(want)
    return bool(got == want)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_header_case(case: dict[str, Any]) -> None:
    got = read_bibliography(_doc(case["text"])).to_dict()
    wrong = {k: (v, got[k]) for k, v in case["expect"].items() if not _same(k, got[k], v)}
    assert not wrong, f"{case['id']} ({case['style']}): expected vs got {wrong}"


def test_every_style_is_covered() -> None:
    styles = {c["style"] for c in CASES}
    assert {"vancouver", "apa", "pubmed", "title-page", "running", "none"} <= styles


def test_review_text_in_corpus_has_no_identity_from_its_references() -> None:
    """A text that opens with its abstract prints no header: nothing is read from the body
    or the reference list, whose citations are other papers'."""
    from pathlib import Path

    path = Path(__file__).parents[2] / "corpus" / "text" / "fimmu-2025-1617157.txt"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    bib = read_bibliography(_doc(path.read_text(encoding="utf-8")))
    assert bib.authors == () and bib.year is None and bib.doi is None


def test_passages_without_a_header_get_no_identity() -> None:
    """The 50 out-of-domain passages of tests/ood open with a title and prose, as excerpts do:
    none prints its authors, so none may get any."""
    from pathlib import Path

    folder = Path(__file__).parents[1] / "ood" / "passages"
    texts = sorted(folder.glob("*.txt"))
    if not texts:
        pytest.skip(f"{folder} holds no passages")
    got = {p.name: read_bibliography(_doc(p.read_text(encoding="utf-8"))) for p in texts}
    wrong = {k: (b.authors, b.year, b.doi) for k, b in got.items() if b.authors or b.year or b.doi}
    assert not wrong
