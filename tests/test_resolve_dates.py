"""The time-expression resolver: every expression form the event dater relies on, and its invariants."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.records import DateBasis, Granularity
from detente.resolve.dates import DateContext, find_dates, is_unanchored, resolve_anchored, resolve_date

PUB = DateContext(date(2021, 2, 10), "MDY")  # a Wednesday


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("Feb. 10, 2021", "2021-02-10", "2021-02-10", "day"),
        ("10 February 2021", "2021-02-10", "2021-02-10", "day"),
        ("2021-02-10", "2021-02-10", "2021-02-10", "day"),
        ("in July 2019", "2019-07-01", "2019-07-31", "month"),
        ("in 2015", "2015-01-01", "2015-12-31", "year"),
        ("in March", "2020-03-01", "2020-03-31", "month"),  # most recent March not after publication
        ("in February", "2021-02-01", "2021-02-28", "month"),
        ("on Tuesday", "2021-02-09", "2021-02-09", "day"),
        ("on Wednesday", "2021-02-10", "2021-02-10", "day"),
        ("last Wednesday", "2021-02-03", "2021-02-03", "day"),
        ("yesterday", "2021-02-09", "2021-02-09", "day"),
        ("today", "2021-02-10", "2021-02-10", "day"),
        ("tonight", "2021-02-10", "2021-02-10", "day"),
        ("last week", "2021-02-01", "2021-02-07", "week"),
        ("this week", "2021-02-08", "2021-02-10", "week"),
        ("last month", "2021-01-01", "2021-01-31", "month"),
        ("last year", "2020-01-01", "2020-12-31", "year"),
        ("earlier this month", "2021-02-01", "2021-02-10", "month"),
        ("earlier this year", "2021-01-01", "2021-02-10", "year"),
        ("in early 2019", "2019-01-01", "2019-04-30", "range"),
        ("mid-2019", "2019-05-01", "2019-08-31", "range"),
        ("in late 2018", "2018-09-01", "2018-12-31", "range"),
        ("in late July", "2020-07-21", "2020-07-31", "range"),
        ("the first half of 2019", "2019-01-01", "2019-06-30", "half"),
        ("the second half of last year", "2020-07-01", "2020-12-31", "half"),
        ("the third quarter of 2020", "2020-07-01", "2020-09-30", "quarter"),
        ("since 2018", "2018-01-01", None, "open"),
        ("from 1910 to 1945", "1910-01-01", "1945-12-31", "range"),
        ("a decade ago", "2011-01-01", "2011-12-31", "year"),
        ("two years ago", "2019-01-01", "2019-12-31", "year"),
        ("in the 1990s", "1990-01-01", "1999-12-31", "decade"),
        ("over the weekend", "2021-02-06", "2021-02-07", "range"),
        ("on Sept. 3", "2020-09-03", "2020-09-03", "day"),
        ("on Sept 3", "2020-09-03", "2020-09-03", "day"),
        ("May 7", "2020-05-07", "2020-05-07", "day"),
        ("on Feb. 2", "2021-02-02", "2021-02-02", "day"),
    ],
)
def test_expression(text: str, start: str, end: str | None, granularity: str) -> None:
    resolved = resolve_date(text, PUB)
    assert resolved is not None, text
    assert str(resolved.start) == start
    assert (str(resolved.end) if resolved.end else None) == end
    assert resolved.granularity == Granularity(granularity)


def test_explicit_and_relative_bases_are_recorded() -> None:
    assert resolve_date("Feb. 10, 2021", PUB).basis == DateBasis.EXPLICIT  # type: ignore[union-attr]
    assert resolve_date("on Tuesday", PUB).basis == DateBasis.RELATIVE  # type: ignore[union-attr]


def test_numeric_dates_follow_the_outlet_order_and_say_so() -> None:
    us = resolve_date("03/04/2020", DateContext(date(2021, 2, 10), "MDY"))
    eu = resolve_date("03/04/2020", DateContext(date(2021, 2, 10), "DMY"))
    assert us is not None and eu is not None
    assert us.start == date(2020, 3, 4) and eu.start == date(2020, 4, 3)
    assert us.note and "MDY" in us.note
    impossible = resolve_date("25/12/2020", DateContext(date(2021, 2, 10), "MDY"))
    assert impossible is not None and impossible.start == date(2020, 12, 25)


def test_future_clauses_look_forward() -> None:
    ctx = DateContext(date(2021, 2, 10), "MDY", future=True)
    assert resolve_date("on Friday", ctx).start == date(2021, 2, 12)  # type: ignore[union-attr]
    assert resolve_date("in March", ctx).start == date(2021, 3, 1)  # type: ignore[union-attr]


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Tokyo may retaliate, officials said.", PUB) == []
    assert find_dates("Exports fell 5 percent.", PUB) == []


def test_expression_found_inside_a_sentence_with_its_span() -> None:
    text = "Relations began to deteriorate in mid-2019 when Japan placed restrictions on exports."
    [hit] = find_dates(text, PUB)
    assert text[hit.start : hit.end] == "mid-2019"
    assert hit.date.start == date(2019, 5, 1)


_EXPRESSIONS = [
    "in March",
    "on Tuesday",
    "last Friday",
    "yesterday",
    "last week",
    "last month",
    "earlier this month",
    "this week",
    "over the weekend",
    "two weeks ago",
    "three months ago",
    "in May",
    "on Sept. 3",
    "Dec. 24",
    "earlier this year",
    "in late June",
    "last year",
    "a decade ago",
    "today",
]


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.sampled_from(_EXPRESSIONS))
def test_past_expressions_never_after_publication(pub: date, text: str) -> None:
    resolved = resolve_date(text, DateContext(pub))
    assert resolved is not None
    assert resolved.start is not None and resolved.start <= pub
    if resolved.end is not None:
        assert resolved.start <= resolved.end


_SPANS = {
    Granularity.DAY: (0, 0),
    Granularity.WEEK: (0, 6),
    Granularity.MONTH: (0, 30),
    Granularity.QUARTER: (88, 91),
    Granularity.HALF: (180, 183),
    Granularity.YEAR: (0, 365),
    Granularity.DECADE: (3651, 3652),
    Granularity.RANGE: (0, 100_000),
}


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(
        [
            "in {y}",
            "in early {y}",
            "in mid-{y}",
            "late {y}",
            "the first half of {y}",
            "Q3 {y}",
            "in July {y}",
            "Feb. 29, {y}",
            "since {y}",
            "the {d}s",
            "between {y} and {y2}",
        ]
    ),
    st.integers(min_value=1950, max_value=2030),
)
def test_granularity_matches_the_span(pub: date, template: str, year: int) -> None:
    text = template.format(y=year, y2=year + 3, d=year // 10 * 10)
    resolved = resolve_date(text, DateContext(pub))
    if resolved is None:  # Feb. 29 of a non-leap year is not a date
        assert "Feb. 29" in text
        return
    assert resolved.start is not None
    if resolved.granularity == Granularity.OPEN:
        assert resolved.end is None
        return
    assert resolved.end is not None and resolved.start <= resolved.end
    low, high = _SPANS[resolved.granularity]
    assert low <= (resolved.end - resolved.start).days <= high


def test_resolver_is_fast() -> None:
    """Not a timing gate (see benchmarks/); guards against an accidental quadratic scan."""
    import time

    sentence = "Relations began to deteriorate in mid-2019 when Japan placed restrictions on exports on Thursday."
    began = time.perf_counter()
    for _ in range(200):
        find_dates(sentence, PUB)
    assert (time.perf_counter() - began) / 200 < timedelta(milliseconds=20).total_seconds()


# -- anchored expressions: counted from the narrative time, not from publication ---------------------------------
_ANCHOR = resolve_date("on Jan. 16, 2024", PUB)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("two days later", "2024-01-18", "2024-01-18", "day"),
        ("the next day", "2024-01-17", "2024-01-17", "day"),
        ("the following day", "2024-01-17", "2024-01-17", "day"),
        ("the day before,", "2024-01-15", "2024-01-15", "day"),
        ("the previous evening", "2024-01-15", "2024-01-15", "day"),
        ("that same day", "2024-01-16", "2024-01-16", "day"),
        ("hours later", "2024-01-16", "2024-01-16", "day"),
        ("48 hours later", "2024-01-18", "2024-01-18", "day"),
        ("a week later", "2024-01-23", "2024-01-23", "day"),
        ("three weeks earlier", "2023-12-26", "2023-12-26", "day"),
        ("a week after.", "2024-01-23", "2024-01-23", "day"),
        ("the following week", "2024-01-22", "2024-01-28", "week"),
        ("the following month", "2024-02-01", "2024-02-29", "month"),
        ("the month before", "2023-12-01", "2023-12-31", "month"),
        ("two months later", "2024-03-01", "2024-03-31", "month"),
        ("the following year", "2025-01-01", "2025-12-31", "year"),
        ("a year earlier", "2023-01-01", "2023-12-31", "year"),
        ("later that year", "2024-01-17", "2024-12-31", "range"),
        ("earlier that month", "2024-01-01", "2024-01-15", "range"),
        ("later that week", "2024-01-17", "2024-01-21", "range"),
    ],
)
def test_anchored_expression(text: str, start: str, end: str, granularity: str) -> None:
    assert _ANCHOR is not None
    resolved = resolve_anchored(text, PUB, _ANCHOR)
    assert resolved is not None, text
    assert (str(resolved.start), str(resolved.end), resolved.granularity) == (start, end, Granularity(granularity))
    assert resolved.basis == DateBasis.NARRATIVE and resolved.note and "Jan. 16, 2024" in resolved.note


def test_anchored_expression_counts_from_the_date_before_it_in_the_sentence() -> None:
    text = "Iran struck bases in Pakistan on January 16, and Pakistan retaliated two days later."
    first, second = find_dates(text, DateContext(date(2024, 1, 19)))
    assert first.date.start == date(2024, 1, 16)
    assert text[second.start : second.end] == "two days later" and second.date.start == date(2024, 1, 18)


def test_anchored_expressions_chain() -> None:
    text = "On March 3, 2020, talks began. A week later they stalled, and the next day they collapsed."
    dates = [f.date.start for f in find_dates(text, PUB)]
    assert dates == [date(2020, 3, 3), date(2020, 3, 10), date(2020, 3, 11)]


def test_without_an_anchor_they_are_left_out_or_kept_unresolved() -> None:
    text = "The next day, Gazprom signed a deal."
    assert find_dates(text, PUB) == []
    [kept] = find_dates(text, PUB, unanchored=True)
    assert is_unanchored(kept.date) and kept.date.text == "The next day"
    assert find_dates(text, replace(PUB, anchor=_ANCHOR))[0].date.start == date(2024, 1, 17)


def test_what_is_not_an_anchored_expression() -> None:
    anchored = replace(PUB, anchor=_ANCHOR)
    # counted from the vote, not from the narrative time; a noun's modifier; a duration
    assert [f.date.text for f in find_dates("Russia struck two days after the vote.", anchored)] == []
    assert find_dates("That year's budget was cut.", anchored) == []
    assert find_dates("It was a day-long meeting that day-to-day work followed.", anchored) == []


def test_the_rest_of_a_period_starts_after_a_coarse_anchor() -> None:
    month = resolve_date("in March 2020", PUB)
    assert month is not None
    later = resolve_anchored("later that year", PUB, month)
    earlier = resolve_anchored("earlier that year", PUB, month)
    assert later is not None and (later.start, later.end) == (date(2020, 4, 1), date(2020, 12, 31))
    assert earlier is not None and (earlier.start, earlier.end) == (date(2020, 1, 1), date(2020, 2, 29))


def test_a_unit_longer_than_its_anchor_is_needed() -> None:
    year = resolve_date("in 2019", PUB)
    assert year is not None
    assert resolve_anchored("the next day", PUB, year) is None  # no day to count from
    assert resolve_anchored("the previous month", PUB, year) is None
    assert resolve_anchored("the following year", PUB, year).start == date(2020, 1, 1)  # type: ignore[union-attr]


_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
          10: "ten", 11: "eleven", 12: "twelve"}


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31)), st.integers(min_value=1, max_value=12),
       st.booleans(), st.sampled_from(["later", "earlier", "after,", "before,"]))
def test_days_and_weeks_from_a_day_are_exact(anchor_day: date, n: int, spelled: bool, rel: str) -> None:
    anchor = replace(resolve_date("on May 1, 2000", PUB), start=anchor_day, end=anchor_day)  # type: ignore[type-var]
    count = _WORDS[n] if spelled else str(n)
    sign = 1 if rel.startswith(("later", "after")) else -1
    days = resolve_anchored(f"{count} days {rel}", PUB, anchor)
    weeks = resolve_anchored(f"{count} weeks {rel}", PUB, anchor)
    assert days is not None and weeks is not None
    assert days.start == days.end == anchor_day + timedelta(days=sign * n)
    assert weeks.start == anchor_day + timedelta(weeks=sign * n)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31)),
       st.sampled_from(["the next day", "the following week", "the following month", "the following year",
                        "a month later", "later that week", "later that month", "later that year", "hours later",
                        "the previous day", "the week before,", "the month before,", "a year earlier",
                        "earlier that month", "earlier that year", "that same day"]))
def test_anchored_expressions_point_the_way_they_say(anchor_day: date, text: str) -> None:
    anchor = replace(resolve_date("on May 1, 2000", PUB), start=anchor_day, end=anchor_day)  # type: ignore[type-var]
    resolved = resolve_anchored(text, PUB, anchor)
    assert resolved is not None and resolved.start is not None and resolved.end is not None
    assert resolved.start <= resolved.end
    low, high = _SPANS.get(resolved.granularity, (0, 100_000))
    assert low <= (resolved.end - resolved.start).days <= high
    # the rest of a period the narrative time ends ("later that week" from a Sunday) is that day alone
    edge = {"week": anchor_day.weekday() in {0, 6}, "month": (anchor_day + timedelta(days=1)).day == 1
            or anchor_day.day == 1, "year": (anchor_day.month, anchor_day.day) in {(1, 1), (12, 31)}}
    at_edge = " that " in f" {text} " and edge.get(text.split()[-1], False)
    if any(word in text for word in ("next", "following", "later")):
        assert resolved.start >= anchor_day  # never before the narrative time
        if text != "hours later" and not at_edge:
            assert resolved.start > anchor_day
    elif any(word in text for word in ("previous", "before", "earlier")):
        assert resolved.end <= anchor_day  # never after the narrative time
        if not at_edge:
            assert resolved.end < anchor_day
    else:
        assert resolved.start == anchor_day
