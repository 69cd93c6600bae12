"""Triads on hand-built events: legs on one calendar, cohesion as the weakest leg, structural balance, and the
leg that drove a turning point."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import make_event, write_and_fuse
from detente.analyse.triad import triad
from detente.store import Store


def _leg(i: int, source: str, target: str, day: date, gold: float):  # type: ignore[no-untyped-def]
    cameo, quad = ("057", 1) if gold > 0 else ("163", 4)
    return make_event(f"t{i}", source, target, cameo, gold, quad, day, article_id=f"a{i}")


def test_cohesion_is_the_weakest_leg_and_balance_the_sign_product(store: Store) -> None:
    write_and_fuse(store, [
        _leg(1, "USA", "KOR", date(2019, 1, 5), 6.0), _leg(2, "USA", "JPN", date(2019, 1, 6), 4.0),
        _leg(3, "KOR", "JPN", date(2019, 1, 7), -8.0),  # Q1: two friendly legs, one hostile -> unbalanced
        _leg(4, "USA", "KOR", date(2019, 4, 5), 6.0),  # Q2: one leg only
        _leg(5, "USA", "KOR", date(2019, 10, 5), -6.0), _leg(6, "USA", "JPN", date(2019, 10, 6), 4.0),
        _leg(7, "KOR", "JPN", date(2019, 10, 7), -8.0),  # Q4: two hostile, one friendly -> balanced
    ])
    result = triad(store, "USA", "KOR", "JPN", "quarter")
    q1, q2, q3, q4 = result.points
    assert list(result.legs) == ["USA–KOR", "USA–JPN", "KOR–JPN"]
    assert q1.cohesion == pytest.approx(-8.0 / 3) and q1.weakest == "KOR–JPN" and q1.balance == "-"
    assert q2.cohesion == 0.0 and q2.balance is None  # silent legs count as neutral; no sign without them
    assert q3.cohesion is None and q3.balance is None and q3.to_json()["legs"] == dict.fromkeys(result.legs)
    assert q4.balance == "+"
    assert all(len(series["both"].points) == 4 for series in result.legs.values())
    with pytest.raises(ValueError, match="three different"):
        triad(store, "USA", "KOR", "USA")


def test_turning_point_names_the_leg_that_moved(store: Store) -> None:
    events, i = [], 0
    for m in range(16):
        day = date(2018 + m // 12, m % 12 + 1, 3)
        for source, target, gold in (("USA", "KOR", 5.0), ("USA", "JPN", 5.0),
                                     ("KOR", "JPN", 4.0 if m < 8 else -7.0)):
            for k in range(3):
                events.append(_leg(i, source, target, date(day.year, day.month, 3 + 8 * k), gold))
                i += 1
    write_and_fuse(store, events)
    result = triad(store, "USA", "KOR", "JPN", "month", directions=("forward",))
    [turn] = result.turning_points
    assert turn.period == "2018-09" and turn.direction == "down" and turn.driver == "KOR–JPN"
    assert turn.leg_moves["KOR–JPN"] < turn.leg_moves["USA–KOR"]
    assert set(result.legs["KOR–JPN"]) == {"both", "forward"}
    assert triad(store, "USA", "KOR", "JPN", "month").to_json() == result.__class__.to_json(
        triad(store, "USA", "KOR", "JPN", "month"))
