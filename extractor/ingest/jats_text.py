"""What every part of the JATS reader writes with: element names, inline text, the writer.

The reader (``jats.py``) walks the article's blocks; tables and figures (``jats_tables.py``)
and the reference list (``jats_refs.py``) are written by their own modules through the same
``Writer``, so every span is recorded as the text is written.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.normalize.text import collapse_spaces
from extractor.types import Reference, Section, Table


def local_name(el: Any) -> str:
    """The tag without its namespace ("" for comments and processing instructions)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(el: Any, name: str) -> list[Any]:
    """The direct children of ``el`` with local name ``name``."""
    return [c for c in el if local_name(c) == name]


def inline_text(el: Any) -> str:
    """The text of an inline-content element, exponents of ten written as ``10^n``; floats
    inside a paragraph (footnotes, tables, figures) are left out: they are written as blocks
    of their own."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        name = local_name(node)
        if name == "sup":
            inner = "".join(node.itertext())
            prev = "".join(parts)
            if re.search(r"(?<!\d)10$", prev) and re.fullmatch(r"\s*[-−]?\d{1,3}\s*", inner):
                parts.append("^" + inner.strip())
            else:
                parts.append(inner)
        elif name not in _FLOATS:
            text_and_children(node)

    def text_and_children(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for c in node:
            walk(c)
            if c.tail:
                parts.append(c.tail)

    text_and_children(el)
    return collapse_spaces("".join(parts))


_FLOATS = frozenset({"fn", "table-wrap", "fig"})


class Writer:
    """Accumulates lines of text and records the structure spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sections: list[Section] = []
        self.tables: list[Table] = []
        self.references: list[Reference] = []
        self.notes: list[dict[str, object]] = []
        # floats kept apart from the text (<floats-group>), by id, written after the
        # paragraph that first cites them
        self.floats: dict[str, Any] = {}

    def line(self, s: str) -> tuple[int, int]:
        s = s.replace("\n", " ").strip()
        if not s:
            return self.pos, self.pos
        start = self.pos
        self.parts.append(s + "\n")
        self.pos += len(s) + 1
        return start, start + len(s)

    @property
    def end(self) -> int:
        return max(self.pos - 1, 0)

    def text(self) -> str:
        return "".join(self.parts)


def heading(el: Any) -> str:
    """A section's heading line: its label and title."""
    label = children(el, "label")
    title = children(el, "title")
    parts = [inline_text(label[0]) if label else "", inline_text(title[0]) if title else ""]
    return " ".join(x for x in parts if x)
