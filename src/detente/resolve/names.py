"""Country and organisation names typed by a user ("South Korea", "kor", "Japan") to codes."""

from __future__ import annotations

from detente.lexicon import Lexicon


def country_code(text: str, lexicon: Lexicon) -> str | None:
    """The ISO alpha-3 (or IGO:XX, NGO:XX, IMG:XX) code a user means, or None. Case-insensitive; a leading "the"
    is ignored."""
    wanted = " ".join(text.strip().split()).lower()
    if wanted.startswith("the "):
        wanted = wanted[4:]
    if not wanted:
        return None
    upper = wanted.upper()
    if upper in lexicon.countries or upper in lexicon.organisations:
        return upper
    for prefix in ("IGO", "NGO", "IMG"):
        if f"{prefix}:{upper}" in lexicon.organisations:
            return f"{prefix}:{upper}"
    for country in lexicon.countries.values():
        names = [country.name, country.official or "", *country.aliases, *country.adjectives]
        if any(n.lower().removeprefix("the ") == wanted for n in names if n):
            return country.code
    for org in lexicon.organisations.values():
        if any(n.lower().removeprefix("the ") == wanted for n in [org.name, *org.aliases]):
            return org.code
    return None
