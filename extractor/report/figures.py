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

from extractor.report.load import Study

# Okabe & Ito (2008), "Color Universal Design".
BLUE, VERMILLION, GREEN, ORANGE, SKY, PURPLE, GREY = (
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#999999",
)  # fmt: skip
MODEL_GROUP = {"human": "human", "mouse": "animal", "rat": "animal", "dog": "animal",
               "cell culture": "cell culture"}  # fmt: skip
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
MAX_PANELS = 9  # score measures / dose units drawn; the rest are named under the figure
MAX_ROWS = 25  # diseases (map) and cytokines (direction figure) drawn
MAX_LABELLED_LINES = 12  # a score panel with more studies draws them faint with the median
LABEL_CHARS = 40
# Text stays text in the SVG (searchable, small).
RC = {"svg.fonttype": "none", "font.size": 8}


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
            unit = d.unit or "no unit stated"
            out.setdefault(unit, []).append(DoseRange(s.key, label, group, d.low, d.high))
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0]))), dropped


# --------------------------------------------------------------------------- drawing


def _figure(width: float, height: float):  # type: ignore[no-untyped-def]
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig, name: str) -> str:  # type: ignore[no-untyped-def]
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": name}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _empty(fig, message: str) -> None:  # type: ignore[no-untyped-def]
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", color="#333333")


def _grid(n: int, cols: int = 3) -> tuple[int, int]:
    cols = min(cols, max(n, 1))
    return math.ceil(max(n, 1) / cols), cols


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
    for ax, (measure, lines) in zip(axes, shown, strict=False):
        many = len(lines) > MAX_LABELLED_LINES
        for ln in lines:
            down = ln.final < ln.baseline
            colour, style, marker = (
                (BLUE, "-", "o") if down else (VERMILLION, "--", "s") if ln.final > ln.baseline
                else (GREY, ":", "D")
            )  # fmt: skip
            (artist,) = ax.plot(
                [0, 1], [ln.baseline, ln.final], color=colour, linestyle=style, marker=marker,
                markersize=3 if many else 5, linewidth=0.6 if many else 1.4,
                alpha=0.35 if many else 1.0,
            )  # fmt: skip
            artist.set_gid(gid("score", measure, ln.key))
            if not many:
                ax.annotate(short(ln.study_id, 22), (1, ln.final), xytext=(4, 0),
                            textcoords="offset points", fontsize=7, va="center")  # fmt: skip
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


def _footnote(fig, names: list[str], what: str) -> None:  # type: ignore[no-untyped-def]
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
    fig = _figure(2.6 * max(len(diseases), 1) + 1.4, 0.22 * len(cytokines) + 1.6)
    if not counts:
        _empty(fig, "no cytokine results in these records")
        return _svg(fig, "cytokine_direction")
    axes = fig.subplots(1, len(diseases), squeeze=False, sharey=True).ravel()
    ys = range(len(cytokines))
    for ax, disease in zip(axes, diseases, strict=True):
        left = [0] * len(cytokines)
        for direction, (label, colour, hatch) in DIRECTION_STYLE.items():
            widths = [counts.get((c, disease), Counter())[direction] for c in cytokines]
            bars = ax.barh(list(ys), widths, left=left, color=colour, hatch=hatch,
                           edgecolor="#333333", linewidth=0.4, label=label)  # fmt: skip
            for bar, c, w in zip(bars, cytokines, widths, strict=True):
                bar.set_gid(gid("cyto", disease, c, label) if w else None)
            left = [a + b for a, b in zip(left, widths, strict=True)]
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


def draw_dose_ranges(series: dict[str, list[DoseRange]], dropped: int) -> str:
    """Per unit (never mixed), each dose as a range on a log axis, one band per
    intervention and model; marker and colour say the model."""
    from matplotlib.ticker import NullFormatter

    shown = list(series.items())[:MAX_PANELS]
    most = max((len({d.group for d in ds}) for _, ds in shown), default=1)
    rows, cols = _grid(len(shown), 2)
    fig = _figure(4.6 * cols, (0.3 * most + 1.2) * rows + 0.3)
    if not shown:
        _empty(fig, "no dose with a positive value")
        return _svg(fig, "dose_ranges")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, (unit, doses) in zip(axes, shown, strict=False):
        band: Counter = Counter(d.group for d in doses)
        groups = sorted(band)
        seen: Counter = Counter()
        for d in doses:
            y = groups.index(d.group)
            seen[d.group] += 1
            y += 0.7 * (seen[d.group] / (band[d.group] + 1) - 0.5)  # spread within the band
            colour, marker = MODEL_STYLE[d.model]
            (line,) = ax.plot([d.low, d.high], [y, y], color=colour, marker=marker, markersize=4,
                              linewidth=1.6, alpha=0.8 if band[d.group] < 50 else 0.3)  # fmt: skip
            line.set_gid(gid("dose", unit, d.key))
        ax.set_xscale("log")
        lo, hi = min(d.low for d in doses), max(d.high for d in doses)
        ax.set_xlim(lo / 3, hi * 3)  # at least one power of ten is labelled
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_yticks(range(len(groups)), [short(g) for g in groups])
        ax.set_ylim(-0.6, len(groups) - 0.4)
        ax.invert_yaxis()
        ax.set_title(f"dose in {short(unit, 30)} (n = {len(doses)})", fontsize=9)
        ax.tick_params(labelsize=7)
        ax.grid(axis="x", which="major", color="#DDDDDD", linewidth=0.5)
    for ax in axes[len(shown) :]:
        ax.axis("off")
    notes = [u for u, _ in list(series.items())[MAX_PANELS:]]
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

    fig = _figure(0.55 * max(len(columns), 1) + 2.8, 0.3 * len(diseases) + 2.2)
    if not cells:
        _empty(fig, "no studies")
        return _svg(fig, "evidence_map")
    ax = fig.add_subplot()
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
