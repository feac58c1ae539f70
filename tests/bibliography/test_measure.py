"""The measurement command over a case table."""

from __future__ import annotations

from pathlib import Path

from extractor.bibliography.measure import main

CASES = Path(__file__).parent / "cases" / "headers.jsonl"


def test_measure_prints_per_document_and_floor_lines(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--cases", str(CASES)]) == 0
    out = capsys.readouterr().out
    assert "vanc-basic" in out and "first author + year + DOI:" in out


def test_measure_names_a_missing_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--set", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err
