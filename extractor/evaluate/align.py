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
# Characters of context on each side compared to tell repeated mentions apart.
CONTEXT = 24
# An occurrence whose context agrees on fewer characters is another mention of the same word.
MIN_AGREE = 6


@dataclass(frozen=True, slots=True)
class Alignment:
    """Gold entities moved onto the pred text; ``unmapped`` ones could not be located."""

    entities: tuple[dict[str, Any], ...]
    unmapped: tuple[dict[str, Any], ...]

    @property
    def share(self) -> float:
        total = len(self.entities) + len(self.unmapped)
        return len(self.entities) / total if total else 1.0


# A power of ten after a multiplication sign. Plain text often carries it flattened ("5×106"
# is 5×10^6, the superscript lost); a PDF or XML rendering keeps it as 10^6, 10(6) or ⁶.
_POWER = re.compile(r"([×xX]\s*)10(\d{1,2})(?!\d)")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _flexible(text: str) -> str:
    """Regex for ``text`` that tolerates any whitespace where the text has whitespace."""
    if not text.strip():
        return r"\s+" if text else ""
    core = r"\s+".join(re.escape(p) for p in text.split())
    lead = r"\s+" if text[0].isspace() else ""
    trail = r"\s+" if text[-1].isspace() else ""
    return lead + core + trail


def _surface_pattern(surface: str) -> re.Pattern[str]:
    """Renderings differ in whitespace (line breaks inside a mention) and in how exponents are
    set, not in the words."""
    parts: list[str] = []
    pos = 0
    for m in _POWER.finditer(surface):
        parts.append(_flexible(surface[pos : m.start()]))
        digits = m.group(2)
        # Any multiplication sign, any spacing: "5×106" may render as "5 x 10^6".
        if parts and parts[-1].endswith(r"\s+"):
            parts[-1] = parts[-1][: -len(r"\s+")]
        parts.append(
            r"\s*[×xX]\s*10\s*(?:\^\s*"
            + digits
            + r"|\(\s*"
            + digits
            + r"\s*\)|"
            + re.escape(digits.translate(_SUPERSCRIPT))
            + "|"
            + digits
            + ")"
        )
        pos = m.end()
    parts.append(_flexible(surface[pos:]))
    return re.compile("".join(parts))


def _squash(s: str) -> str:
    return " ".join(s.split())


def _agreement(a: str, b: str, reverse: bool) -> int:
    """Length of the common prefix (or suffix, ``reverse``) of two context strings."""
    if reverse:
        a, b = a[::-1], b[::-1]
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def align_entities(gold_text: str, pred_text: str, entities: list[dict[str, Any]]) -> Alignment:
    """Locate each gold entity's surface in ``pred_text`` near its expected position.

    Among the occurrences in the search window, the one whose surrounding words agree longest
    with the gold context wins ("studies on ADMSCs and ADMSCs-derived" has two occurrences
    eleven characters apart; position alone cannot tell them apart), then the one nearest the
    expected position; an occurrence whose context agrees on fewer than MIN_AGREE characters is
    taken for a different mention (the rendering lost this one). A pred position is never given
    to two different gold spans.
    """
    ratio = len(pred_text) / len(gold_text) if gold_text else 1.0
    prev_gold, prev_pred = 0, 0
    mapped: list[dict[str, Any]] = []
    unmapped: list[dict[str, Any]] = []
    taken: dict[tuple[int, int], tuple[int, int]] = {}
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
        left = _squash(gold_text[max(0, ent["start"] - CONTEXT * 2) : ent["start"]])[-CONTEXT:]
        right = _squash(gold_text[ent["end"] : ent["end"] + CONTEXT * 2])[:CONTEXT]
        gold_span = (ent["start"], ent["end"])
        need = min(MIN_AGREE, len(left) + len(right))
        best: tuple[int, float, re.Match[str]] | None = None
        for m in _surface_pattern(surface).finditer(pred_text, lo, hi):
            if taken.get((m.start(), m.end()), gold_span) != gold_span:
                continue
            p_left = _squash(pred_text[max(0, m.start() - CONTEXT * 2) : m.start()])[-CONTEXT:]
            p_right = _squash(pred_text[m.end() : m.end() + CONTEXT * 2])[:CONTEXT]
            agree = _agreement(left, p_left, True) + _agreement(right, p_right, False)
            if agree < need:
                continue
            key = (agree, -abs(m.start() - expected))
            if best is None or key > best[:2]:
                best = (agree, -abs(m.start() - expected), m)
        if best is None:
            unmapped.append(ent)
            continue
        m = best[2]
        taken[(m.start(), m.end())] = gold_span
        mapped.append({**ent, "start": m.start(), "end": m.end(), "text": m.group(0)})
        prev_gold, prev_pred = ent["start"], m.start()
    return Alignment(tuple(mapped), tuple(unmapped))
