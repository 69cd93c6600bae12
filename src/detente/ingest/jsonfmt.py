"""JSON and JSON Lines stories.

In: decoded text holding one object, a list of objects, or one object per line. Each object has
``{"title", "text", "published", "source", "url"}`` (``text`` required; ``byline``/``author`` optional).
Out: one ``Article`` per object; a record that does not parse or lacks ``text`` becomes ``Rejected("bad-json")``
on its own, and the other records still come through.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from detente.config import Settings
from detente.ingest.agencies import AgencyTable
from detente.ingest.wire import choose_source, ensure_aware, make_article, parse_iso_time, split_marks
from detente.records import Article, Rejected

_STRING_FIELDS = ("title", "source", "url", "byline", "author", "published", "language")


def parse_json(
    text: str, input_ref: str, settings: Settings, agencies: AgencyTable, *, published: datetime | None = None
) -> list[Article | Rejected]:
    """One object or a list of objects."""
    try:
        loaded = orjson.loads(text.encode("utf-8", "surrogatepass"))
    except orjson.JSONDecodeError as exc:
        return [Rejected(input_ref, "ingest", "bad-json", f"invalid JSON: {_one_line(exc)}")]
    if isinstance(loaded, dict):
        return [record_to_article(loaded, input_ref, "json", settings, agencies, published=published)]
    if isinstance(loaded, list):
        if not loaded:
            return [Rejected(input_ref, "ingest", "empty", "the JSON list has no records")]
        return [
            record_to_article(item, f"{input_ref}#{index}", "json", settings, agencies, published=published)
            for index, item in enumerate(loaded)
        ]
    return [Rejected(input_ref, "ingest", "bad-json", f"expected an object or a list, got {_kind(loaded)}")]


def parse_jsonl(
    text: str, input_ref: str, settings: Settings, agencies: AgencyTable, *, published: datetime | None = None
) -> list[Article | Rejected]:
    """One object per line; blank lines are skipped; input_ref gets ':LINE' (1-based)."""
    results: list[Article | Rejected] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        ref = f"{input_ref}:{number}"
        try:
            loaded = orjson.loads(line.encode("utf-8", "surrogatepass"))
        except orjson.JSONDecodeError as exc:
            results.append(Rejected(ref, "ingest", "bad-json", f"line {number} is not valid JSON: {_one_line(exc)}"))
            continue
        results.append(record_to_article(loaded, ref, "jsonl", settings, agencies, published=published))
    if not results:
        return [Rejected(input_ref, "ingest", "empty", "the JSON Lines file has no records")]
    return results


def looks_like_jsonl(text: str) -> bool:
    """More than one non-blank line, and every one of them starts with '{'."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) > 1 and all(line.startswith("{") for line in lines)


def record_to_article(
    record: Any,
    input_ref: str,
    input_format: str,
    settings: Settings,
    agencies: AgencyTable,
    *,
    published: datetime | None = None,
) -> Article | Rejected:
    if not isinstance(record, dict):
        return Rejected(input_ref, "ingest", "bad-json", f"expected a JSON object, got {_kind(record)}")
    problem = _field_problem(record)
    if problem is not None:
        return Rejected(input_ref, "ingest", "bad-json", problem)
    lines = record["text"].splitlines()
    marks = split_marks(lines, agencies)
    if not marks.paragraphs:
        return Rejected(input_ref, "ingest", "empty", "the record's 'text' field is empty")
    given_source = _clean(record.get("source"))
    source = agencies.canonical(given_source) if given_source else choose_source(agencies, byline=None, marks=marks)
    zone = agencies.zone_for(source) or settings.default_zone
    published_text = _clean(record.get("published"))
    when = parse_iso_time(published_text, zone) if published_text else ensure_aware(published, zone)
    return make_article(
        marks.paragraphs,
        input_ref=input_ref,
        input_format=input_format,
        source=source,
        title=_clean(record.get("title")),
        byline=_clean(record.get("byline")) or _clean(record.get("author")),
        published=when,
        published_text=published_text,
        dateline=marks.dateline,
        url=_clean(record.get("url")),
        language=_clean(record.get("language")) or "en",
    )


def _field_problem(record: dict[str, Any]) -> str | None:
    if "text" not in record:
        keys = ", ".join(sorted(map(str, record))) or "none"
        return f"the record has no 'text' field (fields: {keys})"
    if not isinstance(record["text"], str):
        return f"'text' must be a string, got {_kind(record['text'])}"
    for name in _STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return f"'{name}' must be a string, got {_kind(value)}"
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
