"""What a review says about each of its studies (``records.review.Said``), cut out of another
study's surroundings: checked against the plain definition (each character no other study's
span covers, in runs of more than one)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.records.pieces import GROUP, PARAGRAPH, Piece
from extractor.records.review import Said
from extractor.records.text import Span


def _minus_by_definition(pieces: list[Piece], spans: list[Span]) -> list[Piece]:
    """Each character of a piece that no span covers, grouped into runs; runs of more than
    one character kept."""
    out = []
    for p in pieces:
        free = [i for i in range(p.start, p.end) if not any(s.start <= i < s.end for s in spans)]
        runs: list[list[int]] = []
        for i in free:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        out += [Piece(r[0], r[-1] + 1, p.weight, p.origin) for r in runs if len(r) > 1]
    return out


_interval = st.tuples(st.integers(0, 80), st.integers(1, 30))
_owned = st.tuples(st.integers(0, 80), st.integers(1, 30), st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(st.lists(_interval, max_size=4), st.lists(_owned, max_size=12), st.integers(0, 3))
def test_cutting_the_other_studies_out_matches_the_definition(
    pieces: list, cuts: list, study: int
) -> None:
    ps = [Piece(a, a + n, 1.0, PARAGRAPH) for a, n in pieces]
    said = Said([(a, a + n, owner) for a, n, owner in cuts])
    others = [Span(a, a + n) for a, n, owner in cuts if owner != study]
    assert said.minus(ps, study) == _minus_by_definition(ps, others)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_interval, min_size=1, max_size=3), min_size=1, max_size=4),
    st.lists(_owned, max_size=12),
    st.integers(0, 3),
)
def test_the_near_surroundings_are_the_cut_levels_but_the_widest_left(
    levels: list, cuts: list, study: int
) -> None:
    context = [[Piece(a, a + n, 1.0, GROUP) for a, n in level] for level in levels]
    said = Said([(a, a + n, owner) for a, n, owner in cuts])
    others = [Span(a, a + n) for a, n, owner in cuts if owner != study]
    cut = [m for m in (_minus_by_definition(level, others) for level in context) if m]
    assert said.near(context, study) == cut[:-1]
