"""Typed errors. Each names the file it is about, so a batch can log and go on."""

from __future__ import annotations

from pathlib import Path


class ExtractorError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class IngestError(ExtractorError):
    """A document could not be read. ``str(err)`` is one line: ``path: reason``."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
