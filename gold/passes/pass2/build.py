"""Pass-2 build: anchor the hand-written mentions (m*.tsv, reading order) and write review.jsonl.

Rows: LABEL<TAB>surface<TAB>norm[<TAB>context]. LABEL codes C/V/K/D/O; norm "=" means the
surface itself; a DOSE norm is a JSON list of dose objects. The script never adds mentions:
it only finds each written surface at/after the previous one (extractor.gold.anchor), retrying
past hits that sit inside a longer token, and checks the result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extractor.gold.anchor import WrittenMention, anchor_mentions

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCE = "corpus/text/fimmu-2025-1617157.txt"
LABELS = {"C": "CELL", "V": "VESICLE", "K": "CYTOKINE", "D": "DOSE", "O": "OUTCOME_SCORE"}


def read_rows() -> list[WrittenMention]:
    rows: list[WrittenMention] = []
    for path in sorted(HERE.glob("m*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) not in (3, 4):
                raise SystemExit(
                    f"{path.name}:{n}: expected 3-4 tab-separated columns, got {len(parts)}"
                )
            code, surface, norm = parts[:3]
            after = parts[3] if len(parts) == 4 else None
            label = LABELS[code]
            if label == "DOSE":
                norm_val = json.loads(norm)
            else:
                norm_val = surface if norm == "=" else norm
            rows.append(WrittenMention(surface, label, norm_val, after))
    return rows


def _inside_token(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or after.isalnum()


def anchor(text: str, rows: list[WrittenMention]) -> list[dict]:
    out: list[dict] = []
    cursor = 0
    for m in rows:
        start = cursor
        while True:
            ent = anchor_mentions(text, [m], start=start)[0]
            if not _inside_token(text, ent["start"], ent["end"]):
                break
            start = ent["start"] + 1
            m = WrittenMention(m.text, m.label, m.norm, None)
        out.append(ent)
        cursor = ent["end"]
    return out


def main() -> int:
    text = (ROOT / SOURCE).read_text(encoding="utf-8")
    ents = anchor(text, read_rows())
    refs_at = text.index("\nReferences\n")
    for a, b in zip(ents, ents[1:]):
        assert a["end"] <= b["start"], ("overlap", a, b)
    for e in ents:
        assert text[e["start"] : e["end"]] == e["text"], e
        assert e["end"] <= refs_at, ("in reference list", e)
    records_path = HERE / "records.json"
    records = json.loads(records_path.read_text(encoding="utf-8")) if records_path.exists() else []
    obj = {
        "schema": "v1",
        "doc_id": "fimmu-2025-1617157",
        "source": SOURCE,
        "text": text,
        "entities": sorted(ents, key=lambda e: e["start"]),
        "records": records,
        "error": None,
    }
    (HERE / "review.jsonl").write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    if "-v" in sys.argv:
        for e in ents:
            l = text[max(0, e["start"] - 30) : e["start"]].replace("\n", "⏎")
            r = text[e["end"] : e["end"] + 30].replace("\n", "⏎")
            print(
                f"{e['start']:6d} {e['label'][:4]:4s} {l:>30s}[{e['text']}]{r:30s} -> {e['norm'] if e['label'] != 'DOSE' else len(e['norm'])}"
            )
    from collections import Counter

    print(
        len(ents),
        "entities",
        dict(Counter(e["label"] for e in ents)),
        len(records),
        "records",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
