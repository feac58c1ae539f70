"""``extractor.io``: atomic writes land whole and with the mode a plain ``open`` would give."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.io import atomic_open, read_jsonl, write_jsonl


@pytest.fixture(params=[0o022, 0o027, 0o077])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_file_gets_0666_less_the_umask(tmp_path: Path, umask: int) -> None:
    out = tmp_path / "out.jsonl"
    write_jsonl(out, [{"a": 1}])
    assert _mode(out) == 0o666 & ~umask
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    assert _mode(out) == _mode(plain)


def test_binary_and_replaced_files_too(tmp_path: Path, umask: int) -> None:
    out = tmp_path / "t.parquet"
    with atomic_open(out, "wb") as fh:
        fh.write(b"1")
    with atomic_open(out, "wb") as fh:  # replacing keeps the usual mode, not 0600
        fh.write(b"2")
    assert _mode(out) == 0o666 & ~umask and out.read_bytes() == b"2"


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_jsonl(out, [{"a": 1}])
    with pytest.raises(RuntimeError), atomic_open(out) as fh:
        fh.write("half")
        raise RuntimeError("stop")
    assert list(read_jsonl(out)) == [{"a": 1}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
