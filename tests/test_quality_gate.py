"""Quality gate for the event coder: each gated gold set must score at least its pinned floors.

The floors live in tests/golden/floors.json, each set's next to the sha256 of the gold file they were measured on.
A change that lowers a score fails here; lowering a floor means editing that file (visible in review), and editing
a gold set means re-pinning its hash, so neither can happen silently (tests/golden/pin_floors.py re-measures).
holdout.jsonl is deliberately not gated: it measures the coder on sentences nobody tuned it on.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from detente.evaluate import evaluate

GOLDEN = Path(__file__).parent / "golden"
pytestmark = pytest.mark.model


def _sets() -> dict:  # type: ignore[type-arg]
    return json.loads((GOLDEN / "floors.json").read_text(encoding="utf-8"))["gold_sets"]


GATED = sorted(_sets())


def test_every_tuning_set_is_gated_and_holdout_is_not() -> None:
    tuned = {p.name for p in GOLDEN.glob("*.jsonl")} - {"holdout.jsonl"}
    assert tuned <= set(_sets()), f"gold sets without floors: {sorted(tuned - set(_sets()))}"
    assert "holdout.jsonl" not in _sets()


@pytest.mark.parametrize("name", GATED)
def test_floors_belong_to_this_gold_file(name: str) -> None:
    digest = hashlib.sha256((GOLDEN / name).read_bytes()).hexdigest()
    assert _sets()[name]["sha256"] == digest, f"{name} changed: re-measure and re-pin tests/golden/floors.json"


@pytest.mark.parametrize("name", GATED)
def test_gold_meets_the_floors(coder, name: str) -> None:  # type: ignore[no-untyped-def]
    measured = evaluate(GOLDEN / name, coder).gated_scores()
    floors = _sets()[name]["floors"]
    below = {k: (round(measured[k], 4), v) for k, v in floors.items() if measured[k] + 1e-9 < v}
    assert not below, f"{name}: scores below their floors (measured, floor): {below}"
