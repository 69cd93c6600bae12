"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; never
``playwright install``): the KOR–JPN series and its events, untrusted evidence shown as text, corrections, a triad.

The app runs under uvicorn in a background thread on a temporary store holding the demo corpus plus one article
whose sentence carries a ``<script>`` tag. Screenshots of the main views go to docs/screenshots/.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.config import Settings

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
DEMO = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "demo" / "articles"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
TOKEN = "test-editor-token"
SCRIPT = "<script>window.__pwned = 1</script>"
HOSTILE_ARTICLE = f"""Japan protests to South Korea over island drills
By Yonhap Published : Oct. 15, 2019 - 10:05
SEOUL -- Japan protested to South Korea on Tuesday over military drills near disputed islets, {SCRIPT} the foreign \
ministry said.
Officials in Tokyo said the exercise was unacceptable.
"""
TIMEOUT_MS = 20_000

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package to run the browser tests",
                allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (the Python package) is not installed")


# -- fixtures -------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, coder: Any) -> Path:
    """A store with the demo corpus and the hostile article ingested (closed, so a server can own it)."""
    from detente.runners.pipeline import ingest
    from detente.store import open_store

    folder = tmp_path_factory.mktemp("web")
    extra = folder / "extra"
    extra.mkdir()
    (extra / "49_2019-10-15_island-drills-protest.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = folder / "demo.duckdb"
    with open_store(db) as store:
        summary = ingest([*sorted(DEMO.glob("*.txt")), *extra.glob("*.txt")], store, coder)
    assert summary.events > 0
    return db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def server(demo_db: Path, tmp_path: Path, settings: Settings, coder: Any) -> Iterator[str]:
    """The real app (detente.web.app.create_app) on a fresh copy of the demo store; yields its base URL."""
    import uvicorn

    from detente.web.app import create_app

    db = tmp_path / "served.duckdb"
    shutil.copy(demo_db, db)
    app = create_app(settings, db, token=TOKEN, coder=coder)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="detente-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class PageWatch:
    """A page plus everything that went wrong in it and every URL it asked for."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on("request", lambda request: self.requests.append(request.url))


@pytest.fixture()
def watch(browser: Any, server: str) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watched = PageWatch(page)
    try:
        yield watched
    finally:
        context.close()
    assert watched.errors == []
    assert all(url.startswith(server) for url in watched.requests), "the page asked for something off this server"


# -- helpers --------------------------------------------------------------------------------------------------------
def open_dashboard(page: Any, query: str = "") -> None:
    page.goto("/" + query)
    page.wait_for_function("() => document.body.dataset.loaded && document.getElementById('chart').data")
    assert "error" not in (page.get_attribute("#status", "class") or "")


def show_dyad(page: Any, a: str, b: str) -> None:
    page.select_option("#country-a", a)
    page.select_option("#country-b", b)
    page.select_option("#country-c", "")
    before = page.evaluate("document.body.dataset.loaded")
    page.click("#show")
    page.wait_for_function("(before) => document.body.dataset.loaded !== before", arg=before)


def point_counts(page: Any) -> dict[str, int]:
    """Events per period as the chart shows them (the index trace's hover data)."""
    return page.evaluate("""() => {
        const trace = document.getElementById('chart').data.find((t) => t.name === 'index');
        return Object.fromEntries(trace.customdata.map((c) => [c[0], c[3]]));
    }""")


def click_point(page: Any, period: str, trace_name: str = "index") -> None:
    """Click the chart's point of ``period`` on trace ``trace_name`` with the mouse, as a user would."""
    page.locator("#chart").scroll_into_view_if_needed()
    where = page.evaluate("""([period, name]) => {
        const gd = document.getElementById('chart');
        const trace = gd.data.find((t) => t.name === name);
        const i = trace.customdata.findIndex((c) => c[0] === period);
        if (i < 0 || trace.y[i] === null) return null;
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
        return {x: box.left + xa._offset + xa.d2p(trace.x[i]), y: box.top + ya._offset + ya.d2p(trace.y[i])};
    }""", [period, trace_name])
    assert where is not None, f"no point for {period} on the chart"
    page.mouse.move(where["x"], where["y"])
    page.mouse.click(where["x"], where["y"])
    page.wait_for_function("(p) => document.getElementById('events-title').textContent.includes(p) && "
                           "!document.getElementById('events').hasAttribute('aria-busy')", arg=period)


def set_token(page: Any, token: str) -> None:
    """Type the editor token into its box (opening it first), then close the box."""
    if not page.evaluate("document.getElementById('token-box').open"):
        page.click("#token-box summary")
    page.fill("#token", token)
    page.click("#token-box summary")


def shot(page: Any, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def events_total(page: Any) -> int:
    match = re.search(r"(\d+) events?$", page.text_content("#events-title") or "")
    assert match, page.text_content("#events-title")
    return int(match.group(1))


# -- tests ----------------------------------------------------------------------------------------------------------
def test_dashboard_shows_kor_jpn_and_the_events_of_a_clicked_month(watch: PageWatch) -> None:
    page = watch.page
    open_dashboard(page)
    assert page.input_value("#country-a") == "KOR"
    assert page.input_value("#country-b") == "JPN"
    show_dyad(page, "KOR", "JPN")
    assert "KOR–JPN" in (page.text_content("#chart-title") or "")
    names = page.evaluate("document.getElementById('chart').data.map((t) => t.name)")
    assert {"index", "95% interval", "record low"} <= set(names)
    assert any(name.startswith("turning point") for name in names)
    findings = page.locator("#findings li.finding")
    assert findings.count() >= 1
    assert re.search(r"lowest|highest", findings.first.text_content() or "")
    shot(page, "dashboard")

    click_point(page, "2019-08")
    sentences = page.locator("#events li.event blockquote.sentence").all_text_contents()
    assert any(re.search(r"white list|export", s, re.IGNORECASE) for s in sentences), sentences
    first = page.locator("#events li.event").first
    assert re.match(r"2019-08", first.locator("time.when").text_content() or "")
    assert "CAMEO" in (first.locator(".code").text_content() or "")
    assert re.search(r"\d+ reports?, \d+ sources?", first.locator(".sources").text_content() or "")
    assert (first.locator(".outlet").text_content() or "").strip()
    assert events_total(page) == point_counts(page)["2019-08"]
    page.locator("#events-box").scroll_into_view_if_needed()
    shot(page, "events-2019-08")


def test_filters_narrow_the_event_list(watch: PageWatch) -> None:
    page = watch.page
    open_dashboard(page)
    click_point(page, "2019-08")
    everything = events_total(page)
    page.select_option("#f-quad", "4")
    page.click("#apply")
    page.wait_for_function("() => !document.getElementById('events').hasAttribute('aria-busy')")
    conflict = events_total(page)
    assert conflict <= everything
    assert all("quad-4" in (c or "") for c in page.locator("#events li.event").evaluate_all(
        "(rows) => rows.map((r) => r.className)"))
    page.select_option("#f-quad", "")
    page.fill("#f-q", "export")
    page.click("#apply")
    page.wait_for_function("() => !document.getElementById('events').hasAttribute('aria-busy')")
    sentences = page.locator("#events li.event blockquote.sentence").all_text_contents()
    assert sentences
    assert all("export" in s.lower() for s in sentences)
    assert events_total(page) < everything


def test_evidence_with_a_script_tag_is_shown_as_text_and_never_runs(watch: PageWatch) -> None:
    page = watch.page
    open_dashboard(page)
    page.fill("#f-q", "pwned")
    page.click("#all-periods")
    page.wait_for_function("() => document.querySelectorAll('#events li.event').length > 0")
    sentence = page.locator("#events li.event blockquote.sentence").first.text_content() or ""
    assert SCRIPT in sentence
    assert page.locator("#events script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.locator("#events-box").scroll_into_view_if_needed()
    shot(page, "untrusted-evidence", full_page=False)


def test_not_an_event_correction_lowers_the_month_count(watch: PageWatch) -> None:
    page = watch.page
    open_dashboard(page)
    click_point(page, "2019-08")
    before = point_counts(page)["2019-08"]
    assert before >= 1
    row = page.locator("#events li.event").first
    event_id = row.get_attribute("data-event-id")

    row.locator("button.mark-wrong").click()
    row.locator("form.correction").wait_for()
    row.locator("button[type=submit]").click()
    assert "token" in (row.locator(".correction-status").text_content() or "")  # no token yet: nothing sent

    set_token(page, TOKEN)
    assert page.evaluate("sessionStorage.getItem('detente.token')") == TOKEN
    row.locator("input[value=not-an-event]").check()
    row.locator("input[name=note]").fill("a headline restated, not a new act")
    shot(page, "correction-form", full_page=False)
    row.locator("button[type=submit]").click()
    page.wait_for_function("() => document.getElementById('status').textContent.startsWith('Correction saved')")

    assert point_counts(page).get("2019-08", 0) == before - 1
    assert page.locator(f"#events li.event[data-event-id='{event_id}']").count() == 0


def test_a_wrong_token_is_refused_and_said_so(watch: PageWatch) -> None:
    page = watch.page
    open_dashboard(page)
    click_point(page, "2019-08")
    before = point_counts(page)["2019-08"]
    set_token(page, "not-the-token")
    row = page.locator("#events li.event").first
    row.locator("button.mark-wrong").click()
    row.locator("button[type=submit]").click()
    page.wait_for_function("(row) => row.querySelector('.correction-status').textContent.startsWith('Not saved')",
                           arg=row.element_handle())
    assert "refused" in (row.locator(".correction-status").text_content() or "")
    assert point_counts(page)["2019-08"] == before
    watch.errors = [e for e in watch.errors if "401" not in e and "403" not in e]  # the browser logs the refusal


def test_triad_view_draws_three_legs_and_cohesion(watch: PageWatch) -> None:
    page = watch.page
    open_dashboard(page)
    page.select_option("#freq", "quarter")
    page.select_option("#country-c", "USA")
    before = page.evaluate("document.body.dataset.loaded")
    page.click("#show")
    page.wait_for_function("(before) => document.body.dataset.loaded !== before", arg=before)
    assert "Triad" in (page.text_content("#chart-title") or "")
    names = page.evaluate("document.getElementById('chart').data.map((t) => t.name)")
    assert {"KOR–JPN", "cohesion (weakest leg)"} <= set(names)
    assert len([n for n in names if "–" in n]) == 3
    assert page.locator("#findings li").count() >= 1
    assert page.locator("#turns li.turn").count() >= 1
    shot(page, "triad")
    click_point(page, "2019Q3", "KOR–JPN")
    assert "KOR–JPN in 2019Q3" in (page.text_content("#events-title") or "")
    assert page.locator("#events li.event").count() >= 1


def test_plotly_is_served_from_the_installed_package(server: str) -> None:
    import httpx

    response = httpx.get(f"{server}/static/plotly.min.js", timeout=30)
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert len(response.content) > 1_000_000
    assert httpx.get(f"{server}/static/..%2Fpyproject.toml", timeout=30).status_code == 404
    assert httpx.get(f"{server}/static/index.html", timeout=30).status_code == 404
    page = httpx.get(f"{server}/", timeout=30)
    assert "script-src 'self'" in page.headers["content-security-policy"]
