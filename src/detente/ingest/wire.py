"""Wire-format and plain-text stories: the text files news scrapers save.

In: decoded text. Out: one ``Article`` (or a ``Rejected`` with reason ``bad-header`` or ``empty``).

A wire story looks like::

    S. Korea, Japan agree to resume security dialogue
    By YonhapPublished : Mar. 4, 2023 - 15:20
    TOKYO -- South Korea and Japan agreed Saturday to resume ..., officials said.
    ... last paragraph. (Yonhap)

Line 1 is the title, line 2 the header (byline, publication time, optional ``Updated : ...``), then one paragraph
per line. The dateline ("TOKYO --") and the trailing agency tag ("(Yonhap)") are lifted out of the body into
``Article.dateline`` and ``Article.source``. Text without such a header is read as plain text. The body helpers
(``split_marks``, ``make_article``, ``localise``) are shared with the HTML and JSON readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from detente.config import Settings
from detente.errors import ConfigError
from detente.ids import compute_article_id
from detente.ingest.agencies import AgencyTable
from detente.records import Article, Rejected

_MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip

# "By YonhapPublished : Mar. 4, 2023 - 15:20" (no space before "Published" is the common scraped form).
_HEADER = re.compile(r"^By\s+(?P<byline>.*?)\s*Published\s*:?\s*(?P<when>.*)$")
_HEADER_NO_BYLINE = re.compile(r"^Published\s*:\s*(?P<when>.*)$")
_UPDATED = re.compile(r"\s*[|,;]?\s*(?:Updated|Modified)\s*:?\s*(?P<updated>.*)$")
_WIRE_TIME = re.compile(
    r"^(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?P<year>\d{4})"
    r"(?:\s*[-–—,]?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\s*$"
)
_HEADER_SEARCH_LINES = 3
_HEADER_MAX_CHARS = 200  # a longer line starting "By ..." is prose, not a header

_UPPER = "A-ZÀ-ÖØ-Þ"
_PLACE_WORD = rf"[{_UPPER}][{_UPPER}'’.\-]*"
# "TOKYO --", "SEOUL, March 4 (Yonhap) --", "WASHINGTON (AP) —", "NEW YORK --"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD})*)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]{0,14}(?:\s[A-Z][A-Za-z.]{0,14})?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?:--|—|–)\s*"
)
# "... officials said. (Yonhap)": a short parenthesised name at the very end of a paragraph.
_TAG = re.compile(r"(?P<before>.*?)\s*\((?P<tag>[A-Z][A-Za-z&.'\- ]{0,38}[A-Za-z.])\)\s*$", re.DOTALL)
_SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ")")
_END_MARKERS = frozenset({"(end)", "(end)-", "-end-", "(ends)", "###"})

_ORG_WORDS = frozenset({
    "news", "agency", "press", "times", "herald", "post", "daily", "journal", "network", "broadcasting",
    "broadcast", "service", "wire", "media", "staff", "desk", "reporters", "reporter", "report",
    "tribune", "gazette", "online", "tv", "radio", "newswire", "bureau", "editorial", "correspondents",
    "group", "corp", "corporation", "inc", "ltd", "channel"
})  # fmt: skip
_NAME_JOINERS = frozenset({"and", "&", "with", "de", "van", "von", "da", "del", "bin", "al"})

_TITLE_MAX_CHARS = 150


@dataclass(frozen=True, slots=True)
class WireHeader:
    """The parsed second line of a wire story."""

    byline: str | None
    published: datetime  # naive: the zone depends on the agency, decided later
    published_text: str
    updated_text: str | None


@dataclass(frozen=True, slots=True)
class BodyMarks:
    """Paragraphs with the dateline and agency tag lifted out."""

    paragraphs: tuple[str, ...]
    dateline: str | None
    dateline_agency: str | None
    tag: str | None


class HeaderError(ValueError):
    """A line is a wire header, but its publication time does not parse."""


def is_wire(text: str) -> bool:
    """True when one of the first lines is a wire header ("By ... Published : ...")."""
    return _find_header(_nonblank_lines(text)) is not None


def parse_wire(
    text: str, input_ref: str, settings: Settings, agencies: AgencyTable, *, published: datetime | None = None
) -> Article | Rejected:
    """Parse a wire story; falls back to plain text when it has no header."""
    lines = _nonblank_lines(text)
    at = _find_header(lines)
    if at is None:
        return parse_plain_text(text, input_ref, settings, agencies, published=published)
    try:
        header = parse_header(lines[at])
    except HeaderError as exc:
        return Rejected(input_ref, "ingest", "bad-header", str(exc))
    title = " ".join(lines[:at]) or None
    marks = split_marks(lines[at + 1 :], agencies)
    if not marks.paragraphs:
        return Rejected(input_ref, "ingest", "empty", "the wire story has a header but no body text")
    agency = agencies.lookup(header.byline) or agencies.lookup(marks.tag) or agencies.lookup(marks.dateline_agency)
    zone = agency.zone if agency is not None else settings.default_zone
    return make_article(
        marks.paragraphs,
        input_ref=input_ref,
        input_format="wire",
        source=choose_source(agencies, byline=header.byline, marks=marks),
        title=title,
        byline=header.byline,
        published=header.published.replace(tzinfo=zone_info(zone)),
        published_text=header.published_text,
        dateline=marks.dateline,
    )


def parse_plain_text(
    text: str, input_ref: str, settings: Settings, agencies: AgencyTable, *, published: datetime | None = None
) -> Article | Rejected:
    """Text without a wire header: a short first line without a final period is the title."""
    lines = _nonblank_lines(text)
    if not lines:
        return Rejected(input_ref, "ingest", "empty", "the input has no text")
    title = None
    if len(lines) > 1 and _looks_like_title(lines[0]):
        title, lines = lines[0], lines[1:]
    marks = split_marks(lines, agencies)
    if not marks.paragraphs:
        return Rejected(input_ref, "ingest", "empty", "the input has no body text")
    return make_article(
        marks.paragraphs,
        input_ref=input_ref,
        input_format="text",
        source=choose_source(agencies, byline=None, marks=marks),
        title=title,
        published=ensure_aware(published, settings.default_zone),
        dateline=marks.dateline,
    )


def parse_header(line: str) -> WireHeader:
    """Split a header line into byline and times; raises ``HeaderError`` naming the bad time string."""
    match = _HEADER.match(line) or _HEADER_NO_BYLINE.match(line)
    if match is None:
        raise HeaderError(f"not a wire header: {line!r}")
    byline = (match.groupdict().get("byline") or "").strip(" ,|-") or None
    when = match["when"].strip()
    updated_text = None
    updated = _UPDATED.search(when)
    if updated is not None:
        updated_text = updated["updated"].strip() or None
        when = when[: updated.start()].strip()
    published = parse_wire_time(when)
    if published is None:
        raise HeaderError(f"publication time {when!r} does not parse (expected e.g. 'Mar. 4, 2023 - 15:20')")
    return WireHeader(byline=byline, published=published, published_text=when, updated_text=updated_text)


def parse_wire_time(text: str) -> datetime | None:
    """'Mar. 4, 2023 - 15:20', 'Sept. 3, 2023 - 09:05', 'June 7, 2023' -> naive datetime; None if invalid."""
    match = _WIRE_TIME.match(text.strip())
    if match is None:
        return _parse_iso(text)
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        return None
    try:
        return datetime(
            int(match["year"]),
            month,
            int(match["day"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
            int(match["second"] or 0),
        )
    except ValueError:
        return None


def split_marks(lines: list[str] | tuple[str, ...], agencies: AgencyTable) -> BodyMarks:
    """Lift the dateline off the first paragraph and the agency tag off the last one."""
    paragraphs = [p.strip() for p in lines if p.strip()]
    while paragraphs and paragraphs[-1].lower() in _END_MARKERS:
        paragraphs.pop()
    if not paragraphs:
        return BodyMarks((), None, None, None)
    dateline = dateline_agency = None
    match = _DATELINE.match(paragraphs[0])
    if match is not None and match.end() < len(paragraphs[0]):
        dateline = match["place"] + (f", {match['region']}" if match["region"] else "")
        dateline_agency = match["agency"].strip() if match["agency"] else None
        paragraphs[0] = paragraphs[0][match.end() :]
    tag = _trailing_tag(paragraphs[-1], agencies)
    if tag is not None:
        # The same tag closes every copy of a body saved twice; strip it everywhere so copies compare equal.
        paragraphs = [_strip_tag(p, tag) for p in paragraphs]
        paragraphs = [p for p in paragraphs if p]
    return BodyMarks(tuple(paragraphs), dateline, dateline_agency, tag)


def choose_source(agencies: AgencyTable, *, byline: str | None, marks: BodyMarks | None) -> str | None:
    """Known agency (byline, tag, dateline) by canonical name; else the tag text; else an outlet byline."""
    tag = marks.tag if marks is not None else None
    dateline_agency = marks.dateline_agency if marks is not None else None
    for candidate in (byline, tag, dateline_agency):
        agency = agencies.lookup(candidate)
        if agency is not None:
            return agency.name
    if tag:
        return tag
    if dateline_agency:
        return dateline_agency
    if byline and not looks_like_person(byline):
        return byline
    return None


def looks_like_person(byline: str) -> bool:
    """'Kim Arin' or 'Kim Arin and Lee Jung-joo' are people; 'Reuters Staff', 'AFP' or 'Arirang' are not."""
    words = byline.replace(",", " ").split()
    if len(words) < 2:
        return False
    for word in words:
        bare = word.strip(".").lower()
        if bare in _ORG_WORDS or any(ch.isdigit() for ch in word):
            return False
        if bare not in _NAME_JOINERS and not word[0].isupper():
            return False
    return not byline.isupper()


def make_article(
    paragraphs: tuple[str, ...] | list[str],
    *,
    input_ref: str,
    input_format: str,
    source: str | None = None,
    title: str | None = None,
    byline: str | None = None,
    published: datetime | None = None,
    published_text: str | None = None,
    dateline: str | None = None,
    url: str | None = None,
    language: str = "en",
) -> Article:
    body = tuple(paragraphs)
    return Article(
        article_id=compute_article_id(body),
        source=source,
        title=title,
        byline=byline,
        published=published,
        published_text=published_text,
        dateline=dateline,
        url=url,
        language=language,
        body=body,
        input_ref=input_ref,
        input_format=input_format,
    )


def zone_info(name: str) -> ZoneInfo:
    """The zone for an IANA name; a bad name is a configuration error, not a per-document one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"unknown time zone {name!r}") from exc


def ensure_aware(value: datetime | None, zone: str) -> datetime | None:
    """A naive datetime is read as local time in ``zone``; an aware one is kept as it is."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zone_info(zone))


def parse_iso_time(text: str, zone: str) -> datetime | None:
    """ISO 8601 -> aware datetime (naive values are read in ``zone``); None when it does not parse."""
    return ensure_aware(_parse_iso(text), zone)


def _parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _nonblank_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _find_header(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        if len(line) > _HEADER_MAX_CHARS:
            continue
        if (line.startswith("By ") and "Published" in line) or _HEADER_NO_BYLINE.match(line):
            return index
    return None


def _looks_like_title(line: str) -> bool:
    return len(line) < _TITLE_MAX_CHARS and not line.endswith(".") and _DATELINE.match(line) is None


def _match_tag(paragraph: str) -> re.Match[str] | None:
    """``_TAG.match``, skipping the (slow, lazy) pattern when the paragraph does not end with ")"."""
    return _TAG.match(paragraph) if paragraph.rstrip().endswith(")") else None


def _trailing_tag(paragraph: str, agencies: AgencyTable) -> str | None:
    match = _match_tag(paragraph)
    if match is None:
        return None
    tag, before = match["tag"].strip(), match["before"]
    if tag.lower() == "end" or not before:
        return None
    if agencies.lookup(tag) is not None or before.endswith(_SENTENCE_END):
        return tag
    return None


def _strip_tag(paragraph: str, tag: str) -> str:
    match = _match_tag(paragraph)
    if match is not None and match["tag"].strip() == tag and match["before"]:
        return match["before"].strip()
    return paragraph
