from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extractor.batch import BatchError, discover, journal, run_batch
from extractor.batch.pool import WorkerStartError
from extractor.cli import app

FAKE = str(Path(__file__).with_name("fake_processor.py"))
MAKE = f"{FAKE}:make"


def _corpus(root: Path, words: list[str]) -> list[Path]:
    paths = []
    for i, word in enumerate(words):
        sub = root / ("a" if i % 2 else "b") / f"doc{i:03d}.txt"
        sub.parent.mkdir(parents=True, exist_ok=True)
        sub.write_text(f"{word} body of document {i}\n", encoding="utf-8")
        paths.append(sub)
    (root / "notes.docx").write_bytes(b"ignored: unsupported suffix")
    return sorted(paths)


def _lines(out: Path) -> list[dict]:
    raw = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in raw]


def test_discover_is_recursive_sorted_and_skips_unsupported(tmp_path: Path) -> None:
    paths = _corpus(tmp_path, ["ADMSCs", "exosomes", "IL-4"])
    assert discover(tmp_path) == paths


def test_batch_writes_every_output_in_input_order(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", [f"W{i}" for i in range(7)])
    summary = run_batch(tmp_path / "in", tmp_path / "out", workers=2, processor=MAKE)
    rows = _lines(tmp_path / "out")
    assert [r["source"] for r in rows] == [str(p) for p in inputs]
    assert [r["entities"][0]["text"] for r in rows] == [p.read_text().split()[0] for p in inputs]
    assert summary["processed"] == 7 and summary["failed"] == 0 and summary["workers"] == 2
    assert summary["max_worker_peak_rss_mb"] > 0
    ents = pd.read_parquet(tmp_path / "out" / "entities.parquet")
    assert list(ents.columns) == ["doc_id", "source", "label", "start", "end", "text", "norm", "confidence"]
    assert len(ents) == 7
    records = pd.read_csv(tmp_path / "out" / "records.csv")
    assert list(records["routes"]) == ["i.v."] * 7
    assert (tmp_path / "out" / "errors.csv").read_text().splitlines() == ["file,stage,message"]
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["inputs"] == 7


def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    _corpus(tmp_path / "in", ["ok", "RAISE", "ok", "CRASH", "HANG", "ok"])
    summary = run_batch(tmp_path / "in", tmp_path / "out", workers=2, timeout=3, processor=MAKE)
    rows = _lines(tmp_path / "out")
    assert len(rows) == 6
    stages = {Path(r["source"]).name: r["meta"].get("error_stage") for r in rows if r["error"]}
    assert stages == {"doc001.txt": "process", "doc003.txt": "crash", "doc004.txt": "timeout"}
    assert summary["failed"] == 3
    errors = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert sorted(errors["stage"]) == ["crash", "process", "timeout"]
    assert all(str(tmp_path) in m for m in errors["message"])
    # the good documents all came through
    assert sum(1 for r in rows if not r["error"]) == 3


def test_rerun_skips_done_inputs_redoes_changed_ones_and_force_redoes_all(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", ["A", "B", "C", "D"])
    first = run_batch(tmp_path / "in", tmp_path / "out", workers=1, processor=MAKE)
    assert first["processed"] == 4
    again = run_batch(tmp_path / "in", tmp_path / "out", workers=1, processor=MAKE)
    assert (again["processed"], again["skipped_already_done"]) == (0, 4)
    inputs[2].write_text("Z changed\n", encoding="utf-8")
    changed = run_batch(tmp_path / "in", tmp_path / "out", workers=1, processor=MAKE)
    assert (changed["processed"], changed["skipped_already_done"]) == (1, 3)
    rows = _lines(tmp_path / "out")
    assert len(rows) == 4 and rows[2]["entities"][0]["text"] == "Z"
    forced = run_batch(tmp_path / "in", tmp_path / "out", workers=1, force=True, processor=MAKE)
    assert forced["processed"] == 4 and len(_lines(tmp_path / "out")) == 4


def test_recover_cuts_a_torn_tail_and_keeps_complete_lines(tmp_path: Path) -> None:
    path = tmp_path / "documents.jsonl"
    path.write_text('{"doc_id": "a"}\n{"doc_id": "b"}\n{"doc_id": "c", "tex', encoding="utf-8")
    assert [r["doc_id"] for r in journal.recover(path)] == ["a", "b"]
    assert path.read_text(encoding="utf-8") == '{"doc_id": "a"}\n{"doc_id": "b"}\n'


@pytest.mark.slow
def test_sigkill_halfway_then_rerun_gives_every_input_exactly_once(tmp_path: Path) -> None:
    n = 48  # 0.3 s each on 2 workers: the kill at n/3 leaves seconds of margin on a loaded CI
    _corpus(tmp_path / "in", ["SLOW"] * n)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o", str(out),
           "--workers", "2", "--processor", MAKE, "--quiet"]  # fmt: skip
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = out / "documents.jsonl"
        if done.exists() and done.read_bytes().count(b"\n") >= n // 3:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
    proc.wait()
    partial = (out / "documents.jsonl").read_bytes().count(b"\n")
    assert n // 3 <= partial < n, "the kill should land halfway"
    assert not (out / "summary.json").exists()

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    rows = _lines(out)
    assert sorted(Path(r["source"]).name for r in rows) == [f"doc{i:03d}.txt" for i in range(n)]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["skipped_already_done"] >= partial - 2  # at most the in-flight lines are redone
    assert summary["processed"] + summary["skipped_already_done"] == n


def test_dask_local_cluster_gives_the_same_outputs(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    inputs = _corpus(tmp_path / "in", ["A", "RAISE", "C", "D", "E"])
    local = run_batch(tmp_path / "in", tmp_path / "local", workers=2, processor=MAKE)
    dask = run_batch(tmp_path / "in", tmp_path / "dask", workers=2, engine="dask", processor=MAKE)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "meta"} for r in rows]  # noqa: E731
    assert strip(_lines(tmp_path / "dask")) == strip(_lines(tmp_path / "local"))
    assert dask["engine"] == "dask" and dask["failed"] == local["failed"] == 1
    again = run_batch(tmp_path / "in", tmp_path / "dask", workers=2, engine="dask", processor=MAKE)
    assert again["processed"] == 0 and again["skipped_already_done"] == len(inputs)


def test_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="no supported files"):
        run_batch(tmp_path, tmp_path / "out", processor=MAKE)
    _corpus(tmp_path / "in", ["A"])
    with pytest.raises(WorkerStartError, match="pipeline files missing"):
        run_batch(tmp_path / "in", tmp_path / "out", processor=f"{FAKE}:broken")
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing'}: not a folder" in result.output.splitlines()[-1]


def test_pipeline_hash_changes_with_models_and_with_code(tmp_path: Path) -> None:
    from extractor.batch import pipeline_hash

    models, package = tmp_path / "models", tmp_path / "pkg"
    (models / "lexicons").mkdir(parents=True)
    (package / "__pycache__").mkdir(parents=True)
    (models / "lexicons" / "cells.jsonl").write_text('{"name": "T cell"}\n', encoding="utf-8")
    (package / "rules.py").write_text("LIMIT = 3\n", encoding="utf-8")
    first = pipeline_hash(models, package)
    assert pipeline_hash(models, package) == first  # deterministic
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\x00compiled")
    assert pipeline_hash(models, package) == first  # bytecode caches do not count
    (package / "rules.py").write_text("LIMIT = 4\n", encoding="utf-8")
    second = pipeline_hash(models, package)
    assert second != first  # an edited rule redoes the batch
    (models / "lexicons" / "cells.jsonl").write_text('{"name": "B cell"}\n', encoding="utf-8")
    assert pipeline_hash(models, package) not in (first, second)
