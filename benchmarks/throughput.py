"""Throughput: raw spaCy parsing vs detente's full path (ingest -> parse -> extract -> store) on the same texts.

Prints words/s for each and the ratio, plus the cost of detente's own stages on top of the parse. Texts are the
demo corpus repeated (with a counter line so every copy is a new article) to N articles, written as wire files to
a temporary folder so the full path includes reading, cleaning and storing.

    .venv/bin/python benchmarks/throughput.py --articles 400
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import spacy

from detente.config import DATA_DIR, load_settings
from detente.ingest import discover_paths, read_inputs
from detente.records import Article
from detente.runners.pipeline import ingest, make_coder
from detente.store import open_store


def make_corpus(folder: Path, n: int) -> None:
    sources = sorted((DATA_DIR / "demo" / "articles").glob("*.txt"))
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8").rstrip("\n").split("\n")
        text.insert(3, f"This is copy {i} of the story for the benchmark.")
        (folder / f"{i:05d}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    settings = load_settings()
    work = Path(tempfile.mkdtemp(prefix="detente-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.articles)
        coder = make_coder(settings)
        articles = [r for r in read_inputs(discover_paths([str(corpus)]), settings, coder.agencies)
                    if isinstance(r, Article)]
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(texts)} articles, {words} words, 1 process")

        full = spacy.load(settings.model)
        began = time.perf_counter()
        for _ in full.pipe(texts, batch_size=32):
            pass
        raw_full = time.perf_counter() - began

        lean = coder.nlp  # the same components detente uses (it excludes {UNUSED_COMPONENTS})
        began = time.perf_counter()
        docs = list(lean.pipe(texts, batch_size=32))
        raw_lean = time.perf_counter() - began

        began = time.perf_counter()
        n_events = sum(len(coder.extract(a, d)) for a, d in zip(articles, docs, strict=True))
        extract_only = time.perf_counter() - began

        # Warm up the full path once on a few articles in a throw-away store, so one-time costs (imports that
        # DuckDB and datasketch make on first use, about 0.7 s here) are not charged to throughput.
        with open_store(work / "warm.duckdb") as store:
            ingest(sorted(corpus.iterdir())[:3], store, coder)
        began = time.perf_counter()
        with open_store(work / "bench.duckdb") as store:
            summary = ingest(discover_paths([str(corpus)]), store, coder)
        whole = time.perf_counter() - began

        print(f"raw spaCy, full pipeline ({'+'.join(full.pipe_names)}): {words / raw_full:8.0f} words/s")
        print(f"raw spaCy, components detente uses ({'+'.join(lean.pipe_names)}): {words / raw_lean:8.0f} words/s")
        print(f"detente extraction alone (actors, patterns, dates, records): {words / extract_only:8.0f} words/s "
              f"({n_events} events)")
        print(f"detente full path (read, clean, parse, extract, store): {words / whole:8.0f} words/s "
              f"({summary.processed} articles, {summary.events} events)")
        print(f"ratio full path / raw full pipeline: {raw_full / whole:.2f}")
        print(f"ratio full path / raw parse with the same components: {raw_lean / whole:.2f}")
        print(f"detente's own stages on top of the parse: {(whole - raw_lean) / raw_lean * 100:.1f}% "
              f"(extraction alone {extract_only / raw_lean * 100:.1f}%)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
