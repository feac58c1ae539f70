"""Score SCHEMA §5 predictions against gold: pair documents, then mentions, then records.

Documents pair by ``doc_id``. A gold document absent from the prediction, or one the system
failed on (``error`` set), is scored as predicting nothing: that is a miss of the system, not
a reason to skip it. A prediction over a different text (PDF rendering) is scored only when the
gold spans can be carried over to it (``align.py``); otherwise it is listed as not comparable and
left out of the mention scores. Records do not depend on offsets, so every paired document
counts for them. The document's own bibliography (SCHEMA §5) is scored per field on the gold
documents that carry one (``bibliography.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractor import SCHEMA_VERSION
from extractor.evaluate.align import MIN_MAPPED_SHARE, align_entities
from extractor.evaluate.bibliography import has_bibliography, score_bibliography
from extractor.evaluate.entities import (
    _labels,
    norm_accuracy,
    norm_key,
    score_schemes,
    split_components,
)
from extractor.evaluate.records import record_errors, score_records
from extractor.types import DocumentResult

METRICS_VERSION = 1
NONE_LABEL = "∅"  # the "no mention" row/column of the confusion matrix

DocLike = DocumentResult | Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What one scoring run yields: metrics, the curator's error list, the label confusion."""

    metrics: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)


def _as_dict(doc: DocLike) -> dict[str, Any]:
    # Raw dicts keep gold-only keys such as a record's ``accept`` map, which the typed
    # StudyRecord does not carry.
    return doc.to_dict() if isinstance(doc, DocumentResult) else dict(doc)


def _index(docs: Sequence[DocLike], side: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for d in map(_as_dict, docs):
        doc_id = d.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise ValueError(f"{side}: a document has no doc_id")
        if doc_id in out:
            raise ValueError(
                f"{side}: doc_id {doc_id!r} appears twice (score each rendering of a paper "
                "as its own file)"
            )
        out[doc_id] = d
    return out


def _valid_spans(doc: Mapping[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Entities with a usable span, and how many were not: an empty, inverted or out-of-text
    span cannot match anything and is counted in ``documents.invalid_entities`` instead."""
    n_text = len(doc.get("text") or "")
    good: list[dict[str, Any]] = []
    bad = 0
    for e in doc.get("entities") or []:
        if (
            isinstance(e.get("start"), int)
            and isinstance(e.get("end"), int)
            and 0 <= e["start"] < e["end"] <= n_text
            and isinstance(e.get("label"), str)
        ):
            good.append(dict(e))
        else:
            bad += 1
    return good, bad


_LEFT = re.compile(r"(?:[.!?][\"'”’)\]]?\s+(?=[A-Z0-9(\[\"“])|\n)")
_RIGHT = re.compile(r"[.!?](?=\s|$)|\n")


def sentence_at(text: str, start: int, end: int, reach: int = 400) -> str:
    """The sentence (or line) around ``text[start:end]``: what a curator needs to judge it."""
    if not text or start >= len(text):
        return ""
    lo = max(0, start - reach)
    left = lo
    for m in _LEFT.finditer(text, lo, start):
        left = m.end()
    stop = _RIGHT.search(text, end, min(len(text), end + reach))
    right = stop.end() if stop else min(len(text), end + reach)
    return " ".join(text[left:right].split())


_TYPE_ORDER = {"NORM": 0, "FN": 1, "FP": 2}


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _brief(e: Mapping[str, Any]) -> dict[str, Any]:
    return {k: e.get(k) for k in ("label", "start", "end", "text", "norm")}


def _kind(e: Mapping[str, Any], others: Sequence[Mapping[str, Any]]) -> tuple[str, Any]:
    """Why a mention has no strict partner: the closest other-side mention says it."""
    same_span = [o for o in others if o["start"] == e["start"] and o["end"] == e["end"]]
    if same_span:
        return "label", same_span[0]
    overlapping = sorted((o for o in others if _overlap(e, o) > 0), key=lambda o: -_overlap(e, o))
    for o in overlapping:
        if o["label"] == e["label"]:
            return "boundary", o
    if overlapping:
        return "boundary+label", overlapping[0]
    return "none", None


def _component_errors(
    gold_text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """FN, FP and NORM rows of one run of overlapping mentions (``split_components``)."""
    rows: list[dict[str, Any]] = []
    # Pools, not sets: a mention given twice matches once and its twin is an error, as in
    # nervaluate's counts.
    p_pool: dict[tuple[int, int, str], list[dict[str, Any]]] = {}
    for e in pred:
        p_pool.setdefault((e["start"], e["end"], e["label"]), []).append(e)
    g_pool = Counter((e["start"], e["end"], e["label"]) for e in gold)
    for g in gold:
        same = p_pool.get((g["start"], g["end"], g["label"]))
        if same:
            p = same.pop(0)
            if norm_key(g["label"], g.get("norm")) != norm_key(g["label"], p.get("norm")):
                rows.append({"type": "NORM", "kind": "norm", **_brief(g), "other": _brief(p)})
            continue
        kind, other = _kind(g, pred)
        row = {"type": "FN", "kind": "missed" if kind == "none" else kind, **_brief(g)}
        row["other"] = _brief(other) if other else None
        if g.get("unmapped"):
            # Offsets and sentence refer to the gold text: the prediction's text lacks it.
            row["kind"] = "not in pred text"
            row["start"], row["end"] = g["gold_start"], g["gold_end"]
            row["sentence"] = sentence_at(gold_text, row["start"], row["end"])
        rows.append(row)
    for p in pred:
        key = (p["start"], p["end"], p["label"])
        if g_pool[key] > 0:
            g_pool[key] -= 1
            continue
        kind, other = _kind(p, gold)
        row = {"type": "FP", "kind": "spurious" if kind == "none" else kind, **_brief(p)}
        row["other"] = _brief(other) if other else None
        rows.append(row)
    return rows


def _doc_errors(
    doc_id: str,
    text: str,
    gold_text: str,
    components: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]],
) -> list[dict[str, Any]]:
    """Every FN and FP under the strict scheme, and every strict match whose norm is wrong."""
    rows = [r for g, p in components for r in _component_errors(gold_text, g, p)]
    for r in rows:
        r.setdefault("sentence", sentence_at(text, r["start"], r["end"]))
    _name_dropped_doses(text, rows)
    # In text order; at one offset the gold side (NORM, FN) reads before the prediction (FP).
    rows.sort(key=lambda r: (r["start"], _TYPE_ORDER[r["type"]], r["end"]))
    return [{"doc_id": doc_id, **r} for r in rows]


def _name_dropped_doses(text: str, rows: list[dict[str, Any]]) -> None:
    """A missed DOSE that a context rule dropped gets ``dropped_by``, the rule's id (the
    packaged rules, docs/rules.md): the curator sees why the amount is missing."""
    missed = [
        r
        for r in rows
        if r["type"] == "FN" and r.get("label") == "DOSE" and r["kind"] != "not in pred text"
    ]
    if not missed or not text:
        return
    from extractor.normalize.dose import scan_doses

    dropped = scan_doses(text)[1]
    for r in missed:
        rule = next((d.rule for d in dropped if d.start < r["end"] and r["start"] < d.end), None)
        if rule is not None:
            r["dropped_by"] = rule


def _confusion(
    gold: Sequence[Sequence[dict[str, Any]]], pred: Sequence[Sequence[dict[str, Any]]]
) -> dict[str, dict[str, int]]:
    """Gold label (rows) x predicted label (columns), pairing each gold mention with the
    unused prediction of the same span, else the one overlapping it most."""
    labels = [*_labels(gold, pred), NONE_LABEL]
    matrix = {g: dict.fromkeys(labels, 0) for g in labels}
    for g_doc, p_doc in zip(gold, pred, strict=True):
        used: set[int] = set()
        for g in sorted(g_doc, key=lambda e: (e["start"], e["end"])):
            best, best_score = None, 0
            for i, p in enumerate(p_doc):
                if i in used:
                    continue
                exact = p["start"] == g["start"] and p["end"] == g["end"]
                score = 10**9 if exact else _overlap(g, p)
                if score > best_score:
                    best, best_score = i, score
            if best is None:
                matrix[g["label"]][NONE_LABEL] += 1
            else:
                used.add(best)
                matrix[g["label"]][p_doc[best]["label"]] += 1
        for i, p in enumerate(p_doc):
            if i not in used:
                matrix[NONE_LABEL][p["label"]] += 1
    return matrix


def evaluate_documents(gold: Sequence[DocLike], pred: Sequence[DocLike]) -> Evaluation:
    """Score ``pred`` against ``gold``; see the module docstring for what is scored how."""
    g_index = _index(gold, "gold")
    p_index = _index(pred, "pred")
    tally = _Tally(
        documents={
            "gold": len(g_index),
            "pred": len(p_index),
            "scored": 0,
            "remapped": [],
            "not_comparable": [],
            "missing": [],
            "failed": [],
            "unpaired_pred": [d for d in p_index if d not in g_index],
            "invalid_entities": {"gold": 0, "pred": 0},
        }
    )
    for doc_id, g in g_index.items():
        _score_document(tally, doc_id, g, p_index.get(doc_id))
    return tally.evaluation()


@dataclass(slots=True)
class _Tally:
    """What scoring the documents one by one collects for the corpus-level figures."""

    documents: dict[str, Any]
    ent_gold: list[list[dict[str, Any]]] = field(default_factory=list)
    ent_pred: list[list[dict[str, Any]]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    rec_docs: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = field(default_factory=list)
    per_document: dict[str, dict[str, Any]] = field(default_factory=dict)
    bib_pairs: list[tuple[str, Any, Any]] = field(default_factory=list)

    def evaluation(self) -> Evaluation:
        entities: dict[str, Any] = score_schemes(self.ent_gold, self.ent_pred)
        entities["norm_accuracy"] = norm_accuracy(self.ent_gold, self.ent_pred)
        entities["per_document"] = self.per_document
        records, _pairs = score_records(self.rec_docs)
        bibliography, bib_errors = score_bibliography(self.bib_pairs)
        self.errors.extend(bib_errors)
        metrics = {
            "metrics_version": METRICS_VERSION,
            "schema": SCHEMA_VERSION,
            "documents": self.documents,
            "entities": entities,
            "records": records,
            "bibliography": bibliography,
        }
        return Evaluation(metrics, self.errors, _confusion(self.ent_gold, self.ent_pred))


def _score_document(
    tally: _Tally, doc_id: str, g: dict[str, Any], p: dict[str, Any] | None
) -> None:
    """One gold document: its records always, its mentions when the texts can be compared."""
    meta = tally.documents
    g_text = g.get("text") or ""
    g_ents, bad = _valid_spans(g)
    meta["invalid_entities"]["gold"] += bad
    if p is None:
        meta["missing"].append(doc_id)
        p = {"doc_id": doc_id, "text": g_text, "entities": [], "records": []}
    elif p.get("error"):
        meta["failed"].append({"doc_id": doc_id, "error": str(p["error"])})
        p = {"doc_id": doc_id, "text": g_text, "entities": [], "records": []}
    _score_records_of(tally, doc_id, g, p)
    p_text = p.get("text") or ""
    p_ents, bad = _valid_spans(p)
    meta["invalid_entities"]["pred"] += bad
    if p_text != g_text:
        carried = _carry_over(meta, doc_id, g_text, p_text, g_ents)
        if carried is None:
            return
        g_ents = carried
    meta["scored"] += 1
    components = split_components(g_ents, p_ents)
    for g_part, p_part in components:
        tally.ent_gold.append(g_part)
        tally.ent_pred.append(p_part)
    doc_scores = score_schemes([g for g, _ in components], [p for _, p in components])
    tally.per_document[doc_id] = {k: v["micro"] for k, v in doc_scores.items()}
    tally.errors.extend(_doc_errors(doc_id, p_text, g_text, components))


def _score_records_of(tally: _Tally, doc_id: str, g: dict[str, Any], p: dict[str, Any]) -> None:
    """Queue the document's records (and bibliography) for scoring; list its record errors,
    each with the sentences its evidence spans cover on its own side's text."""
    g_text = g.get("text") or ""
    tally.rec_docs.append((list(g.get("records") or []), list(p.get("records") or [])))
    if has_bibliography(g):
        tally.bib_pairs.append((doc_id, g["bibliography"], p.get("bibliography")))
    for row in record_errors(*tally.rec_docs[-1]):
        # Evidence spans index their own side's text: show the curator the sentences they cover.
        ev = row.pop("evidence")
        side_text = (p.get("text") or "") if row["type"] == "RECORD_FP" else g_text
        row["sentence"] = " … ".join(
            sentence_at(side_text, e["start"], e["end"])
            for e in ev[:2]
            if isinstance(e, dict)
            and isinstance(e.get("start"), int)
            and isinstance(e.get("end"), int)
        )
        tally.errors.append({"doc_id": doc_id, **row})


def _carry_over(
    meta: dict[str, Any], doc_id: str, g_text: str, p_text: str, g_ents: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    """The gold mentions moved onto the prediction's different text, or None (and the reason
    in ``meta``) when too few of them can be found there."""
    if not p_text:
        meta["not_comparable"].append({"doc_id": doc_id, "reason": "prediction carries no text"})
        return None
    al = align_entities(g_text, p_text, g_ents)
    if al.share < MIN_MAPPED_SHARE:
        meta["not_comparable"].append(
            {
                "doc_id": doc_id,
                "reason": f"texts differ and only {len(al.entities)} of "
                f"{len(g_ents)} gold mentions were found in the prediction's text "
                f"(need {MIN_MAPPED_SHARE:.0%})",
            }
        )
        return None
    meta["remapped"].append(
        {"doc_id": doc_id, "mapped": len(al.entities), "unmapped": len(al.unmapped)}
    )
    # Mentions the rendering lost stay gold: parked past the end of the text, where
    # nothing can match them, so they count as misses.
    parked = [
        {
            **e,
            "start": len(p_text) + 2 + 3 * k,
            "end": len(p_text) + 3 + 3 * k,
            "unmapped": True,
            "gold_start": e["start"],
            "gold_end": e["end"],
        }
        for k, e in enumerate(al.unmapped)
    ]
    return [*al.entities, *parked]


def score_documents(gold: Sequence[DocLike], pred: Sequence[DocLike]) -> dict[str, Any]:
    """The metrics dict (stable keys, README "Evaluation") for ``pred`` against ``gold``."""
    return evaluate_documents(gold, pred).metrics
