"""Lexicon families from the held-out error analysis: each family of wordings on invented sentences.

Every test checks a family, not one phrasing: several verbs or constructions, countries and organisations unlike
those of the gold sets, asserted on (source, target, CAMEO code). The session-wide ``coder`` fixture loads the
pipeline once.
"""

from __future__ import annotations

import pytest

from detente.api import code_text

pytestmark = pytest.mark.model


def _coded(coder, text: str, published: str = "2013-05-14") -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(e.source.country or "", e.target.country or "", e.cameo) for e in code_text(text, coder, published)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Burundi left the African Union in 2011.", ("BDI", "IGO:AU", "161")),
    ("Nicaragua quit the OAS in 2021.", ("NIC", "IGO:OAS", "161")),
    ("Venezuela withdrew from the Organization of American States.", ("VEN", "IGO:OAS", "161")),
    ("The Philippines withdrew from the International Criminal Court.", ("PHL", "IGO:ICC", "161")),
    ("Armenia pulled out of the CSTO.", ("ARM", "IGO:CSTO", "161")),
    ("Burkina Faso announced its withdrawal from ECOWAS.", ("BFA", "IGO:ECOWAS", "161")),
])
def test_leaving_an_organisation_breaks_relations_with_it(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


def test_troops_leaving_a_place_are_still_a_pull_out(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("USA", "AFG", "0874") in _coded(coder, "Washington pulled out of Afghanistan in 2021.")
    assert ("CAN", "AFG", "0874") in _coded(coder, "Canadian troops pulled out of Kandahar.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Armenia froze its participation in the CSTO.", ("ARM", "IGO:CSTO", "161")),
    ("Moldova suspended its participation in the CIS.", ("MDA", "IGO:CIS", "161")),
    ("Russia suspended its mission to NATO.", ("RUS", "IGO:NATO", "161")),
    ("ASEAN decided to exclude Cambodia's leader from the bloc's summit.", ("IGO:ASEAN", "KHM", "161")),
])
def test_suspending_participation_or_shutting_a_member_out_is_161(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


def test_joining_admitting_and_readmitting_members_is_diplomatic_cooperation(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Croatia joined the European Union.")
    assert {("HRV", "IGO:EU", "050"), ("IGO:EU", "HRV", "050")} <= found
    found = _coded(coder, "NATO admitted Montenegro as a member in 2017.")
    assert ("IGO:NATO", "MNE", "050") in found
    assert not any(code == "015" for _, _, code in found)  # no admission of responsibility
    assert ("IGO:ARL", "LBY", "050") in _coded(coder, "The Arab League voted to readmit Libya.")


def test_candidate_status_admits_and_an_upgraded_status_recognises(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("IGO:EU", "BIH", "050") in _coded(coder, "The EU granted Bosnia the status of a candidate.")
    assert ("IGO:EU", "GEO", "050") in _coded(coder, "The European Union granted candidate status to Georgia.")
    assert ("IGO:UNGA", "PSE", "054") in _coded(
        coder, "The UN General Assembly voted to upgrade Palestine's status to that of a non-member observer state.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Trump ordered tariffs on Colombian imports.", ("USA", "COL", "163")),
    ("Canada ordered sanctions against Iranian officials.", ("CAN", "IRN", "163")),
    ("The United States triggered the snapback of sanctions against Iran.", ("USA", "IRN", "163")),
    ("The Security Council restored the arms embargo on Eritrea.", ("IGO:UNSC", "ERI", "163")),
    ("Putin signed a decree banning imports of Turkish fruit.", ("RUS", "TUR", "163")),
    ("Kazakhstan banned Kyrgyz trucks from entering its territory.", ("KAZ", "KGZ", "163")),
    ("Kuwait decided to ban Iraqi flights.", ("KWT", "IRQ", "163")),
    ("Argentina barred British ships from docking in its ports.", ("ARG", "GBR", "163")),
    ("Malaysia barred an Israeli plane from landing in Kuala Lumpur.", ("MYS", "ISR", "172")),
])
def test_sanctions_worded_without_impose(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile told Peru's ambassador not to return.", ("CHL", "PER", "174")),
    ("Mali ordered the French ambassador to leave within 72 hours.", ("MLI", "FRA", "174")),
    ("Pakistan ordered the United States to vacate the Shamsi air base.", ("PAK", "USA", "166")),
    ("Kyrgyzstan voted to end the presence of American troops.", ("KGZ", "USA", "166")),
    ("The Security Council voted to end its peacekeeping mission in Liberia.", ("IGO:UNSC", "LBR", "1661")),
    ("Israel barred UNRWA from operating in Jerusalem.", ("ISR", "IGO:UNRWA", "1663")),
    ("Vietnam evacuated its embassy in Libya.", ("VNM", "LBY", "161")),
    ("Chinese coast guard ships rammed and sank a Philippine fishing boat.", ("CHN", "PHL", "1712")),
])
def test_expelling_envoys_and_forces_and_closing_missions(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


def test_a_court_order_and_a_states_own_pull_out_are_not_expulsions(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("IGO:ICJ", "RUS", "116") in _coded(coder, "The ICJ ordered Russia to withdraw its forces from Ukraine.")
    assert not any(code == "166" for _, _, code in _coded(coder, "The US ended its troop presence in Somalia."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Jordanian aircraft dropped 20 tonnes of food into Gaza.", ("JOR", "PSE", "073")),
    ("France airdropped medical supplies to Sudan.", ("FRA", "SDN", "073")),
    ("A UNICEF convoy of 15 trucks reached Aleppo.", ("IGO:UNICEF", "SYR", "073")),
    ("German Leopard tanks arrived in Ukraine.", ("DEU", "UKR", "072")),
    ("The IMF approved a $3 billion loan programme for Egypt.", ("IGO:IMF", "EGY", "071")),
    ("Djibouti granted China access to its port.", ("DJI", "CHN", "062")),
    ("Poland granted US forces access to three air bases.", ("POL", "USA", "062")),
    ("Chinese warships docked in Colombo for a three-day visit.", ("CHN", "LKA", "042")),
])
def test_aid_delivered_and_military_access_and_port_calls(coder, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _coded(coder, text)


def test_agreeing_terms_or_arrangements_is_an_agreement_not_an_intent(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Serbia and Kosovo agreed the terms of a deal.")
    assert {("SRB", "XKX", "057"), ("XKX", "SRB", "057")} <= found
    found = _coded(coder, "Peru and Ecuador agreed on patrolling arrangements along their border.")
    assert {("PER", "ECU", "057"), ("ECU", "PER", "057")} <= found
    # agreeing to work toward a deal stays an intention
    found = _coded(coder, "Japan and Australia agreed to work toward a free trade deal.")
    assert not any(code == "057" for _, _, code in found)


def test_questioning_an_election_and_delisting_a_sponsor(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("COL", "VEN", "110") in _coded(coder, "Colombia questioned the legitimacy of Maduro's election.")
    assert ("USA", "PRK", "085") in _coded(
        coder, "Washington removed North Korea from its list of state sponsors of terrorism in 2008.")
    # a trade white list is still a sanction
    assert ("JPN", "KOR", "163") in _coded(
        coder, "Japan removed South Korea from its white list of trusted trading partners.")


def test_calling_a_measure_untenable_or_discriminatory_criticises_its_author(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Turkey closed its airspace to Armenian flights, and Yerevan called the move untenable.")
    assert ("ARM", "TUR", "111") in found


def test_crowds_gathering_outside_a_mission_and_boycotts_launched_by_traders(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Pakistani demonstrators gathered outside the Danish embassy in Islamabad to protest the "
                          "cartoons.", "2006-02-15")
    assert any((s, t, c) == ("PAK", "DNK", "141") for s, t, c in found)
    found = _coded(coder, "Vietnamese traders launched a boycott of Chinese goods.", "2014-05-20")
    assert any((s, t, c) == ("VNM", "CHN", "143") for s, t, c in found)
    found = _coded(coder, "Kurdish prisoners in Turkish jails began a hunger strike.", "2012-10-01")
    assert not any(c.startswith("19") for _, _, c in found)
    found = _coded(coder, "Berlin balked at sending Taurus missiles to Ukraine.", "2024-03-01")
    assert not any(c.startswith("07") for _, _, c in found)


def test_warning_another_state_of_a_danger_is_no_threat(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Amman warned Beirut of a possible attack by militants.", "2019-03-01")
    assert ("JOR", "LBN", "010") in found
    assert not any(c.startswith("13") for _, _, c in found)
    found = _coded(coder, "Ankara threatened to strike Kurdish militias in Syria.", "2019-03-01")
    assert any(c.startswith("13") for _, _, c in found)


def test_what_a_censure_is_for_is_not_the_censurers_act(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Brussels pilloried Budapest for blocking EU aid to Ukraine.", "2023-03-01")
    assert ("IGO:EU", "HUN", "111") in found
    assert not any(c.startswith("16") for _, _, c in found)


def test_firing_on_another_sides_posts_or_boats_is_an_attack(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Thai soldiers fired on Cambodian border posts overnight.", "2025-07-24")
    assert any((s, t, c[:2]) == ("THA", "KHM", "19") for s, t, c in found)
    assert not _coded(coder, "Tokyo fired its ambassador to Seoul on Monday.", "2025-07-24") & {
        ("JPN", "KOR", "190")}


def test_money_pledged_is_economic_aid_unless_it_is_for_arms(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("JPN", "LKA", "0331") in _coded(coder, "Tokyo pledged 200 million dollars to rebuild schools in Sri "
                                                   "Lanka.", "2005-01-10")
    assert ("GBR", "UKR", "0332") in _coded(coder, "London pledged 500 million pounds in military aid to Kyiv.",
                                            "2023-02-10")
