"""The in-process runner's batching: batches end on whole spaCy minibatches, within twice the word budget."""

from __future__ import annotations

from detente.records import Article, Rejected
from detente.runners.pipeline import PARSE_BATCH_SIZE, _batches


def _article(i: int, words: int) -> Article:
    return Article(article_id=f"a{i}", source=None, title=None, byline=None, published=None, published_text=None,
                   dateline=None, url=None, language="en", body=(" ".join(["word"] * words),))


def _articles(batch: list[Article | Rejected]) -> int:
    return sum(isinstance(r, Article) for r in batch)


def test_batches_end_on_whole_minibatches_after_the_word_budget() -> None:
    records = [_article(i, 10) for i in range(200)]
    batches = list(_batches(records, words=500))  # 50 articles reach the budget; 64 make two whole minibatches
    assert [_articles(b) for b in batches] == [2 * PARSE_BATCH_SIZE] * 3 + [8]
    assert [r for b in batches for r in b] == records


def test_rejects_do_not_count_and_long_articles_stop_at_twice_the_budget() -> None:
    records: list[Article | Rejected] = [Rejected("x", "ingest", "empty", "")]
    records += [_article(i, 300) for i in range(10)]
    batches = list(_batches(records, words=500))  # 2 articles reach 500 words; 4 reach 1,000
    assert [_articles(b) for b in batches] == [4, 4, 2]
    assert len(batches[0]) == 5
