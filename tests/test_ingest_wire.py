"""Wire-format stories: header, publication time and zone, dateline, agency tag, source."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.clean import clean_article
from detente.config import Settings
from detente.ids import compute_article_id
from detente.ingest import AgencyTable, load_agencies, parse_document
from detente.ingest.wire import looks_like_person, parse_header, parse_wire_time, split_marks
from detente.records import Article, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEOUL = ZoneInfo("Asia/Seoul")
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture(scope="module")
def agencies() -> AgencyTable:
    return load_agencies()


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


def parse_one(
    text: str | bytes, agencies: AgencyTable, settings: Settings | None = None, suffix: str = ".txt"
) -> Article | Rejected:
    data = text.encode("utf-8") if isinstance(text, str) else text
    results = parse_document(data, "story.txt", settings or Settings(), agencies, suffix=suffix)
    assert len(results) == 1
    return results[0]


def parse_article(text: str | bytes, agencies: AgencyTable, settings: Settings | None = None) -> Article:
    result = parse_one(text, agencies, settings)
    assert isinstance(result, Article), result
    return result


def wire(header: str, *body: str, title: str = "Leaders meet") -> str:
    return "\n".join([title, header, *body]) + "\n"


# --- the three fixture stories ---------------------------------------------------------------------------------


def test_yonhap_story_has_seoul_time_dateline_and_agency(agencies: AgencyTable) -> None:
    article = parse_article((FIXTURES / "yonhap_wire.txt").read_bytes(), agencies)

    assert article.input_format == "wire"
    assert article.title == "S. Korea, Japan agree to resume security dialogue"
    assert article.byline == "Yonhap"
    assert article.source == "Yonhap"
    assert article.published == datetime(2023, 3, 4, 15, 20, tzinfo=SEOUL)
    assert article.published is not None and article.published.utcoffset() is not None
    assert article.published_text == "Mar. 4, 2023 - 15:20"
    assert article.dateline == "TOKYO"
    assert article.language == "en"
    assert len(article.body) == 3
    assert article.body[0].startswith("South Korea and Japan agreed Saturday")
    assert article.body[-1].endswith("regional missile launches.")
    assert "(Yonhap)" not in article.text
    assert article.article_id == compute_article_id(article.body)


def test_kyodo_story_with_space_before_published_and_sept(agencies: AgencyTable) -> None:
    article = parse_article((FIXTURES / "kyodo_wire.txt").read_bytes(), agencies)

    assert article.byline == "Kyodo"
    assert article.source == "Kyodo"
    assert article.published == datetime(2023, 9, 3, 9, 5, tzinfo=TOKYO)
    assert article.published_text == "Sept. 3, 2023 - 09:05"
    assert article.dateline == "MANILA"
    assert article.body[0].startswith("Japan and the Philippines signed")
    assert article.body[-1] == "The pact still needs approval by lawmakers in both countries."


def test_unknown_outlet_uses_default_zone_and_person_byline_is_no_source(agencies: AgencyTable) -> None:
    data = (FIXTURES / "outlet_wire.txt").read_bytes()

    article = parse_article(data, agencies)
    assert article.byline == "Maria Lindqvist"
    assert article.source is None
    assert article.published == datetime(2023, 6, 7, 18, 30, tzinfo=ZoneInfo("UTC"))
    assert article.dateline is None

    berlin = parse_article(data, agencies, Settings(default_zone="Europe/Berlin"))
    assert berlin.published == datetime(2023, 6, 7, 18, 30, tzinfo=ZoneInfo("Europe/Berlin"))


# --- publication time ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar. 4, 2023 - 15:20", datetime(2023, 3, 4, 15, 20)),
        ("Mar 4, 2023 - 15:20", datetime(2023, 3, 4, 15, 20)),
        ("March 4, 2023 - 15:20", datetime(2023, 3, 4, 15, 20)),
        ("Sept. 3, 2023 - 09:05", datetime(2023, 9, 3, 9, 5)),
        ("Sep. 3, 2023 - 09:05", datetime(2023, 9, 3, 9, 5)),
        ("June 7, 2023 - 23:59", datetime(2023, 6, 7, 23, 59)),
        ("Dec. 31, 2022 - 00:00", datetime(2022, 12, 31, 0, 0)),
        ("May 9, 2023", datetime(2023, 5, 9)),
    ],
)
def test_wire_time_formats(text: str, expected: datetime) -> None:
    assert parse_wire_time(text) == expected


@pytest.mark.parametrize("text", ["Feb. 30, 2023 - 10:00", "Mar. 4, 2023 - 25:00", "Smarch 4, 2023 - 10:00", ""])
def test_invalid_wire_times_do_not_parse(text: str) -> None:
    assert parse_wire_time(text) is None


_MONTH_STYLES = [
    ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."],
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"],
]  # fmt: skip


@given(
    moment=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)),
    style=st.sampled_from(_MONTH_STYLES),
)
def test_wire_time_round_trips(moment: datetime, style: list[str]) -> None:
    moment = moment.replace(second=0, microsecond=0)
    text = f"{style[moment.month - 1]} {moment.day}, {moment.year} - {moment:%H:%M}"
    assert parse_wire_time(text) == moment


@pytest.mark.parametrize(
    ("line", "byline", "published_text", "updated_text"),
    [
        ("By YonhapPublished : Mar. 4, 2023 - 15:20", "Yonhap", "Mar. 4, 2023 - 15:20", None),
        ("By Yonhap Published : Mar. 4, 2023 - 15:20", "Yonhap", "Mar. 4, 2023 - 15:20", None),
        (
            "By Kim ArinPublished : Mar 4, 2023 - 15:20Updated : Mar 4, 2023 - 17:44",
            "Kim Arin",
            "Mar 4, 2023 - 15:20",
            "Mar 4, 2023 - 17:44",
        ),
    ],
)
def test_header_parts(line: str, byline: str, published_text: str, updated_text: str | None) -> None:
    header = parse_header(line)
    assert header.byline == byline
    assert header.published_text == published_text
    assert header.updated_text == updated_text


def test_malformed_header_is_rejected_with_the_bad_string(agencies: AgencyTable) -> None:
    result = parse_one((FIXTURES / "bad_header.txt").read_bytes(), agencies)

    assert isinstance(result, Rejected)
    assert result.reason == "bad-header"
    assert result.stage == "ingest"
    assert "Smarch 45, 20x3 - 25:99" in result.message


def test_header_without_body_is_rejected_as_empty(agencies: AgencyTable) -> None:
    result = parse_one("Title\nBy YonhapPublished : Mar. 4, 2023 - 15:20\n", agencies)
    assert isinstance(result, Rejected) and result.reason == "empty"


# --- dateline, tag, source -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "dateline", "agency", "rest"),
    [
        ("TOKYO -- South Korea and Japan agreed.", "TOKYO", None, "South Korea and Japan agreed."),
        ("SEOUL, March 4 (Yonhap) -- North Korea fired a missile.", "SEOUL", "Yonhap", "North Korea fired a missile."),
        ("WASHINGTON (AP) — The talks ended.", "WASHINGTON", "AP", "The talks ended."),
        ("NEW YORK -- Envoys met at the U.N.", "NEW YORK", None, "Envoys met at the U.N."),
        ("BEIJING, Sept. 3 (Xinhua) -- Officials met.", "BEIJING", "Xinhua", "Officials met."),
    ],
)
def test_dateline_is_lifted_off_the_first_paragraph(
    first: str, dateline: str, agency: str | None, rest: str, agencies: AgencyTable
) -> None:
    marks = split_marks([first, "A second paragraph."], agencies)
    assert marks.dateline == dateline
    assert marks.dateline_agency == agency
    assert marks.paragraphs[0] == rest


@pytest.mark.parametrize(
    "first",
    [
        "Officials said -- without giving details -- that talks would resume.",
        "The U.N. Security Council met on Monday.",
        "NATO said on Monday it would hold exercises.",
    ],
)
def test_ordinary_first_paragraphs_have_no_dateline(first: str, agencies: AgencyTable) -> None:
    marks = split_marks([first], agencies)
    assert marks.dateline is None
    assert marks.paragraphs == (first,)


def test_dateline_agency_gives_source_and_zone(agencies: AgencyTable) -> None:
    story = wire(
        "By Lee Min-ho Published : Mar. 4, 2023 - 15:20",
        "SEOUL, March 4 (Yonhap) -- North Korea fired a ballistic missile, the military said.",
    )
    article = parse_article(story, agencies)
    assert article.source == "Yonhap"
    assert article.byline == "Lee Min-ho"
    assert article.published == datetime(2023, 3, 4, 15, 20, tzinfo=SEOUL)


def test_tag_agency_sets_zone_when_byline_is_a_person(agencies: AgencyTable) -> None:
    story = wire(
        "By Lee Min-hoPublished : Mar. 4, 2023 - 15:20",
        "The ministry confirmed the plan on Saturday.",
        "Talks will follow next week. (Kyodo News)",
    )
    article = parse_article(story, agencies)
    assert article.source == "Kyodo"
    assert article.published == datetime(2023, 3, 4, 15, 20, tzinfo=TOKYO)
    assert article.body[-1] == "Talks will follow next week."


def test_unknown_tag_after_a_sentence_is_the_source(agencies: AgencyTable) -> None:
    story = wire("By Staff Writer Published : Mar. 4, 2023 - 15:20", "Talks ended on Friday. (Arirang)")
    article = parse_article(story, agencies)
    assert article.source == "Arirang"
    assert article.body == ("Talks ended on Friday.",)
    assert article.published == datetime(2023, 3, 4, 15, 20, tzinfo=ZoneInfo("UTC"))


def test_parenthesised_acronym_inside_a_sentence_is_kept(agencies: AgencyTable) -> None:
    marks = split_marks(["Officials met envoys from the Democratic People's Republic of Korea (DPRK)"], agencies)
    assert marks.tag is None
    assert marks.paragraphs[0].endswith("(DPRK)")


def test_outlet_byline_is_the_source(agencies: AgencyTable) -> None:
    article = parse_article(wire("By Arirang News Published : Mar. 4, 2023 - 15:20", "Talks ended."), agencies)
    assert article.source == "Arirang News"
    article = parse_article(wire("By The Korea Herald Published : Mar. 4, 2023 - 15:20", "Talks."), agencies)
    assert article.source == "Korea Herald"
    assert article.published == datetime(2023, 3, 4, 15, 20, tzinfo=SEOUL)


@pytest.mark.parametrize(
    ("byline", "person"),
    [("Kim Arin", True), ("Kim Arin and Lee Jung-joo", True), ("AFP", False), ("Reuters Staff", False),
     ("Arirang", False), ("Arirang News", False), ("NEWS DESK", False)],
)  # fmt: skip
def test_person_bylines(byline: str, person: bool) -> None:
    assert looks_like_person(byline) is person


def test_end_marker_and_blank_lines_are_dropped(agencies: AgencyTable) -> None:
    story = wire(
        "By YonhapPublished : Mar. 4, 2023 - 15:20",
        "",
        "SEOUL -- The first paragraph.",
        "   ",
        "The last paragraph. (Yonhap)",
        "(END)",
    )
    article = parse_article(story, agencies)
    assert article.body == ("The first paragraph.", "The last paragraph.")
    assert article.source == "Yonhap"


def test_doubled_wire_body_is_repaired_to_one_copy(agencies: AgencyTable) -> None:
    original = (FIXTURES / "yonhap_wire.txt").read_text(encoding="utf-8")
    body_lines = original.splitlines()[2:]
    doubled = original + "\n".join(body_lines) + "\n"

    parsed = parse_article(doubled, agencies)
    cleaned = clean_article(parsed)
    single = parse_article(original, agencies)

    assert len(parsed.body) == 6
    assert cleaned.body == single.body
    assert cleaned.article_id == single.article_id
    assert [r.paragraphs for r in cleaned.removed] == [(3, 4, 5)]


def test_prose_line_mentioning_published_is_not_a_header(agencies: AgencyTable) -> None:
    prose = (
        "By the time the report was Published in full on Friday, ministers from both countries had already "
        "agreed to set up a joint panel on export controls and to meet again before the end of the year, "
        "officials said."
    )
    article = parse_article(f"Export controls\n{prose}\nThe panel will meet in May.\n", agencies)
    assert article.input_format == "text"
    assert article.body[0] == prose
