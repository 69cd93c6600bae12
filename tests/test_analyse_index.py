"""The relations index series: counts, the index formula, intervals, empty periods, frequencies, metadata, and
properties (partitions add up, intervals contain their point, the same store gives the same series)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_event, write_and_fuse
from detente.analyse.index import relations_series
from detente.analyse.series import dyad_series, next_period, period_label, truncate_period
from detente.store import Store, open_store

CODES = [("163", -8.0, 4), ("111", -2.0, 3), ("036", 4.0, 1), ("057", 8.0, 1), ("064", 7.0, 2), ("0256", -0.3, 1)]


@contextmanager
def memory_store() -> Iterator[Store]:
    with open_store(":memory:") as opened:
        yield opened


def _events(rows: list[tuple[int, int, bool]]) -> list:  # type: ignore[type-arg]
    """(code index, day offset from 2019-01-01, forward?) -> hand-built events, one article each."""
    out = []
    for i, (code, offset, forward) in enumerate(rows):
        cameo, gold, quad = CODES[code]
        source, target = ("KOR", "JPN") if forward else ("JPN", "KOR")
        out.append(make_event(f"e{i}", source, target, cameo, gold, quad, date(2019, 1, 1) + timedelta(days=offset),
                              article_id=f"a{i}"))
    return out


def test_index_point_interval_and_json(store: Store) -> None:
    write_and_fuse(store, [
        make_event("e1", "JPN", "KOR", "163", -8.0, 4, date(2019, 7, 4), article_id="a1"),
        make_event("e2", "KOR", "JPN", "111", -2.0, 3, date(2019, 7, 10), article_id="a2"),
        make_event("e3", "KOR", "JPN", "057", 8.0, 1, date(2019, 9, 2), article_id="a3"),
    ])
    series = relations_series(store, "KOR", "JPN", "month")
    july, august, september = series.points
    assert (july.events, july.goldstein_sum, july.index) == (2, -10.0, pytest.approx(-10.0 / (2 + 2)))
    assert july.coop_share == 0.0 and september.coop_share == 1.0
    assert july.ci_low is not None and july.ci_high is not None and july.ci_low <= july.index <= july.ci_high
    assert len(july.event_ids) == 2 and july.event_ids == tuple(sorted(july.event_ids))
    assert august.to_json() == {"period": "2019-08", "events": 0, "goldstein_sum": 0.0, "goldstein_mean": None,
                                "quad": {"1": 0, "2": 0, "3": 0, "4": 0}, "coop_share": None, "index": None,
                                "ci_low": None, "ci_high": None, "event_ids": []}
    keys = set(july.to_json())
    assert {"period", "events", "goldstein_sum", "goldstein_mean", "quad"} <= keys
    assert {"index", "ci_low", "ci_high", "event_ids", "coop_share"} <= keys


def test_directions_split_the_dyad(store: Store) -> None:
    write_and_fuse(store, [make_event("e1", "JPN", "KOR", day=date(2019, 7, 4), article_id="a1"),
                           make_event("e2", "KOR", "JPN", "057", 8.0, 1, date(2019, 7, 9), article_id="a2")])
    forward = relations_series(store, "KOR", "JPN", direction="forward").points
    backward = relations_series(store, "KOR", "JPN", direction="backward").points
    assert [p.goldstein_sum for p in forward] == [8.0] and [p.goldstein_sum for p in backward] == [-8.0]
    assert relations_series(store, "KOR", "JPN", direction="forward").meta.label == "KOR→JPN"
    assert relations_series(store, "KOR", "JPN").meta.label == "KOR–JPN"


def test_more_coverage_of_the_same_relations_does_not_raise_the_index(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Ten reports-worth of the same tone moves the index toward the mean, never past it, unlike a sum."""
    thin, thick = (open_store(tmp_path / f"{n}.duckdb") for n in ("thin", "thick"))
    with thin, thick:
        write_and_fuse(thin, _events([(2, 0, True), (3, 1, True)]))
        write_and_fuse(thick, _events([(2, 2 * i, True) for i in range(10)]
                                      + [(3, 2 * i + 1, True) for i in range(10)]))
        a = relations_series(thin, "KOR", "JPN", "month").points[0]
        b = relations_series(thick, "KOR", "JPN", "month").points[0]
    assert a.goldstein_mean == b.goldstein_mean == 6.0
    assert a.index is not None and b.index is not None
    assert a.index < b.index < 6.0  # shrinkage fades with evidence, bounded by the mean tone
    assert b.goldstein_sum == 10 * a.goldstein_sum  # the sum, by contrast, grows with coverage


def test_every_frequency_and_the_labels(store: Store) -> None:
    write_and_fuse(store, _events([(0, 0, True), (1, 40, False), (2, 400, True)]))
    for freq, first in [("day", "2019-01-01"), ("week", "2019-W01"), ("month", "2019-01"), ("quarter", "2019Q1"),
                        ("year", "2019")]:
        points = relations_series(store, "KOR", "JPN", freq).points
        assert points[0].period == first
        assert sum(p.events for p in points) == 3
        assert [p.period for p in points] == sorted({p.period for p in points})
    assert period_label(truncate_period(date(2019, 7, 4), "week"), "week") == "2019-W27"
    with pytest.raises(ValueError, match="freq"):
        relations_series(store, "KOR", "JPN", "fortnight")


def test_range_and_empty_dyads(store: Store) -> None:
    write_and_fuse(store, _events([(0, 0, True)]))
    assert relations_series(store, "USA", "CHN").points == ()
    bounded = relations_series(store, "KOR", "JPN", "month", start=date(2018, 11, 15), end=date(2019, 2, 1))
    assert [p.period for p in bounded.points] == ["2018-11", "2018-12", "2019-01", "2019-02"]
    assert [p.events for p in bounded.points] == [0, 0, 1, 0]


def test_metadata_names_the_versions(store: Store) -> None:
    write_and_fuse(store, _events([(0, 0, True)]))
    meta = relations_series(store, "KOR", "JPN").meta
    assert meta.schema_version == store.schema_version
    assert meta.versions == {"lexicon": ("test",)}
    assert meta.to_json()["index"] == "goldstein_sum / (events + prior_events)"


def test_dyad_series_keeps_its_shape_and_gains_day_and_week(store: Store) -> None:
    write_and_fuse(store, _events([(0, 0, True), (1, 3, False)]))
    assert [p.period for p in dyad_series(store, "KOR", "JPN", "day")] == [f"2019-01-0{d}" for d in range(1, 5)]
    [week] = dyad_series(store, "KOR", "JPN", "week")
    assert week.to_json() == {"period": "2019-W01", "events": 2, "goldstein_sum": -10.0, "goldstein_mean": -5.0,
                              "quad": {"1": 0, "2": 0, "3": 1, "4": 1}}


event_rows = st.lists(st.tuples(st.integers(0, len(CODES) - 1), st.integers(0, 800), st.booleans()),
                      min_size=1, max_size=25)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_rows)
def test_partitions_add_up_intervals_hold_and_runs_repeat(rows: list[tuple[int, int, bool]]) -> None:
    with memory_store() as store:
        write_and_fuse(store, _events(rows))
        by_freq = {freq: relations_series(store, "KOR", "JPN", freq, n_boot=200)
                   for freq in ("day", "week", "month", "quarter", "year")}
        again = relations_series(store, "KOR", "JPN", "month", n_boot=200)
        span = {"start": by_freq["month"].points[0].start, "end": by_freq["month"].points[-1].start}
        forward = relations_series(store, "KOR", "JPN", "month", "forward", n_boot=200, **span)
        backward = relations_series(store, "KOR", "JPN", "month", "backward", n_boot=200, **span)
    whole = by_freq["year"].points
    total_events = sum(p.events for p in whole)
    for freq, series in by_freq.items():
        points = series.points
        # the periods of every frequency partition the same events
        assert sum(p.events for p in points) == total_events, freq
        assert sum(p.goldstein_sum for p in points) == pytest.approx(sum(p.goldstein_sum for p in whole))
        for q in "1234":
            assert sum(p.quad[q] for p in points) == sum(p.quad[q] for p in whole)
        assert sorted(i for p in points for i in p.event_ids) == sorted(i for p in whole for i in p.event_ids)
        for p in points:
            if p.events == 0:  # empty periods are present, with no index
                assert p.index is None and p.ci_low is None and p.ci_high is None
            else:
                assert p.ci_low is not None and p.ci_high is not None and p.index is not None
                assert p.ci_low <= p.index <= p.ci_high
                assert sum(p.quad.values()) == p.events
    # months aggregate into quarters and years exactly
    months = by_freq["month"].points
    for coarse in ("quarter", "year"):
        for big in by_freq[coarse].points:
            inside = [p for p in months if truncate_period(p.start, coarse) == big.start]
            assert sum(p.events for p in inside) == big.events
            assert sum(p.goldstein_sum for p in inside) == pytest.approx(big.goldstein_sum)
    # the two directions partition the dyad
    for both, f, b in zip(months, forward.points, backward.points, strict=True):
        assert f.events + b.events == both.events
        assert f.goldstein_sum + b.goldstein_sum == pytest.approx(both.goldstein_sum)
    # consecutive periods, none missing
    assert all(q.start == next_period(p.start, "month") for p, q in itertools.pairwise(months))
    assert again.to_json() == by_freq["month"].to_json()
