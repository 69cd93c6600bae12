"""Analytics at scale: a DuckDB store with 10 million synthetic fused events, then the time of a dyad series, a
triad and an export.

The events are generated vectorised (numpy draws, assembled by DuckDB SQL in chunks of a million rows): dates
uniform over 2000-01-01..2025-12-31, 50 countries with a Zipf-like share of the news (the USA and China most
reported), CAMEO codes drawn from detente's scale with a realistic mix of roots (consultations and statements
common, assaults rare), Goldstein and QuadClass from the scale, modality mostly "actual". Then it times, on the
store opened read-only as the CLI and server use it:

* ``detente.analyse.series.dyad_series(store, "KOR", "JPN", "month")``;
* a triad (KOR, JPN, USA): ``detente.analyse.triad`` when that module exists, else three dyad_series legs (the
  output says which);
* ``detente.analyse.export.export`` of the KOR-JPN events to Parquet.

Each is timed cold (first call after opening) and as the best of three. Target: under 1 s each.

    .venv/bin/python benchmarks/analytics.py                  # 10M events in a temporary store
    .venv/bin/python benchmarks/analytics.py --events 1000000 --db /tmp/a.duckdb --keep
"""

from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from detente.analyse.export import export
from detente.analyse.series import dyad_series
from detente.config import load_settings
from detente.lexicon import load_scale
from detente.resolve.scale import Scorer
from detente.store import Store, open_store

COUNTRIES = (
    "USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "KOR", "PRK", "IND", "PAK", "IRN", "ISR", "PSE", "SYR",
    "IRQ", "SAU", "TUR", "UKR", "EGY", "AFG", "AUS", "CAN", "BRA", "MEX", "ZAF", "NGA", "KEN", "ETH", "SDN",
    "LBY", "YEM", "LBN", "JOR", "QAT", "ARE", "IDN", "PHL", "VNM", "THA", "MYS", "SGP", "MMR", "TWN", "ITA",
    "ESP", "POL", "VEN", "COL", "ARG",
)
# Share of events per CAMEO root, roughly as in machine-coded news event data.
ROOT_SHARE = {
    "01": 12.0, "02": 6.0, "03": 9.0, "04": 25.0, "05": 9.0, "06": 3.0, "07": 2.0, "08": 2.0, "09": 1.0,
    "10": 2.0, "11": 7.0, "12": 3.0, "13": 3.0, "14": 2.0, "15": 0.5, "16": 2.0, "17": 5.0, "18": 3.0,
    "19": 3.4, "20": 0.1,
}
MODALITIES = ("actual", "intended", "demanded")
SECTORS = (None, "GOV", "MIL", "LEG", "BUS")
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2025, 12, 31)
CHUNK = 1_000_000


def code_table(scorer: Scorer) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Codes of the scale, their draw probabilities (root share split evenly over its codes), Goldstein, quad."""
    codes = sorted(scorer.names)
    per_root: dict[str, int] = {}
    for code in codes:
        per_root[code[:2]] = per_root.get(code[:2], 0) + 1
    weights = np.array([ROOT_SHARE.get(c[:2], 0.0) / per_root[c[:2]] for c in codes])
    scores = [scorer.score(c) for c in codes]
    goldstein = np.array([s.goldstein if s else 0.0 for s in scores])
    quad = np.array([s.quad_class if s else 1 for s in scores], dtype=np.int8)
    return codes, weights / weights.sum(), goldstein, quad


def _chunk(rng: np.random.Generator, start: int, n: int, codes: tuple[list[str], np.ndarray, np.ndarray, np.ndarray]
           ) -> pa.Table:
    names, p_code, goldstein, quad = codes
    rank = np.arange(1, len(COUNTRIES) + 1)
    p_country = rank ** -0.8 / (rank ** -0.8).sum()
    source = rng.choice(len(COUNTRIES), n, p=p_country)
    target = rng.choice(len(COUNTRIES), n, p=p_country)
    clash = source == target
    target[clash] = (target[clash] + rng.integers(1, len(COUNTRIES), clash.sum())) % len(COUNTRIES)
    code = rng.choice(len(names), n, p=p_code)
    epoch = (FIRST_DAY - date(1970, 1, 1)).days
    days = epoch + rng.integers(0, (LAST_DAY - FIRST_DAY).days + 1, n)
    sector = rng.choice(len(SECTORS), n, p=[0.6, 0.25, 0.08, 0.04, 0.03])
    country_dict = pa.array(COUNTRIES)
    return pa.table({
        "i": pa.array(np.arange(start, start + n, dtype=np.int64)),
        "source_country": pa.DictionaryArray.from_arrays(pa.array(source.astype(np.int32)), country_dict),
        "target_country": pa.DictionaryArray.from_arrays(pa.array(target.astype(np.int32)), country_dict),
        "source_sector": pa.DictionaryArray.from_arrays(pa.array(sector.astype(np.int32)), pa.array(SECTORS)),
        "cameo": pa.DictionaryArray.from_arrays(pa.array(code.astype(np.int32)), pa.array(names)),
        "goldstein": pa.array(goldstein[code]),
        "quad_class": pa.array(quad[code]),
        "modality": pa.DictionaryArray.from_arrays(
            pa.array(rng.choice(3, n, p=[0.9, 0.07, 0.03]).astype(np.int32)), pa.array(MODALITIES)),
        "occurred_start": pa.array(days.astype(np.int32), pa.int32()).cast(pa.date32()),
        "n_articles": pa.array(rng.integers(1, 6, n).astype(np.int32)),
    })


_INSERT = """
INSERT INTO fused_events BY NAME
SELECT md5(i::VARCHAR) AS fused_id,
       source_country || '|' || target_country || '|' || cameo[1:2] AS fusion_key,
       source_country, source_sector, target_country, NULL AS target_sector, cameo, cameo[1:2] AS root,
       goldstein, quad_class, modality, occurred_start, occurred_start AS occurred_end,
       'day' AS occurred_granularity, 'explicit' AS occurred_basis, md5(i::VARCHAR) AS representative,
       [md5(i::VARCHAR)] AS mentions, ['bench'] AS outlets, NULL AS first_reported, NULL AS last_reported,
       n_articles, least(n_articles, 3) AS n_sources
FROM bench_chunk"""


def build(db: Path, n: int, seed: int) -> float:
    settings = load_settings()
    codes = code_table(Scorer(load_scale(settings.scale_file)))
    rng = np.random.default_rng(seed)
    began = time.perf_counter()
    with open_store(db) as store:
        for start in range(0, n, CHUNK):
            store.con.register("bench_chunk", _chunk(rng, start, min(CHUNK, n - start), codes))
            try:
                store.con.execute(_INSERT)
            finally:
                store.con.unregister("bench_chunk")
        store.con.execute("CHECKPOINT")
    return time.perf_counter() - began


def timed(call: Callable[[], Any], repeats: int = 3) -> tuple[float, float, Any]:
    """(first call, best of ``repeats``, result) in seconds."""
    times = []
    result = None
    for _ in range(repeats):
        began = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - began)
    return times[0], min(times), result


def triad_call(store: Store) -> tuple[str, Callable[[], Any]]:
    """detente.analyse.triad's triad function when it exists, else the three dyad legs."""
    try:
        module = importlib.import_module("detente.analyse.triad")
    except ImportError:
        module = None
    for name in ("triad_series", "triad", "compute_triad"):
        fn = getattr(module, name, None) if module else None
        if callable(fn):
            params = inspect.signature(fn).parameters
            kwargs = {"freq": "month"} if "freq" in params else {}
            return f"detente.analyse.triad.{name}", functools.partial(fn, store, "KOR", "JPN", "USA", **kwargs)
    legs = (("KOR", "JPN"), ("KOR", "USA"), ("JPN", "USA"))
    return ("three dyad_series legs (detente.analyse.triad does not exist yet)",
            lambda: [dyad_series(store, a, b, "month") for a, b in legs])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, help="store file (default: a temporary folder, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the store (with --db)")
    parser.add_argument("--reuse", action="store_true", help="time an existing --db store without rebuilding it")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    work = None if args.db else Path(tempfile.mkdtemp(prefix="detente-analytics-"))
    db = args.db or (work / "analytics.duckdb")  # type: ignore[operator]
    try:
        if not (args.reuse and db.exists()):
            db.unlink(missing_ok=True)
            print(f"building {args.events:,} synthetic fused events in {db} ...", flush=True)
            print(f"build: {build(db, args.events, args.seed):.1f} s")
        size = db.stat().st_size
        with open_store(db, read_only=True) as store:
            total = store.con.execute("SELECT count(*) FROM fused_events").fetchone()
            print(f"store: {total[0] if total else 0:,} fused events, {size / 2**20:.0f} MiB on disk")
            first, best, periods = timed(lambda: dyad_series(store, "KOR", "JPN", "month"))
            events = sum(p.events for p in periods)
            print(f"dyad_series KOR-JPN month: first {first:.3f} s, best {best:.3f} s "
                  f"({len(periods)} periods, {events:,} events)")
            what, call = triad_call(store)
            first, best, _ = timed(call)
            print(f"triad KOR-JPN-USA month [{what}]: first {first:.3f} s, best {best:.3f} s")
            out = (work or db.parent) / "kor-jpn-events.parquet"
            first, best, result = timed(lambda: export(store, "events", "parquet", out, "KOR", "JPN"))
            print(f"export KOR-JPN events to Parquet: first {first:.3f} s, best {best:.3f} s ({result.rows:,} rows)")
            out.unlink(missing_ok=True)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        elif not args.keep and not args.reuse:
            db.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
