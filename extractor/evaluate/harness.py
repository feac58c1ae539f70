"""Load gold and predictions from disk, score each system, write metrics/errors/report files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.evaluate.scoring import Evaluation, evaluate_documents
from extractor.io import atomic_open, dumps_line


class EvaluationInputError(ValueError):
    """A gold or prediction file cannot be scored; ``str(err)`` is one line naming the file."""


def resolve_jsonl(path: Path) -> list[Path]:
    """A SCHEMA §5 file, or a directory: its ``documents.jsonl`` (a batch output folder), or
    else every ``*.jsonl`` directly inside it (the ``gold/`` folder)."""
    if path.is_file():
        return [path]
    if path.is_dir():
        if (path / "documents.jsonl").is_file():
            return [path / "documents.jsonl"]
        files = sorted(p for p in path.glob("*.jsonl") if p.is_file())
        if files:
            return files
        raise EvaluationInputError(f"{path}: directory holds no documents.jsonl and no *.jsonl")
    raise EvaluationInputError(f"{path}: no such file or directory")


def _check(doc: Any, where: str) -> None:
    if not isinstance(doc, dict):
        raise EvaluationInputError(f"{where}: expected a JSON object, got {type(doc).__name__}")
    if not isinstance(doc.get("doc_id"), str) or not doc["doc_id"]:
        raise EvaluationInputError(f"{where}: missing doc_id")
    for key in ("entities", "records"):
        if not isinstance(doc.get(key, []), list):
            raise EvaluationInputError(f"{where}: '{key}' must be a list")
    for i, r in enumerate(doc.get("records") or []):
        if not isinstance(r, dict):
            raise EvaluationInputError(f"{where}: record {i} is not a JSON object")
    for i, e in enumerate(doc.get("entities") or []):
        if not (
            isinstance(e, dict)
            and isinstance(e.get("start"), int)
            and isinstance(e.get("end"), int)
            and isinstance(e.get("label"), str)
        ):
            raise EvaluationInputError(
                f"{where}: entity {i} needs integer start/end and a string label"
            )


def load_documents(path: str | Path) -> list[dict[str, Any]]:
    """Every document line under ``path``, validated enough to be scored.

    Raises:
        EvaluationInputError: unreadable file, bad JSON, or a line missing what scoring needs.
    """
    docs: list[dict[str, Any]] = []
    for file in resolve_jsonl(Path(path)):
        try:
            lineno = 0
            with open(file, encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        doc = json.loads(line)
                    except json.JSONDecodeError as err:
                        raise EvaluationInputError(
                            f"{file}:{lineno}: not valid JSON ({err.msg})"
                        ) from err
                    _check(doc, f"{file}:{lineno}")
                    docs.append(doc)
        except (OSError, UnicodeDecodeError) as err:
            raise EvaluationInputError(f"{file}: cannot read ({err})") from err
    return docs


@dataclass(frozen=True, slots=True)
class SystemResult:
    """One scored prediction file."""

    name: str
    path: str
    evaluation: Evaluation


def display_name(path: Path) -> str:
    """A short column title: the folder for ``run/documents.jsonl``, else the file stem."""
    if path.is_dir() or path.name == "documents.jsonl":
        return (path if path.is_dir() else path.parent).resolve().name
    return path.stem


def evaluate_paths(gold: str | Path, preds: list[str | Path]) -> list[SystemResult]:
    """Score each prediction path against the gold path, in the order given."""
    gold_docs = load_documents(gold)
    results: list[SystemResult] = []
    seen: set[str] = set()
    for p in preds:
        for suffix, docs in split_by_format(load_documents(p)):
            base = display_name(Path(p)) + suffix
            name, k = base, 2
            while name in seen:  # two runs named alike still get two columns
                name, k = f"{base}#{k}", k + 1
            seen.add(name)
            try:
                ev = evaluate_documents(gold_docs, docs)
            except EvaluationInputError:
                raise
            except ValueError as err:  # duplicate doc_ids and the like
                raise EvaluationInputError(f"{p}: {err}") from err
            results.append(SystemResult(name, str(p), ev))
    return results


def split_by_format(docs: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """One file as one system, or as one system per input format when it must be.

    A batch over a corpus holding the same paper as text, PDF and JATS writes three lines
    for one paper (``doc_id`` ``x.txt``, ``x.pdf``, ``x.xml``: the stem plus the format when
    stems collide); scoring them together would be ambiguous, so each ``meta.format`` becomes
    its own column (``out[pdf]``), which is also the comparison a reader wants, and within a
    column each line is scored under its source's stem, the id the gold uses. Files without
    repeated ids or stems stay whole; repeats within one format stay an error.
    """
    ids = [d["doc_id"] for d in docs]
    stems = [Path(str(d.get("source") or d["doc_id"])).stem for d in docs]
    if len(set(ids)) == len(ids) and len(set(stems)) == len(stems):
        return [("", docs)]
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in docs:
        meta = d.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        groups.setdefault(str(meta.get("format") or "unknown"), []).append(d)
    if len(groups) == 1:
        return [("", docs)]  # the scorer names the repeated id
    return [(f"[{fmt}]", _by_stem(groups[fmt])) for fmt in sorted(groups)]


def _by_stem(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One format's lines keyed by their source's stem, where the ``doc_id`` is that source's
    file name or path (the collision rule) and the stem is unique in the group."""
    sources = [Path(str(d.get("source") or "")) for d in docs]
    stems = [s.stem for s in sources]
    out = []
    for d, src, stem in zip(docs, sources, stems, strict=True):
        named = d["doc_id"] == src.name or d["doc_id"].endswith("/" + src.name)
        out.append({**d, "doc_id": stem} if named and stems.count(stem) == 1 else d)
    return out


def metrics_document(gold: str | Path, results: list[SystemResult]) -> dict[str, Any]:
    """The content of metrics.json: per system, the whole metrics dict and its confusion."""
    return {
        "gold": str(gold),
        "systems": {
            r.name: {"path": r.path, **r.evaluation.metrics, "confusion": r.evaluation.confusion}
            for r in results
        },
    }


def write_outputs(out_dir: str | Path, gold: str | Path, results: list[SystemResult]) -> list[Path]:
    """metrics.json, errors.jsonl and report.html in ``out_dir``; returns the paths written."""
    from extractor.evaluate.report import render_html

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "metrics.json", out / "errors.jsonl", out / "report.html"]
    with atomic_open(paths[0]) as fh:
        json.dump(metrics_document(gold, results), fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    with atomic_open(paths[1]) as fh:
        for r in results:
            for row in r.evaluation.errors:
                fh.write(dumps_line({"system": r.name, **row}))
    with atomic_open(paths[2]) as fh:
        fh.write(render_html(str(gold), results))
    for p in paths:
        p.chmod(0o644)  # reports are for sharing; the atomic temp file was created 0600
    return paths
