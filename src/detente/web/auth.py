"""Bearer tokens for the API: who may write, and who may read.

Writes (POST) need ``Authorization: Bearer <token>``. The token is the one given to ``create_app``, else the
environment variable ``DETENTE_TOKEN``; with neither, writes are refused (403) with a message saying how to turn
them on. Reads are open on a server bound to the local machine and need the same token otherwise
(``require_token_for_reads``). A missing token is 401 (with ``WWW-Authenticate: Bearer``), a wrong one 403.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

TOKEN_ENV = "DETENTE_TOKEN"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

bearer = HTTPBearer(auto_error=False, description=f"The API token (create_app's token, else ${TOKEN_ENV}).")


Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]


def configured_token(token: str | None = None) -> str | None:
    """The token given, else ``$DETENTE_TOKEN``; None when neither is set (or both are empty)."""
    return token or os.environ.get(TOKEN_ENV) or None


def is_local(host: str) -> bool:
    """True for a server only this machine can reach (127.0.0.1, localhost, ::1)."""
    return host.strip().lower() in LOCAL_HOSTS or host.startswith("127.")


@dataclass(frozen=True)
class TokenGuard:
    token: str | None
    require_token_for_reads: bool = False

    def check(self, credentials: HTTPAuthorizationCredentials | None, what: str) -> None:
        if self.token is None:
            raise HTTPException(403, f"{what} are disabled: no API token is configured (start the server with "
                                     f"${TOKEN_ENV} set, then send 'Authorization: Bearer <token>')")
        if credentials is None or not credentials.credentials:
            raise HTTPException(401, f"{what} need 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
        if not secrets.compare_digest(credentials.credentials.encode(), self.token.encode()):
            raise HTTPException(403, "wrong API token")


def _guard(request: Request) -> TokenGuard:
    guard = request.app.state.guard
    assert isinstance(guard, TokenGuard)
    return guard


def require_write(request: Request, credentials: Credentials) -> None:
    """Dependency of every write endpoint."""
    _guard(request).check(credentials, "writes")


def require_read(request: Request, credentials: Credentials) -> None:
    """Dependency of every read endpoint: a no-op unless the server is reachable from other machines."""
    guard = _guard(request)
    if guard.require_token_for_reads:
        guard.check(credentials, "reads on a server reachable from other machines")
