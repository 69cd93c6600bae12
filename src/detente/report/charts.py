"""Charts for briefs: a relations series or a triad in, PNG bytes out.

Drawn offline with matplotlib's Agg canvas on a ``Figure`` of its own (no pyplot state, no network). The output
is deterministic for the same data: fixed size and resolution, the default fonts, and no software or date
metadata in the file.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

import matplotlib
import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from detente.analyse.findings import TurningPoint
from detente.analyse.index import RelationsSeries
from detente.analyse.series import next_period
from detente.analyse.triad import Triad

SIZE = (8.0, 3.3)  # inches
DPI = 110
UP, DOWN = "#1a7f37", "#b42318"
BAND = "#9db4cc"
LEG_COLOURS = ("#1f4e79", "#c55a11", "#548235")
_RC: dict[str, Any] = {"font.size": 8.5, "axes.titlesize": 9.5, "axes.spines.top": False, "axes.spines.right": False}


def index_chart(series: RelationsSeries, turns: Sequence[TurningPoint] = ()) -> bytes:
    """The dyad's index per period (dots joined across empty periods), its 95% interval as a band over each
    period with events, a zero line, and the turning points as dashed verticals (green up, red down)."""
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        return _draw_index(series, turns)


def triad_chart(found: Triad) -> bytes:
    """Each leg's index per period (both directions) and the cohesion (weakest leg) as dark dashes, with the
    cohesion's turning points as dashed verticals."""
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        return _draw_triad(found)


def data_uri(png: bytes) -> str:
    """A PNG as a ``data:`` URI, for self-contained documents."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _draw_index(series: RelationsSeries, turns: Sequence[TurningPoint]) -> bytes:
    fig, ax = _figure()
    freq = series.meta.freq
    values: list[float] = []
    for p in series.points:
        if p.index is None:
            continue
        values.append(p.index)
        if p.ci_low is not None and p.ci_high is not None:
            values += [p.ci_low, p.ci_high]
            ax.fill_between([_x(p.start), _x(next_period(p.start, freq))], [p.ci_low] * 2, [p.ci_high] * 2,
                            color=BAND, alpha=0.6, linewidth=0)
    _runs(ax, [p.index for p in series.points], [_middle(p.start, freq) for p in series.points], "#1f4e79",
          "index")
    ax.fill_between([], [], [], color=BAND, alpha=0.6, linewidth=0, label="95% interval")
    _turns(ax, [(t.start, t.direction) for t in turns])
    _finish(ax, [p.start for p in series.points], freq, values)
    ax.set_title(f"{series.meta.label}: relations index by {freq}, 95% interval, turning points", loc="left")
    return _png(fig)


def _draw_triad(found: Triad) -> bytes:
    fig, ax = _figure()
    freq = found.freq
    values: list[float] = []
    for colour, (name, legs) in zip(LEG_COLOURS, found.legs.items(), strict=False):
        points = legs["both"].points
        values += [p.index for p in points if p.index is not None]
        _runs(ax, [p.index for p in points], [_middle(p.start, freq) for p in points], colour, name)
    cohesion = [(p.start, p.cohesion) for p in found.points if p.cohesion is not None]
    values += [v for _, v in cohesion]
    ax.plot([_middle(s, freq) for s, _ in cohesion], [v for _, v in cohesion], color="#222222", linewidth=0.0,
            marker="_", markersize=9, markeredgewidth=1.8, label="cohesion (weakest leg)", zorder=4)
    _turns(ax, [(t.start, t.direction) for t in found.turning_points])
    _finish(ax, [p.start for p in found.points], freq, values)
    ax.set_title(f"{'–'.join(found.countries)}: each leg's index by {freq} and the triangle's cohesion", loc="left")
    return _png(fig)


def _runs(ax: Axes, values: Sequence[float | None], xs: Sequence[float], colour: str, label: str) -> None:
    """Dots for periods with a value, solid lines between consecutive ones, a faint dotted line across gaps (an
    empty period has no index: the line only guides the eye)."""
    filled = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
    ax.plot([x for x, _ in filled], [v for _, v in filled], color=colour, linewidth=0.6, linestyle=":", alpha=0.6,
            zorder=2)
    run: list[tuple[float, float]] = []
    for x, v in [*zip(xs, values, strict=True), (0.0, None)]:
        if v is not None:
            run.append((x, v))
            continue
        if run:
            ax.plot([p[0] for p in run], [p[1] for p in run], color=colour, linewidth=1.1, marker="o",
                    markersize=3.2, zorder=3)
        run = []
    ax.plot([], [], color=colour, linewidth=1.1, marker="o", markersize=3.2, label=label)


def _turns(ax: Axes, turns: Sequence[tuple[date, str]]) -> None:
    """Turning points as dashed verticals at the first period of the new level: green up, red down."""
    for start, direction in turns:
        ax.axvline(_x(start), color=UP if direction == "up" else DOWN, linestyle="--", linewidth=0.9, zorder=2)
    for direction, colour in (("up", UP), ("down", DOWN)):
        if any(d == direction for _, d in turns):
            ax.plot([], [], color=colour, linestyle="--", linewidth=0.9, label=f"turning point {direction}")


def _figure() -> tuple[Figure, Axes]:
    fig = Figure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _x(day: date) -> float:
    return float(mdates.date2num(day))


def _middle(start: date, freq: str) -> float:
    return (_x(start) + _x(next_period(start, freq))) / 2


def _finish(ax: Axes, starts: list[date], freq: str, values: list[float]) -> None:
    ax.axhline(0.0, color="#555555", linewidth=0.7, zorder=1)
    if starts:
        ax.set_xlim(_x(starts[0]), _x(next_period(starts[-1], freq)))
    top = max([abs(v) for v in values] + [1.0])
    ax.set_ylim(-top * 1.15, top * 1.15)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.set_ylabel("index (Goldstein scale)")
    ax.legend(loc="lower left", fontsize=7, frameon=False, ncol=4)


def _png(fig: Figure) -> bytes:
    out = io.BytesIO()
    fig.tight_layout()
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()
