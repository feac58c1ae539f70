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
normalisation. Header cells count; empty cells do not. Rows with no text in any cell are
left out on both sides before rows are counted: JATS tables carry empty spacer rows
(``<tr><td/>…</tr>`` between row groups) that a typeset page shows only as white space, so
counting them would shift every later row of a faithful rendering.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from extractor.ingest.structure import iter_lines
from extractor.types import Document, Table

_WS = re.compile(r"\s+")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[“\"‘'])")
_BULLET = re.compile(r"^\s*[-*•]\s+")


# typographic variants of one character: micro sign and mu, curly and straight quotes
_VARIANTS = str.maketrans(
    {"\u00b5": "\u03bc", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}
)


def squash(s: str) -> str:
    """The comparison form: no white space, no exponent caret, typographic variants as one."""
    return _WS.sub("", s).replace("^", "").translate(_VARIANTS)


def sentences(doc: Document, skip_references: bool = False) -> list[str]:
    """Sentences of ``doc`` outside its tables (and its reference list if asked)."""
    spans = [(t.start, t.end) for t in doc.tables]
    if skip_references and doc.references:
        spans.append((min(r.start for r in doc.references), max(r.end for r in doc.references)))
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


def _grid(t: Table) -> list[tuple[str, ...]]:
    """Header and body rows of ``t`` without its all-empty (spacer) rows."""
    return [r for r in (t.header, *t.rows) if any(c.strip() for c in r)]


def compare(reference: Document, other: Document, skip_references: bool = False) -> dict[str, Any]:
    """Sentence and table-cell shares of ``reference`` found in ``other`` (0..1).

    ``skip_references`` leaves the reference list out of the sentences: a JATS twin writes
    its ``element-citation`` fields with punctuation of its own, not the publisher's, so its
    entries are measured by count (``measure_pair``), not by sentence.
    """
    hay = squash(other.text)
    sents = sentences(reference, skip_references)
    missing = [s for s in sents if squash(s) not in hay]
    total_cells = found_cells = 0
    missing_cells: list[dict[str, Any]] = []
    for k, t in enumerate(reference.tables):
        o = _match_table(t, k, other.tables)
        grid = _grid(t)
        ogrid = _grid(o) if o else []
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


# alpha, beta, gamma, micro sign; Greek mu is counted with the micro sign
GREEK = {
    "\u03b1": "\u03b1",
    "\u03b2": "\u03b2",
    "\u03b3": "\u03b3",
    "\u00b5": "\u00b5",
    "\u03bc": "\u00b5",
}
_ABGM = "\u03b1\u03b2\u03b3\u00b5"


def greek_counts(text: str) -> dict[str, int]:
    """alpha, beta, gamma and micro (mu counted with it) in ``text``: letters no reader may lose."""
    out = dict.fromkeys(_ABGM, 0)
    for ch in text:
        if ch in GREEK:
            out[GREEK[ch]] += 1
    return out


def twin_reference_count(xml_path: str | Path) -> int:
    """``<ref>`` elements in the ``<ref-list>`` of a JATS file (the count to parse)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(xml_path), parser).getroot()
    return len(root.xpath("//*[local-name()='ref-list']/*[local-name()='ref']"))


def measure_pair(pdf_path: str | Path, xml_path: str | Path, repeat: int = 1) -> dict[str, Any]:
    """One real article: its JATS twin as the reference, its PDF as the rendering. The PDF
    is read ``repeat`` times and the fastest read counts (a loaded machine only slows)."""
    from extractor.ingest import read_document

    twin = read_document(xml_path)
    if not _abstract_has_title(xml_path):
        # the JATS reader heads an untitled <abstract> with "Abstract"; nothing printed it
        twin = _drop_line(twin, "Abstract")
    seconds = float("inf")
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        pdf = read_document(pdf_path)
        seconds = min(seconds, time.perf_counter() - t)
    got = compare(twin, pdf, skip_references=True)
    want_refs = twin_reference_count(xml_path)
    g_twin, g_pdf = greek_counts(twin.text), greek_counts(pdf.text)
    fields_ok = reference_fields_agree(twin, pdf)
    return {
        "file": Path(pdf_path).stem,
        "pages": int(pdf.meta.get("pages", len(pdf.pages))),
        "seconds": seconds,
        **{k: v for k, v in got.items() if not k.startswith("missing")},
        "references": len(pdf.references),
        "references_twin": want_refs,
        "reference_share": min(len(pdf.references), want_refs) / want_refs if want_refs else 1.0,
        "reference_fields": fields_ok,
        "greek_twin": g_twin,
        "greek_pdf": g_pdf,
        "greek_lost": sum(max(0, g_twin[k] - g_pdf[k]) for k in g_twin),
        "missing_sentences": got["missing_sentences"],
        "missing_cells": got["missing_cells"],
    }


def _surname(name: str) -> str:
    """The longest word of an author name ("A. C. Zovein", "Zovein A.-C." -> "zovein")."""
    words = re.findall(r"[^\W\d_]{2,}", name)
    return max(words, key=len).casefold() if words else ""


def reference_fields_agree(twin: Document, pdf: Document) -> int:
    """References of the twin (by number) whose year and first author's surname the PDF's
    parsed entry of the same number gives back."""
    ours = {r.number: r for r in pdf.references if r.number is not None}
    n = 0
    for r in twin.references:
        o = ours.get(r.number) if r.number is not None else None
        if o is None or not r.authors or not o.authors:
            continue
        if o.year == r.year and _surname(r.authors[0]) == _surname(o.authors[0]):
            n += 1
    return n


def _abstract_has_title(xml_path: str | Path) -> bool:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(xml_path), parser).getroot()
    return bool(root.xpath("//*[local-name()='abstract']/*[local-name()='title']"))


def _drop_line(doc: Document, line: str) -> Document:
    """``doc`` with its first line equal to ``line`` blanked (offsets kept)."""
    from dataclasses import replace

    m = re.search(rf"(?m)^{re.escape(line)}$", doc.text)
    if not m:
        return doc
    text = doc.text[: m.start()] + " " * len(line) + doc.text[m.end() :]
    return replace(doc, text=text)


def _pdfplumber_seconds(path: str | Path, repeat: int = 1) -> float:
    """pdfplumber's ``extract_text`` over every page, the fastest of ``repeat`` runs."""
    import pdfplumber

    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
        best = min(best, time.perf_counter() - t)
    return best


def measure_set(folder: str | Path, speed: bool = True, repeat: int = 1) -> dict[str, Any]:
    """Every article of a real-paper set (``manifest.jsonl``: ``id``, ``pdf``, ``xml``);
    with ``repeat`` > 1 both readers' times are the fastest of that many runs per file."""
    import json

    root = Path(folder)
    rows: list[dict[str, Any]] = []
    failed: list[dict[str, str]] = []
    base_seconds = 0.0
    for line in (root / "manifest.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        try:
            rows.append(measure_pair(root / item["pdf"], root / item["xml"], repeat))
        except Exception as err:  # every file must ingest: a failure is a figure, not a stop
            failed.append({"file": item["id"], "error": str(err).splitlines()[0]})
            continue
        if speed:
            base_seconds += _pdfplumber_seconds(root / item["pdf"], repeat)
    n = len(rows) or 1
    with_tables = [r for r in rows if r["cells"]]
    pages = sum(r["pages"] for r in rows)
    ours = sum(r["seconds"] for r in rows)
    summary: dict[str, Any] = {
        "files": len(rows) + len(failed),
        "ingested": len(rows),
        "failed": failed,
        "sentence_share_mean": sum(r["sentence_share"] for r in rows) / n,
        "sentences_found": sum(r["sentences_found"] for r in rows),
        "sentences": sum(r["sentences"] for r in rows),
        "cell_share_mean_with_tables": (
            sum(r["cell_share"] for r in with_tables) / len(with_tables) if with_tables else 1.0
        ),
        "cells_found": sum(r["cells_found"] for r in rows),
        "cells": sum(r["cells"] for r in rows),
        "tables_found": sum(min(r["tables_found"], r["tables"]) for r in rows),
        "tables": sum(r["tables"] for r in rows),
        "references": sum(min(r["references"], r["references_twin"]) for r in rows),
        "references_twin": sum(r["references_twin"] for r in rows),
        "reference_share_mean": sum(r["reference_share"] for r in rows) / n,
        "reference_fields_agree": sum(r["reference_fields"] for r in rows),
        "greek_twin": {k: sum(r["greek_twin"][k] for r in rows) for k in _ABGM},
        "greek_pdf": {k: sum(r["greek_pdf"][k] for r in rows) for k in _ABGM},
        "greek_lost": sum(r["greek_lost"] for r in rows),
        "pages": pages,
        "pages_per_s": pages / ours if ours else None,
    }
    if speed and base_seconds:
        summary["pdfplumber_pages_per_s"] = pages / base_seconds
        summary["speed_ratio"] = base_seconds / ours if ours else None
    return {"per_file": rows, "summary": summary}


def _print_set(result: dict[str, Any], verbose: int) -> None:
    print(
        f"{'file':<12} {'pages':>5} {'sent':>9} {'share':>6} {'cells':>7} {'share':>6} "
        f"{'refs':>7} {'abgm twin/pdf':>18}"
    )
    for r in result["per_file"]:
        gt = "/".join(str(r["greek_twin"][k]) for k in _ABGM)
        gp = "/".join(str(r["greek_pdf"][k]) for k in _ABGM)
        print(
            f"{r['file']:<12} {r['pages']:>5} {r['sentences_found']:>4}/{r['sentences']:<4} "
            f"{r['sentence_share']:>6.3f} {r['cells_found']:>3}/{r['cells']:<3} "
            f"{r['cell_share']:>6.3f} {r['references']:>3}/{r['references_twin']:<3} "
            f"{gt:>9} {gp:<9}"
        )
        for s in r["missing_sentences"][:verbose]:
            print("    - " + s[:160])
    s = result["summary"]
    print()
    for k, v in s.items():
        print(f"{k}: {round(v, 3) if isinstance(v, float) else v}")


def main(argv: list[str] | None = None) -> int:
    """``python -m extractor.ingest.faithfulness REFERENCE OTHER...`` or ``--set FOLDER``."""
    import argparse
    import json

    from extractor.ingest import read_document

    ap = argparse.ArgumentParser(description="Share of a reference text found in renderings.")
    ap.add_argument("reference", nargs="?")
    ap.add_argument("others", nargs="*")
    ap.add_argument("--set", dest="folder", help="a real-paper set: PDFs with their JATS twins")
    ap.add_argument("--no-speed", action="store_true", help="skip the pdfplumber baseline")
    ap.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    ap.add_argument(
        "--repeat", type=int, default=1, help="time each reader N times per file, keep the best"
    )
    ap.add_argument("-v", "--verbose", type=int, default=0, help="missing sentences per file")
    args = ap.parse_args(argv)
    if args.folder:
        result = measure_set(args.folder, speed=not args.no_speed, repeat=args.repeat)
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=1))
        else:
            _print_set(result, args.verbose)
        return 0
    if not args.reference or not args.others:
        ap.error("give REFERENCE and OTHER files, or --set FOLDER")
    ref = read_document(args.reference)
    for other in args.others:
        got = compare(ref, read_document(other))
        got["missing_sentences"] = got["missing_sentences"][:10]
        got["missing_cells"] = got["missing_cells"][:10]
        print(json.dumps({"other": other, **got}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
