"""``extractor review``: the curator app, its export to SCHEMA §5, and the spreadsheet round trip.

``review`` is a Typer group whose default is ``serve``: ``extractor review DOCS.jsonl`` and
``extractor review serve DOCS.jsonl`` both start the app; ``export``, ``log`` and ``sheet`` are
the other subcommands.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer
from typer.core import TyperGroup

from extractor.cli import app, examples

if TYPE_CHECKING:
    from extractor.web.store import EventStore


class _ServeByDefault(TyperGroup):
    """``extractor review DOCS.jsonl`` means ``extractor review serve DOCS.jsonl``.

    The short form is the one curators type; a subcommand name always wins, so a file
    literally named ``export`` is reached with ``review serve export``.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["serve", *args]
        return super().parse_args(ctx, args)


review_app = typer.Typer(
    cls=_ServeByDefault,
    no_args_is_help=True,
    help="Curate extractions in the browser (`extractor review DOCS.jsonl` = `review serve`); "
    "export corrections as gold.",
    epilog=examples(
        "extractor review out/documents.jsonl",
        "extractor review export -o gold.jsonl",
        "extractor review sheet export -o records.xlsx",
        note="Each command's own --help lists its options.",
    ),
)
sheet_app = typer.Typer(
    no_args_is_help=True,
    help="Records as CSV/XLSX for spreadsheet curation: export, edit, import the changes.",
    epilog=examples(
        "extractor review sheet export -o records.xlsx",
        "extractor review sheet import records.xlsx --curator ana --dry-run",
    ),
)
review_app.add_typer(sheet_app, name="sheet")
app.add_typer(review_app, name="review")

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DbOpt = Annotated[
    Path,
    typer.Option(
        "--db",
        help="The curation database (SQLite): documents and every correction as an event.",
        metavar="FILE",
    ),
]
DEFAULT_DB = Path("curation.sqlite")


def _fail(msg: str) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(1)


def _open_store(db: Path, must_exist: bool = True):  # type: ignore[no-untyped-def]
    from extractor.web.store import EventStore

    if must_exist and not db.is_file():
        _fail(
            f"{db}: no such curation database (create it: `extractor review serve DOCS --db {db}`)"
        )
    return EventStore(db)


SERVE_EPILOG = examples(
    "extractor review out/documents.jsonl",
    "extractor review serve out/documents.jsonl --db curation.sqlite --port 8000",
    "extractor review serve --db curation.sqlite",
    note="Open the printed address in a browser. Exit status: 0 stopped with Ctrl-C; "
    "1 bad input, an empty database, or the address cannot be served.",
)


_Documents = Annotated[
    list[Path] | None,
    typer.Argument(
        help="SCHEMA §5 JSONL files to curate (`extract` or `batch` output); loaded into "
        "--db. Leave out to reopen an existing database.",
        metavar="FILE...",
    ),
]
_Host = Annotated[
    str,
    typer.Option(
        "--host",
        help="Address to listen on. Loopback by default; any other address lets whoever "
        "reaches it edit the database (there is no login).",
        metavar="ADDRESS",
    ),
]
_Port = Annotated[
    int,
    typer.Option("--port", min=0, max=65535, help="Port to listen on.", metavar="N"),
]


@review_app.command("serve", epilog=SERVE_EPILOG)
def serve_cli(
    documents: _Documents = None,
    db: DbOpt = DEFAULT_DB,
    host: _Host = "127.0.0.1",
    port: _Port = 8765,
) -> None:
    """Start the review app (documents are loaded into --db; rerunning keeps all corrections).

    The app is served by waitress (a production WSGI server) on loopback unless --host says
    otherwise. A start refused for bad input leaves no new database behind.
    """
    from extractor.web.app import create_app, serve

    store = _load_store(db, documents)
    if host not in LOOPBACK:
        typer.echo(
            f"warning: binding {host}: anyone who can reach this address can edit the curation "
            "database (there is no login)",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"review app on http://{shown}:{port}/  (Ctrl-C stops; every save is on disk)", err=True
    )
    try:
        serve(create_app(store, allowed_hosts=_allowed_hosts(host)), host=host, port=port)
    except OSError as err:  # port taken, address not local: one line
        _fail(f"cannot serve on {shown}:{port}: {err.strerror or err}")


def _load_store(db: Path, documents: list[Path] | None) -> EventStore:
    """Open ``db`` and load ``documents`` into it; a database this created and could not fill
    is removed again."""
    from extractor.web.store import ReviewInputError

    created = not db.exists()
    try:
        store = _open_store(db, must_exist=not documents)
        for path in documents or []:
            try:
                added, kept = store.load_documents(path)
            except ReviewInputError as err:
                _fail(str(err))
            typer.echo(f"{path}: {added} document(s) loaded, {kept} already in {db}", err=True)
        if not store.doc_ids():
            _fail(f"{db}: holds no documents; give a DOCUMENTS.jsonl")
    except BaseException:
        if created:
            _remove_database(db)
        raise
    return store


def _allowed_hosts(host: str) -> tuple[str, ...]:
    """The Host names the app accepts when it listens on ``host``."""
    if host in LOOPBACK:
        return ("127.0.0.1", "localhost", "::1")
    if host in ("0.0.0.0", "::"):
        return ("*",)  # every interface: the names it is reached by are unknown
    return ("127.0.0.1", "localhost", "::1", host)


def _remove_database(db: Path) -> None:
    """Delete a database this command created and could not fill (and SQLite's side files)."""
    for p in (db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))):
        p.unlink(missing_ok=True)


EXPORT_EPILOG = examples(
    "extractor review export -o gold.jsonl",
    "extractor review export -o gold.jsonl --confirmed-only --strict",
    "extractor review export -o - | jq -c '.records[]'",
    note="Exit status: 0 written; 1 no database, or --strict and the export is not yet gold "
    "(each problem is printed).",
)


@review_app.command("export", epilog=EXPORT_EPILOG)
def export_cli(
    out: Annotated[
        Path,
        typer.Option("-o", "--out", help="JSONL file to write, or '-' for stdout.", metavar="FILE"),
    ],
    db: DbOpt = DEFAULT_DB,
    confirmed_only: Annotated[
        bool,
        typer.Option(
            "--confirmed-only", help="Only entities and records a curator accepted or corrected."
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if the export is not valid gold.")
    ] = False,
) -> None:
    """Write the curated documents as SCHEMA §5 JSONL: gold for `extractor evaluate`.

    Entities and records a curator has not yet judged are kept unless --confirmed-only;
    rejected ones are left out. Anything `extractor gold check` would reject is listed
    on stderr.
    """
    from extractor.io import dumps_line
    from extractor.web.export import export_jsonl, iter_export

    store = _open_store(db)
    if str(out) == "-":
        for doc, _ in iter_export(store, confirmed_only):
            sys.stdout.write(dumps_line(doc))
        return
    stats = export_jsonl(store, out, confirmed_only)
    typer.echo(
        f"{out}: {stats.documents} document(s), {stats.entities} entities, {stats.records} records"
        + (
            f"; {stats.dropped_overlaps} overlapping pipeline span(s) dropped"
            if stats.dropped_overlaps
            else ""
        )
        + (f"; {stats.skipped_failed} failed document(s) left out" if stats.skipped_failed else ""),
        err=True,
    )
    for p in stats.problems:
        typer.echo(f"not yet gold: {p}", err=True)
    if stats.problems:
        typer.echo(
            f"{len(stats.problems)} problem(s) `extractor gold check` will report; "
            "fix them in the app (or export --confirmed-only)",
            err=True,
        )
        if strict:
            raise typer.Exit(1)


LOG_EPILOG = examples(
    "extractor review log",
    "extractor review log --db curation.sqlite --doc smith-2021",
    "extractor review log | jq 'select(.curator == \"ana\")'",
)


@review_app.command("log", epilog=LOG_EPILOG)
def log_cli(
    db: DbOpt = DEFAULT_DB,
    doc_id: Annotated[
        str | None,
        typer.Option(
            "--doc", help="Only the events of this document id.", metavar="ID", show_default="all"
        ),
    ] = None,
) -> None:
    """Print the event log: one JSON object per correction (who, when, what), per document."""
    store = _open_store(db)
    for ev in store.events(doc_id):
        typer.echo(json.dumps(ev.to_dict(), ensure_ascii=False))


SHEET_EXPORT_EPILOG = examples(
    "extractor review sheet export -o records.xlsx",
    "extractor review sheet export --db curation.sqlite -o records.csv",
    note="Edit the sheet, then `extractor review sheet import` records the changes.",
)


@sheet_app.command("export", epilog=SHEET_EXPORT_EPILOG)
def sheet_export_cli(
    out: Annotated[
        Path,
        typer.Option(
            "-o",
            "--out",
            help="Sheet to write: a .csv or .xlsx file (the suffix picks the format).",
            metavar="FILE",
        ),
    ],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Write every record as one sheet row (CSV or XLSX by suffix)."""
    from extractor.web.sheet import SheetError, write_sheet

    store = _open_store(db)
    try:
        n = write_sheet(store, out)
    except SheetError as err:
        _fail(str(err))
    typer.echo(f"{out}: {n} record row(s)", err=True)


SHEET_IMPORT_EPILOG = examples(
    "extractor review sheet import records.xlsx --curator ana --dry-run",
    "extractor review sheet import records.csv --curator ana --db my.sqlite",
    note="Nothing is imported unless every row is valid and no row conflicts with a later "
    "correction in the app. Exit status: 0 imported (or dry run); 1 nothing imported.",
)


@sheet_app.command("import", epilog=SHEET_IMPORT_EPILOG)
def sheet_import_cli(
    sheet: Annotated[
        Path,
        typer.Argument(
            help="An edited sheet (.csv or .xlsx) from `review sheet export`.", metavar="FILE"
        ),
    ],
    curator: Annotated[
        str,
        typer.Option("--curator", help="Who made these edits (goes in the log).", metavar="NAME"),
    ],
    db: DbOpt = DEFAULT_DB,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff, write nothing.")
    ] = False,
) -> None:
    """Validate an edited sheet, print what changes, and record each change as an event."""
    from extractor.web.sheet import SheetError, apply_import, plan_import, read_sheet

    curator = curator.strip()
    if not 1 <= len(curator) <= 64:
        _fail("--curator must be 1-64 characters")
    store = _open_store(db)
    try:
        rows = read_sheet(sheet)
    except SheetError as err:
        _fail(str(err))
    plan = plan_import(store, rows, where=str(sheet))
    for c in plan.changes:
        typer.echo(c.describe())
    for msg in (*plan.errors, *plan.conflicts):
        typer.echo(f"error: {msg}", err=True)
    if not plan.ok:
        counts = f"{len(plan.errors)} invalid value(s), {len(plan.conflicts)} conflict(s)"
        _fail(f"{sheet}: {counts}; nothing imported")
    if dry_run:
        typer.echo(f"{len(plan.changes)} change(s) (dry run, nothing written)", err=True)
        return
    n = apply_import(store, plan, curator)
    typer.echo(f"{n} change(s) imported as events by {curator}", err=True)
