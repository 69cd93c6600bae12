"""Library functions behind each CLI command, one per command, returning data (never printing)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

from detente import __version__
from detente.analyse.series import Period, dyad_events, dyad_series
from detente.api import article_from_text, parse_published
from detente.config import Settings
from detente.errors import InputPathError
from detente.ingest import discover_paths, parse_document
from detente.lexicon import load_lexicon, load_scale
from detente.lexicon.loader import lexicon_files
from detente.records import Article, Rejected, to_plain
from detente.resolve.names import country_code
from detente.runners.pipeline import IngestSummary, Progress, ingest, make_coder
from detente.store import SCHEMA_VERSION, open_store


def collect_info(settings: Settings) -> dict[str, str]:
    from detente.parse import load_pipeline, pipeline_info

    lexicon = load_lexicon(settings.lexicon_dirs)
    scale = load_scale(settings.scale_file)
    nlp = load_pipeline(settings.model)
    pipe = pipeline_info(nlp, settings.model)
    files = ", ".join(f"{name} {version}" for name, version in sorted(lexicon.files.items()))
    return {
        "detente": __version__,
        "spacy": pipe.spacy_version,
        "pipeline": f"{pipe.label} (package {pipe.name}, sha256:{pipe.checksum})",
        "pipeline path": pipe.path,
        "lexicon": f"{lexicon.version} ({len(lexicon_files(settings.lexicon_dirs))} files: {files})",
        "lexicon entries": (f"{len(lexicon.countries)} countries, {len(lexicon.organisations)} organisations, "
                            f"{len(lexicon.people)} people, {len(lexicon.patterns)} verb patterns"),
        "scale": f"{scale.version} ({len(scale.codes)} CAMEO codes, {settings.scale_file.name})",
        "store schema": SCHEMA_VERSION,
    }


def _article_json(article: Article) -> dict[str, Any]:
    data = to_plain(article)
    data["body"] = list(article.body)
    return data


def code_file(path: Path, settings: Settings, published: str | None = None) -> list[dict[str, Any]]:
    """Code every article in one file: [{"article": ..., "events": [...]}] or [{"rejected": ...}]."""
    if not path.is_file():
        raise InputPathError(f"no such file: {path}")
    coder = make_coder(settings)
    when = parse_published(published, settings.default_zone)
    results: list[dict[str, Any]] = []
    for record in parse_document(path.read_bytes(), str(path), settings, coder.agencies, suffix=path.suffix,
                                 published=when):
        if isinstance(record, Rejected):
            results.append({"rejected": to_plain(record)})
            continue
        from detente.clean import clean_article

        article = clean_article(record)
        coded = coder.code_article(article)
        if isinstance(coded, Rejected):
            results.append({"rejected": to_plain(coded)})
        else:
            results.append({"article": _article_json(article), "events": [to_plain(e) for e in coded]})
    return results


def code_jsonl(path: Path, settings: Settings) -> Iterator[dict[str, Any]]:
    """The fixed batch interface: lines {id, text, published} -> lines {id, events} in input order."""
    if not path.is_file():
        raise InputPathError(f"no such file: {path}")
    coder = make_coder(settings)
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            ident: Any = None
            try:
                item = orjson.loads(raw)
                if not isinstance(item, dict):
                    raise ValueError("a line must be a JSON object")
                ident = item.get("id", number)
                text = item.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise ValueError("missing or empty 'text'")
                when = parse_published(item.get("published"), settings.default_zone)
                article = article_from_text(text, when, item.get("source"), f"{path}:{number}")
                coded = coder.code_article(article)
                if isinstance(coded, Rejected):
                    yield {"id": ident, "error": coded.message}
                else:
                    yield {"id": ident, "events": [to_plain(e) for e in coded]}
            except (ValueError, orjson.JSONDecodeError) as exc:
                yield {"id": ident if ident is not None else number, "error": f"line {number}: {exc}"}


def run_ingest(patterns: list[str], db: Path, settings: Settings, published: str | None = None,
               on_progress: Progress | None = None) -> IngestSummary:
    paths = discover_paths(patterns)
    coder = make_coder(settings)
    when = parse_published(published, settings.default_zone)
    with open_store(db) as store:
        return ingest(paths, store, coder, when, on_progress)


def resolve_pair(a: str, b: str, settings: Settings) -> tuple[str, str]:
    lexicon = load_lexicon(settings.lexicon_dirs)
    codes = []
    for text in (a, b):
        code = country_code(text, lexicon)
        if code is None:
            raise InputPathError(f"unknown country {text!r}: use an ISO code (KOR) or a name (South Korea)")
        codes.append(code)
    return codes[0], codes[1]


def dyad_command(a: str, b: str, db: Path, settings: Settings, freq: str, direction: str
                 ) -> tuple[str, str, list[Period]]:
    code_a, code_b = resolve_pair(a, b, settings)
    with open_store(db, read_only=True) as store:
        periods = dyad_series(store, code_a, code_b, freq, direction,  # type: ignore[arg-type]
                              settings.series_modalities)
    return code_a, code_b, periods


@dataclass
class DemoReport:
    a: str
    b: str
    periods: list[Period]
    negative: list[dict[str, Any]]
    positive: list[dict[str, Any]]
    counts: dict[str, int]


def demo_report(db: Path, settings: Settings, a: str = "KOR", b: str = "JPN") -> DemoReport:
    with open_store(db, read_only=True) as store:
        mods = settings.series_modalities
        return DemoReport(a, b, dyad_series(store, a, b, "month", "both", mods),
                          dyad_events(store, a, b, "goldstein ASC", 5, mods),
                          dyad_events(store, a, b, "goldstein DESC", 5, mods), store.counts())


def parse_month(text: str | None, end: bool = False) -> date | None:
    """"2019-01" (or "2019", "2019-01-15") to the first day of that period, or the last day when ``end``."""
    if not text:
        return None
    parts = text.strip().split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return date(year, month, int(parts[2]))
        if not end:
            return date(year, month, 1)
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    except (ValueError, IndexError) as exc:
        raise InputPathError(f"dates look like 2019-01 (or 2019, 2019-01-15), not {text!r}") from exc


def events_command(a: str, b: str, db: Path, settings: Settings, start: str | None, end: str | None,
                   limit: int = 1000) -> tuple[str, str, list[dict[str, Any]]]:
    """Fused events between two countries (either direction) whose start falls in [start, end] months."""
    code_a, code_b = resolve_pair(a, b, settings)
    with open_store(db, read_only=True) as store:
        rows = dyad_events(store, code_a, code_b, "occurred_start ASC", limit, settings.series_modalities,
                           parse_month(start), parse_month(end, end=True))
    return code_a, code_b, rows


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """A fused event as JSON: the event fields of DESIGN.md plus report counts and its mentions."""
    return {
        "event_id": row["fused_id"],
        "source": {"country": row["source_country"], "sector": row["source_sector"]},
        "target": {"country": row["target_country"], "sector": row["target_sector"]},
        "cameo": row["cameo"], "root": row["root"], "goldstein": row["goldstein"], "quad_class": row["quad_class"],
        "modality": row["modality"],
        "occurred": {"start": _iso(row["occurred_start"]), "end": _iso(row["occurred_end"]),
                     "granularity": row["occurred_granularity"], "basis": row["occurred_basis"]},
        "evidence": {"article_id": row["article_id"], "span": [row["span_start"], row["span_end"]],
                     "sentence": row["sentence"], "outlet": row["outlet"], "title": row["title"]},
        "rule_id": row["rule_id"],
        "n_articles": row["n_articles"], "n_sources": row["n_sources"], "outlets": list(row["outlets"] or []),
        "first_reported": _iso(row["first_reported"]), "last_reported": _iso(row["last_reported"]),
        "mentions": list(row["mentions"] or []),
    }


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()
