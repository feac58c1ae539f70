"""Curator review app: event-sourced corrections over SCHEMA §5 documents (issue 8).

Importing this package creates nothing; ``create_app(EventStore(path))`` builds the Flask app.
"""

from __future__ import annotations

from extractor.web.app import create_app
from extractor.web.store import EventStore

__all__ = ["EventStore", "create_app"]
