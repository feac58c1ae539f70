"""The report's figures: what the records say, aggregated, as SVG drawn with matplotlib.

Each figure has a pure function that computes its series (tested on its own) and a drawing
function. Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies)
and every series also differs by marker, line style or hatch, so a grey print still tells them
apart. Each drawn element carries an SVG id (``gid``) naming its series, which is how the tests
find them. Text from papers reaches matplotlib with math parsing off, so ``$`` stays a dollar.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Any

from extractor.report.load import Study

# Okabe & Ito (2008), "Color Universal Design".
BLUE, VERMILLION, GREEN, ORANGE, SKY, PURPLE, GREY = (
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#999999",
)  # fmt: skip
MODEL_GROUP = {"human": "human", "mouse": "animal", "rat": "animal", "pig": "animal",
               "dog": "animal", "cell culture": "cell culture"}  # fmt: skip
MODEL_GROUPS = ("human", "animal", "cell culture", "not stated")
INTERVENTIONS = (
    "cells", "svf", "vesicles", "apoptotic vesicles", "conditioned medium", "not stated",
)  # fmt: skip
MODEL_STYLE = {  # colour, marker: each group differs in both
    "human": (BLUE, "o"), "animal": (ORANGE, "s"), "cell culture": (GREEN, "^"),
    "not stated": (GREY, "D"),
}  # fmt: skip
DIRECTION_STYLE = {  # label, colour, hatch
    "down": ("down", BLUE, ""),
    "up": ("up", VERMILLION, "///"),
    None: ("no direction", "#DDDDDD", "xx"),
}  # fmt: skip
NOT_STATED = "not stated"
NO_UNIT = "no unit stated"  # the dose panel of amounts given without a unit
MAX_PANELS = 9  # score measures drawn; the rest are named under the figure
MAX_DOSE_PANELS = 12  # dose units drawn, likewise
MAX_ROWS = 25  # diseases (map) and cytokines (direction figure) drawn
MAX_LABELLED_LINES = 12  # a score panel with more studies draws them faint with the median
MAX_SINGLE_ARTISTS = 60  # past this, a panel's lines are drawn as one collection per style
LABEL_CHARS = 40
CHAR_INCHES = 0.064  # width of an average character at 7 points, with a little to spare
FOOT = 0.25  # inches under the plots for the "not drawn" footnote
# Text stays text in the SVG (searchable, small).
RC: Any = {"svg.fonttype": "none", "font.size": 8}


def model_group(model: str | None) -> str:
    return MODEL_GROUP.get(model or "", NOT_STATED if not model else "animal")


def short(label: str, n: int = LABEL_CHARS) -> str:
    """A label from paper text, cut to ``n`` characters; a ``$`` stays a dollar, not math."""
    label = label if len(label) <= n else label[: n - 1] + "…"
    return label.replace("$", r"\$")


def gid(*parts: str) -> str:
    """An SVG id from series names: letters (Greek too), digits, ``_`` and ``-`` only."""
    return "-".join(re.sub(r"[^\w]+", "_", p).strip("_") or "x" for p in parts)


# --------------------------------------------------------------------------- series


def evidence_map(studies: tuple[Study, ...]) -> dict[tuple[str, str, str], list[str]]:
    """(disease, intervention, model group) -> study keys, in input order."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for s in studies:
        r = s.record
        cell = (r.disease or NOT_STATED, r.intervention or NOT_STATED, model_group(r.model))
        out.setdefault(cell, []).append(s.key)
    return out


@dataclass(frozen=True, slots=True)
class ScoreLine:
    key: str
    study_id: str
    baseline: float
    final: float


def score_series(studies: tuple[Study, ...]) -> dict[str, list[ScoreLine]]:
    """Measure -> one line per reported score with both a baseline and a final value."""
    out: dict[str, list[ScoreLine]] = {}
    for s in studies:
        for o in s.record.outcomes:
            if o.baseline is not None and o.final is not None:
                line = ScoreLine(s.key, s.record.study_id, float(o.baseline), float(o.final))
                out.setdefault(o.measure, []).append(line)
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def cytokine_counts(studies: tuple[Study, ...]) -> dict[tuple[str, str], Counter]:
    """(cytokine, disease) -> Counter of directions (down / up / None), one count per study."""
    out: dict[tuple[str, str], Counter] = {}
    for s in studies:
        disease = s.record.disease or NOT_STATED
        for c in {(c.name, c.direction) for c in s.record.cytokines}:
            out.setdefault((c[0], disease), Counter())[c[1]] += 1
    return out


@dataclass(frozen=True, slots=True)
class DoseRange:
    key: str
    group: str  # "intervention · model group"
    model: str  # model group
    low: float
    high: float


def dose_series(studies: tuple[Study, ...]) -> tuple[dict[str, list[DoseRange]], int]:
    """Unit -> dose ranges (units never mixed; no unit is its own panel), and how many doses
    were left out because a log axis cannot show them (zero or negative)."""
    out: dict[str, list[DoseRange]] = {}
    dropped = 0
    for s in studies:
        r = s.record
        group = model_group(r.model)
        label = f"{r.intervention or NOT_STATED} · {group}"
        for d in r.doses:
            if not (d.low > 0 and d.high > 0 and math.isfinite(d.low) and math.isfinite(d.high)):
                dropped += 1
                continue
            unit = d.unit or NO_UNIT
            out.setdefault(unit, []).append(DoseRange(s.key, label, group, d.low, d.high))
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0]))), dropped


# --------------------------------------------------------------------------- drawing


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def label_inches(labels: list[str], chars: int = LABEL_CHARS) -> float:
    """Room a column of 7-point labels needs (measured text layout costs a second per figure
    at a thousand studies, so the margins are set from the labels' lengths)."""
    return max((min(len(x), chars) for x in labels), default=0) * CHAR_INCHES + 0.15


def _fit(
    fig,
    rows: int,
    cols: int,
    *,
    left: float,
    bottom: float,
    gap_x: float,
    gap_y: float = 0.6,
    top: float = 0.3,
    right: float = 0.15,
) -> None:
    """Place the subplot grid with margins and gaps given in inches."""
    w, h = fig.get_size_inches()
    axis_w = max((w - left - right - gap_x * (cols - 1)) / cols, 0.1)
    axis_h = max((h - top - bottom - gap_y * (rows - 1)) / rows, 0.1)
    fig.subplots_adjust(left=left / w, right=1 - right / w, bottom=bottom / h, top=1 - top / h,
                        wspace=gap_x / axis_w, hspace=gap_y / axis_h)  # fmt: skip


def _svg(fig, name: str) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": name}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _empty(fig, message: str) -> None:
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", color="#333333")


def _grid(n: int, cols: int = 3) -> tuple[int, int]:
    cols = min(cols, max(n, 1))
    return math.ceil(max(n, 1) / cols), cols


def _score_style(ln: ScoreLine) -> tuple[str, str, str]:
    """Colour, line style and marker: fell, rose, unchanged differ in all three."""
    if ln.final < ln.baseline:
        return BLUE, "-", "o"
    return (VERMILLION, "--", "s") if ln.final > ln.baseline else (GREY, ":", "D")


def _score_lines_one_by_one(ax, measure: str, lines: list[ScoreLine], many: bool) -> None:
    for ln in lines:
        colour, style, marker = _score_style(ln)
        (artist,) = ax.plot(
            [0, 1], [ln.baseline, ln.final], color=colour, linestyle=style, marker=marker,
            markersize=3 if many else 5, linewidth=0.6 if many else 1.4,
            alpha=0.35 if many else 1.0,
        )  # fmt: skip
        artist.set_gid(gid("score", measure, ln.key))
        if not many:
            ax.annotate(short(ln.study_id, 22), (1, ln.final), xytext=(4, 0),
                        textcoords="offset points", fontsize=7, va="center")  # fmt: skip


def _score_lines_together(ax, measure: str, lines: list[ScoreLine]) -> None:
    """Hundreds of studies: one collection per style (one SVG group, drawn fast)."""
    from matplotlib.collections import LineCollection

    by_style: dict[tuple[str, str, str], list] = {}
    for ln in lines:
        by_style.setdefault(_score_style(ln), []).append([(0, ln.baseline), (1, ln.final)])
    for (colour, style, _), segments in by_style.items():
        lc = LineCollection(segments, colors=colour, linestyles=style, linewidths=0.5, alpha=0.3)
        lc.set_gid(gid("score", measure, "all", style.replace("-", "solid").replace(":", "dot")))
        ax.add_collection(lc)
    ax.autoscale_view()


def draw_score_change(series: dict[str, list[ScoreLine]]) -> str:
    """Slope chart per score: baseline -> final, one line per study; many lines go faint
    behind their median, so a thousand studies stay readable."""
    shown = list(series.items())[:MAX_PANELS]
    rows, cols = _grid(len(shown))
    fig = _figure(3.4 * cols, 3.0 * rows + 0.4)
    if not shown:
        _empty(fig, "no outcome score with both a baseline and a final value")
        return _svg(fig, "score_change")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    _fit(fig, rows, cols, left=0.5, bottom=0.3 + FOOT, gap_x=0.5, gap_y=0.6)
    for ax, (measure, lines) in zip(axes, shown, strict=False):
        many = len(lines) > MAX_LABELLED_LINES
        if len(lines) > MAX_SINGLE_ARTISTS:
            _score_lines_together(ax, measure, lines)
        else:
            _score_lines_one_by_one(ax, measure, lines, many)
        if many:
            mid = [median(x.baseline for x in lines), median(x.final for x in lines)]
            (med,) = ax.plot([0, 1], mid, color="black", linewidth=2.5, marker="o", label="median")
            med.set_gid(gid("score", measure, "median"))
            ax.legend(loc="best", fontsize=7, frameon=False)
        ax.set_xticks([0, 1], ["baseline", "final"])
        ax.set_xlim(-0.25, 1.6 if not many else 1.25)
        ax.set_title(f"{short(measure)} (n = {len(lines)})", fontsize=9)
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.5)
    for ax in axes[len(shown) :]:
        ax.axis("off")
    _footnote(fig, [m for m, _ in list(series.items())[MAX_PANELS:]], "scores not drawn")
    return _svg(fig, "score_change")


def _footnote(fig, names: list[str], what: str) -> None:
    if names:
        fig.text(0.01, 0.0, f"{len(names)} {what}: {short(', '.join(names), 160)}", fontsize=7,
                 va="bottom")  # fmt: skip


def _top(counter: Counter, n: int) -> list[str]:
    return [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def draw_cytokine_direction(counts: dict[tuple[str, str], Counter]) -> str:
    """Per disease, stacked bars per cytokine: studies that moved it down, up, or gave no
    direction. Diseases are panels; the most reported cytokines are rows."""
    per_disease: Counter = Counter()
    per_cytokine: Counter = Counter()
    for (cyto, disease), c in counts.items():
        per_disease[disease] += sum(c.values())
        per_cytokine[cyto] += sum(c.values())
    diseases = _top(per_disease, 4)
    cytokines = _top(per_cytokine, MAX_ROWS)
    left = label_inches(cytokines, 24)
    fig = _figure(left + 2.5 * max(len(diseases), 1) + 0.3, 0.22 * len(cytokines) + 1.3)
    if not counts:
        _empty(fig, "no cytokine results in these records")
        return _svg(fig, "cytokine_direction")
    axes = fig.subplots(1, len(diseases), squeeze=False, sharey=True).ravel()
    _fit(fig, 1, len(diseases), left=left, bottom=0.45 + FOOT, gap_x=0.2)
    ys = range(len(cytokines))
    for ax, disease in zip(axes, diseases, strict=True):
        start = [0] * len(cytokines)
        for direction, (label, colour, hatch) in DIRECTION_STYLE.items():
            widths = [counts.get((c, disease), Counter())[direction] for c in cytokines]
            bars = ax.barh(list(ys), widths, left=start, color=colour, hatch=hatch,
                           edgecolor="#333333", linewidth=0.4, label=label)  # fmt: skip
            for bar, name, w in zip(bars, cytokines, widths, strict=True):
                bar.set_gid(gid("cyto", disease, name, label) if w else None)
            start = [a + b for a, b in zip(start, widths, strict=True)]
        ax.set_title(short(disease, 28), fontsize=9)
        ax.tick_params(labelsize=7)
        ax.set_xlabel("studies", fontsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    axes[0].set_yticks(list(ys), [short(c, 24) for c in cytokines])
    axes[0].invert_yaxis()
    axes[-1].legend(loc="lower right", fontsize=7, frameon=True)
    _footnote(fig, [d for d in per_disease if d not in diseases], "diseases not drawn")
    return _svg(fig, "cytokine_direction")


def _band_y(doses: list[DoseRange], groups: list[str], band: Counter) -> list[float]:
    """Each dose's height: its group's band, doses spread evenly within it."""
    seen: Counter = Counter()
    ys = []
    for d in doses:
        seen[d.group] += 1
        ys.append(groups.index(d.group) + 0.7 * (seen[d.group] / (band[d.group] + 1) - 0.5))
    return ys


def _doses_one_by_one(ax, unit, doses, groups, band) -> None:
    for d, y in zip(doses, _band_y(doses, groups, band), strict=True):
        colour, marker = MODEL_STYLE[d.model]
        (line,) = ax.plot([d.low, d.high], [y, y], color=colour, marker=marker, markersize=4,
                          linewidth=1.6, alpha=0.8)  # fmt: skip
        line.set_gid(gid("dose", unit, d.key))


def _doses_together(ax, unit, doses, groups, band) -> None:
    """Hundreds of doses: per model, one collection of ranges and one scatter of values."""
    from matplotlib.collections import LineCollection

    ys = _band_y(doses, groups, band)
    for model in MODEL_GROUPS:
        mine = [(d, y) for d, y in zip(doses, ys, strict=True) if d.model == model]
        if not mine:
            continue
        colour, marker = MODEL_STYLE[model]
        ranges = [[(d.low, y), (d.high, y)] for d, y in mine if d.high > d.low]
        if ranges:
            lc = LineCollection(ranges, colors=colour, linewidths=1.0, alpha=0.4)
            lc.set_gid(gid("dose", unit, model, "ranges"))
            ax.add_collection(lc)
        points = ax.scatter([d.low for d, _ in mine] + [d.high for d, _ in mine if d.high > d.low],
                            [y for _, y in mine] + [y for d, y in mine if d.high > d.low],
                            color=colour, marker=marker, s=8, alpha=0.5, linewidths=0)  # fmt: skip
        points.set_gid(gid("dose", unit, model, "values"))


def draw_dose_ranges(series: dict[str, list[DoseRange]], dropped: int) -> str:
    """Per unit (never mixed), each dose as a range on a log axis, one band per
    intervention and model; marker and colour say the model."""
    from matplotlib.ticker import LogFormatterSciNotation, LogLocator, NullLocator

    shown = list(series.items())[:MAX_DOSE_PANELS]
    most = max((len({d.group for d in ds}) for _, ds in shown), default=1)
    left = label_inches([d.group for _, ds in shown for d in ds])
    rows, cols = _grid(len(shown), 2)
    fig = _figure(cols * (left + 3.3) + 0.2, (0.3 * most + 1.0) * rows + 0.3 + FOOT)
    if not shown:
        _empty(fig, "no dose with a positive value")
        return _svg(fig, "dose_ranges")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    _fit(fig, rows, cols, left=left, bottom=0.3 + FOOT, gap_x=left + 0.25, gap_y=0.6)
    for ax, (unit, doses) in zip(axes, shown, strict=False):
        band: Counter = Counter(d.group for d in doses)
        groups = sorted(band)
        if len(doses) > MAX_SINGLE_ARTISTS:
            _doses_together(ax, unit, doses, groups, band)
        else:
            _doses_one_by_one(ax, unit, doses, groups, band)
        ax.set_xscale("log")
        lo, hi = min(d.low for d in doses), max(d.high for d in doses)
        ax.set_xlim(lo / 3, hi * 3)  # at least one power of ten is labelled
        ax.xaxis.set_minor_locator(NullLocator())  # no unlabelled ticks to lay out
        if hi / lo < 100:  # under two powers of ten: label 1, 2 and 5 of each
            ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
            ax.xaxis.set_major_formatter(LogFormatterSciNotation(labelOnlyBase=False))
        ax.set_yticks(range(len(groups)), [short(g) for g in groups])
        ax.set_ylim(-0.6, len(groups) - 0.4)
        ax.invert_yaxis()
        what = "dose, no unit stated" if unit == NO_UNIT else f"dose in {short(unit, 30)}"
        ax.set_title(f"{what} (n = {len(doses)})", fontsize=9)
        ax.tick_params(labelsize=7)
        ax.grid(axis="x", which="major", color="#DDDDDD", linewidth=0.5)
    for ax in axes[len(shown) :]:
        ax.axis("off")
    notes = [u for u, _ in list(series.items())[MAX_DOSE_PANELS:]]
    _footnote(fig, notes + ([f"{dropped} zero or negative doses"] if dropped else []), "not drawn")
    return _svg(fig, "dose_ranges")


def map_columns(
    cells: dict[tuple[str, str, str], list[str]], diseases: list[str]
) -> list[tuple[str, str]]:
    """(intervention, model group) pairs that hold a study, the SCHEMA's order first."""
    order = {i: n for n, i in enumerate(INTERVENTIONS)}
    found = {(i, m) for (d, i, m) in cells if d in diseases}
    return sorted(
        found, key=lambda c: (order.get(c[0], len(order)), c[0], MODEL_GROUPS.index(c[1]))
    )


def draw_evidence_map(cells: dict[tuple[str, str, str], list[str]]) -> str:
    """Counts of studies per disease (rows) and intervention and model (columns)."""
    per_disease: Counter = Counter()
    for (disease, _, _), keys in cells.items():
        per_disease[disease] += len(keys)
    diseases = _top(per_disease, MAX_ROWS)
    columns = map_columns(cells, diseases)
    import matplotlib

    left = label_inches(diseases, 32)
    bottom = label_inches([f"{i} · {m}" for i, m in columns], 32) * 0.87 + 0.1 + FOOT
    fig = _figure(left + 0.45 * max(len(columns), 1) + 1.4, bottom + 0.3 * len(diseases) + 0.4)
    if not cells:
        _empty(fig, "no studies")
        return _svg(fig, "evidence_map")
    ax = fig.add_subplot()
    _fit(fig, 1, 1, left=left, bottom=bottom, gap_x=0, right=0.2)
    import numpy as np

    grid = [[len(cells.get((d, i, m), ())) for i, m in columns] for d in diseases]
    top = max(max(r) for r in grid) or 1
    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="white")  # one hue: greys in print
    image = ax.imshow(np.ma.masked_equal(grid, 0), cmap=cmap, vmin=0, vmax=top, aspect="auto")
    image.set_gid("map")
    ax.set_xticks(np.arange(len(columns) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(diseases) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#BBBBBB", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    for y, d in enumerate(diseases):
        for x, (i, m) in enumerate(columns):
            n = grid[y][x]
            if n:
                t = ax.text(x, y, str(n), ha="center", va="center", fontsize=7,
                            color="white" if n > top / 2 else "black")  # fmt: skip
                t.set_gid(gid("map", d, i, m))
    ax.set_yticks(range(len(diseases)), [short(d, 32) for d in diseases], fontsize=7)
    ax.set_xticks(range(len(columns)), [short(f"{i} · {m}", 32) for i, m in columns], fontsize=7,
                  rotation=60, ha="right")  # fmt: skip
    fig.colorbar(image, ax=ax, shrink=0.6, label="studies")
    _footnote(fig, [d for d in per_disease if d not in diseases], "diseases not drawn")
    return _svg(fig, "evidence_map")


def draw_all(studies: tuple[Study, ...]) -> dict[str, str]:
    """Figure name -> SVG text, in the order the page shows them."""
    import matplotlib

    doses, dropped = dose_series(studies)
    with matplotlib.rc_context(RC):
        return {
            "evidence_map": draw_evidence_map(evidence_map(studies)),
            "score_change": draw_score_change(score_series(studies)),
            "cytokine_direction": draw_cytokine_direction(cytokine_counts(studies)),
            "dose_ranges": draw_dose_ranges(doses, dropped),
        }
