"""Lexicon families from the probe3 wording probe: unusual-but-common news verbs for common acts.

Each test checks a family of wordings on invented sentences (countries and phrasings unlike those of the gold
sets), asserted on (source, target, CAMEO code). The session-wide ``coder`` fixture loads the pipeline once.
"""

from __future__ import annotations

import pytest

from detente.api import code_text

pytestmark = pytest.mark.model


def _coded(coder, text: str, published: str = "2018-10-17") -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(e.source.country or "", e.target.country or "", e.cameo) for e in code_text(text, coder, published)}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Hungarian premier took aim at Brussels over its migration quotas.", ("HUN", "IGO:EU", "111")),
    ("Caracas took a swipe at Bogota for sheltering opposition figures.", ("VEN", "COL", "111")),
    ("Ankara poured scorn on the Dutch government's report.", ("TUR", "NLD", "111")),
    ("Moscow heaped scorn on Estonia after the statue was removed.", ("RUS", "EST", "111")),
    ("The Kremlin branded Lithuania a Nazi sympathiser.", ("RUS", "LTU", "111")),
])
def test_criticism_idioms(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan president lavished praise on China for its railway loans.", ("KEN", "CHN", "051")),
    ("Kyiv heaped praise on Lithuania for its drone donations.", ("UKR", "LTU", "051")),
    ("Islamabad showered praise on Ankara after the summit.", ("PAK", "TUR", "051")),
])
def test_praise_heaped_on(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Hanoi played host to the Indonesian president for three days.", ("VNM", "IDN", "043")),
    ("Qatar played host to Afghan and American negotiators.", ("QAT", "AFG", "043")),
    ("Peru's president feted Chile's president at the palace in Lima.", ("PER", "CHL", "043")),
])
def test_hosting_idioms(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Oman offered to mediate between Riyadh and Tehran.", ("OMN", "SAU", "039")),
    ("Algeria volunteered to mediate between Mali and the rebels of the north.", ("DZA", "MLI", "039")),
    ("Norway pledged to mediate between Colombia and the guerrillas.", ("NOR", "COL", "039")),
])
def test_an_offer_to_mediate_is_intent_to_mediate(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Angola brokered a truce between Congo and Rwanda.", ("AGO", "COD", "045")),
    ("Qatar mediated a prisoner swap between Washington and Caracas.", ("QAT", "VEN", "045")),
])
def test_brokering_a_truce_between_others_is_mediation(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Serbia and Kosovo put their signatures to the economic agreement.", ("SRB", "XKX", "057")),
    ("Chile and Argentina cemented a new border treaty.", ("CHL", "ARG", "057")),
    ("Ghana forged a defence pact with Togo.", ("GHA", "TGO", "057")),
])
def test_signing_idioms(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Damascus brushed aside a Turkish offer of talks.", ("SYR", "TUR", "127")),
    ("Baku waved away a Russian peace plan for Karabakh.", ("AZE", "RUS", "127")),
    ("Tehran shrugged off a French plea to free the aid worker.", ("IRN", "FRA", "124")),
    ("Minsk brushed aside a Lithuanian demand to halt the migrant flights.", ("BLR", "LTU", "124")),
    ("Pyongyang shrugged off Seoul's overture.", ("PRK", "KOR", "120")),
])
def test_brush_off_rejections(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Beijing brushed aside Lithuanian accusations of economic coercion.", ("CHN", "LTU", "016")),
    ("Riyadh shrugged off Turkish allegations about the killing.", ("SAU", "TUR", "016")),
])
def test_brushed_aside_allegations_are_denials(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Dublin hauled in Israel's ambassador over the shelling of Irish peacekeepers.", ("IRL", "ISR", "114")),
    ("Rome hauled in the Egyptian envoy over the student's death.", ("ITA", "EGY", "114")),
])
def test_hauling_in_an_envoy_is_a_summons(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Bamako gave the French ambassador 72 hours to leave the country.", ("MLI", "FRA", "174")),
    ("Kinshasa gave the Rwandan ambassador two days to quit the country.", ("COD", "RWA", "174")),
    ("The EU gave Belgrade ten days to withdraw the decree.", ("IGO:EU", "SRB", "139")),
    ("The EU gave Minsk thirty days to release the prisoners.", ("IGO:EU", "BLR", "139")),
])
def test_deadlines_are_ultimatums_or_expulsions(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Moscow booted two Norwegian diplomats out of the country.", ("RUS", "NOR", "174")),
    ("Prague threw 18 Russian diplomats out of the country.", ("CZE", "RUS", "174")),
])
def test_booting_diplomats_out_is_expulsion(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Gambia took Myanmar to the World Court.", ("GMB", "MMR", "115")),
    ("Nicaragua took Germany to the International Court of Justice.", ("NIC", "DEU", "115")),
])
def test_a_state_taken_to_court_is_sued(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Algeria suspended all contact with the Spanish embassy.", ("DZA", "ESP", "161")),
    ("Kinshasa halted contact with Kigali's envoy.", ("COD", "RWA", "161")),
])
def test_suspending_contact_reduces_relations(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Solomon Islands switched recognition from Taipei to Beijing in 2019.", ("SLB", "CHN", "054")),
    ("Panama shifted diplomatic recognition to Beijing.", ("PAN", "CHN", "054")),
])
def test_switching_recognition_recognises_the_new_side(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Belgian king asked forgiveness from Congo for colonial abuses.", ("BEL", "COD", "055")),
    ("The Dutch premier begged forgiveness from Indonesia.", ("NLD", "IDN", "055")),
])
def test_asking_forgiveness_is_an_apology(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany shipped ventilators and oxygen concentrators to Peru.", ("DEU", "PER", "073")),
    ("Japan dispatched respirators and generators to Nepal after the quake.", ("JPN", "NPL", "073")),
    ("Canada flew medical supplies to Lebanon.", ("CAN", "LBN", "073")),
])
def test_medical_relief_sent_is_humanitarian_aid(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Poland handed over its MiG fighters to Ukraine.", ("POL", "UKR", "072")),
    ("Washington airlifted Stinger missiles to Taipei.", ("USA", "TWN", "072")),
    ("Spain dispatched howitzers to Kyiv.", ("ESP", "UKR", "072")),
])
def test_weapons_handed_over_or_airlifted_are_military_aid(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Greece flew firefighters and water-bombing crews into Cyprus.", ("GRC", "CYP", "073")),
    ("Israel sent a rescue squad with sniffer dogs to Turkey.", ("ISR", "TUR", "073")),
])
def test_rescue_crews_flown_in_are_relief(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Jamaica sent a contingent of police officers to Haiti.", ("JAM", "HTI", "074")),
    ("Italy deployed carabinieri units to Kosovo.", ("ITA", "XKX", "074")),
])
def test_police_missions_abroad_are_074(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Norway promised 40 million dollars in famine relief for Somalia.", ("NOR", "SOM", "0333")),
    ("Saudi Arabia pledged 100 million dollars in humanitarian aid to Yemen.", ("SAU", "YEM", "0333")),
])
def test_humanitarian_pledges_are_0333(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Israeli jets pummelled Hezbollah positions in southern Lebanon.", ("ISR", "LBN", "195")),
    ("Armenian artillery hammered Azerbaijani villages.", ("ARM", "AZE", "194")),
    ("Sudanese warplanes battered rebel bases inside South Sudan.", ("SDN", "SSD", "195")),
])
def test_hammer_pummel_batter_are_attacks(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian jets buzzed a Dutch frigate in the Black Sea.", ("RUS", "NLD", "150")),
    ("Chinese fighters buzzed Japan's air defence zone.", ("CHN", "JPN", "150")),
])
def test_buzzing_is_a_show_of_force(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Iran carried out missile strikes on Kurdish groups in northern Iraq.", ("IRN", "IRQ", "195")),
    ("Turkey launched drone strikes against targets in Syria.", ("TUR", "SYR", "195")),
])
def test_missile_and_drone_strikes_are_aerial(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Syrian air defences downed an Israeli jet over the Golan.", ("SYR", "ISR", "195")),
    ("Moscow launched waves of drones at Odesa.", ("RUS", "UKR", "195")),
    ("British aircraft used precision-guided bombs against an Iraqi depot.", ("GBR", "IRQ", "195")),
])
def test_aerial_strikes_and_downings_are_195(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    """The gold conventions do not use 1951/1952 (no Goldstein weight) and code a downed aircraft 195."""
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Beijing slapped sanctions on Raytheon and Boeing over arms sales to Taiwan.", ("CHN", "USA", "163")),
    ("China put Lockheed Martin on its export control list.", ("CHN", "USA", "163")),
    ("Moscow added Chevron and ExxonMobil to its sanctions list.", ("RUS", "USA", "163")),
])
def test_us_companies_are_us_business_actors(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington would not rule out military action against Iran.", ("USA", "IRN", "138")),
    ("Paris did not rule out strikes against the Syrian government.", ("FRA", "SYR", "138")),
])
def test_not_ruling_out_force_is_a_threat_of_force(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)
