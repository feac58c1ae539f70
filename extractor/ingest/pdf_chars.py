"""Per-character geometry of one pdfium text page, read through ctypes (no object per glyph)."""

from __future__ import annotations

import ctypes
from functools import cache
from typing import Any

from extractor.ingest.glyphs import GONE
from extractor.normalize.text import HYPHEN_MARKS


@cache
def unprototyped(name: str, restype: Any = ctypes.c_int) -> Any:
    """pdfium's function ``name`` without its argument prototype: ctypes then converts
    nothing, which halves the cost of a call made once or twice per character or path
    segment. Only for functions whose arguments are pdfium handles (typed pointers), a C
    int and pointers passed as ``byref``, and whose result is a C int or ``restype``."""
    import pypdfium2.raw as raw

    fn = getattr(raw, name)
    address = ctypes.cast(fn, ctypes.c_void_p).value
    if address is None:  # pdfium exports every function it declares
        raise RuntimeError(f"pdfium has no function {name}")
    return ctypes.CFUNCTYPE(restype)(address)


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
        self._origins: dict[int, tuple[float, float]] = {}
        self._printed: list[tuple[int, float, float, float, float]] | None = None
        self._baselines: list[float] | None = None
        self._get_box = unprototyped("FPDFText_GetCharBox")
        self._get_origin = unprototyped("FPDFText_GetCharOrigin")
        self._get_size = unprototyped("FPDFText_GetFontSize", ctypes.c_double)
        self._get_matrix = unprototyped("FPDFText_GetMatrix")
        self._get_unicode = unprototyped("FPDFText_GetUnicode", ctypes.c_uint)
        self._box_refs = tuple(ctypes.byref(v) for v in (self._l, self._r, self._b, self._t))
        self._origin_refs = ctypes.byref(self._x), ctypes.byref(self._y)
        self._m_ref = ctypes.byref(self._m)
        self._name = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()

    def origin(self, i: int) -> tuple[float, float]:
        """(x, y) of character ``i``'s origin; kept, as table finding reads the baselines
        that the line reading asks for again."""
        got = self._origins.get(i)
        if got is None:
            self._get_origin(self.tp, i, *self._origin_refs)
            got = self._origins[i] = (self._x.value, self._y.value)
        return got

    def box(self, i: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of character ``i``; kept, as table finding, cell
        filling and accent placing ask for the same characters."""
        got = self._boxes.get(i)
        if got is None:
            self._get_box(self.tp, i, *self._box_refs)
            got = self._boxes[i] = (self._l.value, self._b.value, self._r.value, self._t.value)
        return got

    def printed(self, text: str) -> list[tuple[int, float, float, float, float]]:
        """(index, left, bottom, right, top) of every printed character of the page, read
        once in one pass (table finding and cell filling both scan the whole page)."""
        if self._printed is None:
            tp, get_box = self.tp, self._get_box
            lv, rv, bv, tv = self._l, self._r, self._b, self._t
            lp, rp, bp, tpp = self._box_refs
            skip = {*HYPHEN_MARKS, GONE}
            boxes = self._boxes  # shared with ``box``: each box is read once
            out = []
            for i, ch in enumerate(text):
                if ch.isspace() or ch in skip:
                    continue
                got = boxes.get(i)
                if got is None:
                    get_box(tp, i, lp, rp, bp, tpp)
                    got = boxes[i] = (lv.value, bv.value, rv.value, tv.value)
                out.append((i, *got))
            self._printed = out
        return self._printed

    def with_baselines(
        self, text: str
    ) -> tuple[list[tuple[int, float, float, float, float]], list[float]]:
        """``printed`` and ``baselines`` together; on a page where neither was read yet both
        come from one pass over the characters (a box and an origin call per character)."""
        if self._printed is None and self._baselines is None:
            tp, get_box, get_origin = self.tp, self._get_box, self._get_origin
            lv, rv, bv, tv, yv = self._l, self._r, self._b, self._t, self._y
            lp, rp, bp, tpp = self._box_refs
            xp, yp = self._origin_refs
            skip = {*HYPHEN_MARKS, GONE}
            boxes = self._boxes
            out: list[tuple[int, float, float, float, float]] = []
            bases: list[float] = []
            add, add_base = out.append, bases.append
            for i, ch in enumerate(text):
                if ch.isspace() or ch in skip:
                    continue
                get_box(tp, i, lp, rp, bp, tpp)
                get_origin(tp, i, xp, yp)
                got = boxes[i] = (lv.value, bv.value, rv.value, tv.value)
                add((i, *got))
                add_base(yv.value)
            self._printed, self._baselines = out, bases
        return self.printed(text), self.baselines(text)

    def baselines(self, text: str) -> list[float]:
        """Origin y of each character of ``printed``, in the same order, read once."""
        if self._baselines is None:
            tp, get_origin, origins = self.tp, self._get_origin, self._origins
            xv, yv = self._x, self._y
            xp, yp = self._origin_refs
            out = []
            for c in self.printed(text):
                got = origins.get(c[0])
                if got is None:  # kept for the line reading, which asks again
                    get_origin(tp, c[0], xp, yp)
                    got = origins[c[0]] = (xv.value, yv.value)
                out.append(got[1])
            self._baselines = out
        return self._baselines

    def unicode(self, i: int) -> int:
        return int(self._get_unicode(self.tp, i))

    def size(self, i: int) -> float:
        """The type size as printed: the font size times the text matrix's vertical scale
        (Distiller and others set size 1 and scale the matrix)."""
        size = float(self._get_size(self.tp, i))
        if self._get_matrix(self.tp, i, self._m_ref):
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
