"""Golden records: the records of the review (text, PDF, JATS), every out-of-domain passage and
every out-of-domain record document are byte-identical to ``tests/records/golden/records.jsonl``.

A change that alters a record on purpose re-freezes the file with
``python -m extractor.benchmarks.golden freeze`` and says in its commit which documents changed
and why; a refactoring (speed, structure) leaves it untouched.
"""

from __future__ import annotations

import json

import pytest

from extractor.benchmarks.golden import FROZEN, frozen_lines, inputs, read_frozen

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fresh() -> dict[str, str]:
    from extractor.pipeline import load_pipeline

    return frozen_lines(load_pipeline())


def test_golden_set_is_the_documents_in_the_repository() -> None:
    assert set(read_frozen()) == {name for name, _ in inputs(real=False)}


def test_records_are_byte_identical_to_the_golden_file(fresh: dict[str, str]) -> None:
    gold = read_frozen()
    changed = [name for name in gold if fresh.get(name) != gold[name]]
    assert not changed, (
        f"records changed for {changed}; if on purpose, re-freeze {FROZEN.name} with "
        "`python -m extractor.benchmarks.golden freeze` and say why in the commit"
    )


def test_golden_file_holds_records() -> None:
    """The golden set is not vacuous: the review has its studies, most passages a record."""
    gold = {name: json.loads(line)["records"] for name, line in read_frozen().items()}
    review = [n for n in gold if n.startswith("corpus-")]
    assert len(review) == 3 and all(len(gold[n]) >= 10 for n in review)
    assert sum(1 for recs in gold.values() if recs) >= 0.5 * len(gold)
