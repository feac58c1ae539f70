"""Per-character geometry of one pdfium text page, read through ctypes (no object per glyph)."""

from __future__ import annotations

import ctypes
from typing import Any

from extractor.ingest.glyphs import GONE
from extractor.normalize.text import HYPHEN_MARKS


class Chars:
    """Thin ctypes access to per-character geometry of one pdfium text page."""

    def __init__(self, textpage: Any) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.tp = textpage.raw
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._l, self._r = ctypes.c_double(), ctypes.c_double()
        self._b, self._t = ctypes.c_double(), ctypes.c_double()
        self._m = raw.FS_MATRIX()
        self._boxes: dict[int, tuple[float, float, float, float]] = {}
        self._centres: list[tuple[float, float]] | None = None
        self._printed: list[tuple[int, float, float, float, float]] | None = None
        self._baselines: list[float] | None = None
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()

    def origin(self, i: int) -> tuple[float, float]:
        self.raw.FPDFText_GetCharOrigin(self.tp, i, self._x, self._y)
        return self._x.value, self._y.value

    def box(self, i: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of character ``i``; kept, as table finding, cell
        filling and accent placing ask for the same characters."""
        got = self._boxes.get(i)
        if got is None:
            self.raw.FPDFText_GetCharBox(self.tp, i, self._l, self._r, self._b, self._t)
            got = self._boxes[i] = (self._l.value, self._b.value, self._r.value, self._t.value)
        return got

    def printed(self, text: str) -> list[tuple[int, float, float, float, float]]:
        """(index, left, bottom, right, top) of every printed character of the page, read
        once in one pass (table finding and cell filling both scan the whole page)."""
        if self._printed is None:
            raw, tp = self.raw, self.tp
            get_box = raw.FPDFText_GetCharBox
            lv, rv, bv, tv = self._l, self._r, self._b, self._t
            skip = {*HYPHEN_MARKS, GONE}
            out = []
            for i, ch in enumerate(text):
                if ch.isspace() or ch in skip:
                    continue
                get_box(tp, i, lv, rv, bv, tv)
                out.append((i, lv.value, bv.value, rv.value, tv.value))
            self._printed = out
        return self._printed

    def baselines(self, text: str) -> list[float]:
        """Origin y of each character of ``printed``, in the same order, read once."""
        if self._baselines is None:
            get_origin = self.raw.FPDFText_GetCharOrigin
            tp, xv, yv = self.tp, self._x, self._y
            out = []
            for c in self.printed(text):
                get_origin(tp, c[0], xv, yv)
                out.append(yv.value)
            self._baselines = out
        return self._baselines

    def centres(self, text: str, height: float) -> list[tuple[float, float]]:
        """Box centres (top-based y) of the page's printed characters, computed once."""
        if self._centres is None:
            self._centres = [
                ((left + right) / 2, height - (low + up) / 2)
                for _, left, low, right, up in self.printed(text)
            ]
        return self._centres

    def unicode(self, i: int) -> int:
        return int(self.raw.FPDFText_GetUnicode(self.tp, i))

    def size(self, i: int) -> float:
        """The type size as printed: the font size times the text matrix's vertical scale
        (Distiller and others set size 1 and scale the matrix)."""
        size = float(self.raw.FPDFText_GetFontSize(self.tp, i))
        if self.raw.FPDFText_GetMatrix(self.tp, i, self._m):
            scale = (self._m.c**2 + self._m.d**2) ** 0.5
            if scale > 0:
                size *= scale
        return size

    def bold(self, i: int) -> bool:
        """Bold by the font's name (…-Bold, …Semibold, …Black) where it has one, else by the
        weight pdfium reads (embedded subsets often report a weight that says nothing)."""
        n = self.raw.FPDFText_GetFontInfo(self.tp, i, self._name, 128, self._flags)
        if n > 0:
            name = self._name.value.decode("latin-1", "replace").casefold()
            if name.strip():
                return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
        return int(self.raw.FPDFText_GetFontWeight(self.tp, i)) >= 600
