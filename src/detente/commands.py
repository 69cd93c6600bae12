"""Library functions behind each CLI command, one per command, returning data (never printing)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

from detente import __version__
from detente.analyse.export import ExportResult, export
from detente.analyse.findings import (
    Chain,
    Reciprocity,
    SinceFinding,
    TurningPoint,
    extreme_since,
    reciprocity,
    response_chains,
    turning_points,
)
from detente.analyse.index import RelationsSeries, relations_series
from detente.analyse.series import dyad_events
from detente.analyse.triad import Triad, triad
from detente.api import article_from_text, parse_published
from detente.config import Settings
from detente.errors import InputPathError
from detente.ingest import discover_paths, parse_document
from detente.ingest.events_import import FORMATS as IMPORT_FORMATS
from detente.ingest.events_import import ImportSummary, import_events
from detente.lexicon import load_lexicon, load_scale
from detente.lexicon.loader import lexicon_files
from detente.records import Article, Rejected, to_plain
from detente.resolve.names import country_code
from detente.resolve.scale import Scorer
from detente.runners.pipeline import IngestSummary, Progress, ingest, make_coder
from detente.store import SCHEMA_VERSION, Store, open_store
from detente.store.corrections import apply_corrections


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
        summary = ingest(paths, store, coder, when, on_progress)
        # analysts' corrections are stored apart and re-applied whenever coded data changes
        apply_corrections(store, settings)
        return summary


def resolve_pair(a: str, b: str, settings: Settings) -> tuple[str, str]:
    lexicon = load_lexicon(settings.lexicon_dirs)
    codes = []
    for text in (a, b):
        code = country_code(text, lexicon)
        if code is None:
            raise InputPathError(f"unknown country {text!r}: use an ISO code (KOR) or a name (South Korea)")
        codes.append(code)
    return codes[0], codes[1]


def dyad_command(a: str, b: str, db: Path, settings: Settings, freq: str, direction: str,
                 start: str | None = None, end: str | None = None) -> tuple[str, str, RelationsSeries, DyadFindings]:
    """The relations series of a dyad with its findings (lowest/highest since, turning points, reciprocity)."""
    code_a, code_b = resolve_pair(a, b, settings)
    with open_store(db, read_only=True) as store:
        series = relations_series(store, code_a, code_b, freq, direction,  # type: ignore[arg-type]
                                  modalities=settings.series_modalities, start=parse_month(start),
                                  end=parse_month(end, end=True))
        found = _findings(store, code_a, code_b, series, settings)
    return code_a, code_b, series, found


@dataclass
class DyadFindings:
    latest: SinceFinding | None  # the judged period (default the latest): lowest since when if negative, else highest
    record_low: SinceFinding | None  # the lowest period of the series: lowest since when
    record_high: SinceFinding | None
    turning_points: list[TurningPoint]
    reciprocity: Reciprocity | None

    @property
    def sentences(self) -> list[str]:
        seen: list[str] = []
        for finding in (self.latest, self.record_low, self.record_high):
            if finding is not None and finding.sentence not in seen:
                seen.append(finding.sentence)
        return seen

    def to_json(self) -> dict[str, Any]:
        def plain(f: SinceFinding | None) -> dict[str, object] | None:
            return f.to_json() if f else None

        return {"latest": plain(self.latest), "record_low": plain(self.record_low),
                "record_high": plain(self.record_high),
                "turning_points": [t.to_json() for t in self.turning_points],
                "reciprocity": self.reciprocity.to_json() if self.reciprocity else None}


def _findings(store: Store, a: str, b: str, series: RelationsSeries, settings: Settings,
              period: str | None = None) -> DyadFindings:
    scored = [p for p in series.points if p.index is not None]
    if not scored:
        return DyadFindings(None, None, None, [], None)
    judged = next((p for p in scored if p.period == period), scored[-1])
    latest = extreme_since(series, judged.period, "low" if (judged.index or 0.0) < 0 else "high")
    low = min(scored, key=lambda p: (p.index, p.period))
    high = max(scored, key=lambda p: (p.index, p.period))
    return DyadFindings(latest, extreme_since(series, low.period, "low"), extreme_since(series, high.period, "high"),
                        turning_points(store, series), reciprocity(store, a, b, modalities=settings.series_modalities))


def findings_command(a: str, b: str, db: Path, settings: Settings, freq: str, period: str | None
                     ) -> tuple[str, str, RelationsSeries, DyadFindings]:
    code_a, code_b = resolve_pair(a, b, settings)
    with open_store(db, read_only=True) as store:
        series = relations_series(store, code_a, code_b, freq, "both", modalities=settings.series_modalities)
        if period is not None and period not in {p.period for p in series.points}:
            raise InputPathError(f"{period!r} is not a {freq} period of the {code_a}–{code_b} series "
                                 f"({series.points[0].period}..{series.points[-1].period})" if series.points
                                 else f"no {code_a}–{code_b} events in the store")
        return code_a, code_b, series, _findings(store, code_a, code_b, series, settings, period)


def chains_command(a: str, b: str, db: Path, settings: Settings, window_days: int) -> tuple[str, str, list[Chain]]:
    code_a, code_b = resolve_pair(a, b, settings)
    with open_store(db, read_only=True) as store:
        return code_a, code_b, response_chains(store, code_a, code_b, window_days=window_days,
                                               modalities=settings.series_modalities)


def triad_command(a: str, b: str, c: str, db: Path, settings: Settings, freq: str) -> Triad:
    lexicon = load_lexicon(settings.lexicon_dirs)
    codes = []
    for text in (a, b, c):
        code = country_code(text, lexicon)
        if code is None:
            raise InputPathError(f"unknown country {text!r}: use an ISO code (KOR) or a name (South Korea)")
        codes.append(code)
    if len(set(codes)) != 3:
        raise InputPathError("a triad needs three different countries")
    with open_store(db, read_only=True) as store:
        return triad(store, codes[0], codes[1], codes[2], freq, modalities=settings.series_modalities)


def import_command(path: Path, fmt: str, db: Path, settings: Settings) -> ImportSummary:
    if not path.exists():
        raise InputPathError(f"no such file or folder: {path}")
    if fmt not in IMPORT_FORMATS:
        raise InputPathError(f"--format must be one of {', '.join(IMPORT_FORMATS)}, not {fmt!r}")
    lexicon = load_lexicon(settings.lexicon_dirs)
    scorer = Scorer(load_scale(settings.scale_file))
    with open_store(db) as store:
        return import_events(path, fmt, store, scorer, lexicon)


def export_command(what: str, fmt: str, out: Path, db: Path, settings: Settings, a: str | None, b: str | None,
                   freq: str) -> ExportResult:
    lexicon = load_lexicon(settings.lexicon_dirs)
    codes: list[str | None] = []
    for text in (a, b):
        code = country_code(text, lexicon) if text else None
        if text and code is None:
            raise InputPathError(f"unknown country {text!r}")
        codes.append(code)
    with open_store(db, read_only=True) as store:
        try:
            return export(store, what, fmt, out, codes[0], codes[1], freq, modalities=settings.series_modalities)
        except ValueError as exc:
            raise InputPathError(str(exc)) from exc


@dataclass
class DemoReport:
    a: str
    b: str
    series: RelationsSeries
    findings: DyadFindings
    negative: list[dict[str, Any]]
    positive: list[dict[str, Any]]
    counts: dict[str, int]


def demo_report(db: Path, settings: Settings, a: str = "KOR", b: str = "JPN") -> DemoReport:
    with open_store(db, read_only=True) as store:
        mods = settings.series_modalities
        series = relations_series(store, a, b, "month", "both", modalities=mods)
        return DemoReport(a, b, series, _findings(store, a, b, series, settings),
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


def brief_command(a: str, b: str, db: Path, settings: Settings, with_: str | None, start: str | None,
                  end: str | None, fmt: str) -> str:
    from detente.report.brief import make_brief

    with open_store(db, read_only=True) as store:
        return make_brief(store, a, b, settings, with_=with_, start=parse_month(start),
                          end=parse_month(end, end=True), fmt=fmt)


def write_demo_briefs(db: Path, settings: Settings, folder: Path) -> tuple[Path, Path]:
    """The demo's KOR–JPN brief with USA, as markdown and HTML, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = (folder / "demo-brief-kor-jpn.md", folder / "demo-brief-kor-jpn.html")
    for path, fmt in zip(paths, ("md", "html"), strict=True):
        path.write_text(brief_command("KOR", "JPN", db, settings, "USA", None, None, fmt), encoding="utf-8")
    return paths
