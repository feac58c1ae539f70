"""Anchor hand-written mentions to character offsets.

Annotators write mentions in reading order (surface text, label, norm), optionally with a
short context string that precedes the mention; this module finds each one at or after the
previous match, so identical surfaces ("IL-6" several times) anchor to the right occurrence.
It never invents mentions: every row comes from the annotator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class AnchorError(ValueError):
    """A written mention could not be found where the annotator said it was."""


@dataclass(frozen=True, slots=True)
class WrittenMention:
    text: str
    label: str
    norm: Any
    after: str | None = None  # context that occurs before the mention (searched first)


def anchor_mentions(
    text: str, mentions: Iterable[WrittenMention], start: int = 0
) -> list[dict[str, Any]]:
    """Return SCHEMA entity dicts with offsets, in order; raise AnchorError on the first miss."""
    cursor = start
    out: list[dict[str, Any]] = []
    for i, m in enumerate(mentions, 1):
        search_from = cursor
        if m.after:
            ctx = text.find(m.after, cursor)
            if ctx < 0:
                raise AnchorError(
                    f"mention {i} {m.text!r}: context {m.after!r} not found after offset {cursor}"
                )
            search_from = ctx + len(m.after)
        pos = text.find(m.text, search_from)
        if pos < 0:
            raise AnchorError(
                f"mention {i} {m.text!r} ({m.label}) not found after offset {search_from}"
            )
        end = pos + len(m.text)
        out.append({"start": pos, "end": end, "label": m.label, "text": m.text, "norm": m.norm})
        cursor = end
    return out
