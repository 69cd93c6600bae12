"""The DuckDB store (idempotent batch writes, clear errors) and dyad series aggregation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_event, write_and_fuse
from detente.analyse.series import dyad_series
from detente.errors import StoreBusyError, StoreError
from detente.records import Modality, Polarity, Rejected
from detente.store import Store, open_store


def test_writes_are_idempotent(store: Store) -> None:
    events = [make_event("e1"), make_event("e2", source="KOR", target="JPN", cameo="111", goldstein=-2.0, quad=3)]
    rejects = [Rejected("x.bin", "ingest", "binary", "binary data")]
    store.write([], events, rejects)
    store.write([], events, rejects)
    assert store.counts() == {"articles": 0, "events": 2, "rejects": 1, "fused_events": 0}


def test_writes_on_the_calling_thread_then_restores_the_thread_count(store: Store) -> None:
    threads = store.con.execute("SELECT current_setting('threads')").fetchall()
    with store.on_calling_thread():
        assert store.con.execute("SELECT current_setting('threads')").fetchall() == [(1,)]
        store.write([], [make_event("e1")], [])
    assert store.con.execute("SELECT current_setting('threads')").fetchall() == threads
    assert store.counts()["events"] == 1


def test_series_fills_empty_months_and_counts_quads(store: Store) -> None:
    write_and_fuse(store, [
        make_event("e1", day=date(2019, 7, 4)),
        make_event("e2", day=date(2019, 9, 1), source="KOR", target="JPN", cameo="057", goldstein=8.0, quad=1,
                   article_id="a2"),
    ])
    periods = dyad_series(store, "KOR", "JPN", "month")
    assert [p.period for p in periods] == ["2019-07", "2019-08", "2019-09"]
    assert [p.events for p in periods] == [1, 0, 1]
    assert periods[1].goldstein_mean is None and periods[1].to_json()["goldstein_mean"] is None
    assert periods[0].to_json() == {
        "period": "2019-07",
        "events": 1,
        "goldstein_sum": -8.0,
        "goldstein_mean": -8.0,
        "quad": {"1": 0, "2": 0, "3": 0, "4": 1},
    }
    assert [p.period for p in dyad_series(store, "KOR", "JPN", "quarter")] == ["2019Q3"]
    assert dyad_series(store, "KOR", "JPN", "month", "forward")[-1].events == 1


def test_negated_and_hypothetical_events_are_not_counted(store: Store) -> None:
    write_and_fuse(store, [
        make_event("e1"),
        make_event("e2", polarity=Polarity.NEGATED, article_id="a2"),
        make_event("e3", modality=Modality.HYPOTHETICAL, article_id="a3"),
    ])
    [period] = dyad_series(store, "JPN", "KOR")
    assert period.events == 1 and len(period.event_ids) == 1


def test_other_dyads_do_not_leak(store: Store) -> None:
    write_and_fuse(store, [make_event("e1"), make_event("e2", source="USA", target="KOR", article_id="a2")])
    assert sum(p.events for p in dyad_series(store, "KOR", "JPN")) == 1


def test_reopening_keeps_data(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as first:
        first.write([], [make_event()], [])
    with open_store(tmp_path / "s.duckdb", read_only=True) as again:
        assert again.counts()["events"] == 1


def test_missing_store_for_reading_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


def test_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError):
        open_store(bogus)


def test_busy_store_is_reported(tmp_path: Path) -> None:
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "busy.duckdb"
    open_store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(path)!r})
        print("locked", flush=True)
        time.sleep(20)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreBusyError, match="in use by another process"):
            open_store(path)
    finally:
        holder.kill()


_days = st.dates(min_value=date(2015, 1, 1), max_value=date(2023, 12, 31))
_event_specs = st.lists(
    st.tuples(
        _days,
        st.sampled_from([("163", -8.0, 4), ("057", 8.0, 1), ("111", -2.0, 3), ("042", 1.9, 1), ("061", 6.4, 2)]),
        st.booleans(),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=_event_specs)
def test_months_sum_to_quarters_and_years(tmp_path_factory: pytest.TempPathFactory, specs: list) -> None:  # type: ignore[type-arg]
    """Aggregates over a partition of time (months) add up to the aggregate of the whole (quarters, years)."""
    events = [make_event(f"e{i}", source="JPN" if fwd else "KOR", target="KOR" if fwd else "JPN", cameo=code,
                         goldstein=g, quad=q, day=day, article_id=f"a{i}")
              for i, (day, (code, g, q), fwd) in enumerate(specs)]
    with open_store(tmp_path_factory.mktemp("part") / "p.duckdb") as opened:
        write_and_fuse(opened, events)
        series = {freq: dyad_series(opened, "KOR", "JPN", freq) for freq in ("month", "quarter", "year")}
        fused = opened.counts()["fused_events"]
    for coarse in ("quarter", "year"):
        for period in series[coarse]:
            parts = [p for p in series["month"] if p.period.startswith(period.period[:4])
                     and (coarse == "year" or (int(p.period[5:7]) - 1) // 3 + 1 == int(period.period[-1]))]
            assert period.events == sum(p.events for p in parts)
            assert period.goldstein_sum == pytest.approx(sum(p.goldstein_sum for p in parts))
            assert [period.quad[k] for k in "1234"] == [sum(p.quad[k] for p in parts) for k in "1234"]
            assert set(period.event_ids) == {i for p in parts for i in p.event_ids}
    assert sum(p.events for p in series["year"]) == fused <= len(events)
