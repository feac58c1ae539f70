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
    umask = os.umask(0o022)
    os.umask(umask)
    for f in (tmp_path / "out").iterdir():  # the usual mode, not mkstemp's 0600
        assert f.stat().st_mode & 0o777 == 0o666 & ~umask, f


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
    assert summary["failed"] == 0


def test_dask_local_cluster_gives_the_same_outputs(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    _corpus(tmp_path / "in", ["A", "RAISE", "C", "D", "E"])
    local = run_batch(tmp_path / "in", tmp_path / "local", workers=2, processor=MAKE)
    dask = run_batch(tmp_path / "in", tmp_path / "dask", workers=2, engine="dask", processor=MAKE)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "meta"} for r in rows]  # noqa: E731
    assert strip(_lines(tmp_path / "dask")) == strip(_lines(tmp_path / "local"))
    assert dask["engine"] == "dask" and dask["failed"] == local["failed"] == 1
    again = run_batch(tmp_path / "in", tmp_path / "dask", workers=2, engine="dask", processor=MAKE)
    assert (again["processed"], again["skipped_already_done"], again["failed"]) == (0, 4, 1)


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


def _run_cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "extractor", "batch", *args, "--processor", MAKE, "--workers", "2"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_exit_status_and_one_set_of_counts_on_first_run_and_rerun(tmp_path: Path) -> None:
    """6 of 7 inputs fail: exit 1 (0 with --allow-failures); the bar, the summary line and
    summary.json agree, on the first run and on a rerun that keeps the failures."""
    _corpus(tmp_path / "in", ["ok"] + ["RAISE"] * 6)
    out = tmp_path / "out"
    for attempt in ("first", "rerun"):
        r = _run_cli([str(tmp_path / "in"), "-o", str(out)])
        assert r.returncode == 1, (attempt, r.stderr)
        summary = json.loads((out / "summary.json").read_text())
        counts = (summary["processed"], summary["skipped_already_done"], summary["failed"])
        assert counts == ((1, 0, 6) if attempt == "first" else (0, 1, 6))
        assert sum(counts) == summary["inputs"] == 7
        p, s, f = counts
        assert f"7 inputs: {p} processed, {s} already done, {f} failed;" in r.stderr
        assert "6 failed" in r.stderr.split("7 inputs:")[0], "the bar shows the same failures"
        assert r.stderr.strip().splitlines()[-1].startswith("error: 6 of 7 inputs failed")
        assert len(pd.read_csv(out / "errors.csv")) == 6
    ok = _run_cli([str(tmp_path / "in"), "-o", str(out), "--allow-failures"])
    assert ok.returncode == 0, ok.stderr
    clean = tmp_path / "clean"
    _corpus(clean, ["A", "B"])
    assert _run_cli([str(clean), "-o", str(tmp_path / "o2"), "--quiet"]).returncode == 0


def _children(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("word", ["HANG", "SLOW"])
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path, word: str) -> None:
    """SIGKILL on the batch process alone: its workers, busy (HANG) or waiting for the next
    document (SLOW), are gone within seconds instead of running on under init."""
    _corpus(tmp_path / "in", [word] * 40)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "extractor", "batch", str(tmp_path / "in"), "-o", str(out),
           "--workers", "2", "--processor", MAKE, "--quiet"]  # fmt: skip
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(workers) < 2:
            workers = _children(proc.pid)
            time.sleep(0.05)
        assert len(workers) == 2, "the batch should have started its two workers"
        if word == "SLOW":  # let some documents finish so the workers sit in recv()
            while time.monotonic() < deadline and not (out / "documents.jsonl").exists():
                time.sleep(0.05)
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        survivors = [p for p in workers if _alive(p)]
        assert survivors == [], "workers outlived their parent"
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_doc_ids_are_unique_when_one_paper_comes_in_three_formats(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for sub, name in (("text", "p.txt"), ("jats", "p.xml"), ("pdf", "p.pdf"), ("text", "q.txt")):
        (root / sub).mkdir(parents=True, exist_ok=True)
        (root / sub / name).write_text(f"W{name} body\n", encoding="utf-8")
    run_batch(root, tmp_path / "out", workers=1, processor=MAKE)
    rows = _lines(tmp_path / "out")
    assert [(r["doc_id"], r["source"]) for r in rows] == [
        ("p.xml", str(root / "jats" / "p.xml")),
        ("p.pdf", str(root / "pdf" / "p.pdf")),
        ("p.txt", str(root / "text" / "p.txt")),
        ("q", str(root / "text" / "q.txt")),
    ]
    # a rerun keeps the ids; a new input sharing a stem gives the old one its file name
    (root / "q.md").write_text("Wq body\n", encoding="utf-8")
    again = run_batch(root, tmp_path / "out", workers=1, processor=MAKE)
    assert [r["doc_id"] for r in _lines(tmp_path / "out")] == [
        "p.xml", "p.pdf", "q.md", "p.txt", "q.txt"
    ]
    assert (again["processed"], again["skipped_already_done"]) == (2, 3)
