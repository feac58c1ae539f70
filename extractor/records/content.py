"""A record's content fields (SCHEMA §4), read from its pieces by a table of field readers.

``FIELD_READERS`` maps each field to the function that reads it, in the order they run: a
reader sees what the readers before it found (the sample size reads the model's species,
the design both). Reviews and primary articles share the table; what differs is the
``Sources`` each hands it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractor.normalize.first_chars import guarded
from extractor.records import fields as F
from extractor.records.confidence import EMPTY, evidence, found_conf, list_conf
from extractor.records.text import Span
from extractor.types import Conflict, Entity, Evidence


@dataclass(frozen=True, slots=True)
class Sources:
    """Everything a field reader may read about one study.

    ``context`` lists wider and wider surroundings (the paragraph before the citation, the
    section heading, the whole document) consulted for the disease only when the study's
    own pieces never name one: reviews state the disease once for a run of studies.
    ``front``: how many of the earliest pieces the head-word fallback for the disease reads
    (a primary article's title sits below its masthead lines).
    ``background`` pieces (a primary article's statements of the disease mechanism) are
    among ``pieces`` but give no cytokines or cells: SCHEMA §4 lists what the study measured.
    ``frame``: the words that introduce a review's study ("In frostbite, Lindqvist and
    Ogunleye (2019) …", its reference title): a disorder named there by its head word is the
    study's own, so it is read before the surroundings, which may name another study's.
    ``near``: the surroundings the model may be read from, nearest first, without what the
    review says about its other studies (``review.near_surroundings``): a run of studies
    shares its disease more often than its species (a case report after a mouse study is
    about a person). ``None``: every level of ``context`` but the widest.
    ``therapy`` and ``scores``: the document's CELL and VESICLE mentions and the spans of
    its OUTCOME_SCORE mentions (``Mentions``: the same for every study).
    """

    text: str
    ents: Sequence[Entity]
    pieces: Sequence[F.Piece]
    context: Sequence[Sequence[F.Piece]] = ()
    background: Sequence[F.Piece] = ()
    front: int = 1
    frame: Sequence[F.Piece] = ()
    near: Sequence[Sequence[F.Piece]] | None = None
    therapy: Sequence[Entity] = ()
    scores: Sequence[Span] = ()
    measured: Sequence[F.Piece] = field(default=(), init=False)

    def __post_init__(self) -> None:
        kept = self.pieces
        if self.background:
            background = set(self.background)
            kept = [p for p in self.pieces if p not in background]
        object.__setattr__(self, "measured", kept)


@dataclass(frozen=True, slots=True)
class Mentions:
    """What every study of a document reads from its entities alike, gathered once."""

    therapy: tuple[Entity, ...]  # CELL and VESICLE mentions
    scores: tuple[Span, ...]  # where OUTCOME_SCORE mentions are

    @classmethod
    def of(cls, entities: Sequence[Entity]) -> Mentions:
        return cls(
            tuple(e for e in entities if e.label in ("CELL", "VESICLE")),
            tuple(Span(e.start, e.end) for e in entities if e.label == "OUTCOME_SCORE"),
        )


@dataclass(frozen=True, slots=True)
class Read:
    """One field as read: its value, evidence, confidence and any conflict it found."""

    value: object
    evidence: list[Evidence]
    conf: float
    conflicts: tuple[Conflict, ...] = ()


Reader = Callable[[Sources, dict[str, Read]], Read]


def _disease(src: Sources, done: dict[str, Read]) -> Read:
    text, pieces, context, frame = src.text, src.pieces, src.context, src.frame
    scores = list(src.scores)
    lead = [p for p in frame if p.origin == F.GROUP and p.weight >= 1.0]
    dis = F.disease(text, lead, scores) if lead else F.Found(None, share=0.0)
    if dis.value is None or F.manifestation_only(text, dis):
        found = F.disease(text, pieces, scores)
        if dis.value is None or (found.value and not F.manifestation_only(text, found)):
            dis = found
    if dis.value is None and frame:
        dis = F.disease_by_head(text, frame, len(frame), specific=True)
    for level, ctx in enumerate(context):
        if dis.value is not None:
            break
        found = F.disease(text, ctx, scores)
        if found.value is not None:
            dis = F.Found(found.value, found.spans, found.share * (0.8 - 0.2 * level), F.TITLE)
    if dis.value is None:  # no lexicon row: a disorder's name by its head word
        wider = [*pieces, *(p for ctx in context for p in ctx)]
        dis = F.disease_by_head(text, wider, src.front)
    return Read(dis.value, evidence(dis.spans, "disease", 2), found_conf(dis))


def _intervention(src: Sources, done: dict[str, Read]) -> Read:
    itv = F.intervention(src.text, src.pieces)
    clash = itv.other is not None and itv.value is not None
    return Read(
        itv.value,
        evidence(itv.spans, "intervention", 2),
        found_conf(itv, itv.other is not None),
        (Conflict("intervention", (itv.value, itv.other)),) if clash else (),
    )


def _model(src: Sources, done: dict[str, Read]) -> Read:
    mod = F.model(src.text, src.pieces)
    near = src.near if src.near is not None else src.context[:-1]
    for ctx in near:  # nearby context only: a review's other studies differ
        if mod.value is not None:
            break
        found = F.model(src.text, ctx)
        if found.value is not None:
            mod = F.Found(found.value, found.spans, found.share * 0.6, F.TITLE)
    if mod.value is None:
        mod = _people_by_design(src.text, src.pieces)
    return Read(mod.value, evidence(mod.spans, "model", 3), found_conf(mod))


def _sample_size(src: Sources, done: dict[str, Read]) -> Read:
    n = F.sample_size(src.text, src.pieces, done["model"].value)  # type: ignore[arg-type]
    return Read(
        n.value,
        evidence(n.spans, "sample_size", 2),
        found_conf(n, n.other is not None),
        (Conflict("sample_size", (n.value, n.other)),) if n.other is not None else (),
    )


def _design(src: Sources, done: dict[str, Read]) -> Read:
    model, n = done["model"], done["sample_size"]
    des = F.design(src.text, src.pieces, model.value, n.value)  # type: ignore[arg-type]
    return Read(
        des.value, evidence(des.spans, "design", 2), round(min(model.conf, found_conf(des)), 3)
    )


def _routes(src: Sources, done: dict[str, Read]) -> Read:
    kept, _ = F.routes(src.text, src.pieces)
    clash = (Conflict("routes", (list(kept.value), list(kept.other))),) if kept.other else ()
    conf = found_conf(kept, bool(kept.other)) if kept.value else EMPTY["routes"]
    return Read(tuple(kept.value), evidence(kept.spans, "routes", 4), conf, clash)


def _doses(src: Sources, done: dict[str, Read]) -> Read:
    doses, spans, confs = F.doses(src.text, src.ents, src.pieces)
    return Read(doses, evidence(spans, "doses", 8), list_conf(doses, confs, 0.85, "doses"))


def _outcomes(src: Sources, done: dict[str, Read]) -> Read:
    outs, spans, confs = F.outcomes(src.text, src.ents, src.pieces)
    return Read(outs, evidence(spans, "outcomes", 8), list_conf(outs, confs, 0.85, "outcomes"))


def _cytokines(src: Sources, done: dict[str, Read]) -> Read:
    cyts, spans, confs = F.cytokines(src.text, src.ents, src.measured, src.therapy)
    directed = sum(1 for c in cyts if c.direction is not None)
    base = 0.6 + 0.25 * (directed / max(1, len(cyts)))
    return Read(cyts, evidence(spans, "cytokines", 12), list_conf(cyts, confs, base, "cytokines"))


def _cells(src: Sources, done: dict[str, Read]) -> Read:
    # "a Th2-driven disease" names no cell studied
    cells, spans = F.cells(src.text, src.ents, src.measured)
    return Read(cells, evidence(spans, "cells", 8), list_conf(cells, [], 0.8, "cells"))


FIELD_READERS: dict[str, Reader] = {
    "disease": _disease,
    "intervention": _intervention,
    "model": _model,
    "sample_size": _sample_size,
    "design": _design,
    "routes": _routes,
    "doses": _doses,
    "outcomes": _outcomes,
    "cytokines": _cytokines,
    "cells": _cells,
}


def read_fields(
    src: Sources,
) -> tuple[dict[str, object], list[Evidence], list[Conflict], dict[str, float]]:
    """Every content field of a record: values, evidence, conflicts and confidences, each
    in the order of ``FIELD_READERS``."""
    done: dict[str, Read] = {}
    for name, reader in FIELD_READERS.items():
        done[name] = reader(src, done)
    return (
        {name: r.value for name, r in done.items()},
        [e for r in done.values() for e in r.evidence],
        [c for r in done.values() for c in r.conflicts],
        {name: r.conf for name, r in done.items()},
    )


_HUMAN_TRIAL = guarded(
    re.compile(
        r"\bRCTs?\b|\brandomi[sz]ed\s+(?:controlled|clinical|double-blind|placebo)|"
        r"\bplacebo-controlled\b|\b(?:vs\.?|versus)\s+placebo\b|\bcase\s+series\b|"
        r"\bsplit-(?:face|body|scalp)\b|\bhalf-(?:head|face|side)\b",
        re.IGNORECASE,
    )
)  # tried only where a match can open (normalize.first_chars): the same matches


def _people_by_design(text: str, pieces: Sequence[F.Piece]) -> F.Found:
    """No species, no cells, no people named, but a design only people take part in (an
    RCT, a placebo-controlled or split-face trial, a case series, CONSORT and CARE): the
    study treated people. A mouse study names its species (ARRIVE 2.0 item 8)."""
    for p in pieces:
        if p.origin == F.TITLE:
            continue
        m = _HUMAN_TRIAL.search(text, p.start, p.end)
        if m:
            return F.Found("human", (Span(m.start(), m.end()),), 0.6, p.origin)
    return F.Found(None, share=0.0)
