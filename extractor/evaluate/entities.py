"""Mention-level scores: the four SemEval-2013 schemes (through nervaluate) and norm accuracy.

Offsets in this project are end-exclusive (Python slices). nervaluate 1.x treats ``end`` as
inclusive when it decides whether two spans overlap, so every span is handed to it as
``end - 1``; otherwise two adjacent mentions ("IL-6" then ",IL-1β") would count as a partial
match. ``tests/evaluate`` pins this.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from nervaluate import Evaluator

from extractor.evaluate.prf import PRF
from extractor.types import LABELS

# Our scheme names -> nervaluate's.
SCHEMES: dict[str, str] = {
    "strict": "strict",
    "exact": "exact",
    "partial": "partial",
    "type": "ent_type",
}
# Schemes where a partial overlap earns half a point (SemEval-2013 "partial" and "type").
_HALF_CREDIT = {"partial", "type"}

Span = dict[str, Any]


def _labels(gold: Iterable[Sequence[Span]], pred: Iterable[Sequence[Span]]) -> list[str]:
    """SCHEMA labels first, then any extension label seen on either side (never dropped)."""
    seen = {e["label"] for doc in gold for e in doc} | {e["label"] for doc in pred for e in doc}
    return list(LABELS) + sorted(seen - set(LABELS))


def split_components(
    gold: Sequence[Span], pred: Sequence[Span]
) -> list[tuple[list[Span], list[Span]]]:
    """Cut one document into runs of mutually overlapping mentions (gold and pred together).

    nervaluate compares every prediction with every gold mention of its document, which is
    quadratic; mentions that overlap nothing on the other side can never be matched to each
    other, so scoring each run as its own "document" gives identical counts in linear time.
    """
    tagged = sorted(
        [(e["start"], e["end"], 0, e) for e in gold] + [(e["start"], e["end"], 1, e) for e in pred],
        key=lambda t: (t[0], t[1], t[2]),
    )
    out: list[tuple[list[Span], list[Span]]] = []
    reach = -1
    for start, end, side, e in tagged:
        if start >= reach:  # end-exclusive: touching spans do not overlap
            out.append(([], []))
        out[-1][side].append(e)
        reach = max(reach, end)
    return out


def _to_nervaluate(
    doc: Sequence[Span], exact_first: set[tuple[int, int]] | None = None
) -> list[dict[str, Any]]:
    """nervaluate's input: end made inclusive, in a fixed order.

    nervaluate matches greedily in list order, so a prediction that merely overlaps a gold
    mention can use it up before the prediction with the identical span is reached, and the
    exact hit then counts as spurious. Predictions whose span is a gold span therefore go first
    (``exact_first``), then text order, which also makes the result reproducible.
    """
    hits = exact_first or set()
    return [
        {"label": e["label"], "start": e["start"], "end": e["end"] - 1}
        for e in sorted(
            doc,
            key=lambda e: ((e["start"], e["end"]) not in hits, e["start"], e["end"], e["label"]),
        )
    ]


def _counts(result: Any, scheme: str) -> dict[str, Any]:
    """nervaluate's counts as tp/fp/fn so that P = tp/(tp+fp) equals nervaluate's precision."""
    tp = result.correct + (0.5 * result.partial if scheme in _HALF_CREDIT else 0)
    prf = PRF(tp, result.actual - tp, result.possible - tp)
    d = prf.to_dict()
    d.update(
        correct=result.correct,
        incorrect=result.incorrect,
        partial=result.partial,
        missed=result.missed,
        spurious=result.spurious,
        possible=result.possible,
        actual=result.actual,
    )
    return d


def _empty_counts() -> dict[str, Any]:
    d: dict[str, Any] = PRF().to_dict()
    d.update(correct=0, incorrect=0, partial=0, missed=0, spurious=0, possible=0, actual=0)
    return d


def _macro(per_label: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Unweighted mean over labels that occur in gold or pred (an unused label is no evidence)."""
    used = [v for v in per_label.values() if v["possible"] + v["actual"] > 0]
    n = len(used)
    return {
        "precision": sum(v["precision"] for v in used) / n if n else 0.0,
        "recall": sum(v["recall"] for v in used) / n if n else 0.0,
        "f1": sum(v["f1"] for v in used) / n if n else 0.0,
        "labels": n,
    }


def score_schemes(
    gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]
) -> dict[str, dict[str, Any]]:
    """Micro, macro and per-label scores for each scheme; ``gold[i]`` pairs with ``pred[i]``.

    ``per_label[L]`` is nervaluate's per-entity breakdown: the scheme run on the label-L
    mentions of both sides only, so a label confusion counts as a miss of the gold label and a
    spurious mention of the predicted one.
    """
    labels = _labels(gold, pred)
    out: dict[str, dict[str, Any]] = {}
    if any(gold) or any(pred):
        ev = Evaluator(
            [_to_nervaluate(d) for d in gold],
            [
                _to_nervaluate(p, {(e["start"], e["end"]) for e in g})
                for g, p in zip(gold, pred, strict=True)
            ],
            tags=labels,
            loader="dict",
        ).evaluate()
    else:
        ev = {"overall": {}, "entities": {}}
    for ours, theirs in SCHEMES.items():
        overall = ev["overall"].get(theirs)
        per_label = {
            lab: _counts(ev["entities"][lab][theirs], ours)
            if lab in ev["entities"]
            else _empty_counts()
            for lab in labels
        }
        out[ours] = {
            "micro": _counts(overall, ours) if overall is not None else _empty_counts(),
            "macro": _macro(per_label),
            "per_label": per_label,
        }
    return out


def _fold(s: str) -> str:
    # Micro sign and Greek mu are one letter to a reader; SCHEMA asks both to become µ.
    return unicodedata.normalize("NFC", s).replace("\u03bc", "\u00b5").strip()


def _sig(x: Any) -> float | None:
    """Round to 9 significant digits: 5×10^6 parsed two ways must compare equal."""
    if x is None:
        return None
    try:
        return float(f"{float(x):.9g}")
    except (TypeError, ValueError):
        return None


def dose_key(d: dict[str, Any]) -> tuple[float | None, float | None, str | None]:
    """A dose compared on low/high/unit, as SCHEMA §3 defines it (``text`` is not compared)."""
    unit = d.get("unit")
    return (_sig(d.get("low")), _sig(d.get("high")), _fold(unit) if isinstance(unit, str) else None)


def norm_key(label: str, norm: Any) -> Any:
    """Comparable form of a ``norm``: a sorted tuple of dose keys for DOSE, a string otherwise."""
    if label == "DOSE" or isinstance(norm, list):
        items = norm if isinstance(norm, list) else []
        return tuple(
            sorted(
                (dose_key(x) for x in items if isinstance(x, dict)),
                key=lambda k: tuple((v is None, v) for v in k),
            )
        )
    return _fold(norm) if isinstance(norm, str) else norm


def norm_accuracy(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]) -> dict[str, Any]:
    """Share of strictly matched mentions (same start, end and label) whose norm equals gold's."""
    labels = _labels(gold, pred)
    per: dict[str, list[int]] = {lab: [0, 0] for lab in labels}
    for g_doc, p_doc in zip(gold, pred, strict=True):
        p_index = {(e["start"], e["end"], e["label"]): e for e in p_doc}
        for g in g_doc:
            p = p_index.get((g["start"], g["end"], g["label"]))
            if p is None:
                continue
            per[g["label"]][1] += 1
            if norm_key(g["label"], g.get("norm")) == norm_key(g["label"], p.get("norm")):
                per[g["label"]][0] += 1
    correct = sum(c for c, _ in per.values())
    matched = sum(n for _, n in per.values())
    return {
        "basis": "strict",
        "accuracy": correct / matched if matched else 0.0,
        "correct": correct,
        "matched": matched,
        "per_label": {
            lab: {"accuracy": c / n if n else 0.0, "correct": c, "matched": n}
            for lab, (c, n) in per.items()
        },
    }
