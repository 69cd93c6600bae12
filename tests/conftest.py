"""Shared fixtures. The English pipeline loads once per test session (``coder``); tests that need it are marked
``model`` and are skipped with a clear reason when it is not installed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from detente.config import Settings, load_settings
from detente.records import (
    Actor,
    DateBasis,
    Event,
    EventDate,
    Evidence,
    Granularity,
    Modality,
    Plover,
    Polarity,
)

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def coder(settings: Settings):  # type: ignore[no-untyped-def]
    from detente.errors import ModelError
    from detente.runners.pipeline import make_coder

    try:
        return make_coder(settings)
    except ModelError as exc:  # pragma: no cover - the README's set-up installs it
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def demo(coder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A store with the bundled demo corpus ingested, once per test module."""
    from detente.config import DATA_DIR
    from detente.runners.pipeline import ingest
    from detente.store import open_store

    with open_store(tmp_path_factory.mktemp("demo") / "demo.duckdb") as opened:
        ingest(sorted((DATA_DIR / "demo" / "articles").glob("*.txt")), opened, coder)
        yield opened


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[object]:
    from detente.store import open_store

    with open_store(tmp_path / "t.duckdb") as opened:
        yield opened


def make_event(
    event_id: str = "e1",
    source: str = "JPN",
    target: str = "KOR",
    cameo: str = "163",
    goldstein: float = -8.0,
    quad: int = 4,
    day: date = date(2019, 7, 4),
    polarity: Polarity = Polarity.ASSERTED,
    modality: Modality = Modality.ACTUAL,
    article_id: str = "a1",
) -> Event:
    """A hand-built event for store and aggregation tests."""
    return Event(
        event_id=event_id,
        source=Actor(source, source, "GOV", None, None),
        target=Actor(target, target, None, None, None),
        cameo=cameo,
        root=cameo[:2],
        plover=Plover("SANCTION", None),
        goldstein=goldstein,
        quad_class=quad,
        polarity=polarity,
        modality=modality,
        attributed_to=None,
        occurred=EventDate(day, day, Granularity.DAY, DateBasis.EXPLICIT, "July 4"),
        reported=datetime(2019, 7, 5, tzinfo=UTC),
        evidence=Evidence(article_id, 0, (0, 10), (0, 5), "Japan acted."),
        rule_id="pattern:test",
        confidence=0.9,
        versions={"lexicon": "test"},
    )


def write_and_fuse(store, events: list[Event]) -> None:  # type: ignore[no-untyped-def]
    """Store hand-built events (with a stub article each) and fuse them, as ingest does."""
    from detente.lexicon import load_scale
    from detente.records import Article
    from detente.resolve.scale import Scorer
    from detente.runners.fusing import Fuser

    articles = {e.evidence.article_id for e in events}
    stubs = [(Article(article_id=a, source=f"outlet-{a}", title=None, byline=None, published=None,
                      published_text=None, dateline=None, url=None, language="en", body=("x",)), 0) for a in articles]
    store.write(stubs, events, [])
    settings = load_settings()
    Fuser(store, Scorer(load_scale(settings.scale_file)), settings.series_modalities).refuse(events)
