"""Reading the public reference sets into gold items, and scoring the coder against each.

In: one reference file — the PETRARCH-2 validation XML (``petr2``), the PLOVER gold-standard JSON (``plover``) or
the ConfliBERT CAMEO class TSV (``conflibert``). Out: ``GoldItem`` lists (plus what the scoring needs beyond them:
PLOVER triples, class labels) and one small report per set with ``to_json()`` and ``headline()``.

Conventions (docs/accuracy.md explains why):

* ``petr2`` — PETRARCH actor codes become (country, sector): ``GUYJUD`` -> ``GUY``/``JUD``, ``---REB`` -> unknown
  country (``""``)/``REB``, ``IGOUNOMIL`` -> ``IGO:UN``/``MIL``. Organisations are compared at the top of our
  lexicon's parent chain on both sides (``IGO:UNSC`` counts as ``IGO:UN``); our ``NGO:*`` and ``IMG:*`` count as
  PETRARCH's bare ``NGO`` and ``IMG`` heads. Scored with ``score()`` on (source
  country, target country, CAMEO root); "found" is recall, "spurious" is the share of our events not expected.
* ``plover`` — the 2016 categories are renamed to today's 16 types (``PLOVER_2016_TYPES``); compound actors expand
  to every (source, target) pair, reciprocal ones (``SRC/TAR``) both ways; a missing target is ``""``; any
  ``IGO:*`` and ``NGO:*`` of ours counts as the GSR's bare ``IGO`` (it codes Amnesty and the Red Cross so), any
  ``IMG:*`` as its ``IMG``; our events without a PLOVER type (CAMEO 01-02) are left out.
* ``conflibert`` — label = penta class of the CAMEO root (``PENTA_CLASS``); our prediction is the class of our most
  confident event (first in the text on a tie), or ``NO_EVENT_CLASS`` when we find none.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson

from detente.api import article_from_text, parse_published
from detente.errors import InputPathError
from detente.evaluate import Counts, GoldEvent, GoldItem, Report, _multiset_counts, read_gold, score
from detente.records import Actor, Event, Rejected

Triple = tuple[str, str, str]


class Dataset(StrEnum):
    gold = "gold"
    petr2 = "petr2"
    plover = "plover"
    conflibert = "conflibert"


# Where each reference file sits under the shared data folder.
REFERENCE_FILES: dict[Dataset, str] = {
    Dataset.petr2: "petrarch-validation/PETR2_GSR_validation.UniversalPetrarch.xml",
    Dataset.plover: "plover/PLOVER_GSR_CAMEO.json",
    Dataset.conflibert: "conflibert-cameo/cameo_class.test.tsv",
}


def _require_file(path: Path, what: str) -> None:
    if not path.is_file():
        raise InputPathError(f"no such {what} file: {path}")


def _recode_actor(actor: Actor, key: Callable[[str], str]) -> Actor:
    return dataclasses.replace(actor, country=key(actor.country or ""))


def recode_found(found_by_id: Mapping[str, list[Event]], key: Callable[[str], str]) -> dict[str, list[Event]]:
    """Our events with source and target countries passed through ``key`` (for comparing at a coarser level)."""
    return {item_id: [dataclasses.replace(e, source=_recode_actor(e.source, key), target=_recode_actor(e.target, key))
                      for e in events]
            for item_id, events in found_by_id.items()}


def _events_only(result: list[Event] | Rejected) -> list[Event]:
    return [] if isinstance(result, Rejected) else result


def triple_headline(sentences: int, triples: Counts) -> dict[str, float | int]:
    """Sentences, expected and found events, found % (recall), spurious % (1 - precision), P, R, F1."""
    t = triples
    return {"sentences": sentences, "expected": t.tp + t.fn, "ours": t.tp + t.fp, "found": t.recall,
            "spurious": t.fp / (t.tp + t.fp) if t.tp + t.fp else 0.0, "precision": t.precision,
            "recall": t.recall, "f1": t.f1}


def code_sentences(items: Sequence[GoldItem], coder: Any) -> dict[str, list[Event]]:
    """Like ``code_gold`` but a sentence the pipeline rejects counts as one with no events."""
    out: dict[str, list[Event]] = {}
    for item in items:
        published = parse_published(item.published, coder.settings.default_zone)
        article = article_from_text(item.text, published, input_ref=f"ref:{item.id}")
        out[item.id] = _events_only(coder.code_article(article, outlet_country=item.outlet_country))
    return out


# ---------------------------------------------------------------------------------------------------- PETRARCH-2

# PETRARCH/CAMEO country codes that differ from the ISO alpha-3 codes our lexicon uses.
PETRARCH_COUNTRIES: dict[str, str] = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}

# The organisation part of PETRARCH IGO codes (``IGO`` + classifier(s) + organisation), mapped to our codes.
PETRARCH_IGOS: dict[str, str] = {
    "UNO": "IGO:UN", "EEC": "IGO:EU", "NAT": "IGO:NATO", "ASN": "IGO:ASEAN", "AFU": "IGO:AU", "OAU": "IGO:AU",
    "ARL": "IGO:ARL", "GCC": "IGO:GCC", "OIC": "IGO:OIC", "OAS": "IGO:OAS", "OPC": "IGO:OPEC", "WTO": "IGO:WTO",
    "IMF": "IGO:IMF", "WBK": "IGO:WB", "IAE": "IGO:IAEA", "WHO": "IGO:WHO", "WFP": "IGO:WFP", "HCR": "IGO:UNHCR",
    "KID": "IGO:UNICEF", "ILO": "IGO:ILO", "ICC": "IGO:ICC", "ICJ": "IGO:ICJ", "ITP": "IGO:INTERPOL",
    "ADB": "IGO:ADB", "EAC": "IGO:EAC", "WAS": "IGO:ECOWAS", "SAD": "IGO:SADC", "SAA": "IGO:SAARC",
    "CWN": "IGO:CWN", "APE": "IGO:APEC", "OSC": "IGO:OSCE",
}

def _chunks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def parse_petrarch_actor(code: str) -> tuple[str, str | None]:
    """A PETRARCH actor code as (country, sector): ``USA`` -> (USA, None), ``GUYJUD`` -> (GUY, JUD),
    ``---LEG`` -> ("", LEG), ``IGOUNOMIL`` -> (IGO:UN, MIL), ``IGOEUREEC`` -> (IGO:EU, None).

    The sector is the first agent after the country, or after the organisation of an IGO (the region and function
    classifiers before it are dropped). An IGO whose organisation is not in ``PETRARCH_IGOS`` is the bare ``IGO``
    with no sector; other non-state heads (``IMG``, ``NGO``) are kept as they are."""
    parts = _chunks(code.strip().upper())
    if not parts:
        return "", None
    head, rest = parts[0], parts[1:]
    if head != "IGO":
        country = "" if head == "---" else PETRARCH_COUNTRIES.get(head, head)
        return country, rest[0] if rest else None
    last = max((i for i, part in enumerate(rest) if part in PETRARCH_IGOS), default=None)
    if last is None:
        return "IGO", None
    after = rest[last + 1:]
    return PETRARCH_IGOS[rest[last]], after[0] if after else None


_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)


def _text_from_conllu(parse: str) -> str:
    """The sentence spelled by a CoNLL-U parse (token forms, honouring ``SpaceAfter=No``)."""
    out: list[str] = []
    for line in parse.splitlines():
        columns = line.split("\t")
        if len(columns) < 10 or not columns[0].isdigit():
            continue
        out.append(columns[1] + ("" if "SpaceAfter=No" in columns[9] else " "))
    return "".join(out).strip()


def _petrarch_date(value: str) -> str | None:
    """``YYYYMMDD``, or PETRARCH's short ``YYMMDD`` (years 00-29 in this century), as ISO; None otherwise."""
    if re.fullmatch(r"\d{6}", value):
        value = ("20" if int(value[:2]) < 30 else "19") + value
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}" if re.fullmatch(r"\d{8}", value) else None


def read_petrarch(path: Path) -> list[GoldItem]:
    """The PETRARCH validation records of ``path`` (the file is XML-like, not well-formed XML: sentences open with
    a self-closed tag and close with ``</Sentence>``, so it is read with patterns). A ``noevents`` coding or no
    coding at all means no event is expected. The sentence's category becomes its tag; an empty ``<Text>`` is
    rebuilt from the record's CoNLL-U parse."""
    _require_file(path, "PETRARCH validation")
    raw = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    items = []
    for match in _SENTENCE.finditer(raw):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        body = match.group(2)
        text = _TEXT.search(body)
        if text is None or "id" not in attributes:
            raise InputPathError(f"{path}: sentence {attributes.get('id', '?')} has no id or no <Text>")
        sentence = " ".join(html.unescape(text.group(1)).split())
        if not sentence and (parse := _PARSE.search(body)):  # one record leaves <Text> empty but has its parse
            sentence = _text_from_conllu(parse.group(1))
        events = []
        for coding in _CODING.finditer(body):
            fields = dict(_ATTRIBUTE.findall(coding.group(1)))
            if fields.get("noevents", "").lower() == "true" or "eventcode" not in fields:
                continue
            source, source_sector = parse_petrarch_actor(fields.get("sourcecode", "---"))
            target, target_sector = parse_petrarch_actor(fields.get("targetcode", "---"))
            events.append(GoldEvent(source, target, fields["eventcode"], source_sector, target_sector))
        category = attributes.get("category")
        items.append(GoldItem(attributes["id"], sentence, _petrarch_date(attributes.get("date", "")), None,
                              tuple(events), (category.lower(),) if category else ()))
    if not items:
        raise InputPathError(f"{path}: no <Sentence> records found")
    return items


def top_organisation(code: str, parents: Mapping[str, str | None]) -> str:
    """``IGO:UNSC`` -> ``IGO:UN`` by following parents; anything else unchanged."""
    seen = {code}
    while (parent := parents.get(code)) and parent not in seen:
        seen.add(parent)
        code = parent
    return code


def petrarch_nonstate(code: str) -> str:
    """Our non-state organisation codes as PETRARCH's bare heads: ``NGO:AI`` -> ``NGO``, ``IMG:IS`` -> ``IMG``."""
    head = code.split(":", 1)[0]
    return head if head in {"NGO", "IMG"} else code


def _recode_gold(items: Iterable[GoldItem], key: Callable[[str], str]) -> list[GoldItem]:
    return [dataclasses.replace(item, events=tuple(dataclasses.replace(e, source=key(e.source), target=key(e.target))
                                                   for e in item.events)) for item in items]


@dataclass
class GoldReport:
    """Our own gold file, with the same headline numbers as the reference sets."""

    report: Report

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.report.errors

    def headline(self) -> dict[str, float | int]:
        return {**triple_headline(self.report.sentences, self.report.triples),
                "full_code_f1": self.report.full_code.f1}

    def to_json(self) -> dict[str, Any]:
        return {"dataset": "gold", **_rounded(self.headline()), **self.report.to_json()}


@dataclass
class PetrarchReport(GoldReport):
    """``score()``'s report plus the two numbers UniversalPetrarch published: found % and spurious %."""

    expected_none: int = 0  # sentences where no event is expected
    spurious_on_none: int = 0  # our events on those sentences

    def to_json(self) -> dict[str, Any]:
        return {"dataset": "petr2", **_rounded(self.headline()), "expected_none": self.expected_none,
                "spurious_on_no_event_sentences": self.spurious_on_none, **self.report.to_json()}


def score_petrarch(items: Sequence[GoldItem], found_by_id: Mapping[str, list[Event]],
                   parents: Mapping[str, str | None]) -> PetrarchReport:
    """Score at the top organisation level on both sides (see the module docstring)."""
    def key(code: str) -> str:
        return petrarch_nonstate(top_organisation(code, parents))

    report = score(_recode_gold(items, key), recode_found(found_by_id, key))
    empty = [item.id for item in items if not item.events]
    return PetrarchReport(report, len(empty), sum(len(found_by_id.get(i, [])) for i in empty))


def evaluate_petrarch(path: Path, coder: Any) -> PetrarchReport:
    items = read_petrarch(path)
    parents = {code: entry.parent for code, entry in coder.lexicon.organisations.items()}
    return score_petrarch(items, code_sentences(items, coder), parents)


# ---------------------------------------------------------------------------------------------------- PLOVER

PLOVER_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

# 2016 (PLOVER 0.5b1) categories that are gone from today's 16 types, following the manual's CAMEO table
# (09 INVESTIGATE -> ACCUSE, 10 DEMAND -> REQUEST, 11 DISAPPROVE -> ACCUSE, 19 FIGHT -> ASSAULT).
PLOVER_2016_TYPES: dict[str, str] = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                                     "FIGHT": "ASSAULT"}

# Country codes in the GSR that are not ISO alpha-3 (typos of it).
PLOVER_COUNTRIES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

# The GSR dates every record 2000-01-01 (a placeholder near the era of its sentences); we publish them on that day.
PLOVER_PUBLISHED = "2000-01-01"


def plover_type(category: str) -> str:
    """A GSR event category in today's 16 types; ``InputPathError`` for one neither old nor current."""
    name = PLOVER_2016_TYPES.get(category.upper(), category.upper())
    if name not in PLOVER_TYPES:
        raise InputPathError(f"unknown PLOVER event category {category!r}")
    return name


def _plover_actor(raw: Any) -> tuple[str, str | None]:
    code = str(raw.get("code") or "").upper()
    sector = str(raw.get("sector") or "")[:3].upper()
    return PLOVER_COUNTRIES.get(code, code), (sector if sector.isalpha() else None)


@dataclass(frozen=True, slots=True)
class PloverEvent:
    source: str
    target: str
    type: str
    source_sector: str | None = None
    target_sector: str | None = None
    category_2016: str = ""

    @property
    def triple(self) -> Triple:
        return self.source, self.target, self.type


def _plover_events(record: dict[str, Any]) -> list[PloverEvent]:
    kind = plover_type(str(record["event"]))
    sources = [_plover_actor(a) for a in record.get("source") or [] if isinstance(a, dict)] or [("", None)]
    targets = [_plover_actor(a) for a in record.get("target") or [] if isinstance(a, dict)]
    info = record.get("textInfo")
    markup = str(info.get("markup", "")) if isinstance(info, dict) else ""
    pairs: list[tuple[tuple[str, str | None], tuple[str, str | None]]]
    if targets:
        pairs = [(s, t) for s in sources for t in targets]
    elif len(sources) > 1 and "SRC/TAR" in markup:  # reciprocal: each side acts on the other
        pairs = [(s, t) for i, s in enumerate(sources) for j, t in enumerate(sources) if i != j]
    else:
        pairs = [(s, ("", None)) for s in sources]
    return [PloverEvent(s[0], t[0], kind, s[1], t[1], str(record["event"])) for s, t in pairs]


@dataclass(frozen=True, slots=True)
class PloverGold:
    items: list[GoldItem]  # one per distinct sentence; GoldItem.events is empty (there is no CAMEO code)
    events: dict[str, tuple[PloverEvent, ...]]  # item id -> expected PLOVER events


def read_plover(path: Path) -> PloverGold:
    """The PLOVER GSR records of ``path``. Records repeating a sentence are merged into one item (ids joined by
    ``+``), an id reused for another sentence gets a ``#2`` suffix, and the DOCUMENT header is skipped."""
    _require_file(path, "PLOVER gold-standard")
    try:
        records = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise InputPathError(f"{path}: not JSON: {exc}") from exc
    if not isinstance(records, list):
        raise InputPathError(f"{path}: expected a JSON array of records")
    by_text: dict[str, tuple[list[str], list[PloverEvent], str]] = {}
    for number, record in enumerate(records):
        if not isinstance(record, dict) or record.get("event") == "DOCUMENT":
            continue
        try:
            text = " ".join(str(record["text"]).split())
            events = _plover_events(record)
            record_id = str(record.get("id", number))
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputPathError(f"{path}: record {number} is not a GSR record: {exc}") from exc
        ids, merged, _ = by_text.setdefault(text, ([], [], str(record.get("date") or PLOVER_PUBLISHED)))
        ids.append(record_id)
        merged.extend(events)
    items, expected = [], {}
    for text, (ids, events, published) in by_text.items():
        item_id = base = "+".join(ids)
        copy = 1
        while item_id in expected:  # the GSR reuses an id for two different sentences
            copy += 1
            item_id = f"{base}#{copy}"
        tags = tuple(sorted({e.type.lower() for e in events}))
        items.append(GoldItem(item_id, text, published, None, (), tags))
        expected[item_id] = tuple(events)
    return PloverGold(items, expected)


def plover_country(code: str) -> str:
    """How our country codes compare with the GSR's: every ``IGO:*`` is the GSR's bare ``IGO``, and so is every
    ``NGO:*`` (the GSR codes Amnesty International and the Red Cross ``IGO``); ``IMG:*`` is its ``IMG``."""
    head = code.split(":", 1)[0] if ":" in code else code
    if head in {"IGO", "NGO"}:
        return "IGO"
    return "IMG" if head == "IMG" else code


def plover_triples(events: Iterable[Event]) -> list[Triple]:
    """Our events as (source, target, PLOVER type); events with no PLOVER type (CAMEO 01-02) are left out."""
    return [(plover_country(e.source.country or ""), plover_country(e.target.country or ""), e.plover.type)
            for e in events if e.plover.type]


@dataclass
class PloverReport:
    sentences: int = 0
    triples: Counts = field(default_factory=Counts)  # (source, target, type)
    source_type: Counts = field(default_factory=Counts)  # (source, type): forgives a missing or wrong target
    by_type: dict[str, Counts] = field(default_factory=dict)
    untyped: int = 0  # our events left out for having no PLOVER type
    errors: list[dict[str, Any]] = field(default_factory=list)

    def headline(self) -> dict[str, float | int]:
        return {**triple_headline(self.sentences, self.triples), "source_type_f1": self.source_type.f1}

    def to_json(self) -> dict[str, Any]:
        return {"dataset": "plover", **_rounded(self.headline()), "triples": self.triples.to_json(),
                "source_type": self.source_type.to_json(), "untyped_events_left_out": self.untyped,
                "by_type": {k: c.to_json() for k, c in sorted(self.by_type.items())}}


def score_plover(gold: PloverGold, found_by_id: Mapping[str, list[Event]]) -> PloverReport:
    report = PloverReport()
    for item in gold.items:
        report.sentences += 1
        found_events = found_by_id.get(item.id, [])
        expected = [e.triple for e in gold.events.get(item.id, ())]
        found = plover_triples(found_events)
        report.untyped += len(found_events) - len(found)
        counts = _multiset_counts(expected, found)
        report.triples.add(*counts)
        report.source_type.add(*_multiset_counts([(s, k) for s, _, k in expected], [(s, k) for s, _, k in found]))
        for kind in {t[2] for t in expected} | {t[2] for t in found}:
            report.by_type.setdefault(kind, Counts()).add(*_multiset_counts(
                [t for t in expected if t[2] == kind], [t for t in found if t[2] == kind]))
        if counts[1] or counts[2]:
            report.errors.append({"id": item.id, "text": item.text, "gold": sorted(map(list, expected)),
                                  "found": sorted(map(list, found))})
    return report


def evaluate_plover(path: Path, coder: Any) -> PloverReport:
    gold = read_plover(path)
    return score_plover(gold, code_sentences(gold.items, coder))


# ---------------------------------------------------------------------------------------------------- ConfliBERT

CLASS_NAMES = ("statement/appeal", "verbal cooperation", "material cooperation", "verbal conflict",
               "material conflict")

# Penta class of each CAMEO root: 01-02 statements and appeals, then the four quad classes.
PENTA_CLASS: dict[str, int] = {f"{root:02d}": cls for cls, roots in
                               enumerate(((1, 2), (3, 4, 5), (6, 7, 8), (9, 10, 11, 12, 13), range(14, 21)))
                               for root in roots}

# What we predict for a sentence in which we find no event: "statement", the class of CAMEO's residual codes.
NO_EVENT_CLASS = 0


@dataclass(frozen=True, slots=True)
class ClassGold:
    items: list[GoldItem]  # GoldItem.events is empty; the label is in ``labels``
    labels: dict[str, int]  # item id -> class 0-4


def read_conflibert(path: Path) -> ClassGold:
    """``sentence<TAB>label`` lines; ids are ``line-N`` (1-based line numbers)."""
    _require_file(path, "ConfliBERT class")
    items, labels = [], {}
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        text, sep, label = line.rstrip().rpartition("\t")
        if not sep or not label.strip().isdigit() or int(label) not in range(len(CLASS_NAMES)):
            raise InputPathError(f"{path}:{number}: expected 'sentence<TAB>label 0-4', got {line[:80]!r}")
        item_id = f"line-{number}"
        items.append(GoldItem(item_id, " ".join(text.split()), None, None, (), (f"class-{label.strip()}",)))
        labels[item_id] = int(label)
    if not items:
        raise InputPathError(f"{path}: no sentences")
    return ClassGold(items, labels)


def penta_class(event: Event) -> int:
    return PENTA_CLASS[event.root]


def predict_class(events: Sequence[Event]) -> int | None:
    """The class of the most confident event, the earliest trigger breaking ties; None when there is none."""
    if not events:
        return None
    best = min(events, key=lambda e: (-e.confidence, e.evidence.sentence_index, e.evidence.trigger[0]))
    return penta_class(best)


@dataclass
class ClassReport:
    confusion: list[list[int]] = field(default_factory=lambda: [[0] * len(CLASS_NAMES) for _ in CLASS_NAMES])
    no_event: int = 0  # sentences where we found no event (predicted NO_EVENT_CLASS)
    with_event_correct: int = 0
    any_match: int = 0  # sentences where any of our events has the gold class
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sentences(self) -> int:
        return sum(map(sum, self.confusion))

    @property
    def accuracy(self) -> float:
        total = self.sentences
        return sum(self.confusion[i][i] for i in range(len(CLASS_NAMES))) / total if total else 0.0

    def per_class(self) -> list[Counts]:
        """Counts per class, rows of the confusion matrix being gold and columns our prediction."""
        n = len(CLASS_NAMES)
        return [Counts(self.confusion[c][c], sum(self.confusion[r][c] for r in range(n)) - self.confusion[c][c],
                       sum(self.confusion[c]) - self.confusion[c][c]) for c in range(n)]

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.per_class()) / len(CLASS_NAMES)

    @property
    def no_event_share(self) -> float:
        return self.no_event / self.sentences if self.sentences else 0.0

    @property
    def accuracy_with_event(self) -> float:
        covered = self.sentences - self.no_event
        return self.with_event_correct / covered if covered else 0.0

    def headline(self) -> dict[str, float | int]:
        return {"sentences": self.sentences, "accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "no_event": self.no_event_share, "accuracy_with_event": self.accuracy_with_event,
                "any_event_match": self.any_match / self.sentences if self.sentences else 0.0}

    def to_json(self) -> dict[str, Any]:
        return {"dataset": "conflibert", **_rounded(self.headline()), "no_event_class": NO_EVENT_CLASS,
                "per_class": {f"{i} {name}": c.to_json()
                              for i, (name, c) in enumerate(zip(CLASS_NAMES, self.per_class(), strict=True))},
                "confusion_gold_by_predicted": self.confusion}


def score_conflibert(gold: ClassGold, found_by_id: Mapping[str, list[Event]]) -> ClassReport:
    report = ClassReport()
    for item in gold.items:
        label = gold.labels[item.id]
        events = found_by_id.get(item.id, [])
        predicted = predict_class(events)
        if predicted is None:
            report.no_event += 1
            predicted = NO_EVENT_CLASS
        elif predicted == label:
            report.with_event_correct += 1
        report.any_match += int(any(penta_class(e) == label for e in events))
        report.confusion[label][predicted] += 1
        if predicted != label:
            report.errors.append({"id": item.id, "text": item.text, "gold": label, "found": predicted,
                                  "events": sorted(e.cameo for e in events)})
    return report


def evaluate_conflibert(path: Path, coder: Any) -> ClassReport:
    gold = read_conflibert(path)
    return score_conflibert(gold, code_sentences(gold.items, coder))


# ---------------------------------------------------------------------------------------------------- all sets


DatasetReport = GoldReport | PetrarchReport | PloverReport | ClassReport


def evaluate_dataset(dataset: Dataset | str, path: Path, coder: Any) -> DatasetReport:
    """Read ``path`` as ``dataset``, run the coder over it and score it."""
    kind = Dataset(dataset)
    if kind is Dataset.petr2:
        return evaluate_petrarch(path, coder)
    if kind is Dataset.plover:
        return evaluate_plover(path, coder)
    if kind is Dataset.conflibert:
        return evaluate_conflibert(path, coder)
    items = read_gold(path)
    return GoldReport(score(items, code_sentences(items, coder)))


def _rounded(values: Mapping[str, float | int]) -> dict[str, float | int]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in values.items()}
