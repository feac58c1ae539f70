"""index.html: one page, everything inline, nothing fetched.

Paper text reaches the page two ways, and both are escaped: what Python writes into the HTML
goes through ``html.escape``; the study table travels as JSON inside a
``<script type="application/json">`` (with ``<``, ``>`` and ``&`` written as ``\\u003c`` …) and
the page's script puts it on screen with ``textContent`` only, never as markup. A
Content-Security-Policy forbids every network request, so the page works offline and cannot
call home even if something slipped through.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape
from importlib import resources
from typing import Any

from extractor.report import figures as fg
from extractor.report.load import ReportInput
from extractor.report.table import COLUMNS, Row

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
FIGURE_CAPTIONS = {
    "evidence_map": "Studies per disease, intervention and model (the matrix above, drawn).",
    "score_change": "Outcome scores reported with a baseline and a final value: one line per "
    "study, solid blue when the score fell, dashed vermillion when it rose.",
    "cytokine_direction": "Cytokines the studies moved, per disease: studies reporting a fall "
    "(solid), a rise (hatched ///) or no direction (cross-hatched).",
    "dose_ranges": "Reported doses on a log axis, one panel per unit (units are never "
    "compared), one band per intervention and model; a line is a range, a point one value.",
}
FIGURE_TITLES = {
    "evidence_map": "Evidence map",
    "score_change": "Score change",
    "cytokine_direction": "Cytokine direction",
    "dose_ranges": "Dose ranges",
}
MAX_TITLE_IDS = 40  # study ids listed in a map cell's tooltip (all are in the filter)


def _asset(name: str) -> str:
    return resources.files("extractor.report").joinpath("assets", name).read_text("utf-8")


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no '</script>', no comment or CDATA openers."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _cell(c: Any) -> list[Any]:
    out = [c.text, c.sort, [list(m) for m in c.marks], c.flag, c.note]
    while len(out) > 2 and not out[-1]:
        out.pop()
    return out


def table_data(rows: tuple[Row, ...], cells: dict[tuple[str, str, str], list[str]]) -> dict:
    index = {r.key: i for i, r in enumerate(rows)}
    return {
        "columns": [list(c) for c in COLUMNS],
        "rows": [
            {"k": r.key, "c": [_cell(c) for c in r.cells], "s": [s.text for s in r.sentences]}
            for r in rows
        ],
        "map": [[index[k] for k in keys if k in index] for keys in cells.values()],
    }


def summary(inp: ReportInput) -> str:
    """The one line a reader sees first: how much evidence, of what, and what failed."""
    recs = [s.record for s in inp.studies]
    ok = [p for p in inp.papers if not p.error]
    count = lambda values: len({v for v in values if v})  # noqa: E731
    parts = [
        _n(len(ok), "paper"),
        _n(len(recs), "study", "studies"),
        _n(count(r.disease for r in recs), "disease"),
        _n(count(r.intervention for r in recs), "product"),
        _n(count(r.model for r in recs), "model"),
        _n(len(inp.failed), "failed document"),
    ]
    extra = sum(p.renderings - 1 for p in ok)
    line = ", ".join(parts)
    if extra:
        line += f" ({_n(extra, 'further rendering')} of the same papers not counted)"
    return line


def _n(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _failed(inp: ReportInput) -> str:
    items = [f"<li><code>{escape(p.source or p.doc_id)}</code>: {escape(p.error or '')}</li>"
             for p in inp.failed]  # fmt: skip
    items += [f"<li>{escape(msg)}</li>" for msg in inp.problems]
    if not items:
        return ""
    return (
        f'<details class="failed" open><summary>{_n(len(items), "problem")} reading the input '
        f"(failed documents, unreadable lines, records or values)</summary>"
        f"<ul>{''.join(items)}</ul></details>"
    )


def _map_table(cells: dict[tuple[str, str, str], list[str]], rows: tuple[Row, ...]) -> str:
    """The evidence map as an HTML matrix; each count is a button that filters the table."""
    if not cells:
        return "<p>No studies.</p>"
    per_disease: Counter = Counter()
    for (d, _, _), keys in cells.items():
        per_disease[d] += len(keys)
    diseases = [d for d, _ in sorted(per_disease.items(), key=lambda kv: (-kv[1], kv[0]))]
    columns = fg.map_columns(cells, diseases)
    position = {c: i for i, c in enumerate(cells)}
    sid = {r.key: r.study.record.study_id for r in rows}
    groups: list[tuple[str, int]] = []
    for i, _ in columns:
        if groups and groups[-1][0] == i:
            groups[-1] = (i, groups[-1][1] + 1)
        else:
            groups.append((i, 1))
    head1 = "".join(f'<th colspan="{n}" scope="colgroup">{escape(i)}</th>' for i, n in groups)
    head2 = "".join(f'<th scope="col">{escape(m)}</th>' for _, m in columns)
    body = []
    for d in diseases:
        tds = []
        for i, m in columns:
            keys = cells.get((d, i, m)) or []
            if not keys:
                tds.append('<td class="zero">·</td>')
                continue
            ids = ", ".join(sid.get(k, k) for k in keys[:MAX_TITLE_IDS])
            ids += f" … (+{len(keys) - MAX_TITLE_IDS})" if len(keys) > MAX_TITLE_IDS else ""
            label = f"{d} · {i} · {m}: {len(keys)} studies: {ids}"
            tds.append(
                f'<td><button type="button" class="mapcell" data-cell="{position[(d, i, m)]}" '
                f'data-label="{escape(f"{d} · {i} · {m}")}" title="{escape(label)}">'
                f"{len(keys)}</button></td>"
            )
        body.append(f'<tr><th scope="row">{escape(d)}</th>{"".join(tds)}</tr>')
    return (
        '<div class="scroll"><table class="map"><thead>'
        f'<tr><th rowspan="2" scope="col">disease</th>{head1}</tr><tr>{head2}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def inline_svg(svg: str, prefix: str) -> str:
    """A matplotlib SVG made fit to sit in the page: no XML prologue, ids made unique."""
    svg = svg[svg.find("<svg") :]
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = re.sub(r"url\(#", f"url(#{prefix}-", svg)
    svg = re.sub(r'href="#', f'href="#{prefix}-', svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(FIGURE_TITLES[prefix])}" ', 1)


def _figure(name: str, svg: str) -> str:
    return (
        f'<figure id="fig-{name}">{inline_svg(svg, name)}<figcaption>'
        f"{escape(FIGURE_CAPTIONS[name])} "
        f'<a href="figures/{name}.svg">figures/{name}.svg</a></figcaption></figure>'
    )


def _filters() -> str:
    selects = "".join(
        f'<label>{escape(label)} <select data-col="{key}"><option value="">all</option>'
        "</select></label>"
        for key, label in (
            ("disease", "Disease"),
            ("intervention", "Intervention"),
            ("model", "Model"),
            ("design", "Design"),
        )
    )
    return (
        '<div class="controls"><label>Filter <input id="q" type="search" '
        'placeholder="any text in the table" autocomplete="off"></label>'
        f'{selects}<label><input id="flagged" type="checkbox"> flagged only</label>'
        '<span id="mapfilter" hidden></span></div>'
    )


def _table_shell() -> str:
    head = "".join(
        f'<th scope="col" data-i="{i}"><button type="button" class="sort">{escape(h)}</button></th>'
        for i, (_, h) in enumerate(COLUMNS)
    )
    return (
        f"{_filters()}"
        '<p class="legend"><span class="flag-conflict">⚠ conflict</span>: the paper states two '
        'values (hover for both) · <span class="flag-low">? low confidence</span> · click any '
        "cell for the sentences it was read from, the value marked.</p>"
        '<div class="scroll"><table id="studies"><thead><tr>'
        f'<th scope="col" class="toggle"></th>{head}</tr></thead><tbody></tbody></table></div>'
        '<div class="pager"><button type="button" id="prev">◀ previous</button> '
        '<span id="range"></span> <button type="button" id="next">next ▶</button></div>'
        "<noscript><p>The table needs JavaScript; studies.csv holds the same rows.</p></noscript>"
    )


def render(inp: ReportInput, rows: tuple[Row, ...], svgs: dict[str, str]) -> str:
    """The whole page as one string."""
    cells = fg.evidence_map(inp.studies)
    title = f"Study report: {summary(inp)}"
    figures = "".join(
        f'<section id="{name}"><h2>{escape(FIGURE_TITLES[name])}</h2>{_figure(name, svg)}</section>'
        for name, svg in svgs.items()
        if name != "evidence_map"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_asset('report.css')}</style></head><body>"
        f"<header><h1>Study report</h1>"
        f'<p id="summary" class="summary">{escape(summary(inp))}</p>{_failed(inp)}'
        f'<p class="files">Read from <code>{escape(str(inp.source))}</code> · '
        '<a href="studies.csv">studies.csv</a> · <a href="studies.xlsx">studies.xlsx</a> · '
        '<a href="#table">table</a> · <a href="#map">evidence map</a> · '
        '<a href="#score_change">score change</a> · '
        '<a href="#cytokine_direction">cytokines</a> · <a href="#dose_ranges">doses</a></p>'
        "</header><main>"
        f'<section id="table"><h2>Studies</h2>{_table_shell()}</section>'
        f'<section id="map"><h2>Evidence map</h2><p>Studies per disease (rows), intervention '
        "and model (columns). Click a count to list its studies in the table.</p>"
        f"{_map_table(cells, rows)}{_figure('evidence_map', svgs['evidence_map'])}</section>"
        f"{figures}</main>"
        f'<script type="application/json" id="data">{script_json(table_data(rows, cells))}</script>'
        f"<script>{_asset('report.js')}</script></body></html>\n"
    )
