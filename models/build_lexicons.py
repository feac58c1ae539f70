"""Regenerate ``models/lexicons/*.jsonl`` from public nomenclature sources.

Build-time only (``pip install -e '.[lexicons]'``); the pipeline reads the committed output.

Sources, each recorded with its version in ``lexicons/SOURCES.json``:
- Cell Ontology (CL) and Cellosaurus (CVCL), as shipped zstd JSON in ``cellxgene-ontology-guide``.
- ``hucira``: human cytokine dictionary (names, gene symbols, families, alternative names; MIT).
- ``curated/*.jsonl`` and ``curated/cell_lines.txt``: entries written here, each row citing
  the nomenclature it follows (ISCT, MISEV, HGNC, instrument papers).
- Nomenclature rules for numbered families (interleukins 1-39, CCL/CXCL/XCL/CX3CL), which
  are enumerations of the HGNC gene groups rather than lists copied from a paper.

Run: ``.venv/bin/python models/build_lexicons.py``
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any

MODELS = Path(__file__).resolve().parent
CURATED = MODELS / "curated"
OUT = MODELS / "lexicons"

# The whole Cell Ontology is kept, less the top-level classes that name no population a
# paper reasons about ("cell", "native cell", "animal cell", "cell in vitro"): GUIDELINES
# 1.6, generic class words are never tagged.
CL_GENERIC = {
    "CL:0000000": "cell",
    "CL:0000003": "native cell",
    "CL:0000010": "cultured cell",
    "CL:0000255": "eukaryotic cell",
    "CL:0000520": "prokaryotic cell",
    "CL:0000548": "animal cell",
    "CL:0000578": "experimentally modified cell in vitro",
    "CL:0001034": "cell in vitro",
    "CL:0000144": "cell by function",
    "CL:0000063": "cell by histology",
    "CL:0000362": "epidermal cell",  # "skin cells" of GUIDELINES 2.4; "epidermal cell suspension"
}
# Species letters glued to MSC abbreviations: human, canine, murine, rat, equine, porcine.
SPECIES_PREFIXES = ("h", "c", "m", "r", "e", "p")
GREEK_NAME = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "kappa": "κ",
    "lambda": "λ",
    "omega": "ω",
}
# hucira families outside SCHEMA's CYTOKINE label (complement, hormones, matrix proteins).
HUCIRA_SKIP_FAMILIES = {"complement", "other"}


def _package_dir(dist: str, package: str) -> Path:
    """A distribution's package folder, found without importing it (hucira imports IPython)."""
    files = metadata.files(dist) or []
    init = next(f for f in files if str(f).replace("\\", "/") == f"{package}/__init__.py")
    return Path(str(init.locate())).parent


def _zst_json(path: Path) -> Any:
    import zstandard

    with path.open("rb") as fh:
        return json.loads(zstandard.ZstdDecompressor().stream_reader(fh).read())


def _latest(data_dir: Path, prefix: str) -> Path:
    files = sorted(data_dir.glob(f"{prefix}-ontology-*.json.zst"))
    if not files:
        raise FileNotFoundError(f"{data_dir}: no {prefix} ontology file")
    return files[-1]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for s in items:
        s = s.strip()
        if s and s not in seen:
            seen.add(s)
            out.append(s)
    return out


def canonical_cytokine(name: str) -> str:
    """hucira style to SCHEMA §2: "IL-1-alpha" -> "IL-1α", "TNF-alpha" -> "TNF-α", "TGF-beta1"
    -> "TGF-β1"."""

    def repl(m: re.Match[str]) -> str:
        before, word = m.group(1), m.group(2).lower()
        letter = GREEK_NAME[word]
        return (before + letter) if before.isdigit() else (before + "-" + letter)

    return re.sub(r"([A-Za-z0-9])-(alpha|beta|gamma|delta|epsilon|kappa|lambda|omega)", repl, name)


def _is_abbreviation(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*", s)) and " " not in s


def species_variants(synonyms: list[str]) -> list[str]:
    """hADMSC, cASC, hUC-MSC...: a species letter glued to an abbreviation (see GUIDELINES 1.1)."""
    return [p + s for s in synonyms if _is_abbreviation(s) for p in SPECIES_PREFIXES]


# Property adjectives that are outside a mention (GUIDELINES 8.2: "MSCs are multipotent stem
# cells" -> stem cells), read with the species/state words of patterns/outside_modifiers.txt.
PROPERTY_ADJECTIVES = {"multipotent", "oligopotent", "unipotent", "totipotent"}


def _outside_words() -> set[str]:
    path = MODELS / "patterns" / "outside_modifiers.txt"
    words = [w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines()]
    return {w for w in words if w and not w.startswith("#")} | PROPERTY_ADJECTIVES


def _usable_cl_synonyms(names: list[str]) -> list[str]:
    # Drop synonyms too short to be safe ("ARC", "MPP" are other things in most papers),
    # formal ontology phrasing nobody writes in prose ("CD4-positive, alpha-beta ..."), and
    # names opened by a word that is outside a mention ("inflammatory cell", "activated
    # astrocyte", "multipotent stem cell": GUIDELINES 1.1 and 8.2), which would swallow it.
    outside = _outside_words()
    return [
        s
        for s in names
        if len(s) >= 4 and "," not in s and ":" not in s and s.split()[0].lower() not in outside
    ]


def build_cells(cl: dict[str, Any], cl_version: str) -> list[dict[str, Any]]:
    curated = _read_jsonl(CURATED / "cells.jsonl")
    by_id = {r["id"]: r for r in curated if r.get("id")}
    rows: list[dict[str, Any]] = []
    for row in curated:
        syn = list(row["synonyms"])
        if row.get("species_prefix"):
            syn += species_variants(syn)
        if row.get("id") in cl and row["name"] not in {"immune cell"}:
            term = cl[row["id"]]
            from_cl = [term["label"], *(term.get("synonyms") or [])]
            syn = [*_usable_cl_synonyms(from_cl), *syn]
        out = {
            "id": row.get("id"),
            "label": "CELL",
            "name": row["name"],
            "synonyms": _dedupe(syn),
            "source": row["source"],
            "status": "curated",
        }
        if row.get("cell_line"):  # primary cells named like lines (HDF, NHEK): "HDF cells"
            out["cell_line"] = True
        rows.append(out)
    for cid, term in cl.items():
        if term.get("deprecated") or cid in by_id or cid in CL_GENERIC or not cid.startswith("CL:"):
            continue
        syn = [term["label"], *(term.get("synonyms") or [])]
        syn = _usable_cl_synonyms(syn)
        if not syn:
            continue
        rows.append(
            {
                "id": cid,
                "label": "CELL",
                "name": term["label"],
                "synonyms": _dedupe(syn),
                "source": f"CL {cl_version}",
                "status": "generated",
            }
        )
    return rows


def cellosaurus_index(cvcl: dict[str, Any], cvcl_version: str) -> list[tuple[str, str]]:
    """(name, accession) of every current Cellosaurus entry, for the shape-gated cell-line
    reader (``extractor.pipeline.cell_lines``); the shipped dump has primary names only."""
    return sorted(
        (t["label"], cid)
        for cid, t in cvcl.items()
        if not t.get("deprecated") and t.get("label") and "\t" not in t["label"]
    )


def build_cell_lines(cvcl: dict[str, Any], cvcl_version: str) -> list[dict[str, Any]]:
    by_label: dict[str, str] = {}
    for cid, term in cvcl.items():
        by_label.setdefault(term["label"], cid)
    rows = []
    for line in (CURATED / "cell_lines.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, *variants = [p.strip() for p in line.split("|")]
        cid = by_label.get(name)
        source = f"Cellosaurus {cvcl_version}" if cid else "curated (name not in Cellosaurus dump)"
        rows.append(
            {
                "id": cid,
                "label": "CELL",
                "name": name,
                "synonyms": _dedupe([name, *variants]),
                "source": source,
                "status": "curated",
                "cell_line": True,
            }
        )
    return rows


_BARE_CHAIN_RE = re.compile(r"(?i)(?:alpha|beta|gamma|kappa|lambda|[αβγκλ])\d*")


def build_cytokines(hucira_version: str) -> list[dict[str, Any]]:
    import pandas as pd

    xlsx = next((_package_dir("hucira", "hucira") / "data").glob("*cytokine_info*.xlsx"))
    df = pd.read_excel(xlsx)
    curated = {r["id"]: r for r in _read_jsonl(CURATED / "cytokines.jsonl")}
    rows: dict[str, dict[str, Any]] = {}
    for rec in df.to_dict("records"):
        if rec["family_level_1"] in HUCIRA_SKIP_FAMILIES:
            continue
        gene = str(rec["gene"]).split(",")[0].strip()
        name = canonical_cytokine(str(rec["name"]))
        syn = [str(rec["name"]), name, gene]
        used = rec["used cytokines"]
        # "used cytokines" is swapped for CD27L/CD40L in hucira 0.1.3; keep it only when it
        # names the row's own cytokine.
        if isinstance(used, str) and canonical_cytokine(used) == name:
            syn.append(used)
        if isinstance(rec["alternative names"], str):
            parts = [s for part in rec["alternative names"].split(",") for s in part.split("/")]
            # Splitting "Lymphotoxin alpha1/beta2" on "/" leaves "beta2", a chain name that
            # would read every "β1"/"β2" (integrin β1, "TGF-β1/-β2") as this cytokine.
            syn += [s for s in parts if not _BARE_CHAIN_RE.fullmatch(s.strip())]
        key = gene
        if key in rows:  # IL-27/IL-30 share IL27: keep both names as separate concepts
            key = f"{gene}:{name}"
        rows[key] = {
            "id": gene,
            "label": "CYTOKINE",
            "name": name,
            "synonyms": syn,
            "source": f"hucira {hucira_version}",
            "status": "generated",
        }
    # Numbered families enumerated from HGNC gene groups: interleukins 1-39, chemokines.
    for n in range(1, 40):
        rows.setdefault(
            f"IL{n}",
            {
                "id": f"IL{n}",
                "label": "CYTOKINE",
                "name": f"IL-{n}",
                "synonyms": [],
                "source": "HGNC gene group Interleukins (601)",
                "status": "generated",
            },
        )
        rows[f"IL{n}"]["synonyms"] += [f"IL-{n}", f"interleukin {n}", f"interleukin-{n}"]
    families = [
        (
            "CCL",
            28,
            "C-C motif chemokine ligand",
            "CC chemokine ligand",
            "chemokine (C-C motif) ligand",
        ),
        (
            "CXCL",
            17,
            "C-X-C motif chemokine ligand",
            "CXC chemokine ligand",
            "chemokine (C-X-C motif) ligand",
        ),
        (
            "XCL",
            2,
            "X-C motif chemokine ligand",
            "XC chemokine ligand",
            "chemokine (C motif) ligand",
        ),
        (
            "CX3CL",
            1,
            "C-X3-C motif chemokine ligand",
            "CX3C chemokine ligand",
            "chemokine (C-X3-C motif) ligand",
        ),
    ]
    for sym, top, *longs in families:
        for n in range(1, top + 1):
            gene = f"{sym}{n}"
            if gene == "CXCL8":
                continue  # curated under its interleukin name
            rows.setdefault(
                gene,
                {
                    "id": gene,
                    "label": "CYTOKINE",
                    "name": gene,
                    "synonyms": [],
                    "source": "HGNC gene group Chemokine ligands (483)",
                    "status": "generated",
                },
            )
            rows[gene]["name"] = gene
            rows[gene]["synonyms"] += [gene, f"{sym}-{n}", *(f"{lf} {n}" for lf in longs)]
    for cid, cur in curated.items():
        row = rows.get(cid) or {"id": cid, "label": "CYTOKINE", "synonyms": [], "status": "curated"}
        drop = {canonical_cytokine(s) for s in cur.get("drop_synonyms", [])} | set(
            cur.get("drop_synonyms", [])
        )
        syn = [s for s in row["synonyms"] if s not in drop and canonical_cytokine(s) not in drop]
        row.update(
            name=cur["name"],
            source=f"{row.get('source', '')}; {cur['source']}".strip("; "),
            synonyms=[*syn, *cur["synonyms"]],
        )
        rows[cid] = row
    out = []
    for row in rows.values():
        row["synonyms"] = _dedupe([row["name"], *row["synonyms"]])
        out.append(row)
    return out


def threshold_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    """A score's response thresholds as rows of their own: "VASI" with ``response_thresholds``
    [50, 75] gives VASI-50 ("VASI-50", "VASI 50", "VASI50") and VASI-75, citing the score."""
    out = []
    for t in row.get("response_thresholds", []):
        abbrs = [s for s in row["synonyms"] if _is_abbreviation(s)] or [row["name"]]
        syn = [f"{a}{sep}{t}" for a in abbrs for sep in ("-", " ", "")]
        out.append(
            {
                "id": None,
                "label": row["label"],
                "name": f"{row['name']}-{t}",
                "synonyms": _dedupe(syn),
                "source": f"{t}% improvement from baseline in {row['name']} ({row['source']})",
                "status": "curated",
            }
        )
    return out


def build_scores() -> list[dict[str, Any]]:
    """Curated instrument rows, plus one row per response threshold a row lists."""
    rows = []
    for r in _read_jsonl(CURATED / "scores.jsonl"):
        base = {k: v for k, v in r.items() if k != "response_thresholds"}
        rows.append(dict(base, status="curated"))
        rows += threshold_rows(r)
    names = [r["name"] for r in rows]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"scores.jsonl: duplicate instrument names {dup}")
    return rows


def _write_index(rows: list[tuple[str, str]]) -> None:
    """``lexicons/cellosaurus.tsv.gz``: lookup key TAB name TAB accession, one per line,
    sorted by key with the preferred name of a key first; the key is the name without
    separators, case kept ("Hep-G2" -> "HepG2"; read by ``extractor.pipeline.cell_lines``).
    mtime 0: the same rows give the same bytes."""
    import gzip

    keyed = [(re.sub(r"[^A-Za-z0-9]", "", name), name, acc) for name, acc in rows]
    # One key, several names ("PC-12", "PC-1.2"; "LAD2", "LAD 2"): the name written as the
    # key first, then the one with fewest dots and slashes; the reader keeps the first.
    keyed.sort(key=lambda r: (r[0], r[1] != r[0], r[1].count(".") + r[1].count("/"), r[1]))
    data = "".join(f"{k}\t{name}\t{acc}\n" for k, name, acc in keyed).encode("utf-8")
    with (
        (OUT / "cellosaurus.tsv.gz").open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh,
    ):
        fh.write(data)


def _write(name: str, rows: list[dict[str, Any]]) -> None:
    OUT.mkdir(exist_ok=True)
    with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    data = _package_dir("cellxgene-ontology-guide", "cellxgene_ontology_guide") / "data"
    cl_path, cvcl_path = _latest(data, "CL"), _latest(data, "CVCL")
    cl_version = cl_path.name.split("-ontology-")[1].removesuffix(".json.zst")
    cvcl_version = cvcl_path.name.split("-ontology-")[1].removesuffix(".json.zst")
    hucira_version = metadata.version("hucira")
    cells = build_cells(_zst_json(cl_path), cl_version)
    cvcl = _zst_json(cvcl_path)
    lines = build_cell_lines(cvcl, cvcl_version)
    index = cellosaurus_index(cvcl, cvcl_version)
    _write_index(index)
    cytokines = build_cytokines(hucira_version)
    _write("cells", cells)
    _write("cell_lines", lines)
    _write("cytokines", cytokines)
    _write("vesicles", [dict(r, status="curated") for r in _read_jsonl(CURATED / "vesicles.jsonl")])
    scores = build_scores()
    _write("scores", scores)
    sources = {
        "Cell Ontology": {"file": cl_path.name, "version": cl_version},
        "Cellosaurus": {"file": cvcl_path.name, "version": cvcl_version},
        "cellxgene-ontology-guide": {"version": metadata.version("cellxgene-ontology-guide")},
        "hucira": {"version": hucira_version, "licence": "MIT"},
        "counts": {
            "cells": len(cells),
            "cell_lines": len(lines),
            "cellosaurus_names": len(index),
            "cytokines": len(cytokines),
            "scores": len(scores),
            "vesicles": len(_read_jsonl(CURATED / "vesicles.jsonl")),
        },
    }
    (OUT / "SOURCES.json").write_text(json.dumps(sources, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
