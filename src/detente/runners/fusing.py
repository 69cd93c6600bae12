"""Keeping a store's near-duplicate clusters and fused events up to date as articles arrive.

``Fuser`` owns the near-duplicate index of one store (rebuilt from the stored MinHash signatures when it is
created) and re-fuses only the fusion groups that new mentions, or articles whose cluster changed, touch. Because
``detente.fuse.fuse`` is a function of the set of mentions in a group, the store's fused events do not depend on
the order in which articles were ingested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import pyarrow as pa

from detente.fuse import FusedEvent, Mention, NearDupIndex, code_family, fuse, fusion_key
from detente.records import Article, Event, Polarity
from detente.resolve.scale import Scorer
from detente.store import Store

_TS = pa.timestamp("us", tz="UTC")


def key_text(key: tuple[str, str, str]) -> str:
    return "|".join(key)


def mention_of(row: dict[str, Any]) -> Mention:
    return Mention(event_id=row["event_id"], article_id=row["article_id"], outlet=row["outlet"],
                   cluster_id=row["cluster_id"], source_country=row["source_country"],
                   source_sector=row["source_sector"], target_country=row["target_country"],
                   target_sector=row["target_sector"], cameo=row["cameo"], occurred_start=row["occurred_start"],
                   occurred_end=row["occurred_end"], granularity=row["occurred_granularity"],
                   basis=row["occurred_basis"], reported=row["reported"], confidence=row["confidence"])


class Fuser:
    def __init__(self, store: Store, scorer: Scorer, modalities: Sequence[str], index: NearDupIndex | None = None):
        self.store = store
        self.scorer = scorer
        self.modalities = tuple(modalities)
        self.index = index or NearDupIndex()
        for article_id, signature in store.signatures():
            self.index.add(article_id, signature)
        self._clusters: dict[str, str | None] = store.clusters()
        self._touched_keys: set[tuple[str, str, str]] = set()  # fusion keys that ``flush`` re-fuses
        self._touched_articles: set[str] = set()  # articles whose cluster changed since the last flush

    def cluster(self, articles: Sequence[Article]) -> tuple[list[Article], dict[str, str]]:
        """Add new articles to the index and store their signatures. Returns them with their cluster ids, and the
        earlier articles whose cluster id changed (merges) with their new ids."""
        clustered, changed, signatures = self.cluster_unsaved(articles)
        self.store.write_signatures(signatures)
        return clustered, changed

    def cluster_unsaved(self, articles: Sequence[Article]
                        ) -> tuple[list[Article], dict[str, str], list[tuple[str, bytes]]]:
        """``cluster`` leaving the signatures (article_id, signature) to the caller to store, with the batch
        (``Store.write``)."""
        signatures = [(a.article_id, self.index.signature(a.text)) for a in articles]
        for article_id, signature in signatures:
            self.index.add(article_id, signature)
        current = self.index.clusters()
        new_ids = {a.article_id for a in articles}
        changed = {aid: cid for aid, cid in current.items()
                   if aid not in new_ids and self._clusters.get(aid) != cid}
        self._clusters.update(current)
        return [replace(a, near_duplicate_of=current[a.article_id]) for a in articles], changed, signatures

    def refuse(self, events: Sequence[Event], changed_articles: Iterable[str] = ()) -> int:
        """Re-fuse the groups the given new events (and articles with a changed cluster) belong to."""
        self.touch(events, changed_articles)
        return self.flush()

    def touch(self, events: Sequence[Event], changed_articles: Iterable[str] = ()) -> None:
        """Note the groups that stored new events (and articles with a changed cluster) belong to, for ``flush``
        to re-fuse. Several batches can be noted first: each group is then fused once, from all its mentions."""
        for event in events:
            if (event.source.country and event.target.country and event.polarity == Polarity.ASSERTED
                    and event.modality.value in self.modalities):  # the events ``Store.mention_rows`` reads
                self._touched_keys.add((event.source.country, event.target.country, code_family(event.cameo)))
        self._touched_articles.update(changed_articles)

    def flush(self) -> int:
        """Re-fuse the groups noted by ``touch`` since the last flush; returns the number of fused events."""
        keys, changed = self._touched_keys, self._touched_articles
        self._touched_keys, self._touched_articles = set(), set()
        pairs = {(source, target) for source, target, _ in keys}
        rows = self.store.mention_rows(pairs | self._pairs_of_articles(changed), self.modalities)
        mentions = [(key_text(fusion_key(m)), m) for m in map(mention_of, rows)]
        touched = {key_text(key) for key in keys} | {key for key, m in mentions if m.article_id in changed}
        groups: dict[str, list[Mention]] = defaultdict(list)
        for key, m in mentions:
            if key in touched:
                groups[key].append(m)
        modality = {r["event_id"]: r["modality"] for r in rows}
        fused = [(key, f) for key, members in sorted(groups.items()) for f in fuse(members)]
        self.store.replace_fused(touched, self._table(fused, modality))
        return len(fused)

    def _pairs_of_articles(self, article_ids: set[str]) -> set[tuple[str, str]]:
        if not article_ids:
            return set()
        table = pa.table({"article_id": sorted(article_ids)})
        self.store.con.register("changed_articles", table)
        try:
            rows = self.store.con.execute(
                "SELECT DISTINCT source_country, target_country FROM events JOIN changed_articles USING (article_id)"
            ).fetchall()
        finally:
            self.store.con.unregister("changed_articles")
        return {(r[0], r[1]) for r in rows if r[0] and r[1]}

    def _table(self, fused: list[tuple[str, FusedEvent]], modality: dict[str, str]) -> pa.Table:
        scores = [self.scorer.score(f.cameo) for _, f in fused]
        return pa.table({
            "fused_id": [f.fused_id for _, f in fused],
            "fusion_key": [k for k, _ in fused],
            "source_country": [f.source_country for _, f in fused],
            "source_sector": pa.array([f.source_sector for _, f in fused], pa.string()),
            "target_country": [f.target_country for _, f in fused],
            "target_sector": pa.array([f.target_sector for _, f in fused], pa.string()),
            "cameo": [f.cameo for _, f in fused],
            "root": [f.root for _, f in fused],
            "goldstein": pa.array([s.goldstein if s else None for s in scores], pa.float64()),
            "quad_class": pa.array([s.quad_class if s else None for s in scores], pa.int8()),
            "modality": [modality.get(f.representative, "actual") for _, f in fused],
            "occurred_start": pa.array([f.start for _, f in fused], pa.date32()),
            "occurred_end": pa.array([f.end for _, f in fused], pa.date32()),
            "occurred_granularity": [f.granularity for _, f in fused],
            "occurred_basis": [f.basis for _, f in fused],
            "representative": [f.representative for _, f in fused],
            "mentions": pa.array([list(f.mentions) for _, f in fused], pa.list_(pa.string())),
            "outlets": pa.array([list(f.outlets) for _, f in fused], pa.list_(pa.string())),
            "first_reported": pa.array([f.first_reported for _, f in fused], _TS),
            "last_reported": pa.array([f.last_reported for _, f in fused], _TS),
            "n_articles": pa.array([f.n_articles for _, f in fused], pa.int32()),
            "n_sources": pa.array([f.n_sources for _, f in fused], pa.int32()),
        })
