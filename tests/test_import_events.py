"""Importing coded event data (ICEWS, ICEWS decoded TSV, GDELT 2.0, CSV): countries, codes, dates, Goldstein,
rejections with reasons, idempotent re-import, and dyad series over an imported store."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from conftest import FIXTURES, SHARED
from detente.analyse.series import dyad_series
from detente.config import load_settings
from detente.errors import InputPathError
from detente.ingest.events_import import GDELT_COLUMNS, IMPORT_REJECT_REASONS, ImportSummary, import_events
from detente.lexicon import Lexicon, load_lexicon, load_scale
from detente.resolve.scale import Scorer
from detente.store import Store, open_store

EVENTS = FIXTURES / "events"
FUSED = ("SELECT source_country, source_sector, target_country, target_sector, cameo, root, goldstein, quad_class, "
         "occurred_start, outlets, n_articles, n_sources FROM fused_events ORDER BY occurred_start, cameo, fused_id")


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(load_settings().lexicon_dirs)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(load_scale(load_settings().scale_file))


def _import(store: Store, name: str, fmt: str, scorer: Scorer, lexicon: Lexicon) -> ImportSummary:
    summary = import_events(EVENTS / name, fmt, store, scorer, lexicon)
    assert summary.accounted, summary.to_json()  # every row read is imported, a duplicate or rejected
    return summary


def test_icews_countries_sectors_codes_and_goldstein(store: Store, scorer: Scorer, lexicon: Lexicon) -> None:
    summary = _import(store, "icews_events.tab", "icews", scorer, lexicon)
    assert (summary.rows_read, summary.imported, summary.duplicates) == (13, 5, 1)
    assert store.con.execute(FUSED).fetchall() == [
        ("KOR", "GOV", "JPN", None, "111", "11", -2.0, 3, date(2019, 7, 4), ["Seoul Daily"], 1, 1),
        ("JPN", None, "KOR", None, "163", "16", -8.0, 4, date(2019, 7, 4), ["Example Wire"], 1, 1),
        # "42" lost its leading zero; no Intensity, so Goldstein comes from our scale; a defence ministry is MIL
        ("JPN", "MIL", "KOR", None, "042", "04", 1.9, 1, date(2019, 8, 15), ["Example Wire"], 1, 1),
        ("IGO:UN", None, "PRK", None, "020", "02", 3.0, 1, date(2019, 8, 20), ["Example Wire"], 1, 1),
        ("KOR", "CVL", "JPN", "GOV", "141", "14", -6.5, 4, date(2019, 9, 2), ["Example Wire"], 1, 1),
    ]


def test_bad_rows_are_rejected_with_a_reason_and_counted(store: Store, scorer: Scorer, lexicon: Lexicon) -> None:
    summary = _import(store, "icews_events.tab", "icews", scorer, lexicon)
    assert summary.rejected == {"bad-date": 1, "unknown-country": 1, "no-country": 1, "bad-code": 1,
                                "unknown-code": 1, "bad-goldstein": 1, "bad-row": 1}
    assert set(summary.rejected) <= set(IMPORT_REJECT_REASONS)
    by_reason = {r.reason: r for r in summary.examples}
    assert by_reason["unknown-country"].input_ref.endswith("icews_events.tab:9")
    assert "Atlantis" in by_reason["unknown-country"].message
    assert "12.5" in by_reason["bad-goldstein"].message
    stored = store.con.execute("SELECT stage, reason FROM rejects ORDER BY input_ref").fetchall()
    assert len(stored) == 7 and {s for s, _ in stored} == {"import"}


def test_reimport_adds_nothing(store: Store, scorer: Scorer, lexicon: Lexicon) -> None:
    first = _import(store, "icews_events.tab", "icews", scorer, lexicon)
    before = store.counts()
    again = _import(store, "icews_events.tab", "icews", scorer, lexicon)
    assert again.imported == 0 and again.duplicates == first.imported + first.duplicates
    assert store.counts() == before


def test_imported_events_carry_rule_and_versions(store: Store, scorer: Scorer, lexicon: Lexicon) -> None:
    _import(store, "icews_events.tab", "icews", scorer, lexicon)
    rows = store.con.execute("SELECT event_id, article_id, sentence, rule_id, versions, plover_type, polarity, "
                             "modality FROM events WHERE cameo = '163'").fetchall()
    [(event_id, article_id, sentence, rule_id, versions, plover, polarity, modality)] = rows
    assert (article_id, sentence, rule_id, plover, polarity, modality) == (
        None, None, "import:icews", "SANCTION", "asserted", "actual")
    meta = orjson.loads(versions)
    assert meta["import"] == "icews" and meta["file"] == "icews_events.tab" and meta["record"] == "Event ID 9001"
    assert meta["dataset"] == "ICEWS" and meta["scale"] == scorer.version
    fused = store.con.execute("SELECT representative, mentions, fusion_key FROM fused_events WHERE cameo = '163'"
                              ).fetchall()
    assert fused == [(event_id, [event_id], "import:icews|JPN|KOR|16")]


def test_gdelt_export_file(store: Store, scorer: Scorer, lexicon: Lexicon) -> None:
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[26] == "EventCode" and GDELT_COLUMNS[60] == "SOURCEURL"
    summary = _import(store, "gdelt_events.export.CSV", "gdelt", scorer, lexicon)
    assert (summary.rows_read, summary.imported, summary.duplicates) == (7, 3, 1)
    assert summary.rejected == {"no-country": 1, "unknown-country": 1, "bad-row": 1}  # no code; EUR; 3 columns
    assert store.con.execute(FUSED).fetchall() == [
        ("JPN", "GOV", "KOR", None, "163", "16", -8.0, 4, date(2019, 7, 4), ["example-news.test"], 4, 2),
        ("KOR", "MIL", "JPN", None, "1123", "11", -2.0, 3, date(2019, 8, 1), ["seoul.example.test"], 4, 2),
        ("ROU", None, "JPN", "REB", "036", "03", 4.0, 1, date(2019, 8, 2), ["ro.example.test"], 1, 1),  # ROM, INS
    ]
    [(reported,)] = store.con.execute("SELECT first_reported FROM fused_events WHERE cameo = '163'").fetchall()
    assert reported == datetime(2019, 7, 4, 12, 0, tzinfo=UTC)


def test_icews_decoded_tsv(store: Store, scorer: Scorer, lexicon: Lexicon) -> None:
    summary = _import(store, "icews_decoded.tsv", "icews-decoded", scorer, lexicon)
    assert (summary.rows_read, summary.imported, summary.rejected) == (6, 5, {"no-country": 1})  # Shinzo Abe
    rows = store.con.execute(FUSED).fetchall()
    assert [r[:5] for r in rows] == [
        ("JPN", None, "KOR", None, "057"),  # two identical rows: two events (no id to tell them apart)
        ("JPN", None, "KOR", None, "057"),
        ("KOR", "CVL", "JPN", None, "111"),  # "Citizen (South Korea)"
        ("KOR", "JUD", "JPN", "BUS", "100"),  # "Supreme Court (South Korea)" -> "Business (Japan)"
        ("TLS", None, "JPN", None, "040"),  # CAMEO's TMP is ISO TLS
    ]
    again = _import(store, "icews_decoded.tsv", "icews-decoded", scorer, lexicon)
    assert again.imported == 0 and again.duplicates == 5


def test_csv_import_and_series_by_hand(store: Store, scorer: Scorer, lexicon: Lexicon) -> None:
    summary = _import(store, "events.csv", "csv", scorer, lexicon)
    assert (summary.rows_read, summary.imported, summary.duplicates) == (11, 6, 1)
    assert summary.rejected == {"unknown-sector": 1, "bad-code": 1, "bad-date": 1, "no-country": 1}
    # By hand: July 2019: JPN 163 (scale -8.0, quad 4) + KOR 111 (file -2.5, quad 3).
    # September: 057 (+8.0) + 042 (+1.9, date written 20190910) + two identical 046 rows (+7.0 each), all quad 1.
    periods = dyad_series(store, "KOR", "JPN", "month")
    assert [(p.period, p.events) for p in periods] == [("2019-07", 2), ("2019-08", 0), ("2019-09", 4)]
    assert periods[0].goldstein_sum == pytest.approx(-10.5) and periods[0].goldstein_mean == pytest.approx(-5.25)
    assert periods[0].quad == {"1": 0, "2": 0, "3": 1, "4": 1}
    assert periods[2].goldstein_sum == pytest.approx(23.9) and periods[2].goldstein_mean == pytest.approx(5.975)
    assert periods[2].quad == {"1": 4, "2": 0, "3": 0, "4": 0}
    assert [p.events for p in dyad_series(store, "KOR", "JPN", "month", "forward")] == [1, 0, 3]
    assert [(p.period, p.events) for p in dyad_series(store, "KOR", "JPN", "quarter")] == [("2019Q3", 6)]


def test_folder_gzip_and_a_file_of_the_wrong_format(tmp_path: Path, store: Store, scorer: Scorer,
                                                    lexicon: Lexicon) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with (EVENTS / "events.csv").open("rb") as src, gzip.open(folder / "a.csv.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    shutil.copy(EVENTS / "icews_decoded.tsv", folder / "b.csv")  # a TSV named .csv: no CSV header
    (folder / "notes.md").write_text("not data", encoding="utf-8")
    summary = import_events(folder, "csv", store, scorer, lexicon)
    assert len(summary.files) == 2 and summary.imported == 6
    [bad] = summary.bad_files
    assert bad.reason == "bad-header" and bad.input_ref.endswith("b.csv") and "source_country" in bad.message
    with pytest.raises(InputPathError):
        import_events(tmp_path / "absent", "csv", store, scorer, lexicon)
    with pytest.raises(ValueError, match="format must be one of"):
        import_events(folder, "xml", store, scorer, lexicon)


def test_imports_survive_detente_fusion(tmp_path: Path, scorer: Scorer, lexicon: Lexicon) -> None:
    """Imported fused events live under import: fusion keys, so fusing new mentions never replaces them."""
    from conftest import make_event, write_and_fuse

    with open_store(tmp_path / "mixed.duckdb") as store:
        _import(store, "events.csv", "csv", scorer, lexicon)
        write_and_fuse(store, [make_event("own-1", source="JPN", target="KOR", day=date(2019, 7, 4))])
        periods = dyad_series(store, "KOR", "JPN", "month")
        assert periods[0].events == 3  # two imported + one of our own; never fused together


@pytest.mark.shared
def test_shared_icews_east_asia_dyads(tmp_path: Path, scorer: Scorer, lexicon: Lexicon) -> None:
    folder = SHARED / "icews-east-asia-dyads"
    if not folder.is_dir():
        pytest.skip(f"shared data not found at {folder}")
    with open_store(tmp_path / "icews.duckdb") as store:
        summary = import_events(folder, "icews-decoded", store, scorer, lexicon)
        assert summary.accounted and summary.rows_read > 7000 and not summary.bad_files
        assert summary.imported + summary.duplicates + summary.rows_rejected == summary.rows_read
        by_month = {p.period: p for p in dyad_series(store, "KOR", "JPN", "month")}
    for month in ("2015-11", "2015-12", "2018-09", "2018-10"):
        assert by_month[month].events > 0, month
    assert by_month["2015-12"].events >= 10 and by_month["2018-10"].events >= 30
