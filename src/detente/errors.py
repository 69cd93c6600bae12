"""detente's exceptions, and the stable codes of per-document rejections.

    DetenteError                 base of everything the library raises on purpose
    ├── ConfigError              a setting is missing or has the wrong type
    ├── LexiconError             lexicon/scale files failed validation (lists every problem with file:line)
    ├── InputPathError           a path given on the command line does not exist or matches nothing
    ├── ModelError               the English pipeline is not installed or does not load
    └── StoreError               the DuckDB store cannot be opened or written
        └── StoreBusyError       another process holds the store file

Per-document problems are never raised through a batch: they become ``Rejected`` records with one of the
``REJECT_REASONS`` codes below.
"""

from __future__ import annotations

REJECT_REASONS: dict[str, str] = {
    "empty": "the input has no text",
    "binary": "the input is binary data, not text",
    "undecodable": "the bytes decode neither as UTF-8 nor as a detected encoding",
    "too-large": "the input is over the configured size limit",
    "no-main-text": "the HTML page has no main text",
    "bad-json": "a JSON record does not parse or lacks the text field",
    "bad-header": "a wire-format header is present but malformed",
    "unreadable": "the file could not be read",
    "parse-failed": "the language pipeline failed on this article",
}


class DetenteError(Exception):
    """Base class for errors detente raises on purpose."""


class ConfigError(DetenteError):
    pass


class LexiconError(DetenteError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        head = f"{len(problems)} problem(s) in lexicon files:"
        super().__init__("\n".join([head, *("  " + p for p in problems)]))


class InputPathError(DetenteError):
    pass


class ModelError(DetenteError):
    pass


class StoreError(DetenteError):
    pass


class StoreBusyError(StoreError):
    pass
