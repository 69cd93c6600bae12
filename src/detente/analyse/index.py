"""The relations index: fused events between countries in, per-period index points with intervals out.

For a dyad (A, B), a direction and a frequency, every period from the first to the last is present. A point
carries the counts (events, Goldstein sum and mean, QuadClass counts, cooperation share), the relations index,
a seeded bootstrap interval and the fused ids it was computed from. The formula, and why it is this one, is in
docs/analytics.md:

    index = sum of the period's dyad Goldstein weights / (events + prior_events)

a mean Goldstein weight shrunk toward 0 (neutral) by ``prior_events`` pseudo-events, so a month with one event
does not count as much as a month with twenty, and the index does not grow when coverage grows (more reports
of the same relations move the mean, not the scale).

Aggregation happens in DuckDB: one query returns, per (source, target, period, Goldstein value, QuadClass), a
count. Everything else is arithmetic over these small arrays; the (Bayesian) bootstrap draws one weight per
(period, distinct Goldstein value) and replicate, so it costs the same for a period of ten events or a million,
and all periods are drawn in one vectorised call.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import orjson

from detente.analyse.series import FREQS, Direction, next_period, period_label, truncate_period
from detente.store import Store

COUNTED = ("actual", "intended", "demanded")  # the default of Settings.series_modalities
PRIOR_EVENTS = 2.0
N_BOOT = 1000
LEVEL = 0.95


@dataclass(frozen=True, slots=True)
class SeriesMeta:
    """What made a series: the query, the index parameters and the store schema, lexicon, scale and pipeline
    versions of the events in it (the versions of each fused event's representative mention)."""

    a: str
    b: str
    freq: str
    direction: str
    modalities: tuple[str, ...]
    prior_events: float
    n_boot: int
    seed: int
    level: float
    schema_version: str
    versions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """"KOR–JPN" for both directions, "KOR→JPN" for one."""
        if self.direction == "both":
            return f"{self.a}–{self.b}"
        first, second = (self.a, self.b) if self.direction == "forward" else (self.b, self.a)
        return f"{first}→{second}"

    def to_json(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "freq": self.freq, "direction": self.direction,
                "modalities": list(self.modalities), "index": "goldstein_sum / (events + prior_events)",
                "prior_events": self.prior_events, "n_boot": self.n_boot, "seed": self.seed, "level": self.level,
                "schema_version": self.schema_version, "versions": {k: list(v) for k, v in self.versions.items()}}


@dataclass(frozen=True, slots=True)
class RelationsPoint:
    """One period of a relations series. ``index`` and the interval are None when the period has no events."""

    period: str
    start: date
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    quad: dict[str, int]
    coop_share: float | None
    index: float | None
    ci_low: float | None
    ci_high: float | None
    event_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "events": self.events, "goldstein_sum": round(self.goldstein_sum, 3),
                "goldstein_mean": _round(self.goldstein_mean), "quad": self.quad,
                "coop_share": _round(self.coop_share), "index": _round(self.index), "ci_low": _round(self.ci_low),
                "ci_high": _round(self.ci_high), "event_ids": list(self.event_ids)}


@dataclass(frozen=True, slots=True)
class RelationsSeries:
    """A relations series and the record of what made it."""

    points: tuple[RelationsPoint, ...]
    meta: SeriesMeta

    def filled(self) -> np.ndarray:
        """The index with empty periods at 0: the index formula's own value for a period with no events."""
        return np.array([0.0 if p.index is None else p.index for p in self.points], dtype=float)

    def position(self, period: str) -> int:
        for i, point in enumerate(self.points):
            if point.period == period:
                return i
        raise ValueError(f"{period!r} is not a period of this {self.meta.freq} series")

    def to_json(self) -> dict[str, object]:
        return {"meta": self.meta.to_json(), "series": [p.to_json() for p in self.points]}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


# -- aggregation in DuckDB ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Counts:
    """Per (source, target, period start, Goldstein, QuadClass) row: how many fused events."""

    source: np.ndarray
    target: np.ndarray
    start: np.ndarray  # datetime64[D]
    goldstein: np.ndarray
    quad: np.ndarray
    n: np.ndarray


def _check(freq: str, direction: str) -> None:
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if direction not in ("both", "forward", "backward"):
        raise ValueError(f"direction must be both, forward or backward, not {direction!r}")


# Events among $countries (source and target both in the set, never a country with itself), counted modalities,
# dated and weighted, in [$lo, $hi).
_WHERE = ("list_contains($countries, source_country) AND list_contains($countries, target_country) "
            "AND source_country <> target_country AND list_contains($mods, modality) "
            "AND occurred_start IS NOT NULL AND goldstein IS NOT NULL "
            "AND ($lo IS NULL OR occurred_start >= $lo) AND ($hi IS NULL OR occurred_start < $hi)")


def _params(countries: Sequence[str], modalities: Sequence[str], lo: date | None, hi: date | None
            ) -> dict[str, Any]:
    return {"countries": sorted(set(countries)), "mods": list(modalities), "lo": lo, "hi": hi}


def _bounds(freq: str, start: date | None, end: date | None) -> tuple[date | None, date | None]:
    lo = truncate_period(start, freq) if start else None
    hi = next_period(truncate_period(end, freq), freq) if end else None
    return lo, hi


def _query_counts(store: Store, countries: Sequence[str], freq: str, modalities: Sequence[str],
                  lo: date | None, hi: date | None) -> _Counts:
    sql = f"""
        SELECT source_country AS s, target_country AS t, date_trunc('{freq}', occurred_start)::DATE AS p,
               goldstein AS g, quad_class::INTEGER AS q, count(*)::BIGINT AS n
        FROM fused_events WHERE {_WHERE}
        GROUP BY ALL ORDER BY s, t, p, g, q"""
    cols = store.con.execute(sql, _params(countries, modalities, lo, hi)).fetchnumpy()
    return _Counts(
        source=np.asarray(cols["s"], dtype=object),
        target=np.asarray(cols["t"], dtype=object),
        start=np.asarray(cols["p"], dtype="datetime64[D]"),
        goldstein=np.asarray(cols["g"], dtype=float),
        quad=np.ma.filled(np.ma.asarray(cols["q"]), 0).astype(int),
        n=np.asarray(cols["n"], dtype=np.int64),
    )


_Ids = dict[tuple[str, str, date], tuple[str, ...]]


def _query_ids(store: Store, countries: Sequence[str], freq: str, modalities: Sequence[str],
               lo: date | None, hi: date | None) -> _Ids:
    sql = f"""
        SELECT source_country AS s, target_country AS t, date_trunc('{freq}', occurred_start)::DATE AS p, fused_id
        FROM fused_events WHERE {_WHERE} ORDER BY s, t, p, fused_id"""
    cols = store.con.execute(sql, _params(countries, modalities, lo, hi)).fetchnumpy()
    s, t = np.asarray(cols["s"], dtype=object), np.asarray(cols["t"], dtype=object)
    p = np.asarray(cols["p"], dtype="datetime64[D]")
    fused = np.asarray(cols["fused_id"], dtype=object)
    if len(fused) == 0:
        return {}
    change = np.ones(len(fused), dtype=bool)
    change[1:] = (s[1:] != s[:-1]) | (t[1:] != t[:-1]) | (p[1:] != p[:-1])
    firsts = np.flatnonzero(change)
    lasts = [*firsts[1:], len(fused)]
    return {(s[i], t[i], p[i].astype(object)): tuple(fused[i:j].tolist()) for i, j in zip(firsts, lasts, strict=True)}


def _query_versions(store: Store, countries: Sequence[str], freq: str, modalities: Sequence[str],
                    lo: date | None, hi: date | None) -> dict[str, tuple[str, ...]]:
    sql = f"""
        SELECT DISTINCT e.versions FROM events e
        SEMI JOIN (SELECT representative FROM fused_events WHERE {_WHERE}) f
             ON e.event_id = f.representative"""
    found: dict[str, set[str]] = {}
    for (raw,) in store.con.execute(sql, _params(countries, modalities, lo, hi)).fetchall():
        if not raw:
            continue
        for key, value in orjson.loads(raw).items():
            found.setdefault(str(key), set()).add(str(value))
    return {key: tuple(sorted(values)) for key, values in sorted(found.items())}


# -- series from counts -------------------------------------------------------------------------------------------
def _pairs(a: str, b: str, direction: Direction) -> list[tuple[str, str]]:
    return {"both": [(a, b), (b, a)], "forward": [(a, b)], "backward": [(b, a)]}[direction]


def _period_starts(first: date, last: date, freq: str) -> list[date]:
    starts = []
    cursor = first
    while cursor <= last:
        starts.append(cursor)
        cursor = next_period(cursor, freq)
    return starts


def _generator(seed: int, key: str) -> np.random.Generator:
    """The series' generator, keyed by what the series is (dyad, direction, frequency, range, parameters)."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, zlib.crc32(key.encode())])))


_BOOT_CELLS = 4_000_000  # replicate x row cells drawn at once (32 MB of float64); bounds memory on long series


def bootstrap_intervals(values: np.ndarray, counts: np.ndarray, starts: np.ndarray, prior_events: float,
                        n_boot: int, level: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Percentile intervals of ``sum / (n + prior_events)`` for many periods at once (Bayesian bootstrap).

    Rows are (period, distinct Goldstein value) with ``counts`` events each, grouped by period; ``starts`` are
    the first row of each period. In each replicate every event gets an independent Exp(1) weight (Rubin's
    Bayesian bootstrap, unnormalised), so a row's total weight is a single Gamma(count, 1) draw whatever the
    count, and a replicate of a period is sum(w * g) / (sum(w) + prior_events). Unlike drawing exactly n events
    with replacement, the total weight varies around n: a period of two identical events gets an interval that
    says two events are thin evidence, instead of a zero-width one. Each interval is widened, if needed, to
    contain its point value: an interval that excludes its own estimate would only confuse a reader.
    """
    if len(starts) == 0:
        return np.empty(0), np.empty(0)
    ends = np.append(starts[1:], len(values))
    n = np.add.reduceat(counts, starts).astype(float)
    point = np.add.reduceat(values * counts, starts) / (n + prior_events)
    if n_boot <= 0:
        return point.copy(), point.copy()
    low, high = np.empty(len(starts)), np.empty(len(starts))
    tail = (1.0 - level) / 2.0
    per_chunk = max(1, _BOOT_CELLS // n_boot)
    first = 0
    while first < len(starts):
        last = first + 1
        while last < len(starts) and ends[last] - starts[first] <= per_chunk:
            last += 1
        lo, hi = starts[first], ends[last - 1]
        weights = rng.standard_gamma(counts[lo:hi].astype(float), size=(n_boot, hi - lo))
        offsets = starts[first:last] - lo
        sums = np.add.reduceat(weights * values[lo:hi], offsets, axis=1)
        sizes = np.add.reduceat(weights, offsets, axis=1) + prior_events
        stats = np.divide(sums, sizes, out=np.zeros_like(sums), where=sizes > 0)
        q = np.quantile(stats, [tail, 1.0 - tail], axis=0)
        low[first:last], high[first:last] = q[0], q[1]
        first = last
    return np.minimum(low, point), np.maximum(high, point)


def _build(counts: _Counts, pairs: list[tuple[str, str]], starts: list[date], freq: str, prior_events: float,
           n_boot: int, seed: int, level: float, meta_key: str, ids: _Ids | None) -> tuple[RelationsPoint, ...]:
    keep = np.zeros(len(counts.n), dtype=bool)
    for s, t in pairs:
        keep |= (counts.source == s) & (counts.target == t)
    p_start, g, q, n = counts.start[keep], counts.goldstein[keep], counts.quad[keep], counts.n[keep]
    order = np.lexsort((q, g, p_start))
    p_start, g, q, n = p_start[order], g[order], q[order], n[order]
    # one row per (period, distinct value) for the bootstrap; quads are counted from the finer rows
    key_change = np.ones(len(n), dtype=bool)
    key_change[1:] = (p_start[1:] != p_start[:-1]) | (g[1:] != g[:-1])
    value_rows = np.flatnonzero(key_change)
    v_start, v_g = p_start[value_rows], g[value_rows]
    v_n = np.add.reduceat(n, value_rows) if len(n) else n
    uniq, first_row = np.unique(v_start, return_index=True)
    low, high = bootstrap_intervals(v_g, v_n, first_row, prior_events, n_boot, level,
                                    _generator(seed, f"{meta_key}|{starts[0] if starts else ''}|{len(starts)}"))
    at = {d: i for i, d in enumerate(uniq.astype(object))}
    quads = {k: np.bincount(np.searchsorted(uniq, p_start[q == k]), weights=n[q == k], minlength=len(uniq))
             for k in (1, 2, 3, 4)}
    totals = np.add.reduceat(v_n, first_row) if len(v_n) else v_n
    sums = np.add.reduceat(v_g * v_n, first_row) if len(v_n) else v_g
    points = []
    for start in starts:
        label = period_label(start, freq)
        i = at.get(start)
        if i is None:
            points.append(RelationsPoint(label, start, 0, 0.0, None, {"1": 0, "2": 0, "3": 0, "4": 0}, None, None,
                                         None, None, ()))
            continue
        total, gsum = int(totals[i]), float(sums[i])
        quad = {str(k): int(quads[k][i]) for k in (1, 2, 3, 4)}
        event_ids = tuple(sorted(x for s, t in pairs for x in ids.get((s, t, start), ()))) if ids else ()
        points.append(RelationsPoint(label, start, total, gsum, gsum / total, quad,
                                     (quad["1"] + quad["2"]) / total, gsum / (total + prior_events),
                                     float(low[i]), float(high[i]), event_ids))
    return tuple(points)


def _range(counts: _Counts, pairs: list[tuple[str, str]], freq: str, start: date | None, end: date | None
           ) -> list[date]:
    keep = np.zeros(len(counts.n), dtype=bool)
    for s, t in pairs:
        keep |= (counts.source == s) & (counts.target == t)
    present = counts.start[keep]
    if present.size == 0 and (start is None or end is None):
        return []
    first = truncate_period(start, freq) if start else present.min().astype(object)
    last = truncate_period(end, freq) if end else present.max().astype(object)
    return _period_starts(first, last, freq)


def relations_series(store: Store, a: str, b: str, freq: str = "month", direction: Direction = "both", *,
                     modalities: tuple[str, ...] = COUNTED, start: date | None = None, end: date | None = None,
                     prior_events: float = PRIOR_EVENTS, n_boot: int = N_BOOT, seed: int = 0,
                     level: float = LEVEL, with_ids: bool = True) -> RelationsSeries:
    """The relations index of A and B per period (``direction``: both, forward A->B, backward B->A).

    Every period from ``start`` (else the first with an event) to ``end`` (else the last) is present; an empty
    one has ``events == 0`` and ``index is None``. Deterministic: the same store gives the same series.
    """
    _check(freq, direction)
    lo, hi = _bounds(freq, start, end)
    countries = (a, b)
    counts = _query_counts(store, countries, freq, modalities, lo, hi)
    ids = _query_ids(store, countries, freq, modalities, lo, hi) if with_ids else None
    pairs = _pairs(a, b, direction)
    starts = _range(counts, pairs, freq, start, end)
    meta = SeriesMeta(a, b, freq, direction, tuple(modalities), prior_events, n_boot, seed, level,
                      store.schema_version, _query_versions(store, countries, freq, modalities, lo, hi))
    key = f"{a}|{b}|{direction}|{freq}|{prior_events}|{n_boot}|{level}"
    return RelationsSeries(_build(counts, pairs, starts, freq, prior_events, n_boot, seed, level, key, ids), meta)


def relations_legs(store: Store, countries: Sequence[str], freq: str = "month", *,
                   modalities: tuple[str, ...] = COUNTED, start: date | None = None, end: date | None = None,
                   prior_events: float = PRIOR_EVENTS, n_boot: int = N_BOOT, seed: int = 0, level: float = LEVEL,
                   with_ids: bool = True, directions: tuple[Direction, ...] = ("both",)
                   ) -> dict[tuple[str, str], dict[str, RelationsSeries]]:
    """Every pair of ``countries`` in one pass over the store: {(x, y): {direction: series}} for the asked
    ``directions``, all on the same periods (the union of the pairs' ranges unless ``start``/``end`` are
    given)."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    lo, hi = _bounds(freq, start, end)
    counts = _query_counts(store, countries, freq, modalities, lo, hi)
    ids = _query_ids(store, countries, freq, modalities, lo, hi) if with_ids else None
    versions = _query_versions(store, countries, freq, modalities, lo, hi)
    all_pairs = [(x, y) for i, x in enumerate(countries) for y in countries[i + 1:]]
    every = [p for x, y in all_pairs for p in _pairs(x, y, "both")]
    starts = _range(counts, every, freq, start, end)
    out: dict[tuple[str, str], dict[str, RelationsSeries]] = {}
    for x, y in all_pairs:
        legs: dict[str, RelationsSeries] = {}
        for direction in directions:
            meta = SeriesMeta(x, y, freq, direction, tuple(modalities), prior_events, n_boot, seed, level,
                              store.schema_version, versions)
            key = f"{x}|{y}|{direction}|{freq}|{prior_events}|{n_boot}|{level}"
            legs[direction] = RelationsSeries(
                _build(counts, _pairs(x, y, direction), starts, freq, prior_events, n_boot, seed, level, key, ids),
                meta)
        out[(x, y)] = legs
    return out


def series_events(store: Store, meta: SeriesMeta, first: date, last: date) -> list[dict[str, object]]:
    """The series' fused events that happened in [first, last], each with its representative sentence."""
    pairs = _pairs(meta.a, meta.b, meta.direction)  # type: ignore[arg-type]
    sql = """
        SELECT f.fused_id, f.occurred_start, f.source_country, f.target_country, f.cameo, f.root, f.goldstein,
               f.quad_class, f.n_articles, e.sentence
        FROM fused_events f LEFT JOIN events e ON e.event_id = f.representative
        WHERE list_contains($pairs, f.source_country || '>' || f.target_country)
          AND list_contains($mods, f.modality) AND f.goldstein IS NOT NULL
          AND f.occurred_start BETWEEN $first AND $last
        ORDER BY f.occurred_start, f.fused_id"""
    cursor = store.con.execute(sql, {"pairs": [f"{s}>{t}" for s, t in pairs], "mods": list(meta.modalities),
                                     "first": first, "last": last})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
