"""Property-based run of the read API against its own OpenAPI schema: whatever the parameters, no 5xx.

schemathesis generates requests for every GET endpoint from /openapi.json (valid and invalid values alike) on an
app over the demo corpus; a bad parameter must come back as a 4xx with a message, never a server error.

The app is made when the module is collected (schemathesis reads its schema then; its lazy fixture loader does not
run under this pytest), over an empty store that the module fixture fills with the demo corpus through the app's
own open store.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from detente.config import DATA_DIR, load_settings
from detente.runners.pipeline import ingest
from detente.web.app import create_app

pytestmark = pytest.mark.model

_FOLDER = Path(tempfile.mkdtemp(prefix="detente-schemathesis-"))
APP = create_app(load_settings(), _FOLDER / "demo.duckdb", token="schema-token")
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(method="GET")


@pytest.fixture(scope="module", autouse=True)
def demo_corpus(coder) -> Iterator[None]:  # type: ignore[no-untyped-def]
    service = APP.state.service
    service.reopen()  # loading the schema may have run the app's lifespan, which closes the store at its end
    with service.lock:
        ingest(sorted((DATA_DIR / "demo" / "articles").glob("*.txt")), service.store, coder)
    yield
    service.close()
    shutil.rmtree(_FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.text[:500]}"
