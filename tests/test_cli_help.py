"""The CLI help reads like a manual: placeholders in words, help on every option, examples."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
import typer
from typer.testing import CliRunner

from extractor.cli import app

ROOT = typer.main.get_command(app)

# Commands whose help ends with examples (an epilog).
WITH_EXAMPLES = {
    "ingest",
    "extract",
    "batch",
    "review",
    "review serve",
    "review export",
    "review log",
    "review sheet",
    "review sheet export",
    "review sheet import",
    "evaluate",
    "bench",
    "validate",
    "gold check",
    "gold build",
    "gold agree",
    "report",
}


def _commands(group: click.Command, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, cmd in getattr(group, "commands", {}).items():
        path = f"{prefix} {name}".strip()
        yield path, cmd
        yield from _commands(cmd, path)


COMMANDS = dict(_commands(ROOT))


def _help(path: str) -> str:
    res = CliRunner().invoke(
        app, [*path.split(), "--help"], env={"COLUMNS": "100"}, prog_name="extractor"
    )
    assert res.exit_code == 0, res.output
    return res.output


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_no_python_type_names_in_help(path: str) -> None:
    text = _help(path)
    found = re.findall(r"<(?:bool|int|float|str|path|list\[[^\]]*\])[^>]*>|\{[a-z_]+\}", text)
    assert found == [], found


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_option_and_argument_has_help(path: str) -> None:
    missing = [
        p.name
        for p in COMMANDS[path].params
        if not getattr(p, "help", None) and not getattr(p, "hidden", False)
    ]
    assert missing == []


@pytest.mark.parametrize("path", sorted(WITH_EXAMPLES))
def test_help_ends_with_examples(path: str) -> None:
    text = _help(path)
    assert "Examples" in text
    assert f"extractor {path}" in text.split("Examples", 1)[1]


def test_usage_names_arguments_in_capitals() -> None:
    assert "Usage: extractor batch [OPTIONS] DIR" in _help("batch")
    assert "Usage: extractor validate [OPTIONS] PATH..." in _help("validate")
