"""Briefs: a store and a dyad (optionally a third country) in, a short CRS-style note out, as markdown or as one
self-contained HTML page.

The note states numbers and cites, for every claim, the events behind it: each citation is a numbered reference
(date, outlet, quoted evidence sentence) listed at the end. Sections: current state and trend (the monthly
relations index, lowest/highest-since findings), turning points, response chains (365-day window), the trilateral
effect when a third country is named (quarterly triad), key events, references, and a note on method.

Building and rendering are separate: ``build_brief`` returns a ``Brief`` record (text with citation markers,
tables, charts); ``render_markdown`` and ``render_html`` write it out, escaping all evidence text (it comes from
the news and is untrusted). The output depends only on the store's contents: no clock is read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jinja2

from detente import __version__
from detente.analyse.findings import Chain, SinceFinding, TurningPoint, human_period, response_chains
from detente.analyse.index import RelationsPoint, RelationsSeries, relations_series
from detente.analyse.series import dyad_events
from detente.analyse.triad import Triad, TriadPoint, triad
from detente.commands import DyadFindings, _findings
from detente.config import DATA_DIR, Settings
from detente.errors import InputPathError
from detente.lexicon import load_lexicon, load_scale
from detente.report.charts import data_uri, index_chart, triad_chart
from detente.resolve.names import country_code
from detente.store import Store

FORMATS = ("md", "html")
CHAIN_WINDOW_DAYS = 365  # the brief links responses up to a year apart (rulings and sanctions months apart)
SHOWN_CHAINS = 3
KEY_EVENTS = 12
EVENT_LIMIT = 1_000_000  # events of one dyad fetched to look citations up
TEMPLATES = DATA_DIR / "templates" / "brief"


# -- the document -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Cite:
    """A citation marker: the numbers of the references it points to."""

    numbers: tuple[int, ...]


Part = str | Cite
Text = tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    number: int
    day: str
    outlet: str
    title: str | None
    sentence: str
    acts: tuple[str, ...]  # the coded events this sentence is evidence for: "JPN→KOR 163 Impose embargo ..."


@dataclass(frozen=True, slots=True)
class KeyEvent:
    day: str
    who: str
    cameo: str
    cameo_name: str
    goldstein: float
    n_sources: int
    outlet: str
    sentence: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class Chart:
    alt: str
    png: bytes

    @property
    def uri(self) -> str:
        return data_uri(self.png)


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    paragraphs: tuple[Text, ...] = ()
    items: tuple[Text, ...] = ()
    chart: Chart | None = None
    table: tuple[KeyEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    dateline: str
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    method: tuple[str, ...]


# -- public entry point -------------------------------------------------------------------------------------------
def make_brief(store: Store, a: str, b: str, settings: Settings, *, with_: str | None = None,
               start: date | None = None, end: date | None = None, fmt: str = "md") -> str:
    """The brief on A and B (and a third country ``with_``) as a markdown document or a self-contained HTML page.

    Countries are ISO codes or names ("KOR", "South Korea"); ``start``/``end`` bound the events by the date they
    happened. Raises ``InputPathError`` for an unknown country or format."""
    if fmt not in FORMATS:
        raise InputPathError(f"the brief format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    brief = build_brief(store, a, b, settings, with_=with_, start=start, end=end)
    return render_markdown(brief) if fmt == "md" else render_html(brief)


def build_brief(store: Store, a: str, b: str, settings: Settings, *, with_: str | None = None,
                start: date | None = None, end: date | None = None) -> Brief:
    """Compute everything the brief says (series, findings, chains, triad, key events) and cite it."""
    lexicon = load_lexicon(settings.lexicon_dirs)
    codes = [_resolve(text, lexicon) for text in (a, b, *((with_,) if with_ else ()))]
    if len(set(codes)) != len(codes):
        raise InputPathError(f"a brief needs different countries, not {', '.join(codes)}")
    names = {code: (lexicon.countries[code].name if code in lexicon.countries else code) for code in codes}
    cameo_names = {c.code: c.name for c in load_scale(settings.scale_file).codes}
    ctx = _Context(store, settings, codes[0], codes[1], start, end, names, cameo_names)
    return ctx.build(codes[2] if len(codes) == 3 else None)


def _resolve(text: str, lexicon: Any) -> str:
    code = country_code(text, lexicon)
    if code is None:
        raise InputPathError(f"unknown country {text!r}: use an ISO code (KOR) or a name (South Korea)")
    return code


# -- citations ----------------------------------------------------------------------------------------------------
class _Citations:
    """Numbers evidence sentences in order of first citation; one reference per (article, sentence)."""

    def __init__(self, cameo_names: dict[str, str]):
        self.events: dict[str, dict[str, Any]] = {}
        self._cameo_names = cameo_names
        self._numbers: dict[tuple[str, str], int] = {}
        self._refs: dict[int, dict[str, Any]] = {}

    def add_events(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.events.setdefault(str(row["fused_id"]), row)

    def cite(self, fused_ids: Iterable[str]) -> Cite:
        numbers: list[int] = []
        for fused_id in fused_ids:
            row = self.events.get(str(fused_id))
            if row is None:
                continue
            key = (str(row.get("article_id") or ""), clean_sentence(row.get("sentence")))
            number = self._numbers.get(key)
            if number is None:
                number = len(self._numbers) + 1
                self._numbers[key] = number
                self._refs[number] = {"row": row, "acts": []}
            act = f"{_who(row)} {row['cameo']} {self._cameo_names.get(str(row['cameo']), '')}".rstrip()
            if act not in self._refs[number]["acts"]:
                self._refs[number]["acts"].append(act)
            if number not in numbers:
                numbers.append(number)
        return Cite(tuple(numbers))

    def references(self) -> tuple[Reference, ...]:
        out = []
        for number, ref in sorted(self._refs.items()):
            row = ref["row"]
            out.append(Reference(number, event_day(row), str(row.get("outlet") or "unknown outlet"),
                                 row.get("title"), clean_sentence(row.get("sentence")), tuple(ref["acts"])))
        return tuple(out)


def clean_sentence(text: object) -> str:
    """An evidence sentence as quoted: whitespace collapsed, an unpaired leading or trailing quote mark dropped."""
    if not text:
        return "(no evidence sentence: imported event)"
    value = " ".join(str(text).split())
    if value.count('"') % 2 == 1 and value.startswith('"'):
        value = value[1:].lstrip()
    if value.count('"') % 2 == 1 and value.endswith('"'):
        value = value[:-1].rstrip()
    return value


def event_day(row: dict[str, Any]) -> str:
    """When an event happened, at its granularity: "1 Jul 2019", "Jul 2019", "2019"."""
    when = row.get("occurred_start")
    if not isinstance(when, date):
        return "undated"
    granularity = row.get("occurred_granularity") or "day"
    if granularity == "month":
        return human_period(when, "month")
    if granularity == "quarter":
        return human_period(when, "quarter")
    if granularity in ("half", "year", "decade"):
        return str(when.year)
    return human_period(when, "day")


def _who(row: dict[str, Any]) -> str:
    return f"{row['source_country']}→{row['target_country']}"


def signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


# -- building -----------------------------------------------------------------------------------------------------
@dataclass
class _Context:
    store: Store
    settings: Settings
    a: str
    b: str
    start: date | None
    end: date | None
    names: dict[str, str]
    cameo_names: dict[str, str]
    cites: _Citations = field(init=False)

    def __post_init__(self) -> None:
        self.cites = _Citations(self.cameo_names)

    @property
    def mods(self) -> tuple[str, ...]:
        return tuple(self.settings.series_modalities)

    def pair_events(self, x: str, y: str) -> list[dict[str, Any]]:
        rows = dyad_events(self.store, x, y, "occurred_start ASC", EVENT_LIMIT, self.mods, self.start, self.end)
        return [dict(row) for row in rows]

    def build(self, third: str | None) -> Brief:
        series = relations_series(self.store, self.a, self.b, "month", "both", modalities=self.mods,
                                  start=self.start, end=self.end)
        rows = self.pair_events(self.a, self.b)
        self.cites.add_events(rows)
        found = _findings(self.store, self.a, self.b, series, self.settings)
        chains = response_chains(self.store, self.a, self.b, window_days=CHAIN_WINDOW_DAYS, modalities=self.mods,
                                 start=self.start, end=self.end)
        sections = [self.state_section(series, found, rows), self.turns_section(series, found.turning_points),
                    self.chains_section(chains)]
        found_triad = None
        if third is not None:
            found_triad = triad(self.store, self.a, self.b, third, "quarter", modalities=self.mods, start=self.start,
                                end=self.end, with_ids=True)
            for x, y in ((self.a, third), (self.b, third)):
                self.cites.add_events(self.pair_events(x, y))
            sections.append(self.triad_section(found_triad))
        sections.append(self.key_events_section(rows, found.turning_points))
        return Brief(self.title(third), self.dateline(series, rows, third), tuple(sections),
                     self.cites.references(), self.method(series))

    # -- head -------------------------------------------------------------------------------------------------
    def title(self, third: str | None) -> str:
        head = f"{self.names[self.a]}–{self.names[self.b]} Relations"
        return head + (f", with the {self.names[third]}" if third and third == "USA" else
                       f", with {self.names[third]}" if third else "")

    def dateline(self, series: RelationsSeries, rows: list[dict[str, Any]], third: str | None) -> str:
        counted = [r for r in rows if r.get("goldstein") is not None and isinstance(r.get("occurred_start"), date)]
        if not counted:
            return f"No {self.a}–{self.b} events in the store" + self._range_note() + "."
        first, last = counted[0]["occurred_start"], counted[-1]["occurred_start"]
        outlets = sorted({o for r in counted for o in (r.get("outlets") or [])})
        articles = {m for r in counted for m in (r.get("mentions") or [])}
        span = f"{human_period(first, 'month')} – {human_period(last, 'month')}"
        return (f"Data through {human_period(last, 'day')} · {len(counted)} events {self.a}–{self.b} ({span}), "
                f"coded from {len(articles)} mentions in {len(outlets)} outlets"
                + (f" · triad with {third}" if third else ""))

    def _range_note(self) -> str:
        if self.start is None and self.end is None:
            return ""
        lo = self.start.isoformat() if self.start else "the start"
        hi = self.end.isoformat() if self.end else "the end"
        return f" between {lo} and {hi}"

    def method(self, series: RelationsSeries) -> tuple[str, ...]:
        meta = series.meta
        versions = "; ".join(f"{k} {', '.join(v)}" for k, v in sorted(meta.versions.items()))
        return (
            "Events are fused events (one per real-world act however many reports mention it), dated by when they "
            f"happened; counted modalities: {', '.join(meta.modalities)}; both directions.",
            f"Relations index = sum of the period's Goldstein weights / (events + {meta.prior_events:g}): the mean "
            "weight shrunk toward 0 (neutral), on the Goldstein scale from -10 (most hostile) to +10 (most "
            f"cooperative). Intervals: {meta.level:.0%} seeded Bayesian bootstrap ({meta.n_boot} draws).",
            "Turning points: PELT change points of the evidence-weighted monthly index. Response chains: a reply "
            f"within {CHAIN_WINDOW_DAYS} days, in kind (conflict for conflict, cooperation for cooperation). "
            "Triads: quarterly; cohesion = the weakest leg's index. Details: docs/analytics.md.",
            f"detente {__version__}; store schema {meta.schema_version}" + (f"; {versions}" if versions else "")
            + ". Evidence sentences are quoted from the outlets as coded; they are not verified.",
        )

    # -- current state ----------------------------------------------------------------------------------------
    def cite_period(self, point: RelationsPoint, n: int = 3) -> Cite:
        """The period's events that pull its index most in the direction of its sign."""
        sign = -1.0 if (point.index or 0.0) < 0 else 1.0
        rows = [self.cites.events[i] for i in point.event_ids if i in self.cites.events]
        rows.sort(key=lambda r: (-sign * float(r.get("goldstein") or 0.0), str(r["fused_id"])))
        return self.cites.cite(str(r["fused_id"]) for r in rows[:n])

    def state_section(self, series: RelationsSeries, found: DyadFindings, rows: list[dict[str, Any]]) -> Section:
        scored = [p for p in series.points if p.index is not None]
        if not scored:
            return Section("Current state and trend",
                           ((f"The store holds no counted {self.a}–{self.b} events{self._range_note()}.",),))
        by_period = {p.period: p for p in scored}
        directions = {d: sum(1 for r in rows if r.get("goldstein") is not None and _who(r) == d)
                      for d in (f"{self.a}→{self.b}", f"{self.b}→{self.a}")}
        first, last = scored[0], scored[-1]
        parts: list[Part] = [
            f"Between {human_period(first.start, 'month')} and {human_period(last.start, 'month')} the store "
            f"holds {sum(p.events for p in scored)} {self.a}–{self.b} events in {len(scored)} of "
            f"{len(series.points)} months ({', '.join(f'{n} {d}' for d, n in directions.items())}). "]
        low = by_period[found.record_low.period] if found.record_low else None
        peak_period: str | None = None
        if low is not None and found.record_low is not None:
            peak = max((p for p in scored if p.start < low.start), key=lambda p: (p.index or 0.0, p.period),
                       default=None)
            if peak is not None and (peak.index or 0.0) > (low.index or 0.0):
                peak_period = peak.period
                parts += [f"The relations index fell from {signed(peak.index)} in {human_period(peak.start, 'month')}",
                          self.cite_period(peak), f" to {signed(low.index)} in {human_period(low.start, 'month')}",
                          self.cite_period(low)]
            else:
                parts += [f"The relations index was lowest in {human_period(low.start, 'month')}, at "
                          f"{signed(low.index)}", self.cite_period(low)]
            parts += [": ", *self.since_words(found.record_low, low, series)]
        if found.latest is not None and (low is None or found.latest.period != low.period):
            latest = by_period[found.latest.period]
            verb = "has since risen" if low is not None and (latest.index or 0.0) > (low.index or 0.0) else "stood"
            parts += [f" It {verb} to {signed(latest.index)} in {human_period(latest.start, 'month')} "
                      f"({latest.events} events, {_interval(latest)})", self.cite_period(latest), ": ",
                      *self.since_words(found.latest, latest, series)]
        high = found.record_high
        if high is not None and high.period not in {found.latest.period if found.latest else None,
                                                    low.period if low else None, peak_period}:
            point = by_period[high.period]
            parts += [f" The highest value, {signed(point.index)}, was in {human_period(point.start, 'month')}",
                      self.cite_period(point), "."]
        chart = Chart(f"{self.a}–{self.b} monthly relations index with 95% interval and turning points",
                      index_chart(series, found.turning_points))
        return Section("Current state and trend", (tuple(parts),), chart=chart)

    def since_words(self, finding: SinceFinding, point: RelationsPoint, series: RelationsSeries) -> list[Part]:
        """"lowest since at least Dec 2015 (the start of the data)", with the periods that are too close to call."""
        tail = finding.sentence.split(": ", 1)[-1]
        words: list[Part] = [tail]
        if finding.close:
            close = [series.points[series.position(c)] for c in finding.close]
            named = ", ".join(f"{human_period(c.start, 'month')} ({signed(c.index)})" for c in close)
            words.append(f"; {named} {'lies' if len(close) == 1 else 'lie'} inside its {_interval(point)}, so the "
                         "ranking is not settled")
        words.append(".")
        return words

    # -- turning points ---------------------------------------------------------------------------------------
    def turns_section(self, series: RelationsSeries, turns: Sequence[TurningPoint]) -> Section:
        if not turns:
            return Section("Turning points", (("No change in the level of the monthly index is large enough to "
                                              "count as a turning point.",),))
        lead: Text = (f"{len(turns)} changes in the level of the monthly index, each dated by the first month of "
                      "the new level (level = mean index of the whole segment, months without events at 0). The "
                      "events listed moved the local level most: for a fall, conflict after it or cooperation "
                      "that stopped before it; for a rise, the reverse.",)
        items = []
        for turn in turns:
            parts: list[Part] = [
                f"{human_period(turn.start, 'month')}, {turn.direction} ({signed(turn.size)}): from "
                f"{signed(turn.level_before)} to {signed(turn.level_after)}. Explained by "]
            parts += self.event_list([dict(e) for e in turn.events])
            parts.append(".")
            items.append(tuple(parts))
        return Section("Turning points", (lead,), tuple(items))

    def event_list(self, events: list[dict[str, Any]]) -> list[Part]:
        """Events as "1 Jul 2019, JPN→KOR 163 Impose embargo (-8.0) [n]", joint acts coded both ways merged."""
        parts: list[Part] = []
        for i, group in enumerate(self.joint_groups(events)):
            row = group[0]
            parts.append(("; " if i else "") + f"{event_day(row)}, {_who_group(group)} {row['cameo']} "
                         f"{self.cameo_names.get(str(row['cameo']), '')} ({signed(float(row['goldstein']))})")
            parts.append(self.cites.cite(str(r["fused_id"]) for r in group))
        return parts

    def joint_groups(self, events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """Group events by (date, code, sentence): one act coded in both directions is one line."""
        groups: dict[tuple[object, str, str], list[dict[str, Any]]] = {}
        for event in events:
            row = self.cites.events.get(str(event["fused_id"]), event)
            key = (row.get("occurred_start"), str(row["cameo"]), clean_sentence(row.get("sentence")))
            if all(r["fused_id"] != row["fused_id"] for r in groups.get(key, [])):
                groups.setdefault(key, []).append(row)
        return list(groups.values())

    # -- response chains --------------------------------------------------------------------------------------
    def chains_section(self, chains: list[Chain]) -> Section:
        title = "Response chains"
        window = (f"Replies are linked within a {CHAIN_WINDOW_DAYS}-day window (the analytics default is 90 days; "
                  "a brief uses a year so that acts months apart, such as court rulings and the sanctions that "
                  "answer them, can link). ")
        if not chains:
            return Section(title, ((window + f"No {self.a}–{self.b} event answers another in kind.",),))
        links = {(str(link.first["fused_id"]), str(link.reply["fused_id"])): link.kind
                 for chain in chains for link in chain.links}
        kinds = [k for k in links.values()]
        shown = pick_chains(chains, SHOWN_CHAINS)
        lead: Text = (window + f"{len(chains)} chains ({kinds.count('retaliation')} retaliation and "
                      f"{kinds.count('reciprocation')} reciprocation links in all); the {len(shown)} strongest "
                      "(sum of link scores: recency times similarity of intensity) that add new events:",)
        return Section(title, (lead,), tuple(self.chain_text(chain) for chain in shown))

    def chain_text(self, chain: Chain) -> Text:
        kinds = {link.kind for link in chain.links}
        kind = kinds.pop() if len(kinds) == 1 else "mixed"
        last = chain.links[-1].reply["occurred_start"]
        parts: list[Part] = [f"{kind.capitalize()}, {human_period(chain.start, 'day')} – "
                             f"{human_period(last, 'day') if isinstance(last, date) else '?'}, "
                             f"{len(chain.links)} {'reply' if len(chain.links) == 1 else 'replies'}: "]
        parts += self.step(chain.links[0].first)
        for link in chain.links:
            parts.append(f" → {_lag_words(link.lag_days)}, ")
            parts += self.step(link.reply)
        return tuple(parts)

    def step(self, event: dict[str, Any]) -> list[Part]:
        row = self.cites.events.get(str(event["fused_id"]), event)
        return [f"{event_day(row)} {_who(row)} {row['cameo']} {self.cameo_names.get(str(row['cameo']), '')}",
                self.cites.cite([str(row["fused_id"])])]

    # -- triad ------------------------------------------------------------------------------------------------
    def triad_section(self, found: Triad) -> Section:
        title = "Trilateral effect"
        names = "–".join(found.countries)
        filled = [p for p in found.points if p.cohesion is not None]
        if not filled:
            return Section(title, ((f"The store holds no events among {names}.",),))
        lead: Text = (f"Cohesion of the {names} triangle is, each quarter, the index of its weakest leg (a leg "
                      "without events counts as 0); balance is the sign of the product of the three legs "
                      "(Heider).",)
        paragraphs: list[Text] = [lead]
        lowest = min(filled, key=lambda p: (p.cohesion or 0.0, p.period))
        latest = filled[-1]
        paragraphs.append(tuple(["Lowest cohesion: ", *self.triad_point(found, lowest)]))
        if latest.period != lowest.period:
            paragraphs.append(tuple(["Latest quarter: ", *self.triad_point(found, latest)]))
        counts = {name: sum(1 for p in filled if p.weakest == name) for name in found.legs}
        paragraphs.append((f"Weakest leg by quarter ({len(filled)} quarters with events): "
                           + ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: -kv[1]))
                           + ".",))
        items = tuple(self.triad_turn(found, turn) for turn in found.turning_points)
        if items:
            paragraphs.append(("Turning points of cohesion, and the leg that moved it (change of each leg's local "
                               "mean index across the turn):",))
        chart = Chart(f"{names}: quarterly index of each leg and cohesion", triad_chart(found))
        return Section(title, tuple(paragraphs), items, chart=chart)

    def triad_point(self, found: Triad, point: TriadPoint) -> list[Part]:
        weakest = point.weakest or ""
        value = point.legs.get(weakest)
        parts: list[Part] = [f"{human_period(point.start, 'quarter')}, {signed(point.cohesion)}; weakest leg "
                             f"{weakest}"]
        if value is None:
            parts.append(" (no events that quarter)")
        else:
            parts += [f" ({self.leg_events(found, weakest, point.period)} events)",
                      self.cite_leg(found, weakest, point.period)]
        others = [f"{name} {signed(v) if v is not None else 'no events'}" for name, v in point.legs.items()
                  if name != weakest]
        parts.append(f"; other legs {', '.join(others)}; {_balance_words(point)}.")
        return parts

    def leg_events(self, found: Triad, leg: str, period: str) -> int:
        series = found.legs[leg]["both"]
        return series.points[series.position(period)].events

    def cite_leg(self, found: Triad, leg: str, period: str, sign: float | None = None, n: int = 2) -> Cite:
        series = found.legs[leg]["both"]
        point = series.points[series.position(period)]
        if sign is None:
            sign = -1.0 if (point.index or 0.0) < 0 else 1.0
        rows = [self.cites.events[i] for i in point.event_ids if i in self.cites.events]
        rows.sort(key=lambda r: (-sign * float(r.get("goldstein") or 0.0), str(r["fused_id"])))
        return self.cites.cite(str(r["fused_id"]) for r in rows[:n])

    def triad_turn(self, found: Triad, turn: Any) -> Text:
        sign = 1.0 if turn.direction == "up" else -1.0
        moves = ", ".join(f"{name} {signed(v)}" for name, v in turn.leg_moves.items())
        parts: list[Part] = [f"{human_period(turn.start, 'quarter')}, {turn.direction} ({signed(turn.size)}): "
                             f"driven by {turn.driver} (leg moves: {moves})"]
        series = found.legs[turn.driver]["both"]
        at = series.position(turn.period)
        around = [series.points[i] for i in (at, at - 1, at + 1) if 0 <= i < len(series.points)]
        with_events = [p for p in around if p.events]
        if with_events:
            parts.append(self.cite_leg(found, turn.driver, with_events[0].period, sign))
        parts.append(".")
        return tuple(parts)

    # -- key events -------------------------------------------------------------------------------------------
    def key_events_section(self, rows: list[dict[str, Any]], turns: Sequence[TurningPoint]) -> Section:
        counted = [r for r in rows if r.get("goldstein") is not None and isinstance(r.get("occurred_start"), date)]
        if not counted:
            return Section("Key events", (("No events.",),))
        chosen: dict[str, dict[str, Any]] = {}
        for turn in turns:
            for event in turn.events:
                chosen.setdefault(str(event["fused_id"]), self.cites.events[str(event["fused_id"])])
        by_weight = sorted(counted, key=lambda r: (float(r["goldstein"]), -int(r.get("n_sources") or 0),
                                                   str(r["fused_id"])))
        for row in [*by_weight[:3], *reversed(by_weight[-3:])]:
            chosen.setdefault(str(row["fused_id"]), row)
        groups = self.joint_groups(list(chosen.values()))
        groups.sort(key=lambda g: (-abs(float(g[0]["goldstein"])), str(g[0]["fused_id"])))
        groups = sorted(groups[:KEY_EVENTS], key=lambda g: (g[0]["occurred_start"], str(g[0]["fused_id"])))
        table = tuple(self.key_event(group) for group in groups)
        lead: Text = ("The events that explain the turning points and the most conflictual and most cooperative "
                      "acts, by date (Goldstein weight from -10 to +10; sources = distinct outlets reporting it):",)
        return Section("Key events", (lead,), table=table)

    def key_event(self, group: list[dict[str, Any]]) -> KeyEvent:
        row = group[0]
        return KeyEvent(event_day(row), _who_group(group), str(row["cameo"]),
                        self.cameo_names.get(str(row["cameo"]), ""), float(row["goldstein"]),
                        max(int(r.get("n_sources") or 0) for r in group), str(row.get("outlet") or "unknown"),
                        clean_sentence(row.get("sentence")), self.cites.cite(str(r["fused_id"]) for r in group))


def _who_group(group: list[dict[str, Any]]) -> str:
    pairs = {(r["source_country"], r["target_country"]) for r in group}
    first = group[0]
    if (first["target_country"], first["source_country"]) in pairs:
        return f"{first['source_country']}↔{first['target_country']}"
    return _who(first)


def _lag_words(days: int) -> str:
    return "same day" if days == 0 else "1 day later" if days == 1 else f"{days} days later"


def _interval(point: RelationsPoint) -> str:
    return f"95% interval {signed(point.ci_low)} to {signed(point.ci_high)}"


def _balance_words(point: TriadPoint) -> str:
    if point.balance is None:
        return "balance undetermined (a leg without events or at 0)"
    hostile = sum(1 for v in point.legs.values() if v is not None and v < 0)
    shape = {0: "three friendly legs", 1: "one hostile leg between two friendly ones",
             2: "two hostile legs and one friendly", 3: "three hostile legs"}[hostile]
    return f"{'balanced' if point.balance == '+' else 'unbalanced'} ({shape})"


def pick_chains(chains: Sequence[Chain], n: int) -> list[Chain]:
    """The ``n`` best-scoring chains, skipping one whose events are all in chains already picked; by start."""
    picked: list[Chain] = []
    seen: set[str] = set()
    for chain in sorted(chains, key=lambda c: (-c.score, c.start, -len(c.links))):
        ids = {str(e["fused_id"]) for e in chain.events}
        if ids <= seen:
            continue
        picked.append(chain)
        seen |= ids
        if len(picked) == n:
            break
    return sorted(picked, key=lambda c: (c.start, -c.score))


# -- rendering ----------------------------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md_escape(text: str) -> str:
    """Untrusted text for markdown: HTML metacharacters as entities, markdown syntax backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _md_text(parts: Text) -> str:
    out = []
    for part in parts:
        if isinstance(part, Cite):
            out.append(f"[{', '.join(str(n) for n in part.numbers)}]" if part.numbers else "")
        else:
            out.append(md_escape(part))
    return "".join(out)


def render_markdown(brief: Brief) -> str:
    lines = [f"# {md_escape(brief.title)}", "", f"*{md_escape(brief.dateline)}*", ""]
    for section in brief.sections:
        lines += [f"## {md_escape(section.title)}", ""]
        for paragraph in section.paragraphs:
            lines += [_md_text(paragraph), ""]
        if section.items:
            lines += [f"{i}. {_md_text(item)}" for i, item in enumerate(section.items, start=1)] + [""]
        if section.table:
            lines += ["| Date | Who→whom | CAMEO | Goldstein | Sources | Outlet | Evidence |",
                      "|---|---|---|---:|---:|---|---|"]
            lines += [f"| {md_escape(e.day)} | {md_escape(e.who)} | {md_escape(e.cameo)} "
                      f"{md_escape(e.cameo_name)} | {signed(e.goldstein)} | {e.n_sources} | {md_escape(e.outlet)} | "
                      f"“{md_escape(e.sentence)}” {_md_text((e.cite,))} |" for e in section.table] + [""]
        if section.chart is not None:
            lines += [f"![{md_escape(section.chart.alt)}]({section.chart.uri})", ""]
    lines += ["## References", ""]
    for ref in brief.references:
        title = f", “{md_escape(ref.title)}”" if ref.title else ""
        lines.append(f"[{ref.number}] {md_escape(ref.day)}. {md_escape(ref.outlet)}{title}: "
                     f"“{md_escape(ref.sentence)}” ({md_escape('; '.join(ref.acts))})  ")
    lines += ["", "## About this brief", ""]
    lines += [f"- {md_escape(line)}" for line in brief.method]
    return "\n".join(lines) + "\n"


def render_html(brief: Brief) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["signed"] = signed
    env.tests["cite"] = lambda part: isinstance(part, Cite)
    return env.get_template("brief.html.j2").render(brief=brief)
