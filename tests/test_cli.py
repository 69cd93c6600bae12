"""The CLI end to end on a small fixture corpus, as a user runs it (subprocess for the entry points)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
runner = CliRunner()

pytestmark = pytest.mark.model


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("cli") / "c.duckdb"
    code, out, err = _run("ingest", str(CORPUS), "--db", str(db))
    assert code == 0, out + err
    return db, out


def test_ingest_accounts_for_every_input(ingested: tuple[Path, str]) -> None:
    _, out = ingested
    # 3 wire stories + 1 identical copy + 1 JSONL line processed/duplicate; empty, binary and a bad JSON line rejected
    assert "4 processed" in out and "1 duplicate" in out and "3 rejected" in out, out
    for reason in ("empty", "binary", "bad-json"):
        assert reason in out


def test_ingest_twice_adds_nothing(ingested: tuple[Path, str]) -> None:
    db, _ = ingested
    code, out, _ = _run("ingest", str(CORPUS), "--db", str(db))
    assert code == 0
    assert "0 processed" in out and "5 duplicate" in out and "0 event(s) stored" in out, out


def test_dyad_json_has_the_documented_fields(ingested: tuple[Path, str]) -> None:
    db, _ = ingested
    code, out, _ = _run("dyad", "KOR", "JPN", "--db", str(db), "--format", "json")
    assert code == 0
    periods = json.loads(out)
    assert periods[0]["period"] == "2019-07"
    assert {"period", "events", "goldstein_sum", "goldstein_mean", "quad"} <= set(periods[0])
    july = periods[0]
    assert july["events"] >= 2 and july["goldstein_sum"] < 0 and july["quad"]["4"] >= 1
    assert any(p["events"] == 0 and p["goldstein_mean"] is None for p in periods)  # empty months are listed
    march_2023 = next(p for p in periods if p["period"] == "2023-03")
    assert march_2023["goldstein_mean"] > 0


def test_dyad_accepts_names_and_other_formats(ingested: tuple[Path, str]) -> None:
    db, _ = ingested
    code, out, _ = _run("dyad", "South Korea", "Japan", "--db", str(db), "--freq", "year", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("period,events,goldstein_sum")
    assert out.splitlines()[1].startswith("2019,")
    code, out, _ = _run("dyad", "KOR", "JPN", "--db", str(db))
    assert code == 0 and "KOR–JPN" in out


def test_dyad_bad_arguments_are_clear(ingested: tuple[Path, str]) -> None:
    db, _ = ingested
    code, _, err = _run("dyad", "Atlantis", "JPN", "--db", str(db))
    assert code == 2 and "unknown country 'Atlantis'" in err
    code, _, err = _run("dyad", "KOR", "JPN", "--db", str(db), "--freq", "fortnight")
    assert code == 2 and "--freq" in err


def test_missing_store_and_missing_path(tmp_path: Path) -> None:
    code, _, err = _run("dyad", "KOR", "JPN", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no store at" in err
    code, _, err = _run("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.duckdb"))
    assert code == 2 and "nowhere" in err


def test_code_json_has_article_and_events() -> None:
    code, out, _ = _run("code", str(CORPUS / "2019-07-04_curbs.txt"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["article"]["source"] == "Yonhap" and data["article"]["dateline"] == "SEOUL"
    assert data["article"]["published"].startswith("2019-07-04T11:02:00+09:00")
    sanction = next(e for e in data["events"] if e["cameo"].startswith("16"))
    assert sanction["source"]["country"] == "JPN" and sanction["target"]["country"] == "KOR"
    assert sanction["occurred"]["start"] == "2019-07-04"
    evidence = sanction["evidence"]
    body = "\n".join(data["article"]["body"])
    assert body[evidence["span"][0]:evidence["span"][1]] == evidence["sentence"]
    assert sanction["rule_id"] and sanction["versions"]["lexicon"]
    for field in ("attributed_to", "plover", "goldstein", "quad_class", "polarity", "modality", "confidence"):
        assert field in sanction  # present even when null


def test_code_table_and_batch_interface(tmp_path: Path) -> None:
    code, out, _ = _run("code", str(CORPUS / "2019-08-02_whitelist.txt"))
    assert code == 0 and "event(s)" in out
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"id": "a", "text": "Japan imposed sanctions on North Korea.", "published": "2017-09-12"}\n'
        '{"id": "b", "text": ""}\n'
        "not json\n"
        '{"id": 7, "text": "It rained in Seoul.", "published": "2020-01-01"}\n',
        encoding="utf-8",
    )
    code, out, _ = _run("code", "--jsonl", str(batch), "--format", "jsonl")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", 3, 7]
    assert lines[0]["events"][0]["cameo"].startswith("16") and lines[0]["events"][0]["target"]["country"] == "PRK"
    assert "error" in lines[1] and "error" in lines[2]
    assert lines[3]["events"] == []


def test_info_prints_versions() -> None:
    code, out, _ = _run("info")
    assert code == 0
    for key in ("detente", "spacy", "pipeline", "sha256:", "lexicon", "scale", "store schema"):
        assert key in out


def test_help_has_examples_and_module_entry_point() -> None:
    for command in ("code", "ingest", "dyad", "info", "demo"):
        code, out, _ = _run(command, "--help")
        assert code == 0 and "Example" in out, command
    done = subprocess.run([sys.executable, "-m", "detente", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "dyad" in done.stdout


# -- relations analytics through the CLI --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.duckdb"
    code, out, err = _run("demo", "--db", str(db), "--brief-dir", str(folder / "briefs"))
    assert code == 0, out + err
    assert "lowest since" in out and "Five most negative events" in out
    brief = (folder / "briefs" / "demo-brief-kor-jpn.html").read_text(encoding="utf-8")
    assert "South Korea–Japan" in brief and "<script" not in brief
    return db


def test_dyad_json_has_index_interval_and_event_ids(demo_db: Path) -> None:
    code, out, _ = _run("dyad", "KOR", "JPN", "--db", str(demo_db), "--format", "json")
    assert code == 0
    periods = json.loads(out)
    for p in periods:
        assert {"period", "events", "goldstein_sum", "goldstein_mean", "quad", "index", "ci_low", "ci_high",
                "event_ids", "coop_share"} <= set(p)
        if p["events"]:
            assert p["ci_low"] <= p["index"] <= p["ci_high"] and len(p["event_ids"]) == p["events"]
        else:
            assert p["index"] is None and p["event_ids"] == []
    code, out, _ = _run("dyad", "KOR", "JPN", "--db", str(demo_db), "--format", "json", "--with-meta")
    meta = json.loads(out)["meta"]
    assert meta["schema_version"] and meta["versions"]["lexicon"] and meta["versions"]["scale"]


def test_findings_chains_and_triad(demo_db: Path) -> None:
    code, out, _ = _run("findings", "KOR", "JPN", "--db", str(demo_db), "--period", "2019-08", "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert found["latest"]["period"] == "2019-08" and "lowest" in found["latest"]["sentence"]
    assert any(t["date"].startswith("2019") and t["direction"] == "down" for t in found["turning_points"])
    code, _, err = _run("findings", "KOR", "JPN", "--db", str(demo_db), "--period", "1999-01")
    assert code == 2 and "not a month period" in err
    code, out, _ = _run("chains", "KOR", "JPN", "--db", str(demo_db), "--window-days", "365", "--format", "json")
    assert code == 0 and any(link["kind"] == "retaliation" for c in json.loads(out) for link in c["links"])
    code, out, _ = _run("triad", "USA", "South Korea", "Japan", "--db", str(demo_db), "--freq", "year")
    assert code == 0 and "cohesion" in out
    code, _, err = _run("triad", "USA", "KOR", "KOR", "--db", str(demo_db))
    assert code == 2 and "three different countries" in err


def test_export_and_import_round_trip(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "series.csv"
    code, out, _ = _run("export", "series", "--a", "KOR", "--b", "JPN", "-o", str(target), "--db", str(demo_db))
    header = target.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert code == 0 and {"period", "events", "index", "ci_low", "ci_high"} <= set(header)
    events = tmp_path / "events.parquet"
    code, _, _ = _run("export", "events", "--a", "Japan", "--format", "parquet", "-o", str(events),
                      "--db", str(demo_db))
    assert code == 0 and events.stat().st_size > 0
    code, _, err = _run("export", "series", "--format", "xml", "-o", str(target), "--db", str(demo_db))
    assert code == 2 and "--format" in err
    imported = tmp_path / "imported.duckdb"
    fixture = Path(__file__).parent / "fixtures" / "events" / "events.csv"
    code, out, _ = _run("import-events", str(fixture), "--format", "csv", "--db", str(imported))
    assert code == 0 and "imported" in out
    code, out, _ = _run("import-events", str(fixture), "--format", "csv", "--db", str(imported))
    assert code == 0 and " 0 imported" in out
    code, _, err = _run("import-events", str(fixture), "--format", "xls", "--db", str(imported))
    assert code == 2 and "--format" in err
