"""Lexicon families from the probe5 error analysis (reject, protest, aid, yield), checked on invented sentences
(shared ``coder`` fixture)."""

from __future__ import annotations

import pytest

from detente.api import code_text

pytestmark = pytest.mark.model


def _coded(coder, text: str, published: str = "2016-03-09") -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(e.source.country or "", e.target.country or "", e.cameo) for e in code_text(text, coder, published)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Bolivia donated 200,000 doses of vaccine to Paraguay.", ("BOL", "PRY", "073")),
    ("Norway sent three million doses to Kenya.", ("NOR", "KEN", "073")),
])
def test_vaccine_doses_are_relief(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Qatar provided Tunisia with a $1 billion loan.", ("QAT", "TUN", "071")),
    ("Algeria furnished Niger with $50 million in budget support.", ("DZA", "NER", "071")),
    ("Iran supplied Russia with Shahed drones.", ("IRN", "RUS", "072")),
    ("Belarus equipped Serbia with fighter jets.", ("BLR", "SRB", "072")),
    ("India supplied Nepal with vaccines.", ("IND", "NPL", "073")),
    ("Egypt provided Sudan with food and medicine.", ("EGY", "SDN", "073")),
])
def test_giving_a_country_something_names_the_country_as_object(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


def test_a_loan_given_to_a_country_keeps_its_code(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("JPN", "LKA", "071") in _coded(coder, "Japan provided a $2 billion loan to Sri Lanka.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Syria allowed OPCW inspectors to visit Douma.", ("SYR", "IGO:OPCW", "0862")),
    ("Iraq let UN weapons inspectors return to Baghdad.", ("IRQ", "IGO:UN", "0862")),
])
def test_letting_inspectors_in_through_a_clause_accepts_inspection(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Bulgarian farmers blocked the border crossing into Romania.", ("BGR", "ROU", "144")),
    ("Greek truckers blockaded the main checkpoint into North Macedonia.", ("GRC", "MKD", "144")),
])
def test_blocking_border_crossings_obstructs_passage(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Lebanese protesters scaled the walls of the Saudi embassy in Beirut.", ("LBN", "SAU", "145")),
    ("Sudanese demonstrators smashed the gates of the German embassy in Khartoum.", ("SDN", "DEU", "145")),
    ("Pakistani rioters set fire to the Danish consulate in Karachi.", ("PAK", "DNK", "145")),
])
def test_mob_assaults_on_a_mission_are_violent_protest(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


def test_setting_fire_to_other_property_stays_destruction(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("ISR", "PSE", "1712") in _coded(coder, "Israeli soldiers set fire to Palestinian olive groves.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Vietnamese shoppers boycotted Chinese supermarkets.", ("VNM", "CHN", "143")),
    ("Turkish consumers shunned French cosmetics.", ("TUR", "FRA", "143")),
    ("Indian consumers boycotted Chinese smartphones.", ("IND", "CHN", "143")),
])
def test_consumer_boycotts_of_a_countrys_goods_are_protest(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)
