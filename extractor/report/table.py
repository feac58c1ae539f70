"""The study table: one row per record, columns as a review's study-characteristics tables.

Two forms come out of the same rows: the page's table (display text, a sort key, the marks of
each value in the evidence sentences, flags for low confidence and conflicts) and the flat
sheet (``studies.csv`` / ``studies.xlsx``) with numbers in numeric columns for meta-analysis.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from extractor.report import evidence as ev
from extractor.report.load import Study
from extractor.types import Dose, Entity, StudyRecord

LOW_CONFIDENCE = 0.5  # a field the pipeline is less sure of than this is flagged
# (key, header); the key is the SCHEMA §4 field, "paper" is the document it came from.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("study_id", "Study"),
    ("first_author", "First author"),
    ("year", "Year"),
    ("ref", "Ref."),
    ("disease", "Disease"),
    ("intervention", "Intervention"),
    ("model", "Model"),
    ("design", "Design"),
    ("sample_size", "n"),
    ("cells", "Cells"),
    ("doses", "Dose"),
    ("routes", "Route"),
    ("outcomes", "Outcome scores (baseline → final)"),
    ("cytokines", "Cytokines"),
    ("doi", "DOI"),
    ("paper", "Paper"),
)
ARROW = {"down": "↓", "up": "↑", None: "·"}
TIMES, DASH = "\u00d7", "\u2013"  # multiplication sign, en dash
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    sort: float | str | None
    marks: tuple[ev.Mark, ...] = ()
    flag: str | None = None  # "conflict" | "low"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    study: Study
    cells: tuple[Cell, ...]
    sentences: tuple[ev.Sentence, ...]


# --------------------------------------------------------------------------- formatting


def fmt_number(x: float | None) -> str:
    """Readable number: 21.6, 9.0 -> 9, 5000000 -> 5 times 10 to the 6 (superscript)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if x != 0 and (abs(x) >= 1e5 or abs(x) < 1e-3):
        exp = math.floor(math.log10(abs(x)))
        mant = x / 10**exp
        return f"{mant:.3g}{TIMES}10{str(exp).translate(_SUPERSCRIPT)}"
    return f"{x:g}"


def fmt_dose(d: Dose) -> str:
    value = (
        fmt_number(d.low) if d.low == d.high else f"{fmt_number(d.low)}{DASH}{fmt_number(d.high)}"
    )
    return f"{value} {d.unit}" if d.unit else f"{value} (no unit)"


def fmt_outcome(measure: str, baseline: float | None, final: float | None) -> str:
    if baseline is None and final is None:
        return measure
    return f"{measure} {fmt_number(baseline) or '?'} → {fmt_number(final) or '?'}"


def display(field: str, rec: StudyRecord) -> str:
    """The text a reviewer reads in a field's cell (also what the floor test compares)."""
    value = getattr(rec, field)
    if field == "doses":
        return "; ".join(fmt_dose(d) for d in value)
    if field == "outcomes":
        return "; ".join(fmt_outcome(o.measure, o.baseline, o.final) for o in value)
    if field == "cytokines":
        return ", ".join(f"{c.name} {ARROW.get(c.direction, '·')}" for c in value)
    if field in ("cells", "routes"):
        return ", ".join(value)
    return "" if value is None else str(value)


def sort_key(field: str, rec: StudyRecord) -> float | str | None:
    value = getattr(rec, field)
    if field in ("year", "ref", "sample_size"):
        return value
    if field == "doses":
        return min((d.low for d in value), default=None)
    if not value:
        return None
    return display(field, rec).lower()


# --------------------------------------------------------------------------- evidence marks


@cache
def _number_words() -> dict[int, tuple[str, ...]]:
    from extractor.records.lexicon import json_table

    try:
        words = json_table("number_words.json").get("words", {})
    except Exception:
        return {}
    out: dict[int, list[str]] = {}
    for w, n in words.items():
        if isinstance(n, int) and len(w) > 2:
            out.setdefault(n, []).append(w)
    return {n: tuple(ws) for n, ws in out.items()}


def _regex_all(sents, regexes) -> list[ev.Mark]:
    return [m for rx in regexes for m in ev.regex_marks(sents, rx)]


@lru_cache(maxsize=8192)
def _ref_regex(ref: int) -> re.Pattern[str]:
    """A reference number as cited: inside brackets or a list, '(12)', '[3, 12]', '(12-14)'."""
    return re.compile(rf"(?<=[(\[,])\s*{ref}(?=\s*[)\],{DASH}-])")


def _scalar_marks(field: str, rec: StudyRecord, sents) -> list[ev.Mark]:
    value = getattr(rec, field)
    if value in (None, ""):
        return []
    if field == "year":
        return ev.regex_marks(sents, ev.number_regex(value))
    if field == "ref":
        return ev.regex_marks(sents, _ref_regex(value))
    if field == "sample_size":
        rxs = [ev.number_regex(value)] + [ev.word_regex(w) for w in _number_words().get(value, ())]
        return _regex_all(sents, rxs)
    if field in ("first_author", "doi"):
        return ev.regex_marks(sents, ev.word_regex(str(value)))
    return _regex_all(sents, ev.value_regexes(field, str(value)))


def _list_marks(field: str, rec: StudyRecord, sents, ents) -> list[ev.Mark]:
    labels = ev.ENTITY_LABELS.get(field, ())
    out: list[ev.Mark] = []
    if field == "cytokines":
        for c in rec.cytokines:
            found = ev.entity_marks(sents, ents, labels, lambda e, n=c.name: e.norm == n)
            out += found or ev.regex_marks(sents, ev.word_regex(c.name))
    elif field == "cells":
        for cell in rec.cells:
            found = ev.entity_marks(sents, ents, labels, _cell_match(cell))
            out += found or ev.regex_marks(sents, ev.word_regex(cell))
    elif field == "doses":
        for d in rec.doses:
            found = ev.entity_marks(sents, ents, labels, ev.dose_matches(d))
            out += found or (ev.regex_marks(sents, ev.word_regex(d.text)) if d.text else [])
    elif field == "outcomes":
        for o in rec.outcomes:
            named = ev.entity_marks(sents, ents, labels, lambda e, m=o.measure: e.norm == m)
            named = named or ev.regex_marks(sents, ev.word_regex(o.measure))
            out += named
            # a value is marked only where its score is named (not a page number elsewhere)
            where = {i for i, _, _ in named}
            for x in (o.baseline, o.final):
                if x is not None:
                    out += [m for m in ev.regex_marks(sents, ev.number_regex(x)) if m[0] in where]
    elif field == "routes":
        for r in rec.routes:
            out += _regex_all(sents, ev.value_regexes("routes", r))
    return out


def _cell_match(cell: str) -> Callable[[Any], bool]:
    def wanted(e: Any) -> bool:
        return isinstance(e.norm, str) and (e.norm == cell or e.norm.startswith(cell + "-"))

    return wanted


def marks(field: str, rec: StudyRecord, sents, ents) -> tuple[ev.Mark, ...]:
    """Where ``field``'s value sits in the sentences (``ents``: the entities inside them)."""
    if field in ("study_id", "paper"):
        return ()
    found = (
        _list_marks(field, rec, sents, ents)
        if isinstance(getattr(rec, field), tuple)
        else _scalar_marks(field, rec, sents)
    )
    return tuple(sorted(set(found)))


# --------------------------------------------------------------------------- rows


def _conflict_value(v: Any) -> str:
    return ", ".join(map(str, v)) if isinstance(v, list | tuple) else str(v)


def _conflict_value_list(values: tuple[Any, ...]) -> str:
    return " vs ".join(_conflict_value(v) for v in values)


def _flag(field: str, rec: StudyRecord) -> tuple[str | None, str]:
    for c in rec.conflicts:
        if c.field == field:
            return "conflict", f"the paper disagrees with itself: {_conflict_value_list(c.values)}"
    conf = rec.confidence.get(field)
    if isinstance(conf, int | float) and conf < LOW_CONFIDENCE:
        return "low", f"low confidence ({conf:.2f})"
    return None, ""


PAPER_CHARS = 90  # the paper column names the document; the sheet keeps the whole title


def paper_label(study: Study) -> str:
    bib = study.paper.bibliography
    parts = [study.paper.doc_id]
    if bib.title:
        parts.append(bib.title)
    if bib.journal:
        parts.append(bib.journal)
    label = " — ".join(parts)
    return label if len(label) <= PAPER_CHARS else label[: PAPER_CHARS - 1] + "…"


def build_row(study: Study, entities: tuple[Entity, ...]) -> Row:
    """One table row; ``entities`` are the paper's, sorted by start."""
    rec, sents = study.record, ev.sentences(study)
    ents = ev.entities_in(sents, entities)
    cells = []
    for field, _ in COLUMNS:
        if field == "paper":
            cells.append(Cell(paper_label(study), study.paper.doc_id.lower()))
            continue
        flag, note = _flag(field, rec)
        cells.append(
            Cell(
                display(field, rec),
                sort_key(field, rec),
                marks(field, rec, sents, ents),
                flag,
                note,
            )
        )
    return Row(study.key, study, tuple(cells), sents)


def build_rows(studies: tuple[Study, ...]) -> tuple[Row, ...]:
    by_paper: dict[int, tuple[Entity, ...]] = {}
    for s in studies:
        if id(s.paper) not in by_paper:
            by_paper[id(s.paper)] = tuple(sorted(s.paper.entities, key=lambda e: e.start))
    return tuple(build_row(s, by_paper[id(s.paper)]) for s in studies)


# --------------------------------------------------------------------------- flat sheet

SHEET_SCALARS = (
    "study_id", "first_author", "year", "ref", "doi", "disease", "intervention", "model",
    "design", "sample_size",
)  # fmt: skip


def dose_summary(doses: tuple[Dose, ...]) -> tuple[float | None, float | None, str | None]:
    """Lowest and highest dose in the first-reported unit (doses in other units stay in text)."""
    if not doses:
        return None, None, None
    unit = doses[0].unit
    same = [d for d in doses if d.unit == unit]
    return min(d.low for d in same), max(d.high for d in same), unit


def score_columns(studies: tuple[Study, ...]) -> list[tuple[str, int]]:
    """(measure, k) for every k-th report of a measure in one record, in first-seen order."""
    most: dict[str, int] = {}  # measure -> most reports in one record, first-seen order
    for s in studies:
        counts: dict[str, int] = {}
        for o in s.record.outcomes:
            counts[o.measure] = counts.get(o.measure, 0) + 1
            most[o.measure] = max(most.get(o.measure, 0), counts[o.measure])
    return [(m, k) for m, n in most.items() for k in range(1, n + 1)]


def _score_header(measure: str, k: int, part: str) -> str:
    return f"{measure} {part}" if k == 1 else f"{measure} #{k} {part}"


def sheet(studies: tuple[Study, ...]) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) of studies.csv/xlsx: numbers as numbers, lists as '; '-joined text."""
    scores = score_columns(studies)
    header = ["doc_id", *SHEET_SCALARS, "dose_low", "dose_high", "dose_unit", "doses", "routes",
              "cells", "cytokines_down", "cytokines_up", "cytokines_no_direction"]  # fmt: skip
    for m, k in scores:
        header += [_score_header(m, k, "baseline"), _score_header(m, k, "final")]
    header += ["conflicts", "paper_title", "journal", "source"]
    rows = []
    for s in studies:
        rec = s.record
        low, high, unit = dose_summary(rec.doses)
        row: list[Any] = [s.paper.doc_id, *(getattr(rec, f) for f in SHEET_SCALARS)]
        row += [low, high, unit, display("doses", rec), "; ".join(rec.routes), "; ".join(rec.cells)]
        for direction in ("down", "up", None):
            row.append("; ".join(c.name for c in rec.cytokines if c.direction == direction))
        got: dict[tuple[str, int], tuple[float | None, float | None]] = {}
        counts: dict[str, int] = {}
        for o in rec.outcomes:
            counts[o.measure] = counts.get(o.measure, 0) + 1
            got[(o.measure, counts[o.measure])] = (o.baseline, o.final)
        for key in scores:
            row += list(got.get(key, (None, None)))
        row.append("; ".join(f"{c.field}: {_conflict_value_list(c.values)}" for c in rec.conflicts))
        bib = s.paper.bibliography
        row += [bib.title, bib.journal, s.paper.source]
        rows.append(row)
    return header, rows


def outcome_rows(studies: tuple[Study, ...]) -> tuple[list[str], list[list[Any]]]:
    """Long form, one row per reported score: what a meta-analysis tool reads directly."""
    header = ["doc_id", "study_id", "measure", "baseline", "final", "change"]
    rows = []
    for s in studies:
        for o in s.record.outcomes:
            change = (
                o.final - o.baseline if o.final is not None and o.baseline is not None else None
            )
            rows.append([s.paper.doc_id, s.record.study_id, o.measure, o.baseline, o.final, change])
    return header, rows
