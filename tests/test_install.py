"""A plain install works anywhere: build the wheel, install it (not editable) into a fresh
virtual environment, run ``extractor extract`` on the review from a folder outside the
checkout, and get the checkout's output byte for byte.

The fresh environment gets the project's dependencies by pointing a ``.pth`` line at this
interpreter's site-packages (offline, seconds instead of minutes); that line adds the folder
to ``sys.path`` without running the editable install's own ``.pth`` hook in it, so the only
``extractor`` the fresh environment can import is the wheel's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from extractor import knowledge
from tests.conftest import MODELS, REPO, REVIEW_TEXT

pytestmark = pytest.mark.slow

_ENV = {k: v for k, v in os.environ.items() if k not in (knowledge.ENV_VAR, "PYTHONPATH")}


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(cmd, cwd=cwd, env=_ENV, capture_output=True, text=True, check=False)
    assert res.returncode == 0, f"{' '.join(cmd)}\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(REPO)],
        cwd=dist,
    )
    (built,) = dist.glob("extractor-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fresh environment's folder, the wheel installed in it."""
    env = tmp_path_factory.mktemp("fresh") / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        cwd=env,
    )
    return env


def test_the_wheel_ships_every_knowledge_file_the_stages_read(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        shipped = {n for n in zf.namelist() if n.startswith(f"extractor/{knowledge.PACKAGED}/")}
    expected = {
        f"extractor/{knowledge.PACKAGED}/{p.relative_to(MODELS).as_posix()}"
        for part in knowledge.RUNTIME_PARTS
        for p in ([MODELS / part] if (MODELS / part).is_file() else (MODELS / part).rglob("*"))
        if p.is_file()
    }
    assert f"extractor/{knowledge.PACKAGED}/records/inducers.jsonl" in expected
    assert shipped == expected


def test_the_installed_package_reads_its_own_copy(fresh: Path, tmp_path: Path) -> None:
    code = "import extractor, extractor.knowledge as k; print(extractor.__file__, k.locate())"
    out = _run([str(fresh / "bin" / "python"), "-c", code], cwd=tmp_path).stdout.split()
    assert Path(out[0]).is_relative_to(fresh)
    assert Path(out[1]) == Path(out[0]).parent / knowledge.PACKAGED


def test_an_installed_extract_matches_the_checkout_byte_for_byte(
    fresh: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    _run(
        [str(fresh / "bin" / "extractor"), "extract", str(REVIEW_TEXT), "-o", "installed.jsonl"],
        cwd=outside,
    )
    _run(
        [
            sys.executable,
            "-m",
            "extractor",
            "extract",
            str(REVIEW_TEXT),
            "-o",
            str(tmp_path / "checkout.jsonl"),
        ],
        cwd=REPO,
    )
    installed = (outside / "installed.jsonl").read_text(encoding="utf-8")
    checkout = (tmp_path / "checkout.jsonl").read_text(encoding="utf-8")
    got, want = json.loads(installed), json.loads(checkout)
    assert got.get("error") is None
    assert len(want["entities"]) > 100 and len(want["records"]) > 5
    for key in ("entities", "records"):
        assert json.dumps(got[key], ensure_ascii=False) == json.dumps(want[key], ensure_ascii=False)
    assert installed == checkout
