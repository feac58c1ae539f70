"""Check output lines against the JSON Schema and against their own text.

A JSON Schema can say that ``start`` is an integer; it cannot say that ``text[start:end]`` is
the entity's text, or that a record's cytokine is one the document mentions. Those checks are
here, after the schema, so that ``extractor validate``, ``extractor gold check`` and the tests
share one definition of a valid line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from extractor.schema import document_schema

MAX_SCHEMA_MESSAGES = 20  # per line: a wholly wrong line should not flood the terminal


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: the file, its 1-based JSONL line (0 = the file as a whole) and what is wrong."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class UnreadableFile(OSError):
    """The file cannot be opened or decoded at all."""


@cache
def _validator() -> Draft202012Validator:
    schema = document_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _where(error: ValidationError) -> str:
    """``records[3].doses[0]`` rather than jsonschema's deque of path parts."""
    out = ""
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "line"


def _message(error: ValidationError) -> str:
    # oneOf/anyOf failures say "is not valid under any of the given schemas"; the best
    # matching branch says what is actually wrong.
    if error.context:
        error = min(error.context, key=lambda e: (len(e.absolute_path) * -1, str(e.message)))
    return f"{_where(error)}: {error.message}"


def schema_problems(obj: Any) -> list[str]:
    """What the JSON Schema finds wrong with one parsed line (empty when it conforms)."""
    errors = sorted(_validator().iter_errors(obj), key=lambda e: list(map(str, e.absolute_path)))
    msgs = list(dict.fromkeys(_message(e) for e in errors))
    if len(msgs) > MAX_SCHEMA_MESSAGES:
        msgs = [*msgs[:MAX_SCHEMA_MESSAGES], f"... and {len(msgs) - MAX_SCHEMA_MESSAGES} more"]
    return msgs


def _fold(s: str) -> str:
    """Case and micro-sign insensitive key: records and entities spell norms the same way."""
    return s.replace("μ", "µ").casefold()


def _span_ok(text: str, item: Any) -> bool:
    start, end = item.get("start"), item.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def offset_problems(obj: dict[str, Any]) -> list[str]:
    """Entity and evidence spans inside ``text``; each entity's ``text`` equal to its slice."""
    text = obj.get("text")
    if not isinstance(text, str):
        return []
    out: list[str] = []
    for i, e in enumerate(obj.get("entities") or []):
        if not isinstance(e, dict):
            continue
        if not _span_ok(text, e):
            out.append(
                f"entities[{i}]: span {e.get('start')!r}..{e.get('end')!r} is not inside the "
                f"text (length {len(text)})"
            )
        elif text[e["start"] : e["end"]] != e.get("text"):
            got = text[e["start"] : e["end"]]
            out.append(
                f"entities[{i}]: text {e.get('text')!r} != text[{e['start']}:{e['end']}] {got!r}"
            )
    for i, r in enumerate(obj.get("records") or []):
        if not isinstance(r, dict):
            continue
        for j, ev in enumerate(r.get("evidence") or []):
            if isinstance(ev, dict) and not _span_ok(text, ev):
                out.append(
                    f"records[{i}].evidence[{j}]: span {ev.get('start')!r}..{ev.get('end')!r} "
                    f"is not inside the text (length {len(text)})"
                )
    return out


def _dose_key(d: Any) -> tuple[float, float, str | None] | None:
    if not isinstance(d, dict):
        return None
    try:
        lo, hi = float(d["low"]), float(d["high"])
    except (KeyError, TypeError, ValueError):
        return None
    unit = d.get("unit")
    return (round(lo, 6), round(hi, 6), _fold(unit) if isinstance(unit, str) else None)


def citation_problems(obj: dict[str, Any]) -> list[str]:
    """Record items that name an entity of the document must name one that exists.

    A record's cells, cytokines, outcome measures and doses are read from the document's
    mentions; one the document never mentions is an invented value or a norm spelled two
    ways. A cell may also be the parent cell named inside a vesicle's norm (``ADMSC`` of
    ``ADMSC-exosome``). A label the line has no mention of at all is not checked (a
    records-only line), nor is a line exported with only what curators confirmed
    (``meta.curation.confirmed_only``), whose mentions are partial by design.
    """
    meta = obj.get("meta")
    curation = meta.get("curation") if isinstance(meta, dict) else None
    if isinstance(curation, dict) and curation.get("confirmed_only"):
        return []
    norms: dict[str, set[str]] = {label: set() for label in ("CELL", "CYTOKINE", "OUTCOME_SCORE")}
    vesicles: list[str] = []
    doses: set[tuple[float, float, str | None]] = set()
    labels: set[str] = set()
    for e in obj.get("entities") or []:
        if not isinstance(e, dict):
            continue
        norm, label = e.get("norm"), e.get("label")
        labels.add(str(label))
        if label in norms and isinstance(norm, str):
            norms[label].add(_fold(norm))
        elif label == "VESICLE" and isinstance(norm, str):
            vesicles.append(_fold(norm))
        elif label == "DOSE" and isinstance(norm, list):
            doses.update(k for k in map(_dose_key, norm) if k is not None)

    def named(label: str, name: Any) -> bool:
        if label not in labels or not isinstance(name, str):
            return True
        key = _fold(name)
        if key in norms[label]:
            return True
        return label == "CELL" and any(v.startswith(key + "-") for v in vesicles)

    out: list[str] = []
    for i, r in enumerate(obj.get("records") or []):
        if not isinstance(r, dict):
            continue
        where = f"records[{i}] ({r.get('study_id', '?')})"
        for c in r.get("cells") or []:
            if not named("CELL", c):
                out.append(f"{where}: cell {c!r} is no CELL entity's norm (nor a vesicle's parent)")
        for c in r.get("cytokines") or []:
            name = c.get("name") if isinstance(c, dict) else None
            if not named("CYTOKINE", name):
                out.append(f"{where}: cytokine {name!r} is no CYTOKINE entity's norm")
        for o in r.get("outcomes") or []:
            measure = o.get("measure") if isinstance(o, dict) else None
            if not named("OUTCOME_SCORE", measure):
                out.append(f"{where}: outcome {measure!r} is no OUTCOME_SCORE entity's norm")
        for d in r.get("doses") or []:
            key = _dose_key(d)
            if "DOSE" in labels and key is not None and key not in doses:
                out.append(f"{where}: dose {d.get('text')!r} matches no DOSE entity's value")
    return out


def line_problems(obj: Any) -> list[str]:
    """Everything wrong with one parsed output line: schema first, then the text checks."""
    found = schema_problems(obj)
    if isinstance(obj, dict):
        found.extend(offset_problems(obj))
        found.extend(citation_problems(obj))
    return found


def validate_lines(
    lines: Iterable[str], name: str, check: Callable[[Any], list[str]] = line_problems
) -> Iterator[Problem]:
    """Problems of every non-blank line, found by ``check`` (the output contract unless another
    checker is given); a file with no line at all is a problem too."""
    seen = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(name, lineno, f"not valid JSON ({err.msg}, column {err.colno})")
            continue
        for message in check(obj):
            yield Problem(name, lineno, message)
    if not seen:
        yield Problem(name, 0, "no output lines in this file")


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem in one JSONL file; raises ``UnreadableFile`` when it cannot be read."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise UnreadableFile(f"{name}: cannot read ({reason})") from err
    return list(validate_lines(text.splitlines(), name))
