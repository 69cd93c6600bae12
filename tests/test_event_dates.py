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
