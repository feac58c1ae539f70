"""Building a pass from hand-written files: anchoring only, and reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.gold.anchor import AnchorError
from extractor.gold.build import build_document, parse_mentions, resolve_evidence

REPO = Path(__file__).resolve().parents[2]
TEXT = "MSCs and ADMSCs; ADMSCs gave 1, 3, and 10 μg/head | ok"


def test_parse_and_anchor_small_file(tmp_path: Path) -> None:
    m = tmp_path / "m.psv"
    m.write_text(
        "# comment\nMSCs|CELL|MSC\nADMSCs|CELL|ADMSC|; \n"
        '1, 3, and 10 μg/head|DOSE|[{"text": "1", "low": 1, "high": 1, "unit": "µg/head"}]\n',
        encoding="utf-8",
    )
    doc, warnings = build_document(TEXT, m)
    starts = [(e["start"], e["text"]) for e in doc["entities"]]
    # The context "; " skips the first ADMSCs; the second one is taken.
    assert starts == [(0, "MSCs"), (17, "ADMSCs"), (29, "1, 3, and 10 μg/head")]
    assert doc["entities"][2]["norm"][0]["unit"] == "µg/head"
    assert warnings == []


def test_slipped_anchor_is_reported(tmp_path: Path) -> None:
    m = tmp_path / "m.psv"
    # Writing "MSCs" after the first mention anchors inside "ADMSCs": a slip the build flags.
    m.write_text("MSCs|CELL|MSC\nMSCs|CELL|MSC\n", encoding="utf-8")
    _, warnings = build_document(TEXT, m)
    assert len(warnings) == 1 and "inside a word" in warnings[0]


def test_context_may_contain_pipes(tmp_path: Path) -> None:
    m = tmp_path / "m.psv"
    m.write_text("ok|CELL|x|μg/head | \n", encoding="utf-8")
    assert parse_mentions(m)[0].after == "μg/head | "


def test_bad_lines_and_misses_raise(tmp_path: Path) -> None:
    m = tmp_path / "m.psv"
    m.write_text("MSCs|CELL\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"m.psv:1: expected"):
        parse_mentions(m)
    m.write_text("HaCaT|CELL|HaCaT\n", encoding="utf-8")
    with pytest.raises(AnchorError, match="not found"):
        build_document(TEXT, m)
    with pytest.raises(AnchorError, match="more than once"):
        resolve_evidence(TEXT, ["ADMSCs"], "r")


@pytest.mark.parametrize(
    ("src", "out"),
    [
        ("gold/passes/pass1", "gold/passes/pass1/review.jsonl"),
        ("gold/adjudicated", "gold/review.jsonl"),
    ],
)
def test_committed_gold_rebuilds_from_its_hand_written_files(src: str, out: str) -> None:
    d = REPO / src
    text = (REPO / "corpus/text/fimmu-2025-1617157.txt").read_text(encoding="utf-8")
    doc, warnings = build_document(text, d / "mentions.psv", d / "records.json")
    committed = json.loads((REPO / out).read_text(encoding="utf-8").splitlines()[0])
    assert warnings == []
    assert doc["entities"] == committed["entities"]
    assert doc["records"] == committed["records"]
