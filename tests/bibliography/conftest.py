"""Case tables of tests/bibliography/cases/*.jsonl, one test per row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict[str, Any]]:
    with open(CASES / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
