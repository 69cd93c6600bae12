"""Throughput: raw spaCy parsing vs detente's full path (ingest -> parse -> extract -> store) on the same texts.

Prints words/s for each and the ratio, plus the cost of detente's own stages on top of the parse. Texts are the
demo corpus repeated (with a counter line so every copy is a new article) to N articles, written as wire files to
a temporary folder so the full path includes reading, cleaning and storing.

The two sides that are compared -- the raw parse with the components detente uses, and the full path -- are timed
``--rounds`` times, alternately and in alternating order (raw, full; full, raw; ...), so that drift on a shared,
noisy machine falls on both. Both parse the same cleaned texts with the same pipeline object and the same spaCy
batch size. Every run is printed (wall and CPU seconds); the summary uses medians. The raw pipeline with every
component (ner included) and extraction alone are context, not part of the comparison.

    .venv/bin/python benchmarks/throughput.py --articles 400 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import spacy

from detente.config import DATA_DIR, load_settings
from detente.ingest import discover_paths, read_inputs
from detente.records import Article
from detente.runners.pipeline import PARSE_BATCH_SIZE, ingest, make_coder
from detente.store import open_store


def make_corpus(folder: Path, n: int) -> None:
    sources = sorted((DATA_DIR / "demo" / "articles").glob("*.txt"))
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8").rstrip("\n").split("\n")
        text.insert(3, f"This is copy {i} of the story for the benchmark.")
        (folder / f"{i:05d}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def load_average() -> str:
    """Other work on the machine shows here; on a shared 2-core machine it moves the ratios by several points."""
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def seconds(values: Sequence[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each compared side (default 3)")
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
        texts = [a.text for a in articles]  # what ingest parses: the cleaned text of each article
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(texts)} articles, {words} words, 1 process, spaCy batch_size={PARSE_BATCH_SIZE}, "
              f"ingest batches of {settings.batch_words} words, {args.rounds} rounds; {load_average()}")

        lean = coder.nlp  # the very pipeline detente parses with (without the components it does not use)

        def raw_parse() -> None:
            for _ in lean.pipe(texts, batch_size=PARSE_BATCH_SIZE):
                pass

        def full_path(store_file: Path) -> Callable[[], object]:
            def run() -> object:
                with open_store(store_file) as store:
                    return ingest(discover_paths([str(corpus)]), store, coder)
            return run

        # Warm up the full path once on a few articles in a throw-away store, so one-time costs (imports that
        # DuckDB and datasketch make on first use, about 0.7 s here) are not charged to throughput; this also
        # parses with ``lean`` once.
        full_path(work / "warm.duckdb")()
        raw: list[tuple[float, float]] = []
        full: list[tuple[float, float]] = []
        summary = None
        for i in range(args.rounds):
            for side in (("raw", "full") if i % 2 == 0 else ("full", "raw")):
                if side == "raw":
                    wall, cpu, _ = timed(raw_parse)
                    raw.append((wall, cpu))
                else:
                    wall, cpu, summary = timed(full_path(work / f"bench{i}.duckdb"))
                    full.append((wall, cpu))
                print(f"  round {i + 1} {side:4s}: {wall:6.2f} s wall {cpu:6.2f} s CPU ({words / wall:6.0f} words/s)",
                      flush=True)

        # Context, timed once or outside the comparison.
        everything = spacy.load(settings.model)
        raw_all, _, _ = timed(lambda: [None for _ in everything.pipe(texts, batch_size=PARSE_BATCH_SIZE)])
        docs = list(lean.pipe(texts, batch_size=PARSE_BATCH_SIZE))
        extract_runs = [timed(lambda: sum(len(coder.extract(a, d)) for a, d in zip(articles, docs, strict=True)))
                        for _ in range(args.rounds)]
        n_events = extract_runs[0][2]

        raw_wall, full_wall = [w for w, _ in raw], [w for w, _ in full]
        raw_cpu, full_cpu = [c for _, c in raw], [c for _, c in full]
        extract_wall = [w for w, _, _ in extract_runs]
        raw_med, full_med = statistics.median(raw_wall), statistics.median(full_wall)
        raw_cpu_med, full_cpu_med = statistics.median(raw_cpu), statistics.median(full_cpu)
        extract_med = statistics.median(extract_wall)
        per_round = [(f - r) / r * 100 for r, f in zip(raw_wall, full_wall, strict=True)]
        assert summary is not None

        print(f"raw spaCy, full pipeline ({'+'.join(everything.pipe_names)}), 1 run: "
              f"{words / raw_all:8.0f} words/s ({raw_all:.2f} s)")
        print(f"raw spaCy, components detente uses ({'+'.join(lean.pipe_names)}): {words / raw_med:8.0f} words/s "
              f"(median; wall s: {seconds(raw_wall)}; CPU s: {seconds(raw_cpu)})")
        print(f"detente extraction alone (actors, patterns, dates, records): {words / extract_med:8.0f} words/s "
              f"({n_events} events; median; wall s: {seconds(extract_wall)})")
        print(f"detente full path (read, clean, parse, extract, store): {words / full_med:8.0f} words/s "
              f"({summary.processed} articles, {summary.events} events; median; wall s: {seconds(full_wall)}; "
              f"CPU s: {seconds(full_cpu)})")
        print(f"ratio full path / raw full pipeline: {raw_all / full_med:.2f}")
        print(f"ratio full path / raw parse with the same components: {raw_med / full_med:.2f}")
        print(f"detente's own stages on top of the parse: {(full_med - raw_med) / raw_med * 100:.1f}% of medians "
              f"(per round: {' '.join(f'{p:.1f}%' for p in per_round)}; CPU time: "
              f"{(full_cpu_med - raw_cpu_med) / raw_cpu_med * 100:.1f}%) (extraction alone "
              f"{extract_med / raw_med * 100:.1f}%)")
        print(f"at the end: {load_average()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
