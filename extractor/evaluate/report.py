"""Human-readable views of the metrics: rich tables for the terminal, one self-contained HTML file.

Every figure shown here is read from the metrics dict, so the table, the HTML and metrics.json
cannot disagree.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from extractor.evaluate.bibliography import BIB_FIELDS
from extractor.evaluate.entities import SCHEMES
from extractor.evaluate.records import LIST_FIELDS, SCALAR_FIELDS

if TYPE_CHECKING:
    from rich.table import Table

    from extractor.evaluate.harness import SystemResult

SCHEME_NOTES = {
    "strict": "same span, same label",
    "exact": "same span, any label",
    "partial": "overlap, any label; half credit unless exact",
    "type": "overlap, same label",
}


def _f(x: float) -> str:
    return f"{x:.3f}"


def _prf(v: dict[str, Any]) -> str:
    """P / R / F1, or a dash when neither side had anything to compare (0/0 is no score)."""
    if "tp" in v and v["tp"] + v["fp"] + v["fn"] == 0:
        return "–"
    return f"{_f(v['precision'])} / {_f(v['recall'])} / {_f(v['f1'])}"


def _labels(results: Sequence[SystemResult]) -> list[str]:
    seen: list[str] = []
    for r in results:
        for lab in r.evaluation.metrics["entities"]["strict"]["per_label"]:
            if lab not in seen:
                seen.append(lab)
    return seen


def _docs_line(m: dict[str, Any]) -> str:
    d = m["documents"]
    parts = [f"{d['scored']}/{d['gold']} scored"]
    if d["remapped"]:
        parts.append(f"{len(d['remapped'])} remapped")
    for key in ("not_comparable", "missing", "failed", "unpaired_pred"):
        if d[key]:
            parts.append(f"{len(d[key])} {key.replace('_', ' ')}")
    for side, n in d["invalid_entities"].items():
        if n:
            parts.append(f"{n} invalid {side} spans ignored")
    return ", ".join(parts)


def terminal_tables(results: Sequence[SystemResult], brief: bool = False) -> list[Table]:
    """Documents, mentions (per scheme and label), norm accuracy, records: systems side by side.

    ``brief`` keeps the micro rows and overall norm accuracy only (a summary for ``make run``).
    """
    from rich.markup import escape

    names = [escape(r.name) for r in results]  # "out[pdf]" is a name, not a style tag
    metrics = [r.evaluation.metrics for r in results]
    labels = [] if brief else _labels(results)
    return [
        _documents_table(names, metrics),
        _mentions_table(names, metrics, labels, brief),
        _norm_table(names, metrics, labels),
        _records_table(names, metrics),
        *_bibliography_table(names, metrics),
    ]


def _documents_table(names: list[str], metrics: list[dict[str, Any]]) -> Table:
    """One row per system: how many gold documents were scored, and why the others were not."""
    from rich.markup import escape
    from rich.table import Table

    docs = Table(title="Documents", show_lines=False)
    docs.add_column("system")
    docs.add_column("documents")
    for n, m in zip(names, metrics, strict=True):
        docs.add_row(n, _docs_line(m))
        for nc in m["documents"]["not_comparable"]:
            docs.add_row(
                "", f"[yellow]not comparable[/] {escape(nc['doc_id'])}: {escape(nc['reason'])}"
            )
    return docs


def _scheme_row(scheme_metrics: dict[str, Any], row_name: str) -> dict[str, Any]:
    """The micro or macro figures of one scheme, or one label's."""
    if row_name in ("micro", "macro"):
        return scheme_metrics[row_name]
    return scheme_metrics["per_label"][row_name]


def _mentions_table(
    names: list[str], metrics: list[dict[str, Any]], labels: list[str], brief: bool
) -> Table:
    """P / R / F1 per scheme and label; with one system, its tp / fp / fn too."""
    from rich.table import Table

    ents = Table(title="Mentions: P / R / F1 (SemEval-2013 schemes)")
    ents.add_column("scheme")
    ents.add_column("label")
    for n in names:
        ents.add_column(f"{n}\nP / R / F1", justify="right")
    if len(names) == 1:
        ents.add_column("tp / fp / fn", justify="right")
    for scheme in SCHEMES:
        for row_name in ("micro",) if brief else ("micro", "macro", *labels):
            cells = [_prf(_scheme_row(m["entities"][scheme], row_name)) for m in metrics]
            if len(names) == 1:
                v = _scheme_row(metrics[0]["entities"][scheme], row_name)
                cells.append(
                    f"{v['tp']:g} / {v['fp']:g} / {v['fn']:g}"
                    if "tp" in v
                    else f"over {v['labels']} labels"
                )
            style = "bold" if row_name == "micro" else None
            ents.add_row(scheme if row_name == "micro" else "", row_name, *cells, style=style)
        if not brief:
            ents.add_section()
    return ents


def _norm_cell(m: dict[str, Any], row_name: str) -> str:
    na = m["entities"]["norm_accuracy"]
    v = na if row_name == "all" else na["per_label"][row_name]
    return f"{_f(v['accuracy'])} ({v['correct']}/{v['matched']})"


def _norm_table(names: list[str], metrics: list[dict[str, Any]], labels: list[str]) -> Table:
    from rich.table import Table

    norm = Table(title="Norm accuracy on strictly matched mentions")
    norm.add_column("label")
    for n in names:
        norm.add_column(n, justify="right")
    for row_name in ("all", *labels):
        cells = [_norm_cell(m, row_name) for m in metrics]
        norm.add_row(row_name, *cells, style="bold" if row_name == "all" else None)
    return norm


def _records_cell(m: dict[str, Any], key: str, total: str) -> str:
    """Records found (``key`` "found") or paired ("precision"), with the counts behind it."""
    counts = m["records"]["counts"]
    return f"{_f(m['records'][key])} ({counts['matched']}/{counts[total]})"


def _records_table(names: list[str], metrics: list[dict[str, Any]]) -> Table:
    """Records found and paired, then each field's accuracy (scalars) or P / R / F1 (lists)."""
    from rich.table import Table

    recs = Table(title="Study records")
    recs.add_column("field")
    recs.add_column("measure")
    for n in names:
        recs.add_column(n, justify="right")
    recs.add_row(
        "records found", "share of gold", *[_records_cell(m, "found", "gold") for m in metrics]
    )
    recs.add_row(
        "records paired",
        "share of pred",
        *[_records_cell(m, "precision", "pred") for m in metrics],
    )
    for f in SCALAR_FIELDS:
        recs.add_row(f, "accuracy", *[_field_accuracy(m, f) for m in metrics])
    for f in LIST_FIELDS:
        recs.add_row(f, "P / R / F1", *[_prf(m["records"]["fields"][f]) for m in metrics])
    return recs


def _field_accuracy(m: dict[str, Any], f: str) -> str:
    v = m["records"]["fields"][f]
    return f"{_f(v['accuracy'])} ({v['correct']}/{v['total']})"


def _bib_cell(m: dict[str, Any], f: str) -> str:
    v = m.get("bibliography", {}).get("fields", {}).get(f)
    if not v or not v["total"]:
        return "-"
    return f"{_f(v['accuracy'])} ({v['correct']}/{v['total']})"


def _bibliography_table(names: list[str], metrics: list[dict[str, Any]]) -> list[Table]:
    """The document's own first author, year, DOI, title: only when the gold gives them."""
    from rich.table import Table

    if not any(m.get("bibliography", {}).get("documents") for m in metrics):
        return []
    bib = Table(title="Bibliography (the document's own; gold documents that give one)")
    bib.add_column("field")
    bib.add_column("measure")
    for n in names:
        bib.add_column(n, justify="right")
    for f in BIB_FIELDS:
        bib.add_row(f, "accuracy", *[_bib_cell(m, f) for m in metrics])
    return [bib]


# --------------------------------------------------------------------------- HTML


def _plain(s: str) -> str:
    # matplotlib reads $...$ as mathtext; a file name is not a formula.
    return s.replace("$", r"\$")


def _png(fig: Any) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _bar_chart(title: str, groups: list[str], series: dict[str, list[float]], ylabel: str) -> str:
    """Grouped bars (one group per label/field, one bar per system) as a base64 PNG."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(max(5.0, 0.9 * len(groups) + 2), 3.2))
    ax = fig.add_subplot()
    n = max(1, len(series))
    width = 0.8 / n
    for i, (name, values) in enumerate(series.items()):
        xs = [g + (i - (n - 1) / 2) * width for g in range(len(groups))]
        ax.bar(xs, values, width=width, label=_plain(name))
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, rotation=30, ha="right", fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(ylabel)
    ax.set_title(_plain(title), fontsize=10)
    if n > 1:
        ax.legend(fontsize=7)
    return _png(fig)


def _confusion_chart(title: str, matrix: dict[str, dict[str, int]]) -> str:
    from matplotlib.figure import Figure

    labels = list(matrix)
    data = [[matrix[g][p] for p in labels] for g in labels]
    fig = Figure(figsize=(1.0 * len(labels) + 2, 0.8 * len(labels) + 1.5))
    ax = fig.add_subplot()
    ax.imshow(data, cmap="Blues")
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(_plain(title), fontsize=10)
    top = max((v for row in data for v in row), default=0)
    for i, row in enumerate(data):
        for j, v in enumerate(row):
            ax.text(
                j,
                i,
                str(v),
                ha="center",
                va="center",
                fontsize=8,
                color="white" if top and v > top / 2 else "black",
            )
    return _png(fig)


def _table_html(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


MAX_HTML_ERRORS = 300


def _mark(sentence: str, mention: str) -> str:
    """The sentence, escaped, with the first occurrence of the mention highlighted."""
    i = sentence.find(" ".join(mention.split())) if mention else -1
    if i < 0:
        return html.escape(sentence)
    j = i + len(" ".join(mention.split()))
    return (
        html.escape(sentence[:i])
        + "<mark>"
        + html.escape(sentence[i:j])
        + "</mark>"
        + html.escape(sentence[j:])
    )


def _errors_html(rows: Sequence[dict[str, Any]]) -> str:
    head = "".join(
        f"<th>{h}</th>" for h in ("type", "kind", "label", "text", "norm", "other side", "sentence")
    )
    body = []
    for e in rows:
        other = e.get("other") or {}
        other_s = f"{other.get('label')} '{other.get('text')}' {other.get('norm')}" if other else ""
        cells = [
            html.escape(str(x))
            for x in (e["type"], e["kind"], e["label"], e.get("text"), e.get("norm"), other_s)
        ]
        cells.append(_mark(e.get("sentence") or "", e.get("text") or ""))
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        f"<table class='errors'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def render_html(gold: str, results: Sequence[SystemResult]) -> str:
    """A self-contained report (charts embedded as PNG data URIs) for the given systems."""
    labels = _labels(results)
    parts: list[str] = [*_html_head(gold, results)]
    for scheme, note in SCHEME_NOTES.items():
        parts += _scheme_html(scheme, note, results, labels)
    parts += _norm_html(results, labels)
    parts += _records_html(results)
    parts += _bibliography_html(results)
    parts += _confusion_html(results)
    parts += _errors_section_html(results)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _html_head(gold: str, results: Sequence[SystemResult]) -> list[str]:
    """The page head and style, the gold file, and the documents table."""
    return [
        "<!doctype html><html><head><meta charset='utf-8'><title>extractor evaluation</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
        "padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}"
        "img{display:block;margin:1em 0}table.errors td{text-align:left;font-size:90%}"
        "mark{background:#ffe08a}</style></head><body>",
        "<h1>Evaluation</h1>",
        f"<p>Gold: <code>{html.escape(gold)}</code></p>",
        _table_html(
            ["system", "documents"], [[r.name, _docs_line(r.evaluation.metrics)] for r in results]
        ),
    ]


def _scheme_html(
    scheme: str, note: str, results: Sequence[SystemResult], labels: list[str]
) -> list[str]:
    """One mention scheme: P, R, F1 per label and system, and F1 per label as bars."""
    header = ["label"] + [f"{r.name} {k}" for r in results for k in ("P", "R", "F1")]
    rows = []
    for row_name in ("micro", "macro", *labels):
        row = [row_name]
        for r in results:
            v = _scheme_row(r.evaluation.metrics["entities"][scheme], row_name)
            row += [_f(v["precision"]), _f(v["recall"]), _f(v["f1"])]
        rows.append(row)
    series = {
        r.name: [r.evaluation.metrics["entities"][scheme]["per_label"][lab]["f1"] for lab in labels]
        for r in results
    }
    img = _bar_chart(f"F1 per label, {scheme}", labels, series, "F1")
    return [
        f"<h2>{html.escape(scheme)} <small>({html.escape(note)})</small></h2>",
        _table_html(header, rows),
        f"<img alt='F1 per label, {scheme}' src='data:image/png;base64,{img}'>",
    ]


def _norm_html(results: Sequence[SystemResult], labels: list[str]) -> list[str]:
    rows = [
        [row_name, *[_norm_cell(r.evaluation.metrics, row_name) for r in results]]
        for row_name in ("all", *labels)
    ]
    return [
        "<h2>Norm accuracy (strictly matched mentions)</h2>",
        _table_html(["label", *[r.name for r in results]], rows),
    ]


def _records_html(results: Sequence[SystemResult]) -> list[str]:
    """Records found and paired, each field's score, and the field scores as bars."""
    metrics = [r.evaluation.metrics for r in results]
    rows = [
        ["found (share of gold)", *[_records_cell(m, "found", "gold") for m in metrics]],
        ["paired (share of pred)", *[_records_cell(m, "precision", "pred") for m in metrics]],
    ]
    for f in SCALAR_FIELDS:
        rows.append(
            [f"{f} (accuracy)", *[_f(m["records"]["fields"][f]["accuracy"]) for m in metrics]]
        )
    for f in LIST_FIELDS:
        rows.append(
            [
                f"{f} (P/R/F1)",
                *[
                    " / ".join(
                        _f(m["records"]["fields"][f][k]) for k in ("precision", "recall", "f1")
                    )
                    for m in metrics
                ],
            ]
        )
    fields = [*SCALAR_FIELDS, *LIST_FIELDS]
    series = {
        r.name: [
            m["records"]["fields"][f].get("accuracy", m["records"]["fields"][f].get("f1", 0.0))
            for f in fields
        ]
        for r, m in zip(results, metrics, strict=True)
    }
    img = _bar_chart("Record fields (accuracy or F1)", fields, series, "score")
    return [
        "<h2>Study records</h2>",
        _table_html(["field", *[r.name for r in results]], rows),
        f"<img alt='record fields' src='data:image/png;base64,{img}'>",
    ]


def _bibliography_html(results: Sequence[SystemResult]) -> list[str]:
    """The document's own bibliography fields: only when the gold gives them."""
    if not any(r.evaluation.metrics.get("bibliography", {}).get("documents") for r in results):
        return []
    rows = [
        [f"{f} (accuracy)", *[_bib_cell(r.evaluation.metrics, f) for r in results]]
        for f in BIB_FIELDS
    ]
    return [
        "<h2>Bibliography</h2><p>The document's own first author, year, DOI and "
        "title, on the gold documents that give them.</p>",
        _table_html(["field", *[r.name for r in results]], rows),
    ]


def _confusion_html(results: Sequence[SystemResult]) -> list[str]:
    """Gold label against predicted label, per system, as a table and a heat map."""
    parts = [
        "<h2>Label confusion</h2><p>Each gold mention is paired with the prediction "
        "of the same span, else the one overlapping it most; ∅ is no mention.</p>"
    ]
    for r in results:
        matrix = r.evaluation.confusion
        cols = list(matrix)
        parts.append(f"<h3>{html.escape(r.name)}</h3>")
        parts.append(
            _table_html(
                ["gold \\ predicted", *cols],
                [[g, *[str(matrix[g][p]) for p in cols]] for g in cols],
            )
        )
        img = _confusion_chart(f"confusion, {r.name}", matrix)
        parts.append(f"<img alt='confusion matrix' src='data:image/png;base64,{img}'>")
    return parts


def _errors_section_html(results: Sequence[SystemResult]) -> list[str]:
    """The first mention errors per system; errors.jsonl holds them all."""
    parts = [
        f"<h2>Errors</h2><p>The first {MAX_HTML_ERRORS} mention errors per system "
        "(all of them, and the record errors, are in errors.jsonl).</p>"
    ]
    for r in results:
        mention_errors = [e for e in r.evaluation.errors if e["type"] in ("FN", "FP", "NORM")]
        parts.append(f"<h3>{html.escape(r.name)}</h3>")
        parts.append(_errors_html(mention_errors[:MAX_HTML_ERRORS]))
    return parts
