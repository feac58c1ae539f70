"""cell_lines: the candidate scan keeps exactly the runs the plain rules keep."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.pipeline.cell_lines import _CANDIDATE_RUN, _run_start

PIECES = ["a", "A", "h", "DP", "SC", "0", "17", " ", "-", "+", "/", ".", "\u2010", "é"]
PIECES += [" cell", " line", " cells", "\n", ",", "HeLa", "Th", "day", "Vero", "A549", "x"]


def _plain_runs(text: str) -> list[tuple[int, int]]:
    """The rules as first written: every run of letters and digits holding a capital or a
    digit, less those glued to a hyphen or plus, numbers and plain capitalised words."""
    out = []
    for m in re.finditer(r"[A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*", text):
        s, e = m.span()
        tok = m.group()
        if s and text[s - 1] in "-\u2010+":
            continue
        if tok.isdigit():
            continue
        if (
            tok[1:].islower()
            and text[e : e + 1] not in ("-", "/", ".", "\u2010")
            and not text.startswith((" cell", " line"), e)
        ):
            continue
        out.append((s, e))
    return out


def _scanned_runs(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _CANDIDATE_RUN.finditer(text):
        s, e = m.span()
        if s and "a" <= text[s - 1] <= "z":
            s = _run_start(text, s, e)
        if s >= 0:
            out.append((s, e))
    return out


def test_known_shapes() -> None:
    text = "hDPSC cells, Th17 cells, day7, -A549, 2021, Patients, Vero cells and HeLa."
    assert [text[s:e] for s, e in _scanned_runs(text)] == ["hDPSC", "Th17", "Vero", "HeLa"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_scan_keeps_what_the_plain_rules_keep(text: str) -> None:
    assert _scanned_runs(text) == _plain_runs(text)
