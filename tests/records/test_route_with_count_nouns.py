"""A route adjective before a counted administration noun ("a single subcutaneous dose",
"four subcutaneous sessions", "one intradermal injection") gives the route; the same adjective
before a tissue ("subcutaneous fat") gives none. Sentences written for these tests."""

from __future__ import annotations

import pytest

from extractor.records import fields as F

try:  # tests/ may or may not be a package; the helpers import either way
    from .records_helpers import whole_text
except ImportError:
    from records_helpers import whole_text  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Each patient received a single subcutaneous dose of 2 × 10^7 UC-MSCs.", ("s.c.",)),
        ("Four subcutaneous sessions of SVF-enriched fat were performed.", ("s.c.",)),
        ("two subcutaneous doses of ADSC-exosomes, one month apart", ("s.c.",)),
        ("a subcutaneous bolus of BM-MSCs on day 0", ("s.c.",)),
        ("one subcutaneous course of weekly EV injections", ("s.c.",)),
        ("a sub-cutaneous graft of SVF was placed under the plaque", ("s.c.",)),
        ("Mice had one intradermal injection of EVs into the ear.", ("intradermal",)),
        ("Three intravenous infusions of UC-MSCs were given.", ("i.v.",)),
        ("a single intralesional dose of WJ-MSC-sEVs", ("intralesional",)),
        # counter-examples: the adjective on a tissue or finding is no route
        ("ADSCs were isolated from subcutaneous fat of the abdomen.", ()),
        ("Subcutaneous adipose tissue was obtained by liposuction.", ()),
        ("subcutaneous fibrosis was scored in each biopsy", ()),
        ("the subcutaneous layer thickened after bleomycin", ()),
    ],
)
def test_route_adjective_before_a_counted_administration(text: str, expected: tuple) -> None:
    assert F.routes(text, whole_text(text))[0].value == expected
