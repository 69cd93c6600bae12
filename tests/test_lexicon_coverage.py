"""Lexicon coverage: verb and light-verb families of ``verbs.yaml`` and ``complements.yaml`` on invented sentences.

One test per family of patterns, asserted on (source, target, CAMEO code, pattern id). The sentences are our own
(countries and years chosen to be unlike any reference set); the session-wide ``coder`` fixture loads the pipeline
once.
"""

from __future__ import annotations

import pytest

from detente.api import code_text

pytestmark = pytest.mark.model


def _coded(coder, text: str, published: str = "2016-03-10") -> set[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    return {(e.source.country or "", e.target.country or "", e.cameo, e.rule_id.rsplit(":", 1)[-1])
            for e in code_text(text, coder, published)}


def test_an_appeal_or_plea_made_to_a_party_is_an_appeal(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("TZA", "MWI", "020", "appeal.make-appeal") in _coded(
        coder, "Tanzania made an urgent appeal to Malawi for calm on the lake.")
    assert ("EST", "LVA", "020", "appeal.renew-call") in _coded(
        coder, "Estonia renewed its call for Latvia to open the archives.")


def test_begging_a_party_to_act_is_an_appeal_for_that_act(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Algeria begged Mali to release the hostages.")
    assert ("DZA", "MLI", "0253", "yield.release-persons") in found


def test_swearing_to_fight_is_a_threat(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Ethiopian rebels swore to fight Eritrea until the end.")
    assert any(src == "ETH" and tgt == "ERI" and code == "138" for src, tgt, code, _ in found)


def test_setting_or_letting_persons_free_releases_them(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("LAO", "THA", "0841", "yield.let-free") in _coded(coder, "Laos set free two Thai fishermen.")
    assert ("POL", "BLR", "0841", "yield.let-free") in _coded(coder, "Poland let free three Belarusian activists.")


def test_release_covers_officers_and_other_persons(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("SRB", "XKX", "0841", "yield.release-persons") in _coded(
        coder, "Serbia released the Kosovo police officer on Friday.")


def test_money_given_to_a_country_is_economic_aid(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("SAU", "YEM", "071", "aid.economic") in _coded(coder, "Saudi Arabia donated $10 million to Yemen.")
    assert ("AUS", "FJI", "071", "aid.economic") in _coded(coder, "Australia gave $20 million in aid to Fiji.")


def test_warships_sent_into_waters_are_a_show_of_force_not_aid(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "Turkey sent two frigates into Greek waters.")
    assert ("TUR", "GRC", "150", "posture.send-ships-into-waters") in found
    assert not any(code == "072" for _, _, code, _ in found)
    # sent to a state, ships are still military aid
    assert ("USA", "ISR", "072", "aid.military") in _coded(coder, "The United States sent two warships to Israel.")


def test_sharing_expertise_is_material_cooperation(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("CUB", "AGO", "060", "cooperate.share-expertise") in _coded(
        coder, "Cuba shared its medical expertise with Angola.")


def test_relief_handed_over_or_counted_in_tonnes_is_humanitarian_aid(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("SWE", "SOM", "073", "aid.hand-over-relief") in _coded(
        coder, "Swedish volunteers handed over food supplies to Somalia.")
    # a unit of measure counts its "of" noun: the rice is what was delivered
    assert ("JPN", "HTI", "073", "aid.humanitarian") in _coded(coder, "Japan delivered 50 tonnes of rice to Haiti.")


def test_prohibiting_aid_or_suspending_an_aid_programme_cuts_aid(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("CAN", "NIC", "162", "reduce.cut-aid") in _coded(coder, "Canada prohibited all aid to Nicaragua.")
    assert ("DEU", "MLI", "1622", "reduce.cut-military-aid") in _coded(
        coder, "Germany suspended its military aid programme for Mali.")


def test_setting_fire_to_property_destroys_it(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("NPL", "IND", "1712", "coerce.set-fire-to") in _coded(coder, "Nepali protesters set fire to Indian trucks.")


def test_put_under_investigation_in_a_country_is_that_country_investigating(coder) -> None:  # type: ignore[no-untyped-def]
    found = _coded(coder, "A Canadian national has been put under investigation in Belgium.")
    assert ("BEL", "CAN", "090", "investigate.put-under-investigation") in found


def test_bowing_in_apology_is_an_apology(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("BEL", "COD", "055", "diplomacy.bow-in-apology") in _coded(
        coder, "The Belgian king bowed in apology to the Congolese delegation.")


def test_an_ordered_siege_is_a_blockade(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("TUR", "SYR", "191", "fight.impose-blockade") in _coded(
        coder, "Turkey's defence minister ordered a complete siege of the Syrian town.")


def test_an_assassination_carried_out_is_an_assassination(coder) -> None:  # type: ignore[no-untyped-def]
    assert ("SAU", "YEM", "186", "assault.carry-out-assassination") in _coded(
        coder, "Saudi agents carried out the assassination of a Yemeni cleric.")
