"""`extractor review ...` in-process through Typer's CliRunner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from flask import Flask
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io import read_jsonl
from extractor.web.store import EventStore

runner = CliRunner()


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    calls: list[tuple[str, int]] = []
    import extractor.web.app as web_app

    def fake_serve(app: Flask, *, host: str, port: int, **kw: object) -> None:
        assert isinstance(app, Flask)
        calls.append((host, port))

    monkeypatch.setattr(web_app, "serve", fake_serve)
    return calls


def test_serve_loads_and_binds_loopback(tmp_path: Path, docs_path: Path, no_server: list) -> None:
    db = tmp_path / "c.sqlite"
    r = runner.invoke(app, ["review", "serve", str(docs_path), "--db", str(db), "--port", "8799"])
    assert r.exit_code == 0, r.output
    assert no_server == [("127.0.0.1", 8799)]
    assert "3 document(s) loaded" in r.output and "warning" not in r.output
    assert EventStore(db).doc_ids() == ["trial-a", "xss-doc", "broken"]


@pytest.mark.parametrize(
    "args",
    [
        ["review", "{docs}", "--db", "{db}", "--port", "8798"],  # the short form
        ["review", "--db", "{db}", "{docs}", "--port", "8798"],
        ["review", "serve", "{docs}", "--db", "{db}", "--port", "8798"],
    ],
)
def test_review_without_subcommand_serves(
    tmp_path: Path, docs_path: Path, no_server: list, args: list[str]
) -> None:
    db = tmp_path / "c.sqlite"
    argv = [a.format(docs=docs_path, db=db) for a in args]
    r = runner.invoke(app, argv)
    assert r.exit_code == 0, r.output
    assert no_server == [("127.0.0.1", 8798)]
    assert EventStore(db).doc_ids() == ["trial-a", "xss-doc", "broken"]


def test_review_subcommands_still_win(tmp_path: Path, no_server: list) -> None:
    r = runner.invoke(app, ["review", "log", "--db", str(tmp_path / "missing.sqlite")])
    assert no_server == [] and r.exit_code != 0
    assert "Usage" in runner.invoke(app, ["review", "--help"]).output


def test_serve_elsewhere_warns(tmp_path: Path, docs_path: Path, no_server: list) -> None:
    r = runner.invoke(
        app,
        [
            "review",
            "serve",
            str(docs_path),
            "--db",
            str(tmp_path / "c.sqlite"),
            "--host",
            "0.0.0.0",
        ],
    )
    assert r.exit_code == 0
    assert "warning: binding 0.0.0.0" in r.output


def test_serve_bad_input_is_one_line(tmp_path: Path, no_server: list) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a", "text": "x"}\nnot json\n', encoding="utf-8")
    r = runner.invoke(app, ["review", "serve", str(bad), "--db", str(tmp_path / "c.sqlite")])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == [f"error: {bad}:2: not valid JSON (Expecting value)"]
    assert no_server == []
    assert list(tmp_path.iterdir()) == [bad], "a refused start leaves no database behind"


def test_refused_start_keeps_an_existing_database(
    tmp_path: Path, docs_path: Path, no_server: list
) -> None:
    db = tmp_path / "c.sqlite"
    assert runner.invoke(app, ["review", str(docs_path), "--db", str(db)]).exit_code == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    assert runner.invoke(app, ["review", str(bad), "--db", str(db)]).exit_code == 1
    assert EventStore(db).doc_ids() == ["trial-a", "xss-doc", "broken"]


@pytest.mark.slow
def test_review_accepts_the_batch_output_of_the_repository_corpus(
    tmp_path: Path, no_server: list
) -> None:
    """`make run`'s own out/documents.jsonl: corpus/ holds one paper as .txt, .pdf and .xml."""
    from extractor.batch import run_batch
    from tests.conftest import CORPUS

    out, db = tmp_path / "out", tmp_path / "c.sqlite"
    summary = run_batch(CORPUS, out, workers=1)
    assert summary["failed"] == 0
    r = runner.invoke(app, ["review", str(out / "documents.jsonl"), "--db", str(db)])
    assert r.exit_code == 0, r.output
    ids = EventStore(db).doc_ids()
    assert len(ids) == len(set(ids)) == summary["inputs"] == 3
    assert sorted(ids) == [f"fimmu-2025-1617157.{x}" for x in ("pdf", "txt", "xml")]


def test_export_without_db_fails_clearly(tmp_path: Path) -> None:
    r = runner.invoke(
        app,
        [
            "review",
            "export",
            "--db",
            str(tmp_path / "none.sqlite"),
            "-o",
            str(tmp_path / "o.jsonl"),
        ],
    )
    assert r.exit_code == 1 and "no such curation database" in r.output


def test_export_then_gold_check(store: EventStore, tmp_path: Path) -> None:
    from extractor.web.actions import entity_change

    out = tmp_path / "curated.jsonl"
    argv = ["review", "export", "--db", str(store.path), "-o", str(out), "--strict"]
    r = runner.invoke(app, argv)
    # the pipeline labelled IL-6 a CELL: not gold until a curator relabels it
    assert r.exit_code == 1
    assert "not yet gold: trial-a: entity 8: CELL norm 'IL-6' names a cytokine" in r.output
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e8", "relabel", 0, label="CYTOKINE")], "ann")
    r = runner.invoke(app, argv)
    assert r.exit_code == 1 and "entity 8: norm must be a non-empty string" in r.output
    st = store.state("trial-a")
    store.apply("trial-a", [entity_change(st, "e8", "norm", 1, norm="IL-6")], "ann")
    r = runner.invoke(app, argv)
    assert r.exit_code == 0, r.output
    assert "2 document(s), 12 entities, 1 records; 1 failed document(s) left out" in r.output
    assert [d["doc_id"] for d in read_jsonl(out)] == ["trial-a", "xss-doc"]
    r = runner.invoke(app, ["gold", "check", str(out)])
    assert r.exit_code == 0, r.output


def test_export_strict_fails_on_an_incomplete_record(store: EventStore, tmp_path: Path) -> None:
    from extractor.web.actions import field_change

    store.apply("trial-a", [field_change(store.state("trial-a"), "r0", "model", "", 0)], "ann")
    r = runner.invoke(
        app,
        ["review", "export", "--db", str(store.path), "-o", str(tmp_path / "o.jsonl"), "--strict"],
    )
    assert r.exit_code == 1
    assert "not yet gold: trial-a: record 0 (chen): model has type NoneType" in r.output


def test_sheet_round_trip_cli(store: EventStore, tmp_path: Path) -> None:
    sheet = tmp_path / "records.csv"
    r = runner.invoke(app, ["review", "sheet", "export", "--db", str(store.path), "-o", str(sheet)])
    assert r.exit_code == 0 and "1 record row(s)" in r.output
    with open(sheet, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["year"] = "2019"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    args = ["review", "sheet", "import", str(sheet), "--db", str(store.path), "--curator", "dan"]
    r = runner.invoke(app, [*args, "--dry-run"])
    assert r.exit_code == 0 and "trial-a chen [r0] year: '' → '2019'" in r.output
    assert store.events() == []
    r = runner.invoke(app, args)
    assert r.exit_code == 0 and "1 change(s) imported as events by dan" in r.output
    assert store.state("trial-a").record("r0")["year"] == 2019
    r = runner.invoke(app, ["review", "log", "--db", str(store.path)])
    assert '"curator": "dan"' in r.output and '"after": 2019' in r.output


def test_export_to_stdout(store: EventStore) -> None:
    r = runner.invoke(app, ["review", "export", "--db", str(store.path), "-o", "-"])
    assert r.exit_code == 0
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["doc_id"] for d in lines] == ["trial-a", "xss-doc"]


def test_serve_without_documents_needs_an_existing_db(tmp_path: Path, no_server: list) -> None:
    r = runner.invoke(app, ["review", "serve", "--db", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 1 and "no such curation database" in r.output
    assert no_server == []
