"""The shape fallback for a title page's author line (case table shaped_headers.jsonl): keep
rows name the surnames it must read, drop rows (empty ``authors``) texts it must not read."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.bibliography.header import head_lines, read_page
from tests.bibliography.conftest import load_cases

CASES = load_cases("shaped_headers.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_shaped_header(case: dict[str, Any]) -> None:
    page = read_page(head_lines(case["text"]))
    assert list(page.authors) == case["authors"], case["why"]
    if "year" in case:
        assert page.year == case["year"]
