"""Time expressions in news text, found and resolved against the publication date.

``find_dates(text, ctx)`` scans a sentence and returns every time expression it knows, with its character span and
the ``EventDate`` it means; ``resolve_date(expression, ctx)`` resolves one expression. Everything is relative to
``DateContext.reference``: the publication date in the time zone of the place the story is about (a story
published in Seoul on Feb. 10 at 09:06 about "Tuesday" in Washington is read from Washington's Feb. 9).

Conventions: a month or day without a year is the most recent one not after the reference (the next one when the
clause is about the future); "on Tuesday" is the most recent Tuesday on or before the reference, "last Tuesday"
the one before the reference day; "early/mid/late 2019" are Jan-Apr / May-Aug / Sep-Dec (days 1-10 / 11-20 / 21-end
for a month); "last week" is the previous Monday-Sunday week; numeric dates follow the outlet's order (DMY, MDY or
YMD), recorded in ``EventDate.note``.

Anchored expressions ("two days later", "the next day", "the following month", "the day before", "later that
year", "three weeks earlier") count from the narrative time, not from publication: the last date found earlier in
the same text, else ``DateContext.anchor`` (the caller's narrative time). With neither they are left out (or, asked
for with ``unanchored=True``, returned unresolved so a caller can bind them later with ``resolve_anchored``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from detente.records import DateBasis, EventDate, Granularity

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "couple": 2}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "last": 4, "final": 4}

M = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
     r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
M2 = M.replace("?P<month>", "?P<month2>")
WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
Y = r"(?P<year>(?:1[89]|20)\d{2})"
Y2 = Y.replace("?P<year>", "?P<year2>")
D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
D2 = D.replace("?P<day>", "?P<day2>")
PHASE = r"(?P<phase>early|mid|middle|late|the\s+(?:beginning|start|end|middle)\s+of|(?:beginning|start|end)\s+of)"
NUM = (r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|"
       r"a\s+couple\s+of)")
UNIT = r"(?P<unit>day|week|month|year|decade)s?"


@dataclass(frozen=True, slots=True)
class DateContext:
    reference: date  # publication date, in the zone of the place the story is about
    order: str = "MDY"  # how the outlet writes numeric dates: MDY, DMY or YMD
    future: bool = False  # the clause is about the future ("will meet on Tuesday")
    anchor: EventDate | None = None  # narrative time that "the next day", "two weeks later" count from


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    date: EventDate


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def _safe_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_of(text: str) -> int:
    key = text.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTHS[key[:3]]


def _year_for(month: int, day: int | None, ctx: DateContext) -> int:
    """The year of a month (and day) given without one: the latest not after the reference (or next, if future)."""
    ref = ctx.reference
    given = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    if ctx.future:
        return ref.year if given >= now else ref.year + 1
    return ref.year if given <= now else ref.year - 1


def _ed(start: date | None, end: date | None, gran: Granularity, basis: DateBasis, text: str,
        note: str | None = None) -> EventDate:
    return EventDate(start, end, gran, basis, text, note)


def _phase_range(phase: str, start: date, end: date) -> tuple[date, date]:
    """early/mid/late of a year (Jan-Apr, May-Aug, Sep-Dec) or of a month (1-10, 11-20, 21-end)."""
    phase = " ".join(phase.lower().split())
    part = 0 if (phase.startswith("early") or "beginning" in phase or "start" in phase) else (
        2 if (phase.startswith("late") or "end" in phase) else 1)
    if start.month != end.month:  # a year
        first = date(start.year, 1 + 4 * part, 1)
        return first, _month_end(start.year, 4 + 4 * part)
    bounds = [(1, 10), (11, 20), (21, end.day)][part]
    return date(start.year, start.month, bounds[0]), date(start.year, start.month, bounds[1])


# -- handlers: each takes the match and the context, returns an EventDate or None ---------------------------------
Handler = Callable[[re.Match[str], DateContext], "EventDate | None"]


def _iso(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    day = _safe_day(int(m["year"]), int(m["m"]), int(m["d"]))
    return _ed(day, day, Granularity.DAY, DateBasis.EXPLICIT, m[0]) if day else None


def _numeric(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    order = ctx.order if ctx.order in {"MDY", "DMY"} else "MDY"
    month, day = (a, b) if order == "MDY" else (b, a)
    note = None
    if a <= 12 and b <= 12 and a != b:
        note = f"ambiguous numeric date read as {order} by the outlet's convention"
    elif month > 12:
        month, day = day, month
        note = "numeric date read against the outlet's convention: the other order is impossible"
    found = _safe_day(year, month, day)
    other = _safe_day(year, day, month)
    if found and other and found > ctx.reference >= other and not ctx.future:
        found, note = other, f"numeric date read against the outlet's {order} order: that order is after publication"
    return _ed(found, found, Granularity.DAY, DateBasis.EXPLICIT, m[0], note) if found else None


def _ymd_numeric(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    day = _safe_day(int(m["year"]), int(m["m"]), int(m["d"]))
    return _ed(day, day, Granularity.DAY, DateBasis.EXPLICIT, m[0]) if day else None


def _month_day_year(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    day = _safe_day(int(m["year"]), _month_of(m["month"]), int(m["day"]))
    return _ed(day, day, Granularity.DAY, DateBasis.EXPLICIT, m[0]) if day else None


def _month_day(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    month, dd = _month_of(m["month"]), int(m["day"])
    year = _year_for(month, dd, ctx)
    day = _safe_day(year, month, dd)
    return _ed(day, day, Granularity.DAY, DateBasis.RELATIVE, m[0]) if day else None


def _month_year(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    start, end = _month_span(int(m["year"]), _month_of(m["month"]))
    return _ed(start, end, Granularity.MONTH, DateBasis.EXPLICIT, m[0])


def _month_alone(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    month = _month_of(m["month"])
    start, end = _month_span(_year_for(month, None, ctx), month)
    return _ed(start, end, Granularity.MONTH, DateBasis.RELATIVE, m[0])


def _phase_year(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    year = int(m["year"])
    if m["month"]:
        start, end = _phase_range(m["phase"], *_month_span(year, _month_of(m["month"])))
    else:
        start, end = _phase_range(m["phase"], date(year, 1, 1), date(year, 12, 31))
    return _ed(start, end, Granularity.RANGE, DateBasis.EXPLICIT, m[0])


def _phase_month(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    month = _month_of(m["month"])
    year = _year_for(month, None, ctx)
    start, end = _phase_range(m["phase"], *_month_span(year, month))
    if start > ctx.reference and not ctx.future:
        start, end = _phase_range(m["phase"], *_month_span(year - 1, month))
    return _ed(start, end, Granularity.RANGE, DateBasis.RELATIVE, m[0])


def _which_year(m: re.Match[str], ctx: DateContext) -> tuple[int, DateBasis]:
    groups = m.groupdict()
    if groups.get("year"):
        return int(groups["year"]), DateBasis.EXPLICIT
    rel = (groups.get("rel") or "this").lower()
    return ctx.reference.year + {"last": -1, "next": 1}.get(rel, 0), DateBasis.RELATIVE


def _half(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    year, basis = _which_year(m, ctx)
    first = _ORDINALS.get(m["ord"].lower(), 1) == 1 or m["ord"].lower() in {"h1"}
    start, end = (date(year, 1, 1), date(year, 6, 30)) if first else (date(year, 7, 1), date(year, 12, 31))
    return _ed(start, end, Granularity.HALF, basis, m[0])


def _quarter(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    year, basis = _which_year(m, ctx)
    groups = m.groupdict()
    q = int(groups["q"]) if groups.get("q") else _ORDINALS.get((groups.get("ord") or "first").lower(), 1)
    start = date(year, 3 * q - 2, 1)
    return _ed(start, _month_end(year, 3 * q), Granularity.QUARTER, basis, m[0])


def _year_range(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    a, b = int(m["year"]), int(m["year2"])
    if b < a:
        return None
    return _ed(date(a, 1, 1), date(b, 12, 31), Granularity.RANGE, DateBasis.EXPLICIT, m[0])


def _since(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    inner = resolve_date("in " + m["rest"], ctx)
    if inner is None or inner.start is None:
        return None
    return _ed(inner.start, None, Granularity.OPEN, inner.basis, m[0])


def _decade(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    start = int(m["dec"])
    if start < 100:
        start += 1900 if start >= 30 else 2000
    return _ed(date(start, 1, 1), date(start + 9, 12, 31), Granularity.DECADE, DateBasis.EXPLICIT, m[0])


def _count(raw: str | None) -> int:
    """How many units ``NUM`` says: "two" -> 2, "a few" -> 3, "a couple of" -> 2, "48" -> 48."""
    raw = " ".join((raw or "one").lower().split())
    if raw.isdigit():
        return int(raw)
    if raw.startswith("a few"):
        return 3
    if raw.startswith("a couple"):
        return 2
    return _NUMBERS.get(raw.split()[-1] if raw.startswith("a ") else raw, 1)


def _ago(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    n = _count(m["num"])
    unit, ref = m["unit"].lower(), ctx.reference
    if unit == "day":
        day = ref - timedelta(days=n)
        return _ed(day, day, Granularity.DAY, DateBasis.RELATIVE, m[0])
    if unit == "week":
        start = ref - timedelta(days=ref.weekday() + 7 * n)
        return _ed(start, start + timedelta(days=6), Granularity.WEEK, DateBasis.RELATIVE, m[0])
    if unit == "month":
        total = ref.year * 12 + ref.month - 1 - n
        start, end = _month_span(total // 12, total % 12 + 1)
        return _ed(start, end, Granularity.MONTH, DateBasis.RELATIVE, m[0])
    years = n * (10 if unit == "decade" else 1)
    year = ref.year - years
    return _ed(date(year, 1, 1), date(year, 12, 31), Granularity.YEAR, DateBasis.RELATIVE, m[0])


def _relative_period(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    rel = " ".join(m["rel"].lower().split())
    unit, ref = m["unit"].lower(), ctx.reference
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "week":
        start = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        end = start + timedelta(days=6)
        if shift == 0 and not ctx.future:
            end = min(end, ref)
        return _ed(start, end, Granularity.WEEK, DateBasis.RELATIVE, m[0])
    if unit == "weekend":
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        if shift == 1 or (ctx.future and shift == 0 and saturday < ref - timedelta(days=1)):
            saturday += timedelta(days=7)
        elif shift == -1 and saturday + timedelta(days=1) >= ref:
            saturday -= timedelta(days=7)
        return _ed(saturday, saturday + timedelta(days=1), Granularity.RANGE, DateBasis.RELATIVE, m[0])
    if unit == "month":
        total = ref.year * 12 + ref.month - 1 + shift
        start, end = _month_span(total // 12, total % 12 + 1)
        if rel.startswith("earlier") or (shift == 0 and not ctx.future):
            end = min(end, ref)
        if rel.startswith("later"):
            start = max(start, ref)
        return _ed(start, end, Granularity.MONTH, DateBasis.RELATIVE, m[0])
    year = ref.year + shift
    start, end = date(year, 1, 1), date(year, 12, 31)
    if rel.startswith("earlier") or (shift == 0 and not ctx.future):
        end = min(end, ref)
    if rel.startswith("later"):
        start = max(start, ref)
    return _ed(start, end, Granularity.YEAR, DateBasis.RELATIVE, m[0])


def _deictic(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    word = " ".join(m[0].lower().split())
    offset = -1 if word in {"yesterday", "last night"} else 1 if word == "tomorrow" else 0
    day = ctx.reference + timedelta(days=offset)
    return _ed(day, day, Granularity.DAY, DateBasis.RELATIVE, m[0])


def _weekday(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    target, ref = _WEEKDAYS[m["weekday"].lower()], ctx.reference
    rel = (m["rel"] or "").lower()
    back = (ref.weekday() - target) % 7
    if rel == "next" or (ctx.future and rel != "last"):
        ahead = (target - ref.weekday()) % 7 or (7 if rel == "next" else 0)
        day = ref + timedelta(days=ahead)
    else:
        if rel == "last" and back == 0:
            back = 7
        day = ref - timedelta(days=back)
    return _ed(day, day, Granularity.DAY, DateBasis.RELATIVE, m[0])


# -- anchored handlers: each takes the match and the anchor (the narrative time), returns an EventDate or None ------
AnchoredHandler = Callable[[re.Match[str], EventDate], "EventDate | None"]
_DAY_UNITS = {"day", "morning", "afternoon", "evening", "night", "hour", "minute"}
_FORWARD = {"next", "following", "after", "later", "subsequent"}
_BACKWARD = {"previous", "preceding", "prior", "before", "earlier"}


def _rel_of(m: re.Match[str]) -> str | None:
    """The direction word of an anchored match, whichever branch of its pattern matched."""
    groups = m.groupdict()
    return groups.get("rel") or groups.get("rel2")


def _direction(rel: str | None) -> int:
    word = (rel or "").lower()
    return 1 if word in _FORWARD else -1 if word in _BACKWARD else 0


def _add_months(day: date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def _period(unit: str, day: date) -> tuple[date, date, Granularity]:
    """The week, month or year holding ``day``."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), Granularity.WEEK
    if unit == "month":
        return *_month_span(day.year, day.month), Granularity.MONTH
    return date(day.year, 1, 1), date(day.year, 12, 31), Granularity.YEAR


def _shifted_period(unit: str, anchor: EventDate, steps: int, text: str) -> EventDate | None:
    """The day, week, month or year ``steps`` units from the anchor's ("the following month": +1)."""
    start = anchor.start
    if start is None or not _fits(unit, anchor):
        return None
    if unit in _DAY_UNITS:
        day = start + timedelta(days=steps)
        return _ed(day, day, Granularity.DAY, DateBasis.NARRATIVE, text, _anchor_note(anchor))
    if unit == "month":
        first, last = _month_span(*_add_months(start, steps))
        return _ed(first, last, Granularity.MONTH, DateBasis.NARRATIVE, text, _anchor_note(anchor))
    if unit == "year":
        year = start.year + steps
        return _ed(date(year, 1, 1), date(year, 12, 31), Granularity.YEAR, DateBasis.NARRATIVE, text,
                   _anchor_note(anchor))
    first, last, gran = _period(unit, start + timedelta(weeks=steps))
    return _ed(first, last, gran, DateBasis.NARRATIVE, text, _anchor_note(anchor))


def _anchor_note(anchor: EventDate) -> str:
    return f"counted from '{anchor.text or anchor.start}'"


_LONGEST = {"week": 6, "month": 30, "year": 365}  # days from first to last of a unit (at most)


def _fits(unit: str, anchor: EventDate) -> bool:
    """Whether the anchor is no longer than the unit counted from it: "the next day" needs a day, "the following
    month" a month or less ("the previous month" from "in 2019" names no month)."""
    if anchor.start is None or anchor.end is None:
        return False
    if unit in _DAY_UNITS:
        return anchor.granularity == Granularity.DAY
    return (anchor.end - anchor.start).days <= _LONGEST.get(unit, 365)


def _relative_to_anchor(m: re.Match[str], anchor: EventDate) -> EventDate | None:
    """"the next day", "the following week", "the month before", "the previous year"."""
    unit = m["unit"].lower()
    return _shifted_period(unit, anchor, _direction(_rel_of(m)), m[0])


def _units_from_anchor(m: re.Match[str], anchor: EventDate) -> EventDate | None:
    """"two days later", "a week after", "three months earlier", "48 hours later": N units from the anchor; a
    count of days or weeks from a day is a day, of months or years the month or year it lands in."""
    unit, n, sign = m["unit"].lower(), _count(m["num"]), _direction(_rel_of(m))
    start = anchor.start
    if start is None:
        return None
    if unit in {"hour", "minute"}:
        n = n // 24 if unit == "hour" else 0
        unit = "day"
    if unit == "week" and anchor.granularity == Granularity.DAY:
        unit, n = "day", 7 * n
    if unit == "day" and anchor.granularity != Granularity.DAY:
        if anchor.end is None or (anchor.end - start).days > _LONGEST["month"]:
            return None
        delta = timedelta(days=sign * n)  # "days later" than a month or a week: that span, moved
        return _ed(start + delta, anchor.end + delta, Granularity.RANGE, DateBasis.NARRATIVE, m[0],
                   _anchor_note(anchor))
    return _shifted_period(unit, anchor, sign * n, m[0])


def _within_anchor(m: re.Match[str], anchor: EventDate) -> EventDate | None:
    """"that day", "the same week", "later that year", "earlier that month": the anchor's day, week, month or year,
    or the part of it after (or before) the anchor."""
    unit, sign, start = m["unit"].lower(), _direction(_rel_of(m)), anchor.start
    if start is None:
        return None
    if not _fits(unit, anchor):
        return None
    if unit in _DAY_UNITS:
        return _shifted_period(unit, anchor, 0, m[0])
    first, last, gran = _period(unit, start)
    if sign == 0:
        return _ed(first, last, gran, DateBasis.NARRATIVE, m[0], _anchor_note(anchor))
    end = anchor.end or start
    if first < start or end < last:  # the anchor is part of the period: what is left of it after (before) the anchor
        if sign > 0:
            first = min(end + timedelta(days=1), last)
        else:
            last = max(start - timedelta(days=1), first)
    return _ed(first, last, Granularity.RANGE, DateBasis.NARRATIVE, m[0], _anchor_note(anchor))


def _year_alone(m: re.Match[str], ctx: DateContext) -> EventDate | None:
    year = int(m["year"])
    return _ed(date(year, 1, 1), date(year, 12, 31), Granularity.YEAR, DateBasis.EXPLICIT, m[0])


_FLAGS = re.IGNORECASE
# Cues: strings every match of a rule contains, in lower case; ``_DIGIT`` stands for a digit (``\d``) and
# ``_YEAR`` for a year as ``Y`` writes it. A rule's pattern runs only on a sentence holding at least one cue of each
# of the rule's groups, which skips most of the scans (most sentences name no date). Cues being necessary, they
# never change what is found.
_DIGIT, _YEAR = "<digit>", "<year>"
_MONTH_CUES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_PHASE_CUES = ("early", "mid", "late", "beginning", "start", "end")
_YEAR_LINKS = ("-", "\u2013", "\u2014", "to", "and", "until", "through")
_CUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "iso": ((_YEAR,), ("-",)),
    "ymd-numeric": ((_YEAR,), ("/", ".")),
    "numeric": ((_YEAR,), ("/", ".")),
    "since": ((_YEAR,), ("since",)),
    "year-range": ((_YEAR,), _YEAR_LINKS),
    "month-day-year": ((_YEAR,), _MONTH_CUES),
    "day-month-year": ((_YEAR,), _MONTH_CUES),
    "phase-year": ((_YEAR,), _PHASE_CUES),
    "phase-month": (_PHASE_CUES, _MONTH_CUES),
    "half": (("half",),),
    "half-h": ((_YEAR,), ("h1", "h2")),
    "quarter": (("quarter",),),
    "quarter-q": ((_YEAR,), ("q1", "q2", "q3", "q4")),
    "month-year": ((_YEAR,), _MONTH_CUES),
    "month-day": ((_DIGIT,), _MONTH_CUES),
    "day-month": ((_DIGIT,), _MONTH_CUES),
    "decade": ((_DIGIT,), ("0s",)),
    "ago": (("ago",),),
    "relative-period": (("week", "month", "year"),),
    "over-weekend": (("weekend",),),
    "deictic": (("yesterday", "today", "tonight", "tomorrow", "night", "morning", "afternoon", "evening"),),
    "weekday": (tuple(_WEEKDAYS),),
    "month-alone": (_MONTH_NAMES,),
    "year-alone": ((_YEAR,),),
    "year-of-noun": ((_YEAR,),),
    "anchor-next": (("next", "following", "previous", "preceding", "prior", "subsequent"),),
    "anchor-unit-after": (("after", "before", "earlier", "later"), ("day", "night", "week", "month", "year")),
    "anchor-units": (("after", "before", "earlier", "later"), ("hour", "minute", "day", "week", "month", "year")),
    "anchor-within": (("that", "same"), ("morning", "afternoon", "evening", "night", "day", "week", "month", "year")),
}
_NUMBER_GROUPS = ((_DIGIT,), (_YEAR,))  # bits 0 and 1
_DIGIT_RE = re.compile(r"\d")
_YEAR_RE = re.compile(r"(?:1[89]|20)\d{2}")  # ``Y`` without its group
_CUE_GROUPS: tuple[tuple[str, ...], ...] = (*_NUMBER_GROUPS, *dict.fromkeys(
    g for groups in _CUES.values() for g in groups if g not in _NUMBER_GROUPS))
# The word cue groups as (bit, cues): those some rule needs in a sentence without digits, and those that
# only rules needing a digit or a year need (not looked for in a sentence without a digit).
_FREE_GROUPS, _DIGIT_GROUPS = (
    [(1 << i, g) for i, g in enumerate(_CUE_GROUPS) if g not in _NUMBER_GROUPS and free == any(
        g in groups and not set(_NUMBER_GROUPS) & set(groups) for groups in _CUES.values())]
    for free in (True, False))


def _bits_by_cue(groups: list[tuple[int, tuple[str, ...]]]) -> dict[str, int]:
    """Each cue of ``groups`` once, with the bits of every group holding it."""
    bits: dict[str, int] = {}
    for bit, group in groups:
        for cue in group:
            bits[cue] = bits.get(cue, 0) | bit
    return bits


# what ``_cues_in`` looks for in a sentence without digits, and in one with
_FREE_CUES = _bits_by_cue(_FREE_GROUPS)
_ALL_CUES = _bits_by_cue(_FREE_GROUPS + _DIGIT_GROUPS)


def _needs(name: str) -> int:
    """The bit mask of the cue groups rule ``name`` needs (bit i: ``_CUE_GROUPS[i]``)."""
    return sum(1 << _CUE_GROUPS.index(group) for group in set(_CUES[name]))


# Most specific first; overlapping matches are settled by length, then by this order. Each rule has its cues in
# ``_CUES``: when a pattern changes, check that every match still holds one cue of each of its groups.
_RULES: list[tuple[str, re.Pattern[str], Handler, int]] = [
    (name, re.compile(pattern, _FLAGS), handler, _needs(name))
    for name, pattern, handler in [
        ("iso", r"\b" + Y + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", _iso),
        ("ymd-numeric", r"\b" + Y + r"[/.](?P<m>[01]?\d)[/.](?P<d>[0-3]?\d)\b", _ymd_numeric),
        ("numeric", r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]" + Y + r"\b", _numeric),
        ("since", r"\bsince\s+(?P<rest>(?:(?:early|mid|late)[- ])?(?:" + M.replace("?P<month>", "?:") + r"\s+)?"
         r"(?:[0-3]?\d,?\s+)?(?:1[89]|20)\d{2})\b", _since),
        ("year-range", r"\b(?:from\s+|between\s+)?" + Y + r"\s*(?:-|–|—|to|and|until|through)\s*" + Y2 + r"\b",
         _year_range),
        ("month-day-year", r"\b" + M + r"\s+" + D + r",?\s+" + Y + r"\b", _month_day_year),
        ("day-month-year", r"\b" + D + r"\s+" + M + r",?\s+" + Y + r"\b", _month_day_year),
        ("phase-year", r"\b" + PHASE + r"[- ]?(?:" + M + r",?\s*)?" + Y + r"\b", _phase_year),
        ("phase-month", r"\b" + PHASE + r"[- ]" + M + r"(?!\s*\d)", _phase_month),
        ("half", r"\b(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<rel>this|last|next)\s+year|"
         + Y + r")\b", _half),
        ("half-h", r"\b(?P<ord>H1|H2)\s+" + Y + r"\b", _half),
        ("quarter", r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter\s+of\s+"
         r"(?:(?P<rel>this|last|next)\s+year|" + Y + r")\b", _quarter),
        ("quarter-q", r"\bQ(?P<q>[1-4])\s+" + Y + r"\b", _quarter),
        ("month-year", r"\b" + M + r",?\s+(?:of\s+)?" + Y + r"\b", _month_year),
        ("month-day", r"\b" + M + r"\s+" + D + r"\b(?!,?\s*\d{4})(?!\s*(?:%|percent|million|billion))",
         _month_day),
        ("day-month", r"\b" + D + r"\s+" + M + r"\b(?!,?\s+\d{4})", _month_day),
        ("decade", r"\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d0|'?[0-9]0)s\b", _decade),
        ("ago", r"\b" + NUM + r"\s+" + UNIT + r"\s+ago\b", _ago),
        ("relative-period", r"\b(?P<rel>last|this|next|past|previous|coming|earlier\s+this|later\s+this)\s+"
         r"(?P<unit>week|weekend|month|year)\b", _relative_period),
        ("over-weekend", r"\bover\s+the\s+(?P<unit>weekend)(?P<rel>)", _relative_period),
        ("deictic", r"\b(?:yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b",
         _deictic),
        ("weekday", r"\b(?:(?P<rel>last|next|this|on)\s+)?" + WD + r"\b", _weekday),
        ("month-alone", r"\b(?:in|since|during|by|until|through|early|late|mid|last|this)\s+(?P<month>January|"
         r"February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)",
         _month_alone),
        ("year-alone", r"\b(?:in|since|during|by|until|through|of|from|before|after|around)\s+(?:the\s+year\s+)?"
         + Y + r"\b(?!\s*(?:-|–)\s*\d)", _year_alone),
        # "Japan's 2019 export curbs", "the 2014 annexation": a year naming a noun (it dates only a clause on it)
        ("year-of-noun", r"(?:(?<='s )|(?<=\bthe )|(?<=\bits )|(?<=\btheir )|(?<=\bhis )|(?<=\bher ))" + Y
         + r"(?=\s+[a-z])", _year_alone),
    ]
]


# What follows "after", "before" or "on" when it closes an anchored expression ("two days after," but not "two
# days after the vote", which counts from the vote, not from the narrative time).
_CLOSED = r"(?=\s*(?:[,.;:!?)\u2014]|$))"
_UNIT_END = r"s?\b(?!-)"  # "a day", "days", not "day-long"
_ANCHORED: list[tuple[str, re.Pattern[str], AnchoredHandler, int]] = [
    (name, re.compile(pattern, _FLAGS), handler, _needs(name))
    for name, pattern, handler in [
        ("anchor-next", r"\bthe\s+(?P<rel>next|following|previous|preceding|prior|subsequent)\s+"
         r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b(?!-)", _relative_to_anchor),
        ("anchor-unit-after", r"\bthe\s+(?P<unit>day|night|week|month|year)\s+(?:(?P<rel>earlier|later)\b|"
         r"(?P<rel2>after|before)" + _CLOSED + ")", _relative_to_anchor),
        ("anchor-units", r"\b(?:" + NUM + r"\s+)?(?P<unit>hour|minute|day|week|month|year)" + _UNIT_END
         + r"\s+(?:(?P<rel>later|earlier)\b|(?P<rel2>after|before)" + _CLOSED + ")", _units_from_anchor),
        ("anchor-within", r"\b(?:(?P<rel>later|earlier)\s+)?(?:that|the\s+same|that\s+same)\s+"
         r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b(?![-'\u2019])", _within_anchor),
    ]
]


def find_dates(text: str, ctx: DateContext, unanchored: bool = False) -> list[FoundDate]:
    """Every time expression in ``text``, longest first where two overlap, in text order. Anchored expressions
    ("two days later") count from the date before them in ``text``, else from ``ctx.anchor``; with neither they
    are left out, or kept unresolved (``start`` None, basis unknown) when ``unanchored``."""
    found: list[tuple[int, int, int, EventDate | re.Match[str]]] = []
    present = _cues_in(text)
    for order, (_name, pattern, handler, needs) in enumerate(_RULES):
        if present & needs != needs:
            continue
        for m in pattern.finditer(text):
            resolved = handler(m, ctx)
            if resolved is not None:
                found.append((m.start(), m.end(), order, resolved))
    for order, (_name, pattern, _handler, needs) in enumerate(_ANCHORED, start=len(_RULES)):
        if present & needs == needs:
            found.extend((m.start(), m.end(), order, m) for m in pattern.finditer(text))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2]))
    taken: list[tuple[int, int, int, EventDate | re.Match[str]]] = []
    for item in found:
        if all(item[1] <= t[0] or item[0] >= t[1] for t in taken):
            taken.append(item)
    out: list[FoundDate] = []
    anchor = ctx.anchor
    for start, end, order, hit in sorted(taken, key=lambda f: f[0]):
        if isinstance(hit, re.Match):
            resolved = _ANCHORED[order - len(_RULES)][2](hit, anchor) if anchor else None
            if resolved is None:
                if unanchored:
                    out.append(FoundDate(start, end, _ed(None, None, Granularity.UNKNOWN, DateBasis.UNKNOWN, hit[0])))
                continue
            hit = resolved
        out.append(FoundDate(start, end, hit))
        if hit.start is not None and hit.granularity != Granularity.OPEN:
            anchor = hit
    return out


def is_unanchored(found: EventDate) -> bool:
    """An anchored expression ``find_dates(..., unanchored=True)`` kept without a date to count from."""
    return found.start is None and found.basis == DateBasis.UNKNOWN and found.text is not None


def resolve_anchored(expression: str, ctx: DateContext, anchor: EventDate) -> EventDate | None:
    """Resolve one anchored expression ("the next day") against ``anchor``."""
    hits = find_dates(expression, replace(ctx, anchor=anchor))
    return hits[0].date if hits else None


def _cues_in(text: str) -> int:
    """The cue groups ``text`` holds, as a bit mask, with the patterns' notion of case (``re.IGNORECASE``) and of
    digits (``\\d``). Lower-casing agrees with that notion on ASCII text; other text is searched by the regex engine."""
    if _DIGIT_RE.search(text) is None:
        mask, cues = 0, _FREE_CUES
    else:
        mask, cues = 1 | (2 if _YEAR_RE.search(text) else 0), _ALL_CUES
    if text.isascii():
        hit = text.lower().__contains__
    else:
        def hit(cue: str) -> bool:
            return re.search(re.escape(cue), text, _FLAGS) is not None
    for cue in filter(hit, cues):  # each cue looked for once, though several groups hold it
        mask |= cues[cue]
    return mask


def resolve_date(expression: str, ctx: DateContext) -> EventDate | None:
    """Resolve one expression ("mid-2019", "last Tuesday"); None when it is not a time expression we know."""
    hits = find_dates(expression, ctx)
    return hits[0].date if hits else None


def publication_fallback(reference: date | None) -> EventDate:
    if reference is None:
        return EventDate(None, None, Granularity.UNKNOWN, DateBasis.UNKNOWN, None)
    return EventDate(reference, reference, Granularity.DAY, DateBasis.PUBLICATION_FALLBACK, None)
