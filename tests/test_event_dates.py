"""Event dates through the coder: the governing expression, clause climbing, narrative time, publication
fallback, and the dateline's time zone."""

from __future__ import annotations

from datetime import date

import pytest

from detente.api import article_from_text, parse_published
from detente.records import DateBasis, Granularity

pytestmark = pytest.mark.model


def _events(coder, text: str, published: str, source: str | None = None, dateline: str | None = None):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    article = article_from_text(text, parse_published(published, "Asia/Seoul"), source)
    if dateline:
        article = replace(article, dateline=dateline)
    result = coder.code_article(article)
    assert not isinstance(result, Exception)
    return result


def test_own_expression_dates_the_event(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = _events(coder, "Japan placed restrictions on exports to South Korea on Thursday.", "2019-07-05")
    assert event.occurred.start == date(2019, 7, 4) and event.occurred.basis == DateBasis.RELATIVE


def test_the_clause_it_sits_in_dates_a_retrospective_event(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Relations began to deteriorate in mid-2019 when Japan placed restrictions on exports to South Korea."
    [event] = _events(coder, text, "2021-02-10")
    assert event.occurred.start == date(2019, 5, 1) and event.occurred.end == date(2019, 8, 31)
    assert event.occurred.granularity == Granularity.RANGE and event.occurred.text == "mid-2019"


def test_narrative_time_of_the_paragraph(coder) -> None:  # type: ignore[no-untyped-def]
    text = "In August 2019, tensions peaked. Seoul decided to terminate its intelligence pact with Tokyo."
    events = [e for e in _events(coder, text, "2021-02-10") if e.root == "16"]
    assert events and events[0].occurred.basis == DateBasis.NARRATIVE
    assert events[0].occurred.start == date(2019, 8, 1)


def test_no_expression_falls_back_to_publication(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = _events(coder, "Japan imposed sanctions on North Korea.", "2017-09-12")
    assert event.occurred.basis == DateBasis.PUBLICATION_FALLBACK and event.occurred.start == date(2017, 9, 12)


def test_dateline_zone_decides_the_weekday(coder) -> None:  # type: ignore[no-untyped-def]
    """Published Wednesday Feb. 10, 2021 09:06 in Seoul about "Tuesday" in Washington: Tuesday Feb. 9 there."""
    text = "The United States imposed sanctions on Myanmar on Tuesday."
    [in_washington] = _events(coder, text, "2021-02-10T09:06:00+09:00", "Yonhap", "WASHINGTON")
    assert in_washington.occurred.start == date(2021, 2, 9)
    [in_seoul] = _events(coder, text, "2021-02-10T09:06:00+09:00", "Yonhap", "SEOUL")
    assert in_seoul.occurred.start == date(2021, 2, 9)  # the Tuesday before Wednesday Feb. 10 in Seoul too
    [late] = _events(coder, "The United States imposed sanctions on Myanmar on Wednesday.",
                     "2021-02-11T09:06:00+09:00", "Yonhap", "WASHINGTON")
    assert late.occurred.start == date(2021, 2, 10)  # Thursday morning in Seoul is still Wednesday in Washington


def test_intentions_are_dated_by_the_statement(coder) -> None:  # type: ignore[no-untyped-def]
    events = _events(coder, "Japan said on Monday it will tighten controls on exports to South Korea.", "2019-07-02")
    [event] = [e for e in events if e.root == "16"]
    assert event.occurred.start == date(2019, 7, 1) and event.modality.value == "intended"


def _dated(events) -> dict[tuple[str | None, str | None, str], tuple[date | None, DateBasis]]:  # type: ignore[no-untyped-def]
    return {(e.source.country, e.target.country, e.root): (e.occurred.start, e.occurred.basis) for e in events}


def test_an_anchored_expression_counts_from_the_date_before_it(coder) -> None:  # type: ignore[no-untyped-def]
    text = "India shelled Pakistani border posts on March 3, and Pakistan shelled Indian positions three days later."
    dated = _dated(_events(coder, text, "2015-03-07"))
    assert dated[("IND", "PAK", "19")][0] == date(2015, 3, 3)
    assert dated[("PAK", "IND", "19")] == (date(2015, 3, 6), DateBasis.NARRATIVE)


def test_an_anchored_expression_counts_from_the_narrative_time(coder) -> None:  # type: ignore[no-untyped-def]
    """A weekday resolved against publication sets the narrative time too, and "the next day" counts from it."""
    text = "Pakistan shelled Indian positions on Wednesday. The next day, India summoned Pakistan's envoy."
    dated = _dated(_events(coder, text, "2015-03-07"))  # a Saturday
    assert dated[("PAK", "IND", "19")][0] == date(2015, 3, 4)
    assert dated[("IND", "PAK", "11")] == (date(2015, 3, 5), DateBasis.NARRATIVE)


def test_later_that_year_starts_after_the_narrative_month(coder) -> None:  # type: ignore[no-untyped-def]
    text = "In March 2020, relations soured. Later that year, China imposed tariffs on Australian barley."
    [event] = _events(coder, text, "2021-05-20")
    assert (event.occurred.start, event.occurred.end) == (date(2020, 4, 1), date(2020, 12, 31))


def test_an_unanchored_next_day_is_not_counted_from_publication(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = _events(coder, "The next day, India summoned Pakistan's envoy.", "2015-03-07")
    assert event.occurred.basis == DateBasis.PUBLICATION_FALLBACK


def test_a_reported_act_takes_its_own_date_and_else_the_statement(coder) -> None:  # type: ignore[no-untyped-def]
    own = "Seoul said on Tuesday that Japan had imposed restrictions on exports to South Korea on July 4."
    [event] = _events(coder, own, "2019-07-10")
    assert event.occurred.start == date(2019, 7, 4)
    bare = "Seoul said on Tuesday that Japan had imposed restrictions on exports to South Korea."
    [event] = _events(coder, bare, "2019-07-10")
    assert event.occurred.start == date(2019, 7, 9)  # the statement's day, the latest the act can be
    assert event.occurred.note and "past perfect" in event.occurred.note


def test_a_date_naming_a_noun_dates_no_act(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = _events(coder, "Japan rejected Monday's ruling by the South Korean court.", "2019-07-10")
    assert event.occurred.basis == DateBasis.PUBLICATION_FALLBACK


def test_an_intention_is_not_dated_by_the_day_it_names(coder) -> None:  # type: ignore[no-untyped-def]
    onset = "Japan will impose tariffs on South Korean steel from August 1, the ministry said."
    [event] = _events(coder, onset, "2020-07-10")
    assert event.occurred.start == date(2020, 7, 10)
    ahead = "China's foreign minister will not travel to Washington this weekend, the ministry said."
    [event] = _events(coder, ahead, "2023-02-03")
    assert event.occurred.start == date(2023, 2, 3)


def test_a_date_on_the_wrong_word_still_dates_the_sentence(coder) -> None:  # type: ignore[no-untyped-def]
    """The parser hangs "on Friday" on the second of two coordinated verbs, or on the main verb of a sentence
    whose act sits in a participle: the sentence's only date is still the act's."""
    events = _events(coder, "Japan summoned the South Korean ambassador and lodged a protest on Friday.", "2021-01-09")
    assert events and {e.occurred.start for e in events} == {date(2021, 1, 8)}
    [event] = _events(coder, "A shipment of vaccine donated by Japan arrived in Taipei on Friday.", "2021-01-09")
    assert event.occurred.start == date(2021, 1, 8)


def test_a_measured_after_clause_is_dated_back_from_the_main_clause(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Russia expelled ten Polish diplomats on Thursday, two weeks after Poland expelled Russian diplomats."
    dated = {(e.source.country, e.target.country): e.occurred for e in _events(coder, text, "2022-03-10")}
    assert dated[("RUS", "POL")].start == date(2022, 3, 10)
    assert dated[("POL", "RUS")].start == date(2022, 2, 24) and dated[("POL", "RUS")].text == "two weeks after"


def test_a_clause_with_a_time_of_its_own_does_not_date_the_sentence(coder) -> None:  # type: ignore[no-untyped-def]
    """A noun's participle ("an accord signed in 2011") and a "since" clause tell other acts: their years are no
    one else's date, nor the next sentence's narrative time."""
    text = "Until now the two navies exchanged data only under an accord signed in 2011."
    events = [e for e in _events(coder, "Japan and South Korea: " + text, "2016-11-23")]
    assert all(e.occurred.start != date(2011, 1, 1) for e in events)
    text = ("Moon became the first South Korean president to visit Pyongyang since the armistice was signed in 1953. "
            "He also agreed to open a joint liaison office with North Korea.")
    events = [e for e in _events(coder, text, "2018-09-19") if e.root == "03"]
    assert events and all(e.occurred.start == date(2018, 9, 19) for e in events)


def test_a_phase_verb_and_a_when_clause_share_their_time(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Ties had started to fray in early 2017, when China imposed sanctions on South Korea."
    [event] = _events(coder, text, "2019-03-02")
    assert event.occurred.start == date(2017, 1, 1) and event.occurred.text == "early 2017"


def test_a_committed_act_names_a_coming_day(coder) -> None:  # type: ignore[no-untyped-def]
    """"agreed to hold talks around Sept. 20" (in May) is the coming September: the agreement is dated by the
    statement, and the named day sets no narrative time for what follows."""
    text = "China and Japan agreed to hold talks around Sept. 20. Japan also lifted a ban on Chinese beef."
    events = _events(coder, text, "2018-05-02")
    assert events and all(e.occurred.start == date(2018, 5, 2) for e in events)
