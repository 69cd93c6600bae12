"""Exports of fused events and dyad series: stable columns, and CSV / Parquet / JSON files that read back to the
same values as the store holds."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from conftest import FIXTURES, make_event, write_and_fuse
from detente.analyse.export import EVENT_COLUMNS, LIST_SEPARATOR, SERIES_COLUMNS, export, series_table
from detente.analyse.series import dyad_series
from detente.config import load_settings
from detente.ingest.events_import import import_events
from detente.lexicon import load_lexicon, load_scale
from detente.resolve.scale import Scorer
from detente.store import Store, open_store

FORMATS = ("csv", "parquet", "json")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with imported CSV and GDELT rows plus one event coded by detente (with evidence and an article)."""
    settings = load_settings()
    path = tmp_path_factory.mktemp("export") / "e.duckdb"
    with open_store(path) as store:
        lexicon, scorer = load_lexicon(settings.lexicon_dirs), Scorer(load_scale(settings.scale_file))
        import_events(FIXTURES / "events" / "events.csv", "csv", store, scorer, lexicon)
        import_events(FIXTURES / "events" / "gdelt_events.export.CSV", "gdelt", store, scorer, lexicon)
        write_and_fuse(store, [make_event("own-1", source="JPN", target="KOR", day=date(2019, 8, 2))])
    return path


@pytest.fixture()
def ro(db: Path) -> Iterator[Store]:
    with open_store(db, read_only=True) as store:
        yield store


def _read(path: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    if fmt == "json":
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _text(value: Any) -> str:
    """A store value as CSV/JSON write it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, date) and hasattr(value, "hour"):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)


def _store_events(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    cursor = store.con.execute(
        "SELECT fused_id AS event_id, occurred_start, source_country, target_country, cameo, goldstein, quad_class, "
        "outlets, first_reported, n_articles FROM fused_events WHERE (source_country = $a AND target_country = $b) "
        "OR (source_country = $b AND target_country = $a) ORDER BY occurred_start, fused_id", {"a": a, "b": b})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_events_round_trip(ro: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = export(ro, "events", fmt, out, "KOR", "JPN")
    rows = _read(out, fmt)
    expected = _store_events(ro, "KOR", "JPN")
    assert result.rows == len(rows) == len(expected) == 9  # 6 from CSV, 2 from GDELT (not ROU-JPN), our own
    assert list(rows[0]) == list(EVENT_COLUMNS)
    for got, want in zip(rows, expected, strict=True):
        for name, value in want.items():
            if fmt == "parquet" or (fmt == "json" and (value is None or isinstance(value, int | float | list))):
                assert got[name] == value, name
            else:
                assert got[name] == _text(value), name


def test_events_carry_evidence_of_our_own_and_none_for_imports(ro: Store, tmp_path: Path) -> None:
    export(ro, "events", "json", tmp_path / "e.json", "JPN", "KOR")
    rows = _read(tmp_path / "e.json", "json")
    own = [r for r in rows if r["rule_id"] == "pattern:test"]
    assert len(own) == 1 and own[0]["evidence_sentence"] == "Japan acted." and own[0]["outlets"] == ["outlet-a1"]
    imported = [r for r in rows if r["rule_id"].startswith("import:")]
    assert imported and all(r["evidence_sentence"] is None and r["evidence_article_id"] is None for r in imported)


def test_event_filters(ro: Store, tmp_path: Path) -> None:
    assert export(ro, "events", "csv", tmp_path / "all.csv").rows == 10
    assert export(ro, "events", "csv", tmp_path / "rou.csv", "ROU").rows == 1
    assert export(ro, "events", "csv", tmp_path / "rou2.csv", None, "ROU").rows == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_series_round_trip(ro: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"series.{fmt}"
    result = export(ro, "series", fmt, out, "KOR", "JPN", "month")
    rows = _read(out, fmt)
    periods = dyad_series(ro, "KOR", "JPN", "month")
    assert result.rows == len(rows) == len(periods) == 3
    assert list(rows[0]) == list(SERIES_COLUMNS)
    for got, period in zip(rows, periods, strict=True):
        if fmt == "csv":
            got = {k: (None if v == "" else v) for k, v in got.items()}
            got = {**got, **{k: int(got[k]) for k in ("events", "quad1", "quad2", "quad3", "quad4")},
                   "goldstein_sum": float(got["goldstein_sum"]),
                   "goldstein_mean": None if got["goldstein_mean"] is None else float(got["goldstein_mean"])}
        start = got["period_start"]
        assert (start if isinstance(start, date) else date.fromisoformat(start)) == period.start
        assert (got["a"], got["b"], got["direction"], got["freq"]) == ("KOR", "JPN", "both", "month")
        assert got["period"] == period.period and got["events"] == period.events
        assert got["goldstein_sum"] == pytest.approx(period.goldstein_sum)
        mean = period.goldstein_mean
        assert got["goldstein_mean"] == (None if mean is None else pytest.approx(mean))
        assert [got[f"quad{q}"] for q in (1, 2, 3, 4)] == [period.quad[str(q)] for q in (1, 2, 3, 4)]
    # July: CSV 163 (-8) and 111 (-2.5), GDELT 163 (-8); August: GDELT 1123 (-2) and our own 163 (-8)
    assert [r.events for r in periods] == [3, 2, 4]
    assert periods[1].goldstein_sum == pytest.approx(-10.0)


def test_series_table_quarters_and_direction(ro: Store) -> None:
    table = series_table(ro, "KOR", "JPN", "quarter", "backward")  # JPN -> KOR only
    assert table.column_names == list(SERIES_COLUMNS)
    assert table.to_pylist()[0]["period"] == "2019Q3" and table.to_pylist()[0]["events"] == 4


def test_bad_arguments(ro: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="what must be"):
        export(ro, "articles", "csv", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="format must be"):
        export(ro, "events", "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ValueError, match="needs both countries"):
        export(ro, "series", "csv", tmp_path / "x.csv", "KOR")
    with pytest.raises(ValueError, match="country must be a code"):
        export(ro, "events", "csv", tmp_path / "x.csv", "KOR' OR 1=1 --")
    with pytest.raises(ValueError, match="freq must be"):
        export(ro, "series", "csv", tmp_path / "x.csv", "KOR", "JPN", "fortnight")
