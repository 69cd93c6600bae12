"""detente: news in, measured relations between countries out.

Python API (mirrors the CLI)::

    import detente
    settings = detente.load_settings()
    coder = detente.make_coder(settings)
    events = detente.code_text("Japan placed restrictions on exports to South Korea.", coder, published="2019-07-04")
    with detente.open_store("detente.duckdb") as store:
        series = detente.dyad_series(store, "KOR", "JPN")

Names are imported lazily so that ``detente --help`` does not load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("detente")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+source"

_EXPORTS = {
    "Coder": "detente.runners.pipeline",
    "make_coder": "detente.runners.pipeline",
    "ingest": "detente.runners.pipeline",
    "code_text": "detente.api",
    "dyad_series": "detente.analyse.series",
    "Settings": "detente.config",
    "load_settings": "detente.config",
    "Store": "detente.store",
    "open_store": "detente.store",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'detente' has no attribute {name!r}")
    return getattr(import_module(module), name)
