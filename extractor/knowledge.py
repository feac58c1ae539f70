"""Where the knowledge lives: the one lookup for every stage that reads curated data at run time.

The knowledge folder holds ``config.cfg`` (the entity pipeline), ``lexicons/``, ``patterns/``
and ``records/`` (record cues, disease inducers). It is ``models/`` in the repository and
``extractor/_models`` inside an installed wheel (the build maps one onto the other), so an
installed package never looks for a repository beside it.

The folder is found once per call, first match wins:

1. the folder passed as an argument;
2. the knowledge a saved pipeline carries (``save_pipeline`` writes it, ``load_pipeline``
   of that directory selects it with ``use``);
3. ``$EXTRACTOR_MODELS``;
4. the copy installed with the package (``importlib.resources``);
5. the checkout's ``models/`` (an editable install or a run from source).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection, Iterator
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "ENV_VAR",
    "KnowledgeError",
    "locate",
    "read_jsonl",
    "save_pipeline",
    "use",
    "use_saved",
]

ENV_VAR = "EXTRACTOR_MODELS"
PACKAGED = "_models"  # extractor/_models in the wheel (pyproject.toml, force-include)
SAVED = "knowledge"  # the folder inside a saved pipeline directory
# What the stages read at run time; ``save_pipeline`` copies these and the wheel ships them.
RUNTIME_PARTS = ("config.cfg", "lexicons", "patterns", "records")

_selected: Path | None = None


class KnowledgeError(ExtractorError):
    """No knowledge folder, or a data file in it is malformed; the message names the path."""


def locate(folder: str | Path | None = None) -> Path:
    """The knowledge folder (see the module docstring for the order).

    Raises:
        KnowledgeError: an explicit or ``$EXTRACTOR_MODELS`` folder that does not exist, or
            no folder found at all (the message lists where it looked).
    """
    if folder is not None:
        return _existing(Path(folder), "given folder")
    if _selected is not None:
        return _selected
    env = os.environ.get(ENV_VAR)
    if env:
        return _existing(Path(env), f"${ENV_VAR}")
    tried = []
    for candidate in (_packaged(), _checkout()):
        if candidate is None:
            continue
        if (candidate / "config.cfg").is_file():
            return candidate
        tried.append(str(candidate))
    raise KnowledgeError(
        f"no knowledge folder found (looked in {', '.join(tried) or 'nothing'}); "
        f"set {ENV_VAR} to a folder holding config.cfg"
    )


def use(folder: str | Path | None) -> None:
    """Make ``folder`` the process's knowledge (a saved pipeline's); ``None`` undoes it.

    Call it before the first document is processed: the record stage caches what it read.
    """
    global _selected
    _selected = None if folder is None else _existing(Path(folder), "saved pipeline")


def use_saved(pipeline_dir: str | Path) -> None:
    """Select the knowledge a directory written by ``save_pipeline`` carries, if it has any."""
    carried = Path(pipeline_dir) / SAVED
    if carried.is_dir():
        use(carried)


def save_pipeline(nlp: Language, directory: str | Path) -> Path:
    """``nlp.to_disk(directory)`` plus the knowledge the later stages read at run time.

    The entity components serialise their own data; the record cues and the dose filters'
    agent list are read from the knowledge folder, so a copy goes to ``directory/knowledge``
    and ``load_pipeline(directory)`` uses it, wherever the directory is moved.
    """
    out = Path(directory)
    nlp.to_disk(out)
    source = locate()
    target = out / SAVED
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    for part in RUNTIME_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.is_file():
            shutil.copy2(src, target / part)
    return out


def read_jsonl(
    path: str | Path,
    *,
    allowed: Collection[str] | None = None,
    required: Collection[str] = (),
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, row)`` for each non-blank line of a JSON Lines data file.

    Every problem is one ``file:line: reason`` error: unreadable file, invalid JSON, a line
    that is not an object, a key outside ``allowed`` (when given), a ``required`` key missing.
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise KnowledgeError(f"{p}: cannot read ({err.strerror or err})") from err
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise KnowledgeError(f"{p}:{n}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise KnowledgeError(f"{p}:{n}: a row must be a JSON object")
        if allowed is not None:
            unknown = sorted(set(row) - set(allowed))
            if unknown:
                raise KnowledgeError(f"{p}:{n}: unknown key(s) {', '.join(unknown)}")
        missing = [k for k in required if row.get(k) in (None, "")]
        if missing:
            raise KnowledgeError(f"{p}:{n}: missing {', '.join(missing)}")
        yield n, row


def _existing(path: Path, how: str) -> Path:
    if not path.is_dir():
        raise KnowledgeError(f"{path}: knowledge folder not found ({how})")
    return path.resolve()


def _packaged() -> Path | None:
    """``extractor/_models`` of an installed wheel; ``None`` in a checkout (not built there)."""
    root = files("extractor").joinpath(PACKAGED)
    return Path(str(root)) if root.is_dir() else None


def _checkout() -> Path | None:
    """``models/`` beside the package: an editable install or a run from the source tree."""
    path = Path(__file__).resolve().parents[1] / "models"
    return path if path.is_dir() else None
