"""The JSON API of `detente serve` on the demo corpus (ingested once for the module): every endpoint, bad
parameters, tokens, POSTed articles and analyst corrections, which must change what the series count."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from detente.config import DATA_DIR, Settings
from detente.errors import ConfigError
from detente.runners.fusing import Fuser
from detente.runners.pipeline import ingest
from detente.store import open_store
from detente.web.app import create_app, serve
from detente.web.auth import TOKEN_ENV

pytestmark = pytest.mark.model

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def demo_db(coder, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    """A pristine store with the demo corpus; tests that write work on copies."""
    path = Path(tmp_path_factory.mktemp("web")) / "demo.duckdb"
    with open_store(path) as store:
        ingest(sorted((DATA_DIR / "demo" / "articles").glob("*.txt")), store, coder)
    return path


def _copy(demo_db: Path, folder: Path) -> Path:
    target = folder / "copy.duckdb"
    shutil.copy(demo_db, target)
    return target


@pytest.fixture(scope="module")
def client(demo_db: Path, settings: Settings, coder, tmp_path_factory: pytest.TempPathFactory  # type: ignore[no-untyped-def]
           ) -> Iterator[TestClient]:
    """Read-only tests share one app (on a copy, so the pristine store stays closed and unchanged)."""
    app = create_app(settings, _copy(demo_db, Path(tmp_path_factory.mktemp("reads"))), token=TOKEN, coder=coder)
    with TestClient(app) as opened:
        yield opened


@pytest.fixture()
def writer(demo_db: Path, settings: Settings, coder, tmp_path: Path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """A fresh copy of the demo store per writing test."""
    app = create_app(settings, _copy(demo_db, tmp_path), token=TOKEN, coder=coder)
    with TestClient(app) as opened:
        yield opened


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def _point(client: TestClient, period: str, a: str = "KOR", b: str = "JPN") -> dict[str, Any]:
    series = _ok(client.get("/api/series", params={"a": a, "b": b, "from": period, "to": period}))["series"]
    assert [p["period"] for p in series] == [period]
    return dict(series[0])


def _aug_2019_events(client: TestClient) -> list[dict[str, Any]]:
    return list(_ok(client.get("/api/events", params={"a": "KOR", "b": "JPN", "period": "2019-08",
                                                      "freq": "month"}))["items"])


# -- reads ----------------------------------------------------------------------------------------------------------
def test_health_reports_the_store(client: TestClient) -> None:
    body = _ok(client.get("/api/health"))
    assert body["status"] == "ok" and body["counts"]["articles"] == 48 and body["counts"]["fused_events"] > 0
    assert body["corrections"] == 0


def test_series_is_the_relations_series_json(client: TestClient) -> None:
    body = _ok(client.get("/api/series", params={"a": "South Korea", "b": "jpn", "freq": "month"}))
    assert body["meta"]["a"] == "KOR" and body["meta"]["b"] == "JPN" and body["meta"]["freq"] == "month"
    periods = {p["period"]: p for p in body["series"]}
    assert periods["2019-08"]["events"] > 0 and periods["2019-08"]["index"] < 0
    ranged = _ok(client.get("/api/series", params={"a": "KOR", "b": "JPN", "from": "2019-01", "to": "2019-12",
                                                   "freq": "quarter", "direction": "forward"}))
    assert [p["period"] for p in ranged["series"]] == ["2019Q1", "2019Q2", "2019Q3", "2019Q4"]
    assert ranged["meta"]["direction"] == "forward"


def test_events_of_a_period_are_the_ones_its_point_counts(client: TestClient) -> None:
    point = _point(client, "2019-08")
    items = _aug_2019_events(client)
    assert sorted(e["event_id"] for e in items) == sorted(point["event_ids"]) and len(items) == point["events"]
    assert all(e["occurred"]["start"].startswith("2019-08") for e in items)
    first = items[0]
    assert first["evidence"]["sentence"] and first["mentions"] and first["corrections"] == []
    assert _ok(client.get(f"/api/events/{first['event_id']}"))["event_id"] == first["event_id"]


def test_events_page_and_filter(client: TestClient) -> None:
    everything = _ok(client.get("/api/events", params={"a": "KOR", "b": "JPN", "limit": 500}))
    total = everything["total"]
    assert total == len(everything["items"]) > 10
    page = _ok(client.get("/api/events", params={"a": "KOR", "b": "JPN", "limit": 5, "offset": 5}))
    assert page["total"] == total and page["limit"] == 5 and page["offset"] == 5
    assert [e["event_id"] for e in page["items"]] == [e["event_id"] for e in everything["items"][5:10]]
    found = _ok(client.get("/api/events", params={"q": "EXPORT", "limit": 500}))["items"]
    assert found and all("export" in e["evidence"]["sentence"].lower() for e in found)
    assert _ok(client.get("/api/events", params={"q": "100%_no_such"}))["total"] == 0  # wildcards are literal
    sanctions = _ok(client.get("/api/events", params={"root": "16", "quad": 4, "limit": 500}))["items"]
    assert sanctions and all(e["root"] == "16" and e["quad_class"] == 4 for e in sanctions)
    gov = _ok(client.get("/api/events", params={"sector": "gov", "limit": 500}))["items"]
    assert gov and all("GOV" in (e["source"]["sector"], e["target"]["sector"]) for e in gov)
    dated = _ok(client.get("/api/events", params={"a": "KOR", "from": "2023-01", "to": "2023-12",
                                                  "order": "-date"}))["items"]
    assert dated and all("2023-01-01" <= e["occurred"]["start"] <= "2023-12-31" for e in dated)
    assert [e["occurred"]["start"] for e in dated] == sorted((e["occurred"]["start"] for e in dated), reverse=True)


def test_findings_chains_triad_and_countries(client: TestClient) -> None:
    found = _ok(client.get("/api/findings", params={"a": "KOR", "b": "JPN"}))
    assert found["record_low"]["period"].startswith("2019") and found["turning_points"]
    judged = _ok(client.get("/api/findings", params={"a": "KOR", "b": "JPN", "period": "2019-08"}))
    assert judged["latest"]["period"] == "2019-08"
    chains = _ok(client.get("/api/chains", params={"a": "KOR", "b": "JPN", "window_days": 60, "limit": 2}))
    assert chains["total"] >= len(chains["items"]) and len(chains["items"]) <= 2
    assert all(link["kind"] in ("retaliation", "reciprocation") for c in chains["items"] for link in c["links"])
    tri = _ok(client.get("/api/triad", params={"a": "KOR", "b": "JPN", "c": "USA", "freq": "year"}))
    assert tri["countries"] == ["KOR", "JPN", "USA"] and len(tri["legs"]) == 3 and tri["points"]
    countries = _ok(client.get("/api/countries", params={"q": "korea"}))
    codes = {c["code"]: c for c in countries["items"]}
    assert {"KOR", "PRK"} <= set(codes) and codes["KOR"]["events"] > 0
    paged = _ok(client.get("/api/countries", params={"limit": 10, "offset": 10}))
    assert len(paged["items"]) == 10 and paged["total"] > 100
    assert all(c["events"] > 0 for c in _ok(client.get("/api/countries", params={"in_store": True}))["items"])


@pytest.mark.parametrize(("url", "params", "status", "says"), [
    ("/api/series", {"a": "Atlantis", "b": "JPN"}, 400, "unknown country 'Atlantis'"),
    ("/api/series", {"a": "KOR", "b": "JPN", "freq": "fortnight"}, 422, "freq"),
    ("/api/series", {"a": "KOR", "b": "JPN", "direction": "sideways"}, 422, "direction"),
    ("/api/series", {"a": "KOR"}, 422, "b: Field required"),
    ("/api/series", {"a": "KOR", "b": "JPN", "from": "2019-13"}, 400, "from: dates look like"),
    ("/api/series", {"a": "KOR", "b": "JPN", "from": "yesterday"}, 400, "from: dates look like"),
    ("/api/series", {"a": "KOR", "b": "JPN", "from": "2020-01", "to": "2019-01"}, 400, "before"),
    ("/api/series", {"a": "KOR", "b": "JPN", "from": "1500"}, 400, "between 1800 and 2199"),
    ("/api/series", {"a": "KOR", "b": "JPN", "freq": "day", "from": "1900", "to": "2100"}, 400, "periods"),
    ("/api/events", {"limit": 501}, 422, "limit"),
    ("/api/events", {"limit": 0}, 422, "limit"),
    ("/api/events", {"offset": -1}, 422, "offset"),
    ("/api/events", {"quad": 5}, 422, "quad"),
    ("/api/events", {"root": "1x"}, 400, "root"),
    ("/api/events", {"sector": "XYZ"}, 400, "unknown sector"),
    ("/api/events", {"period": "2019-08"}, 400, "period and freq go together"),
    ("/api/events", {"period": "2019-8-1", "freq": "month"}, 400, "not a month period like 2019-08"),
    ("/api/events", {"period": "2019Q5", "freq": "quarter"}, 400, "not a quarter period"),
    ("/api/events", {"a": "Atlantis"}, 400, "Atlantis"),
    ("/api/findings", {"a": "KOR", "b": "JPN", "period": "1999-01"}, 400, "is not a month period of"),
    ("/api/chains", {"a": "KOR", "b": "KOR"}, 400, "different countries"),
    ("/api/chains", {"a": "KOR", "b": "JPN", "window_days": 0}, 422, "window_days"),
    ("/api/triad", {"a": "KOR", "b": "JPN", "c": "South Korea"}, 400, "three different countries"),
    ("/api/corrections", {"limit": 1000}, 422, "limit"),
])
def test_bad_parameters_get_a_clear_json_message(client: TestClient, url: str, params: dict[str, Any],
                                                 status: int, says: str) -> None:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    assert says in response.json()["error"]


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/api/events/0123456789abcdef")
    assert response.status_code == 404 and "no event" in response.json()["error"]
    response = client.post("/api/corrections", json={"event_id": "0123456789abcdef", "kind": "not-an-event"},
                           headers=AUTH)
    assert response.status_code == 404 and "no event" in response.json()["error"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    schema = _ok(client.get("/openapi.json"))
    paths = schema["paths"]
    assert {"/api/series", "/api/events", "/api/events/{event_id}", "/api/findings", "/api/chains", "/api/triad",
            "/api/countries", "/api/health", "/api/articles", "/api/corrections", "/api/corrections/gold"} <= set(paths)
    assert "EventsPage" in str(paths["/api/events"]["get"]["responses"]["200"])
    assert "EventOut" in str(schema["components"]["schemas"]["EventsPage"])


# -- tokens ---------------------------------------------------------------------------------------------------------
def test_writes_need_the_token(client: TestClient) -> None:
    body = {"event_id": "x", "kind": "not-an-event"}
    missing = client.post("/api/corrections", json=body)
    assert missing.status_code == 401 and "Bearer" in missing.json()["error"]
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/corrections", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"] == "wrong API token"
    assert client.post("/api/articles", json={"text": "x"}).status_code == 401


def test_no_token_configured_refuses_writes(demo_db: Path, settings: Settings, coder, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    with TestClient(create_app(settings, _copy(demo_db, tmp_path), coder=coder)) as local:
        assert local.get("/api/health").status_code == 200  # reads stay open on a local server
        refused = local.post("/api/articles", json={"text": "Japan protested."}, headers=AUTH)
        assert refused.status_code == 403 and TOKEN_ENV in refused.json()["error"]


def test_token_from_the_environment_and_reads_off_localhost(demo_db: Path, settings: Settings, coder,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, "from-env")
    app = create_app(settings, _copy(demo_db, tmp_path), require_token_for_reads=True, coder=coder)
    with TestClient(app) as remote:
        assert remote.get("/api/series", params={"a": "KOR", "b": "JPN"}).status_code == 401
        assert remote.get("/api/health", headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert remote.get("/api/health", headers={"Authorization": "Bearer from-env"}).status_code == 200


def test_serve_refuses_a_public_bind_without_a_token(demo_db: Path, settings: Settings,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    with pytest.raises(ConfigError, match=TOKEN_ENV):
        serve(settings, demo_db, host="0.0.0.0", port=8765)


# -- articles -------------------------------------------------------------------------------------------------------
ARTICLE = {"title": "Sanctions", "published": "2024-05-08", "source": "Yonhap",
           "text": "SEOUL, May 8 (Yonhap) -- Japan imposed sanctions on South Korea on Tuesday, officials said."}


def test_post_article_ingests_once(writer: TestClient) -> None:
    before = _ok(writer.get("/api/health"))["counts"]
    made = _ok(writer.post("/api/articles", json=ARTICLE, headers=AUTH))
    assert made["status"] == "processed" and made["events"] >= 1 and made["fused_ids"]
    after = _ok(writer.get("/api/health"))["counts"]
    assert after["articles"] == before["articles"] + 1 and after["events"] > before["events"]
    shown = _ok(writer.get(f"/api/events/{made['fused_ids'][0]}"))
    assert shown["evidence"]["article_id"] == made["article_id"] and shown["evidence"]["outlet"] == "Yonhap"
    again = _ok(writer.post("/api/articles", json=ARTICLE, headers=AUTH))
    assert again["status"] == "duplicate" and again["article_id"] == made["article_id"]
    assert _ok(writer.get("/api/health"))["counts"]["articles"] == after["articles"]


@pytest.mark.parametrize(("body", "status", "says"), [
    ({"text": ""}, 422, "text"),
    ({"title": "no text"}, 422, "text: Field required"),
    ({"text": "   \n  "}, 422, "rejected (empty)"),
    ({"text": "Japan protested.", "published": "last Tuesday"}, 400, "published must be"),
])
def test_post_article_refuses_bad_bodies(writer: TestClient, body: dict[str, Any], status: int, says: str) -> None:
    response = writer.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == status, response.text
    assert says in response.json()["error"]


def test_script_in_evidence_comes_back_as_plain_json_text(writer: TestClient) -> None:
    text = "Japan imposed sanctions on South Korea on Tuesday <script>alert('x')</script> officials said."
    made = _ok(writer.post("/api/articles", json={**ARTICLE, "text": text}, headers=AUTH))
    assert made["status"] == "processed" and made["fused_ids"]
    response = writer.get("/api/events", params={"q": "<script>"})
    assert response.headers["content-type"] == "application/json"
    items = response.json()["items"]
    assert items and "<script>alert('x')</script>" in items[0]["evidence"]["sentence"]
    assert "\\u003c" not in response.text and "&lt;" not in response.text  # verbatim, unescaped: the UI escapes


# -- corrections ----------------------------------------------------------------------------------------------------
def _correct(client: TestClient, event_id: str, kind: str, value: dict[str, Any] | None = None,
             note: str | None = None) -> dict[str, Any]:
    return dict(_ok(client.post("/api/corrections", json={"event_id": event_id, "kind": kind,
                                                          "value": value or {}, "note": note}, headers=AUTH)))


def test_not_an_event_leaves_the_series(writer: TestClient) -> None:
    before = _point(writer, "2019-08")
    gone = _aug_2019_events(writer)[0]["event_id"]
    made = _correct(writer, gone, "not-an-event", note="a boycott by consumers, not a state act")
    assert made["kind"] == "not-an-event" and made["event"] is None
    after = _point(writer, "2019-08")
    assert after["events"] == before["events"] - 1 and gone not in after["event_ids"]
    assert writer.get(f"/api/events/{gone}").status_code == 404
    listed = _ok(writer.get("/api/corrections"))
    assert listed["total"] == 1 and listed["items"][0]["event_id"] == gone
    assert listed["items"][0]["note"] == "a boycott by consumers, not a state act"


def test_code_correction_rescales_the_event(writer: TestClient) -> None:
    before = _point(writer, "2019-08")
    target = next(e for e in _aug_2019_events(writer) if e["goldstein"] < 0)
    made = _correct(writer, target["event_id"], "code", {"cameo": "057"})
    event = made["event"]
    assert event["cameo"] == "057" and event["root"] == "05" and event["quad_class"] == 1
    assert event["goldstein"] == 8.0 and event["corrections"] == [made["correction_id"]]
    after = _point(writer, "2019-08")
    assert after["events"] == before["events"]
    assert after["goldstein_sum"] == pytest.approx(before["goldstein_sum"] - target["goldstein"] + 8.0)
    assert _ok(writer.get(f"/api/events/{target['event_id']}"))["evidence"]["sentence"] == \
        target["evidence"]["sentence"]  # the evidence is untouched


def test_actor_and_date_corrections_move_the_event(writer: TestClient) -> None:
    items = _aug_2019_events(writer)
    moved, redated = items[0]["event_id"], items[1]["event_id"]
    before = _point(writer, "2019-08")
    made = _correct(writer, moved, "actor", {"source_country": "China", "target_country": "USA",
                                             "source_sector": "gov"})
    assert made["event"]["source"] == {"country": "CHN", "sector": "GOV"}
    assert made["event"]["target"]["country"] == "USA"
    made = _correct(writer, redated, "date", {"start": "2019-10-03"})
    assert made["event"]["occurred"] == {"start": "2019-10-03", "end": "2019-10-03", "granularity": "day",
                                         "basis": "corrected"}
    after = _point(writer, "2019-08")
    assert after["events"] == before["events"] - 2
    assert redated in _point(writer, "2019-10")["event_ids"]
    assert moved in _point(writer, "2019-08", "CHN", "USA")["event_ids"]


def test_duplicate_merges_into_the_other_event(writer: TestClient) -> None:
    items = _aug_2019_events(writer)
    gone, kept = items[0], items[1]
    made = _correct(writer, gone["event_id"], "duplicate", {"of": kept["event_id"]})
    merged = made["event"]
    assert merged["event_id"] == kept["event_id"]
    assert set(merged["mentions"]) == set(gone["mentions"]) | set(kept["mentions"])
    assert merged["n_articles"] >= max(gone["n_articles"], kept["n_articles"])
    assert writer.get(f"/api/events/{gone['event_id']}").status_code == 404
    assert _point(writer, "2019-08")["events"] == len(items) - 1


@pytest.mark.parametrize(("kind", "value", "status", "says"), [
    ("code", {"cameo": "999"}, 400, "unknown CAMEO code"),
    ("code", {}, 400, "unknown CAMEO code"),
    ("actor", {"source_country": "Atlantis"}, 400, "unknown country 'Atlantis'"),
    ("actor", {"source_sector": "XYZ"}, 400, "unknown sector"),
    ("actor", {"colour": "red"}, 400, "unknown actor field"),
    ("date", {"start": "2019-02-30"}, 400, "start must be a date"),
    ("date", {"start": "2019-08-02", "end": "2019-08-01"}, 400, "before start"),
    ("duplicate", {}, 400, '{"of"'),
    ("duplicate", {"of": "no-such-event"}, 404, "no event"),
    ("not-an-event", {"x": 1}, 400, "takes no value"),
    ("rename", {}, 422, "kind"),
])
def test_bad_corrections_are_refused(writer: TestClient, kind: str, value: dict[str, Any], status: int,
                                     says: str) -> None:
    event_id = _aug_2019_events(writer)[0]["event_id"]
    response = writer.post("/api/corrections", json={"event_id": event_id, "kind": kind, "value": value},
                           headers=AUTH)
    assert response.status_code == status, response.text
    assert says in response.json()["error"]
    assert _ok(writer.get("/api/corrections"))["total"] == 0


def test_corrections_survive_refusion_restart_and_export_as_gold(demo_db: Path, settings: Settings, coder,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    from detente.store.corrections import apply_corrections

    db = _copy(demo_db, tmp_path)
    with TestClient(create_app(settings, db, token=TOKEN, coder=coder)) as writer:
        target = next(e for e in _aug_2019_events(writer) if e["cameo"] != "057")
        _correct(writer, target["event_id"], "code", {"cameo": "057"})
        service = writer.app.state.service  # type: ignore[attr-defined]
        with service.lock:  # what a later ingest does to the group: re-fuse it from the coded mentions
            Fuser(service.store, coder.scorer, settings.series_modalities).refuse(
                [], {target["evidence"]["article_id"]})
        assert _ok(writer.get(f"/api/events/{target['event_id']}"))["cameo"] == target["cameo"]  # original again
        with service.lock:
            applied = apply_corrections(service.store, settings)
        assert applied.corrections == 1
        assert _ok(writer.get(f"/api/events/{target['event_id']}"))["cameo"] == "057"
        _ok(writer.post("/api/articles", json=ARTICLE, headers=AUTH))  # an ingest through the API re-applies too
        assert _ok(writer.get(f"/api/events/{target['event_id']}"))["cameo"] == "057"

        gold = _ok(writer.get("/api/corrections/gold"))
        assert gold["total"] == 1
        line = gold["items"][0]
        assert line["text"] == target["evidence"]["sentence"] and line["published"]
        assert "057" in [e["cameo"] for e in line["events"]] and "correction-code" in line["tags"]
        assert set(line["events"][0]) == {"source", "source_sector", "target", "target_sector", "cameo", "date",
                                          "polarity", "modality"}
        jsonl = writer.get("/api/corrections/gold", params={"format": "jsonl"})
        assert jsonl.status_code == 200 and jsonl.text.count("\n") == 1 and '"057"' in jsonl.text
    with TestClient(create_app(settings, db, token=TOKEN, coder=coder)) as again:  # the store was closed
        assert _ok(again.get(f"/api/events/{target['event_id']}"))["cameo"] == "057"
        assert _ok(again.get("/api/health"))["corrections"] == 1
