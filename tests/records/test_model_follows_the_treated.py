"""model/design follow the living thing treated (SCHEMA §4): culture experiments beside an
animal or patient arm do not make a study in vitro; donors of cells are not treated."""

from __future__ import annotations

import pytest

from extractor.ingest.text import structure_of
from extractor.records import assemble
from extractor.records.lexicon import kind, rows
from extractor.types import Bibliography, Document

BIB = Bibliography(authors=("Lee",), year=2020)
HEAD = "Lee J. Vesicles in skin disease. J Skin. 2020;1:1-9.\n\n"


def _record(body: str):  # type: ignore[no-untyped-def]
    text = HEAD + body
    parts, meta = structure_of(text)
    doc = Document(doc_id="x", source="x.txt", text=text, format="text", meta=meta, **parts)  # type: ignore[arg-type]
    (rec,) = assemble(doc, [], BIB)
    return rec


@pytest.mark.parametrize(
    ("body", "model", "design"),
    [
        (
            "Keloid fibroblasts were cultured and treated with ADSC-Exos (10 μg/mL); "
            "proliferation fell in culture, and HaCaT and HDF co-cultures confirmed it in vitro. "
            "Western blots of cultured cells showed lower collagen. Finally, keloid fragments "
            "were implanted in 6 nude mice, which received ADSC-Exos intralesionally.\n",
            "mouse",
            "animal study",
        ),
        (
            "In vitro, fibroblasts were treated with MSC-EVs. In vitro, keratinocytes migrated "
            "faster. Cell culture assays showed less collagen. Rats with burn scars (n = 6) "
            "received MSC-EVs subcutaneously.\n",
            "rat",
            "animal study",
        ),
        # drop cases: a living thing that only gave the cells, or a source of material
        (
            "Fibroblasts isolated from mice were cultured and treated with MSC-EVs (10 μg/mL). "
            "HaCaT cells migrated faster in vitro.\n",
            "cell culture",
            "in vitro",
        ),
        (
            "Keratinocytes from 8 patients with psoriasis were treated with MSC-EVs (10 μg/mL) "
            "in culture. HaCaT cells migrated faster in vitro.\n",
            "cell culture",
            "in vitro",
        ),
    ],
)
def test_model_and_design_follow_what_was_treated(body: str, model: str, design: str) -> None:
    rec = _record(body)
    assert (rec.model, rec.design) == (model, design)


@pytest.mark.parametrize("row", rows("administration.jsonl"), ids=lambda r: r["kind"])
def test_administration_rows_keep_and_drop(row: dict[str, str]) -> None:
    pat = kind("administration", row["kind"])
    assert row["source"]
    assert pat.search(row["keep"])
    assert not pat.search(row["drop"])
