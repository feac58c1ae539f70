"""JATS figures and tables: label and caption lines, then a table's rows as a pipe table.

``colspan`` and ``rowspan`` are laid out on a grid (``_grid``), so each row has one cell per
column; the table foot becomes a note line and a ``table_notes`` entry.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.ingest.jats_text import Writer, children, inline_text, local_name
from extractor.types import Table


def write_float(el: Any, w: Writer) -> None:
    """A figure or table (or a group of them); anything else is ignored."""
    name = local_name(el)
    if name == "fig":
        _figure(el, w)
    elif name == "fig-group":
        for f in children(el, "fig"):
            _figure(f, w)
    elif name == "table-wrap":
        write_table(el, w)
    elif name == "table-wrap-group":
        for t in children(el, "table-wrap"):
            write_table(t, w)


def _figure(el: Any, w: Writer) -> None:
    label = children(el, "label")
    if label:
        w.line(inline_text(label[0]))
    for cap in children(el, "caption"):
        for c in cap:
            if local_name(c) in ("title", "p"):
                w.line(inline_text(c))


def _span(c: Any, name: str) -> int:
    try:
        return max(1, min(int(c.get(name, "1") or 1), 1000))
    except ValueError:
        return 1


def _grid(trs: list[Any], carry: bool = False) -> list[list[str]]:
    """Rows of cell texts with ``colspan`` and ``rowspan`` laid out on a grid.

    A spanned position is empty, the text standing in the first row and column of its span;
    with ``carry`` a cell spanning down keeps its text in every row it covers (header rows,
    where only the last row is kept).
    """
    out: list[list[str]] = []
    below: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    for tr in trs:
        row: list[str] = []
        cells = [c for c in tr if local_name(c) in ("td", "th")]
        k = 0
        while True:
            col = len(row)
            if col in below:
                left, txt = below.pop(col)
                row.append(txt if carry else "")
                if left > 1:
                    below[col] = (left - 1, txt)
            elif k < len(cells):
                c = cells[k]
                k += 1
                txt = inline_text(c)
                cs, rs = _span(c, "colspan"), _span(c, "rowspan")
                for j in range(cs):
                    row.append(txt if j == 0 else "")
                    if rs > 1:
                        below[col + j] = (rs - 1, txt if j == 0 else "")
            elif any(c2 > col for c2 in below):
                row.append("")
            else:
                break
        out.append(row)
    return out


def write_table(el: Any, w: Writer) -> None:
    """A <table-wrap>: label, caption, header row(s), body rows, foot."""
    label_el = children(el, "label")
    label_text = inline_text(label_el[0]) if label_el else ""
    caption = ""
    for cap in children(el, "caption"):
        caption = " ".join(inline_text(c) for c in cap if local_name(c) in ("title", "p"))
    tables = el.xpath(".//*[local-name()='table']")
    start = w.pos
    if label_text:
        w.line(label_text)
    if caption:
        w.line(caption)
    header: list[str] = []
    rows: list[list[str]] = []
    for table in tables[:1]:
        head_rows = table.xpath("./*[local-name()='thead']/*[local-name()='tr']")
        body_rows = table.xpath(
            "./*[local-name()='tbody']/*[local-name()='tr'] | ./*[local-name()='tr']"
        )
        if head_rows:
            header = _grid(head_rows, carry=True)[-1]
        elif body_rows:
            header, body_rows = _grid(body_rows[:1])[0], body_rows[1:]
        rows = _grid(body_rows)
    ncols = max([len(header), *(len(r) for r in rows)])
    header = header + [""] * (ncols - len(header))
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    if ncols:
        w.line(_pipe(header))
        w.line("|".join("---" for _ in header) + "|")
        for r in rows:
            w.line(_pipe(r))
    for foot in children(el, "table-wrap-foot"):
        note = " ".join(inline_text(c) for c in foot.iter() if local_name(c) == "p") or inline_text(
            foot
        )
        if note:
            a, b = w.line(note)
            w.notes.append({"label": _norm_label(label_text), "text": note, "start": a, "end": b})
    w.tables.append(
        Table(
            _norm_label(label_text),
            caption,
            tuple(header),
            tuple(tuple(r) for r in rows),
            start,
            w.end,
        )
    )


def _norm_label(label: str) -> str | None:
    m = re.match(r"^\s*(?:Table|TABLE|Tab\.)\s+(\S+?)[.:]?\s*$", label)
    return f"Table {m.group(1)}" if m else (label.strip().rstrip(".") or None)


def _pipe(cells: list[str]) -> str:
    return " | ".join(c.replace("|", "\\|") for c in cells) + " |"
