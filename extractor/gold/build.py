"""Build a SCHEMA §5 gold line from an annotator's hand-written files.

An annotation pass is two data files written by reading the text: a mentions file (one
written mention per line, in reading order) and a records file (study records whose
evidence is given as quoted passages). This module only turns those into offsets; it never
adds a mention or a field the annotator did not write.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor import SCHEMA_VERSION
from extractor.gold.anchor import AnchorError, WrittenMention, anchor_mentions

DOC_ID = "fimmu-2025-1617157"
SOURCE = "corpus/text/fimmu-2025-1617157.txt"


def parse_mentions(path: str | Path) -> list[WrittenMention]:
    """Read ``surface|LABEL|norm[|after]`` lines; '#' lines are comments.

    The pipe separator is used because surfaces never contain it while they do contain
    commas, spaces and tabs-lookalikes; a DOSE norm is a JSON list of dose objects.
    """
    out: list[WrittenMention] = []
    for lineno, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("|")
        if len(parts) < 3:
            raise ValueError(f"{path}:{lineno}: expected surface|LABEL|norm[|after], got {raw!r}")
        surface, label, norm_text = parts[0], parts[1], parts[2]
        # Context may itself contain '|' (table rows), so everything after the norm is context.
        after = "|".join(parts[3:]) or None
        norm: Any = norm_text
        if label == "DOSE":
            try:
                norm = json.loads(norm_text)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{lineno}: DOSE norm is not JSON ({err.msg})") from err
        out.append(WrittenMention(surface, label, norm, after))
    return out


def _word_boundary_problems(text: str, entities: list[dict[str, Any]]) -> list[str]:
    """Spans that start or end inside a word usually mean an anchor slipped (MSCs in ADMSCs)."""
    problems = []
    for e in entities:
        before = text[e["start"] - 1] if e["start"] > 0 else " "
        after = text[e["end"]] if e["end"] < len(text) else " "
        if before.isalnum() or after.isalnum():
            ctx = text[max(0, e["start"] - 30) : e["end"] + 30].replace("\n", " ")
            problems.append(f"{e['start']}: {e['text']!r} inside a word: …{ctx}…")
    return problems


def resolve_evidence(text: str, quotes: list[Any], where: str) -> list[dict[str, int]]:
    """Turn quoted passages (str, or {"quote", "after"}) into unique offsets."""
    spans = []
    for q in quotes:
        quote, after = (q, None) if isinstance(q, str) else (q["quote"], q.get("after"))
        base = 0
        if after:
            base = text.find(after)
            if base < 0:
                raise AnchorError(f"{where}: evidence context {after!r} not found")
        pos = text.find(quote, base)
        if pos < 0:
            raise AnchorError(f"{where}: evidence {quote[:40]!r} not found")
        if after is None and text.find(quote, pos + 1) >= 0:
            raise AnchorError(
                f"{where}: evidence {quote[:40]!r} occurs more than once; give 'after'"
            )
        spans.append({"start": pos, "end": pos + len(quote)})
    return spans


def build_document(
    text: str, mentions_path: str | Path, records_path: str | Path | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Return the SCHEMA §5 object and a list of warnings (word-boundary slips)."""
    entities = anchor_mentions(text, parse_mentions(mentions_path))
    entities.sort(key=lambda e: (e["start"], e["end"]))
    records: list[dict[str, Any]] = []
    if records_path is not None and Path(records_path).exists():
        for rec in json.loads(Path(records_path).read_text(encoding="utf-8")):
            rec = dict(rec)
            rec["evidence"] = resolve_evidence(
                text, rec.get("evidence", []), rec.get("study_id", "?")
            )
            records.append(rec)
    doc = {
        "schema": SCHEMA_VERSION,
        "doc_id": DOC_ID,
        "source": SOURCE,
        "text": text,
        "entities": entities,
        "records": records,
        "error": None,
    }
    return doc, _word_boundary_problems(text, entities)
