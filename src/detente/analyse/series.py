"""Dyad series: fused events between two countries aggregated per period, every period present (empty too).

Counted: fused events, one per real-world event however many reports mention it (see ``detente.fuse``), dated
by when they happened. Only asserted mentions with a counted modality are fused (hypothetical and negated acts
stay in the store as mentions but are never counted). Both directions by default; ``direction`` selects A->B or
B->A.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from detente.store import Store

Freq = Literal["day", "week", "month", "quarter", "year"]
Direction = Literal["both", "forward", "backward"]
FREQS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")  # weeks start on Monday (ISO)


@dataclass(frozen=True, slots=True)
class Period:
    period: str  # "2019-07-04", "2019-W27", "2019-07", "2019Q3", "2019"
    start: date
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    quad: dict[str, int] = field(default_factory=dict)
    event_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "events": self.events, "goldstein_sum": round(self.goldstein_sum, 3),
                "goldstein_mean": None if self.goldstein_mean is None else round(self.goldstein_mean, 3),
                "quad": self.quad}


def period_label(start: date, freq: str) -> str:
    """The period's name: ISO day, ISO week ("2019-W27", of the Monday that starts it), month, quarter, year."""
    if freq == "day":
        return start.isoformat()
    if freq == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if freq == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if freq == "quarter":
        return f"{start.year:04d}Q{(start.month - 1) // 3 + 1}"
    return f"{start.year:04d}"


def next_period(start: date, freq: str) -> date:
    if freq in ("day", "week"):
        return start + timedelta(days=1 if freq == "day" else 7)
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    total = start.year * 12 + start.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _dyad_filter(direction: Direction) -> str:
    forward = "(source_country = $a AND target_country = $b)"
    backward = "(source_country = $b AND target_country = $a)"
    return {"both": f"({forward} OR {backward})", "forward": forward, "backward": backward}[direction]


def dyad_series(store: Store, a: str, b: str, freq: str = "month", direction: Direction = "both",
                modalities: tuple[str, ...] = ("actual", "intended", "demanded"),
                start: date | None = None, end: date | None = None) -> list[Period]:
    """Per-period counts, Goldstein sum and mean and QuadClass counts for the dyad, with empty periods filled."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    sql = f"""
        SELECT date_trunc('{freq}', occurred_start)::DATE AS p, count(*) AS n, sum(goldstein) AS gsum,
               avg(goldstein) AS gmean,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               list(fused_id ORDER BY fused_id) AS ids
        FROM fused_events
        WHERE {_dyad_filter(direction)} AND list_contains($mods, modality) AND occurred_start IS NOT NULL
        GROUP BY p ORDER BY p"""
    rows = store.con.execute(sql, {"a": a, "b": b, "mods": list(modalities)}).fetchall()
    by_start = {row[0]: row for row in rows}
    if not by_start and (start is None or end is None):
        return []
    first = truncate_period(start, freq) if start else min(by_start)
    last = truncate_period(end, freq) if end else max(by_start)
    periods: list[Period] = []
    cursor = first
    while cursor <= last:
        row = by_start.get(cursor)
        if row is None:
            periods.append(Period(period_label(cursor, freq), cursor, 0, 0.0, None,
                                  {"1": 0, "2": 0, "3": 0, "4": 0}))
        else:
            periods.append(Period(period_label(cursor, freq), cursor, int(row[1]), float(row[2]), float(row[3]),
                                  {"1": int(row[4]), "2": int(row[5]), "3": int(row[6]), "4": int(row[7])},
                                  tuple(row[8])))
        cursor = next_period(cursor, freq)
    return periods


def truncate_period(day: date, freq: str) -> date:
    """The first day of the period that contains ``day`` (the same as DuckDB's ``date_trunc``)."""
    if freq == "day":
        return day
    if freq == "week":
        return day - timedelta(days=day.weekday())
    if freq == "month":
        return date(day.year, day.month, 1)
    if freq == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def dyad_events(store: Store, a: str, b: str, order: str = "goldstein ASC", limit: int = 5,
                modalities: tuple[str, ...] = ("actual", "intended", "demanded"),
                start: date | None = None, end: date | None = None) -> list[dict[str, object]]:
    """The dyad's fused events (either direction) sorted by ``order`` (a whitelisted expression), each with the
    evidence of its representative mention and its report counts."""
    allowed = {"goldstein ASC", "goldstein DESC", "occurred_start ASC", "occurred_start DESC"}
    if order not in allowed:
        raise ValueError(f"order must be one of {sorted(allowed)}")
    sql = f"""
        SELECT f.fused_id, f.occurred_start, f.occurred_end, f.occurred_granularity, f.occurred_basis,
               f.source_country, f.source_sector, f.target_country, f.target_sector, f.cameo, f.root, f.goldstein,
               f.quad_class, f.modality, f.n_articles, f.n_sources, f.outlets, f.first_reported, f.last_reported,
               f.mentions, e.sentence, e.article_id, e.span_start, e.span_end, e.rule_id, a.source AS outlet,
               a.title
        FROM fused_events f LEFT JOIN events e ON e.event_id = f.representative
             LEFT JOIN articles a ON a.article_id = e.article_id
        WHERE {_dyad_filter("both").replace("source_country", "f.source_country")
                                   .replace("target_country", "f.target_country")}
          AND list_contains($mods, f.modality)
          AND ($start IS NULL OR f.occurred_start >= $start) AND ($end IS NULL OR f.occurred_start <= $end)
        ORDER BY f.{order}, f.occurred_start, f.fused_id LIMIT {int(limit)}"""
    cursor = store.con.execute(sql, {"a": a, "b": b, "mods": list(modalities), "start": start, "end": end})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
