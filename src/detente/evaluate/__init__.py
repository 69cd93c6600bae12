"""Scoring the coder against gold sentences.

Gold lines: ``{"id", "published", "text", "outlet_country"?, "events": [{"source", "source_sector", "target",
"target_sector", "cameo", "date", "polarity", "modality"}], "tags"?: [...]}``. Events are matched per sentence on
(source country, target country, CAMEO root); precision/recall/F1 are computed on those triples, then among
matched events the accuracy of the full code, sectors, polarity, modality and date (at the gold's precision), and
F1 per tagged phenomenon and per root.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from detente.api import article_from_text, parse_published
from detente.errors import InputPathError
from detente.records import Event


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str
    target: str
    cameo: str
    source_sector: str | None = None
    target_sector: str | None = None
    date: str | None = None
    polarity: str = "asserted"
    modality: str = "actual"

    @property
    def triple(self) -> tuple[str, str, str]:
        return self.source, self.target, self.cameo[:2]


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    text: str
    published: str | None
    outlet_country: str | None
    events: tuple[GoldEvent, ...]
    tags: tuple[str, ...] = ()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    sentences: int = 0
    triples: Counts = field(default_factory=Counts)
    full_code: Counts = field(default_factory=Counts)
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, compared]
    by_tag: dict[str, Counts] = field(default_factory=dict)
    by_root: dict[str, Counts] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def accuracy(self, name: str) -> float | None:
        correct, total = self.attributes.get(name, [0, 0])
        return correct / total if total else None

    def gated_scores(self) -> dict[str, float]:
        """The scores the quality gate pins floors for (tests/golden/floors.json)."""
        return {
            "triple_precision": self.triples.precision,
            "triple_recall": self.triples.recall,
            "triple_f1": self.triples.f1,
            "full_code_f1": self.full_code.f1,
            **{f"{name}_accuracy": self.accuracy(name) or 0.0 for name in ("date", "polarity", "modality", "cameo")},
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "triples": self.triples.to_json(),
            "full_code": self.full_code.to_json(),
            "accuracy_among_matches": {name: {"accuracy": round(c / t, 4) if t else None, "compared": t}
                                       for name, (c, t) in sorted(self.attributes.items())},
            "by_tag": {tag: c.to_json() for tag, c in sorted(self.by_tag.items())},
            "by_root": {root: c.to_json() for root, c in sorted(self.by_root.items())},
        }


def read_gold(path: Path) -> list[GoldItem]:
    if not path.is_file():
        raise InputPathError(f"no such gold file: {path}")
    items = []
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = orjson.loads(line)
            events = tuple(GoldEvent(e["source"], e["target"], str(e["cameo"]), e.get("source_sector"),
                                     e.get("target_sector"), e.get("date"), e.get("polarity", "asserted"),
                                     e.get("modality", "actual")) for e in raw.get("events", []))
            items.append(GoldItem(str(raw.get("id", number)), raw["text"], raw.get("published"),
                                  raw.get("outlet_country"), events, tuple(raw.get("tags", []))))
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputPathError(f"{path}:{number}: not a gold line: {exc}") from exc
    return items


def _multiset_counts(gold: Sequence[tuple[str, ...]], found: Sequence[tuple[str, ...]]) -> tuple[int, int, int]:
    g, f = Counter(gold), Counter(found)
    tp = sum((g & f).values())
    return tp, sum(f.values()) - tp, sum(g.values()) - tp


def _date_matches(gold: str, event: Event) -> bool:
    start = event.occurred.start
    return start is not None and start.isoformat()[:len(gold)] == gold


def _align(gold: Sequence[GoldEvent], found: Sequence[Event]) -> Iterator[tuple[GoldEvent, Event]]:
    """Pairs of gold and found events with the same triple, preferring the same full code."""
    pool = list(found)
    for g in gold:
        same = [e for e in pool if (e.source.country, e.target.country, e.root) == g.triple]
        if not same:
            continue
        best = next((e for e in same if e.cameo == g.cameo), same[0])
        pool.remove(best)
        yield g, best


def score(items: Iterable[GoldItem], found_by_id: dict[str, list[Event]]) -> Report:
    report = Report()
    for item in items:
        report.sentences += 1
        found = found_by_id.get(item.id, [])
        gold_triples = [g.triple for g in item.events]
        found_triples = [(e.source.country or "", e.target.country or "", e.root) for e in found]
        counts = _multiset_counts(gold_triples, found_triples)
        report.triples.add(*counts)
        report.full_code.add(*_multiset_counts([(*g.triple[:2], g.cameo) for g in item.events],
                                               [(*t[:2], e.cameo) for t, e in zip(found_triples, found, strict=True)]))
        for tag in item.tags:
            report.by_tag.setdefault(tag, Counts()).add(*counts)
        for root in {t[2] for t in gold_triples} | {t[2] for t in found_triples}:
            report.by_root.setdefault(root, Counts()).add(*_multiset_counts(
                [t for t in gold_triples if t[2] == root], [t for t in found_triples if t[2] == root]))
        for g, e in _align(item.events, found):
            checks = {"cameo": g.cameo == e.cameo, "source_sector": g.source_sector == e.source.sector,
                      "target_sector": g.target_sector == e.target.sector, "polarity": g.polarity == e.polarity.value,
                      "modality": g.modality == e.modality.value}
            if g.date:
                checks["date"] = _date_matches(g.date, e)
            for name, ok in checks.items():
                tally = report.attributes.setdefault(name, [0, 0])
                tally[0] += int(ok)
                tally[1] += 1
        if counts[1] or counts[2]:
            report.errors.append({"id": item.id, "text": item.text, "gold": sorted(map(list, gold_triples)),
                                  "found": sorted(map(list, found_triples))})
    return report


def code_gold(items: Sequence[GoldItem], coder: Any) -> dict[str, list[Event]]:
    """Run the coder over each gold sentence, with its publication date and outlet country."""
    out: dict[str, list[Event]] = {}
    for item in items:
        published = parse_published(item.published, coder.settings.default_zone)
        article = article_from_text(item.text, published, input_ref=f"gold:{item.id}")
        out[item.id] = coder.code_article(article, outlet_country=item.outlet_country)
    return out


def evaluate(path: Path, coder: Any) -> Report:
    items = read_gold(path)
    return score(items, code_gold(items, coder))
