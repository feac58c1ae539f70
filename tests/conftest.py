from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
GOLD = REPO / "gold"
MODELS = REPO / "models"
REVIEW_TEXT = CORPUS / "text" / "fimmu-2025-1617157.txt"
REVIEW_DOC_ID = "fimmu-2025-1617157"


@pytest.fixture(scope="session")
def review_text() -> str:
    return REVIEW_TEXT.read_text(encoding="utf-8")
