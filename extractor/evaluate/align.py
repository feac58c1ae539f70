"""Carry gold spans onto a prediction whose text differs (a PDF rendering of the same paper).

Offsets only mean something against one text. When the system scored a different rendering,
each gold mention is looked up by its surface string near the position where it should be,
anchored on the previous mention found, so drift (headers, hyphenation, dropped figures) does not
accumulate. If too few mentions are found the document is declared not comparable rather than
scored against garbage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Below this share of gold mentions found in the pred text, offsets are not trusted.
MIN_MAPPED_SHARE = 0.95


@dataclass(frozen=True, slots=True)
class Alignment:
    """Gold entities moved onto the pred text; ``unmapped`` ones could not be located."""

    entities: tuple[dict[str, Any], ...]
    unmapped: tuple[dict[str, Any], ...]

    @property
    def share(self) -> float:
        total = len(self.entities) + len(self.unmapped)
        return len(self.entities) / total if total else 1.0


def _surface_pattern(surface: str) -> re.Pattern[str]:
    # Renderings differ in whitespace (line breaks inside a mention), not in the words.
    parts = surface.split()
    return re.compile(r"\s+".join(re.escape(p) for p in parts))


def align_entities(
    gold_text: str, pred_text: str, entities: list[dict[str, Any]]
) -> Alignment:
    """Locate each gold entity's surface in ``pred_text`` near its expected position."""
    ratio = len(pred_text) / len(gold_text) if gold_text else 1.0
    prev_gold, prev_pred = 0, 0
    mapped: list[dict[str, Any]] = []
    unmapped: list[dict[str, Any]] = []
    for ent in sorted(entities, key=lambda e: (e["start"], e["end"])):
        surface = gold_text[ent["start"] : ent["end"]]
        if not surface.strip():
            unmapped.append(ent)
            continue
        gap = (ent["start"] - prev_gold) * ratio
        expected = prev_pred + gap
        # The window grows with the distance from the last anchor: drift grows with it.
        width = 300 + 0.1 * abs(gap)
        lo = max(0, int(expected - width))
        hi = min(len(pred_text), int(expected + width) + len(surface))
        best: re.Match[str] | None = None
        for m in _surface_pattern(surface).finditer(pred_text, lo, hi):
            if best is None or abs(m.start() - expected) < abs(best.start() - expected):
                best = m
        if best is None:
            unmapped.append(ent)
            continue
        mapped.append({**ent, "start": best.start(), "end": best.end(), "text": best.group(0)})
        prev_gold, prev_pred = ent["start"], best.start()
    return Alignment(tuple(mapped), tuple(unmapped))
