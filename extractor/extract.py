"""One input in, one SCHEMA §5 result out: ingest -> pipeline -> entities -> records.

This is the glue every front end (``extract``, ``batch``, the bench) shares, so a document
is processed the same way whichever command reads it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError
from extractor.types import (
    RECORD_LIST_FIELDS,
    RECORD_SCALAR_FIELDS,
    Document,
    DocumentResult,
)

if TYPE_CHECKING:
    from spacy.language import Language


class PipelineUnavailable(Exception):
    """The entity pipeline could not be loaded: every document would fail the same way, so a
    run stops with one line instead of one error per input."""


class LazyPipeline:
    """The entity pipeline, loaded when the first document that passed the cheap checks (it
    exists, it is readable, it is under ``--max-chars``) needs it: an input refused before
    the pipeline costs no load (~3 s)."""

    def __init__(self, load: Callable[[], Language | None]) -> None:
        self._load = load
        self._loaded = False
        self._nlp: Language | None = None

    def get(self) -> Language | None:
        if not self._loaded:
            try:
                self._nlp = self._load()
            except Exception as err:  # missing model files, a broken config: one clear line
                raise PipelineUnavailable(str(err)) from err
            self._loaded = True
        return self._nlp


def process_document(document: Document, nlp: Language | None) -> DocumentResult:
    """Run the entity pipeline and the record assembler over an ingested document.

    ``nlp=None`` skips entity recognition (records are still assembled from the text cues and
    the dose parser); it exists for callers that only want records. With a pipeline, the
    record stage takes its doses from the pipeline's DOSE mentions and never parses them again.
    """
    from extractor.bibliography import read_bibliography
    from extractor.records import assemble

    bibliography = read_bibliography(document)
    entities: tuple[Any, ...] = ()
    if nlp is not None:
        entities = tuple(find_entities(document, nlp))
    records = tuple(assemble(document, list(entities), bibliography, from_pipeline=nlp is not None))
    return DocumentResult(
        doc_id=document.doc_id,
        source=document.source,
        text=document.text,
        entities=entities,
        records=records,
        meta={"format": document.format},
        bibliography=bibliography,
    )


def find_entities(document: Document, nlp: Language) -> list[Any]:
    """The entity pipeline over the whole text; a text longer than ``nlp.max_length`` (spaCy's
    limit, 1,000,000 characters) goes through in section- or paragraph-aligned chunks whose
    entities are shifted back to offsets in the whole text."""
    from extractor.mentions import from_doc
    from extractor.pipeline import body_end, to_doc

    if len(document.text) <= nlp.max_length:
        return from_doc(nlp(to_doc(nlp, document)))
    limit = nlp.max_length
    preamble = _definitions_preamble(document, chunk_bounds(document, limit), nlp)
    if len(preamble) > limit // 2:  # thousands of definitions: the first ones, in half a chunk
        preamble = preamble[: preamble.rfind("\n", 0, limit // 2) + 1] + "\n"
    bounds = chunk_bounds(document, limit - len(preamble))
    out: list[Any] = []
    whole_end = body_end(document)  # where the reference list starts, in the whole text
    for start, end in bounds:
        part = _slice(document, start, end, preamble)
        shift = start - len(preamble)
        doc = to_doc(nlp, part)
        doc._.body_end = None if whole_end is None else max(len(preamble), whole_end - shift)
        for ent in from_doc(nlp(doc)):
            if ent.start >= len(preamble):
                out.append(replace(ent, start=ent.start + shift, end=ent.end + shift))
    return out


def _definitions_preamble(document: Document, bounds: list[tuple[int, int]], nlp: Language) -> str:
    """The document's abbreviation definitions, written out to go before every chunk.

    An abbreviation defined once ("transforming growth factor-beta-induced fibroblasts
    (Tβ-Fb)") names its short form everywhere in a document, before and after; a chunk sees
    only its own text, so each chunk is read after these lines (and its entities in them
    dropped): a definition in scispaCy's "long (short)" form, glossary entries as a glossary.
    """
    from extractor.pipeline.abbrev import abbreviation_pairs
    from extractor.pipeline.regions import glossary_pairs

    detector = dict(nlp.pipeline).get("abbreviation_detector")
    pairs: dict[tuple[str, str], None] = {}
    glossary: dict[tuple[str, str], None] = {}
    for start, end in bounds:
        text = document.text[start:end]
        if detector is not None:
            for short, long_form in abbreviation_pairs(detector(nlp.make_doc(text))):
                pairs.setdefault((long_form.text, short.text))
        for ss, se, ls, le in glossary_pairs(text):
            glossary.setdefault((text[ss:se], text[ls:le]))
    lines = [f"{long_form} ({short})." for long_form, short in pairs]
    if len(glossary) >= 3:
        lines.append("; ".join(f"{short}, {long_form}" for short, long_form in glossary) + ".")
    return "\n".join(lines) + "\n\n" if lines else ""


def chunk_bounds(document: Document, limit: int) -> list[tuple[int, int]]:
    """[start, end) pieces of at most ``limit`` characters covering the text, cut at the last
    section start, else paragraph break, else line break, else sentence end, else blank in
    the second half of each window (a cut never splits a word, so never an entity)."""
    text, n = document.text, len(document.text)
    heads = sorted({s.start for s in document.sections})
    bounds, pos = [], 0
    while n - pos > limit:
        lo, hi = pos + limit // 2, pos + limit
        i = bisect.bisect_right(heads, hi) - 1
        cut = heads[i] if i >= 0 and heads[i] > lo else -1
        for sep in ("\n\n", "\n", ". ", " "):
            if cut > lo:
                break
            j = text.rfind(sep, lo, hi)
            cut = j + len(sep) if j >= 0 else -1
        if cut <= lo:
            cut = hi
        bounds.append((pos, cut))
        pos = cut
    bounds.append((pos, n))
    return bounds


def _slice(document: Document, start: int, end: int, preamble: str = "") -> Document:
    """The part ``[start, end)`` as a document of its own, after ``preamble``: sections
    clipped to it and references inside it, offsets moved to match."""
    shift = len(preamble) - start
    sections = tuple(
        replace(s, start=max(s.start, start) + shift, end=min(s.end, end) + shift)
        for s in document.sections
        if s.start < end and s.end > start
    )
    references = tuple(
        replace(r, start=r.start + shift, end=r.end + shift)
        for r in document.references
        if start <= r.start and r.end <= end
    )
    return replace(
        document,
        text=preamble + document.text[start:end],
        sections=sections,
        references=references,
        tables=(),
        pages=(),
    )


def assign_doc_ids(paths: Sequence[str | Path], root: str | Path | None = None) -> list[str]:
    """One ``doc_id`` per input of a run, unique within the run (docs/batch.md, "doc_id").

    The rule: the file stem (``fimmu-2025-1617157``); inputs whose stems collide take their
    file name instead (``fimmu-2025-1617157.pdf``, the same paper as text, PDF and JATS);
    inputs whose file names collide too take their path, relative to ``root`` when given (the
    batch's input folder) or as given, with ``/`` separators; the same path given twice gets
    ``#2``, ``#3``. The id depends only on the run's set of inputs, so a rerun gives the same ids.
    """
    ps = [Path(p) for p in paths]

    def rel(p: Path) -> str:
        if root is not None:
            try:
                return p.relative_to(root).as_posix()
            except ValueError:
                pass
        return p.as_posix()

    stems = Counter(p.stem for p in ps)
    names = Counter(p.name for p in ps)
    ids = [p.stem if stems[p.stem] == 1 else p.name if names[p.name] == 1 else rel(p) for p in ps]
    seen: Counter[str] = Counter()
    out = []
    for doc_id in ids:
        seen[doc_id] += 1
        out.append(doc_id if seen[doc_id] == 1 else f"{doc_id}#{seen[doc_id]}")
    return out


def error_result(path: str | Path, message: str, doc_id: str | None = None) -> DocumentResult:
    """The SCHEMA §5 line of an input that could not be processed."""
    return DocumentResult(
        doc_id=doc_id or Path(path).stem, source=str(path), text="", error=message
    )


# Characters of document text one input may have (--max-chars): ten million is about two
# hundred papers' worth, far beyond any one paper, and bounds the time one input can take
# (docs/batch.md, "Large inputs", gives the measured seconds per MB).
DEFAULT_MAX_CHARS = 10_000_000


def too_large(path: str | Path, chars: int, max_chars: int) -> str:
    """The one-line error of an input over the size limit."""
    return (
        f"{path}: {chars:,} characters, more than --max-chars {max_chars:,} "
        "(raise --max-chars to process it)"
    )


def _text_chars(path: Path, max_chars: int) -> int | None:
    """Characters of a plain-text input when it may exceed ``max_chars``, read before any
    ingestion (a UTF-8 file has at least as many bytes as characters)."""
    from extractor.ingest import format_of

    try:
        if format_of(path) != "text" or path.stat().st_size <= max_chars:
            return None
        return len(path.read_bytes().decode("utf-8", errors="replace"))
    except (ExtractorError, OSError):
        return None  # the reader reports what is wrong with it


def process_path(
    path: str | Path,
    nlp: Language | LazyPipeline | None,
    doc_id: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> DocumentResult:
    """Like ``process_document`` but from a path; a file that cannot be read, or whose text
    has more than ``max_chars`` characters, gets ``error`` set.

    ``doc_id`` defaults to the file stem; a run over several inputs passes the one
    ``assign_doc_ids`` gave it. The size is checked before any expensive work: a text file
    before ingestion, a PDF or JATS file before the pipeline.
    """
    from extractor.ingest import read_document

    p = Path(path)
    chars = _text_chars(p, max_chars)
    if chars is not None and chars > max_chars:
        return error_result(path, too_large(path, chars, max_chars), doc_id)
    try:
        document = read_document(p, doc_id)
    except ExtractorError as err:
        return error_result(path, str(err), doc_id)
    if len(document.text) > max_chars:
        return error_result(path, too_large(path, len(document.text), max_chars), doc_id)
    return process_document(document, nlp.get() if isinstance(nlp, LazyPipeline) else nlp)


def process_paths(
    paths: Iterable[str | Path],
    nlp: Language | LazyPipeline | None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[DocumentResult]:
    """One result per path, in order, with ``doc_id``s by ``assign_doc_ids``. A failure in one
    document never stops the others: anything raised while processing it becomes that
    document's one-line ``error``."""
    paths = list(paths)
    for path, doc_id in zip(paths, assign_doc_ids(paths), strict=True):
        try:
            yield process_path(path, nlp, doc_id, max_chars)
        except PipelineUnavailable:
            raise
        except ExtractorError as err:
            yield error_result(path, str(err), doc_id)
        except Exception as err:  # a bug in one stage must not lose the rest of the batch
            msg = " ".join(str(err).split()) or type(err).__name__
            yield error_result(path, f"{path}: {type(err).__name__}: {msg}", doc_id)


# --------------------------------------------------------------------------- flat sheet
# The one records.csv writer: `extract --csv` and `batch` both write it (docs/batch.md,
# "records.csv"). It reads SCHEMA §5 dicts, so a batch can rebuild it from its journal.

CSV_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source",
    *RECORD_SCALAR_FIELDS,
    "doses",
    "dose_low",
    "dose_high",
    "dose_unit",
    *(f for f in RECORD_LIST_FIELDS if f != "doses"),
    "conflicts",
    "min_confidence",
    "least_certain_field",
)
INT_COLUMNS = ("year", "ref", "sample_size")
FLOAT_COLUMNS = ("dose_low", "dose_high", "min_confidence")


def _num(x: Any) -> str:
    return "?" if x is None else f"{x:g}"


def _dose_text(d: dict[str, Any]) -> str:
    """The paper's words for a dose; its parsed value only when the text is missing."""
    if d.get("text"):
        return str(d["text"])
    low, high, unit = d.get("low"), d.get("high"), d.get("unit")
    value = _num(low) if low == high else f"{_num(low)}–{_num(high)}"
    return f"{value} {unit}" if unit else value


def record_row(doc: dict[str, Any], rec: dict[str, Any]) -> dict[str, Any]:
    """One spreadsheet row of a record (both SCHEMA §5 dicts): list fields joined with "; "
    in words a reader can scan; the first dose also as numbers (all doses stay in the JSON)."""
    doses = [d for d in rec.get("doses") or [] if isinstance(d, dict)]
    first = doses[0] if doses else {}
    conf = rec.get("confidence") if isinstance(rec.get("confidence"), dict) else {}
    least = min(conf.items(), key=lambda kv: kv[1]) if conf else None
    row: dict[str, Any] = {"doc_id": doc.get("doc_id"), "source": doc.get("source")}
    row.update({key: rec.get(key) for key in RECORD_SCALAR_FIELDS})
    row.update(
        {
            "doses": "; ".join(_dose_text(d) for d in doses),
            "dose_low": first.get("low"),
            "dose_high": first.get("high"),
            "dose_unit": first.get("unit"),
            "routes": "; ".join(rec.get("routes") or []),
            "outcomes": "; ".join(
                o["measure"]
                if o.get("baseline") is None and o.get("final") is None
                else f"{o['measure']} {_num(o.get('baseline'))} → {_num(o.get('final'))}"
                for o in rec.get("outcomes") or []
            ),
            "cytokines": "; ".join(
                c["name"] if not c.get("direction") else f"{c['name']} {c['direction']}"
                for c in rec.get("cytokines") or []
            ),
            "cells": "; ".join(rec.get("cells") or []),
            "conflicts": "; ".join(
                f"{c['field']}: " + " vs ".join(str(v) for v in c.get("values") or [])
                for c in rec.get("conflicts") or []
            ),
            "min_confidence": least[1] if least else None,
            "least_certain_field": least[0] if least else None,
        }
    )
    return row


def records_frame(docs: Iterable[dict[str, Any] | DocumentResult]) -> Any:
    """A pandas DataFrame with one row per record (columns ``CSV_COLUMNS``), typed so that it
    writes integers as integers and reads back with the same dtypes."""
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for doc in docs:
        d = doc.to_dict() if isinstance(doc, DocumentResult) else doc
        rows.extend(record_row(d, rec) for rec in d.get("records") or [])
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    # nullable integers, so a missing year prints empty and not as 2016.0
    frame = frame.astype({c: "Int64" for c in INT_COLUMNS})
    return frame.astype({c: "float64" for c in FLOAT_COLUMNS})


def write_records_csv(path: str | Path, docs: Iterable[dict[str, Any] | DocumentResult]) -> int:
    """Write records.csv atomically; returns the number of rows."""
    from extractor.io import atomic_open

    frame = records_frame(docs)
    with atomic_open(path, newline="") as fh:
        frame.to_csv(fh, index=False)
    return len(frame)
