"""``extractor gold``: build, check and compare hand-curated gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from extractor.cli import app, examples

gold_app = typer.Typer(
    no_args_is_help=True, help="Build, validate and compare gold annotation files."
)
app.add_typer(gold_app, name="gold")

DEFAULT_GOLD = Path("gold")


@gold_app.command(
    "check",
    epilog=examples(
        "extractor gold check",
        "extractor gold check gold/review.jsonl my-gold/",
        note="Exit status: 0 valid; 1 problems found; 2 a file cannot be read.",
    ),
)
def check_cli(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Gold JSONL files, or folders searched for *.jsonl.",
            metavar="PATH...",
            show_default="every *.jsonl under gold/",
        ),
    ] = None,
) -> None:
    """Validate gold files: the output contract (as `extractor validate`) and the gold rules.

    Gold rules on top of the contract: no error, entities sorted and not overlapping, no
    whitespace at a span's edge, study ids as slugs, evidence on every record. One problem per
    line, `file:line: message`.
    """
    from extractor.gold.check import UnreadableGold, check_file, default_files

    targets: list[Path] = []
    for p in files or [DEFAULT_GOLD]:
        if p.is_dir():
            found = default_files(p)
            if not found:
                typer.echo(f"{p}: no *.jsonl files in this folder", err=True)
                raise typer.Exit(2)
            targets.extend(found)
        else:
            targets.append(p)
    n_problems = 0
    unreadable = False
    for path in targets:
        try:
            problems = check_file(path)
        except UnreadableGold as err:
            typer.echo(str(err), err=True)
            unreadable = True
            continue
        for pr in problems:
            typer.echo(str(pr))
        n_problems += len(problems)
    if unreadable:
        raise typer.Exit(2)
    if n_problems:
        typer.echo(f"{n_problems} problem(s) in {len(targets)} file(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"ok: {len(targets)} file(s) valid")


@gold_app.command(
    "build",
    epilog=examples(
        "extractor gold build pass1/mentions.psv pass1/records.json -o pass1/review.jsonl",
        note="Exit status: 0 written; 1 a mention or quote cannot be anchored; 2 unreadable.",
    ),
)
def build_cli(
    mentions: Annotated[
        Path,
        typer.Argument(
            help="Hand-written mentions, one `surface|LABEL|norm[|context]` per line.",
            metavar="MENTIONS",
        ),
    ],
    records: Annotated[
        Path | None,
        typer.Argument(
            help="Hand-written records JSON, evidence as quoted passages.",
            metavar="RECORDS",
            show_default="no records",
        ),
    ] = None,
    text: Annotated[
        Path, typer.Option("--text", help="The annotated text file.", metavar="FILE")
    ] = Path("corpus/text/fimmu-2025-1617157.txt"),
    out: Annotated[
        Path, typer.Option("-o", "--out", help="The gold line to write (JSONL).", metavar="FILE")
    ] = Path("review.jsonl"),
) -> None:
    """Anchor a pass's written mentions and records to offsets and write one SCHEMA §5 line."""
    from extractor.gold.anchor import AnchorError
    from extractor.gold.build import build_document
    from extractor.io import write_jsonl

    try:
        doc, warnings = build_document(text.read_text(encoding="utf-8"), mentions, records)
    except (OSError, UnicodeDecodeError) as err:
        typer.echo(f"cannot read input: {err}", err=True)
        raise typer.Exit(2) from err
    except (AnchorError, ValueError) as err:
        typer.echo(f"{mentions}: {err}", err=True)
        raise typer.Exit(1) from err
    for w in warnings:
        typer.echo(f"warning: {w}", err=True)
    write_jsonl(out, [doc])
    typer.echo(f"{out}: {len(doc['entities'])} entities, {len(doc['records'])} records")


@gold_app.command(
    "agree",
    epilog=examples(
        "extractor gold agree gold/passes/pass1/review.jsonl gold/passes/pass2/review.jsonl",
        "extractor gold agree pass1.jsonl pass2.jsonl --json --diff disagreements.jsonl",
    ),
)
def agree_cli(
    pass1: Annotated[
        Path,
        typer.Argument(help="First annotation pass: one document, as JSONL.", metavar="PASS1"),
    ],
    pass2: Annotated[
        Path, typer.Argument(help="Second pass over the same document.", metavar="PASS2")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    diff: Annotated[
        Path | None,
        typer.Option(
            "--diff", help="Write every mention disagreement to this JSONL file.", metavar="FILE"
        ),
    ] = None,
) -> None:
    """Strict and lenient mention F1 per label, norm agreement and record field agreement."""
    from extractor.gold.agreement import agreement, mention_diff
    from extractor.io import read_jsonl, write_jsonl

    try:
        d1, d2 = next(iter(read_jsonl(pass1))), next(iter(read_jsonl(pass2)))
        res = agreement(d1, d2)
    except (OSError, StopIteration, ValueError) as err:
        typer.echo(f"cannot compare {pass1} and {pass2}: {err or 'empty file'}", err=True)
        raise typer.Exit(2) from err
    if diff is not None:
        write_jsonl(diff, mention_diff(d1["entities"], d2["entities"]))
    if as_json:
        typer.echo(json.dumps(res, ensure_ascii=False, indent=1))
        return
    m = res["mentions"]
    typer.echo(
        f"{'label':<14}{'n1':>5}{'n2':>5}{'strict F1':>11}{'lenient F1':>12}{'norm agree':>12}"
    )
    for lab in m["strict"]:
        s, l_, n = m["strict"][lab], m["lenient"][lab], m["norm"][lab]
        rate = "-" if n["rate"] is None else f"{n['rate']:.3f}"
        typer.echo(f"{lab:<14}{s['n1']:>5}{s['n2']:>5}{s['f1']:>11.3f}{l_['f1']:>12.3f}{rate:>12}")
    r = res["records"]
    typer.echo(
        f"records matched by study_id: {r['matched']} "
        f"(only pass1: {r['only_pass1']}, only pass2: {r['only_pass2']})"
    )
    for f, v in r["fields"].items():
        val = v.get("rate", v.get("mean_set_f1"))
        kind = "equal" if "rate" in v else "set F1"
        typer.echo(f"  {f:<14}{kind:>7} {'-' if val is None else f'{val:.3f}'}")
