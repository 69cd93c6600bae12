"""Event fusion: the mentions of one real-world event, across articles and outlets, become one fused event.

In: ``Mention`` rows (one coded event in one article, a row of the store's events table plus the article's
outlet and near-duplicate cluster). Out: ``FusedEvent`` records, each listing its mentions. These are pure
functions. The result depends only on the set of mentions, never on their order, so an integrator can re-fuse
only the groups (``fusion_key``) that new mentions touch.

Rules
-----
**Key.** Mentions fuse only when they have the same source country, target country and code *family*. The
family is the two-digit CAMEO root, except for roots whose sub-codes name different acts rather than forms of
one act: 06 material cooperation, 07 provide aid, 08 yield, 16 reduce relations and 17 coerce. For these the
family is the three-digit code (163 sanctions and 166 expelling diplomats are different events). There, the
root-level code ("16", "160") is a family of its own, "160".

**Sectors.** Two sectors are compatible when they are equal or when either is None (the country as a whole).
An event takes the first sector one of its members brings. After that, only that sector or None can join, so
GOV and MIL never meet by way of a None.

**Stories.** Copies of one story (the same near-duplicate cluster) are one story. Before any other linking,
a mention in a copy joins the matching mention of an earlier copy. It matches when it has the same code and
sectors and the two windows overlap, either directly or after shifting by the difference in publication time
(a copy republished two days later reads "yesterday" two days later). So one story's copies never make two
events of one act. A mention with no cluster forms its own story.

**Windows.** A mention's window is ``[occurred_start, occurred_end]``. A missing bound is open. Two windows
match when they overlap after each is widened by the tolerance (in days) of the coarser granularity of the
two: day 1, week 2, month 3, quarter 7, half 14, year 14, decade 31, range 15 (fuzzy words such as "mid-2019"),
open and unknown 0. ``FusionRules`` holds these numbers.

**Dated mentions** have any basis except ``publication-fallback`` and at least one bound. They are linked
from the most precise window to the least precise (precision tiers: a day, a week, a month, a quarter, a half,
a year, a decade, wider), and by start within a tier. Each one joins a matching existing event or founds a new
event whose *core* is its own window. Cores never grow, so a chain of reports one day apart cannot drift across
a week, and a coarse recall ("in 2019") cannot bridge two precise events. When several events match, a mention
picks the nearest (the gap between the windows), then the most reported, then the closest midpoint, then the
earliest founded.

**Fallback mentions** come last, in order of their day *d*. Their basis is ``publication-fallback``, or they
carry no date at all. Day *d* is their window start, else their publication day. Each one goes to the first
case that fits:

1. *Report at the time*: join a compatible event whose core touches ``[d - report_lag, d + 1]``.
2. *Corroborated new event*: if another story (a different cluster) has a compatible fallback mention with
   ``d' in [d, d + report_lag]``, found a new event on *d*. The other story then joins it by case 1.
3. *Recall*: join the most recent compatible event that ended before *d*, within ``lookback_days``. A later
   story's undated mention of an event the store already has adds a mention. It never adds a new event in the
   story's own month.
4. Otherwise, found a new event on *d*. A mention with no date and no publication time is an event of its own.

One undated report that nobody corroborates cannot be told apart from a recall. So two such reports of the
same kind within the lookback fuse. Dated reports never fuse this way, corroborated ones never do, and neither
do reports further apart than the lookback. For example, Japan protests in October 2018 and again in January
2021, each reported at the time, stay two events.

**Fused fields.** Start, end, granularity and basis come from the *representative* mention, chosen by these
tie-breaks in order: not a fallback; the narrowest window; the highest confidence; the earliest reported; the
smallest event_id. ``cameo``: codes that are an unspecified parent of another code present drop out ("140"
drops when "141" is present, and "141" when "1411" is). Then the most frequent code wins, ties going to the
longer (more specific) code, then to the smallest. ``fused_id`` is a hash of the smallest member event_id.
``n_articles`` counts distinct articles. ``n_sources`` counts distinct outlets, all unknown (None) outlets
counting as one. ``outlets`` lists the known outlets.

Cost: one sort per group plus, for each mention, a bisect and a look at the events whose cores lie near its
window. That is O(n log n) per group while windows are narrow compared with the span of the group.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from detente.ids import stable_hash
from detente.records import DateBasis, Granularity

FINE_ROOTS = frozenset({"06", "07", "08", "16", "17"})  # roots whose sub-codes are different acts

DEFAULT_TOLERANCE_DAYS: Mapping[str, int] = {
    Granularity.DAY.value: 1, Granularity.WEEK.value: 2, Granularity.MONTH.value: 3,
    Granularity.QUARTER.value: 7, Granularity.HALF.value: 14, Granularity.YEAR.value: 14,
    Granularity.DECADE.value: 31, Granularity.RANGE.value: 15, Granularity.OPEN.value: 0,
    Granularity.UNKNOWN.value: 0,
}

_TIER_WIDTHS = (0, 6, 30, 91, 183, 365, 3652)  # window width (end - start, days) of each precision tier
_OPEN_LO = 0  # ordinal standing for "no start" (date.min is 1)
_OPEN_HI = date.max.toordinal() + 1  # ordinal standing for "no end"
_RELATIVE = frozenset({DateBasis.RELATIVE.value, DateBasis.PUBLICATION_FALLBACK.value})
_FALLBACK = DateBasis.PUBLICATION_FALLBACK.value
_SECONDS_A_DAY = 86_400


@dataclass(frozen=True, slots=True)
class Mention:
    """One coded event in one article (a row of the store's events table, with its article's outlet/cluster)."""

    event_id: str
    article_id: str
    outlet: str | None
    cluster_id: str | None
    source_country: str
    source_sector: str | None
    target_country: str
    target_sector: str | None
    cameo: str
    occurred_start: date | None
    occurred_end: date | None
    granularity: str
    basis: str
    reported: datetime | None
    confidence: float


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """One real-world event and the mentions that report it."""

    fused_id: str  # stable_hash of the smallest member event_id
    source_country: str
    source_sector: str | None
    target_country: str
    target_sector: str | None
    cameo: str  # see the module docstring for the rule
    root: str
    start: date | None  # start, end, granularity, basis: from the representative mention
    end: date | None
    granularity: str
    basis: str
    mentions: tuple[str, ...]  # event_ids, sorted
    representative: str  # event_id whose evidence is shown first
    first_reported: datetime | None
    last_reported: datetime | None
    n_articles: int  # distinct articles
    n_sources: int  # distinct outlets; all None outlets count as one unknown outlet
    outlets: tuple[str, ...] = ()  # distinct known outlets, sorted


@dataclass(frozen=True, slots=True)
class FusionRules:
    """The numbers fusion uses; the defaults are documented in the module docstring."""

    tolerance_days: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_TOLERANCE_DAYS))
    report_lag_days: int = 3  # a fallback report this many days after an event reports it at the time
    lookback_days: int = 730  # how far back an undated later mention may recall an event


DEFAULT_RULES = FusionRules()


def code_family(cameo: str) -> str:
    """The CAMEO root, or the three-digit code for roots whose sub-codes are different acts (``FINE_ROOTS``)."""
    code = cameo.strip()
    root = code[:2]
    if root in FINE_ROOTS:
        return code[:3] if len(code) >= 3 else root + "0"
    return root


def fusion_key(m: Mention) -> tuple[str, str, str]:
    """(source_country, target_country, family): only mentions with the same key can fuse."""
    return (m.source_country, m.target_country, code_family(m.cameo))


def fuse(mentions: Iterable[Mention], rules: FusionRules = DEFAULT_RULES) -> list[FusedEvent]:
    """Fuse mentions into events; deterministic and independent of input order (see the module docstring).

    Mentions sharing an event_id count once. The result is sorted by key, start and fused_id.
    """
    groups: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    for m in _distinct(mentions):
        groups[fusion_key(m)].append(m)
    fused = [event for key in sorted(groups) for event in _fuse_group(groups[key], rules)]
    return sorted(fused, key=lambda e: (e.source_country, e.target_country, code_family(e.cameo),
                                        e.start or date.min, e.fused_id))


# -- mentions: total orders and windows ------------------------------------------------------------------------------
def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per event_id (the first by a total order, should two rows disagree)."""
    chosen: dict[str, Mention] = {}
    for m in mentions:
        held = chosen.get(m.event_id)
        if held is None or _total_key(m) < _total_key(held):
            chosen[m.event_id] = m
    return list(chosen.values())


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _reported_key(value: datetime | None) -> tuple[bool, datetime]:
    utc = _utc(value)
    return (utc is None, utc or datetime.min.replace(tzinfo=UTC))


def _total_key(m: Mention) -> tuple[object, ...]:
    return (m.event_id, m.article_id, m.outlet or "", m.cluster_id or "", m.cameo, m.source_sector or "",
            m.target_sector or "", _window(m) or (0, 0), m.granularity, m.basis, _reported_key(m.reported),
            m.confidence)


def _window(m: Mention) -> tuple[int, int] | None:
    """The occurred window as ordinals (open bounds as sentinels), start <= end; None when undated."""
    if m.occurred_start is None and m.occurred_end is None:
        return None
    lo = m.occurred_start.toordinal() if m.occurred_start else _OPEN_LO
    hi = m.occurred_end.toordinal() if m.occurred_end else _OPEN_HI
    return (lo, hi) if lo <= hi else (hi, lo)


def _is_fallback(m: Mention) -> bool:
    return m.basis == _FALLBACK or _window(m) is None


def _width(window: tuple[int, int] | None) -> int:
    if window is None or window[0] == _OPEN_LO or window[1] == _OPEN_HI:
        return _OPEN_HI
    return window[1] - window[0]


def _tier(window: tuple[int, int] | None) -> int:
    return bisect.bisect_left(_TIER_WIDTHS, _width(window))


def _precision_key(m: Mention) -> tuple[object, ...]:
    """Most precise first: dated before fallback, narrowest window, most confident, earliest reported."""
    window = _window(m)
    fallback = m.basis == _FALLBACK or window is None  # _is_fallback(m), without working out the window twice
    return (fallback, _width(window), -m.confidence, _reported_key(m.reported), m.event_id)


def _tolerance(rules: FusionRules, *granularities: str) -> int:
    return max(rules.tolerance_days.get(g, 0) for g in granularities)


def _overlaps(a: tuple[int, int], b: tuple[int, int], tolerance: int) -> bool:
    return a[0] - tolerance <= b[1] and b[0] - tolerance <= a[1]


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


# -- stories: copies in one near-duplicate cluster -------------------------------------------------------------------
@dataclass(slots=True)
class _Unit:
    """One act in one story: a mention and its counterparts in the story's other copies."""

    members: list[Mention]
    lead: Mention  # the most precise member
    story: str  # cluster id, or the article id when there is none
    window: tuple[int, int] | None  # the lead's
    day: int | None  # fallback anchor: the earliest member's window start or publication day (ordinal)

    @property
    def fallback(self) -> bool:
        return _is_fallback(self.lead)


def _story_units(group: list[Mention], rules: FusionRules) -> list[_Unit]:
    stories: dict[str, list[Mention]] = defaultdict(list)
    for m in group:
        stories[m.cluster_id if m.cluster_id is not None else f"article:{m.article_id}"].append(m)
    units: list[_Unit] = []
    for story in sorted(stories):
        units.extend(_merge_copies(story, stories[story], rules))
    return units


def _merge_copies(story: str, mentions: list[Mention], rules: FusionRules) -> list[_Unit]:
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append(m)
    first_seen = {a: min(_reported_key(m.reported) for m in ms) for a, ms in by_article.items()}
    acts: list[tuple[Mention, set[str], list[Mention]]] = []  # (anchor, articles, members)
    for article in sorted(by_article, key=lambda a: (first_seen[a], a)):
        for m in sorted(by_article[article], key=_precision_key):
            for anchor, articles, members in acts:
                if article not in articles and _same_act(anchor, m, rules):
                    articles.add(article)
                    members.append(m)
                    break
            else:
                acts.append((m, {article}, [m]))
    return [_make_unit(story, members) for _, _, members in acts]


def _same_act(anchor: Mention, m: Mention, rules: FusionRules) -> bool:
    """Whether ``m`` (in a later copy) is the copy of ``anchor``'s act: same code and sectors, matching dates."""
    if (anchor.cameo, anchor.source_sector, anchor.target_sector) != (m.cameo, m.source_sector, m.target_sector):
        return False
    a, b = _window(anchor), _window(m)
    if a is None or b is None:
        return a is None and b is None
    tolerance = _tolerance(rules, anchor.granularity, m.granularity)
    if _overlaps(a, b, tolerance):
        return True
    shift = _days_between(anchor.reported, m.reported)
    if shift is None or not ({anchor.basis, m.basis} & _RELATIVE):
        return False
    return _overlaps(a, (b[0] - shift, b[1] - shift), tolerance)


def _days_between(earlier: datetime | None, later: datetime | None) -> int | None:
    a, b = _utc(earlier), _utc(later)
    if a is None or b is None:
        return None
    return round((b - a).total_seconds() / _SECONDS_A_DAY)


def _make_unit(story: str, members: list[Mention]) -> _Unit:
    lead = min(members, key=_precision_key)
    days = [d for d in (_anchor_day(m) for m in members) if d is not None]
    return _Unit(members=members, lead=lead, story=story, window=_window(lead), day=min(days) if days else None)


def _anchor_day(m: Mention) -> int | None:
    window = _window(m)
    if window is not None and window[0] != _OPEN_LO:
        return window[0]
    reported = _utc(m.reported)
    return reported.date().toordinal() if reported else None


# -- events under construction ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Event:
    index: int  # order of founding, the last tie-break
    core: tuple[int, int]  # the founding window; never grows
    granularity: str
    source_sector: str | None
    target_sector: str | None
    members: list[Mention]

    def accepts(self, unit: _Unit) -> bool:
        return (_compatible(self.source_sector, unit.lead.source_sector)
                and _compatible(self.target_sector, unit.lead.target_sector))

    def take(self, unit: _Unit) -> None:
        self.members.extend(unit.members)
        self.source_sector = self.source_sector or unit.lead.source_sector
        self.target_sector = self.target_sector or unit.lead.target_sector


class _Lane:
    """Events whose cores were appended in order of start; finds those near a window by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.events: list[_Event] = []
        self.max_width = 0

    def append(self, event: _Event) -> None:
        self.starts.append(event.core[0])
        self.events.append(event)
        self.max_width = max(self.max_width, event.core[1] - event.core[0])

    def near(self, window: tuple[int, int], slack: int) -> list[_Event]:
        """Events whose core may overlap ``window`` widened by ``slack`` days."""
        low = bisect.bisect_left(self.starts, window[0] - slack - self.max_width)
        high = bisect.bisect_right(self.starts, window[1] + slack)
        return self.events[low:high]


class _Builder:
    """Links the units of one group into events, following the rules in the module docstring."""

    def __init__(self, rules: FusionRules):
        self.rules = rules
        self.events: list[_Event] = []
        self.lanes: dict[int, _Lane] = defaultdict(_Lane)
        self.slack = max(rules.tolerance_days.values(), default=0)

    def found(self, unit: _Unit, core: tuple[int, int], lane: int) -> _Event:
        event = _Event(len(self.events), core, unit.lead.granularity, unit.lead.source_sector,
                       unit.lead.target_sector, list(unit.members))
        self.events.append(event)
        self.lanes[lane].append(event)
        return event

    def near(self, window: tuple[int, int], slack: int) -> list[_Event]:
        return [e for lane in self.lanes.values() for e in lane.near(window, slack)]

    # dated units, most precise first
    def place_dated(self, unit: _Unit, tier: int) -> None:
        assert unit.window is not None
        window = unit.window
        matches = [e for e in self.near(window, self.slack) if e.accepts(unit)
                   and _overlaps(e.core, window, _tolerance(self.rules, e.granularity, unit.lead.granularity))]
        if not matches:
            self.found(unit, window, tier)
            return
        mid = window[0] + window[1]
        best = min(matches, key=lambda e: (_gap(e.core, window), -len(e.members),
                                           abs(e.core[0] + e.core[1] - mid), e.index))
        best.take(unit)

    # fallback units, in order of day
    def place_fallback(self, units: list[_Unit], position: int, fallback_lane: int) -> None:
        unit = units[position]
        day = unit.day
        assert day is not None
        lag = self.rules.report_lag_days
        at_time = (day - lag, day + 1)
        matches = [e for e in self.near(at_time, 0)
                   if e.accepts(unit) and _overlaps(e.core, at_time, 0) and _width(e.core) < _OPEN_HI]
        if matches:
            min(matches, key=lambda e: (_gap(e.core, (day, day)), -len(e.members), e.index)).take(unit)
        elif self._corroborated(units, position):
            self.found(unit, (day, day), fallback_lane)
        elif (recalled := self._recalled(unit, day)) is not None:
            recalled.take(unit)
        else:
            self.found(unit, (day, day), fallback_lane)

    def _corroborated(self, units: list[_Unit], position: int) -> bool:
        unit = units[position]
        assert unit.day is not None
        for other in units[position + 1:]:
            assert other.day is not None
            if other.day > unit.day + self.rules.report_lag_days:
                return False
            if (other.story != unit.story and _compatible(other.lead.source_sector, unit.lead.source_sector)
                    and _compatible(other.lead.target_sector, unit.lead.target_sector)):
                return True
        return False

    def _recalled(self, unit: _Unit, day: int) -> _Event | None:
        earliest = day - self.rules.lookback_days
        candidates = [e for e in self.near((earliest, day), 0)
                      if earliest <= e.core[1] < day and e.accepts(unit) and _width(e.core) < _OPEN_HI]
        if not candidates:
            return None
        return min(candidates, key=lambda e: (-e.core[1], -len(e.members), e.index))


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def _fuse_group(group: list[Mention], rules: FusionRules) -> list[FusedEvent]:
    units = _story_units(group, rules)
    builder = _Builder(rules)
    dated = sorted((u for u in units if not u.fallback),
                   key=lambda u: (_tier(u.window), u.window, _precision_key(u.lead)))
    for unit in dated:
        builder.place_dated(unit, _tier(unit.window))
    placed = sorted((u for u in units if u.fallback and u.day is not None),
                    key=lambda u: (u.day, _precision_key(u.lead)))
    fallback_lane = len(_TIER_WIDTHS) + 1  # appended in order of day, so its starts stay sorted
    for position in range(len(placed)):
        builder.place_fallback(placed, position, fallback_lane)
    for unit in sorted((u for u in units if u.fallback and u.day is None), key=lambda u: _precision_key(u.lead)):
        builder.events.append(_Event(len(builder.events), (_OPEN_LO, _OPEN_HI), unit.lead.granularity,
                                     unit.lead.source_sector, unit.lead.target_sector, list(unit.members)))
    return [_fused_event(event) for event in builder.events]


# -- output ----------------------------------------------------------------------------------------------------------
def _fused_event(event: _Event) -> FusedEvent:
    members = event.members
    representative = min(members, key=_precision_key)
    start, end = representative.occurred_start, representative.occurred_end
    if start is not None and end is not None and start > end:
        start, end = end, start
    event_ids = tuple(sorted(m.event_id for m in members))
    reported = sorted((m.reported for m in members if m.reported is not None), key=_reported_key)
    outlets = {m.outlet for m in members}
    cameo = choose_cameo([m.cameo for m in members])
    return FusedEvent(
        fused_id=stable_hash(["fused", event_ids[0]]),
        source_country=representative.source_country,
        source_sector=event.source_sector,
        target_country=representative.target_country,
        target_sector=event.target_sector,
        cameo=cameo,
        root=cameo[:2],
        start=start,
        end=end,
        granularity=representative.granularity,
        basis=representative.basis,
        mentions=event_ids,
        representative=representative.event_id,
        first_reported=reported[0] if reported else None,
        last_reported=reported[-1] if reported else None,
        n_articles=len({m.article_id for m in members}),
        n_sources=len(outlets),
        outlets=tuple(sorted(o for o in outlets if o is not None)),
    )


def choose_cameo(codes: list[str]) -> str:
    """Drop unspecified parents of a code present, then the most frequent; ties to the longer, then smaller."""
    present = set(codes)
    specific = [c for c in codes if not any(_is_parent(c, other) for other in present)]
    counts = Counter(specific)
    return min(counts, key=lambda c: (-counts[c], -len(c), c))


def _is_parent(code: str, other: str) -> bool:
    """Whether ``code`` is a less specific form of ``other`` ("14" or "140" of "141"; "141" of "1411")."""
    general, specific = _specific_form(code), _specific_form(other)
    return general != specific and specific.startswith(general)


def _specific_form(code: str) -> str:
    """A root-level three-digit code ("140") as its root ("14"); other codes as they are."""
    return code[:2] if len(code) == 3 and code.endswith("0") else code
