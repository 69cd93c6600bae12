"""Records that cross stage boundaries: small, typed and frozen.

Ingest yields ``Article`` or ``Rejected``; extraction yields ``Event`` (with ``Actor``, ``EventDate`` and
``Evidence`` inside). Nothing here knows about spaCy. ``to_plain`` turns any record into JSON-ready data with every
field present (unknown values are ``None``, never omitted).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Polarity(StrEnum):
    ASSERTED = "asserted"
    NEGATED = "negated"


class Modality(StrEnum):
    ACTUAL = "actual"
    INTENDED = "intended"
    HYPOTHETICAL = "hypothetical"
    DEMANDED = "demanded"


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    RANGE = "range"
    OPEN = "open"
    UNKNOWN = "unknown"


class DateBasis(StrEnum):
    EXPLICIT = "explicit"
    RELATIVE = "relative-to-publication"
    NARRATIVE = "narrative"
    PUBLICATION_FALLBACK = "publication-fallback"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Removal:
    """Something cleaning dropped from an article, and why."""

    reason: str  # stable code, e.g. "repeated-paragraphs"
    paragraphs: tuple[int, ...]  # indexes into the paragraphs as they came in
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str  # sha256 (hex, 32 chars) of the normalised body
    source: str | None  # agency or outlet, e.g. "Yonhap"
    title: str | None
    byline: str | None
    published: datetime | None  # timezone-aware when known
    published_text: str | None  # the original string
    dateline: str | None  # e.g. "TOKYO"
    url: str | None
    language: str
    body: tuple[str, ...]  # cleaned paragraphs
    removed: tuple[Removal, ...] = ()
    near_duplicate_of: str | None = None
    input_ref: str = ""  # file (and line/offset) it came from
    input_format: str = ""  # wire | html | json | jsonl | text

    @property
    def text(self) -> str:
        """The body as one string: paragraphs joined by newlines. Evidence spans index into this."""
        return "\n".join(self.body)


@dataclass(frozen=True, slots=True)
class Rejected:
    input_ref: str
    stage: str  # ingest | clean | parse | extract | store
    reason: str  # stable code, see detente.errors.REJECT_REASONS
    message: str  # one line for a person


@dataclass(frozen=True, slots=True)
class Actor:
    text: str  # as written
    country: str | None  # ISO alpha-3 or "IGO:UN"-style
    sector: str | None  # GOV, MIL, JUD, ... or None for the country as a whole
    name: str | None  # canonical, e.g. "Shinzo Abe"
    resolved_by: str | None  # lexicon entry id


@dataclass(frozen=True, slots=True)
class EventDate:
    start: date | None
    end: date | None
    granularity: Granularity
    basis: DateBasis
    text: str | None  # the words used, None for a fallback
    note: str | None = None  # e.g. the convention used to read an ambiguous numeric date


@dataclass(frozen=True, slots=True)
class Evidence:
    article_id: str
    sentence_index: int
    span: tuple[int, int]  # character span of the sentence in Article.text
    trigger: tuple[int, int]  # character span of the word that triggered the event
    sentence: str


@dataclass(frozen=True, slots=True)
class Plover:
    type: str | None
    mode: str | None


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    source: Actor
    target: Actor
    cameo: str
    root: str
    plover: Plover
    goldstein: float
    quad_class: int
    polarity: Polarity
    modality: Modality
    attributed_to: Actor | None
    occurred: EventDate
    reported: datetime | None
    evidence: Evidence
    rule_id: str
    confidence: float
    versions: Mapping[str, str] = field(default_factory=dict)


def to_plain(value: Any) -> Any:
    """Records, enums, dates and tuples to JSON-ready data; every dataclass field is kept."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    return value
