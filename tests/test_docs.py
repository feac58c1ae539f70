"""The documentation: generated parts up to date, links that resolve, a README a newcomer can
follow (short, run-on-your-own-paper first, every command listed, no history)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
import typer

from extractor.cli import app

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
DOCS = REPO / "docs"


def _gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_gen", DOCS / "gen.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_parts_are_up_to_date() -> None:
    stale = [str(p.relative_to(REPO)) for p in _gen().stale_files()]
    assert stale == [], f"run: python docs/gen.py ({', '.join(stale)})"


def test_a_stale_part_is_noticed() -> None:
    gen = _gen()
    page = "intro\n<!-- gen:scale -->\n| workers | docs/s |\n| 1 | 99.9 |\n<!-- /gen:scale -->\n"
    rendered = gen.render(page)
    assert rendered != page
    assert gen.scale() in rendered
    assert gen.render(rendered) == rendered


def test_every_generated_part_is_used_somewhere() -> None:
    gen = _gen()
    used = {m.group(2) for p in gen.TARGETS for m in gen.BLOCK.finditer(p.read_text("utf-8"))}
    assert used == set(gen.GENERATORS)


def _pages() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md")), REPO / "CHANGELOG.md"]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_resolve(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.S)
    missing = []
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path = (page.parent / target).resolve()
        if not path.exists():
            missing.append(target)
    assert missing == []


def test_readme_is_a_short_users_guide() -> None:
    raw = README.read_bytes()
    text = raw.decode("utf-8")
    assert len(raw) <= 16_000
    assert not re.search(r"\d{2}:\d{2} UTC|this session", text)
    # no commit hashes: 7+ hex characters mixing letters and digits
    assert not re.findall(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b", text)
    assert "make run" in text and "make test" in text and "pip install ." in text


def test_running_on_your_own_paper_is_on_the_first_screen() -> None:
    first_screen = "\n".join(README.read_text("utf-8").splitlines()[:40])
    assert ".venv/bin/extractor extract my-paper.pdf -o -" in first_screen
    assert "extractor batch papers/ -o out/" in first_screen


def test_every_command_is_in_the_readme_table() -> None:
    text = README.read_text("utf-8")
    listed = set(re.findall(r"^\| `extractor ([a-z]+)", text, flags=re.M))
    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert listed == commands
