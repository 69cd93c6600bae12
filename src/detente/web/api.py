"""The JSON API under /api/: query parameters in, the analytics' own JSON out (pydantic models document it).

``Service`` owns the one open store (DuckDB allows one process per file) and a lock, since FastAPI runs these
sync endpoints in worker threads; the coder loads on the first POSTed article. Every endpoint calls the library
(``analyse``, ``commands``, ``runners.pipeline``, ``store.corrections``); nothing here re-implements it.
Evidence text is returned as plain JSON strings: escaping it is the page's job, and nothing here renders it.
"""

from __future__ import annotations

import re
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from detente import __version__
from detente.analyse.findings import response_chains
from detente.analyse.index import relations_series
from detente.analyse.series import next_period, truncate_period
from detente.analyse.triad import triad
from detente.api import parse_published
from detente.clean import clean_article
from detente.commands import _findings, event_json, parse_month
from detente.config import Settings
from detente.errors import DetenteError
from detente.ingest import parse_document
from detente.lexicon import load_lexicon, load_scale
from detente.records import Article, Rejected
from detente.resolve.names import country_code
from detente.resolve.scale import Scorer
from detente.runners.pipeline import Coder, ingest, make_coder
from detente.store import Store, open_store
from detente.store.corrections import (
    CorrectionError,
    apply_corrections,
    count_corrections,
    ensure_tables,
    gold_lines,
    list_corrections,
    record_correction,
)
from detente.web.auth import require_read, require_write

MAX_LIMIT = 500
MAX_PERIODS = 5000  # periods one series may span (a day series of ~13 years); longer: use a coarser freq
YEARS = (1800, 2199)
Freq = Literal["day", "week", "month", "quarter", "year"]
DirectionParam = Literal["both", "forward", "backward"]
Order = Literal["date", "-date", "goldstein", "-goldstein", "reports"]
_ORDER_SQL = {"date": "f.occurred_start ASC NULLS LAST", "-date": "f.occurred_start DESC NULLS LAST",
              "goldstein": "f.goldstein ASC NULLS LAST", "-goldstein": "f.goldstein DESC NULLS LAST",
              "reports": "f.n_articles DESC"}


class ApiError(Exception):
    """A request the API refuses: ``status`` and a message for the client."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


# -- the service behind the endpoints -----------------------------------------------------------------------------
class Service:
    """The open store, the lexicon and scale, the lazily loaded coder, and the lock that serialises them."""

    def __init__(self, settings: Settings, db: Path, coder: Coder | None = None):
        self.settings = settings
        self.db = db
        self.lock = threading.RLock()
        self.lexicon = load_lexicon(settings.lexicon_dirs)
        self.scorer = Scorer(load_scale(settings.scale_file))
        self._coder = coder
        self._coder_lock = threading.Lock()
        self.store: Store = self._open()
        self.closed = False

    def _open(self) -> Store:
        store = open_store(self.db)
        try:
            ensure_tables(store)
            apply_corrections(store, self.settings, self.scorer)
        except Exception:
            store.close()
            raise
        return store

    def reopen(self) -> None:
        """Open the store again after ``close`` (an app can go through several lifespans, e.g. in tests)."""
        with self.lock:
            if self.closed:
                self.store = self._open()
                self.closed = False

    def coder(self) -> Coder:
        with self._coder_lock:
            if self._coder is None:
                self._coder = make_coder(self.settings)
            return self._coder

    def close(self) -> None:
        with self.lock:
            if not self.closed:
                self.store.close()
                self.closed = True

    def country(self, text: str, name: str) -> str:
        code = country_code(text, self.lexicon)
        if code is None:
            raise ApiError(f"{name}: unknown country {text!r}: use an ISO code (KOR) or a name (South Korea)")
        return code


def service_of(request: Request) -> Service:
    service = request.app.state.service
    assert isinstance(service, Service)
    return service


router = APIRouter(prefix="/api", tags=["api"])
reads = APIRouter(dependencies=[Depends(require_read)])
writes = APIRouter(dependencies=[Depends(require_write)])


# -- response models ------------------------------------------------------------------------------------------------
class ErrorOut(BaseModel):
    error: str = Field(description="What was wrong, in words.")
    detail: list[Any] | None = Field(None, description="The validator's findings, for a 422.")


class SeriesMetaOut(BaseModel):
    a: str
    b: str
    freq: str
    direction: str
    modalities: list[str]
    index: str
    prior_events: float
    n_boot: int
    seed: int
    level: float
    schema_version: str
    versions: dict[str, list[str]]


class PointOut(BaseModel):
    period: str
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    quad: dict[str, int]
    coop_share: float | None
    index: float | None
    ci_low: float | None
    ci_high: float | None
    event_ids: list[str]


class SeriesOut(BaseModel):
    meta: SeriesMetaOut
    series: list[PointOut]


class ActorOut(BaseModel):
    country: str | None
    sector: str | None


class OccurredOut(BaseModel):
    start: str | None
    end: str | None
    granularity: str | None
    basis: str | None


class EvidenceOut(BaseModel):
    article_id: str | None
    span: list[int | None]
    sentence: str | None = Field(description="The representative sentence, verbatim (untrusted text).")
    outlet: str | None
    title: str | None


class EventOut(BaseModel):
    event_id: str = Field(description="The fused event id.")
    source: ActorOut
    target: ActorOut
    cameo: str | None
    root: str | None
    goldstein: float | None
    quad_class: int | None
    modality: str | None
    occurred: OccurredOut
    evidence: EvidenceOut
    rule_id: str | None
    n_articles: int | None
    n_sources: int | None
    outlets: list[str]
    first_reported: str | None
    last_reported: str | None
    mentions: list[str]
    corrections: list[str] = Field(default_factory=list, description="Ids of the corrections made to it.")


class EventsPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class SinceOut(BaseModel):
    kind: str
    period: str
    value: float
    since: str | None
    data_start: str
    certain: bool
    close: list[str]
    sentence: str


class TurningOut(BaseModel):
    period: str
    date: str
    direction: str
    size: float
    level_before: float
    level_after: float
    events: list[dict[str, Any]]


class ReciprocityOut(BaseModel):
    a: str
    b: str
    months: int
    by_lag: dict[str, float | None]
    best_lag: int | None
    best_correlation: float | None


class FindingsOut(BaseModel):
    latest: SinceOut | None
    record_low: SinceOut | None
    record_high: SinceOut | None
    turning_points: list[TurningOut]
    reciprocity: ReciprocityOut | None


class LinkOut(BaseModel):
    kind: str
    lag_days: int
    score: float
    first: dict[str, Any]
    reply: dict[str, Any]


class ChainOut(BaseModel):
    start: str
    score: float
    links: list[LinkOut]


class ChainsPage(BaseModel):
    a: str
    b: str
    window_days: int
    total: int
    limit: int
    offset: int
    items: list[ChainOut]


class TriadPointOut(BaseModel):
    period: str
    legs: dict[str, float | None]
    cohesion: float | None
    weakest: str | None
    balance: str | None


class TriadTurnOut(BaseModel):
    period: str
    date: str
    direction: str
    size: float
    leg_moves: dict[str, float]
    driver: str


class TriadOut(BaseModel):
    countries: list[str]
    freq: str
    meta: SeriesMetaOut
    legs: dict[str, dict[str, list[PointOut]]]
    points: list[TriadPointOut]
    turning_points: list[TriadTurnOut]


class CountryOut(BaseModel):
    code: str
    name: str
    kind: Literal["country", "organisation"]
    events: int = Field(description="Fused events with this actor as source or target.")


class CountriesPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[CountryOut]


class HealthOut(BaseModel):
    status: str
    version: str
    schema_version: str
    counts: dict[str, int]
    corrections: int
    coder_loaded: bool


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="The story's text, paragraphs separated by newlines.")
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD or an ISO 8601 datetime.")
    source: str | None = Field(None, description="The outlet, e.g. Yonhap.")
    url: str | None = None


class ArticleOut(BaseModel):
    article_id: str
    status: Literal["processed", "duplicate"]
    events: int = Field(description="Event mentions coded in the article.")
    fused_ids: list[str] = Field(description="The fused events its mentions belong to.")


class CorrectionIn(BaseModel):
    event_id: str = Field(min_length=1, description="A fused event id.")
    kind: Literal["actor", "code", "date", "duplicate", "not-an-event"]
    value: dict[str, Any] = Field(default_factory=dict, description=(
        'actor: {"source_country", "source_sector", "target_country", "target_sector"} (any of them); '
        'code: {"cameo": "163"}; date: {"start": "2019-08-02", "end"?, "granularity"?}; '
        'duplicate: {"of": "<fused_id>"}; not-an-event: {}'))
    note: str | None = Field(None, max_length=2000)


class CorrectionOut(BaseModel):
    correction_id: str
    event_id: str
    kind: str
    value: dict[str, Any]
    note: str | None
    created_at: str


class CorrectionPosted(CorrectionOut):
    event: EventOut | None = Field(description="The event as corrected now (null when it was removed or merged).")


class CorrectionsPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[CorrectionOut]


class GoldPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]] = Field(description="Lines in the format of tests/golden/dev.jsonl.")


_ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 422: {"model": ErrorOut}}
_ERRORS_404: dict[int | str, dict[str, Any]] = {**_ERRORS, 404: {"model": ErrorOut}}
_AUTH: dict[int | str, dict[str, Any]] = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}}


# -- parameter helpers ------------------------------------------------------------------------------------------
def _month(text: str | None, name: str, end: bool = False) -> date | None:
    if text is not None and text.strip() and not re.fullmatch(r"\d{4}(-\d{1,2}(-\d{1,2})?)?", text.strip()):
        raise ApiError(f"{name}: dates look like 2019-01 (or 2019, 2019-01-15), not {text!r}")
    try:
        day = parse_month(text, end=end)
    except (DetenteError, OverflowError) as exc:
        raise ApiError(f"{name}: dates look like 2019-01 (or 2019, 2019-01-15), not {text!r}") from exc
    if day is not None and not YEARS[0] <= day.year <= YEARS[1]:
        raise ApiError(f"{name}: dates must lie between {YEARS[0]} and {YEARS[1]}, not {text!r}")
    return day


def _range(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    lo, hi = _month(start, "from"), _month(end, "to", end=True)
    if lo is not None and hi is not None and hi < lo:
        raise ApiError(f"'to' ({end}) is before 'from' ({start})")
    return lo, hi


def _periods(first: date, last: date, freq: str) -> int:
    days = (last - first).days
    per = {"day": 1, "week": 7, "month": 28, "quarter": 89, "year": 365}[freq]
    return days // per + 1


def _check_span(service: Service, countries: list[str], freq: str, lo: date | None, hi: date | None) -> None:
    """Refuse series longer than MAX_PERIODS (bounds from the request, else from the countries' events)."""
    found = service.store.con.execute(
        "SELECT min(occurred_start), max(occurred_start) FROM fused_events "
        "WHERE list_contains($c, source_country) AND list_contains($c, target_country)", {"c": countries}).fetchall()[0]
    first = lo or (found[0] if found else None)
    last = hi or (found[1] if found else None)
    if first is None or last is None or last < first:
        return
    if _periods(first, last, freq) > MAX_PERIODS:
        raise ApiError(f"{first}..{last} is more than {MAX_PERIODS} {freq} periods: narrow from/to or use a "
                       "coarser freq")


_PERIOD = {"day": r"(\d{4})-(\d{2})-(\d{2})", "week": r"(\d{4})-W(\d{2})", "month": r"(\d{4})-(\d{2})",
           "quarter": r"(\d{4})Q([1-4])", "year": r"(\d{4})"}
_PERIOD_EXAMPLE = {"day": "2019-08-02", "week": "2019-W31", "month": "2019-08", "quarter": "2019Q3", "year": "2019"}


def period_bounds(period: str, freq: str) -> tuple[date, date]:
    """A series period label ("2019-08" for month, "2019Q3", "2019-W31", ...) to [first day, next period)."""
    match = re.fullmatch(_PERIOD[freq], period.strip())
    try:
        if match is None:
            raise ValueError
        parts = [int(g) for g in match.groups()]
        if freq == "day":
            first = date(parts[0], parts[1], parts[2])
        elif freq == "week":
            first = date.fromisocalendar(parts[0], parts[1], 1)
        elif freq == "month":
            first = date(parts[0], parts[1], 1)
        elif freq == "quarter":
            first = date(parts[0], 3 * (parts[1] - 1) + 1, 1)
        else:
            first = date(parts[0], 1, 1)
        if not YEARS[0] <= first.year <= YEARS[1]:
            raise ValueError
    except ValueError as exc:
        raise ApiError(f"period {period!r} is not a {freq} period like {_PERIOD_EXAMPLE[freq]}") from exc
    return first, next_period(truncate_period(first, freq), freq)


# -- reads ----------------------------------------------------------------------------------------------------------
@reads.get("/health", response_model=HealthOut, responses=_AUTH)
def health(request: Request) -> dict[str, Any]:
    """The server is up: versions, row counts, corrections."""
    service = service_of(request)
    with service.lock:
        return {"status": "ok", "version": __version__, "schema_version": service.store.schema_version,
                "counts": service.store.counts(), "corrections": count_corrections(service.store),
                "coder_loaded": service._coder is not None}


@reads.get("/series", response_model=SeriesOut, responses={**_ERRORS, **_AUTH})
def series(request: Request, a: str = Query(..., description="Country code or name, e.g. KOR", max_length=100),
           b: str = Query(..., description="Country code or name, e.g. JPN", max_length=100),
           freq: Freq = "month", direction: DirectionParam = "both",
           start: str | None = Query(None, alias="from", description="First period, e.g. 2019-01", max_length=10),
           end: str | None = Query(None, alias="to", description="Last period, e.g. 2019-12", max_length=10),
           ) -> dict[str, object]:
    """The relations series of a dyad (``relations_series(...).to_json()``)."""
    service = service_of(request)
    code_a, code_b = service.country(a, "a"), service.country(b, "b")
    lo, hi = _range(start, end)
    with service.lock:
        _check_span(service, [code_a, code_b], freq, lo, hi)
        return relations_series(service.store, code_a, code_b, freq, direction,
                                modalities=service.settings.series_modalities, start=lo, end=hi).to_json()


@reads.get("/events", response_model=EventsPage, responses={**_ERRORS, **_AUTH})
def events(request: Request,
           a: str | None = Query(None, description="A country: events it takes part in", max_length=100),
           b: str | None = Query(None, description="With a: the dyad's events (either direction)", max_length=100),
           direction: Annotated[DirectionParam, Query(description="With a and b: both, forward a→b, backward b→a")]
           = "both",
           start: str | None = Query(None, alias="from", description="e.g. 2019-01", max_length=10),
           end: str | None = Query(None, alias="to", description="e.g. 2019-12", max_length=10),
           root: str | None = Query(None, description="Two-digit CAMEO root, e.g. 16", max_length=2),
           quad: int | None = Query(None, ge=1, le=4, description="QuadClass 1-4"),
           sector: str | None = Query(None, description="Sector of either side, e.g. GOV", max_length=3),
           q: str | None = Query(None, description="Words in the evidence sentence (case-insensitive)",
                                 max_length=200),
           period: str | None = Query(None, description="One series period (with freq), e.g. 2019-08",
                                      max_length=10),
           freq: Annotated[Freq | None, Query(description="The frequency of period")] = None,
           order: Order = "date",
           limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10_000_000),
           ) -> dict[str, object]:
    """Fused events with their evidence, filtered and paged; ``period`` + ``freq`` lists one series point's
    events (the ones it counts)."""
    service = service_of(request)
    where, params = _event_filters(service, a, b, direction, start, end, root, quad, sector, q, period, freq)
    with service.lock:
        total, rows = _query_events(service.store, where, params, _ORDER_SQL[order], limit, offset)
        marks = _correction_marks(service.store, [r["fused_id"] for r in rows])
    items = [{**event_json(r), "corrections": marks.get(r["fused_id"], [])} for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@reads.get("/events/{event_id}", response_model=EventOut, responses={**_ERRORS_404, **_AUTH})
def event(request: Request, event_id: str) -> dict[str, object]:
    """One fused event (as corrected) with its evidence."""
    service = service_of(request)
    with service.lock:
        found = _event_by_id(service, event_id)
    if found is None:
        raise ApiError(f"no event {event_id!r}", 404)
    return found


@reads.get("/findings", response_model=FindingsOut, responses={**_ERRORS, **_AUTH})
def findings(request: Request, a: str = Query(..., max_length=100), b: str = Query(..., max_length=100),
             freq: Freq = "month",
             period: str | None = Query(None, description="The period to judge (default: the latest)",
                                        max_length=10)) -> dict[str, Any]:
    """Lowest/highest since, turning points and reciprocity of a dyad (``DyadFindings.to_json()``)."""
    service = service_of(request)
    code_a, code_b = service.country(a, "a"), service.country(b, "b")
    with service.lock:
        _check_span(service, [code_a, code_b], freq, None, None)
        data = relations_series(service.store, code_a, code_b, freq, "both",
                                modalities=service.settings.series_modalities)
        if period is not None and period not in {p.period for p in data.points}:
            raise ApiError(f"{period!r} is not a {freq} period of the {code_a}–{code_b} series "
                           f"({data.points[0].period}..{data.points[-1].period})" if data.points
                           else f"no {code_a}–{code_b} events in the store")
        return _findings(service.store, code_a, code_b, data, service.settings, period).to_json()


@reads.get("/chains", response_model=ChainsPage, responses={**_ERRORS, **_AUTH})
def chains(request: Request, a: str = Query(..., max_length=100), b: str = Query(..., max_length=100),
           window_days: int = Query(90, ge=1, le=3650, description="How long after an event a reply may come"),
           limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10_000_000),
           ) -> dict[str, object]:
    """Response chains between a and b (retaliation and reciprocation), paged."""
    service = service_of(request)
    code_a, code_b = service.country(a, "a"), service.country(b, "b")
    if code_a == code_b:
        raise ApiError("a and b must be different countries")
    with service.lock:
        found = response_chains(service.store, code_a, code_b, window_days=window_days,
                                modalities=service.settings.series_modalities)
    return {"a": code_a, "b": code_b, "window_days": window_days, "total": len(found), "limit": limit,
            "offset": offset, "items": [c.to_json() for c in found[offset:offset + limit]]}


@reads.get("/triad", response_model=TriadOut, responses={**_ERRORS, **_AUTH})
def triad_view(request: Request, a: str = Query(..., max_length=100), b: str = Query(..., max_length=100),
               c: str = Query(..., max_length=100), freq: Freq = "quarter") -> dict[str, object]:
    """Three countries' legs, cohesion, balance and the cohesion's turning points (``Triad.to_json()``)."""
    service = service_of(request)
    codes = [service.country(a, "a"), service.country(b, "b"), service.country(c, "c")]
    if len(set(codes)) != 3:
        raise ApiError("a triad needs three different countries")
    with service.lock:
        _check_span(service, codes, freq, None, None)
        return triad(service.store, codes[0], codes[1], codes[2], freq,
                     modalities=service.settings.series_modalities).to_json()


@reads.get("/countries", response_model=CountriesPage, responses={**_ERRORS, **_AUTH})
def countries(request: Request, q: str | None = Query(None, description="Part of a code or name", max_length=100),
              in_store: bool = Query(False, description="Only actors with events in the store"),
              limit: int = Query(MAX_LIMIT, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10_000_000),
              ) -> dict[str, object]:
    """Known country and organisation codes with names, for pickers; ``events`` counts their fused events."""
    service = service_of(request)
    with service.lock:
        counts = dict(service.store.con.execute(
            "SELECT actor, count(*) FROM (SELECT source_country AS actor FROM fused_events UNION ALL "
            "SELECT target_country FROM fused_events) WHERE actor IS NOT NULL GROUP BY actor").fetchall())
    known = [(c.code, c.name, "country") for c in service.lexicon.countries.values()]
    known += [(o.code, o.name, "organisation") for o in service.lexicon.organisations.values()]
    wanted = (q or "").strip().lower()
    items = [{"code": code, "name": name, "kind": kind, "events": int(counts.get(code, 0))}
             for code, name, kind in sorted(known, key=lambda k: (k[2] != "country", k[1].lower()))
             if (not wanted or wanted in code.lower() or wanted in name.lower())
             and (not in_store or counts.get(code))]
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


@reads.get("/corrections", response_model=CorrectionsPage, responses={**_ERRORS, **_AUTH})
def corrections(request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT),
                offset: int = Query(0, ge=0, le=10_000_000)) -> dict[str, object]:
    """Analyst corrections in the order they were made."""
    service = service_of(request)
    with service.lock:
        total = count_corrections(service.store)
        found = list_corrections(service.store, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": [c.to_json() for c in found]}


@reads.get("/corrections/gold", response_model=GoldPage, responses={
    **_ERRORS, **_AUTH, 200: {"content": {"application/x-ndjson": {}}}})
def corrections_gold(request: Request, format: Literal["json", "jsonl"] = "json",
                     limit: int = Query(MAX_LIMIT, ge=1, le=MAX_LIMIT),
                     offset: int = Query(0, ge=0, le=10_000_000)) -> Any:
    """Corrected sentences as gold lines (tests/golden/dev.jsonl format); ``format=jsonl`` gives every line as
    JSON Lines, ready to append to a gold file."""
    service = service_of(request)
    with service.lock:
        lines = gold_lines(service.store)
    if format == "jsonl":
        text = "".join(orjson.dumps(line).decode() + "\n" for line in lines)
        return PlainTextResponse(text, media_type="application/x-ndjson")
    return {"total": len(lines), "limit": limit, "offset": offset, "items": lines[offset:offset + limit]}


# -- writes ---------------------------------------------------------------------------------------------------------
@writes.post("/articles", response_model=ArticleOut, responses={**_ERRORS, **_AUTH})
def post_article(request: Request, body: ArticleIn) -> dict[str, object]:
    """Ingest one article the way ``detente ingest`` does (code, store, fuse), then re-apply corrections."""
    service = service_of(request)
    if body.published:
        try:
            parse_published(body.published, service.settings.default_zone)
        except ValueError as exc:
            raise ApiError(str(exc)) from exc
    data = orjson.dumps(body.model_dump(exclude_none=True))
    coder = service.coder()  # loads once, outside the store lock
    with tempfile.TemporaryDirectory(prefix="detente-api-") as folder:
        path = Path(folder) / "article.json"
        path.write_bytes(data)
        article = _parse_one(data, str(path), service, coder)
        with service.lock:
            summary = ingest([path], service.store, coder)
            if summary.rejected:
                rejected = summary.rejected[0]
                raise ApiError(f"the article was rejected ({rejected.reason}): {rejected.message}", 422)
            apply_corrections(service.store, service.settings, service.scorer)
            n_events, fused_ids = _article_events(service.store, article.article_id)
    status = "duplicate" if summary.duplicates else "processed"
    return {"article_id": article.article_id, "status": status, "events": n_events, "fused_ids": fused_ids}


@writes.post("/corrections", response_model=CorrectionPosted, responses={**_ERRORS_404, **_AUTH})
def post_correction(request: Request, body: CorrectionIn) -> dict[str, object]:
    """Record a correction of a fused event (kept apart from the coded data) and apply every correction."""
    service = service_of(request)
    with service.lock:
        try:
            made = record_correction(service.store, body.event_id, body.kind, body.value, body.note,
                                     service.lexicon, service.scorer)
        except CorrectionError as exc:
            raise ApiError(str(exc), exc.status) from exc
        apply_corrections(service.store, service.settings, service.scorer)
        target = body.value.get("of") if body.kind == "duplicate" else body.event_id
        now = _event_by_id(service, str(target)) if body.kind != "not-an-event" else None
    return {**made.to_json(), "event": now}


router.include_router(reads)
router.include_router(writes)


# -- queries --------------------------------------------------------------------------------------------------------
_EVENT_SQL = """
    FROM fused_events f LEFT JOIN events e ON e.event_id = f.representative
         LEFT JOIN articles a ON a.article_id = e.article_id
    WHERE {where}"""


def _event_filters(service: Service, a: str | None, b: str | None, direction: str, start: str | None,
                   end: str | None, root: str | None, quad: int | None, sector: str | None, q: str | None,
                   period: str | None, freq: str | None) -> tuple[list[str], dict[str, Any]]:
    where = ["list_contains($mods, f.modality)"]
    params: dict[str, Any] = {"mods": list(service.settings.series_modalities)}
    codes = [service.country(text, name) for text, name in ((a, "a"), (b, "b")) if text]
    if len(codes) == 2:
        forward = "(f.source_country = $a AND f.target_country = $b)"
        backward = "(f.source_country = $b AND f.target_country = $a)"
        where.append({"both": f"({forward} OR {backward})", "forward": forward, "backward": backward}[direction])
        params.update({"a": codes[0], "b": codes[1]})
    elif codes:
        where.append("(f.source_country = $a OR f.target_country = $a)")
        params["a"] = codes[0]
    lo, hi = _range(start, end)
    if lo is not None:
        where.append("f.occurred_start >= $lo")
        params["lo"] = lo
    if hi is not None:
        where.append("f.occurred_start <= $hi")
        params["hi"] = hi
    if (period is None) != (freq is None):
        raise ApiError("period and freq go together (e.g. period=2019-08&freq=month)")
    if period is not None and freq is not None:
        first, after = period_bounds(period, freq)
        where.append("f.occurred_start >= $p_lo AND f.occurred_start < $p_hi AND f.goldstein IS NOT NULL "
                     "AND f.source_country <> f.target_country")
        params.update({"p_lo": first, "p_hi": after})
    if root is not None:
        if not re.fullmatch(r"\d{2}", root):
            raise ApiError(f"root is a two-digit CAMEO root like 16, not {root!r}")
        where.append("f.root = $root")
        params["root"] = root
    if quad is not None:
        where.append("f.quad_class = $quad")
        params["quad"] = quad
    if sector is not None:
        code = sector.strip().upper()
        if code not in service.lexicon.sectors:
            raise ApiError(f"unknown sector {sector!r}: one of {', '.join(service.lexicon.sectors)}")
        where.append("(f.source_sector = $sector OR f.target_sector = $sector)")
        params["sector"] = code
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("e.sentence ILIKE $pattern ESCAPE '\\'")
        params["pattern"] = f"%{escaped}%"
    return where, params


def _query_events(store: Store, where: list[str], params: dict[str, Any], order: str, limit: int, offset: int
                  ) -> tuple[int, list[dict[str, Any]]]:
    body = _EVENT_SQL.format(where=" AND ".join(where))
    found = store.con.execute(f"SELECT count(*) {body}", params).fetchall()[0]
    total = int(found[0]) if found else 0
    cursor = store.con.execute(
        f"""SELECT f.*, e.sentence, e.article_id, e.span_start, e.span_end, e.rule_id, a.source AS outlet, a.title
            {body} ORDER BY {order}, f.fused_id LIMIT {int(limit)} OFFSET {int(offset)}""", params)
    names = [d[0] for d in cursor.description]
    return total, [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _event_by_id(service: Service, fused_id: str) -> dict[str, object] | None:
    _, rows = _query_events(service.store, ["f.fused_id = $id"], {"id": fused_id}, "f.fused_id", 1, 0)
    if not rows:
        return None
    marks = _correction_marks(service.store, [fused_id])
    return {**event_json(rows[0]), "corrections": marks.get(fused_id, [])}


def _correction_marks(store: Store, fused_ids: list[str]) -> dict[str, list[str]]:
    if not fused_ids:
        return {}
    out: dict[str, list[str]] = {}
    for c in list_corrections(store, fused_ids=fused_ids):
        for target in c.targets:
            out.setdefault(target, []).append(c.correction_id)
    return out


def _parse_one(data: bytes, ref: str, service: Service, coder: Coder) -> Article:
    """The article the posted JSON becomes (the same parse and clean as ingest), for its id."""
    found = parse_document(data, ref, service.settings, coder.agencies, suffix=".json")
    first = found[0] if found else Rejected(ref, "ingest", "empty", "nothing to ingest")
    if isinstance(first, Rejected):
        raise ApiError(f"the article was rejected ({first.reason}): {first.message}", 422)
    return clean_article(first)


def _article_events(store: Store, article_id: str) -> tuple[int, list[str]]:
    found = store.con.execute("SELECT list(event_id) FROM events WHERE article_id = ?", [article_id]).fetchall()[0]
    ids = list(found[0] or []) if found else []
    fused = store.con.execute("SELECT DISTINCT fused_id FROM fused_events WHERE list_has_any(mentions, $ids) "
                              "ORDER BY fused_id", {"ids": ids}).fetchall() if ids else []
    return len(ids), [r[0] for r in fused]


