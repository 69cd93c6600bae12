"""`detente brief`: what the demo brief says, that every citation quotes a real evidence sentence, that the HTML page
is self-contained and escapes evidence text, and that the same store always gives the same document."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date

import pytest

from conftest import make_event, write_and_fuse
from detente.config import Settings
from detente.errors import InputPathError
from detente.records import Evidence
from detente.report.brief import make_brief
from detente.store import Store

CITE = re.compile(r"\[(\d+(?:, \d+)*)\]")
REFERENCE = re.compile(r"^\[(\d+)\] (.+?)\. (.+?): “(.*)” \((.*)\)\s*$")


# -- the demo brief -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_md(demo: Store, settings: Settings) -> str:
    return make_brief(demo, "KOR", "JPN", settings, with_="USA")


@pytest.fixture(scope="module")
def demo_html(demo: Store, settings: Settings) -> str:
    return make_brief(demo, "South Korea", "Japan", settings, with_="United States", fmt="html")


def _section(md: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", md, re.S | re.M)
    assert match, f"no section {title!r}"
    return match.group(1)


def _unescape(text: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.model
def test_the_state_paragraph_gives_the_lowest_since_finding_with_citations(demo_md: str) -> None:
    state = _section(demo_md, "Current state and trend")
    assert "The relations index fell from +" in state
    assert "lowest since at least Dec 2015 (the start of the data)" in state
    assert len(CITE.findall(state.split("![")[0])) >= 3
    assert "![KOR–JPN monthly relations index" in state and "(data:image/png;base64," in state


@pytest.mark.model
def test_turning_points_fall_in_2019_and_rise_again_by_2023(demo_md: str) -> None:
    items = re.findall(r"^\d+\. (\w{3}) (\d{4}), (up|down) .*$", _section(demo_md, "Turning points"), re.M)
    turns = [(int(year), month, way) for month, year, way in items]
    assert any(year == 2019 and way == "down" for year, _, way in turns), turns
    assert any(way == "up" and (year == 2023 or (year, month) in {(2022, m) for m in ("Sep", "Oct", "Nov", "Dec")})
               for year, month, way in turns), turns
    for line in re.findall(r"^\d+\. .*$", _section(demo_md, "Turning points"), re.M):
        assert CITE.search(line), line  # every turning point cites the events that explain it
    triad_turns = re.findall(r"^\d+\. (\d{4}) Q\d, (up|down)", _section(demo_md, "Trilateral effect"), re.M)
    assert ("2023", "up") in triad_turns and any(year == "2019" for year, _ in triad_turns), triad_turns


@pytest.mark.model
def test_response_chains_use_a_year_and_show_the_retaliation_over_rulings_and_export_curbs(demo_md: str) -> None:
    chains = _section(demo_md, "Response chains")
    assert "365-day window" in chains
    retaliation = [line for line in re.findall(r"^\d+\. .*$", chains, re.M) if line[3:].startswith("Retaliation")]
    assert any("2018 KOR→JPN 116" in line and "JPN→KOR 163" in line for line in retaliation), retaliation


@pytest.mark.model
def test_the_trilateral_section_names_the_weakest_leg_and_balance(demo_md: str) -> None:
    triad = _section(demo_md, "Trilateral effect")
    assert re.search(r"Lowest cohesion: 2019 Q3, -\d\.\d; weakest leg KOR–JPN", triad), triad
    assert "unbalanced (one hostile leg between two friendly ones)" in triad
    assert "driven by KOR–JPN" in triad


@pytest.mark.model
def test_key_events_table_lists_dated_cited_events(demo_md: str) -> None:
    table = _section(demo_md, "Key events")
    assert "| Date | Who→whom | CAMEO | Goldstein | Sources | Outlet | Evidence |" in table
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Date")]
    assert len(rows) >= 5
    assert any("JPN→KOR | 163 " in row and "2019" in row for row in rows)
    assert all(CITE.search(row) for row in rows)


@pytest.mark.model
def test_every_citation_quotes_an_evidence_sentence_of_the_store(demo: Store, demo_md: str) -> None:
    stored = [_norm(s) for (s,) in demo.con.execute("SELECT DISTINCT sentence FROM events").fetchall() if s]
    outlets = {o for (o,) in demo.con.execute("SELECT DISTINCT source FROM articles").fetchall()}
    references = {}
    for line in _section(demo_md, "References").splitlines():
        if line.strip():
            match = REFERENCE.match(line)
            assert match, line
            references[int(match.group(1))] = match
    assert references and sorted(references) == list(range(1, len(references) + 1))
    for number, match in references.items():
        quote = _unescape(match.group(4))
        assert any(quote in sentence for sentence in stored), (number, quote)
        assert _unescape(match.group(3)).split(", “")[0] in outlets
        assert re.search(r"\d{4}$", match.group(2))  # dated
    body = demo_md.split("\n## References\n")[0]
    cited = {int(n) for group in CITE.findall(body) for n in group.split(", ")}
    assert cited == set(references)


@pytest.mark.model
def test_the_html_page_is_self_contained(demo_html: str) -> None:
    assert demo_html.startswith("<!DOCTYPE html>")
    assert "http://" not in demo_html and "https://" not in demo_html
    assert "<script" not in demo_html.lower() and "<link" not in demo_html.lower()
    sources = re.findall(r'src="([^"]*)"', demo_html)
    assert len(sources) == 2 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert "lowest since at least Dec 2015" in demo_html
    assert re.search(r'<li id="ref-1" value="1">', demo_html) and 'href="#ref-1"' in demo_html


@pytest.mark.model
def test_the_demo_brief_is_deterministic(demo: Store, settings: Settings, demo_md: str, demo_html: str) -> None:
    assert make_brief(demo, "KOR", "JPN", settings, with_="USA") == demo_md
    assert make_brief(demo, "KOR", "JPN", settings, with_="USA", fmt="html") == demo_html


# -- hostile evidence and bad arguments (no model needed) ---------------------------------------------------------
HOSTILE = "Japan protested <script>alert(1)</script> & [link](javascript:alert(2)) | pipes."


@pytest.fixture()
def tiny(store: Store) -> Store:
    hostile = dataclasses.replace(make_event("h1", article_id="a1", day=date(2019, 7, 4)),
                                  evidence=Evidence("a1", 0, (0, 60), (0, 5), HOSTILE))
    write_and_fuse(store, [
        make_event("e0", "KOR", "JPN", "057", 8.0, 2, date(2019, 1, 10), article_id="a0"),
        hostile,
        make_event("e2", "KOR", "JPN", "111", -2.0, 3, date(2019, 7, 20), article_id="a2"),
        make_event("e3", "JPN", "KOR", "036", 4.0, 1, date(2019, 12, 2), article_id="a3"),
    ])
    return store


def test_html_escapes_a_script_in_an_evidence_sentence(tiny: Store, settings: Settings) -> None:
    page = make_brief(tiny, "KOR", "JPN", settings, fmt="html")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page


def test_markdown_escapes_evidence_too(tiny: Store, settings: Settings) -> None:
    md = make_brief(tiny, "KOR", "JPN", settings)
    assert "<script" not in md.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\](javascript" in md and not re.search(r"(?<!\\)\]\(javascript", md)  # escaped: no link


def test_tiny_brief_is_deterministic_and_cites_the_hostile_sentence(tiny: Store, settings: Settings) -> None:
    first = make_brief(tiny, "KOR", "JPN", settings)
    assert first == make_brief(tiny, "KOR", "JPN", settings)
    assert make_brief(tiny, "KOR", "JPN", settings, fmt="html") == make_brief(tiny, "KOR", "JPN", settings,
                                                                               fmt="html")
    assert "outlet-a1" in _section(first, "References")


def test_bad_arguments_are_clear_errors(tiny: Store, settings: Settings) -> None:
    with pytest.raises(InputPathError, match="unknown country 'Atlantis'"):
        make_brief(tiny, "Atlantis", "JPN", settings)
    with pytest.raises(InputPathError, match="format must be one of md, html"):
        make_brief(tiny, "KOR", "JPN", settings, fmt="pdf")
    with pytest.raises(InputPathError, match="different countries"):
        make_brief(tiny, "KOR", "JPN", settings, with_="Japan")


def test_a_dyad_without_events_gives_a_short_brief(tiny: Store, settings: Settings) -> None:
    md = make_brief(tiny, "KOR", "CHN", settings)
    assert "No KOR–CHN events in the store" in md
    assert "The store holds no counted KOR–CHN events" in md
