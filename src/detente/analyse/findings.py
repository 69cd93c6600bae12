"""Findings: a relations series (and the store behind it) in, statements a reader can check out.

- ``extreme_since``: "KOR–JPN in Aug 2019: lowest since at least Dec 2015 (the start of the data)".
- ``turning_points``: change points of the index (PELT, l2 cost, BIC-like penalty), each with the events that
  moved it.
- ``response_chains``: B->A events that answer an earlier A->B event (retaliation, reciprocation), linked into
  chains.
- ``reciprocity``: how the B->A monthly Goldstein series follows the A->B one, lag 0..6 months.

Every rule and constant is written out in docs/analytics.md. Results depend only on the store's contents.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import ruptures
from ruptures.base import BaseCost

from detente.analyse.index import COUNTED, RelationsPoint, RelationsSeries, series_events
from detente.analyse.series import next_period
from detente.store import Store

Kind = Literal["low", "high"]
PENALTY_K = 1.0
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_period(start: date, freq: str) -> str:
    """"Aug 2019", "2019 Q3", "2019", "week of 5 Aug 2019", "5 Aug 2019"."""
    if freq == "month":
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if freq == "quarter":
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    if freq == "year":
        return str(start.year)
    day = f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    return f"week of {day}" if freq == "week" else day


# -- lowest / highest since ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SinceFinding:
    """How far back one must go to find an index as low (high) as ``period``'s.

    ``since`` is the latest earlier period at least as extreme (None: none in the data, so "since at least"
    the first period). ``certain`` is False when the value of a period it is said to beat lies inside its
    interval (those are ``close``): the reading is then "among the lowest".
    """

    kind: Kind
    period: str
    value: float
    since: str | None
    data_start: str
    certain: bool
    close: tuple[str, ...]
    sentence: str

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "period": self.period, "value": round(self.value, 3), "since": self.since,
                "data_start": self.data_start, "certain": self.certain, "close": list(self.close),
                "sentence": self.sentence}


def extreme_since(series: RelationsSeries, period: str | None = None, kind: Kind = "low") -> SinceFinding | None:
    """The lowest-since (``kind="low"``) or highest-since finding for ``period`` (default: the latest period
    with events). None when the series has no events at all."""
    points = series.points
    filled = [i for i, p in enumerate(points) if p.index is not None]
    if not filled:
        return None
    at = series.position(period) if period is not None else filled[-1]
    target = points[at]
    if target.index is None:
        raise ValueError(f"{target.period} has no events, so no index to compare")
    value = target.index
    low = kind == "low"
    since_at: int | None = None
    for i in reversed([i for i in filled if i < at]):
        other = points[i].index
        assert other is not None
        if (other <= value) if low else (other >= value):
            since_at = i
            break
    beaten = [points[i] for i in filled if (since_at if since_at is not None else -1) < i < at]
    close = tuple(p.period for p in beaten if _within(target, p))
    freq = series.meta.freq
    word = ("lowest" if low else "highest") if not close else f"among the {'lowest' if low else 'highest'}"
    if since_at is None:
        tail = f"since at least {human_period(points[0].start, freq)} (the start of the data)"
    else:
        tail = f"since {human_period(points[since_at].start, freq)}"
    sentence = f"{series.meta.label} in {human_period(target.start, freq)}: {word} {tail}"
    return SinceFinding(kind, target.period, value, None if since_at is None else points[since_at].period,
                        points[0].period, not close, close, sentence)


def _within(target: RelationsPoint, rival: RelationsPoint) -> bool:
    """The rival's value lies inside the target's interval: the ranking of the two is not settled."""
    if target.ci_low is None or target.ci_high is None or rival.index is None:
        return False
    return target.ci_low <= rival.index <= target.ci_high


# -- turning points -----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Change:
    """A change point of a filled series: the new level starts at position ``at``."""

    at: int
    before: tuple[int, int]  # [lo, hi) positions of the local window before the change
    after: tuple[int, int]  # and after it
    level_before: float  # evidence-weighted mean of the whole segment before
    level_after: float  # and after

    @property
    def size(self) -> float:
        return self.level_after - self.level_before


class _WeightedL2(BaseCost):
    """Weighted residual sum of squares of a segment: sum w_t (x_t - mean_w)^2, from cumulative sums."""

    model = "weighted-l2"
    min_size = 1

    def fit(self, signal: np.ndarray) -> _WeightedL2:
        self.signal = signal
        x, w = signal[:, 0], signal[:, 1]
        self._w = np.concatenate([[0.0], np.cumsum(w)])
        self._wx = np.concatenate([[0.0], np.cumsum(w * x)])
        self._wxx = np.concatenate([[0.0], np.cumsum(w * x * x)])
        return self

    def error(self, start: int, end: int) -> float:
        w = self._w[end] - self._w[start]
        wx = self._wx[end] - self._wx[start]
        return float(self._wxx[end] - self._wxx[start] - (wx * wx / w if w > 0 else 0.0))


def _weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    total = float(weights.sum())
    return float((values * weights).sum() / total) if total > 0 else float(values.mean())


def penalty(values: np.ndarray, weights: np.ndarray, k: float = PENALTY_K) -> float:
    """BIC-like penalty ``k * log(n) * var``: n periods, var = sum w_t (x_t - mean_w)^2 / n.

    Under the index's model each period's value averages w_t = events + prior_events (pseudo-)events, so the
    weighted cost is a residual sum of squares in per-event units and var estimates the per-event noise
    variance. It is taken over the whole series, real shifts included, which overstates the noise and keeps
    the rule conservative. k = 1 is Schwarz's criterion for the number of changes in a mean (Yao 1988): each
    change costs log(n) noise variances.
    """
    n = len(values)
    if n < 2:
        return 0.0
    mean = _weighted_mean(values, weights)
    var = float((weights * (values - mean) ** 2).sum()) / n
    return float(k * math.log(n) * var)


def change_points(values: np.ndarray, weights: np.ndarray | None = None, k: float = PENALTY_K,
                  min_size: int = 1, around: int = 3) -> list[Change]:
    """PELT change points in the evidence-weighted mean of ``values`` with ``penalty(values, weights, k)``."""
    n = len(values)
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    pen = penalty(values, w, k)
    if n < 2 * min_size or pen <= 0.0:
        return []
    signal = np.column_stack([values, w])
    breaks = ruptures.Pelt(custom_cost=_WeightedL2(), min_size=min_size, jump=1).fit(signal).predict(pen=pen)
    edges = [0, *breaks]
    out = []
    for j in range(1, len(edges) - 1):
        lo, at, hi = edges[j - 1], edges[j], edges[j + 1]
        out.append(Change(at, (max(lo, at - around), at), (at, min(hi, at + around)),
                          _weighted_mean(values[lo:at], w[lo:at]), _weighted_mean(values[at:hi], w[at:hi])))
    return out


def evidence(series: RelationsSeries) -> np.ndarray:
    """Each period's weight: its events plus the prior pseudo-events (an empty period weighs prior_events)."""
    return np.array([p.events + series.meta.prior_events for p in series.points], dtype=float)


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """A change in the level of the index, dated by the first period of the new level."""

    period: str
    start: date
    direction: Literal["up", "down"]
    size: float  # level after - level before (segment means of the filled index)
    level_before: float
    level_after: float
    events: tuple[dict[str, object], ...]  # up to three, the largest contributions to the change

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "date": self.start.isoformat(), "direction": self.direction,
                "size": round(self.size, 3), "level_before": round(self.level_before, 3),
                "level_after": round(self.level_after, 3), "events": [_plain(e) for e in self.events]}


def _plain(row: dict[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}


def turning_points(store: Store, series: RelationsSeries, k: float = PENALTY_K, min_size: int = 1,
                   around: int = 3, n_events: int = 3) -> list[TurningPoint]:
    """Change points of the series' index (empty periods at 0, the formula's own value there; each period
    weighted by its evidence), each with the ``n_events`` events that contribute most to the change in the
    ``around`` periods either side."""
    out = []
    for change in change_points(series.filled(), evidence(series), k, min_size, around):
        point = series.points[change.at]
        out.append(TurningPoint(point.period, point.start, "up" if change.size > 0 else "down", change.size,
                                change.level_before, change.level_after,
                                tuple(explain_change(store, series, change, n_events))))
    return out


def explain_change(store: Store, series: RelationsSeries, change: Change, n_events: int = 3
                   ) -> list[dict[str, object]]:
    """The events with the largest contribution to the change of the local mean level.

    An event in period t adds g / (n_t + prior_events) to that period's index, so it moves the mean over the
    window after the change by that over the window's length, and the mean before by the same with a minus
    sign. ``effect`` is that contribution in the direction of the change; the events are sorted by it."""
    points = series.points
    (b_lo, b_hi), (a_lo, a_hi) = change.before, change.after
    first = points[b_lo].start
    last = next_period(points[a_hi - 1].start, series.meta.freq)
    by_start = {p.start: (i, p) for i, p in enumerate(points)}
    sign = 1.0 if change.size > 0 else -1.0
    scored = []
    prior = series.meta.prior_events
    for row in series_events(store, series.meta, first, last):
        when = row["occurred_start"]
        assert isinstance(when, date)
        start = max((s for s in by_start if s <= when), default=None)
        if start is None:
            continue
        i, point = by_start[start]
        share = float(row["goldstein"]) / (point.events + prior)  # type: ignore[arg-type]
        if a_lo <= i < a_hi:
            effect = share / (a_hi - a_lo)
        elif b_lo <= i < b_hi:
            effect = -share / (b_hi - b_lo)
        else:
            continue
        if sign * effect > 0:
            scored.append((-sign * effect, str(row["fused_id"]), {**row, "effect": round(sign * effect, 4)}))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, row in scored[:n_events]]


# -- response chains ----------------------------------------------------------------------------------------------
CONFLICT = (3, 4)
COOPERATION = (1, 2)


@dataclass(frozen=True, slots=True)
class Link:
    """``reply`` (B->A) answers ``first`` (A->B): retaliation (conflict for conflict) or reciprocation."""

    first: dict[str, object]
    reply: dict[str, object]
    kind: Literal["retaliation", "reciprocation"]
    lag_days: int
    score: float

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "lag_days": self.lag_days, "score": round(self.score, 4),
                "first": _plain(self.first), "reply": _plain(self.reply)}


@dataclass(frozen=True, slots=True)
class Chain:
    """Events in order, each answering the one before: A->B, B->A, A->B, ..."""

    links: tuple[Link, ...]

    @property
    def start(self) -> date:
        value = self.links[0].first["occurred_start"]
        assert isinstance(value, date)
        return value

    @property
    def events(self) -> tuple[dict[str, object], ...]:
        return (self.links[0].first, *(link.reply for link in self.links))

    @property
    def score(self) -> float:
        return sum(link.score for link in self.links)

    def to_json(self) -> dict[str, object]:
        return {"start": self.start.isoformat(), "score": round(self.score, 4),
                "links": [link.to_json() for link in self.links]}


def response_chains(store: Store, a: str, b: str, window_days: int = 90, half_life_days: float = 30.0,
                    modalities: tuple[str, ...] = COUNTED, start: date | None = None, end: date | None = None
                    ) -> list[Chain]:
    """Chains of responses between A and B: every path from an event that answers nothing to one that nobody
    answers, ordered by start (then longest first).

    Event y answers event x when y goes the other way, comes after x (by date, then by the first report and
    the position in it) and within ``window_days``, both are conflict (QuadClass 3-4: retaliation) or both
    cooperation (1-2: reciprocation), and they were not coded from the same word of the same sentence (one joint
    act coded in both directions is not a reply; "Japan protested a ruling ordering ..." is). Score:
    ``0.5 ** (lag / half_life_days) * (1 - |g_x - g_y| / 20)``, recency times intensity similarity. Each reply
    answers its best-scoring candidate only; an event may draw several replies, so chains that share a beginning
    are listed once per ending.
    """
    events = _dyad_events(store, a, b, modalities, start, end)
    by_id = {str(e["fused_id"]): e for e in events}
    best: dict[str, tuple[float, int, str]] = {}  # reply -> (score, lag, first)
    for x_id, y_id, lag in _candidate_pairs(store, a, b, window_days, modalities, start, end):
        x, y = by_id[x_id], by_id[y_id]
        if _order_key(x) >= _order_key(y) or x["acts"] & y["acts"]:  # type: ignore[operator]
            continue
        gx, gy = float(x["goldstein"]), float(y["goldstein"])  # type: ignore[arg-type]
        score = 0.5 ** (lag / half_life_days) * (1.0 - abs(gx - gy) / 20.0)
        held = best.get(y_id)
        if held is None or (-score, lag, x_id) < (-held[0], held[1], held[2]):
            best[y_id] = (score, lag, x_id)
    replies: dict[str, list[str]] = {}
    for y_id, (_, _, x_id) in best.items():
        replies.setdefault(x_id, []).append(y_id)
    chains: list[Chain] = []
    roots = sorted((x for x in replies if x not in best), key=lambda i: _order_key(by_id[i]))
    for root in roots:
        for path in _paths(root, replies, by_id):
            links = []
            for x_id, y_id in itertools.pairwise(path):
                score, lag, _ = best[y_id]
                kind: Literal["retaliation", "reciprocation"] = \
                    "retaliation" if by_id[x_id]["quad_class"] in CONFLICT else "reciprocation"
                links.append(Link(_public(by_id[x_id]), _public(by_id[y_id]), kind, lag, score))
            chains.append(Chain(tuple(links)))
    chains.sort(key=lambda c: (c.start, -len(c.links), [str(e["fused_id"]) for e in c.events]))
    return chains


def _paths(root: str, replies: dict[str, list[str]], by_id: dict[str, dict[str, object]]) -> list[list[str]]:
    out: list[list[str]] = []
    stack = [[root]]
    while stack:
        path = stack.pop()
        nxt = sorted(replies.get(path[-1], []), key=lambda i: _order_key(by_id[i]), reverse=True)
        if not nxt:
            out.append(path)
        stack.extend([*path, i] for i in nxt)
    return out


def _order_key(event: dict[str, object]) -> tuple[object, ...]:
    return (event["occurred_start"], event["first_reported"], event["first_position"], event["fused_id"])


def _public(event: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in event.items() if k not in ("acts", "first_reported", "first_position")}


def _dyad_events(store: Store, a: str, b: str, modalities: tuple[str, ...], start: date | None,
                 end: date | None) -> list[dict[str, object]]:
    sql = """
        WITH f AS (
            SELECT * FROM fused_events
            WHERE ((source_country = $a AND target_country = $b) OR (source_country = $b AND target_country = $a))
              AND list_contains($mods, modality) AND occurred_start IS NOT NULL AND goldstein IS NOT NULL
              AND ($lo IS NULL OR occurred_start >= $lo) AND ($hi IS NULL OR occurred_start <= $hi)),
        keys AS (
            SELECT f.fused_id,
                   list(DISTINCT e.article_id || ':' || e.sentence_index || ':' || e.trigger_start) AS acts,
                   arg_min(e.sentence_index, (a.published, e.sentence_index)) AS first_position
            FROM f, unnest(f.mentions) AS m(event_id) JOIN events e ON e.event_id = m.event_id
            LEFT JOIN articles a ON a.article_id = e.article_id
            GROUP BY f.fused_id)
        SELECT f.fused_id, f.occurred_start, f.source_country, f.target_country, f.cameo, f.goldstein,
               f.quad_class, f.n_articles, r.sentence,
               coalesce(f.first_reported, TIMESTAMPTZ '1970-01-01') AS first_reported,
               coalesce(k.first_position, 0) AS first_position,
               coalesce(k.acts, []) AS acts
        FROM f LEFT JOIN events r ON r.event_id = f.representative LEFT JOIN keys k USING (fused_id)
        ORDER BY f.occurred_start, f.fused_id"""
    cursor = store.con.execute(sql, {"a": a, "b": b, "mods": list(modalities), "lo": start, "hi": end})
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["acts"] = set(row["acts"])  # the words of the sentences its mentions were coded from
    return rows


def _candidate_pairs(store: Store, a: str, b: str, window_days: int, modalities: tuple[str, ...],
                     start: date | None, end: date | None) -> list[tuple[str, str, int]]:
    sql = """
        WITH f AS (
            SELECT fused_id, source_country AS s, target_country AS t, occurred_start AS d, quad_class AS q
            FROM fused_events
            WHERE ((source_country = $a AND target_country = $b) OR (source_country = $b AND target_country = $a))
              AND list_contains($mods, modality) AND occurred_start IS NOT NULL AND goldstein IS NOT NULL
              AND quad_class BETWEEN 1 AND 4
              AND ($lo IS NULL OR occurred_start >= $lo) AND ($hi IS NULL OR occurred_start <= $hi))
        SELECT x.fused_id, y.fused_id, date_diff('day', x.d, y.d)
        FROM f x JOIN f y ON y.s = x.t AND y.t = x.s AND y.d >= x.d AND y.d <= x.d + to_days($window)
        WHERE (x.q >= 3) = (y.q >= 3)
        ORDER BY 1, 2"""
    rows = store.con.execute(sql, {"a": a, "b": b, "mods": list(modalities), "lo": start, "hi": end,
                                   "window": int(window_days)}).fetchall()
    return [(str(r[0]), str(r[1]), int(r[2])) for r in rows]


# -- reciprocity --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Reciprocity:
    """Correlation of A->B monthly Goldstein sums with B->A sums ``lag`` months later, lags 0..max."""

    a: str
    b: str
    months: int
    by_lag: dict[int, float | None]
    best_lag: int | None
    best_correlation: float | None

    def to_json(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "months": self.months,
                "by_lag": {str(k): (None if v is None else round(v, 4)) for k, v in self.by_lag.items()},
                "best_lag": self.best_lag,
                "best_correlation": None if self.best_correlation is None else round(self.best_correlation, 4)}


def reciprocity(store: Store, a: str, b: str, max_lag: int = 6, modalities: tuple[str, ...] = COUNTED,
                start: date | None = None, end: date | None = None) -> Reciprocity:
    """Pearson correlation of x_t (A->B Goldstein sum in month t, 0 when empty) with y_{t+L} (B->A), for L in
    0..max_lag over the months both series cover; the best lag has the highest correlation (ties: the
    shortest). A lag with fewer than three month pairs or a constant side has no correlation (None)."""
    sql = """
        SELECT date_trunc('month', occurred_start)::DATE AS p, source_country = $a AS forward, sum(goldstein)
        FROM fused_events
        WHERE ((source_country = $a AND target_country = $b) OR (source_country = $b AND target_country = $a))
          AND list_contains($mods, modality) AND occurred_start IS NOT NULL AND goldstein IS NOT NULL
          AND ($lo IS NULL OR occurred_start >= $lo) AND ($hi IS NULL OR occurred_start <= $hi)
        GROUP BY ALL ORDER BY p"""
    rows = store.con.execute(sql, {"a": a, "b": b, "mods": list(modalities), "lo": start, "hi": end}).fetchall()
    if not rows:
        return Reciprocity(a, b, 0, dict.fromkeys(range(max_lag + 1)), None, None)
    first, last = rows[0][0], rows[-1][0]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    x, y = np.zeros(months), np.zeros(months)
    for when, forward, total in rows:
        i = (when.year - first.year) * 12 + when.month - first.month
        (x if forward else y)[i] += float(total)
    by_lag: dict[int, float | None] = {}
    for lag in range(max_lag + 1):
        xs, ys = x[: months - lag], y[lag:]
        if len(xs) < 3 or np.std(xs) == 0 or np.std(ys) == 0:
            by_lag[lag] = None
        else:
            by_lag[lag] = float(np.corrcoef(xs, ys)[0, 1])
    scored = [(v, -lag) for lag, v in by_lag.items() if v is not None]
    if not scored:
        return Reciprocity(a, b, months, by_lag, None, None)
    best, neg_lag = max(scored)
    return Reciprocity(a, b, months, by_lag, -neg_lag, best)
