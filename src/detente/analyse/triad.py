"""Triads: three countries in, their three legs' relations series, a cohesion index, structural balance and
the cohesion's turning points out.

- Legs: (a, b), (a, c), (b, c), each a relations series counting both directions (``directions`` adds the
  one-way series), all on the same periods, from one pass over the store (``relations_legs``).
- Cohesion: the weakest leg's index, an empty leg counting as 0 (the index formula's value for a leg with no
  events, neutral). A triangle is only as close as its worst pair; averaging would let two warm legs hide a
  hostile one. None only when all three legs are empty.
- Balance: the product of the three legs' signs (Heider): "+" balanced (all friendly, or two hostile legs and one
  friendly), "-" unbalanced; None when a leg is empty or exactly neutral.
- Turning points of the cohesion series (same rule as a dyad's, weighted by the weakest leg's evidence), each
  with the leg whose index moved most in the direction of the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from detente.analyse.findings import PENALTY_K, change_points
from detente.analyse.index import COUNTED, N_BOOT, PRIOR_EVENTS, RelationsSeries, relations_legs
from detente.analyse.series import Direction
from detente.store import Store


@dataclass(frozen=True, slots=True)
class TriadPoint:
    period: str
    start: date
    legs: dict[str, float | None]  # "KOR–JPN" -> index (None: no events)
    cohesion: float | None
    weakest: str | None
    balance: Literal["+", "-"] | None

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "legs": {k: None if v is None else round(v, 3) for k, v in self.legs.items()},
                "cohesion": None if self.cohesion is None else round(self.cohesion, 3), "weakest": self.weakest,
                "balance": self.balance}


@dataclass(frozen=True, slots=True)
class TriadTurn:
    """A turning point of the cohesion series and how much each leg's level moved across it."""

    period: str
    start: date
    direction: Literal["up", "down"]
    size: float
    leg_moves: dict[str, float]  # leg -> change of its local mean index (after - before)
    driver: str  # the leg that moved most in the direction of the change

    def to_json(self) -> dict[str, object]:
        return {"period": self.period, "date": self.start.isoformat(), "direction": self.direction,
                "size": round(self.size, 3), "leg_moves": {k: round(v, 3) for k, v in self.leg_moves.items()},
                "driver": self.driver}


@dataclass(frozen=True, slots=True)
class Triad:
    countries: tuple[str, str, str]
    freq: str
    legs: dict[str, dict[str, RelationsSeries]]  # "KOR–JPN" -> {"both" (and any asked direction): series}
    points: tuple[TriadPoint, ...]
    turning_points: tuple[TriadTurn, ...]

    def to_json(self) -> dict[str, object]:
        any_leg = next(iter(self.legs.values()))["both"]
        return {"countries": list(self.countries), "freq": self.freq, "meta": any_leg.meta.to_json(),
                "legs": {name: {d: [p.to_json() for p in s.points] for d, s in legs.items()}
                         for name, legs in self.legs.items()},
                "points": [p.to_json() for p in self.points],
                "turning_points": [t.to_json() for t in self.turning_points]}


def triad(store: Store, a: str, b: str, c: str, freq: str = "quarter", *, modalities: tuple[str, ...] = COUNTED,
          start: date | None = None, end: date | None = None, prior_events: float = PRIOR_EVENTS,
          n_boot: int = N_BOOT, seed: int = 0, k: float = PENALTY_K, with_ids: bool = False,
          directions: tuple[Direction, ...] = ("both",)) -> Triad:
    """The triad of a, b and c: legs, cohesion, balance per period and the cohesion's turning points.

    Legs carry fused ids only with ``with_ids`` (three series of ids are rarely wanted with a triad);
    ``directions`` may add "forward" and "backward" leg series (cohesion always uses "both")."""
    countries = (a, b, c)
    if len(set(countries)) != 3:
        raise ValueError("a triad needs three different countries")
    pairs = relations_legs(store, list(countries), freq, modalities=modalities, start=start, end=end,
                           prior_events=prior_events, n_boot=n_boot, seed=seed, with_ids=with_ids,
                           directions=tuple(dict.fromkeys(("both", *directions))))
    legs = {f"{x}–{y}": series for (x, y), series in pairs.items()}
    names = list(legs)
    both = [legs[name]["both"].points for name in names]
    points = []
    for i, first in enumerate(both[0]):
        values = {name: series[i].index for name, series in zip(names, both, strict=True)}
        points.append(_point(first.period, first.start, values))
    turns = _turns(points, names, [[p.events for p in s] for s in both], prior_events, k)
    return Triad(countries, freq, legs, tuple(points), tuple(turns))


def _point(period: str, start: date, values: dict[str, float | None]) -> TriadPoint:
    if all(v is None for v in values.values()):
        return TriadPoint(period, start, values, None, None, None)
    filled = {name: 0.0 if v is None else v for name, v in values.items()}
    weakest = min(filled, key=lambda name: (filled[name], name))
    balance: Literal["+", "-"] | None = None
    if all(v is not None and v != 0.0 for v in values.values()):
        balance = "+" if np.prod(np.sign(list(filled.values()))) > 0 else "-"
    return TriadPoint(period, start, values, filled[weakest], weakest, balance)


def _turns(points: list[TriadPoint], names: list[str], events: list[list[int]], prior_events: float, k: float
           ) -> list[TriadTurn]:
    cohesion = np.array([0.0 if p.cohesion is None else p.cohesion for p in points])
    legs = {name: np.array([0.0 if p.legs[name] is None else p.legs[name] for p in points], dtype=float)
            for name in names}
    weight = np.array([(events[names.index(p.weakest)][i] if p.weakest else 0) + prior_events
                       for i, p in enumerate(points)], dtype=float)
    out = []
    for change in change_points(cohesion, weight, k):
        (b_lo, b_hi), (a_lo, a_hi) = change.before, change.after
        moves = {name: float(values[a_lo:a_hi].mean() - values[b_lo:b_hi].mean()) for name, values in legs.items()}
        sign = 1.0 if change.size > 0 else -1.0
        driver = max(names, key=lambda name: (sign * moves[name], name))
        point = points[change.at]
        out.append(TriadTurn(point.period, point.start, "up" if change.size > 0 else "down", change.size, moves,
                             driver))
    return out
