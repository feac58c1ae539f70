"""Text set sideways: a landscape table printed on a portrait page, its lines running up
(or down) the page. The table finder reads such a page through a turned view, in which
the glyphs stand upright, and the cells it finds are mapped back to the page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from extractor.ingest.pdf_chars import Chars

_SAMPLE = 96  # characters whose angle is read to tell a turned page


@dataclass(frozen=True)
class Turn:
    """A quarter turn of the page: ``up`` when the lines run up the page (rotated 90°
    anticlockwise), else down it. ``width``/``height`` are the page's own."""

    up: bool
    width: float
    height: float

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the turned (upright) view."""
        return self.height, self.width

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A page point (PDF space, y up) in the upright view."""
        return (y, self.width - x) if self.up else (self.height - y, x)

    def box(
        self, left: float, bottom: float, right: float, top: float
    ) -> tuple[float, float, float, float]:
        """A page box (left, bottom, right, top) in the upright view."""
        x0, y0 = self.point(left, bottom)
        x1, y1 = self.point(right, top)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def back(self, x: float, y: float) -> tuple[float, float]:
        """An upright point back on the page."""
        return (self.width - y, x) if self.up else (y, self.height - x)


def page_turn(text: str, chars: Chars, width: float, height: float) -> Turn | None:
    """The turn of a page whose text mostly runs up or down it (sampled glyph angles)."""
    import pypdfium2.raw as raw

    if len(text) < 80:
        return None
    sample = [i for i in range(0, len(text), max(1, len(text) // _SAMPLE)) if text[i].strip()]
    up = down = 0
    for i in sample:
        a = float(raw.FPDFText_GetCharAngle(chars.tp, i))
        if a < 0:
            continue
        # pdfium measures the angle clockwise: a line running up the page is at 3/2 pi
        if abs(a - 3 * math.pi / 2) < 0.1:
            up += 1
        elif abs(a - math.pi / 2) < 0.1:
            down += 1
    if max(up, down) < 0.4 * max(len(sample), 1):
        return None
    return Turn(up >= down, width, height)


class TurnedChars(Chars):
    """``Chars`` of a page seen through a ``Turn``: boxes and origins upright."""

    def __init__(self, chars: Chars, turn: Turn) -> None:
        self.__dict__.update(chars.__dict__)
        self._boxes = {}
        self._printed = None
        self._baselines = None
        self.page = chars
        self.turn = turn

    def origin(self, i: int) -> tuple[float, float]:
        return self.turn.point(*self.page.origin(i))

    def box(self, i: int) -> tuple[float, float, float, float]:
        got = self._boxes.get(i)
        if got is None:
            got = self.turn.box(*self.page.box(i))
            self._boxes[i] = got
        return got

    def printed(self, text: str) -> list[tuple[int, float, float, float, float]]:
        if self._printed is None:
            self._printed = [
                (i, *self.turn.box(left, bottom, right, top))
                for i, left, bottom, right, top in self.page.printed(text)
            ]
        return self._printed

    def with_baselines(
        self, text: str
    ) -> tuple[list[tuple[int, float, float, float, float]], list[float]]:
        return self.printed(text), self.baselines(text)

    def baselines(self, text: str) -> list[float]:
        if self._baselines is None:
            self._baselines = [self.origin(c[0])[1] for c in self.printed(text)]
        return self._baselines


def turned_view(page: Any, text: str, chars: Chars) -> tuple[Turn, TurnedChars] | None:
    """The upright view of a page set sideways, or None for an upright page."""
    width, height = page.get_size()
    turn = page_turn(text, chars, width, height)
    if turn is None:
        return None
    return turn, TurnedChars(chars, turn)
