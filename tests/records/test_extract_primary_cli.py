"""``extractor extract`` on a primary article: one record named after its first author and year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

HEADERS = {
    "vancouver": (
        "Oduya BK, Lindqvist E, van der Meer J. Adipose-derived stem cells for discoid lupus "
        "erythematosus: an open pilot study. Lupus Sci Med. 2021;8(1):e000512. "
        "doi:10.1136/lupus-2021-000512\n\n"
    ),
    "apa": (
        "Oduya, B. K., Lindqvist, E., & van der Meer, J. (2021). Adipose-derived stem cells for "
        "discoid lupus erythematosus: An open pilot study. Lupus Science & Medicine, 8(1), "
        "e000512. https://doi.org/10.1136/lupus-2021-000512\n\n"
    ),
}
BODY = (
    "Abstract\n"
    "Methods: Ten patients with discoid lupus erythematosus received autologous adipose-derived "
    "stem cells (ADSCs) injected intralesionally, 1 × 10^6 cells per lesion.\n"
    "Results: The CLASI activity score fell from 12.0 to 5.0 at week 12, and lesional IFN-γ "
    "decreased.\n"
)


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


@pytest.mark.parametrize("style", sorted(HEADERS))
def test_extract_names_the_record_surname_year(tmp_path: Path, style: str) -> None:
    paper = tmp_path / f"pilot-{style}.txt"  # the file name says nothing about the author
    paper.write_text(HEADERS[style] + BODY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = _runner().invoke(app, ["extract", str(paper), "-o", str(out)])
    assert res.exit_code == 0, res.output
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["bibliography"]["authors"][0] == "Oduya"
    (rec,) = line["records"]
    assert (rec["study_id"], rec["first_author"], rec["year"]) == ("oduya-2021", "Oduya", 2021)
    assert rec["doi"] == "10.1136/lupus-2021-000512"
    assert (rec["model"], rec["sample_size"], rec["routes"]) == ("human", 10, ["intralesional"])
