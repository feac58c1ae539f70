"""Document pairing: missing, failed and re-rendered predictions; the curator's error list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.evaluate import evaluate_documents, score_documents
from extractor.evaluate.align import align_entities
from extractor.evaluate.harness import load_documents
from extractor.types import DocumentResult, Entity

TEXT = (
    "Patients received ADMSCs intravenously. Serum IL-6 and TNF-α fell after therapy.\n"
    "Exosomes reduced IL-4 in mice."
)


def span(surface: str, label: str, text: str = TEXT, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {
        "start": start,
        "end": start + len(surface),
        "label": label,
        "text": surface,
        "norm": surface,
    }


GOLD_ENTS = [
    span("ADMSCs", "CELL"),
    span("IL-6", "CYTOKINE"),
    span("TNF-α", "CYTOKINE"),
    span("Exosomes", "VESICLE"),
    span("IL-4", "CYTOKINE"),
]


def doc(doc_id: str, entities: list, text: str = TEXT, **kw: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, "text": text, "entities": entities, "records": [], **kw}


def test_missing_and_failed_documents_count_as_misses() -> None:
    gold = [doc("a", GOLD_ENTS), doc("b", GOLD_ENTS)]
    pred = [doc("b", [], text="", error="b.pdf: not a PDF"), doc("z", [])]
    m = score_documents(gold, pred)
    assert (
        m["documents"]["missing"],
        m["documents"]["failed"],
        m["documents"]["unpaired_pred"],
        m["entities"]["strict"]["micro"]["fn"],
    ) == (["a"], [{"doc_id": "b", "error": "b.pdf: not a PDF"}], ["z"], 10)


def test_typed_documents_are_accepted() -> None:
    gold = DocumentResult("a", "a.txt", TEXT, tuple(Entity.from_dict(e) for e in GOLD_ENTS))
    assert score_documents([gold], [gold])["entities"]["strict"]["micro"]["f1"] == 1.0


def test_duplicate_doc_id_is_an_error() -> None:
    with pytest.raises(ValueError, match="pred: doc_id 'a' appears twice"):
        score_documents([doc("a", [])], [doc("a", []), doc("a", [])])


def test_rerendered_text_is_remapped() -> None:
    # A PDF rendering: a running header and a line break inside a sentence shift all offsets.
    rendered = "Journal of Tests 2025\n" + TEXT.replace("Serum IL-6", "Serum\nIL-6")
    pred_ents = [
        span("ADMSCs", "CELL", rendered),
        span("IL-6", "CYTOKINE", rendered),
        span("TNF-α", "CYTOKINE", rendered),
        span("Exosomes", "VESICLE", rendered),
    ]
    m = score_documents([doc("a", GOLD_ENTS)], [doc("a", pred_ents, text=rendered)])
    assert (
        m["documents"]["remapped"],
        m["entities"]["strict"]["micro"]["tp"],
        m["entities"]["strict"]["micro"]["fn"],
    ) == ([{"doc_id": "a", "mapped": 5, "unmapped": 0}], 4, 1)


def test_unrelated_text_is_not_comparable() -> None:
    other = "A different paper about keratinocytes. " * 5
    m = score_documents(
        [doc("a", GOLD_ENTS)], [doc("a", [span("keratinocytes", "CELL", other)], text=other)]
    )
    assert (
        m["documents"]["scored"],
        m["documents"]["not_comparable"][0]["doc_id"],
        m["entities"]["strict"]["micro"]["possible"],
    ) == (0, "a", 0)
    assert "only 0 of 5 gold mentions" in m["documents"]["not_comparable"][0]["reason"]


def test_errors_list_every_fp_and_fn_with_its_sentence() -> None:
    pred = [
        span("ADMSCs", "CELL"),
        {**span("IL-6", "CYTOKINE"), "norm": "IL6"},
        span("TNF", "CYTOKINE"),
        span("Exosomes", "CELL"),
        span("mice", "CELL"),
    ]
    ev = evaluate_documents([doc("a", GOLD_ENTS)], [doc("a", pred)])
    got = [(e["type"], e["kind"], e["text"], e["sentence"]) for e in ev.errors]
    s1 = "Serum IL-6 and TNF-α fell after therapy."
    s2 = "Exosomes reduced IL-4 in mice."
    assert got == [
        ("NORM", "norm", "IL-6", s1),
        ("FN", "boundary", "TNF-α", s1),
        ("FP", "boundary", "TNF", s1),
        ("FN", "label", "Exosomes", s2),
        ("FP", "label", "Exosomes", s2),
        ("FN", "missed", "IL-4", s2),
        ("FP", "spurious", "mice", s2),
    ]
    assert ev.confusion["VESICLE"]["CELL"] == 1 and ev.confusion["∅"]["CELL"] == 1
    assert ev.confusion["CYTOKINE"] == {
        "CELL": 0,
        "VESICLE": 0,
        "CYTOKINE": 2,
        "DOSE": 0,
        "OUTCOME_SCORE": 0,
        "∅": 1,
    }


def _render_like_a_pdf(text: str) -> str:
    """A running header every ~3000 characters and re-broken lines: what PDF text looks like."""
    out, pos, page = [], 0, 1
    while pos < len(text):
        cut = text.find(" ", pos + 3000)
        cut = len(text) if cut < 0 else cut
        chunk = text[pos:cut].replace(". ", ".\n", 3)
        out.append(f"Frontiers in Immunology {page}\n{chunk}")
        pos, page = cut, page + 1
    return "\n".join(out)


def test_remapping_on_the_review(review_text: str) -> None:
    gold_ents = []
    for surface, label in (
        ("ADMSCs", "CELL"),
        ("TNF-α", "CYTOKINE"),
        ("exosomes", "VESICLE"),
        ("PASI", "OUTCOME_SCORE"),
        ("IL-17", "CYTOKINE"),
    ):
        i = review_text.find(surface)
        while i >= 0:
            gold_ents.append(
                {
                    "start": i,
                    "end": i + len(surface),
                    "label": label,
                    "text": surface,
                    "norm": surface,
                }
            )
            i = review_text.find(surface, i + 1)
    rendered = _render_like_a_pdf(review_text)
    # A perfect system on the rendering: every mention found where the rendering has it.
    pred_ents = []
    for surface, label in {(e["text"], e["label"]) for e in gold_ents}:
        i = rendered.find(surface)
        while i >= 0:
            pred_ents.append(
                {
                    "start": i,
                    "end": i + len(surface),
                    "label": label,
                    "text": surface,
                    "norm": surface,
                }
            )
            i = rendered.find(surface, i + 1)
    m = score_documents(
        [doc("r", gold_ents, text=review_text)], [doc("r", pred_ents, text=rendered)]
    )
    strict = m["entities"]["strict"]["micro"]
    assert m["documents"]["remapped"] == [{"doc_id": "r", "mapped": len(gold_ents), "unmapped": 0}]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (len(gold_ents), 0, 0)


def test_gold_folder_reads_top_level_jsonl_only(tmp_path: Path) -> None:
    (tmp_path / "passes").mkdir()
    line = json.dumps(doc("a", GOLD_ENTS)) + "\n"
    (tmp_path / "review.jsonl").write_text(line, encoding="utf-8")
    (tmp_path / "passes" / "pass1.jsonl").write_text("not json\n", encoding="utf-8")
    assert [d["doc_id"] for d in load_documents(tmp_path)] == ["a"]


@pytest.mark.parametrize(
    ("gold_surface", "rendered"),
    [
        ("5×106", "5×10^6"),
        ("5×106", "5 × 10(6)"),
        ("5×106", "5×10⁶"),
        ("5×106", "5 x 10^6"),
        ("1.19 × 1010", "1.19 × 10^10"),
        ("1×106 or 3×106 cells/cm2", "1×10^6 or\n3×10^6 cells/cm2"),
        ("tumor necrosis factor-α", "tumor necrosis\nfactor-α"),
    ],
)
def test_alignment_tolerates_renderings(gold_surface: str, rendered: str) -> None:
    gold_text = f"Patients received {gold_surface} of ADMSCs."
    pred_text = f"Header 1\nPatients received {rendered} of ADMSCs."
    al = align_entities(gold_text, pred_text, [span(gold_surface, "DOSE", gold_text)])
    assert [pred_text[e["start"] : e["end"]] for e in al.entities] == [rendered]


def test_alignment_does_not_borrow_another_mention(review_text: str) -> None:
    # "ADMSCs" twice in a row; the rendering lost the first: it must stay unmapped rather than
    # take the second one's place.
    gold_text = "Studies on ADMSCs and ADMSCs-derived vesicles were reviewed."
    pred_text = "Studies on and ADMSCs-derived vesicles were reviewed."
    first, second = span("ADMSCs", "CELL", gold_text), span("ADMSCs", "CELL", gold_text, nth=1)
    al = align_entities(gold_text, pred_text, [first, second])
    assert ([e["start"] for e in al.entities], list(al.unmapped)) == (
        [pred_text.index("ADMSCs")],
        [first],
    )


def test_invalid_spans_are_counted_not_scored() -> None:
    bad = [
        {"start": 5, "end": 5, "label": "CELL"},
        {"start": 0, "end": len(TEXT) + 4, "label": "CELL"},
    ]
    m = score_documents([doc("a", GOLD_ENTS)], [doc("a", GOLD_ENTS + bad)])
    assert (m["documents"]["invalid_entities"], m["entities"]["strict"]["micro"]["fp"]) == (
        {"gold": 0, "pred": 2},
        0,
    )


def test_metric_keys_are_stable() -> None:
    # Other modules' floor tests and CI read these keys: renaming one is an interface change.
    m = score_documents([doc("a", GOLD_ENTS)], [doc("a", GOLD_ENTS[:3])])
    counts = [
        "precision",
        "recall",
        "f1",
        "tp",
        "fp",
        "fn",
        "correct",
        "incorrect",
        "partial",
        "missed",
        "spurious",
        "possible",
        "actual",
    ]
    assert list(m) == [
        "metrics_version",
        "schema",
        "documents",
        "entities",
        "records",
        "bibliography",
    ]
    assert list(m["documents"]) == [
        "gold",
        "pred",
        "scored",
        "remapped",
        "not_comparable",
        "missing",
        "failed",
        "unpaired_pred",
        "invalid_entities",
    ]
    assert list(m["entities"]) == [
        "strict",
        "exact",
        "partial",
        "type",
        "norm_accuracy",
        "per_document",
    ]
    assert list(m["entities"]["per_document"]["a"]) == ["strict", "exact", "partial", "type"]
    assert list(m["entities"]["per_document"]["a"]["strict"]) == counts
    for scheme in ("strict", "exact", "partial", "type"):
        s = m["entities"][scheme]
        assert (list(s), list(s["micro"]), list(s["macro"])) == (
            ["micro", "macro", "per_label"],
            counts,
            ["precision", "recall", "f1", "labels"],
        )
        assert list(s["per_label"]) == ["CELL", "VESICLE", "CYTOKINE", "DOSE", "OUTCOME_SCORE"]
        assert all(list(v) == counts for v in s["per_label"].values())
    assert list(m["entities"]["norm_accuracy"]) == [
        "basis",
        "accuracy",
        "correct",
        "matched",
        "per_label",
    ]
    assert list(m["records"]) == ["found", "precision", "counts", "matched_by", "fields"]
    assert list(m["records"]["fields"]) == [
        "study_id",
        "first_author",
        "year",
        "ref",
        "doi",
        "disease",
        "intervention",
        "model",
        "design",
        "sample_size",
        "doses",
        "routes",
        "cells",
        "outcomes",
        "outcomes_values",
        "cytokines",
        "cytokine_directions",
    ]


def test_per_document_scores_add_up_to_micro() -> None:
    gold = [doc("a", GOLD_ENTS), doc("b", GOLD_ENTS)]
    pred = [doc("a", GOLD_ENTS[:2]), doc("b", [*GOLD_ENTS, span("mice", "CELL")])]
    m = score_documents(gold, pred)
    per = {
        d: (v["strict"]["tp"], v["strict"]["fp"], v["strict"]["fn"])
        for d, v in m["entities"]["per_document"].items()
    }
    assert per == {"a": (2, 0, 3), "b": (5, 1, 0)}
    micro = m["entities"]["strict"]["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (7, 1, 3)
