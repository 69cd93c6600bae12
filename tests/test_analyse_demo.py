"""What the analytics must show on the bundled demo corpus (ingested once for the module).

The demo README gives the expected story: KOR–JPN conflictual from Oct 2018 through Nov 2019, worst in the
summer of 2019, a thaw in 2022 and clearly cooperative in 2023. A test that fails here usually fails because the
coder misses or miscodes a demo sentence, named in its reason, not because of the analytics.
"""

from __future__ import annotations

from datetime import date

import pytest

from detente.analyse.findings import extreme_since, response_chains, turning_points
from detente.analyse.index import relations_series
from detente.analyse.triad import triad
from detente.store import Store

pytestmark = pytest.mark.model


def test_kor_jpn_is_lowest_in_the_2019_dispute(demo: Store) -> None:
    series = relations_series(demo, "KOR", "JPN", "month")
    lowest = min((p for p in series.points if p.index is not None), key=lambda p: (p.index, p.period))
    assert "2019-07" <= lowest.period <= "2019-11", lowest
    finding = extreme_since(series, lowest.period)
    assert finding is not None and finding.since is None
    assert finding.sentence.startswith(f"KOR–JPN in {lowest.start:%b %Y}: ")
    assert "lowest since at least Dec 2015 (the start of the data)" in finding.sentence
    assert series.meta.versions.keys() >= {"lexicon", "scale"}


def test_kor_jpn_turns_down_in_mid_2019_and_up_by_2023(demo: Store) -> None:
    series = relations_series(demo, "KOR", "JPN", "month")
    turns = turning_points(demo, series)
    down = [t for t in turns if t.direction == "down" and date(2019, 5, 1) <= t.start <= date(2019, 9, 30)]
    up = [t for t in turns if t.direction == "up" and date(2022, 9, 1) <= t.start <= date(2023, 12, 31)]
    assert down and up, [(t.period, t.direction) for t in turns]
    assert any(e["cameo"] == "163" for e in down[0].events)  # the export curbs explain the fall


def _is_ruling(e: dict[str, object]) -> bool:
    when = e["occurred_start"]
    return (e["source_country"] == "KOR" and e["cameo"] == "116" and isinstance(when, date)
            and date(2018, 10, 1) <= when <= date(2018, 11, 30))


def _is_export_curb(e: dict[str, object], first: date, last: date) -> bool:
    when = e["occurred_start"]
    return (e["source_country"] == "JPN" and str(e["cameo"]).startswith("16") and isinstance(when, date)
            and first <= when <= last)


def _is_gsomia_end(e: dict[str, object]) -> bool:
    when = e["occurred_start"]
    return (e["source_country"] == "KOR" and isinstance(when, date) and date(2019, 8, 1) <= when <= date(2019, 8, 31)
            and "intelligence-sharing pact" in str(e["sentence"]))


def _in_order(events: tuple[dict[str, object], ...], *checks) -> bool:  # type: ignore[no-untyped-def]
    at = 0
    for check in checks:
        while at < len(events) and not check(events[at]):
            at += 1
        if at == len(events):
            return False
        at += 1
    return True


# The ruling (Oct/Nov 2018) and the curbs (Jul 2019) are eight months apart, beyond the 90-day default window.
YEAR = 365


def test_chain_ruling_then_july_curbs_then_gsomia(demo: Store) -> None:
    chains = response_chains(demo, "KOR", "JPN", window_days=YEAR)
    assert any(_in_order(c.events, _is_ruling,
                         lambda e: _is_export_curb(e, date(2019, 7, 1), date(2019, 7, 31)), _is_gsomia_end)
               for c in chains)


def test_chain_ruling_then_export_controls_then_gsomia(demo: Store) -> None:
    """The same story through the second export-control step (the Aug 2019 white-list removal)."""
    chains = response_chains(demo, "KOR", "JPN", window_days=YEAR)
    found = [c for c in chains if _in_order(c.events, _is_ruling,
                                            lambda e: _is_export_curb(e, date(2019, 7, 1), date(2019, 8, 21)),
                                            _is_gsomia_end)]
    assert found
    assert all(link.kind == "retaliation" for link in found[0].links)
    assert response_chains(demo, "KOR", "JPN", window_days=YEAR) == chains  # the same store, the same chains


def test_triad_cohesion_falls_in_2019_and_recovers_in_2023(demo: Store) -> None:
    result = triad(demo, "USA", "KOR", "JPN", "quarter")
    scored = [p for p in result.points if p.cohesion is not None]
    lowest = min(scored, key=lambda p: (p.cohesion, p.period))
    assert lowest.start.year == 2019 and lowest.weakest == "KOR–JPN"
    recent = [p for p in scored if p.start.year == 2023]
    assert recent and all(p.cohesion is not None and p.cohesion >= 0.0 > lowest.cohesion for p in recent)  # type: ignore[operator]
    assert any(t.direction == "down" and t.driver == "KOR–JPN" and t.start <= date(2019, 9, 30)
               for t in result.turning_points)


def test_triad_is_balanced_and_cohesive_in_2023(demo: Store) -> None:
    result = triad(demo, "USA", "KOR", "JPN", "year")
    [year] = [p for p in result.points if p.period == "2023"]
    assert year.balance == "+" and year.cohesion is not None and year.cohesion > 0
