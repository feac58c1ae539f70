"""errors.jsonl names the context rule that dropped a missed dose (``dropped_by``)."""

from __future__ import annotations

from extractor.evaluate import evaluate_documents

TEXT = "Cells were stimulated with 10 ng/mL TNF-α. Mice received 2 mg/kg ADSC-Exos on day 3."


def _dose(surface: str) -> dict:
    start = TEXT.index(surface)
    return {"start": start, "end": start + len(surface), "label": "DOSE", "text": surface}


def _doc(entities: list[dict]) -> dict:
    return {"doc_id": "a", "text": TEXT, "entities": entities, "records": []}


def test_a_missed_dose_names_the_rule_that_dropped_it() -> None:
    gold = _doc([_dose("10 ng/mL"), _dose("2 mg/kg")])
    ev = evaluate_documents([gold], [_doc([])])
    got = {e["text"]: e.get("dropped_by") for e in ev.errors if e["type"] == "FN"}
    # "10 ng/mL" is a stimulus's amount (a gold that disagrees with the rule shows the rule);
    # "2 mg/kg" was never dropped: the pipeline simply did not report it
    assert got == {"10 ng/mL": "dose.after.cytokine", "2 mg/kg": None}
