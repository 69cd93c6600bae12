"""The in-process runner: articles through parse -> extract, and corpora through ingest -> code -> store.

``Coder`` holds every heavy, read-only resource (the spaCy pipeline, compiled lexicons, the scale table) and is
built once per process with ``make_coder(settings)``. ``ingest`` moves batches of records through the stages and
accounts for every input: processed, duplicate, or rejected with a reason.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from detente.config import Settings
from detente.extract import ActorIndex, EventExtractor
from detente.extract.when import context_for, load_datelines
from detente.ingest import AgencyTable, load_agencies, read_inputs
from detente.lexicon import Lexicon, load_lexicon, load_scale
from detente.parse import PipelineInfo, load_pipeline, pipeline_info
from detente.records import Article, Event, Rejected
from detente.resolve.scale import Scorer
from detente.runners.fusing import Fuser
from detente.store import Store

Progress = Callable[[int, int], None]  # (inputs done, events found) after each batch

PARSE_BATCH_SIZE = 32  # texts per spaCy minibatch (``Language.pipe``); benchmarks parse with the same


@dataclass
class Coder:
    """Everything needed to code articles, loaded once. Read-only after construction."""

    settings: Settings
    nlp: Language
    lexicon: Lexicon
    scorer: Scorer
    extractor: EventExtractor
    agencies: AgencyTable
    datelines: dict[str, str]
    info: PipelineInfo

    def code_articles(self, articles: Sequence[Article], outlet_country: str | None = None
                      ) -> Iterator[tuple[Article, list[Event]] | Rejected]:
        """Events for each article, in order; an article the pipeline fails on becomes a ``Rejected``."""
        texts = [a.text for a in articles]
        docs: list[Any]
        try:
            docs = list(self.nlp.pipe(texts, batch_size=PARSE_BATCH_SIZE))
        except Exception:
            docs = []
            for text in texts:
                try:
                    docs.append(self.nlp(text))
                except Exception as exc:
                    docs.append(exc)
        for i, (article, doc) in enumerate(zip(articles, docs, strict=True)):
            # each Doc (and its tensors) is freed once coded, not with the whole batch: the memory is reused,
            # warm, by the next extraction and parse (measured: own stages of an ingest -0.05 s/400 articles)
            docs[i] = None
            if isinstance(doc, Exception):
                yield Rejected(article.input_ref, "parse", "parse-failed", f"{type(doc).__name__}: {doc}")
                continue
            yield article, self.extract(article, doc, outlet_country)

    def extract(self, article: Article, doc: Doc, outlet_country: str | None = None) -> list[Event]:
        """Events of a parsed article; the outlet (from the article's source) sets date order and "Korea"."""
        agency = self.agencies.lookup(article.source)
        order = agency.numeric_dates if agency else "MDY"
        ctx = context_for(article, self.datelines, order)
        return self.extractor.extract(article, doc, ctx, outlet_country or (agency.country if agency else None))

    def code_article(self, article: Article, outlet_country: str | None = None) -> list[Event] | Rejected:
        result = next(self.code_articles([article], outlet_country))
        return result if isinstance(result, Rejected) else result[1]

    @property
    def versions(self) -> dict[str, str]:
        return dict(self.extractor.versions)


def make_coder(settings: Settings) -> Coder:
    """Load the pipeline, lexicons and scale once; every failure here is a clear ``DetenteError``."""
    lexicon = load_lexicon(settings.lexicon_dirs)
    scorer = Scorer(load_scale(settings.scale_file))
    nlp = load_pipeline(settings.model, max_length=settings.max_input_bytes * 2)
    info = pipeline_info(nlp, settings.model)
    actors = ActorIndex(lexicon, nlp.vocab, nlp.make_doc)
    extractor = EventExtractor(lexicon, actors, scorer, info.label)
    agencies = load_agencies(settings.agencies_file)
    datelines = load_datelines(settings.agencies_file.parent / "datelines.yaml")
    # The lexicons, matchers and model are read-only from here on, and they are most of the process's objects.
    # Moved out of the collector's generations, they are no longer re-scanned at each full collection, which
    # parsing and extraction trigger often (measured: extraction inside an ingest 1.19 s -> 0.96 s, 400 articles).
    gc.freeze()
    return Coder(settings, nlp, lexicon, scorer, extractor, agencies, datelines, info)


@dataclass
class IngestSummary:
    inputs: int = 0
    processed: int = 0
    duplicates: int = 0
    events: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def reasons(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.rejected:
            out[r.reason] = out.get(r.reason, 0) + 1
        return out


def _batches(records: Iterable[Article | Rejected], words: int) -> Iterator[list[Article | Rejected]]:
    """Batches of about ``words`` words. A batch ends at the first whole spaCy minibatch (``PARSE_BATCH_SIZE``
    articles) after ``words`` words, unless that would pass twice ``words``: a ragged last minibatch (98 articles
    parse as 32+32+32+2) costs the parser nearly as much as a full one (measured: 3% more parse time)."""
    batch: list[Article | Rejected] = []
    size = n_articles = 0
    for record in records:
        batch.append(record)
        if isinstance(record, Article):
            size += sum(len(p.split()) for p in record.body)
            n_articles += 1
        if size >= 2 * words or (size >= words and n_articles % PARSE_BATCH_SIZE == 0):
            yield batch
            batch, size, n_articles = [], 0, 0
    if batch:
        yield batch


def ingest(paths: Sequence[Path], store: Store, coder: Coder, published: datetime | None = None,
           on_progress: Progress | None = None) -> IngestSummary:
    """Ingest files into the store. Articles already in the store (same content hash) are counted as duplicates.

    Articles, events and near-duplicate clusters are stored batch by batch. The fusion groups the batches touch are
    re-fused once, at the end (also when a batch fails), so a group that many batches add to is fused once.
    """
    summary = IngestSummary()
    fuser = Fuser(store, coder.scorer, coder.settings.series_modalities)
    records = read_inputs(paths, coder.settings, coder.agencies, published)
    with store.on_calling_thread():
        try:
            for batch in _batches(records, coder.settings.batch_words):
                found = _ingest_batch(batch, store, coder, fuser, summary)
                if on_progress is not None:
                    on_progress(len(batch), found)
        finally:
            fuser.flush()
    return summary


def _ingest_batch(batch: list[Article | Rejected], store: Store, coder: Coder, fuser: Fuser,
                  summary: IngestSummary) -> int:
    """Code and store one batch, and note its fusion groups with ``fuser``; returns the number of events."""
    rejects = [r for r in batch if isinstance(r, Rejected)]
    articles = [a for a in batch if isinstance(a, Article)]
    summary.inputs += len(batch)
    known = store.known_articles(a.article_id for a in articles)
    fresh: list[Article] = []
    for article in articles:
        if article.article_id in known:
            summary.duplicates += 1
        else:
            known.add(article.article_id)
            fresh.append(article)
    coded: list[tuple[Article, list[Event]]] = []
    for result in coder.code_articles(fresh):
        if isinstance(result, Rejected):
            rejects.append(result)
        else:
            coded.append(result)
    clustered, changed, signatures = fuser.cluster_unsaved([article for article, _ in coded])
    done = [(article, len(found)) for article, (_, found) in zip(clustered, coded, strict=True)]
    events = [event for _, found in coded for event in found]
    store.write(done, events, rejects, signatures, changed)
    fuser.touch(events, changed)
    summary.processed += len(done)
    summary.events += len(events)
    summary.rejected.extend(rejects)
    return len(events)
