"""Cue voting: the value a field takes is the one whose cues, weighted by cue and by where
they stand (title, table row, paragraph), score highest over a study's pieces."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from extractor.records.lexicon import Cue
from extractor.records.pieces import Piece, covered
from extractor.records.screen import cue_matches
from extractor.records.text import Span


def vote(
    text: str, pieces: Sequence[Piece], table: Sequence[Cue], exclude: Sequence[Span] = ()
) -> tuple[dict[str, float], dict[str, list[Span]], dict[str, set[str]]]:
    """Each value's score, the spans of its cues and the origins of the pieces they stand in;
    a cue inside ``exclude`` does not count."""
    score: dict[str, float] = defaultdict(float)
    spans: dict[str, list[Span]] = defaultdict(list)
    origins: dict[str, set[str]] = defaultdict(set)
    excluded = covered(exclude) if exclude else None
    for p in pieces:
        for cue, m in cue_matches(table, text, p.start, p.end):
            if excluded is not None and excluded(p.start + m.start()):
                continue
            score[cue.value] += cue.weight * p.weight
            spans[cue.value].append(Span(p.start + m.start(), p.start + m.end()))
            origins[cue.value].add(p.origin)
    return score, spans, origins
