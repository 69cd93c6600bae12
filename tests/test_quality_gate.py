"""Quality gate for the event coder: the dev gold set must score at least the pinned floors.

The floors live in tests/golden/floors.json next to the sha256 of the gold file they were measured on. A change
that lowers a score fails here; lowering a floor means editing that file (visible in review), and editing the gold
set means re-pinning its hash, so neither can happen silently.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from detente.evaluate import evaluate

GOLDEN = Path(__file__).parent / "golden"
pytestmark = pytest.mark.model


def _floors() -> dict:  # type: ignore[type-arg]
    return json.loads((GOLDEN / "floors.json").read_text(encoding="utf-8"))


def test_floors_belong_to_this_gold_file() -> None:
    digest = hashlib.sha256((GOLDEN / "dev.jsonl").read_bytes()).hexdigest()
    assert _floors()["gold_sha256"] == digest, "dev.jsonl changed: re-measure and re-pin tests/golden/floors.json"


def test_dev_gold_meets_the_floors(coder) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(GOLDEN / "dev.jsonl", coder)
    floors = _floors()["floors"]
    measured = {
        "triple_precision": report.triples.precision,
        "triple_recall": report.triples.recall,
        "triple_f1": report.triples.f1,
        "full_code_f1": report.full_code.f1,
        **{f"{name}_accuracy": report.accuracy(name) or 0.0 for name in ("date", "polarity", "modality", "cameo")},
    }
    below = {k: (round(measured[k], 4), v) for k, v in floors.items() if measured[k] + 1e-9 < v}
    assert not below, f"scores below their floors (measured, floor): {below}"
