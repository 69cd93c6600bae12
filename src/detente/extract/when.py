"""When an event happened: the time expression that governs its verb.

Order of evidence: an expression attached to the verb's own clause; then the clauses it sits in ("began to
deteriorate in mid-2019 when Japan placed restrictions" dates the restriction mid-2019); then the paragraph's
narrative time (the last explicit date earlier in the same paragraph); then the publication date
(``basis = publication-fallback``). Expressions are found and resolved by ``detente.resolve.dates``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from spacy.tokens import Span, Token

from detente.lexicon.loader import _strip_lines, read_yaml
from detente.records import Article, DateBasis, EventDate
from detente.resolve.dates import DateContext, find_dates, publication_fallback

_CLIMB = {"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "pobj", "relcl"}
_CLAUSE_EDGE = {"ccomp", "parataxis"}
_CLIMB_STATEMENT = _CLIMB | _CLAUSE_EDGE  # an announced intention is dated by the statement that announces it


def load_datelines(path: Path) -> dict[str, str]:
    data = _strip_lines(read_yaml(path))
    return {str(k).upper(): str(v) for k, v in (data.get("datelines") or {}).items()}


def reference_day(published: datetime | None, dateline: str | None, zones: dict[str, str]) -> date | None:
    """The publication day as it was where the story happened (the dateline's zone), else in the outlet's zone."""
    if published is None:
        return None
    zone = zones.get((dateline or "").upper())
    if zone and published.tzinfo is not None:
        return published.astimezone(ZoneInfo(zone)).date()
    return published.date()


@dataclass
class SentenceDates:
    """Time expressions of one sentence, keyed by the index of the verb each one governs."""

    by_verb: dict[int, EventDate] = field(default_factory=dict)
    explicit: list[EventDate] = field(default_factory=list)


def governing_verb(token: Token) -> Token:
    node = token
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node


def dates_in(sent: Span, ctx: DateContext) -> SentenceDates:
    result = SentenceDates()
    for found in find_dates(sent.text, ctx):
        span = sent.doc.char_span(sent.start_char + found.start, sent.start_char + found.end,
                                  alignment_mode="expand")
        if span is None:
            continue
        verb = governing_verb(span.root)
        result.by_verb.setdefault(verb.i, found.date)
        if found.date.basis == DateBasis.EXPLICIT:
            result.explicit.append(found.date)
    return result


@dataclass(frozen=True, slots=True)
class Clock:
    """What dates a verb in one sentence: its time expressions, the paragraph's narrative time, publication."""

    here: SentenceDates
    narrative: EventDate | None
    reference: date | None


def date_for(verb: Token, clock: Clock, statement: bool = False) -> EventDate:
    """The date of the act ``verb`` denotes. ``statement``: the act is an announced intention, dated by the
    statement that announces it ("Japan said Monday it will tighten controls" -> Monday)."""
    here, narrative, reference = clock.here, clock.narrative, clock.reference
    node = verb
    climb = _CLIMB_STATEMENT if statement else _CLIMB
    for _ in range(6 if here.by_verb else 0):  # no time expression in the sentence: nothing to climb to
        hit = here.by_verb.get(node.i)
        if hit is not None:
            return hit
        if node.head.i == node.i or node.dep_ not in climb:
            break
        node = node.head
    if narrative is not None:
        return EventDate(narrative.start, narrative.end, narrative.granularity, DateBasis.NARRATIVE,
                         narrative.text, narrative.note)
    return publication_fallback(reference)


def context_for(article: Article, zones: dict[str, str], order: str) -> DateContext | None:
    day = reference_day(article.published, article.dateline, zones)
    return DateContext(day, order) if day else None
