"""Config readers that load curated data (lexicons, blocker patterns) at initialisation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.util import registry

from extractor.pipeline.matching import validate_row


def _read_rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not valid JSON ({e.msg})") from None
    return rows


@registry.readers("extractor.read_lexicons.v1")
def read_lexicons(directory: str, files: list[str]) -> list[dict[str, Any]]:
    """Lexicon rows from ``directory/<file>`` for each file, validated (unknown keys rejected)."""
    rows: list[dict[str, Any]] = []
    for name in files:
        path = Path(directory) / name
        if not path.is_file():
            raise FileNotFoundError(f"{path}: lexicon file not found")
        for i, row in enumerate(_read_rows(path), 1):
            validate_row(row, where=f"{path}:{i}")
            rows.append(row)
    return rows


@registry.readers("extractor.read_patterns.v1")
def read_patterns(path: str) -> list[dict[str, Any]]:
    """Rows of a patterns JSONL file (e.g. ``models/patterns/blockers.jsonl``)."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: patterns file not found")
    return _read_rows(p)


@registry.readers("extractor.read_wordlist.v1")
def read_wordlist(path: str) -> list[str]:
    """One entry per line; blank lines and ``#`` comments skipped."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: word list not found")
    lines = p.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@registry.readers("extractor.read_json.v1")
def read_json(path: str) -> dict[str, Any]:
    """One JSON object (e.g. ``models/patterns/cell_grammar.json``)."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: data file not found")
    try:
        data: dict[str, Any] = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ValueError(f"{p}: not valid JSON ({e.msg})") from None
    return data


@registry.readers("extractor.read_cellosaurus.v1")
def read_cellosaurus(path: str) -> str:
    """The table text of ``lexicons/cellosaurus.tsv.gz`` (empty when absent: the pipeline
    then knows only the curated cell lines)."""
    from extractor.pipeline.cell_lines import read_index

    return read_index(path)
