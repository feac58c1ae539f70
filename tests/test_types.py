from __future__ import annotations

import json

from extractor.types import (
    CytokineEffect,
    DocumentResult,
    Dose,
    Entity,
    Evidence,
    Outcome,
    StudyRecord,
)


def test_document_result_round_trips_through_json() -> None:
    dose = Dose("0.5–3.1 million cells/kg", 500000.0, 3100000.0, "cells/kg")
    result = DocumentResult(
        doc_id="d1",
        source="d1.txt",
        text="ADMSCs at 0.5–3.1 million cells/kg",
        entities=(
            Entity(0, 6, "CELL", "ADMSCs", "ADMSC"),
            Entity(10, 34, "DOSE", "0.5–3.1 million cells/kg", (dose,)),
        ),
        records=(
            StudyRecord(
                study_id="de-jesus-2016",
                first_author="De Jesus",
                year=2016,
                doses=(dose,),
                outcomes=(Outcome("PASI", 21.6, 9.0),),
                cytokines=(CytokineEffect("TNF-α", "down"),),
                evidence=(Evidence(0, 34),),
            ),
        ),
    )
    line = json.dumps(result.to_dict(), ensure_ascii=False)
    again = DocumentResult.from_dict(json.loads(line))
    assert again == result
    assert json.loads(line)["entities"][1]["norm"] == [
        {"text": "0.5–3.1 million cells/kg", "low": 500000.0, "high": 3100000.0, "unit": "cells/kg"}
    ]
