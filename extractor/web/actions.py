"""Curator actions (accept, reject, relabel, re-span, add, edit a field) turned into store changes.

Pure functions of the current ``DocState``: they decide what the new state of one target is
and leave versioning, conflicts and persistence to ``EventStore.apply``.
"""

from __future__ import annotations

import secrets
from typing import Any

from extractor.gold.check import check_norm_shape, check_record
from extractor.types import LABELS
from extractor.web.events import Change, DocState, Invalid, NotFound
from extractor.web.fields import EDITABLE_FIELDS, FieldError, parse_dose_norm, parse_field

ENTITY_ACTIONS = ("accept", "reject", "relabel", "respan", "norm")
RECORD_STATUS = {"accept": "accepted", "reject": "rejected", "reset": "pending"}


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the blanks a mouse selection drags along; offsets must still cover a word."""
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        raise Invalid(f"span [{start}, {end}) is not inside the text (length {len(text)})")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise Invalid("the selected span holds only blanks")
    return start, end


def default_norm(label: str, span_text: str) -> str | list[dict[str, Any]]:
    """A first norm for a curator-made span: the words as written, or for DOSE the parsed value
    when the span reads as ``LOW[–HIGH] UNIT`` (else an empty list the curator fills in)."""
    if label == "DOSE":
        try:
            return parse_dose_norm(span_text)
        except FieldError:
            return []
    return span_text


def _check_label(label: Any) -> str:
    if label not in LABELS:
        raise Invalid(f"label must be one of {', '.join(LABELS)}; got {label!r}")
    return str(label)


def _parse_norm(label: str, raw: Any) -> str | list[dict[str, Any]]:
    if not isinstance(raw, str):
        raise Invalid("norm must be text")
    try:
        if label == "DOSE":
            return parse_dose_norm(raw)
    except FieldError as err:
        raise Invalid(str(err)) from err
    norm = raw.strip()
    if not norm or len(norm) > 200:
        raise Invalid("norm must be 1-200 characters")
    if why := check_norm_shape(label, norm):  # the same rule as `extractor gold check`
        raise Invalid(why)
    return norm


def _corrected_status(ent: dict[str, Any]) -> str:
    # a curator's correction confirms the entity, except one whose norm is still to be set
    # (a relabelled entity, a DOSE whose value is unknown): it stays pending (out of a
    # --confirmed-only export) until the curator types the norm
    return "accepted" if ent.get("norm") else "pending"


def entity_change(st: DocState, eid: str, action: str, version: int, **kw: Any) -> Change:
    """The change one entity action makes; any correction also marks the entity accepted."""
    target = f"entity:{eid}"
    cur = st.states.get(target)
    if cur is None:
        raise NotFound(f"no entity {eid!r} in {st.doc_id!r}")
    new = dict(cur)
    if action == "accept":
        if cur["label"] == "DOSE" and not cur.get("norm"):
            raise Invalid("a DOSE needs its value before it can be accepted: press n and type it")
        if not cur.get("norm"):
            raise Invalid(f"set the {cur['label']} norm before accepting: press n and type it")
        new["status"] = "accepted"
    elif action == "reject":
        new["status"] = "rejected"
    elif action in ("relabel", "respan"):
        label = _check_label(kw.get("label", cur["label"]))
        if action == "respan":
            new["start"], new["end"] = trim_span(st.text, kw.get("start"), kw.get("end"))
            new["text"] = st.text[new["start"] : new["end"]]
        if label != cur["label"]:
            # the old norm names a thing of the old label (TNF-α is no VESICLE): cleared and
            # to be set, unless the request gives it; a DOSE's value is read from its text
            given = kw.get("norm")
            new["norm"] = (
                _parse_norm(label, given)
                if given not in (None, "")
                else default_norm(label, new["text"])
                if label == "DOSE"
                else ""
            )
            new.pop("id", None)  # an ontology id of the old label no longer applies
        elif label == "DOSE" and new["text"] != cur["text"]:
            new["norm"] = default_norm(label, new["text"])
        new["label"] = label
        new["status"] = _corrected_status(new)
    elif action == "norm":
        new["norm"] = _parse_norm(cur["label"], kw.get("norm"))
        new.pop("id", None)
        new["status"] = _corrected_status(new)
    else:
        raise Invalid(f"unknown entity action {action!r}; one of {', '.join(ENTITY_ACTIONS)}")
    return Change(target, action, new, version)


def add_entity_change(st: DocState, start: Any, end: Any, label: Any) -> tuple[str, Change]:
    """A new curator span, accepted from the start; returns its new id and the change."""
    label = _check_label(label)
    s, e = trim_span(st.text, start, end)
    eid = "n" + secrets.token_hex(4)
    ent: dict[str, Any] = {
        "start": s,
        "end": e,
        "label": label,
        "text": st.text[s:e],
        "norm": default_norm(label, st.text[s:e]),
    }
    ent["status"] = _corrected_status(ent)
    return eid, Change(f"entity:{eid}", "add", ent, 0)


def field_change(st: DocState, rid: str, name: str, raw: Any, version: int) -> Change:
    """A typed record field, parsed and validated against the SCHEMA vocabulary."""
    if f"record:{rid}:_status" not in st.states:
        raise NotFound(f"no record {rid!r} in {st.doc_id!r}")
    if name not in EDITABLE_FIELDS:
        raise Invalid(f"field {name!r} cannot be edited")
    target = f"record:{rid}:{name}"
    try:
        value = parse_field(name, raw, st.states.get(target))
    except FieldError as err:
        raise Invalid(str(err)) from err
    return Change(target, "edit", value, version)


def record_status_change(st: DocState, rid: str, action: str, version: int) -> Change:
    if action not in RECORD_STATUS:
        raise Invalid(f"unknown record action {action!r}; one of {', '.join(RECORD_STATUS)}")
    target = f"record:{rid}:_status"
    if target not in st.states:
        raise NotFound(f"no record {rid!r} in {st.doc_id!r}")
    if action == "accept":
        # a confirmed record is gold: it must pass the same checks as `extractor gold check`
        rec = {k: v for k, v in st.record(rid).items() if not k.startswith("_")}
        rec.setdefault("evidence", [])
        problems = check_record(st.text, rec, 0)
        if problems:
            shown = "; ".join(p.split(": ", 1)[-1] for p in problems[:3])
            raise Invalid(f"cannot accept {rec.get('study_id') or rid} yet: {shown}")
    return Change(target, action, RECORD_STATUS[action], version)
