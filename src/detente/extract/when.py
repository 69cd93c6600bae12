"""When an event happened: the time expression that governs its verb.

Order of evidence: an expression attached to the verb's own clause; then the clauses it sits in ("began to
deteriorate in mid-2019 when Japan placed restrictions" dates the restriction mid-2019), passing through the noun a
relative clause describes ("to meet Joe Biden, who agreed ..." is dated by the meeting's clause); then the sentence's
own time (the date of its main clause, or its only date: a parse that hangs "on Friday" on the wrong verb, or a
report "..., Trump said late on Saturday" whose act has no date of its own); then the paragraph's narrative time
(the last date earlier in the same paragraph); then the publication date (``basis = publication-fallback``).
Expressions are found and resolved by ``detente.resolve.dates``.

Some expressions date no act: a date naming a noun ("Tuesday's ruling", "the March 1 election"), and the day a
planned measure takes effect ("will impose tariffs from August 1"). Anchored expressions ("the next day", "two days
later") count from the last date before them in the sentence, else from the narrative time
(``SentenceDates.bind``, called before the sentence's ``Clock`` is made). An intention ("will visit Beijing this
weekend") is dated by the statement that announces it, never by the future day it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from detente.extract.tree import Span, Token, children  # views of spaCy's, made once per Doc
from detente.lexicon.loader import _strip_lines, read_yaml
from detente.records import Article, DateBasis, EventDate, Granularity
from detente.resolve.dates import DateContext, find_dates, is_unanchored, publication_fallback, resolve_anchored

_CLIMB = {"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "pobj", "relcl"}
_CLAUSE_EDGE = {"ccomp", "parataxis"}
_CLIMB_STATEMENT = _CLIMB | _CLAUSE_EDGE  # an announced intention is dated by the statement that announces it
# A noun reached from the clause that describes it ("Biden, who agreed ...") passes on to its own verb.
_ARGUMENT = {"nsubj", "nsubjpass", "dobj", "attr", "appos", "dative", "oprd"}
_NOMINAL = {"poss", "compound", "nmod", "amod", "nummod"}  # "Tuesday's ruling", "the March 1 election": a noun's date
_RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}
_BACKWARD = re.compile(r"\b(?:earlier|before|previous|preceding|prior)\b", re.IGNORECASE)
# Where to look below a verb for a date hung on the wrong word: not into clauses with a time of their own.
_NOT_BELOW = {"advcl", "relcl", "acl", "conj", "mark", "nsubj", "nsubjpass"}
# Clauses whose time is their own, not the sentence's: "since the war ended in 1953", "the deal signed in 2014",
# "citing the agreement the two reached in December 2015", "said ... that Japan had imposed curbs on July 4".
_SIDE_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"}
# What ties a verb to a planned act above it: "will stop hostile acts, starting May 1", "agreed to hold reunions
# around Aug. 15".
_PLAN_LINKS = {"advcl", "xcomp", "acl", "pcomp", "prep", "pobj", "conj"}
_MEASURES = {"hour", "day", "week", "month", "year"}  # "a day after", "two weeks before"
_COMMITMENTS = {"agree", "plan", "pledge", "promise", "vow", "intend", "decide", "aim", "prepare", "expect", "hope",
                "seek", "want", "threaten", "undertake", "commit", "resolve", "mean", "propose", "offer"}
_FUTURE_AUX = {"will", "would", "shall", "'ll", "wo", "'d"}
_ONSET = re.compile(r"\b(?:from|starting(?:\s+(?:from|on))?|effective(?:\s+(?:from|on))?|as\s+(?:of|from)|"
                    r"beginning(?:\s+on)?)\s*$", re.IGNORECASE)


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
    """Time expressions of one sentence, keyed by the index of the verb each one governs.

    ``narrative`` holds the dates that set the narrative time for the sentences after this one (every dated
    expression of an act on the sentence's main line: "Putin arrived on Tuesday. The next day, ..."); ``pending``
    the anchored expressions with no date before them in the sentence, bound to the narrative time by ``bind``;
    ``side`` the verbs whose dates belong to a clause with a time of its own; ``root`` the index of the sentence's
    main verb."""

    by_verb: dict[int, EventDate] = field(default_factory=dict)
    narrative: list[EventDate] = field(default_factory=list)
    pending: list[tuple[int, str]] = field(default_factory=list)
    side: set[int] = field(default_factory=set)
    root: int | None = None
    ctx: DateContext | None = None

    def bind(self, narrative: EventDate | None) -> None:
        """Resolve the pending anchored expressions against the narrative time (left undated without one)."""
        if not self.pending or narrative is None or self.ctx is None:
            return
        for verb, text in self.pending:
            resolved = resolve_anchored(text, self.ctx, narrative)
            if resolved is not None and resolved.start is not None:
                self.by_verb.setdefault(verb, resolved)
                self.narrative.append(resolved)
        self.pending.clear()


def governing_verb(token: Token) -> Token:
    node = token
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node


def is_future(verb: Token) -> bool:
    """A verb with a future modal and no perfect ("will meet", "would impose"; not "would have met")."""
    aux = {c.lower_ for c in children(verb) if c.dep_ in {"aux", "auxpass"}}
    return bool(aux & _FUTURE_AUX) and not aux & {"have", "'ve"}


def is_planned(verb: Token) -> bool:
    """A verb naming something still to come: a future modal, or the infinitive of a verb of commitment ("agreed to
    hold reunions around Aug. 15", "plans to drop South Korea"). Other infinitives are not ("had begun to sour in
    late 2018", "became the first country to recognise South Sudan on Friday", "allowed inspectors to use")."""
    if is_future(verb):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _COMMITMENTS and _infinitive(verb)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in children(verb))


def is_past_perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in children(verb))


def _in_plan(verb: Token) -> bool:
    """The verb is planned, or hangs from a planned act ("will stop ..., starting May 1")."""
    node = verb
    for _ in range(4):
        if is_planned(node):
            return True
        if node.dep_ not in _PLAN_LINKS or node.head.i == node.i:
            return False
        node = node.head
    return False


def _on_main_line(verb: Token) -> bool:
    """The verb tells the sentence's own story: no clause with a time of its own lies between it and the root."""
    node = verb
    while node.head.i != node.i:
        if node.dep_ in _SIDE_CLAUSES:
            return False
        node = node.head
    return True


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in children(verb))


def describes_by_another_act(verb: Token) -> bool:
    """A relative clause with a subject of its own ("the curbs that Japan imposed", "a plan Haiti's government
    condemned"): it tells another act about the noun, whose time the main clause does not give."""
    kids = children(verb)
    if any(c.dep_ == "advmod" and c.lower_ == "when" for c in kids):
        return False  # "in late 2018, when the Supreme Court ordered ...": the noun is the clause's time
    return verb.dep_ == "relcl" and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in _RELATIVE_PRONOUNS for c in kids)


def _names_a_noun(span: Span) -> bool:
    """A date that modifies a noun ("Tuesday's ruling", "the March 1 election") rather than dating a verb."""
    root = span.root
    if root.dep_ in _NOMINAL and root.head.pos_ in {"NOUN", "PROPN"}:
        return True
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is not None and following.tag_ == "POS"


def dates_in(sent: Span, ctx: DateContext) -> SentenceDates:
    result = SentenceDates(root=sent.root.i, ctx=ctx)
    for found in find_dates(sent.text, ctx, unanchored=True):
        span = sent.doc.char_span(sent.start_char + found.start, sent.start_char + found.end,
                                  alignment_mode="expand")
        if span is None:
            continue
        if _names_a_noun(span):
            if not is_unanchored(found.date) and found.date.granularity != Granularity.OPEN:
                # "the 2019 export curbs that Japan imposed", "Japan's 2019 decision to tighten controls": the
                # noun's date dates the act a clause on it tells
                for clause in (c for c in children(span.root.head) if c.dep_ in {"relcl", "acl"}):
                    result.by_verb.setdefault(clause.i, found.date)
                    result.side.add(clause.i)
            continue
        verb = _reattached(span, governing_verb(span.root))
        when = found.date
        if is_unanchored(when):
            if when.text:
                result.pending.append((verb.i, when.text))
            continue
        if when.basis == DateBasis.NARRATIVE and _BACKWARD.search(when.text or "") and not _has_subject(verb):
            continue  # "voted on October 14 to impose sanctions over its test five days earlier": the test's date
        planned = _in_plan(verb)
        if planned and _ONSET.search(sent.text, 0, found.start):
            continue  # "will impose tariffs from August 1": when the measure takes effect, not an act
        if planned and when.text:
            when = _resolve_ahead(when, ctx)  # "agreed to hold reunions around Aug. 15": the coming August
        result.by_verb.setdefault(verb.i, when)
        if not _on_main_line(verb):
            result.side.add(verb.i)  # "since the war ended in 1953": neither the sentence's time nor the story's
        elif not planned and when.granularity != Granularity.OPEN and (
                when.start is None or when.start <= ctx.reference):
            result.narrative.append(when)
    return result


def _reattached(span: Span, verb: Token) -> Token:
    """The verb a date belongs to when the parser hung it on the reported clause: "said on Monday it will tighten
    controls" has the date before the reported clause's subject, so it dates the saying."""
    if verb.dep_ not in _CLAUSE_EDGE or not verb.head.i < span.start:
        return verb
    subjects = [c for c in children(verb) if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if subjects and span.end <= min(s.left_edge.i for s in subjects):
        return verb.head
    return verb


def _resolve_ahead(when: EventDate, ctx: DateContext) -> EventDate:
    """The same expression read as future ("will travel this weekend": the coming weekend)."""
    again = find_dates(when.text or "", replace(ctx, future=True))
    return again[0].date if len(again) == 1 and again[0].date.text == when.text else when


@dataclass(frozen=True, slots=True)
class Clock:
    """What dates a verb in one sentence: its time expressions (their anchored ones bound to the narrative time
    first, ``SentenceDates.bind``), the paragraph's narrative time, publication."""

    here: SentenceDates
    narrative: EventDate | None
    reference: date | None


def _climbs(node: Token, climb: set[str], came_from_clause: bool) -> bool:
    if node.head.i == node.i:
        return False
    if node.dep_ in climb:
        return True
    return came_from_clause and node.dep_ in _ARGUMENT and node.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}


def _usable(hit: EventDate | None, statement: bool, reference: date | None) -> bool:
    """Whether ``hit`` can date the act: an intention's statement is never dated by the future day it names."""
    if hit is None:
        return False
    return not (statement and reference is not None and hit.start is not None and hit.start > reference)


def _sentence_time(here: SentenceDates, statement: bool, reference: date | None) -> EventDate | None:
    """The sentence's own time: its main verb's date, else its only date outside clauses with their own time."""
    root = here.by_verb.get(here.root) if here.root is not None else None
    if _usable(root, statement, reference):
        return root
    usable = [d for i, d in here.by_verb.items() if i not in here.side and _usable(d, statement, reference)]
    return usable[0] if len(usable) == 1 else None


def _below(verb: Token, here: SentenceDates, statement: bool, reference: date | None) -> EventDate | None:
    """The nearest date hung below the verb in its own clause ("struck what it said were bases ... on January 16",
    "summoned the ambassador and lodged a protest on Friday"), not inside a clause with a time of its own."""
    queue = [c for c in children(verb) if _goes_below(c)]
    for node in queue:  # breadth first: the queue grows as it is read
        hit = here.by_verb.get(node.i)
        if _usable(hit, statement, reference):
            return hit
        queue.extend(c for c in children(node) if _goes_below(c))
    return None


def _goes_below(child: Token) -> bool:
    """Whether ``_below`` looks into ``child``: not into a clause with a time of its own ("the arrangement signed in
    2014"), but into a verb joined without a subject and a noun's infinitive, where the parser hangs the main act's
    date ("ratified Sweden's bid to join NATO on Tuesday")."""
    if child.dep_ == "conj":
        return not _has_subject(child)
    if child.dep_ == "acl":
        return _infinitive(child)
    return child.dep_ not in _NOT_BELOW


def _offset_clause(verb: Token, clock: Clock) -> EventDate | None:
    """An act told in a measured "after"/"before" clause ("signed on Tuesday, a day after Riyadh reopened its
    border"): the other clause's date moved back (or forward) by the measure. None when the clause is not one or
    the other clause has no date to count from."""
    mark = next((c.lower_ for c in children(verb) if c.dep_ == "mark" and c.lower_ in {"after", "before"}), None)
    measure = next((c for c in children(verb) if c.dep_ == "npadvmod" and c.lemma_.lower() in _MEASURES), None)
    if mark is None or measure is None or clock.here.ctx is None:
        return None
    count = next((c.text for c in children(measure) if c.dep_ in {"nummod", "det"}), "one")
    # the other clause is the head, unless the parser made the measured clause the root ("a day after Riyadh
    # reopened" heading the sentence): then the date below it
    headed = verb.head.i != verb.i
    other = date_for(verb.head, clock) if headed else _below(verb, clock.here, False, clock.reference)
    if other is None or other.basis == DateBasis.PUBLICATION_FALLBACK:
        return None
    way = "earlier" if mark == "after" else "later"
    moved = resolve_anchored(f"{count} {measure.lemma_.lower()}s {way}", clock.here.ctx, other)
    words = verb.doc[measure.left_edge.i : measure.i + 1].text + " " + mark
    return replace(moved, text=words) if moved is not None else None


def date_for(verb: Token, clock: Clock, statement: bool = False) -> EventDate:
    """The date of the act ``verb`` denotes. ``statement``: the act is an announced intention, dated by the
    statement that announces it ("Japan said Monday it will tighten controls" -> Monday)."""
    here, narrative, reference = clock.here, clock.narrative, clock.reference
    if verb.i not in here.by_verb and here.by_verb:
        offset = _offset_clause(verb, clock)
        if offset is not None:
            return offset
    node = verb
    climb = _CLIMB_STATEMENT if statement else _CLIMB
    came_from_clause = False
    for _ in range(8 if here.by_verb else 0):  # no time expression in the sentence: nothing to climb to
        hit = here.by_verb.get(node.i)
        if _usable(hit, statement, reference):
            return hit  # type: ignore[return-value]
        if not _climbs(node, climb, came_from_clause) or describes_by_another_act(node):
            break
        came_from_clause = node.dep_ in {"relcl", "acl"}
        node = node.head
    own_time = describes_by_another_act(verb)
    below = _below(verb, here, statement, reference) if here.by_verb else None
    if below is not None:
        return below
    sentence = _sentence_time(here, statement, reference) if here.by_verb and not own_time else None
    if sentence is not None:
        basis = DateBasis.NARRATIVE if sentence.basis == DateBasis.NARRATIVE else sentence.basis
        note = sentence.note
        if is_past_perfect(verb):
            note = "the sentence's date; the act (past perfect) may be earlier"
        return EventDate(sentence.start, sentence.end, sentence.granularity, basis, sentence.text, note)
    if narrative is not None:
        return EventDate(narrative.start, narrative.end, narrative.granularity, DateBasis.NARRATIVE,
                         narrative.text, narrative.note)
    return publication_fallback(reference)


def context_for(article: Article, zones: dict[str, str], order: str) -> DateContext | None:
    day = reference_day(article.published, article.dateline, zones)
    return DateContext(day, order) if day else None
