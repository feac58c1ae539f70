"""``extractor review``: the curator app, its export to SCHEMA §5, and the spreadsheet round trip.

``review`` is a Typer group whose default is ``serve``: ``extractor review DOCS.jsonl`` and
``extractor review serve DOCS.jsonl`` both start the app; ``export``, ``log`` and ``sheet`` are
the other subcommands.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from extractor.cli import app


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
)
sheet_app = typer.Typer(no_args_is_help=True, help="Records as CSV/XLSX for spreadsheet curation.")
review_app.add_typer(sheet_app, name="sheet")
app.add_typer(review_app, name="review")

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DbOpt = Annotated[Path, typer.Option("--db", help="SQLite event store.")]
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


@review_app.command("serve")
def serve_cli(
    documents: Annotated[
        list[Path] | None, typer.Argument(help="SCHEMA §5 JSONL file(s) to curate.")
    ] = None,
    db: DbOpt = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; loopback by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8765,
) -> None:
    """Start the review app (documents are loaded into --db; rerunning keeps all corrections).

    The app is served by waitress (a production WSGI server) on loopback unless --host says
    otherwise. A start refused for bad input leaves no new database behind.
    """
    from extractor.web.app import create_app, serve
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
    if host in LOOPBACK:
        allowed: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
    elif host in ("0.0.0.0", "::"):
        allowed = ("*",)  # every interface: the names it is reached by are unknown
    else:
        allowed = ("127.0.0.1", "localhost", "::1", host)
    try:
        serve(create_app(store, allowed_hosts=allowed), host=host, port=port)
    except OSError as err:  # port taken, address not local: one line
        _fail(f"cannot serve on {shown}:{port}: {err.strerror or err}")


def _remove_database(db: Path) -> None:
    """Delete a database this command created and could not fill (and SQLite's side files)."""
    for p in (db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))):
        p.unlink(missing_ok=True)


@review_app.command("export")
def export_cli(
    out: Annotated[Path, typer.Option("-o", "--out", help="Output JSONL ('-' for stdout).")],
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
    """Write the curated documents as SCHEMA §5 JSONL."""
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


@review_app.command("log")
def log_cli(
    db: DbOpt = DEFAULT_DB, doc_id: Annotated[str | None, typer.Option("--doc")] = None
) -> None:
    """Print the event log (one JSON object per correction)."""
    store = _open_store(db)
    for ev in store.events(doc_id):
        typer.echo(json.dumps(ev.to_dict(), ensure_ascii=False))


@sheet_app.command("export")
def sheet_export_cli(
    out: Annotated[Path, typer.Option("-o", "--out", help="records.csv or records.xlsx")],
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


@sheet_app.command("import")
def sheet_import_cli(
    sheet: Annotated[Path, typer.Argument(help="An edited sheet from `review sheet export`.")],
    curator: Annotated[
        str, typer.Option("--curator", help="Who made these edits (goes in the log).")
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
