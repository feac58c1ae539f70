"""What a study administered (SCHEMA §4 ``intervention``): the product class a sub-heading, a
table row's dosing words or the prose names, the table kept over prose about another study."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from extractor.normalize.first_chars import guarded
from extractor.records.lexicon import cues
from extractor.records.pieces import GROUP, PARAGRAPH, POPULATION, ROW, TITLE, Found, Piece
from extractor.records.screen import screen
from extractor.records.text import Span, per_document


@per_document(maxsize=512)
def _classes_in(chunk: str) -> tuple[tuple[int, str, int], ...]:
    """(position, intervention class, specificity) of every intervention cue in ``chunk``.
    Kept per document: a study's row or paragraph is read up to three times (its product
    class, what was administered, the vote), 52 reads of 34 chunks on the review."""
    hits = []
    for cue in screen(cues("interventions"), chunk):
        for m in cue.regex.finditer(chunk):
            hits.append((m.start(), cue.value, cue.specificity))
    return tuple(sorted(hits))


def _most_specific(chunk: str) -> str | None:
    hits = _classes_in(chunk)
    if not hits:
        return None
    top = max(h[2] for h in hits)
    return next(h[1] for h in hits if h[2] == top)


_ADMIN = guarded(
    re.compile(
        r"\b(?:dose|doses|dosage)\s+of\s+|\b(?:injections?|infusions?|administration|"
        r"transplantation|implantation|application|treatment)\s+(?:of|with)\s+|\btreated\s+with\s+|"
        r"\breceived\s+|\binjected\s+(?:with\s+)?|\binfused\s+(?:with\s+)?",
        re.IGNORECASE,
    )
)  # tried only where a match can open (normalize.first_chars): the same matches


def _administered(chunk: str) -> list[str]:
    """Intervention classes named right after an administration phrase ("Dose of SVF")."""
    out = []
    for m in _ADMIN.finditer(chunk):
        obj = chunk[m.end() : m.end() + 60]
        hits = _classes_in(obj)
        if hits and hits[0][0] < 25:
            out.append(_most_specific(obj[: hits[0][0] + 40]) or hits[0][1])
    return out


def intervention(text: str, pieces: Sequence[Piece]) -> Found:
    """What was administered. A sub-heading naming a product class (vesicles, SVF...) wins,
    then what a row says was dosed, then a cells sub-heading, then the prose; where the prose
    names another product than the one class the row's cells name, the row wins (prose near
    a table may be about another study)."""
    groups = [p for p in pieces if p.origin == GROUP]
    rows = [p for p in pieces if p.origin in (POPULATION, ROW)]
    paras = [p for p in pieces if p.origin == PARAGRAPH]
    title = [p for p in pieces if p.origin == TITLE]
    spans = lambda ps: tuple(Span(p.start, p.end) for p in ps)  # noqa: E731
    title_cls = _most_specific(" ".join(text[p.start : p.end] for p in title)) if title else None

    def done(value: str, origin: str, sup: Sequence[Piece], share: float) -> Found:
        other = title_cls if title_cls and title_cls != value else None
        return Found(value, spans(sup), share, origin, other)

    group_cls = _most_specific(" ".join(text[p.start : p.end] for p in groups)) if groups else None
    if group_cls and group_cls != "cells":
        return done(group_cls, GROUP, groups, 1.0)
    for p in rows:
        admin = _administered(text[p.start : p.end])
        if admin:
            return done(admin[0], ROW, [p], 0.9)
    # a row's cells that name one product class ("ADSC-CM" in its Product column) say what
    # the study gave better than prose, which may be about another study
    row_classes = {c for p in rows if (c := _most_specific(text[p.start : p.end]))} - {"cells"}
    row_cls = row_classes.pop() if len(row_classes) == 1 else None

    def by_row(prose: Found) -> Found:
        if row_cls is None or prose.value == row_cls:
            return prose
        cells = [p for p in rows if _most_specific(text[p.start : p.end]) == row_cls]
        return done(row_cls, ROW, cells, 0.8)

    if group_cls:
        return done(group_cls, GROUP, groups, 0.9)
    admin_votes: dict[str, int] = defaultdict(int)
    sup: dict[str, list[Piece]] = defaultdict(list)
    for p in paras:
        for a in _administered(text[p.start : p.end]):
            admin_votes[a] += 1
            sup[a].append(p)
    if admin_votes:
        best = max(admin_votes, key=lambda k: admin_votes[k])
        share = admin_votes[best] / sum(admin_votes.values())
        return by_row(done(best, PARAGRAPH, sup[best], share))
    counts: dict[str, float] = defaultdict(float)
    for p in [*rows, *paras]:
        for _, cls, spec in _classes_in(text[p.start : p.end]):
            # a product (vesicles, SVF, medium) is usually named with its parent cell, so
            # one product mention outweighs one cell mention
            counts[cls] += p.weight * (2.0 if spec > 1 else 1.0)
            sup[cls].append(p)
    if not counts:
        if title_cls:
            return Found(title_cls, spans(title), 0.5, TITLE)
        return Found(None, share=0.0)
    best = max(counts, key=lambda k: (counts[k], k != "cells"))
    return by_row(done(best, PARAGRAPH, sup[best][:3], counts[best] / sum(counts.values())))
