"""``extractor bench``: how fast and how lean ingestion and the pipeline are, as baseline ratios."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from extractor.cli import app, examples

if TYPE_CHECKING:
    from rich.table import Table

EPILOG = examples(
    "extractor bench",
    "extractor bench --runs 5 --out docs/bench/bench.json",
    "extractor bench --stage pipeline --stage pipeline_baseline",
    note="Speed depends on the machine and its load: quote ratios from one run, never rates "
    "across runs. Exit status: 0 measured; 2 the corpus holds nothing to measure.",
)


_Runs = Annotated[
    int, typer.Option("--runs", min=1, help="Timed passes per stage (figures are medians).")
]
_Corpus = Annotated[
    Path,
    typer.Option(
        "--corpus",
        help="Folder searched recursively for .txt/.md, .pdf and .xml/.nxml.",
        metavar="DIR",
    ),
]
_Out = Annotated[
    Path, typer.Option("--out", help="Where to write every figure as JSON.", metavar="FILE")
]
_Markdown = Annotated[bool, typer.Option("--markdown", help="Also print the table as Markdown.")]
_Stage = Annotated[
    list[str] | None,
    typer.Option(
        "--stage",
        help="Measure only this stage; repeat for several.",
        metavar="NAME",
        show_default="all stages",
    ),
]
_Large = Annotated[
    bool,
    typer.Option("--large", help="Instead: seconds per MB of one large text at 1, 4 and 16 MB."),
]


@app.command("bench", epilog=EPILOG)
def bench_cli(
    runs: _Runs = 3,
    corpus: _Corpus = Path("corpus"),
    out: _Out = Path("bench.json"),
    markdown: _Markdown = False,
    stage: _Stage = None,
    large: _Large = False,
) -> None:
    """Measure documents/s, words/s, PDF pages/s and peak RSS per stage, each in its own process.

    Each toolkit stage is also given as a ratio to its baseline measured in the same run:
    Path.read_text (text), pdfplumber's extract_text (PDF), lxml parse + itertext (JATS), the
    bare scispaCy tokenizer (pipeline: entities; extract: ingest + entities + records, what
    'extractor extract' does). Writes every figure to --out.
    """
    from rich.console import Console

    from extractor.benchmarks.pipeline import STAGES, run_bench

    if large:
        from extractor.benchmarks.large import bench_large_cli

        bench_large_cli(out)
        return

    err = Console(stderr=True, soft_wrap=True)
    try:
        result = run_bench(
            corpus,
            runs,
            stage or STAGES,
            on_stage=lambda s: err.print(f"measuring {s} ...", highlight=False),
        )
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    _write_json(result, out)
    table, notes = _bench_table(result, runs, corpus)
    console = Console()
    console.width = max(console.width, 110)  # the table must not truncate stage names in CI logs
    console.print(table)
    for line in notes:
        typer.echo(line)
    if markdown:
        from extractor.benchmarks.pipeline import markdown_table

        typer.echo(markdown_table(result))
    typer.echo(f"wrote {out}", err=True)


def _write_json(result: dict[str, Any], out: Path) -> None:
    from extractor.io import atomic_open

    with atomic_open(out) as fh:
        json.dump(result, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    out.chmod(0o644)


def _num(x: float | None, fmt: str = "{:,.1f}") -> str:
    return "–" if x is None else fmt.format(x)


def _bench_table(result: dict[str, Any], runs: int, corpus: Path) -> tuple[Table, list[str]]:
    """One row per stage, and one note per stage: how it was measured, or why it was not."""
    from rich.table import Table

    from extractor.benchmarks.pipeline import BASELINE_OF

    m = result["machine"]
    table = Table(
        title=f"bench: median of {runs} run(s) on {m['nproc']} x {m['cpu']}, corpus {corpus}"
    )
    for col in ("stage", "docs/s", "words/s", "pages/s", "peak RSS MiB", "x baseline"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    notes: list[str] = []
    for name, s in result["stages"].items():
        if s.get("status") != "ok":
            table.add_row(name, s.get("status", "?"), "", "", "", "")
            notes.append(f"{name}: {s.get('status')}: {s.get('reason') or s.get('error')}")
            continue
        table.add_row(
            name,
            _num(s.get("docs_per_s"), "{:,.2f}"),
            _num(s.get("words_per_s"), "{:,.0f}"),
            _num(s.get("pages_per_s"), "{:,.2f}"),
            _num(s.get("peak_rss_mib")),
            _ratio_cell(result, name, s) if name in BASELINE_OF else "baseline",
        )
        cpu = f"; in CPU time {s['cpu_ratio']:.3f}" if s.get("cpu_ratio") else ""
        notes.append(f"{name}: measured by {s['measured_by']}{cpu}")
    return table, notes


def _ratio_cell(result: dict[str, Any], name: str, s: dict[str, Any]) -> str:
    """A stage's rate over its baseline's, on the stage's primary unit."""
    from extractor.benchmarks.pipeline import PRIMARY

    key = PRIMARY.get(name, "")
    r = result["ratios"].get(name, {}).get(key)
    ratio = f"{r:.3f} on {key.removesuffix('_per_s')}/s" if r is not None else "–"
    if r is not None and s.get("paired_ratio"):
        ratio += " (paired)"
    return ratio
