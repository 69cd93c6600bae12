"""The web application behind ``detente serve``: one process that owns the store, the JSON API under /api/ and,
when ``detente.web.ui`` is installed, the dashboard at / and /static/.

``create_app`` opens the store once (read-write; DuckDB allows one process per file) and closes it on shutdown
(a later startup of the same app opens it again);
``serve`` runs it with uvicorn, in one worker. Errors come back as JSON ``{"error": "..."}``: 400 for a bad
parameter, 401/403 for a missing/wrong token, 404 for an unknown event, 422 for a body or parameter that fails
validation.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente import __version__
from detente.config import Settings
from detente.errors import ConfigError, DetenteError
from detente.runners.pipeline import Coder
from detente.web.api import ApiError, Service, router
from detente.web.auth import TOKEN_ENV, TokenGuard, configured_token, is_local

UI_MODULE = "detente.web.ui"


def create_app(settings: Settings, db: Path, token: str | None = None, *, require_token_for_reads: bool = False,
               coder: Coder | None = None) -> FastAPI:
    """The application over the store at ``db``. ``token`` (else ``$DETENTE_TOKEN``) guards writes, and reads
    too when ``require_token_for_reads``; ``coder`` skips loading the English pipeline (tests)."""
    service = Service(settings, Path(db), coder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.reopen()
        try:
            yield
        finally:
            service.close()

    app = FastAPI(title="detente", version=__version__, lifespan=lifespan,
                  description="Relations between countries, measured from coded news events. See docs/api.md.")
    app.state.service = service
    app.state.guard = TokenGuard(configured_token(token), require_token_for_reads)
    _add_error_handlers(app)
    app.include_router(router)
    ui_router = _ui_router()
    if ui_router is not None:
        app.include_router(ui_router)
    if not require_token_for_reads:
        _document_open_reads(app)
    return app


def _document_open_reads(app: FastAPI) -> None:
    """Mark the token as optional on reads in /openapi.json ("security: [{}, bearer]"): they are open here."""
    make_schema = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = make_schema()
            for path in schema.get("paths", {}).values():
                read = path.get("get")
                if read and read.get("security"):
                    read["security"] = [{}, *read["security"]]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _ui_router() -> Any:
    """The dashboard's router when its module exists (an error inside it is not hidden)."""
    try:
        module = importlib.import_module(UI_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name == UI_MODULE:
            return None
        raise
    return module.router


def serve(settings: Settings, db: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app with uvicorn until interrupted. Bound beyond this machine, reads need the token too, so a
    token must be configured."""
    import uvicorn

    local = is_local(host)
    if not local and configured_token() is None:
        raise ConfigError(f"serving on {host} makes the data reachable from other machines: set ${TOKEN_ENV} "
                          "(clients then send 'Authorization: Bearer <token>'), or bind to 127.0.0.1")
    app = create_app(settings, db, require_token_for_reads=not local)
    uvicorn.run(app, host=host, port=port, workers=1, log_level="info")


def _error(status: int, message: str, detail: list[Any] | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    content: dict[str, Any] = {"error": message}
    if detail is not None:
        content["detail"] = detail
    return JSONResponse(content, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'body'))}: {e.get('msg')}"
                    for e in exc.errors()]
        detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _error(422, "invalid request: " + "; ".join(problems), detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(DetenteError)
    async def detente_error(request: Request, exc: DetenteError) -> JSONResponse:
        return _error(400, str(exc))
