"""Pass-2 study records, written by hand from Tables 1-2, the results paragraphs and the
reference list; this script only turns the written row/paragraph anchors into evidence offsets
and writes records.json (read by build.py)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXT = (HERE.parents[2] / "corpus/text/fimmu-2025-1617157.txt").read_text(encoding="utf-8")
REFS_AT = TEXT.index("\nReferences\n")


def D(text: str, low: float, high: float | None = None, unit: str | None = None) -> dict:
    return {
        "text": text,
        "low": float(low),
        "high": float(low if high is None else high),
        "unit": unit,
    }


def O(measure: str, baseline: float | None = None, final: float | None = None) -> dict:
    return {"measure": measure, "baseline": baseline, "final": final}


def K(*pairs: tuple[str, str | None]) -> list[dict]:
    return [{"name": n, "direction": d} for n, d in pairs]


def span(start: str, end: str | None = None) -> dict:
    """Span from the unique `start` string to `end` (inclusive) or to the end of its line."""
    s = TEXT.index(start)
    assert TEXT.count(start, 0, REFS_AT) == 1, start
    e = TEXT.index(end, s) + len(end) if end else TEXT.index("\n", s)
    return {"start": s, "end": e}


def doi(ref: int) -> str | None:
    s = TEXT.index(f"\n- {ref}. ", REFS_AT)
    line = TEXT[s : TEXT.index("\n", s + 1)]
    return (
        line.split("doi: ")[1].split(",")[0].strip() if "doi: " in line else None
    )  # ref 30 has none


R: list[dict] = []


def rec(
    study_id,
    first_author,
    year,
    ref,
    disease,
    intervention,
    model,
    design,
    sample_size,
    doses,
    routes,
    outcomes,
    cytokines,
    cells,
    row,
    para,
    conflicts=None,
    accept=None,
):
    r = {
        "study_id": study_id,
        "first_author": first_author,
        "year": year,
        "ref": ref,
        "doi": doi(ref),
        "disease": disease,
        "intervention": intervention,
        "model": model,
        "design": design,
        "sample_size": sample_size,
        "doses": doses,
        "routes": routes,
        "outcomes": outcomes,
        "cytokines": cytokines,
        "cells": cells,
        "evidence": [span(*row), span(*para)],
    }
    if conflicts:
        r["conflicts"] = [{"field": f, "values": v} for f, v in conflicts]
    if accept:
        r["accept"] = accept
    R.append(r)


# ---- Table 1: psoriasis ----
rec(
    "de-jesus-2016",
    "De Jesus",
    2016,
    12,
    "psoriasis",
    "cells",
    "human",
    "case report",
    2,
    [D("0,5-3.1 million cells/kg", 500000, 3100000, "cells/kg")],
    ["i.v."],
    [O("PASI", 21.6, 9.0), O("PASI", 24.0, 8.3)],
    K(("TNF-α", "down")),
    ["ADMSC"],
    ("De Jesus et al. (12) | 2016",),
    ("De Jesus et al. (12) explored",),
    accept={"disease": ["psoriatic arthritis"]},
)
rec(
    "comella-2018",
    "Comella",
    2018,
    27,
    "psoriasis",
    "svf",
    "human",
    "case report",
    1,
    [D("3 ml", 3, 3, "mL")],
    ["i.v."],
    [O("PASI", 50.4, 0.3)],
    [],
    ["SVF", "ADMSC"],
    ("Comella et al. (27) | 2018",),
    ("Similarly, Comella et al. (27)",),
    accept={"intervention": ["cells"]},
)
rec(
    "seetharman-2019",
    "Seetharman",
    2019,
    6,
    "psoriasis",
    "cells",
    "human",
    "case report",
    1,
    [D("5×106", 5e6, 5e6, None)],
    ["i.v."],
    [O("PSSI", 28.0, 0.0)],
    [],
    ["ADMSC"],
    ("Seetharman et al. (6) | 2019", "plaques within one month |"),
    ("The results presented by Seetharman",),
    conflicts=[
        ("first_author", ["Seetharman", "Seetharaman"]),
        ("intervention", ["cells", "conditioned medium"]),
    ],
)
rec(
    "bajouri-2023",
    "Bajouri",
    2023,
    21,
    "psoriasis",
    "cells",
    "human",
    "clinical trial",
    5,
    [D("1×106", 1e6, 1e6, "cells/cm2"), D("3×106 cells/cm2", 3e6, 3e6, "cells/cm2")],
    ["i.v."],
    [O("PASI")],
    [],
    ["ADMSC"],
    ("Bajouri et al. (21) | 2023",),
    ("Recent findings by Bajouri",),
    conflicts=[("routes", ["i.v.", "s.c."])],
)
rec(
    "yao-2021",
    "Yao",
    2021,
    22,
    "psoriasis",
    "cells",
    "human",
    "clinical trial",
    8,
    [D("0.5×106 cells/kg", 5e5, 5e5, "cells/kg")],
    ["i.v."],
    [O("PASI"), O("PASI-50")],
    [],
    ["ADMSC"],
    ("Yao et al. (22) | 2021",),
    ("Furthermore, Yao et al. (22)",),
    conflicts=[("sample_size", [8, 7])],
)
rec(
    "kim-2023",
    "Kim",
    2023,
    23,
    "psoriasis",
    "vesicles",
    "cell culture",
    "in vitro",
    None,
    [D("3.7×109 cells/cm2", 3.7e9, 3.7e9, "cells/cm2")],
    ["i.v."],
    [],
    K(("IL-1β", "down"), ("IL-6", "down"), ("TNF-α", "down")),
    ["ADMSC", "keratinocyte", "HaCaT"],
    ("Kim et al. (23) | 2023", "oxidative stress |"),
    ("Kim et al. (23) showed",),
)
rec(
    "mohseni-meybodi-2024",
    "Mohseni Meybodi",
    2024,
    28,
    "psoriasis",
    "vesicles",
    "human",
    "clinical trial",
    12,
    [D("200 μg", 200, 200, "µg"), D("100 μg", 100, 100, "µg")],
    [],
    [],
    K(("IL-17", "down"), ("IFN-γ", "down"), ("IL-23", "down"), ("TNF-α", "down"), ("IL-10", "up")),
    ["ADMSC", "Treg"],
    ("Mohseni Meybodi et al. (28) | 2024",),
    ("Mohseni Meybodi et al. (28) showed",),
)
# ---- Table 2: AD, SSc, LS, acne ----
rec(
    "shin-2017",
    "Shin",
    2017,
    29,
    "atopic dermatitis",
    "cells",
    "mouse",
    "animal study",
    None,
    [D("2 × 105", 2e5, 2e5, None), D("2 × 106", 2e6, 2e6, None)],
    ["i.v."],
    [],
    [],
    ["ADMSC", "B cell"],
    ("Shin et al. (29) | 2017",),
    ("Shin et al. (29) provided",),
)
rec(
    "hall-2010",
    "Hall",
    2010,
    30,
    "atopic dermatitis",
    "cells",
    "dog",
    "animal study",
    None,
    [D("1.3 million cells/kg", 1.3e6, 1.3e6, "cells/kg")],
    ["i.v."],
    [O("CADESI-03"), O("VPS")],
    [],
    ["ADMSC"],
    ("Hall et al. (30) | 2010",),
    ("Hall et al. (30) study",),
    accept={"design": ["clinical trial"]},
)
rec(
    "cho-2023",
    "Cho",
    2023,
    31,
    "atopic dermatitis",
    "vesicles",
    "dog",
    "animal study",
    None,
    [
        D("7.45 × 108", 7.45e8, 7.45e8, "particles/20 g"),
        D("2.98 × 109", 2.98e9, 2.98e9, "particles/20 g"),
        D("1.19 × 1010", 1.19e10, 1.19e10, "particles/20 g"),
    ],
    ["s.c."],
    [],
    K(("IL-4", "down"), ("IFN-γ", "down")),
    ["ADMSC"],
    ("Cho et al. (31) | 2023",),
    ("Cho et al. (31) showed",),
    accept={"model": ["mouse"]},
)
rec(
    "kim-2022",
    "Kim",
    2022,
    32,
    "atopic dermatitis",
    "vesicles",
    "mouse",
    "animal study",
    None,
    [
        D("2 × 106 cells/head", 2e6, 2e6, "cells/head"),
        D("2 × 1010 particles/head", 2e10, 2e10, "particles/head"),
    ],
    ["s.c."],
    [],
    K(("IL-4", "down"), ("IL-13", "down"), ("IL-31", "down"), ("CCL5", "down"), ("CCL17", "down")),
    ["ADMSC"],
    ("Kim et al. (32) | 2022",),
    ("Similarly, Kim et al. (32)",),
    accept={"intervention": ["cells"]},
)
rec(
    "cho-2018",
    "Cho",
    2018,
    33,
    "atopic dermatitis",
    "vesicles",
    "mouse",
    "animal study",
    None,
    [
        D("0.14 μg/head", 0.14, 0.14, "µg/head"),
        D("1.4 μg/head", 1.4, 1.4, "µg/head"),
        D("10 μg/head", 10, 10, "µg/head"),
    ],
    ["i.v.", "s.c."],
    [O("clinical score")],
    K(("IL-4", "down"), ("IL-23", "down"), ("IL-31", "down"), ("TNF-α", "down")),
    ["ADMSC", "eosinophil", "immune cell"],
    ("Cho et al. (33) | 2018",),
    ("Cho et al. (33) demonstrated",),
)
rec(
    "shin-2020",
    "Shin",
    2020,
    34,
    "atopic dermatitis",
    "vesicles",
    "mouse",
    "animal study",
    None,
    [D("1", 1, 1, "µg/head"), D("3", 3, 3, "µg/head"), D("10 μg/head", 10, 10, "µg/head")],
    ["s.c.", "topical"],
    [],
    K(
        ("IL-4", "down"),
        ("IL-5", "down"),
        ("IL-13", "down"),
        ("TNF-α", "down"),
        ("IFN-γ", "down"),
        ("IL-17", "down"),
        ("TSLP", "down"),
    ),
    ["ADMSC"],
    ("Shin et al. (34) | 2020",),
    ("Furthermore, Shin et al. (34)",),
    conflicts=[("model", ["mouse", "human"])],
)
rec(
    "roh-2024",
    "Roh",
    2024,
    35,
    "atopic dermatitis",
    "vesicles",
    "cell culture",
    "in vitro",
    None,
    [D("25 μg/cm2", 25, 25, "µg/cm2")],
    [],
    [],
    K(("IL-6", "down"), ("IL-1β", "down"), ("IL-1α", "down"), ("IL-10", "up")),
    ["ADMSC", "HaCaT", "HDF", "HMC-1"],
    ("Roh et al. (35) | 2024",),
    ("Roh et al. (35) revealed",),
)
rec(
    "park-2021",
    "Park",
    2021,
    36,
    "atopic dermatitis",
    "vesicles",
    "human",
    "case report",
    2,
    [D("2.0 × 109 particles/mL", 2e9, 2e9, "particles/mL")],
    ["i.v."],
    [],
    [],
    ["ADMSC"],
    ("Park et al. (36) | 2021",),
    ("Park et al. (36) reported",),
    conflicts=[("year", [2021, 2022]), ("routes", ["i.v.", "topical"])],
    accept={"disease": ["other: dupilumab facial redness"]},
)
rec(
    "rozier-2021",
    "Rozier",
    2021,
    37,
    "systemic sclerosis",
    "vesicles",
    "cell culture",
    "in vitro",
    None,
    [D("25 to 400 ng", 25, 400, "ng")],
    [],
    [],
    K(("IL-6", "down")),
    ["ADMSC", "fibroblast"],
    ("Rozier et al. (37) | 2021",),
    ("Rozier et al. (37) suggests",),
    accept={"intervention": ["cells"], "sample_size": [2]},
)
rec(
    "kim-2024",
    "Kim",
    2024,
    38,
    "systemic sclerosis",
    "vesicles",
    "mouse",
    "animal study",
    None,
    [D("1 ng/mL", 1, 1, "ng/mL"), D("2.5 ng/mL", 2.5, 2.5, "ng/mL")],
    [],
    [],
    K(("CTGF", "down")),
    ["ADMSC", "fibroblast"],
    ("Kim et al. (38) | 2024",),
    ("In another study by Kim et al. (38)",),
)
rec(
    "wang-2023",
    "Wang",
    2023,
    39,
    "localized scleroderma",
    "vesicles",
    "cell culture",
    "in vitro",
    None,
    [D("1× 106 cells", 1e6, 1e6, "cells")],
    ["s.c."],
    [],
    [],
    ["ADMSC", "fibroblast", "myofibroblast"],
    ("Wang et al. (39) | 2023",),
    ("Wang et al. (39) showed",),
)
rec(
    "kwon-2020",
    "Kwon",
    2020,
    40,
    "acne scars",
    "vesicles",
    "human",
    "clinical trial",
    25,
    [
        D("9.78×1010 particles/ml", 9.78e10, 9.78e10, "particles/mL"),
        D("1.63×1010 particles/ml", 1.63e10, 1.63e10, "particles/mL"),
    ],
    ["i.v."],
    [O("IGA")],
    [],
    ["ADMSC"],
    ("Kwon et al. (40) | 2020",),
    ("Kwon et al. (40) reported",),
    accept={"disease": ["acne vulgaris"]},
)

if __name__ == "__main__":
    assert len(R) == 19 and len({r["study_id"] for r in R}) == 19
    for r in R:
        for ev in r["evidence"]:
            assert ev["end"] <= REFS_AT
    (HERE / "records.json").write_text(
        json.dumps(R, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    for r in R:
        print(
            r["study_id"],
            r["doi"],
            [
                TEXT[e["start"] : e["end"]][:50] + "…" + TEXT[e["start"] : e["end"]][-25:]
                for e in r["evidence"]
            ],
        )
