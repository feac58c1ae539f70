"""Append-only results journal: the crash-safety core of a batch.

Each finished document is one JSON line, written with a single ``write`` and flushed to disk
before the next one starts. A line counts only if it ends in a newline and parses; a run
killed mid-write leaves at most one torn tail, which ``recover`` cuts off. Nothing else is
ever rewritten in place: compaction writes a new file and renames it over the old one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.io import atomic_open, dumps_line


def recover(path: Path) -> list[dict[str, Any]]:
    """Read every complete line; truncate a torn or corrupt tail so appends start clean."""
    if not path.exists():
        return []
    rows: list[dict[str, Any]] = []
    good_end = 0
    with open(path, "rb") as fh:
        data = fh.read()
    pos = 0
    while pos < len(data):
        nl = data.find(b"\n", pos)
        if nl < 0:
            break  # torn tail: no newline
        chunk = data[pos:nl]
        if chunk.strip():
            try:
                rows.append(json.loads(chunk.decode("utf-8")))
            except (UnicodeDecodeError, json.JSONDecodeError):
                break  # a corrupt line can only be the last one written; drop it and what follows
        pos = nl + 1
        good_end = pos
    if good_end < len(data):
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
            fh.flush()
            os.fsync(fh.fileno())
    return rows


class Journal:
    """Appends one committed line per document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the run

    def append(self, row: dict[str, Any]) -> None:
        self._fh.write(dumps_line(row))
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def rewrite(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """Replace the journal atomically (used to drop forced inputs and to sort at the end)."""
    with atomic_open(path) as fh:
        for row in rows:
            fh.write(dumps_line(row))
