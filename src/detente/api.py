"""Small conveniences over the stages for Python users and the CLI."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from detente.ids import compute_article_id
from detente.records import Article, Event, Rejected
from detente.runners.pipeline import Coder


def parse_published(value: str | date | datetime | None, zone: str = "UTC") -> datetime | None:
    """"2019-07-04" or an ISO datetime to an aware datetime (midday in ``zone`` when only a date is given)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(zone))
    if isinstance(value, date):
        return datetime.combine(value, time(12), ZoneInfo(zone))
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"published must be YYYY-MM-DD or an ISO 8601 datetime, not {text!r}") from exc
    if len(text) <= 10:
        parsed = parsed.replace(hour=12)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(zone))


def article_from_text(text: str, published: datetime | None = None, source: str | None = None,
                      input_ref: str = "<text>", article_id: str | None = None) -> Article:
    paragraphs = tuple(p.strip() for p in text.splitlines() if p.strip())
    return Article(article_id=article_id or compute_article_id(paragraphs), source=source, title=None, byline=None,
                   published=published, published_text=None, dateline=None, url=None, language="en",
                   body=paragraphs, input_ref=input_ref, input_format="text")


def code_text(text: str, coder: Coder, published: str | date | datetime | None = None,
              source: str | None = None) -> list[Event]:
    """Events in a piece of text (one or more paragraphs)."""
    article = article_from_text(text, parse_published(published, coder.settings.default_zone), source)
    result = coder.code_article(article)
    if isinstance(result, Rejected):
        raise ValueError(result.message)
    return result
