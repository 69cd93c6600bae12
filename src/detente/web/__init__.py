"""WEB stage: the store served over HTTP for ``detente serve``.

In: HTTP requests. Out: the JSON API under /api/ (``api``: series, events, findings, chains, triad, countries,
articles, corrections), bearer-token checks (``auth``) and the application that ties them together and owns the
store (``app.create_app``, ``app.serve``). The dashboard (``ui``) mounts at / when present. docs/api.md lists
every endpoint with an example.
"""

from detente.web.app import create_app, serve

__all__ = ["create_app", "serve"]
