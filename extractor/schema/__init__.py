"""The output contract as data: a JSON Schema (draft 2020-12) for one SCHEMA v1 output line.

``document.schema.json`` ships with the package; ``extractor.schema.validate`` applies it and
the checks a schema cannot express. The prose version is docs/schema.md.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "document.schema.json"


@cache
def document_schema() -> dict[str, Any]:
    """The JSON Schema of one output line, read once from the package data."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
