"""Validate gold files against SCHEMA v1 and the gold guidelines.

A gold file that is subtly wrong (a span off by one, an unknown label, a sample size given as
"8") silently corrupts every score computed against it, so the checks are strict and each
problem names the file and the JSONL line it sits on.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from extractor.schema.validate import Problem, line_problems
from extractor.types import DESIGNS, DIRECTIONS, DISEASES, INTERVENTIONS, LABELS, MODELS, ROUTES

RECORD_FIELDS = {
    "study_id": str,
    "first_author": str,
    "year": (int, type(None)),
    "ref": (int, type(None)),
    "doi": (str, type(None)),
    "disease": str,
    "intervention": str,
    "model": str,
    "design": str,
    "sample_size": (int, type(None)),
    "doses": list,
    "routes": list,
    "outcomes": list,
    "cytokines": list,
    "cells": list,
    "evidence": list,
}
VOCAB = {
    "intervention": INTERVENTIONS,
    "model": MODELS,
    "design": DESIGNS,
}
# SCHEMA §4 slug: surname words lower-cased and hyphenated, optional year, optional -b/-c suffix.
STUDY_ID = re.compile(r"^[a-z][a-z0-9']*(?:-[a-z][a-z0-9']*)*(?:-\d{4})?(?:-[b-z])?$")
# With no author named (first_author ""), SCHEMA gives no surname to slug; the records stage
# keys the study by the document's slug (a primary abstract: "ood-01") or by its citation
# number ("ref-21", "ref-21-2019"). README, Schema extensions.
AUTHORLESS_ID = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
# Fields an `accept` entry or a conflict may name: every record field except the id.
KNOWN_FIELDS = set(RECORD_FIELDS) - {"study_id", "evidence"}


@functools.cache
def _norm_shapes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(vesicle norm, cytokine family) patterns from the shipped shapes table."""
    table = resources.files("extractor.data").joinpath("norm_shapes.json")
    data = json.loads(table.read_text(encoding="utf-8"))
    types = "|".join(map(re.escape, data["vesicle_types"]["values"]))
    vesicle = re.compile(rf"^(?:\S(?:.*\S)?-)?(?:{types})$")  # a parent norm may hold spaces
    cytokine = re.compile("|".join(f"(?:{p})" for p in data["cytokine_families"]["patterns"]))
    return vesicle, cytokine


def check_norm_shape(label: str, norm: str) -> str | None:
    """Why a string ``norm`` cannot be a norm of ``label`` (None when it can).

    A VESICLE norm is a vesicle type, alone or after its parent cell (SCHEMA §2); a vesicle
    or cytokine-family norm under any other label is the mark of a relabelled entity that
    kept its old norm (a TNF relabelled as VESICLE)."""
    vesicle, cytokine = _norm_shapes()
    if label == "VESICLE":
        if not vesicle.match(norm):
            return f"VESICLE norm {norm!r} is not a vesicle type (exosome, EV, sEV, ApoV, ...)"
        return None
    if vesicle.match(norm):
        return f"{label} norm {norm!r} names a vesicle"
    if label != "CYTOKINE" and cytokine.search(norm):
        return f"{label} norm {norm!r} names a cytokine"
    return None


def _slugs(name: str) -> tuple[str, ...]:
    """SCHEMA §4 slugs of a surname: the toolkit's (stroke letters folded to ASCII,
    ``Sørensen`` -> ``sorensen``) and the plain one other annotators write (``s-rensen``)."""
    from extractor.records.citations import slug

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return (slug(name), re.sub(r"[^a-z0-9]+", "-", s).strip("-"))


def check_identity(r: dict[str, Any]) -> str | None:
    """A record with a first author must be keyed by it (SCHEMA §4: ``de-jesus-2016``), not by
    the document or file name; the year in the slug, when there, is the record's year."""
    author = r.get("first_author")
    if not author:
        return None
    sid = str(r.get("study_id", "")).replace("'", "-")
    slugs = _slugs(author)
    stems = "|".join(map(re.escape, slugs))
    m = re.fullmatch(rf"(?:{stems})(?:-(\d{{4}}))?(?:-[b-z])?", sid)
    if m is None:
        return (
            f"study_id {r.get('study_id')!r} is not built from first_author {author!r} "
            f"(expected {slugs[0]!r}, with -YEAR when known)"
        )
    if m.group(1) and _is_int(r.get("year")) and int(m.group(1)) != r["year"]:
        return f"study_id {r.get('study_id')!r} has another year than year {r['year']}"
    return None


class UnreadableGold(OSError):
    """The file cannot be opened or decoded at all (CLI exit code 2)."""


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _type_ok(value: Any, expected: Any) -> bool:
    types = expected if isinstance(expected, tuple) else (expected,)
    if int in types and isinstance(value, bool):
        return False
    return isinstance(value, types)


def check_dose(d: Any) -> list[str]:
    """Problems with one SCHEMA §3 dose object (empty list when valid)."""
    if not isinstance(d, dict):
        return [f"dose object must be an object, got {type(d).__name__}"]
    out = []
    for key in ("text", "low", "high", "unit"):
        if key not in d:
            out.append(f"dose object lacks {key!r}")
    if out:
        return out
    if not isinstance(d["text"], str) or not d["text"]:
        out.append("dose text must be a non-empty string")
    lo, hi = d["low"], d["high"]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lo, hi)):
        out.append(f"dose low/high must be numbers, got {lo!r}/{hi!r}")
    elif not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi or lo < 0:
        out.append(f"dose low/high must be finite with 0 <= low <= high, got {lo!r}/{hi!r}")
    unit = d["unit"]
    if unit is not None and (not isinstance(unit, str) or not unit):
        out.append(f"dose unit must be a non-empty string or null, got {unit!r}")
    elif isinstance(unit, str) and ("μ" in unit or unit.endswith("ml") or "/ml" in unit):
        # SCHEMA §3: units are normalised (micro sign, mL).
        out.append(f"dose unit {unit!r} is not normalised (µ U+00B5, mL)")
    return out


def check_entities(text: str, entities: Any) -> list[str]:
    if not isinstance(entities, list):
        return ["entities must be a list"]
    out: list[str] = []
    prev_end, prev_start = -1, -1
    for i, e in enumerate(entities):
        where = f"entity {i}"
        if not isinstance(e, dict):
            out.append(f"{where}: not an object")
            continue
        missing = [k for k in ("start", "end", "label", "text", "norm") if k not in e]
        if missing:
            out.append(f"{where}: missing {', '.join(missing)}")
            continue
        start, end = e["start"], e["end"]
        if not (_is_int(start) and _is_int(end)) or not 0 <= start < end <= len(text):
            out.append(f"{where}: offsets {start!r}..{end!r} outside the text (length {len(text)})")
            continue
        if text[start:end] != e["text"]:
            out.append(f"{where}: text {e['text']!r} != text[{start}:{end}] {text[start:end]!r}")
        elif e["text"] != e["text"].strip():
            out.append(f"{where}: span {e['text']!r} starts or ends with whitespace")
        if e["label"] not in LABELS:
            out.append(f"{where}: unknown label {e['label']!r}")
        norm = e["norm"]
        if e["label"] == "DOSE":
            if not isinstance(norm, list) or not norm:
                out.append(f"{where}: DOSE norm must be a non-empty list of dose objects")
            else:
                out.extend(f"{where}: {p}" for p in (q for d in norm for q in check_dose(d)))
        elif not isinstance(norm, str) or not norm.strip():
            out.append(f"{where}: norm must be a non-empty string")
        elif e["label"] in LABELS and (why := check_norm_shape(e["label"], norm)):
            out.append(f"{where}: {why}")
        if start < prev_start:
            out.append(f"{where}: entities not sorted by start")
        if start < prev_end:
            out.append(
                f"{where}: span {start}..{end} overlaps the previous span ending at {prev_end}"
            )
        prev_start, prev_end = start, max(prev_end, end)
    return out


def _check_spans(text: str, spans: Any, where: str) -> list[str]:
    if not isinstance(spans, list):
        return [f"{where}: evidence must be a list"]
    out = []
    for j, s in enumerate(spans):
        if not isinstance(s, dict) or not _is_int(s.get("start")) or not _is_int(s.get("end")):
            out.append(f"{where}: evidence {j} needs integer start and end")
        elif not 0 <= s["start"] < s["end"] <= len(text):
            out.append(f"{where}: evidence {j} {s['start']}..{s['end']} outside the text")
    return out


def check_record(text: str, r: Any, i: int) -> list[str]:
    """Problems with record ``i`` of a gold document: field types first (nothing else is
    checked while one is wrong), then values, vocabularies, evidence, conflicts, accept."""
    if not isinstance(r, dict):
        return [f"record {i}: not an object"]
    where = f"record {i} ({r.get('study_id', '?')})"
    out: list[str] = []
    for name, typ in RECORD_FIELDS.items():
        if name not in r:
            out.append(f"{where}: missing field {name!r}")
        elif not _type_ok(r[name], typ):
            out.append(f"{where}: {name} has type {type(r[name]).__name__}")
    if out:
        return out
    found = [*_identity_problems(r), *_vocabulary_problems(r), *_item_problems(r)]
    out = [f"{where}: {p}" for p in found]
    out.extend(_check_spans(text, r["evidence"], where))
    out.extend(f"{where}: {p}" for p in [*_conflict_problems(r), *_accept_problems(r)])
    return out


def _identity_problems(r: dict[str, Any]) -> list[str]:
    out = []
    authorless = not r["first_author"] and AUTHORLESS_ID.match(r["study_id"])
    if not STUDY_ID.match(r["study_id"]) and not authorless:
        out.append(f"study_id {r['study_id']!r} is not a slug like 'de-jesus-2016'")
    if why := check_identity(r):
        out.append(why)
    if not r["evidence"]:
        out.append("evidence is empty (at least the table row or citing sentence)")
    return out


def _vocabulary_problems(r: dict[str, Any]) -> list[str]:
    out = []
    dis = r["disease"]
    if dis not in DISEASES and not (dis.startswith("other: ") and len(dis) > 7):
        out.append(f"disease {dis!r} not in the vocabulary (or 'other: <text>')")
    for name, vocab in VOCAB.items():
        if r[name] not in vocab:
            out.append(f"{name} {r[name]!r} not in {list(vocab)}")
    for route in r["routes"]:
        if route not in ROUTES:
            out.append(f"route {route!r} not in {list(ROUTES)}")
    return out


def _item_problems(r: dict[str, Any]) -> list[str]:
    """Doses, outcomes, cytokines and cells item by item; then year and sample size."""
    out = [p for d in r["doses"] for p in check_dose(d)]
    for o in r["outcomes"]:
        if not isinstance(o, dict) or not isinstance(o.get("measure"), str):
            out.append(f"outcome {o!r} needs a string measure")
            continue
        for k in ("baseline", "final"):
            v = o.get(k)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                out.append(f"outcome {o['measure']} {k} must be a number or null")
    for c in r["cytokines"]:
        if not isinstance(c, dict) or not isinstance(c.get("name"), str):
            out.append(f"cytokine {c!r} needs a string name")
        elif c.get("direction") not in DIRECTIONS:
            out.append(
                f"cytokine {c['name']} direction {c.get('direction')!r} not in {list(DIRECTIONS)}"
            )
    if not all(isinstance(c, str) and c for c in r["cells"]):
        out.append("cells must be non-empty strings")
    if r["year"] is not None and not 1800 <= r["year"] <= 2100:
        out.append(f"year {r['year']} implausible")
    if r["sample_size"] is not None and r["sample_size"] < 0:
        out.append("sample_size negative")
    return out


def _conflict_problems(r: dict[str, Any]) -> list[str]:
    out = []
    for c in r.get("conflicts", []) or []:
        if not isinstance(c, dict) or c.get("field") not in KNOWN_FIELDS:
            out.append(f"conflict {c!r} must name a record field")
        elif not isinstance(c.get("values"), list) or len(c["values"]) < 2:
            out.append(f"conflict on {c['field']} needs a list of at least two values")
    if "conflicts" in r and not isinstance(r["conflicts"], list):
        out.append("conflicts must be a list")
    return out


def _accept_problems(r: dict[str, Any]) -> list[str]:
    acc = r.get("accept")
    if acc is None:
        return []
    if not isinstance(acc, dict):
        return ["accept must be an object field -> [values]"]
    out = []
    for k, v in acc.items():
        if k not in KNOWN_FIELDS:
            out.append(f"accept names unknown field {k!r}")
        elif not isinstance(v, list) or not v:
            out.append(f"accept[{k!r}] must be a non-empty list")
    return out


def check_document(obj: Any) -> list[str]:
    """Problems with one SCHEMA §5 object (messages without file/line)."""
    if not isinstance(obj, dict):
        return ["line is not a JSON object"]
    out = []
    for key in ("schema", "doc_id", "source", "text", "entities", "records", "error"):
        if key not in obj:
            out.append(f"missing key {key!r}")
    if out:
        return out
    if obj["schema"] != "v1":
        out.append(f"schema {obj['schema']!r} != 'v1'")
    if not isinstance(obj["text"], str):
        return [*out, "text must be a string"]
    if obj["error"] is not None:
        out.append("gold documents must have error null")
    out.extend(check_entities(obj["text"], obj["entities"]))
    if not isinstance(obj["records"], list):
        out.append("records must be a list")
    else:
        ids = [r.get("study_id") for r in obj["records"] if isinstance(r, dict)]
        dup = sorted({x for x in ids if ids.count(x) > 1 and x is not None})
        if dup:
            out.append(f"duplicate study_id {', '.join(map(str, dup))}")
        for i, r in enumerate(obj["records"]):
            out.extend(check_record(obj["text"], r, i))
    if not out:  # the output contract itself, checked as `extractor validate` checks it
        out.extend(line_problems(obj))
    return out


def check_file(path: str | Path) -> list[Problem]:
    """Every problem in one gold JSONL file; raises UnreadableGold if it cannot be read."""
    name = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise UnreadableGold(f"{name}: cannot read ({err})") from err
    problems: list[Problem] = []
    seen = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(Problem(name, lineno, f"not valid JSON ({err.msg})"))
            continue
        problems.extend(Problem(name, lineno, m) for m in check_document(obj))
    if not seen:
        problems.append(Problem(name, 0, "file has no documents"))
    return problems


def default_files(root: str | Path) -> list[Path]:
    """Every *.jsonl under the gold folder, passes included, in a stable order."""
    return sorted(Path(root).rglob("*.jsonl"))


def check_files(paths: Iterable[str | Path]) -> list[Problem]:
    out: list[Problem] = []
    for p in paths:
        out.extend(check_file(p))
    return out
