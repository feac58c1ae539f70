"""Processors for testing the batch machinery itself (not extraction).

Each behaves by the first word of the input file: RAISE raises, CRASH kills its own process,
HANG never returns, SLOW takes a while; anything else yields a small SCHEMA §5 line whose one
entity is the first word, so outputs can be checked against inputs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any


def _line(path: str, text: str, doc_id: str) -> dict[str, Any]:
    word = text.split()[0] if text.split() else ""
    return {
        "schema": "v1",
        "doc_id": doc_id,
        "source": path,
        "text": text,
        "entities": [{"start": 0, "end": len(word), "label": "CELL", "text": word, "norm": word}],
        "records": [
            {"study_id": Path(path).stem, "first_author": word, "doses": [], "routes": ["i.v."]}
        ],
        "error": None,
    }


def make():  # type: ignore[no-untyped-def]
    def process(path: str, doc_id: str) -> dict[str, Any]:
        text = Path(path).read_text(encoding="utf-8")
        head = text.split()[0] if text.split() else ""
        if head == "RAISE":
            raise RuntimeError("component exploded")
        if head == "CRASH":
            os._exit(3)
        if head == "HANG":
            time.sleep(3600)
        if head == "SLOW":
            time.sleep(0.3)
        return _line(path, text, doc_id)

    return process


def broken():  # type: ignore[no-untyped-def]
    raise RuntimeError("pipeline files missing")
