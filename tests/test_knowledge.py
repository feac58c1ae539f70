"""extractor.knowledge: where the knowledge folder is found, and the one JSON Lines reader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import knowledge
from extractor.knowledge import KnowledgeError, locate, read_jsonl
from tests.conftest import MODELS, REPO, REVIEW_TEXT


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    """No variable from the caller's shell, no saved pipeline selected by an earlier test."""
    monkeypatch.delenv(knowledge.ENV_VAR, raising=False)
    monkeypatch.setattr(knowledge, "_selected", None)


def _folder(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    return root


def test_a_checkout_reads_its_own_models_folder() -> None:
    # editable install / source tree: no packaged copy beside the code, models/ is used
    assert knowledge._packaged() is None
    assert locate() == MODELS.resolve()


def test_the_variable_beats_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = _folder(tmp_path / "mine")
    monkeypatch.setenv(knowledge.ENV_VAR, str(mine))
    assert locate() == mine.resolve()


def test_an_argument_beats_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(knowledge.ENV_VAR, str(_folder(tmp_path / "env")))
    assert locate(tmp_path / "env") == (tmp_path / "env").resolve()
    arg = _folder(tmp_path / "arg")
    assert locate(arg) == arg.resolve()


def test_a_saved_pipeline_beats_the_variable_until_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(knowledge.ENV_VAR, str(_folder(tmp_path / "env")))
    saved = _folder(tmp_path / "pipe" / knowledge.SAVED)
    knowledge.use_saved(tmp_path / "pipe")
    assert locate() == saved.resolve()
    knowledge.use(None)
    assert locate() == (tmp_path / "env").resolve()


def test_a_pipeline_directory_without_knowledge_selects_nothing(tmp_path: Path) -> None:
    (tmp_path / "pipe").mkdir()
    knowledge.use_saved(tmp_path / "pipe")
    assert locate() == MODELS.resolve()


def test_a_missing_folder_is_one_line_naming_it_and_where_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(knowledge.ENV_VAR, str(tmp_path / "gone"))
    with pytest.raises(KnowledgeError) as err:
        locate()
    assert str(err.value) == f"{tmp_path / 'gone'}: knowledge folder not found ($EXTRACTOR_MODELS)"


def test_the_record_cues_and_the_pipeline_config_ask_the_same_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.batch import models_dir
    from extractor.pipeline import default_config_path
    from extractor.records.lexicon import models_dir as records_dir

    mine = _folder(tmp_path / "mine")
    monkeypatch.setenv(knowledge.ENV_VAR, str(mine))
    assert default_config_path() == mine.resolve() / "config.cfg"
    assert records_dir() == mine.resolve() / "records"
    assert models_dir() == mine.resolve()


# --------------------------------------------------------------------------- read_jsonl


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_rows_come_with_their_file_line_numbers(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, '{"id": "a", "source": "x"}', "", '{"id": "b", "source": "y"}')
    got = list(read_jsonl(path, allowed={"id", "source"}, required=("source",)))
    assert got == [(1, {"id": "a", "source": "x"}), (3, {"id": "b", "source": "y"})]


@pytest.mark.parametrize(
    ("third_line", "reason"),
    [
        ('{"id": "c", ', "not valid JSON (Expecting property name enclosed in double quotes)"),
        ('["c"]', "a row must be a JSON object"),
        ('{"id": "c", "source": "z", "wieght": 2}', "unknown key(s) wieght"),
        ('{"id": "c", "source": ""}', "missing source"),
    ],
)
def test_a_bad_row_is_named_by_file_and_line(tmp_path: Path, third_line: str, reason: str) -> None:
    # the blank second line still counts: the number is the editor's line number
    path = _jsonl(tmp_path, '{"id": "a", "source": "x"}', "", third_line)
    with pytest.raises(KnowledgeError) as err:
        list(read_jsonl(path, allowed={"id", "source"}, required=("source",)))
    assert str(err.value) == f"{path}:3: {reason}"


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"rows\.jsonl: cannot read"):
        list(read_jsonl(tmp_path / "rows.jsonl"))


def test_every_shipped_jsonl_file_reads_cleanly() -> None:
    files = sorted(p for part in knowledge.RUNTIME_PARTS for p in (MODELS / part).rglob("*.jsonl"))
    assert len(files) > 15
    for path in files:
        assert list(read_jsonl(path)), path


# --------------------------------------------------------------------------- saved pipelines


@pytest.mark.slow
def test_a_saved_pipeline_carries_its_knowledge(tmp_path: Path) -> None:
    """Saved, then loaded in a process where the variable names a missing folder: the saved
    knowledge comes first, so the review's output is the checkout's, byte for byte."""
    saved = tmp_path / "saved"
    code = (
        "import sys; from extractor.knowledge import save_pipeline; "
        "from extractor.pipeline import load_pipeline; "
        "save_pipeline(load_pipeline(), sys.argv[1])"
    )
    subprocess.run([sys.executable, "-c", code, str(saved)], check=True, cwd=tmp_path)
    for part in knowledge.RUNTIME_PARTS:
        assert (saved / knowledge.SAVED / part).exists(), part
    extract = (
        "import sys; from extractor.extract import process_path; "
        "from extractor.io import dumps_line; from extractor.pipeline import load_pipeline; "
        "nlp = load_pipeline(sys.argv[2] if len(sys.argv) > 2 else None); "
        "sys.stdout.write(dumps_line(process_path(sys.argv[1], nlp).to_dict()))"
    )
    env = {k: v for k, v in os.environ.items() if k != knowledge.ENV_VAR}
    from_saved = subprocess.run(
        [sys.executable, "-c", extract, str(REVIEW_TEXT), str(saved)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**env, knowledge.ENV_VAR: str(tmp_path / "missing")},
    ).stdout
    from_checkout = subprocess.run(
        [sys.executable, "-c", extract, str(REVIEW_TEXT)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=env,
    ).stdout
    line = json.loads(from_saved)
    assert len(line["entities"]) > 100 and line["records"]
    assert from_saved == from_checkout


# --------------------------------------------------------------------------- what the wheel ships

# models/ entries that build the knowledge and are not read at run time
BUILD_INPUTS = ("README.md", "build_lexicons.py", "curated")


def test_every_runtime_part_of_models_is_mapped_into_the_wheel() -> None:
    """A new folder under models/ must be shipped (RUNTIME_PARTS and pyproject's force-include)
    or named a build input here; otherwise an installed copy would run without it."""
    import tomllib

    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    mapped = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert mapped == {
        f"models/{part}": f"extractor/{knowledge.PACKAGED}/{part}"
        for part in knowledge.RUNTIME_PARTS
    }
    present = {p.name for p in MODELS.iterdir() if p.name != "__pycache__"}
    assert present - set(BUILD_INPUTS) == set(knowledge.RUNTIME_PARTS)
