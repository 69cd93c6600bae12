"""Repairing bodies a scraper saved twice, and whitespace clean-up."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from detente.clean import clean_article, comparison_key, find_repeats
from detente.ids import compute_article_id, normalise_text
from detente.records import Article, Removal

P1 = "TOKYO -- South Korea and Japan agreed on Saturday to resume their security dialogue, officials said."
P2 = "The two neighbours will hold vice-ministerial talks in Seoul next month, the foreign ministry said."
P3 = "Both governments said the move reflects a shared concern over regional missile launches."
P4 = "Analysts said the thaw could also revive a currency swap arrangement that lapsed in 2015."
LONG = (
    "In a joint statement issued after more than three hours of talks, the ministers said they would set up a "
    "standing working group on export controls, meet at least twice a year, and invite officials from a third "
    "country to observe the next round as a sign of good faith."
)
assert len(LONG) >= 200


def make_article(*body: str, removed: tuple[Removal, ...] = ()) -> Article:
    return Article(
        article_id=compute_article_id(body),
        source="Yonhap",
        title="Title",
        byline=None,
        published=None,
        published_text=None,
        dateline="TOKYO",
        url=None,
        language="en",
        body=tuple(body),
        removed=removed,
        input_ref="story.txt",
        input_format="wire",
    )


def removed_indexes(article: Article) -> list[int]:
    return [i for removal in article.removed for i in removal.paragraphs]


# --- the repairs ------------------------------------------------------------------------------------------------


def test_full_duplicate_is_removed() -> None:
    cleaned = clean_article(make_article(P1, P2, P3, P1, P2, P3))

    assert cleaned.body == (P1, P2, P3)
    assert cleaned.removed == (
        Removal(reason="repeated-paragraphs", paragraphs=(3, 4, 5), detail="paragraphs 3-5 repeat 0-2"),
    )
    assert cleaned.article_id == compute_article_id((P1, P2, P3))


def test_duplicate_from_second_paragraph_is_removed() -> None:
    cleaned = clean_article(make_article(P1, P2, P3, P4, P2, P3, P4))
    assert cleaned.body == (P1, P2, P3, P4)
    assert removed_indexes(cleaned) == [4, 5, 6]


def test_copy_that_keeps_dateline_and_tag_still_counts_as_a_repeat() -> None:
    first_copy = ("South Korea and Japan agreed on Saturday to resume talks.", P2, P3)
    second_copy = ("TOKYO -- South Korea and Japan agreed on Saturday to resume talks.", P2, P3 + " (Yonhap)")
    cleaned = clean_article(make_article(*first_copy, *second_copy))
    assert cleaned.body == first_copy


def test_partial_repeat_later_in_the_page() -> None:
    cleaned = clean_article(make_article(P1, P2, P3, P4, "Photo: Yonhap", P2, P3))
    assert cleaned.body == (P1, P2, P3, P4, "Photo: Yonhap")
    assert cleaned.removed[0].paragraphs == (5, 6)
    assert cleaned.removed[0].detail == "paragraphs 5-6 repeat 1-2"


def test_several_copies_are_all_removed() -> None:
    cleaned = clean_article(make_article(P1, P2, P1, P2, P1, P2))
    assert cleaned.body == (P1, P2)
    assert removed_indexes(cleaned) == [2, 3, 4, 5]


def test_long_single_paragraph_repeat_is_removed() -> None:
    cleaned = clean_article(make_article(LONG, P2, LONG))
    assert cleaned.body == (LONG, P2)
    assert cleaned.removed[0].detail == "paragraph 2 repeat 0"


def test_page_without_duplicates_is_untouched() -> None:
    article = make_article(P1, P2, P3, P4)
    assert clean_article(article) == article


def test_short_repeated_lines_are_kept() -> None:
    body = ("Photo: Yonhap", P1, "Photo: Yonhap", P2, "(END)", P3, "(END)")
    article = make_article(*body)
    assert clean_article(article) == article


def test_short_single_paragraph_repeat_is_kept() -> None:
    article = make_article(P1, P2, P3, P1)  # one ordinary paragraph quoted again later: not a scraping error
    assert clean_article(article) == article


def test_run_of_captions_and_markers_is_kept() -> None:
    article = make_article("Photo: AP", "(END)", P1, "Photo: AP", "(END)")
    assert clean_article(article) == article


def test_whitespace_is_normalised_and_empty_paragraphs_dropped() -> None:
    article = make_article("  Ministers\u00a0met   on\tMonday. ", "", "   ", "They  agreed.\u3000")
    cleaned = clean_article(article)
    assert cleaned.body == ("Ministers met on Monday.", "They agreed.")
    assert cleaned.removed == ()
    assert cleaned.article_id == article.article_id  # the id ignores whitespace
    assert dataclasses.replace(cleaned, body=article.body) == article


def test_zero_width_characters_are_removed() -> None:
    cleaned = clean_article(make_article("\ufeffThey agreed\u200b on a plan."))
    assert cleaned.body == ("They agreed on a plan.",)
    assert cleaned.article_id == compute_article_id(cleaned.body)


def test_removal_indexes_refer_to_the_incoming_body() -> None:
    cleaned = clean_article(make_article(P1, "", P2, P1, " ", P2))
    assert cleaned.body == (P1, P2)
    assert cleaned.removed[0].paragraphs == (3, 5)
    assert cleaned.removed[0].detail == "paragraphs 3, 5 repeat 0, 2"


def test_earlier_removals_are_kept() -> None:
    earlier = Removal(reason="boilerplate", paragraphs=(9,), detail="cookie notice")
    cleaned = clean_article(make_article(P1, P2, P1, P2, removed=(earlier,)))
    assert cleaned.removed[0] == earlier
    assert cleaned.removed[1].reason == "repeated-paragraphs"


def test_comparison_key_ignores_dateline_tag_case_and_spacing() -> None:
    assert comparison_key("SEOUL, March 4 (Yonhap) -- North  Korea fired. (Yonhap)") == "north korea fired."
    assert comparison_key("(END)") == "(end)"


def test_repeats_of_a_later_run_that_also_appeared_earlier_settle_in_one_call() -> None:
    # After the first copy of (A, B) is removed, X and Y become adjacent and repeat (X, Y) at the start.
    x, y, q, a, b = (f"Paragraph {name} says something long enough to count as real text." for name in "XYQAB")
    body = [x, y, q, a, b, x, a, b, y]
    repeats = find_repeats(body)
    kept = [p for i, p in enumerate(body) if i not in {d for r in repeats for d in r.dropped}]
    assert kept == [x, y, q, a, b]


# --- properties -------------------------------------------------------------------------------------------------

POOL = [P1, P2, P3, P4, LONG, "(END)", "Photo: Yonhap", "Short line.", "  spaced   out  text  ", "", "P2"]

paragraph_lists = st.one_of(
    st.lists(st.sampled_from(POOL), max_size=24),
    st.lists(st.sampled_from(POOL), min_size=1, max_size=8).flatmap(
        lambda body: st.integers(0, len(body) - 1).map(lambda start: body + body[start:])
    ),
    st.lists(st.text(alphabet="ab \n", max_size=6), max_size=16),
)


@given(paragraph_lists)
def test_cleaning_is_idempotent(body: list[str]) -> None:
    once = clean_article(make_article(*body))
    assert clean_article(once) == once


@given(paragraph_lists)
def test_first_occurrences_are_kept_and_output_is_a_subsequence(body: list[str]) -> None:
    cleaned = clean_article(make_article(*body))
    normalised = [" ".join(p.split()) for p in body]

    # The output is the input (whitespace-normalised, empties dropped) minus some paragraphs, in order.
    remaining = iter(normalised)
    assert all(any(p == candidate for candidate in remaining) for p in cleaned.body)

    # Every distinct paragraph's first occurrence survives.
    removed = set(removed_indexes(cleaned))
    first_seen: dict[str, int] = {}
    for index, paragraph in enumerate(normalised):
        if paragraph:
            first_seen.setdefault(normalise_text(paragraph), index)
    assert not removed & set(first_seen.values())
    assert {normalise_text(p) for p in cleaned.body} == set(first_seen)


@given(st.lists(st.sampled_from(POOL[:5]), min_size=2, max_size=6, unique=True))
def test_any_doubled_body_comes_back_as_one_copy(body: list[str]) -> None:
    cleaned = clean_article(make_article(*body, *body))
    assert cleaned.body == tuple(body)
