"""What a study treated and how it was designed (SCHEMA §4 ``model``, ``design``): a vote over
the lexicon's model and design cues, with a living thing given something kept over culture."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from extractor.records.lexicon import Cue, cues, kind
from extractor.records.pieces import PARAGRAPH, TITLE, Found, Piece, best_origin
from extractor.records.screen import cue_matches, may_match_in, screen_span
from extractor.records.text import Span
from extractor.records.vote import vote


def model(text: str, pieces: Sequence[Piece]) -> Found:
    """What was treated. A study that treats animals or people and also runs culture
    experiments is about the living thing (SCHEMA §4): cell culture wins only when no sentence
    gives an animal or a patient something."""

    own = [p for p in pieces if p.origin != TITLE]
    skip = _not_model_cues(text, own)
    score, spans, origins = vote(text, own, cues("models"), skip)
    if not score:
        score, spans, origins = vote(text, pieces, cues("models"))
    if not score:
        return _anaphor_or_line(text, own)
    best = max(score, key=lambda k: score[k])
    total = sum(score.values())
    if best == "cell culture":
        treated = _treated_living(text, own)
        if treated is not None:
            best = treated
    return Found(best, tuple(spans[best][:4]), score[best] / total, best_origin(origins[best]))


def _treated_living(text: str, pieces: Sequence[Piece]) -> str | None:
    """The living model named in a sentence that administers something to it, if any (the
    most often named one): "keloid fragments were implanted in 6 nude mice, which received
    ADSC-Exos". A living thing named as a source of material ("isolated from mice") is not
    treated."""
    from extractor.records.text import sentences

    admin = kind("administration", "administered")
    in_culture = kind("administration", "in_culture")
    donor = kind("administration", "donor_before")
    source = kind("sample", "material_source")
    living = _living()
    votes: dict[str, float] = defaultdict(float)
    for p in pieces:
        for s in sentences(text, p.start, p.end):
            if not admin.search(text, s.start, s.end) or _in_culture(text, s, in_culture):
                continue
            for cue in screen_span(living, text, s.start, s.end):
                for m in cue.regex.finditer(text, s.start, s.end):
                    before = text[max(s.start, m.start() - 60) : m.start()]
                    if source.search(before) or donor.search(before):
                        continue
                    votes[cue.value] += cue.weight
    return max(votes, key=lambda k: votes[k]) if votes else None


def _anaphor_or_line(text: str, pieces: Sequence[Piece]) -> Found:
    """The model of a study that names none: the one of the sentence before when a piece
    points back to it ("injected into the same model"), else cell culture when a piece names
    a cell line ("in B16F10 melanoma cells", ``cell_lines.jsonl``)."""
    from extractor.records.text import sentences

    same = kind("model_context", "same_model")
    for p in pieces:
        if same.search(text, p.start, p.end) is None:
            continue
        lo = max(0, text.rfind("\n\n", 0, p.start))
        before = list(sentences(text, lo, p.start))
        if before:
            prev = Piece(before[-1].start, before[-1].end, 1.0, PARAGRAPH)
            score, spans, _ = vote(text, [prev], cues("models"))
            if score:
                best = max(score, key=lambda k: score[k])
                return Found(best, tuple(spans[best][:2]), 0.6, PARAGRAPH)
    lines = [c for c in cues("cell_lines") if c.name not in ("skin cell type",)]
    for p in pieces:
        for c in lines:
            m = c.regex.search(text, p.start, p.end)
            if m is not None:
                return Found("cell culture", (Span(m.start(), m.end()),), 0.6, PARAGRAPH)
    return Found(None, share=0.0)


def _in_culture(text: str, s: Span, in_culture: re.Pattern[str]) -> bool:
    """The sentence treats something in culture: a culture cue that is not a stem-cell
    product's making ("injected cultured ADSCs", ``model_context.jsonl``)."""
    product = kind("model_context", "cultured_product")
    made = [(m.start(), m.end()) for m in product.finditer(text, s.start, s.end)]
    return any(
        not any(a <= m.start() < b for a, b in made)
        for m in in_culture.finditer(text, s.start, s.end)
    )


def _not_model_cues(text: str, pieces: Sequence[Piece]) -> list[Span]:
    """Spans of model cues that name no treated model: a living thing under a negation ("no
    animal or patient was treated") or as the donor of cultured cells ("fibroblasts from
    patients"), and
    "cultured" in a stem-cell product's name ("cultured ADSCs")."""
    negated = kind("model_context", "not_treated_before")
    donor = kind("model_context", "cells_from")
    product = kind("model_context", "cultured_product")
    out: list[Span] = []
    for p in pieces:
        if may_match_in(product, text, p.start, p.end):  # most pieces name no "culture"
            out += [Span(m.start(), m.end()) for m in product.finditer(text, p.start, p.end)]
        # tried only where a cue's opening occurs (2.6 -> 2.2 ms on the review, against a
        # scan of the whole piece by every cue ``screen_span`` keeps)
        for _, m in cue_matches(_living(), text, p.start, p.end, sliced=False):
            before = text[max(p.start, m.start() - 40) : m.start()]
            if negated.search(before) or donor.search(before):
                out.append(Span(m.start(), m.end()))
    return out


@cache
def _living() -> tuple[Cue, ...]:
    return tuple(c for c in cues("models") if c.value != "cell culture")


def design(text: str, pieces: Sequence[Piece], model_value: str | None, n: int | None) -> Found:
    """Design follows what was treated: cultures -> in vitro, animals -> animal study; for
    people a case-report cue or one or two patients -> case report, else clinical trial."""
    if model_value is None:
        return Found(None, share=0.0)
    if model_value == "cell culture":
        return Found("in vitro", share=1.0, origin=PARAGRAPH)
    if model_value != "human":
        return Found("animal study", share=1.0, origin=PARAGRAPH)

    score, spans, origins = vote(text, pieces, cues("designs"))
    case = score.get("case report", 0.0)
    trial = score.get("clinical trial", 0.0)
    if case and (n is None or n <= 3) and case >= trial * 0.5:
        return Found(
            "case report",
            tuple(spans["case report"][:2]),
            0.9,
            best_origin(origins["case report"]),
        )
    if trial:
        return Found(
            "clinical trial",
            tuple(spans["clinical trial"][:2]),
            0.85,
            best_origin(origins["clinical trial"]),
        )
    if n is not None:
        return Found("case report" if n <= 2 else "clinical trial", share=0.7, origin=PARAGRAPH)
    return Found("clinical trial", share=0.5, origin=PARAGRAPH)
