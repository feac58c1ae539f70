"""Inter-annotator agreement between two gold passes over the same document.

Mentions: strict (same start, end, label) and lenient (overlapping spans, same label) P/R/F1,
per label and micro, with pass 1 as the reference (F1 is symmetric, so the choice only swaps
P and R). Norms: share of strictly matched mentions whose norm agrees. Records: matched by
study_id; scalar fields by equality, list fields by set F1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from extractor.types import LABELS, RECORD_SCALAR_FIELDS

SCALAR_FIELDS = RECORD_SCALAR_FIELDS[1:]  # study_id is how records are paired
LIST_FIELDS = (
    "doses",
    "routes",
    "outcomes",
    "cytokines",
    "cells",
    "evidence",
    "conflicts",
    "accept",
)


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    n1: int  # mentions in pass 1 (reference)
    n2: int  # mentions in pass 2

    @property
    def precision(self) -> float:
        return self.tp / self.n2 if self.n2 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n1 if self.n1 else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (self.n1 + self.n2) if self.n1 + self.n2 else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "n1": self.n1,
            "n2": self.n2,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _key(e: dict[str, Any]) -> tuple[int, int, str]:
    return (e["start"], e["end"], e["label"])


def _lenient_tp(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> int:
    """One-to-one matches of overlapping same-label spans (greedy in text order).

    One-to-one keeps lenient F1 a proper F1: a long span in one pass covering two short spans
    in the other counts once, not twice.
    """
    used: set[int] = set()
    tp = 0
    for x in sorted(a, key=_key):
        for j, y in enumerate(b):
            if j in used or y["label"] != x["label"]:
                continue
            if y["start"] < x["end"] and x["start"] < y["end"]:
                used.add(j)
                tp += 1
                break
    return tp


def mention_agreement(ents1: list[dict[str, Any]], ents2: list[dict[str, Any]]) -> dict[str, Any]:
    """Strict and lenient PRF per label and micro, plus norm agreement on strict matches."""
    labels = [lab for lab in LABELS if any(e["label"] == lab for e in ents1 + ents2)]
    labels += sorted({e["label"] for e in ents1 + ents2} - set(labels))
    out: dict[str, Any] = {"strict": {}, "lenient": {}, "norm": {}}
    by2 = {_key(e): e for e in ents2}
    tot = {"strict": [0, 0, 0], "lenient": [0, 0, 0]}
    norm_tot = [0, 0]
    for lab in [*labels, "micro"]:
        if lab == "micro":
            for mode in ("strict", "lenient"):
                out[mode]["micro"] = PRF(*tot[mode]).to_dict()
            out["norm"]["micro"] = _norm_dict(*norm_tot)
            break
        a = [e for e in ents1 if e["label"] == lab]
        b = [e for e in ents2 if e["label"] == lab]
        strict_pairs = [(e, by2[_key(e)]) for e in a if _key(e) in by2]
        s = PRF(len(strict_pairs), len(a), len(b))
        l_ = PRF(_lenient_tp(a, b), len(a), len(b))
        same = sum(1 for x, y in strict_pairs if _norm_eq(x.get("norm"), y.get("norm")))
        out["strict"][lab], out["lenient"][lab] = s.to_dict(), l_.to_dict()
        out["norm"][lab] = _norm_dict(same, len(strict_pairs))
        for mode, prf in (("strict", s), ("lenient", l_)):
            tot[mode][0] += prf.tp
            tot[mode][1] += prf.n1
            tot[mode][2] += prf.n2
        norm_tot[0] += same
        norm_tot[1] += len(strict_pairs)
    return out


def _norm_dict(same: int, matched: int) -> dict[str, Any]:
    return {
        "agree": same,
        "matched": matched,
        "rate": round(same / matched, 4) if matched else None,
    }


def _canon(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def _dose_key(d: dict[str, Any]) -> tuple[Any, ...]:
    # Dose text differs legitimately ("1×106" vs "1×106 or 3×106 cells/cm2"); values decide.
    return (round(float(d["low"]), 6), round(float(d["high"]), 6), d.get("unit"))


def _norm_eq(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(_dose_key, a)) == sorted(map(_dose_key, b))
    return a == b


def _items(field: str, values: Iterable[Any]) -> set[Any]:
    vals = list(values or [])
    if field == "doses":
        return {_dose_key(d) for d in vals}
    if field == "evidence":
        return {(s["start"], s["end"]) for s in vals}
    if field == "accept":  # {"field": [values]} -> one item per (field, value)
        return {(k, _canon(x)) for k, xs in dict(values or {}).items() for x in xs}
    return {_canon(v) for v in vals}


def _overlap_f1(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> float:
    """Set F1 where two evidence spans match when they overlap (one-to-one, in text order).

    The passes may quote a sentence or its whole paragraph; exact spans would then never meet.
    """
    if not a and not b:
        return 1.0
    used: set[int] = set()
    tp = 0
    for x in sorted(a, key=lambda s: (s["start"], s["end"])):
        for j, y in enumerate(b):
            if j not in used and y["start"] < x["end"] and x["start"] < y["end"]:
                used.add(j)
                tp += 1
                break
    return 2 * tp / (len(a) + len(b))


def set_f1(a: set[Any], b: set[Any]) -> float:
    """F1 of two sets; two empty sets agree fully."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def record_agreement(recs1: list[dict[str, Any]], recs2: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-field agreement over records matched by study_id."""
    by1 = {r["study_id"]: r for r in recs1}
    by2 = {r["study_id"]: r for r in recs2}
    shared = sorted(set(by1) & set(by2))
    fields: dict[str, Any] = {}
    disagreements: list[dict[str, Any]] = []
    for f in SCALAR_FIELDS:
        same = 0
        for sid in shared:
            if by1[sid].get(f) == by2[sid].get(f):
                same += 1
            else:
                disagreements.append(
                    {
                        "study_id": sid,
                        "field": f,
                        "pass1": by1[sid].get(f),
                        "pass2": by2[sid].get(f),
                    }
                )
        fields[f] = {
            "agree": same,
            "n": len(shared),
            "rate": round(same / len(shared), 4) if shared else None,
        }
    for f in LIST_FIELDS:
        scores = []
        for sid in shared:
            a, b = _items(f, by1[sid].get(f) or []), _items(f, by2[sid].get(f) or [])
            scores.append(set_f1(a, b))
            if a != b and f != "evidence":
                disagreements.append(
                    {
                        "study_id": sid,
                        "field": f,
                        "pass1": by1[sid].get(f),
                        "pass2": by2[sid].get(f),
                    }
                )
        fields[f] = {
            "mean_set_f1": round(sum(scores) / len(scores), 4) if scores else None,
            "n": len(shared),
        }
    ov = [_overlap_f1(by1[s].get("evidence", []), by2[s].get("evidence", [])) for s in shared]
    fields["evidence_overlap"] = {
        "mean_set_f1": round(sum(ov) / len(ov), 4) if ov else None,
        "n": len(shared),
    }
    return {
        "matched": len(shared),
        "only_pass1": sorted(set(by1) - set(by2)),
        "only_pass2": sorted(set(by2) - set(by1)),
        "fields": fields,
        "disagreements": disagreements,
    }


def agreement(doc1: dict[str, Any], doc2: dict[str, Any]) -> dict[str, Any]:
    """Agreement between two SCHEMA §5 objects for the same document."""
    if doc1.get("doc_id") != doc2.get("doc_id"):
        raise ValueError(f"different documents: {doc1.get('doc_id')!r} vs {doc2.get('doc_id')!r}")
    if doc1.get("text") != doc2.get("text"):
        raise ValueError(
            f"{doc1.get('doc_id')}: the two passes carry different text; offsets are not comparable"
        )
    return {
        "doc_id": doc1["doc_id"],
        "mentions": mention_agreement(doc1.get("entities", []), doc2.get("entities", [])),
        "records": record_agreement(doc1.get("records", []), doc2.get("records", [])),
    }


def mention_diff(ents1: list[dict[str, Any]], ents2: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every mention not strictly shared, or shared with a different norm, in text order."""
    k1 = {_key(e): e for e in ents1}
    k2 = {_key(e): e for e in ents2}
    out = []
    for k in sorted(set(k1) | set(k2)):
        a, b = k1.get(k), k2.get(k)
        if a and b:
            if not _norm_eq(a.get("norm"), b.get("norm")):
                out.append({"kind": "norm", "pass1": a, "pass2": b})
        else:
            out.append({"kind": "only_pass1" if a else "only_pass2", "pass1": a, "pass2": b})
    return out
