"""Data flows one way: Document -> Doc -> mentions -> records -> evaluation -> report.

Every import inside the package (module level or deferred inside a function) goes from a
stage to the same stage or one below it; a stage that reached up (the dose filters importing
the record assembler, say) would make the lower stage unusable without the higher one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "extractor"

# rank of each top-level part of the package: a module may import its own rank or lower
LAYERS: dict[str, int] = {
    # shared foundations: no stage of their own
    "errors": 0,
    "types": 0,
    "io": 0,
    "knowledge": 0,
    "context": 0,
    "normalize": 0,
    # Document
    "ingest": 1,
    "bibliography": 2,
    # Doc and mentions
    "pipeline": 3,
    "mentions": 3,
    # records
    "records": 4,
    # one document end to end
    "extract": 5,
    # evaluation and curation
    "schema": 6,
    "evaluate": 6,
    "gold": 6,
    # what users run
    "report": 7,
    "web": 7,
    "batch": 7,
    "benchmarks": 7,
    "cli": 8,
    "__main__": 9,
    "__init__": 9,
}


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        out += [(node.lineno, n) for n in names if n.startswith("extractor.")]
    return out


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts)


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in _modules()}
    assert parts <= set(LAYERS), sorted(parts - set(LAYERS))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_to_the_same_stage_or_below(path: Path) -> None:
    here = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    upward = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for line, name in _imports(path)
        if LAYERS[_part(name)] > LAYERS[here]
    ]
    assert upward == []
