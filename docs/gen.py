"""Write the generated parts of the documentation from the data they describe.

Tables of rules, units, lexicon files, scores, schema extensions, accuracy and speed are never
copied by hand: each sits between ``<!-- gen:NAME -->`` and ``<!-- /gen:NAME -->`` in
README.md or a file under docs/, and this script rewrites it from the data files and the
measurements kept in docs/bench/. ``tests/test_docs.py`` fails when a generated part is stale.

    python docs/gen.py            # rewrite every generated part
    python docs/gen.py --check    # exit 1 and name each stale part (what the test runs)
    python docs/gen.py --measure  # first measure again (accuracy, the README's example line)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
BENCH = DOCS / "bench"
MODELS = REPO / "models"
UNITS = REPO / "extractor" / "data" / "units.json"
SCHEMA = REPO / "extractor" / "schema" / "document.schema.json"
TARGETS = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]
EXAMPLE_INPUT = "corpus/pdf/fimmu-2025-1617157.pdf"
# a primary article (a Vancouver citation line heads it): its own bibliography names its record
EXAMPLE_PRIMARY = "tests/ood_records/documents/oodr-01.txt"
BLOCK = re.compile(r"(<!-- gen:([a-z-]+) -->\n)(.*?)(<!-- /gen:\2 -->)", re.S)

# What the accuracy table reports per record: the scalar fields a reader acts on, and the
# list fields with their values (outcome values, cytokine directions).
SCALARS = ("disease", "intervention", "model", "design", "sample_size")
LISTS = ("doses", "routes", "cells", "outcomes_values", "cytokine_directions")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# --------------------------------------------------------------------------- accuracy


def _accuracy_row(name: str, m: dict[str, Any]) -> str:
    ent, rec = m["entities"], m["records"]
    fields = rec["fields"]
    scalars = sum(fields[f]["accuracy"] for f in SCALARS) / len(SCALARS)
    lists = sum(fields[f]["f1"] for f in LISTS) / len(LISTS)
    counts = rec["counts"]
    return (
        f"| {name} | {ent['strict']['micro']['f1']:.3f} | {ent['partial']['micro']['f1']:.3f} "
        f"| {ent['norm_accuracy']['accuracy']:.3f} "
        f"| {counts['matched']}/{counts['gold']} | {scalars:.3f} | {lists:.3f} |"
    )


def accuracy() -> str:
    review = _read_json(BENCH / "accuracy-review.json")
    ood = _read_json(BENCH / "accuracy-ood.json")
    rows = [
        "| input | mentions strict F1 | lenient F1 | norm accuracy | studies found "
        "| study fields¹ | study lists² |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in review["systems"].items():
        fmt = name.split("[")[-1].rstrip("]")
        rows.append(_accuracy_row(f"the review, {fmt} (`gold/`)", m))
    n = ood["documents"]["gold"]
    rows.append(_accuracy_row(f"{n} passages of other papers (`tests/ood/`)", ood))
    rows += [
        "",
        f"¹ mean accuracy of {', '.join(SCALARS)}. ² mean F1 of {', '.join(LISTS)} "
        "(outcomes with their values, cytokines with their direction).",
    ]
    return "\n".join(rows)


def measure() -> None:
    """Run the two measurements the accuracy table shows and keep their figures."""
    with tempfile.TemporaryDirectory() as tmp:
        out, ev = Path(tmp) / "out", Path(tmp) / "eval"
        exe = Path(sys.executable).parent / "extractor"
        subprocess.run([exe, "batch", "corpus/", "-o", out, "-q"], cwd=REPO, check=True)
        # as `make run` does: the report first, so the summary points at it
        subprocess.run(
            [exe, "report", out, "-o", out / "report"], cwd=REPO, check=True, capture_output=True
        )
        summary = subprocess.run(
            [exe, "evaluate", "--summary", "--gold", "gold/", out, "--out", ev],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        # the three lines `make run` ends with, as they read with make's own folders
        summary = summary.replace(f"{ev}/", "out/eval/").replace(f"{out}/", "out/")
        (BENCH / "run-summary.txt").write_text(summary, "utf-8")
        review = _read_json(ev / "metrics.json")
        ood_path = Path(tmp) / "ood.json"
        subprocess.run(
            [sys.executable, "tests/ood/measure.py", "--json", ood_path],
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        ood = _read_json(ood_path)

    def trim(m: dict[str, Any]) -> dict[str, Any]:
        ent = m["entities"]
        return {
            "documents": {"gold": m["documents"]["gold"], "scored": m["documents"]["scored"]},
            "entities": {
                "strict": {"micro": ent["strict"]["micro"]},
                "partial": {"micro": ent["partial"]["micro"]},
                "norm_accuracy": {
                    k: ent["norm_accuracy"][k] for k in ("accuracy", "correct", "matched")
                },
            },
            "records": {k: m["records"][k] for k in ("found", "counts", "fields")},
        }

    systems = {name: trim(m) for name, m in review["systems"].items()}
    kept = {
        "command": "extractor batch corpus/ -o out/ && "
        "extractor evaluate --gold gold/ out/ --out out/eval",
        "systems": systems,
    }
    (BENCH / "accuracy-review.json").write_text(json.dumps(kept, indent=1) + "\n", "utf-8")
    kept = {"command": "python tests/ood/measure.py --json FILE", **trim(ood)}
    (BENCH / "accuracy-ood.json").write_text(json.dumps(kept, indent=1) + "\n", "utf-8")
    save_example()


def save_example() -> None:
    """Keep one real output line (the shipped review's PDF) for the README's examples: the
    text cut short, the first entity, and the first record with doses and outcomes."""
    exe = Path(sys.executable).parent / "extractor"
    run = subprocess.run(
        [exe, "extract", EXAMPLE_INPUT, "-o", "-", "-q"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    line = json.loads(run.stdout)
    record = next(r for r in line["records"] if r["doses"] and r["outcomes"])
    example = dict(
        line,
        text=line["text"][:70],
        entities=line["entities"][:1],
        records=[record],
        omitted={"text": len(line["text"]), "entities": len(line["entities"]),
                 "records": len(line["records"])},
    )  # fmt: skip
    out = json.dumps(example, ensure_ascii=False, indent=1) + "\n"
    (BENCH / "example.json").write_text(out, "utf-8")
    run = subprocess.run(
        [exe, "extract", EXAMPLE_PRIMARY, "-o", "-", "-q"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    line = json.loads(run.stdout)
    kept = {k: line[k] for k in ("doc_id", "source", "bibliography")}
    kept["records"] = [
        {k: v for k, v in r.items() if k not in ("evidence", "confidence")} for r in line["records"]
    ]
    out = json.dumps(kept, ensure_ascii=False, indent=1) + "\n"
    (BENCH / "example-primary.json").write_text(out, "utf-8")


def _wrap(prefix: str, items: list[str], indent: int, width: int = 100) -> list[str]:
    """``prefix`` then the items joined by ', ', broken before an item that would pass width."""
    lines, cur = [], prefix
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "")
        if len(cur) + len(piece) + 1 > width and cur.strip() != prefix.strip():
            lines.append(cur.rstrip())
            cur = " " * indent
        cur += piece + " "
    lines.append(cur.rstrip())
    return lines


def example_line() -> str:
    """The saved real line as the README shows it: one key per line, cut lists marked …"""
    ex = _read_json(BENCH / "example.json")
    dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    rec = dict(ex["records"][0])
    rec.pop("confidence", None)
    cut_rec = [f'"{k}": {dump(v)}' for k, v in rec.items() if k not in ("evidence", "outcomes")]
    cut_rec.insert(cut_rec.index(f'"routes": {dump(rec["routes"])}') + 1,
                   f'"outcomes": [{dump(rec["outcomes"][0])}, …]')  # fmt: skip
    cut_rec.append(f'"evidence": [{dump(rec["evidence"][0])}, …]')
    lines = [
        f'{{"schema": {dump(ex["schema"])}, "doc_id": {dump(ex["doc_id"])}, '
        f'"source": {dump(ex["source"])},',
        f' "text": {dump(ex["text"])[:-1]}…",',
        *_wrap(' "entities": [', [dump(ex["entities"][0]), "…],"], 14),
        *_wrap(' "records": [{', [*cut_rec[:-1], cut_rec[-1] + "}", "…],"], 13),
        f' "error": {dump(ex["error"])},',
        *_wrap(
            ' "bibliography": {', [f'"{k}": {dump(v)}' for k, v in ex["bibliography"].items()], 18
        ),
        f' "meta": {dump(ex.get("meta", {}))}}}',
    ]
    lines[-2] += "},"
    return "```json\n" + "\n".join(lines) + "\n```"


def example_primary() -> str:
    """A primary article's line as the README shows it: its bibliography and its one record
    (text, entities and evidence left out)."""
    ex = _read_json(BENCH / "example-primary.json")
    dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    bib = [f'"{k}": {dump(v)}' for k, v in ex["bibliography"].items()]
    rec = [f'"{k}": {dump(v)}' for k, v in ex["records"][0].items()]
    lines = [
        f'{{"doc_id": {dump(ex["doc_id"])}, "source": {dump(ex["source"])}, "text": "…",',
        ' "entities": […],',
        *_wrap(' "bibliography": {', [*bib[:-1], bib[-1] + "},"], 18),
        *_wrap(' "records": [{', [*rec[:-1], rec[-1] + ', "evidence": […]}]}'], 13),
    ]
    return "```json\n" + "\n".join(lines) + "\n```"


def run_summary() -> str:
    """The three lines `make run` ended with when the accuracy was last measured."""
    return "```text\n" + (BENCH / "run-summary.txt").read_text("utf-8").strip() + "\n```"


def example_csv() -> str:
    """The saved record as records.csv writes it (header and row), through the project's own
    CSV writer, so a change of columns or formats shows here at once."""
    from extractor.batch.outputs import write_records_csv

    ex = _read_json(BENCH / "example.json")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.csv"
        write_records_csv(path, [ex])
        return "```csv\n" + path.read_text("utf-8").strip() + "\n```"


# --------------------------------------------------------------------------- speed


def bench() -> str:
    """The table `extractor bench --markdown` prints, under a machine line without its date."""
    from extractor.benchmarks.pipeline import markdown_table

    b = _read_json(BENCH / "bench.json")
    m = b["machine"]
    table = markdown_table(b).split("\n\n", 1)[1].rstrip()
    return (
        f"`extractor bench --runs {b['runs']}` on `{b['corpus']}`; {m['nproc']} cores "
        f"({m['cpu']}), {m['mem_gib']} GiB, Python {m['python']}; medians.\n\n{table}"
    )


def scale() -> str:
    s = _read_json(BENCH / "scale.json")
    rows = [
        f"`python -m extractor.benchmarks.scale --docs 1000 --workers 1 2 --repeat {s['repeat']}`;"
        " medians of the runs.",
        "",
        "| workers | docs/s | runs (docs/s) | speed-up | the machine's own CPU scaling "
        "| peak RSS per worker MiB |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for n, r in sorted(s["runs"].items(), key=lambda kv: int(kv[0])):
        rates = [t["docs_per_s"] for t in r["trials"]]
        rss = [t["max_worker_peak_rss_mb"] for t in r["trials"]]
        rows.append(
            f"| {n} | {r['docs_per_s']:.1f} | {min(rates):.1f}–{max(rates):.1f} "
            f"| {r['speedup_vs_1']:.2f} | {r['cpu_ceiling_vs_1']:.2f} "
            f"| {min(rss):.0f}–{max(rss):.0f} |"
        )
    return "\n".join(rows)


# --------------------------------------------------------------------------- doses


def dose_units() -> str:
    u = _read_json(UNITS)
    micro = "/".join(u["micro_prefixes"]["forms"])
    rows = ["| role | written | normalised | source |", "|---|---|---|---|"]
    for role in ("numerators", "denominators"):
        for r in u[role]:
            forms = ", ".join(f"`{f.replace('{micro}', micro + ' ')}`" for f in r["forms"])
            rows.append(
                f"| {role[:-1]} | {_cell(forms)} | `{r['canonical']}` | {_cell(r['source'])} |"
            )
    return "\n".join(rows)


def dose_cues() -> str:
    u = _read_json(UNITS)
    rows = ["| cue list (`units.json`) | why an amount near it is not a dose | source |",
            "|---|---|---|"]  # fmt: skip
    for key, v in u.items():
        if key.startswith("_") or not isinstance(v, dict) or "why" not in v:
            continue
        source = v.get("source", "")
        if isinstance(source, list):
            source = "; ".join(source)
        why = v["why"].split(". ")[0].rstrip(".") + "."  # the rule in one sentence
        rows.append(f"| `{key}` | {_cell(why)} | {_cell(source) or '(per entry)'} |")
    return "\n".join(rows)


# --------------------------------------------------------------------------- knowledge files


def data_files() -> str:
    rows = ["| file | rows | what it holds (first row's source) |", "|---|---:|---|"]
    paths = [
        *sorted((MODELS / "curated").glob("*.jsonl")),
        *sorted((MODELS / "lexicons").glob("*.jsonl")),
        *sorted((MODELS / "patterns").glob("*.jsonl")),
        *sorted((MODELS / "records").glob("*.jsonl")),
    ]
    for p in paths:
        data = _jsonl(p)
        first = next((r.get("source") for r in data if r.get("source")), "")
        rows.append(f"| `{p.relative_to(REPO)}` | {len(data)} | {_cell(first)[:140]} |")
    for p in (MODELS / "curated" / "cell_lines.txt", MODELS / "patterns" / "outside_modifiers.txt"):
        n = sum(1 for x in p.read_text("utf-8").splitlines() if x.strip() and x[0] != "#")
        rows.append(f"| `{p.relative_to(REPO)}` | {n} | one entry per line; `#` comments |")
    n_keys = sum(1 for k in _read_json(UNITS) if not k.startswith("_"))
    rows.append(
        f"| `{UNITS.relative_to(REPO)}` | {n_keys} lists | dose units and the cue lists of "
        "the dose context rules ([doses.md](doses.md)) |"
    )
    return "\n".join(rows)


# What each lexicon is built from; entry counts and versions come from SOURCES.json.
LEXICON_SOURCES = (
    ("cells", "CELL", "Cell Ontology {Cell Ontology} + curated product and population rows"),
    ("cell_lines", "CELL", "Cellosaurus {Cellosaurus}: curated lines with accessions"),
    ("cellosaurus_names", "CELL", "Cellosaurus {Cellosaurus}: every name, read by shape"),
    ("cytokines", "CYTOKINE", "hucira {hucira} + HGNC interleukin and chemokine groups"),
    ("scores", "OUTCOME_SCORE", "curated instruments, each citing its defining paper"),
    ("vesicles", "VESICLE", "curated MISEV nomenclature"),
)


def lexicon_sources() -> str:
    meta = _read_json(MODELS / "lexicons" / "SOURCES.json")
    versions = {k: v.get("version", "") for k, v in meta.items() if isinstance(v, dict)}
    versions.pop("counts", None)
    rows = ["| lexicon | label | entries | built from |", "|---|---|---:|---|"]
    for name, label, source in LEXICON_SOURCES:
        n = meta["counts"].get(name)
        if n is not None:
            rows.append(f"| {name} | {label} | {n:,} | {source.format(**versions)} |")
    return "\n".join(rows)


def scores() -> str:
    rows = ["| norm | written forms (first three) | source |", "|---|---|---|"]
    for r in _jsonl(MODELS / "lexicons" / "scores.jsonl"):
        forms = ", ".join(r["synonyms"][:3])
        rows.append(f"| `{r['name']}` | {_cell(forms)} | {_cell(r.get('source', ''))} |")
    return "\n".join(rows)


# --------------------------------------------------------------------------- schema


def extensions() -> str:
    """Every schema property described as an extension of SCHEMA v1, with where it sits."""
    schema = _read_json(SCHEMA)
    found: list[tuple[str, str]] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            desc = node.get("description", "")
            if "xtension" in desc or desc.startswith("Gold only"):
                found.append((where, desc))
            for key, sub in node.get("properties", {}).items():
                walk(sub, f"{where}.{key}" if where else key)
            for key, sub in node.get("$defs", {}).items():
                walk(sub, key)
            for sub in node.get("anyOf", []) + node.get("oneOf", []):
                walk(sub, where)

    walk(schema, "")
    rows = ["| where | what |", "|---|---|"]
    rows += [f"| `{w}` | {_cell(d)} |" for w, d in found]
    return "\n".join(rows)


GENERATORS: dict[str, Callable[[], str]] = {
    "accuracy": accuracy,
    "example-line": example_line,
    "example-csv": example_csv,
    "example-primary": example_primary,
    "run-summary": run_summary,
    "bench": bench,
    "scale": scale,
    "dose-units": dose_units,
    "dose-cues": dose_cues,
    "data-files": data_files,
    "scores": scores,
    "lexicon-sources": lexicon_sources,
    "extensions": extensions,
}


def render(text: str) -> str:
    def fill(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in GENERATORS:
            raise SystemExit(f"unknown generated part {name!r}")
        return f"{m.group(1)}{GENERATORS[name]().rstrip()}\n{m.group(4)}"

    return BLOCK.sub(fill, text)


def stale_files() -> list[Path]:
    return [p for p in TARGETS if render(p.read_text("utf-8")) != p.read_text("utf-8")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a part is stale")
    parser.add_argument("--measure", action="store_true", help="measure accuracy first")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for p in stale:
            print(f"{p.relative_to(REPO)}: generated parts are stale (run: python docs/gen.py)")
        return 1 if stale else 0
    if args.measure:
        measure()
    for p in TARGETS:
        old = p.read_text("utf-8")
        new = render(old)
        if new != old:
            p.write_text(new, "utf-8")
            print(f"rewrote {p.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
