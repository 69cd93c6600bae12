"""Event fusion: one real-world event is one fused event, however many outlets and later stories mention it, and
the result does not depend on the order the mentions arrive in."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.fuse import FusedEvent, Mention, choose_cameo, code_family, fuse, fusion_key
from detente.records import DateBasis, Granularity

DAY, MONTH, YEAR, RANGE = Granularity.DAY.value, Granularity.MONTH.value, Granularity.YEAR.value, "range"
EXPLICIT, RELATIVE = DateBasis.EXPLICIT.value, DateBasis.RELATIVE.value
FALLBACK = DateBasis.PUBLICATION_FALLBACK.value


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def mention(event_id: str, *, article: str | None = None, outlet: str | None = "Yonhap", cluster: str | None = None,
            source: str = "JPN", target: str = "KOR", source_sector: str | None = "GOV",
            target_sector: str | None = None, cameo: str = "163", start: str | None = "2019-07-04",
            end: str | None = None, granularity: str = DAY, basis: str = RELATIVE,
            reported: str | datetime | None = "2019-07-04", confidence: float = 0.8) -> Mention:
    """A mention; ``end`` defaults to ``start`` and a fallback's dates to its publication day."""
    when = at(reported) if isinstance(reported, str) else reported
    if basis == FALLBACK and start is None and when is not None:
        start = when.date().isoformat()
    return Mention(
        event_id=event_id, article_id=article or f"art-{event_id}", outlet=outlet, cluster_id=cluster,
        source_country=source, source_sector=source_sector, target_country=target, target_sector=target_sector,
        cameo=cameo, occurred_start=date.fromisoformat(start) if start else None,
        occurred_end=date.fromisoformat(last) if (last := end or start) else None,
        granularity=granularity, basis=basis, reported=when, confidence=confidence)


def only(events: list[FusedEvent]) -> FusedEvent:
    assert len(events) == 1, events
    return events[0]


# -- the cases -----------------------------------------------------------------------------------------------
AT_THE_TIME = [
    mention("e1", outlet="Yonhap", reported="2019-07-04", confidence=0.9),
    mention("e2", outlet="Kyodo", start="2019-07-03", reported="2019-07-04", confidence=0.7),  # a day off
]


def test_event_recalled_a_year_later_with_a_month_date_stays_one_event_in_its_own_month() -> None:
    recall = mention("e3", outlet="Reuters", start="2019-07-01", end="2019-07-31", granularity=MONTH,
                     basis=EXPLICIT, reported="2020-07-20", confidence=0.95)  # "in July 2019"
    event = only(fuse([*AT_THE_TIME, recall]))
    assert (event.start, event.end, event.granularity) == (date(2019, 7, 4), date(2019, 7, 4), DAY)
    assert event.representative == "e1"
    assert event.mentions == ("e1", "e2", "e3")
    assert (event.n_articles, event.n_sources) == (3, 3)
    assert event.outlets == ("Kyodo", "Reuters", "Yonhap")
    assert (event.first_reported, event.last_reported) == (at("2019-07-04"), at("2020-07-20"))


def test_recall_with_only_a_publication_fallback_date_adds_a_mention_not_an_event() -> None:
    recall = mention("e3", outlet="Reuters", start=None, basis=FALLBACK, reported="2020-07-20")
    event = only(fuse([*AT_THE_TIME, recall]))
    assert event.start == date(2019, 7, 4)
    assert event.mentions == ("e1", "e2", "e3")
    assert event.n_sources == 3


def test_february_2021_story_recalling_mid_2019_adds_no_2021_sanction() -> None:
    recall = mention("e3", outlet="AP", start="2019-05-01", end="2019-08-31", granularity=RANGE, basis=EXPLICIT,
                     reported="2021-02-10")  # "began to deteriorate in mid-2019 when Japan placed restrictions"
    event = only(fuse([*AT_THE_TIME, recall]))
    assert event.start == date(2019, 7, 4)
    assert event.last_reported == at("2021-02-10")


def test_recalled_event_not_in_the_store_is_dated_by_the_recall() -> None:
    recall = mention("e3", start="2019-07-01", end="2019-07-31", granularity=MONTH, basis=EXPLICIT,
                     reported="2020-07-20")
    event = only(fuse([recall]))
    assert (event.start, event.end, event.granularity) == (date(2019, 7, 1), date(2019, 7, 31), MONTH)


def test_two_protests_a_year_apart_each_reported_at_the_time_stay_two_events() -> None:
    protests = [
        mention("p1", cameo="141", start="2018-10-30", reported="2018-10-31", outlet="Yonhap"),
        mention("p2", cameo="141", start="2018-10-30", reported="2018-10-30", outlet="Kyodo"),
        mention("p3", cameo="141", start="2019-10-29", reported="2019-10-30", outlet="Yonhap"),
    ]
    events = fuse(protests)
    assert [e.mentions for e in events] == [("p1", "p2"), ("p3",)]
    assert [e.start for e in events] == [date(2018, 10, 30), date(2019, 10, 29)]


def test_undated_reports_at_the_time_by_two_stories_make_a_new_event() -> None:
    protests = [
        mention("p1", cameo="141", start="2018-10-30", reported="2018-10-31"),
        mention("p2", cameo="141", start=None, basis=FALLBACK, reported="2019-10-30", outlet="Yonhap"),
        mention("p3", cameo="141", start=None, basis=FALLBACK, reported="2019-10-31", outlet="Kyodo"),
    ]
    events = fuse(protests)
    assert [e.mentions for e in events] == [("p1",), ("p2", "p3")]
    assert events[1].start == date(2019, 10, 30)


def test_undated_single_reports_beyond_the_lookback_stay_apart() -> None:
    protests = [
        mention("p1", cameo="141", start=None, basis=FALLBACK, reported="2018-10-30"),
        mention("p2", cameo="141", start=None, basis=FALLBACK, reported="2021-01-12"),
    ]
    assert len(fuse(protests)) == 2


def test_republished_copy_is_one_event_with_two_articles() -> None:
    # "yesterday" in the original (4 July) and in a copy republished two days later
    original = mention("e1", article="a1", cluster="a1", outlet="Yonhap", start="2019-07-03",
                       reported="2019-07-04")
    copy = mention("e2", article="a2", cluster="a1", outlet="Korea Times", start="2019-07-05",
                   reported="2019-07-06")
    event = only(fuse([original, copy]))
    assert (event.n_articles, event.n_sources) == (2, 2)
    assert event.start == date(2019, 7, 3)
    # without the cluster the two dates are two days apart: two events
    unclustered = [dataclasses.replace(m, cluster_id=None) for m in (original, copy)]
    assert len(fuse(unclustered)) == 2


def test_republished_copies_keep_one_storys_separate_acts_apart() -> None:
    # one story recalls a 2018 sanction and reports a new one; a copy of it is republished the next day
    story = [
        mention("e1", article="a1", cluster="a1", start="2018-10-30", basis=EXPLICIT, reported="2019-07-04"),
        mention("e2", article="a1", cluster="a1", start="2019-07-04", reported="2019-07-04"),
        mention("e3", article="a2", cluster="a1", start="2018-10-30", basis=EXPLICIT, reported="2019-07-05"),
        mention("e4", article="a2", cluster="a1", start="2019-07-05", reported="2019-07-05"),  # "today"
    ]
    events = fuse(story)
    assert [e.mentions for e in events] == [("e1", "e3"), ("e2", "e4")]
    assert all(e.n_articles == 2 for e in events)


def test_republished_undated_copies_are_one_story_not_corroboration() -> None:
    earlier = mention("e0", cameo="141", start="2019-03-01", reported="2019-03-01")
    copies = [mention(f"e{i}", cameo="141", article=f"a{i}", cluster="a1", outlet=f"outlet{i}", start=None,
                      basis=FALLBACK, reported=f"2019-10-0{i}") for i in (1, 2, 3)]
    event = only(fuse([earlier, *copies]))  # one story, undated: a recall of the March protest
    assert event.n_articles == 4


def test_undated_recall_joins_the_most_recent_earlier_event() -> None:
    events = fuse([
        mention("e1", start="2019-03-04", reported="2019-03-04"),
        mention("e2", start="2019-09-10", reported="2019-09-10"),
        mention("e3", start=None, basis=FALLBACK, reported="2020-02-01"),
    ])
    assert [e.mentions for e in events] == [("e1",), ("e2", "e3")]


def test_undated_report_at_the_time_joins_the_dated_event_it_follows() -> None:
    events = fuse([
        mention("e1", start="2019-09-08", reported="2019-09-08"),
        mention("e2", start="2019-09-10", reported="2019-09-10"),
        mention("e3", start=None, basis=FALLBACK, reported="2019-09-11"),
    ])
    assert [e.mentions for e in events] == [("e1",), ("e2", "e3")]


# -- the other rules -------------------------------------------------------------------------------------------------
def test_sectors_fuse_with_the_country_as_a_whole_but_not_with_each_other() -> None:
    events = fuse([
        mention("e1", source_sector="GOV"),
        mention("e2", source_sector=None, confidence=0.9),
        mention("e3", source_sector="MIL", confidence=0.7),
    ])
    assert sorted(e.mentions for e in events) == [("e1", "e2"), ("e3",)]
    assert sorted(str(e.source_sector) for e in events) == ["GOV", "MIL"]


def test_country_only_event_takes_the_sector_a_mention_brings() -> None:
    event = only(fuse([mention("e1", source_sector=None, confidence=0.9), mention("e2", source_sector="GOV")]))
    assert event.source_sector == "GOV"


def test_different_acts_of_one_root_stay_apart() -> None:
    events = fuse([mention("e1", cameo="163"), mention("e2", cameo="166"), mention("e3", cameo="1631")])
    assert sorted(e.mentions for e in events) == [("e1", "e3"), ("e2",)]
    assert sorted(e.cameo for e in events) == ["1631", "166"]


def test_forms_of_one_act_fuse_and_the_specific_code_wins() -> None:
    event = only(fuse([mention("e1", cameo="140"), mention("e2", cameo="140"), mention("e3", cameo="141")]))
    assert (event.cameo, event.root) == ("141", "14")


def test_other_dyad_or_direction_is_another_event() -> None:
    events = fuse([mention("e1"), mention("e2", source="KOR", target="JPN"), mention("e3", target="USA")])
    assert len(events) == 3


def test_a_coarse_recall_does_not_bridge_two_events() -> None:
    events = fuse([
        mention("e1", cameo="141", start="2019-01-10"),
        mention("e2", cameo="141", start="2019-10-02", outlet="Kyodo"),
        mention("e3", cameo="141", start="2019-10-02", outlet="AP"),
        mention("e4", cameo="141", start="2019-01-01", end="2019-12-31", granularity=YEAR, basis=EXPLICIT,
                reported="2020-03-01"),  # "in 2019"
    ])
    assert [e.mentions for e in events] == [("e1",), ("e2", "e3", "e4")]  # joins the more reported one


def test_reports_a_day_apart_do_not_chain_across_a_week() -> None:
    events = fuse([mention(f"e{d}", start=f"2019-07-0{d}", reported=f"2019-07-0{d}") for d in range(1, 8)])
    assert len(events) == 4  # 1-2, 3-4, 5-6, 7: each joins an event founded at most a day before
    assert all(len(e.mentions) <= 2 for e in events)


def test_unknown_outlets_count_as_one_source() -> None:
    event = only(fuse([mention("e1", outlet=None), mention("e2", outlet=None), mention("e3", outlet="AP")]))
    assert (event.n_articles, event.n_sources, event.outlets) == (3, 2, ("AP",))


def test_a_mention_given_twice_counts_once() -> None:
    assert only(fuse([mention("e1"), mention("e1")])).mentions == ("e1",)


def test_undated_mention_without_publication_time_is_kept() -> None:
    event = only(fuse([mention("e1", start=None, basis=DateBasis.UNKNOWN.value, reported=None,
                               granularity=Granularity.UNKNOWN.value)]))
    assert (event.start, event.end, event.first_reported) == (None, None, None)


@pytest.mark.parametrize(("cameo", "family"), [("163", "163"), ("1631", "163"), ("16", "160"), ("160", "160"),
                                               ("141", "14"), ("1411", "14"), ("042", "04"), ("061", "061")])
def test_code_family(cameo: str, family: str) -> None:
    assert code_family(cameo) == family
    assert fusion_key(mention("e1", cameo=cameo)) == ("JPN", "KOR", family)


@pytest.mark.parametrize(("codes", "chosen"), [(["14", "140", "140"], "140"), (["141", "1411", "141"], "1411"),
                                               (["141", "142", "142"], "142"), (["142", "141"], "141")])
def test_choose_cameo(codes: list[str], chosen: str) -> None:
    assert choose_cameo(codes) == chosen


# -- properties ------------------------------------------------------------------------------------------------------
ARTICLES = {  # article -> (outlet, cluster)
    "a1": ("Yonhap", "a1"), "a2": ("Korea Times", "a1"), "a3": ("Kyodo", None), "a4": ("AP", "a4"),
    "a5": (None, "a4"), "a6": ("Reuters", None), "a7": (None, None), "a8": ("Yonhap", None),
}
BASE = date(2019, 1, 1)


@st.composite
def article_dates(draw: st.DrawFn) -> dict[str, datetime]:
    return {a: datetime(2019, 1, 1, tzinfo=UTC) + timedelta(days=draw(st.integers(0, 40)),
                                                            hours=draw(st.integers(0, 23)))
            for a in ARTICLES}


@st.composite
def corpora(draw: st.DrawFn) -> list[Mention]:
    published = draw(article_dates())
    out = []
    for i in range(draw(st.integers(1, 30))):
        article = draw(st.sampled_from(sorted(ARTICLES)))
        outlet, cluster = ARTICLES[article]
        kind = draw(st.sampled_from(["day", "day", "week", "month", "year", "range", "open", "fallback", "none"]))
        start = BASE + timedelta(days=draw(st.integers(0, 40)))
        width = {"day": 0, "week": 6, "month": 30, "year": 364, "range": draw(st.integers(0, 120))}.get(kind, 0)
        start_at: date | None = start
        end_at: date | None = start + timedelta(days=width)
        if kind == "open":
            end_at = None
        if kind == "fallback":
            start_at = end_at = published[article].date()
        if kind == "none":
            start_at = end_at = None
        reported = None if kind == "none" and draw(st.booleans()) else published[article]
        out.append(Mention(
            event_id=f"e{i:02d}", article_id=article, outlet=outlet, cluster_id=cluster,
            source_country=draw(st.sampled_from(["JPN", "JPN", "KOR"])), target_country="CHN",
            source_sector=draw(st.sampled_from([None, "GOV", "MIL"])),
            target_sector=draw(st.sampled_from([None, None, "GOV"])),
            cameo=draw(st.sampled_from(["140", "141", "141", "163", "1631", "166"])),
            occurred_start=start_at, occurred_end=end_at,
            granularity={"range": RANGE, "fallback": DAY, "none": Granularity.UNKNOWN.value}.get(kind, kind),
            basis={"fallback": FALLBACK, "none": DateBasis.UNKNOWN.value}.get(
                kind, draw(st.sampled_from([EXPLICIT, RELATIVE, DateBasis.NARRATIVE.value]))),
            reported=reported, confidence=draw(st.sampled_from([0.5, 0.7, 0.9]))))
    return out


@settings(max_examples=200, deadline=None)
@given(corpus=corpora(), data=st.data())
def test_fusion_does_not_depend_on_input_order(corpus: list[Mention], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(corpus))
    assert fuse(shuffled) == fuse(corpus)


@settings(max_examples=200, deadline=None)
@given(corpus=corpora())
def test_every_mention_is_in_exactly_one_well_formed_event(corpus: list[Mention]) -> None:
    events = fuse(corpus)
    counts = Counter(event_id for e in events for event_id in e.mentions)
    assert counts == Counter(m.event_id for m in corpus)
    by_id = {m.event_id: m for m in corpus}
    for e in events:
        assert e.start is None or e.end is None or e.start <= e.end
        members = [by_id[i] for i in e.mentions]
        assert e.mentions == tuple(sorted(e.mentions)) and e.representative in e.mentions
        assert len({fusion_key(m) for m in members}) == 1
        assert e.n_articles == len({m.article_id for m in members})
        assert e.n_sources == len({m.outlet for m in members}) >= len(e.outlets)
        assert e.n_sources <= e.n_articles
        assert all(m.source_sector in (None, e.source_sector) for m in members)
        assert all(m.target_sector in (None, e.target_sector) for m in members)
    assert len({e.fused_id for e in events}) == len(events)


@settings(max_examples=100, deadline=None)
@given(corpus=corpora(), data=st.data())
def test_refusing_only_the_touched_groups_gives_the_same_result(corpus: list[Mention], data: st.DataObject) -> None:
    # the integrator's incremental path: fuse what was stored, then re-fuse the groups new mentions touch
    cut = data.draw(st.integers(0, len(corpus)))
    stored, arriving = corpus[:cut], corpus[cut:]
    touched = {fusion_key(m) for m in arriving}
    kept = [e for e in fuse(stored) if (e.source_country, e.target_country, code_family(e.cameo)) not in touched]
    refused = fuse([m for m in corpus if fusion_key(m) in touched])
    assert sorted(kept + refused, key=_order) == sorted(fuse(corpus), key=_order)


def _order(e: FusedEvent) -> str:
    return e.fused_id
