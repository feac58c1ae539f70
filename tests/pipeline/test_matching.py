"""The pure matcher and notation folding, on tiny inline lexicons."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize.folding import atomize, fold_key
from extractor.pipeline.matching import LexiconIndex, validate_row
from extractor.pipeline.regions import glossary_pairs, quoted_lists

ROWS = [
    {
        "id": "IL4",
        "label": "CYTOKINE",
        "name": "IL-4",
        "synonyms": ["IL-4", "interleukin 4"],
        "source": "t",
        "status": "curated",
    },
    {"id": "IL5", "label": "CYTOKINE", "name": "IL-5", "synonyms": ["IL-5"], "source": "t"},
    {"id": "TNF", "label": "CYTOKINE", "name": "TNF-α", "synonyms": ["TNF-α"], "source": "t"},
    {"id": "X", "label": "OUTCOME_SCORE", "name": "IGA", "synonyms": ["IGA"], "source": "t"},
    {
        "id": "Y",
        "label": "CELL",
        "name": "RAW 264.7",
        "synonyms": ["RAW 264.7"],
        "source": "t",
        "cell_line": True,
    },
]
INDEX = LexiconIndex(ROWS, [{"label": "CYTOKINE", "after": "R\\b"}])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("TNF-α", "TNFα"),
        ("TNF-α", "TNF-alpha"),
        ("TNF-α", "TNF alpha"),
        ("IL-4", "IL4"),
        ("IL-4", "IL 4"),
        ("IL-1β", "IL-1beta"),
        ("cells", "cell"),
        ("ASCs", "ASC"),
    ],
)
def test_fold_equivalences(a: str, b: str) -> None:
    assert fold_key(a) == fold_key(b)


def test_atoms_keep_offsets() -> None:
    text = "x IL-4R y"
    assert [(a.raw, text[a.start : a.end], a.gap) for a in atomize(text)] == [
        ("x", "x", ""),
        ("IL", "IL", " "),
        ("4", "4", "-"),
        ("R", "R", ""),
        ("y", "y", " "),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IL4 and interleukin-4", [("IL4", "IL-4"), ("interleukin-4", "IL-4")]),
        ("interleukin (IL)-4", [("interleukin (IL)-4", "IL-4")]),
        ("TNF-a rose", [("TNF-a", "TNF-α")]),
        ("TNF a rose", []),  # a Latin stand-in for Greek must be glued or hyphenated
        ("IL-4R and IL-4Rα", []),  # receptors: token-internal end, and the blocker
        ("IL-4, -5 and -6", [("IL-4", "IL-4"), ("-5", "IL-5")]),  # IL-6 not in this lexicon
        ("IgA but IGA", [("IGA", "IGA")]),
        ("RAW 264.7 cells", [("RAW 264.7 cells", "RAW 264.7")]),
    ],
)
def test_index_find(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(text[m.start : m.end], m.norm) for m in INDEX.find(text)]
    assert got == expected


def test_validate_row_rejects_unknown_keys() -> None:
    with pytest.raises(ValueError, match="unknown key"):
        validate_row({"label": "CELL", "name": "x", "synonyms": [], "colour": "red"})
    with pytest.raises(ValueError, match="bad label"):
        validate_row({"label": "GENE", "name": "x", "synonyms": []})


def test_quoted_lists_and_glossary() -> None:
    text = "We searched “a b”, “c d”, and “e f”. Then “g h” alone."
    assert [text[s:e] for s, e in quoted_lists(text)] == ["“a b”, “c d”, and “e f”"]
    gl = "Notes: IL-6, interleukin 6; NK, natural killer cells; ROS, reactive oxygen species."
    assert [(gl[a:b], gl[c:d]) for a, b, c, d in glossary_pairs(gl)] == [
        ("IL-6", "interleukin 6"),
        ("NK", "natural killer cells"),
        ("ROS", "reactive oxygen species"),
    ]
    assert glossary_pairs("In mice, skin thickened; in rats, not.") == []


def test_quoted_cells_of_a_delimited_row_are_not_a_search_list() -> None:
    # keep: a CSV export row's quoted cells are table text, read like any cell
    row = '"[22]","Marchetti","2021","IL-17A down"\n'
    assert quoted_lists(row) == []
    tsv = '"Ref"\t"Author"\t"Cytokine"\n'
    assert quoted_lists(tsv) == []
    # drop: the same terms typed as a search list in prose stay skipped
    prose = 'We searched "IL-17A", "IL-23", and "Th17 cells" in PubMed.'
    assert [prose[s:e] for s, e in quoted_lists(prose)] == ['"IL-17A", "IL-23", and "Th17 cells"']


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_find_never_raises_and_offsets_in_range(text: str) -> None:
    for m in INDEX.find(text):
        assert 0 <= m.start < m.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "NK, natural killer cells; PGE2, prostaglandin E2; IL, interleukin.",
        "Abbreviations: NK, natural killer cells\nPGE2, prostaglandin E2\nTh17, T helper 17\n",
        ";;;: : \n\nA1, foo bar; B2, baz qux; C3, quux x: D4, long one; E5, five",
        "In mice, skin thickened; in rats, not.",
        "",
    ],
)
def test_glossary_entries_from_anchors_equal_a_full_scan(text: str) -> None:
    from extractor.pipeline.regions import _GLOSSARY_ENTRY_RE, _glossary_entries

    want = [m.span() for m in _GLOSSARY_ENTRY_RE.finditer(text)]
    assert [m.span() for m in _glossary_entries(text)] == want


def test_key_trie_holds_every_key_and_prefix_of_the_table() -> None:
    """The scanner walks the trie: a node per key and per proper prefix, variants exactly
    at the table's keys, children exactly below the prefixes, one number per node."""
    seen: dict[tuple[str, ...], tuple[object, int]] = {}

    def walk(level: dict, path: tuple[str, ...]) -> None:  # type: ignore[type-arg]
        for atom, (children, variants, nid) in level.items():
            seen[(*path, atom)] = (variants, nid)
            assert bool(children) == ((*path, atom) in INDEX.prefixes)
            walk(children, (*path, atom))

    walk(INDEX.trie, ())
    assert {k for k, (v, _) in seen.items() if v is not None} == set(INDEX.table)
    assert all(seen[k][0] is INDEX.table[k] for k in INDEX.table)
    assert set(seen) == set(INDEX.table) | INDEX.prefixes
    assert len({nid for _, nid in seen.values()}) == len(seen)


@pytest.mark.parametrize(
    ("blocker", "text", "kept"),
    [
        ({"label": "CYTOKINE", "after": "R\\b"}, "IL-4R and IL-5", ["IL-5"]),
        ({"label": "CYTOKINE", "before": "anti-$"}, "anti-IL-4 and IL-5", ["IL-5"]),
        # a flag or a group keeps the blockers one by one: the same verdicts
        ({"label": "CYTOKINE", "after": "(?i)\\s(r)eceptor"}, "IL-4 Receptor and IL-5", ["IL-5"]),
    ],
)
def test_blockers_of_a_label_apply_together(blocker: dict, text: str, kept: list[str]) -> None:  # type: ignore[type-arg]
    index = LexiconIndex(ROWS, [{"label": "CYTOKINE", "after": "\\s+receptor\\b"}, blocker])
    assert [m.norm for m in index.find(text)] == kept
