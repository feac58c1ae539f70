"""How much of a reference rendering (the plain text) another rendering gives back.

A *sentence* of the reference is found when, with all white space and the exponent caret
removed, it occurs as a substring of the other document's text with the same removals.
White space is ignored because line breaks, paragraph joins and column layout legitimately
differ between renderings; the caret is ignored because the text version lost its
superscripts ("5×106") which the PDF and JATS readers write as "5×10^6". Nothing else is
forgiven: a dropped hyphen, a broken word, a wrong reading order or a running header left
inside a sentence makes it "not found". Sentences come from every reference line outside
its tables (a list bullet such as "- " at a line start is markup and is dropped), split
after ". ", "? " or "! " before a capital, digit or bracket.

A *table cell* is recovered when the other document has the table with the same label
(else the same position) and the cell at the same row and column is equal under the same
normalisation. Header cells count; empty cells do not.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.ingest.structure import iter_lines
from extractor.types import Document, Table

_WS = re.compile(r"\s+")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[“\"‘'])")
_BULLET = re.compile(r"^\s*[-*•]\s+")


def squash(s: str) -> str:
    """The comparison form: no white space, no exponent caret."""
    return _WS.sub("", s).replace("^", "")


def sentences(doc: Document) -> list[str]:
    """Sentences of ``doc`` outside its tables (see module docstring)."""
    spans = [(t.start, t.end) for t in doc.tables]
    out: list[str] = []
    for ln in iter_lines(doc.text):
        if any(a <= ln.start < b for a, b in spans):
            continue
        line = _BULLET.sub("", ln.text).strip()
        for s in _SPLIT.split(line):
            if len(re.findall(r"\w", s)) >= 2:
                out.append(s.strip())
    return out


def _match_table(t: Table, k: int, others: tuple[Table, ...]) -> Table | None:
    for o in others:
        if t.label and o.label == t.label:
            return o
    return others[k] if k < len(others) else None


def compare(reference: Document, other: Document) -> dict[str, Any]:
    """Sentence and table-cell shares of ``reference`` found in ``other`` (0..1)."""
    hay = squash(other.text)
    sents = sentences(reference)
    missing = [s for s in sents if squash(s) not in hay]
    total_cells = found_cells = 0
    missing_cells: list[dict[str, Any]] = []
    for k, t in enumerate(reference.tables):
        o = _match_table(t, k, other.tables)
        grid = [t.header, *t.rows]
        ogrid = [o.header, *o.rows] if o else []
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if not cell.strip():
                    continue
                total_cells += 1
                got = ogrid[r][c] if r < len(ogrid) and c < len(ogrid[r]) else None
                if got is not None and squash(got) == squash(cell):
                    found_cells += 1
                else:
                    missing_cells.append(
                        {"table": t.label, "row": r, "col": c, "want": cell, "got": got}
                    )
    return {
        "sentences": len(sents),
        "sentences_found": len(sents) - len(missing),
        "sentence_share": (len(sents) - len(missing)) / len(sents) if sents else 1.0,
        "cells": total_cells,
        "cells_found": found_cells,
        "cell_share": found_cells / total_cells if total_cells else 1.0,
        "tables": len(reference.tables),
        "tables_found": sum(
            _match_table(t, k, other.tables) is not None for k, t in enumerate(reference.tables)
        ),
        "missing_sentences": missing,
        "missing_cells": missing_cells,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m extractor.ingest.faithfulness REFERENCE.txt OTHER...``: print the shares."""
    import argparse
    import json

    from extractor.ingest import read_document

    ap = argparse.ArgumentParser(description="Share of a reference text found in renderings.")
    ap.add_argument("reference")
    ap.add_argument("others", nargs="+")
    args = ap.parse_args(argv)
    ref = read_document(args.reference)
    for other in args.others:
        got = compare(ref, read_document(other))
        got["missing_sentences"] = got["missing_sentences"][:10]
        got["missing_cells"] = got["missing_cells"][:10]
        print(json.dumps({"other": other, **got}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
