"""CLEAN stage: repair what scraping did to an article's body.

In: an ``Article`` from ingest. Out: the same article with whitespace normalised inside paragraphs, empty
paragraphs dropped, repeated copies of the body removed (see ``detente.clean.repeats``), each repair recorded in
``Article.removed`` and ``article_id`` recomputed from the cleaned body.
"""

from __future__ import annotations

import dataclasses
import re

from detente.clean.repeats import Repeat, comparison_key, find_repeats
from detente.ids import compute_article_id
from detente.records import Article, Removal

__all__ = ["Repeat", "clean_article", "comparison_key", "find_repeats", "normalise_paragraph"]

REPEATED_PARAGRAPHS = "repeated-paragraphs"

_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")


def normalise_paragraph(paragraph: str) -> str:
    """Collapse runs of whitespace (incl. no-break and ideographic spaces) to one space; trim the ends."""
    # str.split() splits on what the regex \s matches: the same as re.sub(r"\s+", " ", ...).strip(), but faster
    return " ".join(_INVISIBLE.sub("", paragraph).split())


def clean_article(article: Article) -> Article:
    """Normalise whitespace, drop empty paragraphs and later copies of repeated runs; record the removals."""
    incoming = [(index, normalise_paragraph(p)) for index, p in enumerate(article.body)]
    present = [(index, text) for index, text in incoming if text]
    repeats = find_repeats([text for _, text in present])
    gone = {position for repeat in repeats for position in repeat.dropped}
    body = tuple(text for position, (_, text) in enumerate(present) if position not in gone)
    incoming_index = [index for index, _ in present]
    removals = tuple(_removal(repeat, incoming_index) for repeat in repeats)
    return dataclasses.replace(
        article,
        body=body,
        removed=article.removed + removals,
        article_id=compute_article_id(body),
    )


def _removal(repeat: Repeat, incoming_index: list[int]) -> Removal:
    dropped = tuple(incoming_index[p] for p in repeat.dropped)
    original = tuple(incoming_index[p] for p in repeat.original)
    noun = "paragraph" if len(dropped) == 1 else "paragraphs"
    detail = f"{noun} {_span(dropped)} repeat {_span(original)}"
    return Removal(reason=REPEATED_PARAGRAPHS, paragraphs=dropped, detail=detail)


def _span(indexes: tuple[int, ...]) -> str:
    if len(indexes) > 1 and indexes[-1] - indexes[0] == len(indexes) - 1:
        return f"{indexes[0]}-{indexes[-1]}"
    return ", ".join(map(str, indexes))
