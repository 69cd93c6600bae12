"""Analyst corrections: kept apart from the coded data and applied to the fused events on every read.

In: a correction of one fused event (``record_correction``): its actors (``actor``), its code (``code``), its
date (``date``), that it duplicates another fused event (``duplicate``) or that it is no event at all
(``not-an-event``). Out: rows of the ``corrections`` table, never an edit of ``events``; and fused events
rewritten from their original values plus every correction (``apply_corrections``).

Originals are never lost. The fused events of detente's own mentions are re-derived from the ``events`` table by
re-fusing the touched fusion groups (the same ``fuse`` and the same table builder as ``runners.fusing.Fuser``),
so re-fusion by a later ingest, or a full rebuild, only needs ``apply_corrections`` run after it. Imported fused
events (fusion keys in the ``import:`` namespace) are not re-derivable; the first correction that touches one
copies its row to ``fused_events_original``, and every apply starts again from that copy.

Corrections apply in the order they were made; a later one of the same kind wins. A correction whose event has
gone (merged or removed by an earlier correction) is skipped. When re-fusion renames a fused event (a new,
smaller member mention changes its id), the correction follows the event that now holds its representative
mention.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

import orjson
import pyarrow as pa

from detente.config import Settings, load_settings
from detente.fuse import fuse, fusion_key
from detente.ids import stable_hash
from detente.lexicon import Lexicon, load_scale
from detente.records import Granularity
from detente.resolve.names import country_code
from detente.resolve.scale import Scorer
from detente.runners.fusing import Fuser, key_text, mention_of
from detente.store import Store

Kind = Literal["actor", "code", "date", "duplicate", "not-an-event"]
KINDS: tuple[str, ...] = get_args(Kind)
IMPORT_PREFIX = "import:"
CORRECTED_BASIS = "corrected"  # occurred_basis of a fused event whose date an analyst set

_DDL = [
    """CREATE TABLE IF NOT EXISTS corrections (
        correction_id VARCHAR PRIMARY KEY, seq INTEGER, fused_id VARCHAR, kind VARCHAR, value VARCHAR,
        note VARCHAR, created_at TIMESTAMPTZ, targets VARCHAR[], target_keys VARCHAR[], representatives VARCHAR[])""",
    "CREATE TABLE IF NOT EXISTS fused_events_original AS SELECT * FROM fused_events WHERE false",
]
_ACTOR_FIELDS = ("source_country", "source_sector", "target_country", "target_sector")
_CODE = re.compile(r"^\d{2,4}$")


class CorrectionError(ValueError):
    """A correction that cannot be recorded: bad value (``status`` 400) or unknown event (404)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Correction:
    correction_id: str
    seq: int
    fused_id: str
    kind: str
    value: dict[str, Any]
    note: str | None
    created_at: datetime
    targets: tuple[str, ...]  # the fused event, and for a duplicate the one it duplicates, as they were
    target_keys: tuple[str, ...]  # their fusion keys
    representatives: tuple[str, ...]  # their representative mentions (to follow them through re-fusion)

    def to_json(self) -> dict[str, object]:
        return {"correction_id": self.correction_id, "event_id": self.fused_id, "kind": self.kind,
                "value": self.value, "note": self.note, "created_at": self.created_at.isoformat()}


def ensure_tables(store: Store) -> None:
    for statement in _DDL:
        store.con.execute(statement)


# -- validation -------------------------------------------------------------------------------------------------
def normalise_value(kind: str, value: dict[str, Any], lexicon: Lexicon, scorer: Scorer) -> dict[str, Any]:
    """The value of a correction checked and in its stored form; ``CorrectionError`` says what is wrong."""
    if kind not in KINDS:
        raise CorrectionError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "actor":
        return _actor_value(value, lexicon)
    if kind == "code":
        return _code_value(value, scorer)
    if kind == "date":
        return _date_value(value)
    if kind == "duplicate":
        other = value.get("of")
        if not isinstance(other, str) or not other.strip():
            raise CorrectionError('a duplicate correction needs {"of": "<fused_id of the event it duplicates>"}')
        return {"of": other.strip()}
    if value:
        raise CorrectionError("a not-an-event correction takes no value (send {})")
    return {}


def _actor_value(value: dict[str, Any], lexicon: Lexicon) -> dict[str, Any]:
    flat = dict(value)
    for side in ("source", "target"):  # {"source": {"country": "KOR", "sector": "GOV"}} is accepted too
        nested = flat.pop(side, None)
        if isinstance(nested, dict):
            flat.update({f"{side}_{k}": v for k, v in nested.items() if k in ("country", "sector")})
        elif nested is not None:
            raise CorrectionError(f"'{side}' must be an object like {{\"country\": \"KOR\", \"sector\": \"GOV\"}}")
    unknown = sorted(set(flat) - set(_ACTOR_FIELDS))
    if unknown:
        raise CorrectionError(f"unknown actor field(s) {', '.join(unknown)}: use {', '.join(_ACTOR_FIELDS)}")
    if not flat:
        raise CorrectionError(f"an actor correction needs at least one of {', '.join(_ACTOR_FIELDS)}")
    out: dict[str, Any] = {}
    for name, raw in flat.items():
        if name.endswith("_country"):
            code = country_code(raw, lexicon) if isinstance(raw, str) else None
            if code is None:
                raise CorrectionError(f"{name}: unknown country {raw!r}: use an ISO code (KOR) or a name")
            out[name] = code
        elif raw is None:
            out[name] = None
        elif isinstance(raw, str) and raw.strip().upper() in lexicon.sectors:
            out[name] = raw.strip().upper()
        else:
            raise CorrectionError(f"{name}: unknown sector {raw!r}: use null or one of {', '.join(lexicon.sectors)}")
    if out.get("source_country") and out.get("source_country") == out.get("target_country"):
        raise CorrectionError("source and target must be different countries")
    return out


def _code_value(value: dict[str, Any], scorer: Scorer) -> dict[str, Any]:
    cameo = value.get("cameo")
    if not isinstance(cameo, str) or not _CODE.match(cameo.strip()) or cameo.strip() not in scorer:
        raise CorrectionError(f"unknown CAMEO code {cameo!r}: send {{\"cameo\": \"163\"}} with a code of the scale")
    score = scorer.score(cameo.strip())
    assert score is not None
    return {"cameo": score.code, "root": score.root, "goldstein": score.goldstein, "quad_class": score.quad_class}


def _date_value(value: dict[str, Any]) -> dict[str, Any]:
    start = _iso_date(value.get("start"), "start")
    end = _iso_date(value.get("end", value.get("start")), "end")
    if end < start:
        raise CorrectionError(f"end {end} is before start {start}")
    granularity = value.get("granularity") or ("day" if start == end else "range")
    if granularity not in {g.value for g in Granularity}:
        raise CorrectionError(f"granularity must be one of {', '.join(g.value for g in Granularity)}")
    return {"start": start.isoformat(), "end": end.isoformat(), "granularity": granularity}


def _iso_date(raw: object, name: str) -> date:
    try:
        if not isinstance(raw, str):
            raise ValueError
        day = date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise CorrectionError(f"{name} must be a date like 2019-08-02, not {raw!r}") from exc
    if not 1800 <= day.year < 2200:
        raise CorrectionError(f"{name} must lie between 1800 and 2199, not {day}")
    return day


# -- recording --------------------------------------------------------------------------------------------------
def record_correction(store: Store, fused_id: str, kind: str, value: dict[str, Any], note: str | None,
                      lexicon: Lexicon, scorer: Scorer) -> Correction:
    """Validate and store one correction of a fused event as it stands now (corrections applied). The caller
    then runs ``apply_corrections``."""
    ensure_tables(store)
    value = normalise_value(kind, value, lexicon, scorer)
    row = _fused_row(store, fused_id)
    if row is None:
        raise CorrectionError(f"no event {fused_id!r} (a fused event id, as /api/events lists)", 404)
    rows = [row]
    if kind == "duplicate":
        other = _fused_row(store, value["of"])
        if other is None:
            raise CorrectionError(f"no event {value['of']!r} to be a duplicate of", 404)
        if other["fused_id"] == fused_id:
            raise CorrectionError("an event cannot be a duplicate of itself")
        rows.append(other)
    _keep_import_originals(store, rows)
    now = datetime.now(UTC)
    seq_row = store.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM corrections").fetchall()[0]
    seq = int(seq_row[0]) if seq_row else 1
    correction = Correction(stable_hash([fused_id, kind, orjson.dumps(value).decode(), note or "", now.isoformat(),
                                         str(seq)], 16), seq, fused_id, kind, value, note, now,
                            tuple(r["fused_id"] for r in rows), tuple(r["fusion_key"] for r in rows),
                            tuple(r["representative"] for r in rows))
    store.con.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      [correction.correction_id, seq, fused_id, kind, orjson.dumps(value).decode(), note, now,
                       list(correction.targets), list(correction.target_keys), list(correction.representatives)])
    return correction


def _fused_row(store: Store, fused_id: str) -> dict[str, Any] | None:
    cursor = store.con.execute("SELECT * FROM fused_events WHERE fused_id = ? LIMIT 1", [fused_id])
    names = [d[0] for d in cursor.description]
    found = cursor.fetchall()
    return dict(zip(names, found[0], strict=True)) if found else None


def _keep_import_originals(store: Store, rows: Sequence[dict[str, Any]]) -> None:
    ids = [r["fused_id"] for r in rows if str(r["fusion_key"]).startswith(IMPORT_PREFIX)]
    if ids:
        store.con.execute("INSERT INTO fused_events_original SELECT * FROM fused_events WHERE list_contains($ids, "
                          "fused_id) AND fused_id NOT IN (SELECT fused_id FROM fused_events_original)",
                          {"ids": ids})


def list_corrections(store: Store, limit: int | None = None, offset: int = 0,
                     fused_ids: Iterable[str] | None = None) -> list[Correction]:
    """Corrections in the order they were made (optionally only those of some fused events)."""
    ensure_tables(store)
    sql = "SELECT * FROM corrections"
    params: dict[str, Any] = {}
    if fused_ids is not None:
        sql += " WHERE list_has_any(targets, $ids)"
        params["ids"] = sorted(set(fused_ids))
    sql += " ORDER BY seq"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    out = []
    for found in cursor.fetchall():
        r = dict(zip(names, found, strict=True))
        out.append(Correction(r["correction_id"], r["seq"], r["fused_id"], r["kind"], orjson.loads(r["value"]),
                              r["note"], r["created_at"], tuple(r["targets"] or ()), tuple(r["target_keys"] or ()),
                              tuple(r["representatives"] or ())))
    return out


def count_corrections(store: Store) -> int:
    ensure_tables(store)
    found = store.con.execute("SELECT count(*) FROM corrections").fetchall()[0]
    return int(found[0]) if found else 0


# -- applying ---------------------------------------------------------------------------------------------------
class _GroupFuser(Fuser):
    """A ``Fuser`` that only re-derives whole fusion groups (no near-duplicate index: the clusters are read from
    the store, as ingest left them)."""

    def __init__(self, store: Store, scorer: Scorer, modalities: Sequence[str]):  # no super(): no index needed
        self.store = store
        self.scorer = scorer
        self.modalities = tuple(modalities)

    def derive(self, keys: Iterable[str]) -> list[dict[str, Any]]:
        """The fused events of the given (non-import) fusion keys, fused afresh from the events table."""
        wanted = set(keys)
        pairs = {(k.split("|")[0], k.split("|")[1]) for k in wanted}
        rows = self.store.mention_rows(pairs, self.modalities)
        groups: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            mention = mention_of(row)
            key = key_text(fusion_key(mention))
            if key in wanted:
                groups[key].append(mention)
        modality = {r["event_id"]: r["modality"] for r in rows}
        fused = [(key, f) for key, members in sorted(groups.items()) for f in fuse(members)]
        return list(self._table(fused, modality).to_pylist())


@dataclass(frozen=True, slots=True)
class Applied:
    corrections: int  # corrections applied
    skipped: int  # corrections whose event has gone (merged or removed by an earlier correction)
    events: int  # fused events rewritten (after removals)


def apply_corrections(store: Store, settings: Settings | None = None, scorer: Scorer | None = None) -> Applied:
    """Rewrite the fused events that corrections touch from their originals plus every correction.

    Run it after anything that re-fuses (ingest, refuse): re-fusion writes originals, this puts the corrections
    back. Cheap when there are no corrections (one count)."""
    ensure_tables(store)
    corrections = list_corrections(store)
    if not corrections:
        return Applied(0, 0, 0)
    settings = settings or load_settings()
    scorer = scorer or Scorer(load_scale(settings.scale_file))
    own_keys = sorted({k for c in corrections for k in c.target_keys if not k.startswith(IMPORT_PREFIX)})
    import_ids = sorted({t for c in corrections for t, k in zip(c.targets, c.target_keys, strict=True)
                         if k.startswith(IMPORT_PREFIX)})
    rows = _GroupFuser(store, scorer, settings.series_modalities).derive(own_keys) + _originals(store, import_ids)
    by_id = {r["fused_id"]: r for r in rows}
    applied = skipped = 0
    for correction in corrections:
        if _apply_one(store, by_id, correction):
            applied += 1
        else:
            skipped += 1
    _write(store, own_keys, import_ids, list(by_id.values()))
    return Applied(applied, skipped, len(by_id))


def _originals(store: Store, fused_ids: Sequence[str]) -> list[dict[str, Any]]:
    if not fused_ids:
        return []
    cursor = store.con.execute("SELECT * FROM fused_events_original WHERE list_contains($ids, fused_id)",
                               {"ids": list(fused_ids)})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, found, strict=True)) for found in cursor.fetchall()]


def _resolve(by_id: dict[str, dict[str, Any]], fused_id: str, representative: str | None) -> dict[str, Any] | None:
    """The event a correction meant: same id, else the one that now holds its representative mention."""
    if fused_id in by_id:
        return by_id[fused_id]
    if representative:
        for row in by_id.values():
            if representative in (row["mentions"] or ()):
                return row
    return None


def _apply_one(store: Store, by_id: dict[str, dict[str, Any]], correction: Correction) -> bool:
    row = _resolve(by_id, correction.targets[0], correction.representatives[0])
    if row is None:
        return False
    value = correction.value
    if correction.kind == "actor":
        row.update(value)
    elif correction.kind == "code":
        row.update({k: value[k] for k in ("cameo", "root", "goldstein", "quad_class")})
    elif correction.kind == "date":
        row.update({"occurred_start": date.fromisoformat(value["start"]),
                    "occurred_end": date.fromisoformat(value["end"]),
                    "occurred_granularity": value["granularity"], "occurred_basis": CORRECTED_BASIS})
    elif correction.kind == "duplicate":
        other = _resolve(by_id, correction.targets[1], correction.representatives[1])
        if other is None or other is row:
            return False
        _merge(store, into=other, gone=row)
        del by_id[row["fused_id"]]
    else:  # not-an-event
        del by_id[row["fused_id"]]
    return True


def _merge(store: Store, into: dict[str, Any], gone: dict[str, Any]) -> None:
    mentions = sorted(set(into["mentions"] or ()) | set(gone["mentions"] or ()))
    outlets = sorted(set(into["outlets"] or ()) | set(gone["outlets"] or ()))
    found = store.con.execute(
        "SELECT count(DISTINCT article_id) FILTER (WHERE article_id IS NOT NULL) FROM events "
        "WHERE list_contains($ids, event_id)", {"ids": mentions}).fetchall()[0]
    own_articles = int(found[0]) if found else 0
    imported = sum(r["n_articles"] or 0 for r in (into, gone) if str(r["fusion_key"]).startswith(IMPORT_PREFIX))
    unknown_outlet = any((r["n_sources"] or 0) > len(r["outlets"] or ()) for r in (into, gone))
    reported = [r[k] for r in (into, gone) for k in ("first_reported", "last_reported") if r[k] is not None]
    into.update({"mentions": mentions, "outlets": outlets, "n_articles": own_articles + imported,
                 "n_sources": len(outlets) + int(unknown_outlet),
                 "first_reported": min(reported) if reported else None,
                 "last_reported": max(reported) if reported else None})


def _write(store: Store, own_keys: Sequence[str], import_ids: Sequence[str], rows: list[dict[str, Any]]) -> None:
    """Swap the touched fused events for their corrected rows in one transaction."""
    schema = store.con.sql("SELECT * FROM fused_events LIMIT 0").to_arrow_table().schema
    table = pa.Table.from_pylist(rows, schema=schema)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM fused_events WHERE list_contains($keys, fusion_key) OR list_contains($ids, fused_id)",
                    {"keys": list(own_keys), "ids": list(import_ids)})
        if table.num_rows:
            con.register("corrected_fused", table)
            try:
                con.execute("INSERT INTO fused_events BY NAME SELECT * FROM corrected_fused")
            finally:
                con.unregister("corrected_fused")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


# -- gold export ------------------------------------------------------------------------------------------------
def gold_lines(store: Store) -> list[dict[str, Any]]:
    """Corrected sentences as lines of tests/golden/dev.jsonl: {"id", "published", "text", "events", "tags"}.

    One line per representative sentence of a corrected event (``duplicate`` corrections change fusion, not
    coding, and are left out; imported events have no sentence). The events are every mention coded in that
    sentence, the corrected ones as corrected now (a removed one left out)."""
    corrections = [c for c in list_corrections(store) if c.kind != "duplicate" and c.representatives[0]]
    if not corrections:
        return []
    kinds: dict[str, list[str]] = defaultdict(list)
    for c in corrections:
        kinds[c.representatives[0]].append(c.kind)
    sentences = _sentence_mentions(store, sorted(kinds))
    current = _holders(store, [m["event_id"] for ms in sentences.values() for m in ms])
    lines = []
    for (article_id, index), mentions in sorted(sentences.items(), key=lambda item: (str(item[0][0]), item[0][1])):
        events = []
        for m in mentions:
            if m["event_id"] not in kinds:
                events.append(_gold_event(m, m["polarity"]))
            elif m["event_id"] in current:
                events.append(_gold_event(current[m["event_id"]], m["polarity"]))
        tags = sorted({f"correction-{k}" for m in mentions for k in kinds.get(m["event_id"], [])})
        first = mentions[0]
        lines.append({"id": f"correction-{article_id[:12]}-{index}",
                      "published": first["published"].date().isoformat() if first["published"] else None,
                      "text": first["sentence"], "events": events,
                      "tags": ["analyst-correction", *tags, *([] if events else ["no-event"])]})
    return lines


def _sentence_mentions(store: Store, representatives: Sequence[str]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    cursor = store.con.execute(
        """SELECT e.*, a.published FROM events e LEFT JOIN articles a USING (article_id)
           WHERE (e.article_id, e.sentence_index) IN (
               SELECT (article_id, sentence_index) FROM events
               WHERE list_contains($ids, event_id) AND article_id IS NOT NULL AND sentence IS NOT NULL)
           ORDER BY e.article_id, e.sentence_index, e.span_start, e.event_id""", {"ids": list(representatives)})
    names = [d[0] for d in cursor.description]
    out: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for found in cursor.fetchall():
        row = dict(zip(names, found, strict=True))
        out[(row["article_id"], row["sentence_index"])].append(row)
    return out


def _holders(store: Store, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Mention id -> the fused event (as corrected) that holds it now."""
    cursor = store.con.execute(
        "SELECT m.event_id, f.* FROM fused_events f, unnest(f.mentions) AS m(event_id) "
        "WHERE list_contains($ids, m.event_id)", {"ids": list(event_ids)})
    names = [d[0] for d in cursor.description]
    return {found[0]: dict(zip(names[1:], found[1:], strict=True)) for found in cursor.fetchall()}


def _gold_event(row: dict[str, Any], polarity: str) -> dict[str, Any]:
    return {"source": row["source_country"], "source_sector": row["source_sector"],
            "target": row["target_country"], "target_sector": row["target_sector"], "cameo": row["cameo"],
            "date": _gold_date(row["occurred_start"], row["occurred_granularity"]), "polarity": polarity,
            "modality": row["modality"]}


def _gold_date(start: date | None, granularity: str | None) -> str | None:
    if start is None:
        return None
    if granularity in ("month",):
        return f"{start:%Y-%m}"
    if granularity in ("year", "decade"):
        return f"{start:%Y}"
    return start.isoformat()
