"""Re-measure the gold sets and raise the quality-gate floors in tests/golden/floors.json.

Floors only go up. A floor goes down only when it is named on the command line (``set:name``, or ``name`` for
every set), so lowering one is a visible, reviewed decision:

    .venv/bin/python tests/golden/pin_floors.py                       # raise floors to the measured values
    .venv/bin/python tests/golden/pin_floors.py dev.jsonl:cameo_accuracy   # also let that one floor go down

holdout.jsonl is not gated: it is kept for measuring how the coder does on sentences nobody tuned it on.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from detente.config import load_settings
from detente.evaluate import evaluate
from detente.runners.pipeline import make_coder

GOLDEN = Path(__file__).parent
GATED = ("dev.jsonl", "heldout.jsonl", "probe3.jsonl", "probe4.jsonl", "probe5.jsonl")


def main(lowerable: set[str]) -> None:
    coder = make_coder(load_settings())
    floors_file = GOLDEN / "floors.json"
    old_sets = json.loads(floors_file.read_text(encoding="utf-8"))["gold_sets"]
    sets = {}
    for name in GATED:
        measured = evaluate(GOLDEN / name, coder).gated_scores()
        old = old_sets.get(name, {}).get("floors", {})
        floors = {}
        for key, value in measured.items():
            pinned = int(value * 100) / 100
            lower = key in lowerable or f"{name}:{key}" in lowerable
            floors[key] = pinned if lower else max(old.get(key, 0.0), pinned)
            if floors[key] != old.get(key):
                print(f"{name} {key}: {old.get(key)} -> {floors[key]} (measured {value:.4f})")
            elif pinned < old.get(key, 0.0):
                print(f"{name} {key}: measured {value:.4f} is BELOW its floor {old[key]} (name it to lower it)")
        digest = hashlib.sha256((GOLDEN / name).read_bytes()).hexdigest()
        sets[name] = {"sha256": digest, "floors": floors}
    floors_file.write_text(json.dumps({"measured_with": "detente eval", "gold_sets": sets}, indent=2) + "\n",
                           encoding="utf-8")


if __name__ == "__main__":
    main(set(sys.argv[1:]))
