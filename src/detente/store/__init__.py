"""The embedded store: one DuckDB file with articles, rejects and events, schema created and versioned here.

Records in, rows out. Writes go in batches as Arrow tables (never row by row) and are keyed by content hashes, so
writing the same article or event twice adds nothing. Only this package writes outputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import orjson
import pyarrow as pa

from detente.errors import StoreBusyError, StoreError
from detente.ids import stable_hash
from detente.records import Article, Event, Rejected, to_plain

SCHEMA_VERSION = "2"

_DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS articles (
        article_id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, byline VARCHAR, published TIMESTAMPTZ,
        published_text VARCHAR, dateline VARCHAR, url VARCHAR, language VARCHAR, body VARCHAR, removed VARCHAR,
        near_duplicate_of VARCHAR, input_ref VARCHAR, input_format VARCHAR, n_events INTEGER,
        ingested_at TIMESTAMPTZ)""",
    """CREATE TABLE IF NOT EXISTS rejects (
        reject_id VARCHAR PRIMARY KEY, input_ref VARCHAR, stage VARCHAR, reason VARCHAR, message VARCHAR,
        rejected_at TIMESTAMPTZ)""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY, article_id VARCHAR,
        source_country VARCHAR, source_sector VARCHAR, source_name VARCHAR, source_text VARCHAR,
        source_resolved_by VARCHAR,
        target_country VARCHAR, target_sector VARCHAR, target_name VARCHAR, target_text VARCHAR,
        target_resolved_by VARCHAR,
        cameo VARCHAR, root VARCHAR, plover_type VARCHAR, plover_mode VARCHAR, goldstein DOUBLE,
        quad_class TINYINT, polarity VARCHAR, modality VARCHAR, attributed_to VARCHAR,
        occurred_start DATE, occurred_end DATE, occurred_granularity VARCHAR, occurred_basis VARCHAR,
        occurred_text VARCHAR, occurred_note VARCHAR, reported TIMESTAMPTZ,
        sentence_index INTEGER, span_start INTEGER, span_end INTEGER, trigger_start INTEGER, trigger_end INTEGER,
        sentence VARCHAR, rule_id VARCHAR, confidence DOUBLE, versions VARCHAR)""",
    "CREATE TABLE IF NOT EXISTS article_signatures (article_id VARCHAR PRIMARY KEY, signature BLOB)",
    # No primary key here: a group is replaced by delete + insert in one transaction, which DuckDB's index
    # checking would reject (or, with OR IGNORE, silently skip) for a key deleted earlier in the transaction.
    # fused_id is unique by construction (a hash of the group's smallest member event id).
    """CREATE TABLE IF NOT EXISTS fused_events (
        fused_id VARCHAR, fusion_key VARCHAR,
        source_country VARCHAR, source_sector VARCHAR, target_country VARCHAR, target_sector VARCHAR,
        cameo VARCHAR, root VARCHAR, goldstein DOUBLE, quad_class TINYINT, modality VARCHAR,
        occurred_start DATE, occurred_end DATE, occurred_granularity VARCHAR, occurred_basis VARCHAR,
        representative VARCHAR, mentions VARCHAR[], outlets VARCHAR[],
        first_reported TIMESTAMPTZ, last_reported TIMESTAMPTZ, n_articles INTEGER, n_sources INTEGER)""",
]
# Upgrades from older schema versions: statements run in order when an older store is opened.
_UPGRADES: dict[str, list[str]] = {
    "1": [],  # version 2 only adds tables, created above; fusion is rebuilt by `detente refuse` or the next ingest
}

_TS = pa.timestamp("us", tz="UTC")
# new near-duplicate cluster ids of stored articles, from the registered table ``new_clusters`` (``_clusters_table``)
_SET_CLUSTERS = ("UPDATE articles SET near_duplicate_of = c.cluster FROM new_clusters c "
                 "WHERE articles.article_id = c.article_id")


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return orjson.dumps(value if _is_plain(value) else to_plain(value)).decode()


def _is_plain(value: Any) -> bool:
    """A list of strings or a dict of strings to strings (bodies, versions): ``to_plain`` would return it as is."""
    if type(value) is list:
        return all(type(item) is str for item in value)
    if type(value) is dict:
        return all(type(key) is str and type(item) is str for key, item in value.items())
    return False


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


class Store:
    """An open DuckDB store. Use ``open_store(path)``; close it (or use ``with``) to release the file."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str):
        self.con = con
        self.path = path

    # -- lifecycle ------------------------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
                 ) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        """Create or upgrade the tables in one transaction: a new store costs one commit (one disk sync), not one
        per statement (measured: opening a new store 40 -> 20 ms)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._create_or_upgrade()
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _create_or_upgrade(self) -> None:
        for statement in _DDL:
            self.con.execute(statement)
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        elif row[0] in _UPGRADES:
            for statement in _UPGRADES[row[0]]:
                self.con.execute(statement)
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])
        elif row[0] != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema version {row[0]}, this detente writes {SCHEMA_VERSION}")

    @property
    def schema_version(self) -> str:
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        return str(row[0]) if row else "none"

    def _one(self, sql: str, params: Any = None) -> tuple[Any, ...] | None:
        """The first row of a query, reading the result to the end (DuckDB keeps a half-read result open)."""
        rows = self.con.execute(sql, params).fetchall() if params is not None else self.con.execute(sql).fetchall()
        return rows[0] if rows else None

    @contextmanager
    def on_calling_thread(self) -> Iterator[None]:
        """Run DuckDB on the calling thread only while the block runs (for an ingest, whose queries are small).

        A DuckDB worker thread that has been idle for half a second calls glibc's ``malloc_trim``, which hands every
        free page of the process heap back to the system. In an ingest that is the memory spaCy freed after its last
        minibatch and is about to use again, so the parse that follows takes a page fault for each page (measured:
        30k of the 105k minor faults during the parse of 400 articles, 0.1-0.2 s of 6.5 s)."""
        row = self._one("SELECT current_setting('threads')")
        self.con.execute("SET threads = 1")
        try:
            yield
        finally:
            self.con.execute(f"SET threads = {int(row[0]) if row else 1}")

    # -- writes ---------------------------------------------------------------------------------------------------
    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        ids = list(set(article_ids))
        if not ids:
            return set()
        table = pa.table({"article_id": pa.array(ids, pa.string())})
        self.con.register("wanted_ids", table)
        try:
            rows = self.con.execute(
                "SELECT a.article_id FROM articles a JOIN wanted_ids w USING (article_id)").fetchall()
        finally:
            self.con.unregister("wanted_ids")
        return {r[0] for r in rows}

    def write(self, articles: Sequence[tuple[Article, int]], events: Sequence[Event], rejects: Sequence[Rejected],
              signatures: Sequence[tuple[str, bytes]] = (), clusters: dict[str, str] | None = None) -> None:
        """Write one batch in a single transaction; rows already present (same key) are left as they are. An ingest
        passes the batch's near-duplicate ``signatures`` and the new cluster ids of earlier articles (``clusters``,
        as ``set_clusters``) too: one commit, and one disk sync, per batch instead of three."""
        now = datetime.now(UTC)
        tables: list[tuple[str, pa.Table]] = []
        if articles:
            tables.append(("articles", _articles_table(articles, now)))
        if events:
            tables.append(("events", _events_table(events)))
        if rejects:
            tables.append(("rejects", _rejects_table(rejects, now)))
        if signatures:
            tables.append(("article_signatures", _signatures_table(signatures)))
        self._insert_new(tables, clusters)

    def _insert_new(self, tables: Sequence[tuple[str, pa.Table]], clusters: dict[str, str] | None = None) -> None:
        """Insert the rows in one transaction, leaving a row whose key is already there (or earlier in the batch) as
        it is. Plain inserts come first: DuckDB takes about twice as long to insert with conflict handling, and a
        batch rarely has a conflict; when it has one, the transaction is rolled back and done again with it.
        ``clusters`` are set in the same transaction, after the inserts."""
        try:
            self._insert_all(tables, "INSERT", clusters)
        except duckdb.ConstraintException:
            self._insert_all(tables, "INSERT OR IGNORE", clusters)

    def _insert_all(self, tables: Sequence[tuple[str, pa.Table]], verb: str, clusters: dict[str, str] | None
                    ) -> None:
        views = [(f"batch_{name}", table) for name, table in tables]
        if clusters:
            views.append(("new_clusters", _clusters_table(clusters)))
        for view, table in views:  # registered outside the transaction, which a failed insert aborts
            self.con.register(view, table)
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                for name, _ in tables:
                    self.con.execute(f"{verb} INTO {name} BY NAME SELECT * FROM batch_{name}")
                if clusters:
                    self.con.execute(_SET_CLUSTERS)
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
        finally:
            for view, _ in views:
                self.con.unregister(view)

    # -- near-duplicates and fusion -----------------------------------------------------------------------------
    def signatures(self) -> list[tuple[str, bytes]]:
        return [(r[0], bytes(r[1])) for r in self.con.execute(
            "SELECT article_id, signature FROM article_signatures ORDER BY article_id").fetchall()]

    def write_signatures(self, rows: Sequence[tuple[str, bytes]]) -> None:
        if rows:
            self._insert_new([("article_signatures", _signatures_table(rows))])

    def clusters(self) -> dict[str, str | None]:
        return dict(self.con.execute("SELECT article_id, near_duplicate_of FROM articles").fetchall())

    def set_clusters(self, changed: dict[str, str]) -> None:
        """Record new near-duplicate cluster ids (merging clusters can change the id of earlier articles)."""
        if not changed:
            return
        self.con.register("new_clusters", _clusters_table(changed))
        try:
            self.con.execute(_SET_CLUSTERS)
        finally:
            self.con.unregister("new_clusters")

    def mention_rows(self, pairs: Iterable[tuple[str, str]], modalities: Sequence[str]) -> list[dict[str, Any]]:
        """Event rows (with outlet and cluster) that can fuse: asserted, counted modalities, for dyad pairs."""
        wanted = sorted(set(pairs))
        if not wanted:
            return []
        table = pa.table({"s": [p[0] for p in wanted], "t": [p[1] for p in wanted]})
        self.con.register("wanted_pairs", table)
        try:
            cursor = self.con.execute(
                """SELECT e.event_id, e.article_id, a.source AS outlet, a.near_duplicate_of AS cluster_id,
                          e.source_country, e.source_sector, e.target_country, e.target_sector, e.cameo,
                          e.occurred_start, e.occurred_end, e.occurred_granularity, e.occurred_basis,
                          e.reported, e.confidence, e.modality
                   FROM events e JOIN articles a USING (article_id)
                   JOIN wanted_pairs w ON e.source_country = w.s AND e.target_country = w.t
                   WHERE e.polarity = 'asserted' AND list_contains($mods, e.modality)""",
                {"mods": list(modalities)})
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            self.con.unregister("wanted_pairs")

    def replace_fused(self, keys: Iterable[str], rows: pa.Table) -> None:
        """Swap the fused events of the given fusion keys for ``rows`` in one transaction."""
        keys = sorted(set(keys))
        self.con.execute("BEGIN TRANSACTION")
        try:
            if keys:
                self.con.register("old_keys", pa.table({"k": keys}))
                try:
                    self.con.execute("DELETE FROM fused_events WHERE fusion_key IN (SELECT k FROM old_keys)")
                finally:
                    self.con.unregister("old_keys")
            if rows.num_rows:
                self.con.register("new_fused", rows)
                try:
                    self.con.execute("INSERT INTO fused_events BY NAME SELECT * FROM new_fused")
                finally:
                    self.con.unregister("new_fused")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # -- reads ----------------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "events", "rejects", "fused_events"):
            row = self._one(f"SELECT count(*) FROM {table}")
            out[table] = int(row[0]) if row else 0
        return out


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open (creating if needed) the DuckDB store at ``path``; clear errors when it is busy or not a store."""
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no store at {path}: run `detente ingest` first (or pass --db)")
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise StoreBusyError(
                f"{path} is in use by another process (DuckDB allows one at a time; if `detente serve` owns it, "
                "ingest through its API)") from exc
        raise StoreError(f"cannot open store {path}: {message.splitlines()[0]}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"cannot open store {path}: {str(exc).splitlines()[0]}") from exc
    store = Store(con, path)
    try:
        if read_only:
            store.schema_version  # noqa: B018 - fails clearly on a file that is not a detente store
        else:
            store._ensure_schema()
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path} is not a detente store: {str(exc).splitlines()[0]}") from exc
    return store


def _articles_table(rows: Sequence[tuple[Article, int]], now: datetime) -> pa.Table:
    return pa.table({
        "article_id": [a.article_id for a, _ in rows],
        "source": [a.source for a, _ in rows],
        "title": [a.title for a, _ in rows],
        "byline": [a.byline for a, _ in rows],
        "published": pa.array([_utc(a.published) for a, _ in rows], _TS),
        "published_text": [a.published_text for a, _ in rows],
        "dateline": [a.dateline for a, _ in rows],
        "url": [a.url for a, _ in rows],
        "language": [a.language for a, _ in rows],
        "body": [_json(list(a.body)) for a, _ in rows],
        "removed": [_json(list(a.removed)) for a, _ in rows],
        "near_duplicate_of": [a.near_duplicate_of for a, _ in rows],
        "input_ref": [a.input_ref for a, _ in rows],
        "input_format": [a.input_format for a, _ in rows],
        "n_events": pa.array([n for _, n in rows], pa.int32()),
        "ingested_at": pa.array([now] * len(rows), _TS),
    })


def _signatures_table(rows: Sequence[tuple[str, bytes]]) -> pa.Table:
    return pa.table({"article_id": [r[0] for r in rows], "signature": pa.array([r[1] for r in rows], pa.binary())})


def _clusters_table(changed: dict[str, str]) -> pa.Table:
    return pa.table({"article_id": list(changed), "cluster": list(changed.values())})


def _rejects_table(rows: Sequence[Rejected], now: datetime) -> pa.Table:
    return pa.table({
        "reject_id": [stable_hash([r.input_ref, r.stage, r.reason]) for r in rows],
        "input_ref": [r.input_ref for r in rows],
        "stage": [r.stage for r in rows],
        "reason": [r.reason for r in rows],
        "message": [r.message for r in rows],
        "rejected_at": pa.array([now] * len(rows), _TS),
    })


def _events_table(rows: Sequence[Event]) -> pa.Table:
    def col(get: Any, kind: pa.DataType | None = None) -> pa.Array:
        return pa.array([get(e) for e in rows], kind)

    return pa.table({
        "event_id": col(lambda e: e.event_id),
        "article_id": col(lambda e: e.evidence.article_id),
        **{f"{side}_{field}": col(lambda e, s=side, f=field: getattr(getattr(e, s), f), pa.string())
           for side in ("source", "target") for field in ("country", "sector", "name", "text", "resolved_by")},
        "cameo": col(lambda e: e.cameo),
        "root": col(lambda e: e.root),
        "plover_type": col(lambda e: e.plover.type, pa.string()),
        "plover_mode": col(lambda e: e.plover.mode, pa.string()),
        "goldstein": col(lambda e: e.goldstein, pa.float64()),
        "quad_class": col(lambda e: e.quad_class, pa.int8()),
        "polarity": col(lambda e: e.polarity.value),
        "modality": col(lambda e: e.modality.value),
        "attributed_to": col(lambda e: _json(e.attributed_to), pa.string()),
        "occurred_start": col(lambda e: e.occurred.start, pa.date32()),
        "occurred_end": col(lambda e: e.occurred.end, pa.date32()),
        "occurred_granularity": col(lambda e: e.occurred.granularity.value),
        "occurred_basis": col(lambda e: e.occurred.basis.value),
        "occurred_text": col(lambda e: e.occurred.text, pa.string()),
        "occurred_note": col(lambda e: e.occurred.note, pa.string()),
        "reported": col(lambda e: _utc(e.reported), _TS),
        "sentence_index": col(lambda e: e.evidence.sentence_index, pa.int32()),
        "span_start": col(lambda e: e.evidence.span[0], pa.int32()),
        "span_end": col(lambda e: e.evidence.span[1], pa.int32()),
        "trigger_start": col(lambda e: e.evidence.trigger[0], pa.int32()),
        "trigger_end": col(lambda e: e.evidence.trigger[1], pa.int32()),
        "sentence": col(lambda e: e.evidence.sentence),
        "rule_id": col(lambda e: e.rule_id),
        "confidence": col(lambda e: e.confidence, pa.float64()),
        "versions": col(lambda e: _json(dict(e.versions))),
    })
