"""Saved web pages.

In: decoded HTML. Out: one ``Article`` built from the page's main text and metadata (title, date, author, site
name, canonical URL) as trafilatura extracts them, or ``Rejected("no-main-text")`` when the page has no story.
"""

from __future__ import annotations

import html as html_entities
import re
from datetime import datetime
from typing import Any

import trafilatura

from detente.config import Settings
from detente.ingest.agencies import AgencyTable
from detente.ingest.wire import choose_source, ensure_aware, make_article, parse_iso_time, split_marks
from detente.records import Article, Rejected

_MIN_WORDS = 5
_DATE_PARAMS: dict[str, Any] = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
# Publication-time metadata, most specific first; these carry the time of day that htmldate often drops.
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "parsely-pub-date",
    "date",
)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_HEAD_CHARS = 200_000
_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?(?P<lang>[A-Za-z]{2,3})\b", re.IGNORECASE)


def parse_html(
    text: str, input_ref: str, settings: Settings, agencies: AgencyTable, *, published: datetime | None = None
) -> Article | Rejected:
    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # third-party parser: translate any failure at the boundary
        return Rejected(input_ref, "ingest", "no-main-text", f"the HTML could not be parsed: {_one_line(exc)}")
    if document is None:
        return Rejected(input_ref, "ingest", "no-main-text", "the HTML page has no main text")
    fields = _fields(document)
    title = fields.get("title")
    lines = [line.strip() for line in (fields.get("text") or "").splitlines() if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    marks = split_marks(lines, agencies)
    words = sum(len(p.split()) for p in marks.paragraphs)
    if words < _MIN_WORDS:
        return Rejected(
            input_ref, "ingest", "no-main-text", f"the HTML page has no main text ({words} words extracted)"
        )
    sitename = fields.get("sitename")
    source = choose_source(agencies, byline=sitename, marks=marks)
    zone = agencies.zone_for(source) or settings.default_zone
    date_text = _metadata_published(text) or fields.get("date")
    when = parse_iso_time(date_text, zone) if date_text else ensure_aware(published, zone)
    lang = _LANG.search(text[:4096])
    return make_article(
        marks.paragraphs,
        input_ref=input_ref,
        input_format="html",
        source=source,
        title=title,
        byline=fields.get("author"),
        published=when,
        published_text=date_text,
        dateline=marks.dateline,
        url=fields.get("url"),
        language=lang["lang"].lower() if lang else "en",
    )


def looks_like_html(text: str) -> bool:
    """Starts with '<' and has an <html>, <body> or <p> tag somewhere."""
    head = text.lstrip()
    if not head.startswith("<"):
        return False
    lowered = head.lower()
    return any(tag in lowered for tag in ("<html", "<body", "<p>", "<p "))


def _metadata_published(text: str) -> str | None:
    """The first publication time in <meta> tags or JSON-LD that parses as ISO 8601, as written."""
    head = text[:_HEAD_CHARS]
    found: dict[str, str] = {}
    for tag in _META_TAG.findall(head):
        attributes = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTRIBUTE.findall(tag)}
        key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        content = html_entities.unescape(attributes.get("content", "")).strip()
        if key in _PUBLISHED_KEYS and content:
            found.setdefault(key, content)
    candidates = [found[key] for key in _PUBLISHED_KEYS if key in found] + _JSON_LD_PUBLISHED.findall(head)
    for candidate in candidates:
        if parse_iso_time(candidate, "UTC") is not None:
            return candidate
    return None


def _fields(document: Any) -> dict[str, str | None]:
    """trafilatura returns a Document (or a dict with as_dict); read the fields we use either way."""
    names = ("title", "text", "date", "author", "sitename", "url")
    if isinstance(document, dict):
        raw = {name: document.get(name) for name in names}
    else:
        raw = {name: getattr(document, name, None) for name in names}
    return {name: (value.strip() or None) if isinstance(value, str) else None for name, value in raw.items()}


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
