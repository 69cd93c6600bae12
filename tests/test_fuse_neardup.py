"""Near-duplicate clustering: republished and lightly edited copies cluster, different stories do not, and cluster
ids do not depend on the order articles arrive in. The articles below are made up for these tests."""

from __future__ import annotations

import pytest
from datasketch import LeanMinHash, MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.fuse import NearDupIndex, shingles_of

CURBS_HEADLINE = "Japan tightens exports of chip materials to S. Korea"
CURBS_BYLINE = "By Park Ji-won"
CURBS = [
    "SEOUL, July 1 (Yonhap) -- Japan said Monday it will tighten controls on exports to South Korea of three "
    "materials used to make memory chips and display panels, in a move widely seen as retaliation for Seoul's "
    "handling of wartime labour compensation.",
    "Tokyo's trade ministry said exporters of fluorinated polyimide, photoresists and hydrogen fluoride will "
    "need to apply for approval for each shipment from Thursday, a process that can take up to ninety days.",
    "The ministry also plans to remove South Korea from a list of trusted trading partners that enjoy "
    "simplified procedures for buying goods that could be diverted to military use.",
    "South Korean chipmakers rely on Japanese suppliers for most of the three materials, and industry officials "
    "warned that long approval delays could disrupt production lines within months.",
    "Seoul's foreign ministry called in the Japanese ambassador and said the measure violated the spirit of "
    "free trade, adding that the government would consider taking the matter to the World Trade Organization.",
    "Relations between the two neighbours have soured since the Supreme Court ordered Japanese firms last year "
    "to compensate Koreans forced to work in their factories during the colonial era.",
    "Japanese officials said the step was based on national security concerns and denied that it was linked "
    "to the court rulings. (END)",
]
CURBS_REWORDED_4 = (
    "Chipmakers in South Korea depend on Japanese firms for the bulk of these materials, and industry officials "
    "warned that long approval delays could disrupt production lines within months.")

# A different Yonhap story on the same topic, the same day.
WTO_HEADLINE = "S. Korea to file WTO complaint over Japan's trade measures"
WTO = [
    "SEOUL, July 1 (Yonhap) -- South Korea will file a complaint with the World Trade Organization over "
    "Japan's new restrictions on exports of semiconductor materials, the trade minister said Monday.",
    "Speaking at an emergency meeting with business leaders, the minister said the government regards the "
    "curbs as an economic retaliation that breaches international trade rules and bilateral commitments.",
    "He said officials were drafting the legal case with outside experts and would seek consultations in "
    "Geneva as a first step, while keeping the door open to talks with Tokyo.",
    "Executives from the country's largest electronics groups asked for help in finding alternative suppliers "
    "and for faster approval of local factories that could produce the materials at home.",
    "The ministry said it would set up a support centre for affected companies and offer low-interest loans "
    "to smaller suppliers that face shortages in the coming weeks.",
    "Opposition lawmakers urged the government to send a special envoy to Tokyo, saying a prolonged dispute "
    "would hurt both economies at a time of slowing global demand. (END)",
]

# Another export-curbs story the same day, from a business desk.
INVENTORY = [
    "SEOUL, July 1 (Yonhap) -- Samsung Electronics and SK hynix began checking their stocks of Japanese etching "
    "gas and photoresist on Monday after Tokyo announced tighter export controls, industry sources said.",
    "The two memory makers hold between one and three months of the materials, according to analysts, who "
    "said output would not be hit immediately but could suffer if approvals drag on into the autumn.",
    "Shares of local suppliers of hydrogen fluoride jumped as investors bet on a push to replace Japanese "
    "imports, while the benchmark index fell for a second day.",
    "Display panel makers said they were studying the impact of the measure on organic light-emitting diode "
    "production, which uses fluorinated polyimide for flexible screens.",
    "An official at a chip equipment firm said customers had asked for quotes on domestic alternatives but "
    "that qualifying new materials usually takes more than a year. (END)",
]


def story(headline: str, byline: str, paragraphs: list[str]) -> str:
    return "\n".join([headline, byline, *paragraphs])


ORIGINAL = story(CURBS_HEADLINE, CURBS_BYLINE, CURBS)
EDITS = {
    "same text, other spacing and case": ORIGINAL.upper().replace("\n", "\n\n  "),
    "headline changed": story("Tokyo imposes export curbs on key chip materials for Seoul", CURBS_BYLINE, CURBS),
    "different byline": story(CURBS_HEADLINE, "By Staff Reporter, The Korea Herald", CURBS),
    "a sentence reworded": story(CURBS_HEADLINE, CURBS_BYLINE, [*CURBS[:3], CURBS_REWORDED_4, *CURBS[4:]]),
    "a sentence dropped": story(CURBS_HEADLINE, CURBS_BYLINE, [*CURBS[:5], *CURBS[6:]]),
    "republished: headline, byline and dateline": story(
        "Tokyo imposes export curbs on key chip materials for Seoul", "By Staff Reporter",
        [p.replace("SEOUL, July 1 (Yonhap) -- ", "SEOUL (AP) — ") for p in CURBS]),
}
DIFFERENT = {
    "wto": story(WTO_HEADLINE, "By Lee Min-seo", WTO),
    "inventory": story("Chipmakers check stocks of Japanese materials", "By Choi Hyun-woo", INVENTORY),
}


@pytest.fixture()
def index() -> NearDupIndex:
    return NearDupIndex()


def test_identical_texts_share_a_cluster(index: NearDupIndex) -> None:
    index.add("b-copy", index.signature(ORIGINAL))
    assert index.add("a-original", index.signature(ORIGINAL)) == "a-original"
    assert index.cluster_of("b-copy") == "a-original"


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_lightly_edited_copy_clusters_with_its_original(index: NearDupIndex, edit: str) -> None:
    index.add("original", index.signature(ORIGINAL))
    assert index.add("copy", index.signature(EDITS[edit])) == "copy"  # "copy" < "original"
    assert index.cluster_of("original") == "copy"


@pytest.mark.parametrize("other", sorted(DIFFERENT))
def test_different_stories_on_the_same_topic_the_same_day_do_not_cluster(index: NearDupIndex, other: str) -> None:
    index.add("curbs", index.signature(ORIGINAL))
    assert index.add("other", index.signature(DIFFERENT[other])) == "other"
    assert index.cluster_of("curbs") == "curbs"


def test_a_corpus_clusters_into_its_stories(index: NearDupIndex) -> None:
    texts = {f"curbs-{i}": text for i, text in enumerate([ORIGINAL, *EDITS.values()])}
    texts |= {f"{name}-0": text for name, text in DIFFERENT.items()}
    texts["wto-1"] = DIFFERENT["wto"].replace("Lee Min-seo", "Yonhap staff")
    for article_id, text in texts.items():
        index.add(article_id, index.signature(text))
    clusters = index.clusters()
    assert {a for a, c in clusters.items() if c == "curbs-0"} == {a for a in texts if a.startswith("curbs-")}
    assert {a for a, c in clusters.items() if c == "wto-0"} == {"wto-0", "wto-1"}
    assert clusters["inventory-0"] == "inventory-0"


def test_a_bridging_article_merges_clusters_and_renames_the_later_one() -> None:
    # x and z share too little to link; y links to both, so adding y merges z's cluster into x's.
    x = "\n".join(CURBS)
    y = "\n".join(CURBS[1:] + WTO[:1])
    z = "\n".join(CURBS[2:] + WTO[:2])
    index = NearDupIndex(threshold=0.6)
    assert index.add("a", index.signature(x)) == "a"
    assert index.add("c", index.signature(z)) == "c"
    assert index.add("b", index.signature(y)) == "a"
    assert index.clusters() == {"a": "a", "b": "a", "c": "a"}


CORPUS = {
    "k1": ORIGINAL, "k7": EDITS["headline changed"], "k3": EDITS["a sentence dropped"],
    "k5": EDITS["republished: headline, byline and dateline"], "k2": DIFFERENT["wto"],
    "k9": DIFFERENT["wto"] + "\n(c) Yonhap", "k4": DIFFERENT["inventory"], "k6": "", "k8": "",
}


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(sorted(CORPUS)))
def test_cluster_ids_do_not_depend_on_insertion_order(order: list[str]) -> None:
    index = NearDupIndex()
    signatures = {article_id: index.signature(text) for article_id, text in CORPUS.items()}
    for article_id in order:
        index.add(article_id, signatures[article_id])
    assert index.clusters() == {"k1": "k1", "k3": "k1", "k5": "k1", "k7": "k1", "k2": "k2", "k9": "k2",
                                "k4": "k4", "k6": "k6", "k8": "k8"}


def test_signature_is_bytes_and_the_same_from_any_index() -> None:
    signature = NearDupIndex().signature(ORIGINAL)
    assert isinstance(signature, bytes)
    assert NearDupIndex().signature(ORIGINAL) == signature


def test_signature_from_another_configuration_is_refused(index: NearDupIndex) -> None:
    with pytest.raises(ValueError, match="seed"):
        index.add("a", NearDupIndex(seed=7).signature(ORIGINAL))
    with pytest.raises(ValueError, match="num_perm"):
        index.add("a", NearDupIndex(num_perm=64).signature(ORIGINAL))
    assert "a" not in index


def test_adding_an_article_twice_changes_nothing(index: NearDupIndex) -> None:
    signature = index.signature(ORIGINAL)
    index.add("a", signature)
    assert index.add("a", signature) == "a"
    assert len(index) == 1


def test_unknown_article_is_a_key_error(index: NearDupIndex) -> None:
    with pytest.raises(KeyError, match="not in the near-duplicate index"):
        index.cluster_of("missing")


def test_shingles_are_normalised_words() -> None:
    assert shingles_of("Japan, SOUTH  korea!\nTrade", 2) == {"japan south", "south korea", "korea trade"}
    assert shingles_of("Two words", 4) == {"two words"}
    assert shingles_of(" -- ", 4) == set()


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_signature_is_datasketch_default_minhash_of_the_shingles(text: str) -> None:
    """Stored signatures must stay comparable across versions: they are datasketch's default MinHash (SHA-1,
    same seed and permutations) of the text's shingles, however the index computes them."""
    index = NearDupIndex()
    reference = MinHash(num_perm=index.num_perm, seed=index.seed)
    reference.update_batch([s.encode("utf-8") for s in sorted(shingles_of(text, index.shingle))])
    lean = LeanMinHash(reference)
    buffer = bytearray(lean.bytesize("<"))
    lean.serialize(buffer, "<")
    assert index.signature(text) == bytes(buffer)
