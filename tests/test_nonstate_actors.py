"""Non-state actors: armed movements (a country's REB, or a country-less ``IMG:`` organisation) and international
NGOs (``NGO:`` organisations), from the lexicon to coded events."""

from __future__ import annotations

from collections import defaultdict

import pytest

from detente.api import code_text
from detente.config import Settings
from detente.evaluate.adapters import petrarch_nonstate, plover_country
from detente.lexicon import load_lexicon
from detente.resolve.names import country_code


def _coded(coder, text: str, published: str = "2015-06-01") -> set[tuple[str, str, str, str, str]]:  # type: ignore[no-untyped-def]
    return {(e.source.country or "", e.source.sector or "", e.target.country or "", e.target.sector or "",
             e.cameo[:2]) for e in code_text(text, coder, published)}


def test_non_state_organisations_load_with_their_prefixes(settings: Settings) -> None:
    lexicon = load_lexicon(settings.lexicon_dirs)
    assert {"NGO:AI", "NGO:HRW", "NGO:ICRC", "NGO:MSF", "IMG:AQ", "IMG:IS"} <= set(lexicon.organisations)
    assert lexicon.organisations["IMG:AQ"].sector == "REB"
    assert lexicon.organisations["IMG:AQIM"].parent == "IMG:AQ"
    assert country_code("Amnesty International", lexicon) == "NGO:AI"
    assert country_code("ai", lexicon) == "NGO:AI"


def test_each_name_means_one_actor(settings: Settings) -> None:
    """A text listed by two entries (institutions, organisations, countries, places) would be a coin toss."""
    lexicon = load_lexicon(settings.lexicon_dirs)
    owners: dict[str, set[str]] = defaultdict(set)
    for o in lexicon.organisations.values():
        for text in [o.name, *o.aliases, *o.adjectives, *o.seats]:
            owners[text.removeprefix("the ")].add(o.code)
    for i, inst in enumerate(lexicon.institutions):
        for text in inst.text:
            owners[text.removeprefix("the ")].add(f"institution:{i}")
    for c in lexicon.countries.values():
        for text in [c.name, *c.aliases, *c.adjectives, *c.capitals]:
            owners[text.removeprefix("the ")].add(c.code)
    assert not {text: who for text, who in owners.items() if len(who) > 1}


def test_ambiguous_acronyms_are_left_out(settings: Settings) -> None:
    lexicon = load_lexicon(settings.lexicon_dirs)
    texts = {t for inst in lexicon.institutions for t in inst.text}
    texts |= {t for o in lexicon.organisations.values() for t in [*o.aliases, *o.adjectives]}
    assert not {"IRA", "ADF", "RSF", "SDF", "NPA", "KIA", "SLA", "IS", "UDA"} & texts


def test_evaluation_compares_non_state_codes_as_the_reference_sets_do() -> None:
    assert petrarch_nonstate("IMG:IS") == "IMG"
    assert petrarch_nonstate("NGO:AI") == "NGO"
    assert petrarch_nonstate("IGO:UN") == "IGO:UN"
    assert plover_country("NGO:ICRC") == "IGO"
    assert plover_country("IMG:AQ") == "IMG"
    assert plover_country("KOR") == "KOR"


@pytest.mark.model
def test_state_against_a_foreign_rebel_group(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("IND", "", "PAK", "REB", "11") in _coded(coder, "India accused Lashkar-e-Taiba of the Mumbai attacks.")
    assert ("RWA", "", "COD", "REB", "01") in _coded(coder, "Rwanda denied backing M23 rebels.")


@pytest.mark.model
def test_country_less_armed_movements(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("USA", "MIL", "IMG:IS", "REB", "19") in _coded(
        coder, "US forces killed dozens of Islamic State fighters in Syria.")
    assert ("IMG:AQ", "REB", "USA", "", "01") in _coded(
        coder, "al-Qaeda claimed responsibility for the attack on the US embassy.")


@pytest.mark.model
def test_territory_with_its_own_code(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("ESH", "REB", "MAR", "", "11") in _coded(
        coder, "The Polisario Front accused Morocco of violating the ceasefire.")


@pytest.mark.model
def test_international_ngos_act_as_themselves(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("NGO:AI", "", "SAU", "", "11") in _coded(coder, "Amnesty International condemned Saudi Arabia.")
    assert ("NGO:HRW", "", "ISR", "", "11") in _coded(coder, "Human Rights Watch accused Israel of war crimes.")
    assert ("RUS", "GOV", "NGO:ICRC", "", "11") in _coded(coder, "Moscow accused the Red Cross of bias.")


@pytest.mark.model
def test_a_national_red_cross_is_its_country(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "The South Korean Red Cross proposed talks with North Korea.", "2018-06-01")
    assert any(src == "KOR" and sector == "NGO" and tgt == "PRK" for src, sector, tgt, _, _ in found)
    assert not any(src.startswith("NGO:") for src, *_ in found)


@pytest.mark.model
def test_same_country_dyads_are_still_dropped(coder) -> None:  # type: ignore[no-untyped-def]
    """The coder drops events whose two sides share a country (extract/events.py), so a state's fight with its
    own rebels is not coded yet: the rebels are recognised, the dyad is not kept."""
    assert _coded(coder, "Sri Lankan troops attacked LTTE positions.") == set()
