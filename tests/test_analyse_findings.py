"""Findings on hand-built dyads: lowest/highest since, turning points with their events, response chains and
reciprocity."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pytest

from conftest import make_event, write_and_fuse
from detente.analyse.findings import (
    change_points,
    extreme_since,
    human_period,
    penalty,
    reciprocity,
    response_chains,
    turning_points,
)
from detente.analyse.index import relations_series
from detente.records import Evidence
from detente.store import Store

# fusion weighs events from the packaged scale, so each tone is written as a code that carries it
CODE_FOR = {8.0: ("057", 1), 7.0: ("064", 2), 4.0: ("036", 1), 3.0: ("020", 1), 1.9: ("042", 1), 1.0: ("040", 1),
            -2.0: ("111", 3), -4.0: ("160", 4), -6.5: ("143", 4), -7.2: ("150", 4), -8.0: ("163", 4)}


def _ev(i: int, source: str, day: date, tone: float, cameo: str | None = None):  # type: ignore[no-untyped-def]
    target = "JPN" if source == "KOR" else "KOR"
    code, quad = CODE_FOR[tone]
    return make_event(f"e{i}", source, target, cameo or code, tone, quad, day, article_id=f"a{i}")


def _monthly(store: Store, tones: list[float | None], per_month: int = 3) -> None:
    """Months from Jan 2017, each with ``per_month`` KOR->JPN events of the given Goldstein (None: no events)."""
    events, i = [], 0
    for m, tone in enumerate(tones):
        if tone is None:
            continue
        for k in range(per_month):
            events.append(_ev(i, "KOR", date(2017 + m // 12, m % 12 + 1, 1 + 9 * k), tone))
            i += 1
    write_and_fuse(store, events)


def test_lowest_since_the_start_and_since_a_period(store: Store) -> None:
    _monthly(store, [3.0, -2.0, None, 4.0, -2.0, -8.0, 4.0, -4.0])
    series = relations_series(store, "KOR", "JPN", "month")
    low = extreme_since(series, "2017-06")
    assert low is not None and low.since is None and low.certain
    assert low.sentence == "KOR–JPN in Jun 2017: lowest since at least Jan 2017 (the start of the data)"
    latest = extreme_since(series)  # the latest period with events, Aug 2017 (-2.4): lowest since Jun (-4.8)
    assert latest is not None and latest.period == "2017-08" and latest.since == "2017-06"
    assert latest.sentence.endswith("lowest since Jun 2017")
    high = extreme_since(series, "2017-04", kind="high")
    # Jan's 1.8 lies inside Apr's interval (three events are thin evidence): not clearly the highest
    assert high is not None and high.close == ("2017-01",)
    assert high.sentence == "KOR–JPN in Apr 2017: among the highest since at least Jan 2017 (the start of the data)"
    with pytest.raises(ValueError, match="no events"):
        extreme_since(series, "2017-03")


def test_among_the_lowest_when_the_interval_reaches_an_earlier_low(store: Store) -> None:
    # Feb: three events at -2 (index -1.2); May: -8, +7, -8 (index -1.8, a wide interval): lower, not clearly
    write_and_fuse(store, [_ev(1, "KOR", date(2017, 2, 1), -2.0), _ev(2, "KOR", date(2017, 2, 10), -2.0),
                           _ev(3, "KOR", date(2017, 2, 20), -2.0), _ev(4, "KOR", date(2017, 5, 3), -8.0),
                           _ev(5, "JPN", date(2017, 5, 9), 7.0), _ev(6, "JPN", date(2017, 5, 20), -8.0)])
    series = relations_series(store, "KOR", "JPN", "month")
    finding = extreme_since(series, "2017-05")
    assert finding is not None and not finding.certain and finding.close == ("2017-02",)
    assert "among the lowest since at least Feb 2017" in finding.sentence


def test_human_periods() -> None:
    assert human_period(date(2019, 8, 1), "month") == "Aug 2019"
    assert human_period(date(2019, 7, 1), "quarter") == "2019 Q3"
    assert human_period(date(2019, 8, 5), "week") == "week of 5 Aug 2019"
    assert human_period(date(2019, 8, 5), "day") == "5 Aug 2019"


def test_penalty_rule_and_a_clear_step() -> None:
    values = np.array([2.0] * 12 + [-3.0] * 12)
    weights = np.full(24, 5.0)
    assert penalty(values, weights) == pytest.approx(np.log(24) * 5.0 * 6.25)
    [change] = change_points(values, weights)
    assert change.at == 12 and change.size == pytest.approx(-5.0)
    assert change_points(np.zeros(10), np.ones(10)) == []  # a flat series has no turning point


def test_turning_points_carry_the_events_that_moved_them(store: Store) -> None:
    _monthly(store, [4.0] * 8 + [-8.0] * 8)
    series = relations_series(store, "KOR", "JPN", "month")
    [turn] = turning_points(store, series)
    assert turn.period == "2017-09" and turn.direction == "down" and turn.size < 0
    assert len(turn.events) == 3
    assert all(e["goldstein"] == -8.0 and e["effect"] > 0 for e in turn.events)  # type: ignore[operator]
    assert turn.to_json()["date"] == "2017-09-01"


def _chain_story(store: Store) -> None:
    write_and_fuse(store, [
        _ev(1, "KOR", date(2018, 10, 30), -2.0, "116"),  # ruling
        _ev(2, "JPN", date(2018, 11, 20), -8.0),  # curbs, answering it
        _ev(3, "KOR", date(2018, 12, 10), -4.0),  # pact ended, answering the curbs
        _ev(4, "JPN", date(2019, 6, 1), 8.0),  # a deal months later: outside the window
        _ev(5, "KOR", date(2019, 6, 20), 8.0),  # reciprocated
        _ev(6, "KOR", date(2019, 6, 25), -2.0),  # a conflict after cooperation: not a reply
    ])


def test_response_chains_link_retaliation_and_reciprocation(store: Store) -> None:
    _chain_story(store)
    chains = response_chains(store, "KOR", "JPN")
    assert [[e["cameo"] for e in c.events] for c in chains] == [["116", "163", "160"], ["057", "057"]]
    first, second = chains
    assert [link.kind for link in first.links] == ["retaliation", "retaliation"]
    assert second.links[0].kind == "reciprocation"
    link = first.links[0]
    assert link.lag_days == 21 and 0 < link.score < 1
    assert link.first["source_country"] == "KOR" and link.reply["source_country"] == "JPN"
    assert {"occurred_start", "cameo", "sentence", "goldstein"} <= set(link.to_json()["first"])  # type: ignore[arg-type]
    assert response_chains(store, "KOR", "JPN", window_days=10) == []


def test_one_joint_act_coded_both_ways_is_not_a_reply(store: Store) -> None:
    # the same sentence of one article coded as KOR->JPN and JPN->KOR (e.g. "the two signed a pact")
    write_and_fuse(store, [make_event("e1", "KOR", "JPN", "057", 8.0, 1, date(2016, 11, 23), article_id="a1"),
                           make_event("e2", "JPN", "KOR", "057", 8.0, 1, date(2016, 11, 23), article_id="a1")])
    assert response_chains(store, "KOR", "JPN") == []


def test_two_acts_told_in_one_sentence_can_reply(store: Store) -> None:
    # "Japan lodged a protest over a ruling ordering its firm to pay": one sentence, two words, two acts
    ruling = make_event("e1", "KOR", "JPN", "116", -4.0, 3, date(2018, 10, 30), article_id="a1")
    protest = dataclasses.replace(make_event("e2", "JPN", "KOR", "114", -2.0, 3, date(2018, 10, 30), article_id="a1"),
                                  evidence=Evidence("a1", 0, (0, 10), (6, 12), "Japan acted."))
    write_and_fuse(store, [ruling, protest])
    chains = response_chains(store, "KOR", "JPN")
    assert [[e["cameo"] for e in c.events] for c in chains] == [["116", "114"]]


def test_reciprocity_finds_the_lag(store: Store) -> None:
    tones = [3.0, -4.0, 8.0, -2.0, -8.0, 4.0, 1.0, -6.5, 1.9, -7.2, 7.0, -2.0]
    events = []
    for m, tone in enumerate(tones):  # JPN answers KOR two months later, in kind
        events.append(_ev(m, "KOR", date(2018, m + 1, 5), tone))
        answer = date(2018 + (m + 2) // 12, (m + 2) % 12 + 1, 15)
        events.append(_ev(100 + m, "JPN", answer, tone))
    write_and_fuse(store, events)
    result = reciprocity(store, "KOR", "JPN")
    assert result.best_lag == 2 and result.best_correlation == pytest.approx(1.0)
    assert set(result.by_lag) == set(range(7))
    assert reciprocity(store, "USA", "CHN").best_lag is None
