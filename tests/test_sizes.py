"""Short modules and short functions (issue 15): no module over 500 lines, no function over 60.

A function may run longer when its docstring says why, in a sentence starting "Kept whole"
(a state machine read better in one piece, say). Lines count from ``def`` to the last line of
the body, as ``ast`` gives them: decorators are not counted, a signature is. The parts of the
package still being split by their own issue items are listed below; the list may only shrink.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "extractor"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
REASON = "Kept whole"

# Modules and functions let past the limits without a reason in their docstring: none. A new
# entry needs the reason it cannot be split, in the commit that adds it.
KNOWN_LONG_MODULES: set[str] = set()
KNOWN_LONG_FUNCTIONS: set[str] = set()


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path, root: Path = PACKAGE) -> str:
    return path.relative_to(root).as_posix()


def _long_functions(path: Path, root: Path = PACKAGE) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        lines = (node.end_lineno or node.lineno) - node.lineno + 1
        if lines > MAX_FUNCTION_LINES and REASON not in (ast.get_docstring(node) or ""):
            out.append((f"{_name(path, root)}:{node.name}", lines))
    return out


def test_no_module_over_500_lines() -> None:
    long = {
        _name(p): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not {k: n for k, n in long.items() if k not in KNOWN_LONG_MODULES}


def test_no_function_over_60_lines_without_a_reason() -> None:
    long = [(name, n) for p in _modules() for name, n in _long_functions(p)]
    assert not [(name, n) for name, n in long if name not in KNOWN_LONG_FUNCTIONS]


def test_the_count_sees_a_long_function_and_its_reason(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "short.py").write_text(f"def f():\n{body[: body.rindex(chr(10))]}\n")
    (tmp_path / "long.py").write_text(f"@decorated\ndef f():\n{body}\n")
    (tmp_path / "reasoned.py").write_text(
        f'def f():\n    """{REASON}: one state machine."""\n{body}\n'
    )
    found = {p.name: _long_functions(p, tmp_path) for p in tmp_path.iterdir()}
    assert found == {"short.py": [], "long.py": [("long.py:f", 61)], "reasoned.py": []}
