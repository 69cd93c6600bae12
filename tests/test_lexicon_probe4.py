"""Lexicon families from the probe4 error analysis, checked on invented sentences (shared ``coder`` fixture)."""

from __future__ import annotations

import pytest

from detente.api import code_text

pytestmark = pytest.mark.model


def _coded(coder, text: str, published: str = "2014-09-10") -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(e.source.country or "", e.target.country or "", e.cameo) for e in code_text(text, coder, published)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Mali asked Chad for military assistance against jihadists.", ("MLI", "TCD", "0232")),
    ("Lebanon appealed to France for military help.", ("LBN", "FRA", "0232")),
])
def test_appeals_for_troops_or_military_help_are_military_aid(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)
