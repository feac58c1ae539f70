"""Text tables (``extractor.records.text_tables``): the comma splitter reads a line as the CSV
reader does, by a plain cut where the line holds no quote."""

from __future__ import annotations

import csv

import pytest

from extractor.records.text_tables import _commas

LINES = [
    "Study, Year, Patients, Outcome",
    "Kim et al.,  2019 , 24,   mNSS fell ",
    "a,,b, ",
    "Lee 2020,\t12, mice",  # a tab after a comma is kept, as the reader keeps it
    'Park, "keloid, earlobe", 2021',  # a quoted cell keeps its comma
    "one, two",  # two cells: no table row
]


@pytest.mark.parametrize("line", LINES)
def test_commas_read_a_line_as_the_csv_reader_does(line: str) -> None:
    want = next(csv.reader([line.strip()], skipinitialspace=True))
    assert _commas(line) == (want if len(want) >= 3 else [])
