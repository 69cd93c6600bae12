"""Exports: fused events or a dyad series from the store to CSV, Parquet or JSON, with stable column names.

In: an open store, what to export (``"events"`` or ``"series"``), a format and a path; optionally a country (events
involving it) or a pair (the dyad, both directions). Out: one file whose columns are ``EVENT_COLUMNS`` or
``SERIES_COLUMNS`` (documented in docs/exports.md; renaming one is a breaking change), and an ``ExportResult``.

Events are written by DuckDB straight from the store (``COPY``), so large stores stream to disk. CSV and JSON
write times as ISO 8601 in UTC ("2019-07-05T00:00:00Z"), dates as "2019-07-04", and empty values as empty
cells / ``null``; CSV joins list columns (outlets, mentions) with "|". JSON is one array of objects. Parquet
keeps native types (dates, UTC timestamps, lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyarrow as pa

from detente.analyse.index import relations_series
from detente.analyse.series import FREQS, Direction
from detente.store import Store

What = Literal["series", "events"]
Format = Literal["csv", "parquet", "json"]
WHATS: tuple[str, ...] = ("series", "events")
EXPORT_FORMATS: tuple[str, ...] = ("csv", "parquet", "json")
LIST_SEPARATOR = "|"

# name -> SQL over fused_events f, the representative mention e and its article a (imported events have none).
_EVENT_SQL: dict[str, str] = {
    "event_id": "f.fused_id",
    "occurred_start": "f.occurred_start",
    "occurred_end": "f.occurred_end",
    "occurred_granularity": "f.occurred_granularity",
    "occurred_basis": "f.occurred_basis",
    "source_country": "f.source_country",
    "source_sector": "f.source_sector",
    "target_country": "f.target_country",
    "target_sector": "f.target_sector",
    "cameo": "f.cameo",
    "root": "f.root",
    "goldstein": "f.goldstein",
    "quad_class": "f.quad_class",
    "modality": "f.modality",
    "n_articles": "f.n_articles",
    "n_sources": "f.n_sources",
    "outlets": "f.outlets",
    "first_reported": "f.first_reported",
    "last_reported": "f.last_reported",
    "mentions": "f.mentions",
    "rule_id": "e.rule_id",
    "evidence_article_id": "e.article_id",
    "evidence_sentence": "e.sentence",
    "evidence_outlet": "a.source",
    "evidence_title": "a.title",
    "evidence_url": "a.url",
}
EVENT_COLUMNS: tuple[str, ...] = tuple(_EVENT_SQL)
SERIES_COLUMNS: tuple[str, ...] = (
    "a", "b", "direction", "freq", "period", "period_start", "events", "goldstein_sum", "goldstein_mean",
    "quad1", "quad2", "quad3", "quad4", "coop_share", "index", "ci_low", "ci_high",
)
_LISTS = ("outlets", "mentions")
_TIMES = ("first_reported", "last_reported")
_OPTIONS = {"csv": "FORMAT CSV, HEADER true", "parquet": "FORMAT PARQUET", "json": "FORMAT JSON, ARRAY true"}
_CODE = re.compile(r"^((IGO|NGO|IMG):)?[A-Z0-9]{2,12}$")


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: str
    what: str
    fmt: str
    rows: int
    columns: tuple[str, ...]


def export(store: Store, what: str, fmt: str, out_path: str | Path, a: str | None = None, b: str | None = None,
           freq: str = "month", *, direction: Direction = "both",
           modalities: tuple[str, ...] = ("actual", "intended", "demanded")) -> ExportResult:
    """Write fused events (all, those involving ``a``, or the dyad ``a``-``b``) or the ``a``-``b`` dyad series.

    Countries are codes as stored ("KOR", "IGO:UN"); resolve names first with ``detente.resolve.names``.
    ``freq``, ``direction`` and ``modalities`` apply to series (as in ``dyad_series``). Raises ``ValueError``
    for an unknown ``what``/``fmt``/``freq``, a malformed code, or a series without both countries.
    """
    if what not in WHATS:
        raise ValueError(f"what must be one of {', '.join(WHATS)}, not {what!r}")
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    for code in (a, b):
        if code is not None and not _CODE.match(code):
            raise ValueError(f"country must be a code such as KOR or IGO:UN, not {code!r}")
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if what == "series":
        if a is None or b is None:
            raise ValueError("a series export needs both countries (a and b)")
        if freq not in FREQS:
            raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
        table = series_table(store, a, b, freq, direction, modalities)
        _write_table(store, table, fmt, out)
        return ExportResult(str(out), what, fmt, table.num_rows, SERIES_COLUMNS)
    if b is not None and a is None:
        a, b = b, None
    rows = _copy_events(store, fmt, out, a, b)
    return ExportResult(str(out), what, fmt, rows, EVENT_COLUMNS)


def series_table(store: Store, a: str, b: str, freq: str = "month", direction: Direction = "both",
                 modalities: tuple[str, ...] = ("actual", "intended", "demanded")) -> pa.Table:
    """The dyad series as an Arrow table with ``SERIES_COLUMNS`` (every period present, empty ones too)."""
    periods = relations_series(store, a, b, freq, direction, modalities=modalities, with_ids=False).points
    n = len(periods)
    return pa.table({
        "a": [a] * n, "b": [b] * n, "direction": [direction] * n, "freq": [freq] * n,
        "period": [p.period for p in periods],
        "period_start": pa.array([p.start for p in periods], pa.date32()),
        "events": pa.array([p.events for p in periods], pa.int64()),
        "goldstein_sum": pa.array([p.goldstein_sum for p in periods], pa.float64()),
        "goldstein_mean": pa.array([p.goldstein_mean for p in periods], pa.float64()),
        **{f"quad{q}": pa.array([p.quad.get(str(q), 0) for p in periods], pa.int64()) for q in (1, 2, 3, 4)},
        **{name: pa.array([getattr(p, name) for p in periods], pa.float64())
           for name in ("coop_share", "index", "ci_low", "ci_high")},
    })


def _write_table(store: Store, table: pa.Table, fmt: str, out: Path) -> None:
    """Write a small Arrow table through DuckDB, so series and events files are formatted alike."""
    store.con.register("export_table", table)
    try:
        select = ", ".join(f"strftime({c}, '%Y-%m-%d') AS {c}" if fmt != "parquet" and c == "period_start" else c
                           for c in table.column_names)
        store.con.execute(f"COPY (SELECT {select} FROM export_table) TO {_literal(str(out))} ({_OPTIONS[fmt]})")
    finally:
        store.con.unregister("export_table")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _event_select(fmt: str, a: str | None, b: str | None) -> str:
    columns = []
    for name in EVENT_COLUMNS:
        sql = _EVENT_SQL[name]
        if fmt != "parquet" and name in _TIMES:
            sql = f"strftime({sql} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')"
        elif fmt == "csv" and name in _LISTS:
            sql = f"array_to_string({sql}, {_literal(LIST_SEPARATOR)})"
        elif fmt != "parquet" and name in ("occurred_start", "occurred_end"):
            sql = f"strftime({sql}, '%Y-%m-%d')"
        columns.append(f"{sql} AS {name}")
    return (f"SELECT {', '.join(columns)} FROM ({_matching(a, b)}) f "
            "LEFT JOIN events e ON e.event_id = f.representative "
            "LEFT JOIN articles a ON a.article_id = e.article_id "
            "ORDER BY f.occurred_start, f.fused_id")


def _matching(a: str | None, b: str | None) -> str:
    """The fused events wanted, as a UNION ALL of plain equality filters: DuckDB pushes those into the scan,
    which an OR across two columns would prevent (twice as fast on a large store)."""
    if a is None:
        return "SELECT * FROM fused_events"
    x = _literal(a)
    if b is None:
        return (f"SELECT * FROM fused_events WHERE source_country = {x} UNION ALL "
                f"SELECT * FROM fused_events WHERE target_country = {x} AND source_country IS DISTINCT FROM {x}")
    y = _literal(b)
    return (f"SELECT * FROM fused_events WHERE source_country = {x} AND target_country = {y} UNION ALL "
            f"SELECT * FROM fused_events WHERE source_country = {y} AND target_country = {x} AND {x} <> {y}")


def _copy_events(store: Store, fmt: str, out: Path, a: str | None, b: str | None) -> int:
    query = _event_select(fmt, a, b)
    rows = store.con.execute(f"COPY ({query}) TO {_literal(str(out))} ({_OPTIONS[fmt]})").fetchall()
    return int(rows[0][0]) if rows and rows[0] else 0
