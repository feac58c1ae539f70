"""The doses a study gave (SCHEMA §4 ``doses``): the DOSE mentions inside its pieces, without
the amounts of a disease inducer or the end value of a measured change."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.records.pieces import PARAGRAPH, TITLE, Piece, inside_pieces, sentence_bounds
from extractor.records.routes import about_the_model
from extractor.records.text import Span
from extractor.types import Dose, Entity

_MEASURED = re.compile(r"\bfrom\s+(?P<start>[\d.,]+(?:\s*\S+)?)\s+to\s+$", re.IGNORECASE)


def _administered_amount(
    text: str, e: Entity, p: Piece, dose_starts: frozenset[int] = frozenset()
) -> bool:
    """False for an amount the study did not give: one in a sentence about the disease
    inducer only ("bleomycin (100 µg in 100 µL)"), or the end value of a measured change
    ("eosinophils fell from 1,250 to 380 cells/µL")."""
    if p.origin != PARAGRAPH:
        return True  # a table's dose cell is the dose
    s, t = sentence_bounds(text, e.start, p.start, p.end)
    if about_the_model(text, s, t):
        return False
    lo = max(s, e.start - 40)
    m = _MEASURED.search(text[lo : e.start])
    # a change whose start value is itself a dose is a dose change ("de-escalated from 100 µg
    # to 50 µg"): both amounts were given
    return m is None or lo + m.start("start") in dose_starts


def doses(
    text: str, entities: Sequence[Entity], pieces: Sequence[Piece]
) -> tuple[tuple[Dose, ...], list[Span], list[float]]:
    """Dose objects of the DOSE mentions inside the study's pieces, de-duplicated on
    (low, high, unit), without amounts the study did not administer."""
    out: list[Dose] = []
    seen: set[tuple[float, float, str | None]] = set()
    spans: list[Span] = []
    confs: list[float] = []
    own = [p for p in pieces if p.origin != TITLE]
    dose_starts = _dose_starts(entities)
    for e in inside_pieces(entities, own):  # an entity in no piece has no piece below
        if e.label != "DOSE" or not isinstance(e.norm, tuple):
            continue
        piece = next((p for p in own if p.start <= e.start and e.end <= p.end), None)
        if piece is None or not _administered_amount(text, e, piece, dose_starts):
            continue
        for d in e.norm:
            key = (d.low, d.high, d.unit)
            if key in seen:
                continue
            seen.add(key)
            out.append(d)
        spans.append(Span(e.start, e.end))
        confs.append(e.confidence if e.confidence is not None else 0.8)
    return tuple(out), spans, confs


_DOSE_STARTS: list[tuple[Sequence[Entity], frozenset[int]]] = []


def _dose_starts(entities: Sequence[Entity]) -> frozenset[int]:
    """Where the document's DOSE mentions start; kept for the last tuple asked about (a
    document's entities, asked once per record: ~500 entities, 19 records on the review)."""
    last = _DOSE_STARTS[0] if _DOSE_STARTS else None  # read once: another thread may replace it
    if last is not None and last[0] is entities:
        return last[1]
    starts = frozenset(e.start for e in entities if e.label == "DOSE")
    if isinstance(entities, tuple):
        _DOSE_STARTS[:] = [(entities, starts)]
    return starts
