"""Fusion through the ingest path: one real-world event across outlets and years, order-independence, and the
demo series not spiking in months whose stories only recall 2019."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from detente.analyse.series import dyad_events, dyad_series
from detente.config import DATA_DIR
from detente.runners.pipeline import ingest
from detente.store import open_store

FUSION = Path(__file__).parent / "fixtures" / "fusion"
pytestmark = pytest.mark.model


def _fused_rows(db: Path) -> list[tuple]:  # type: ignore[type-arg]
    with open_store(db, read_only=True) as store:
        return store.con.execute(
            "SELECT fused_id, source_country, target_country, cameo, occurred_start, occurred_end, mentions, "
            "n_articles, n_sources, outlets FROM fused_events ORDER BY fused_id").fetchall()


def test_one_event_reported_twice_and_recalled_a_year_later(coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "f.duckdb") as store:
        summary = ingest(sorted(FUSION.glob("*.txt")), store, coder)
        assert summary.processed == 3
        sanctions = [r for r in dyad_events(store, "JPN", "KOR", "occurred_start ASC", 50) if r["root"] == "16"]
    assert len(sanctions) == 1, sanctions
    [event] = sanctions
    assert event["source_country"] == "JPN" and event["target_country"] == "KOR"
    assert event["occurred_start"] == date(2019, 7, 4)  # the most precise date any mention gives
    assert event["n_articles"] == 3 and event["n_sources"] == 3
    assert sorted(event["outlets"]) == ["AP", "Kyodo", "Yonhap"]
    assert len(event["mentions"]) == 3
    assert event["first_reported"].year == 2019 and event["last_reported"].year == 2020


def test_ingest_order_does_not_change_fused_events(coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = sorted((DATA_DIR / "demo" / "articles").glob("*.txt"))
    forward, backward = tmp_path / "forward.duckdb", tmp_path / "backward.duckdb"
    with open_store(forward) as store:
        for path in files:
            ingest([path], store, coder)
    with open_store(backward) as store:
        for path in reversed(files):
            ingest([path], store, coder)
    assert _fused_rows(forward) == _fused_rows(backward)
    assert len(_fused_rows(forward)) > 50


def test_republished_story_adds_sources_not_events(coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo = DATA_DIR / "demo" / "articles"
    original = demo / "24_2019-08-23_us-disappointed-gsomia.txt"
    copy = demo / "25_2019-08-23_us-disappointed-gsomia-republished.txt"
    alone, both = tmp_path / "alone", tmp_path / "both"
    alone.mkdir()
    both.mkdir()
    shutil.copy(original, alone)
    shutil.copy(original, both)
    shutil.copy(copy, both)
    with open_store(tmp_path / "a.duckdb") as store:
        ingest([alone / original.name], store, coder)
        single = store.counts()["fused_events"]
    with open_store(tmp_path / "b.duckdb") as store:
        ingest(sorted(both.iterdir()), store, coder)
        assert store.counts()["fused_events"] == single
        clusters = store.con.execute("SELECT count(DISTINCT near_duplicate_of) FROM articles").fetchall()[0][0]
        assert clusters == 1
        multi = store.con.execute("SELECT max(n_sources) FROM fused_events").fetchall()[0][0]
        assert multi == 2


def test_demo_series_has_no_spikes_in_months_that_only_recall_2019(coder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "demo.duckdb") as store:
        ingest(sorted((DATA_DIR / "demo" / "articles").glob("*.txt")), store, coder)
        series = {p.period: p for p in dyad_series(store, "KOR", "JPN", "month")}
    # 2020-07 and 2021-10 stories look back at the 2019 export curbs and the GSOMIA row; nothing new happened.
    for month in ("2020-07", "2021-10"):
        assert series[month].goldstein_sum > -4.0, (month, series[month])
    low = min(series.values(), key=lambda p: p.goldstein_sum)
    assert low.period.startswith("2019"), low
