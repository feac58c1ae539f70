"""Record-level scores: pair gold and predicted study records, then compare field by field.

Pairing, inside one document, in three passes, each one-to-one over what is still unpaired:
1. equal ``study_id``;
2. equal ``(first_author, year)`` (surname case-folded);
3. equal ``ref`` (the citation number), when both have one.
A study found under a slightly different slug is still found; a wrong slug then costs only the
``study_id`` field. Field scores are computed over paired records only; ``found`` (gold records
paired) and ``precision`` (pred records paired) say how many records that is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from extractor.evaluate.entities import _sig, dose_key
from extractor.evaluate.prf import PRF
from extractor.types import RECORD_SCALAR_FIELDS

Record = dict[str, Any]

SCALAR_FIELDS: tuple[str, ...] = RECORD_SCALAR_FIELDS
LIST_FIELDS: tuple[str, ...] = (
    "doses",
    "routes",
    "cells",
    "outcomes",
    "outcomes_values",
    "cytokines",
    "cytokine_directions",
)
# Derived views read their items (and their ``accept`` entries) from this SCHEMA field.
_SOURCE = {"outcomes_values": "outcomes", "cytokine_directions": "cytokines"}


def _text(v: Any) -> str | None:
    if v is None:
        return None
    s = unicodedata.normalize("NFC", str(v)).replace("\u03bc", "\u00b5")
    return " ".join(s.split()).casefold() or None


def _int(v: Any) -> int | str | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return _text(v)
    return int(f) if f.is_integer() else _text(v)


def _doi(v: Any) -> str | None:
    s = _text(v)
    if s is None:
        return None
    # DOIs are case-insensitive; the resolver prefix is presentation, not identity.
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
    return s.strip() or None


_SCALAR_KEY: dict[str, Callable[[Any], Any]] = {
    "year": _int,
    "ref": _int,
    "sample_size": _int,
    "doi": _doi,
}


def scalar_key(field: str, value: Any) -> Any:
    return _SCALAR_KEY.get(field, _text)(value)


def _item_key(field: str, item: Any) -> Any:
    if field == "doses":
        return dose_key(item) if isinstance(item, dict) else None
    if field == "outcomes":
        return _text(item.get("measure")) if isinstance(item, dict) else None
    if field == "outcomes_values":
        if not isinstance(item, dict):
            return None
        return (_text(item.get("measure")), _sig(item.get("baseline")), _sig(item.get("final")))
    if field == "cytokines":
        return _text(item.get("name")) if isinstance(item, dict) else None
    if field == "cytokine_directions":
        if not isinstance(item, dict):
            return None
        return (_text(item.get("name")), _text(item.get("direction")))
    return _text(item)  # routes, cells


def item_set(field: str, items: Any) -> set[Any]:
    """The set a list field is scored as (duplicates collapse: set-F1)."""
    if not isinstance(items, list):
        return set()
    keys = {_item_key(field, x) for x in items}
    keys.discard(None)
    return keys


def _accept(record: Record, field: str) -> list[Any]:
    acc = record.get("accept")
    if not isinstance(acc, dict):
        return []
    alts = acc.get(_SOURCE.get(field, field), [])
    return alts if isinstance(alts, list) else [alts]


def scalar_correct(field: str, gold: Record, pred: Record) -> bool:
    """Equal to the gold value or to one of the gold's ``accept`` alternatives."""
    p = scalar_key(field, pred.get(field))
    options = [gold.get(field), *_accept(gold, field)]
    return any(scalar_key(field, o) == p for o in options)


def list_counts(field: str, gold: Record, pred: Record) -> PRF:
    """Set comparison of one list field, honouring ``accept``.

    ``accept[field]`` entries that are lists are alternative whole gold lists (the one that
    scores best is used); other entries are single items that are tolerated: predicting one is
    not a false positive, omitting it is not a false negative.
    """
    src = _SOURCE.get(field, field)
    p = item_set(field, pred.get(src))
    alts = _accept(gold, field)
    tolerated = item_set(field, [a for a in alts if not isinstance(a, list)])
    candidates = [item_set(field, gold.get(src))]
    candidates += [item_set(field, a) for a in alts if isinstance(a, list)]
    best: PRF | None = None
    for g in candidates:
        score = PRF(len(g & p), len(p - g - tolerated), len(g - p))
        if best is None or (score.f1, score.tp) > (best.f1, best.tp):
            best = score
    assert best is not None
    return best


def _match_key(how: str, r: Record) -> Any:
    if how == "study_id":
        return _text(r.get("study_id"))
    if how == "first_author_year":
        a = _text(r.get("first_author"))
        return (a, _int(r.get("year"))) if a else None
    return _int(r.get("ref"))


MATCH_ORDER = ("study_id", "first_author_year", "ref")


def match_records(gold: Sequence[Record], pred: Sequence[Record]) -> list[tuple[int, int, str]]:
    """One-to-one pairs ``(gold_index, pred_index, how)``, in the pass order of MATCH_ORDER."""
    pairs: list[tuple[int, int, str]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for how in MATCH_ORDER:
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            key = _match_key(how, g)
            if key is None:
                continue
            for pi, p in enumerate(pred):
                if pi not in used_p and _match_key(how, p) == key:
                    pairs.append((gi, pi, how))
                    used_g.add(gi)
                    used_p.add(pi)
                    break
    return sorted(pairs)


def score_records(
    docs: Sequence[tuple[Sequence[Record], Sequence[Record]]],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Record metrics over ``(gold_records, pred_records)`` per document, plus the pairs made."""
    n_gold = sum(len(g) for g, _ in docs)
    n_pred = sum(len(p) for _, p in docs)
    how_counts = dict.fromkeys(MATCH_ORDER, 0)
    scalar = {f: [0, 0] for f in SCALAR_FIELDS}
    lists = {f: PRF() for f in LIST_FIELDS}
    pairs_out: list[dict[str, Any]] = []
    for doc_index, (g_recs, p_recs) in enumerate(docs):
        for gi, pi, how in match_records(g_recs, p_recs):
            how_counts[how] += 1
            g, p = g_recs[gi], p_recs[pi]
            pairs_out.append({"doc": doc_index, "gold": gi, "pred": pi, "how": how})
            for f in SCALAR_FIELDS:
                scalar[f][1] += 1
                scalar[f][0] += scalar_correct(f, g, p)
            for f in LIST_FIELDS:
                lists[f] = lists[f] + list_counts(f, g, p)
    matched = sum(how_counts.values())
    fields: dict[str, dict[str, Any]] = {}
    for f, (c, n) in scalar.items():
        fields[f] = {"accuracy": c / n if n else 0.0, "correct": c, "total": n}
    for f, prf in lists.items():
        fields[f] = prf.to_dict()
    metrics = {
        "found": matched / n_gold if n_gold else 0.0,
        "precision": matched / n_pred if n_pred else 0.0,
        "counts": {"gold": n_gold, "pred": n_pred, "matched": matched},
        "matched_by": how_counts,
        "fields": fields,
    }
    return metrics, pairs_out


def _show(field: str, items: set[Any]) -> list[Any]:
    return sorted(items, key=repr)


def record_errors(gold: Sequence[Record], pred: Sequence[Record]) -> list[dict[str, Any]]:
    """Curator rows for one document: unpaired records, wrong scalars, missing/extra list items.

    ``type`` is ``RECORD_FN`` / ``RECORD_FP`` for a record with no partner, ``FIELD`` for a
    field of a paired record that does not score full marks (``missing`` / ``extra`` hold the
    list items, as compared keys, that cost recall / precision).
    """
    pairs = match_records(gold, pred)
    paired_g = {gi for gi, _, _ in pairs}
    paired_p = {pi for _, pi, _ in pairs}
    rows = [_unpaired("RECORD_FN", g) for gi, g in enumerate(gold) if gi not in paired_g]
    rows += [_unpaired("RECORD_FP", p) for pi, p in enumerate(pred) if pi not in paired_p]
    for gi, pi, how in pairs:
        rows += _field_errors(gold[gi], pred[pi], how)
    return rows


def _unpaired(kind: str, rec: Record) -> dict[str, Any]:
    return {"type": kind, "study_id": rec.get("study_id"), "evidence": rec.get("evidence") or []}


def _field_errors(g: Record, p: Record, how: str) -> list[dict[str, Any]]:
    """One row per field of a paired record that does not score full marks."""
    rows: list[dict[str, Any]] = []
    base = {
        "type": "FIELD",
        "study_id": g.get("study_id"),
        "paired_by": how,
        "evidence": g.get("evidence") or [],
    }
    for f in SCALAR_FIELDS:
        if not scalar_correct(f, g, p):
            rows.append(
                {**base, "field": f, "gold": g.get(f), "pred": p.get(f), "accept": _accept(g, f)}
            )
    for f in LIST_FIELDS:
        src = _SOURCE.get(f, f)
        gs, ps = item_set(f, g.get(src)), item_set(f, p.get(src))
        if list_counts(f, g, p).f1 < 1.0 and (gs or ps):
            rows.append(
                {
                    **base,
                    "field": f,
                    "missing": _show(f, gs - ps),
                    "extra": _show(f, ps - gs),
                    "accept": _accept(g, f),
                }
            )
    return rows
