"""Speed of the time-expression resolver: microseconds per expression and per sentence scan.

Target (issue "event dates"): < 0.1 ms per expression. `dateparser` is timed on the same expressions when it
is installed, for comparison (it is not a dependency).

    .venv/bin/python benchmarks/dates.py
"""

from __future__ import annotations

import time
from datetime import date

from detente.resolve.dates import DateContext, find_dates, resolve_date

EXPRESSIONS = [
    "Feb. 10, 2021", "10 February 2021", "2021-02-10", "in July 2019", "in 2015", "in March", "on Tuesday",
    "last Wednesday", "yesterday", "today", "last week", "this week", "last month", "earlier this month",
    "earlier this year", "in early 2019", "mid-2019", "in late July", "the first half of 2019", "since 2018",
    "from 1910 to 1945", "a decade ago", "in the 1990s", "over the weekend", "on Sept. 3", "03/04/2021",
]
SENTENCE = ("Relations began to deteriorate in mid-2019 when Japan placed restrictions on exports, officials said "
            "on Thursday, a year after the court ruling of Oct. 30, 2018.")


def main() -> None:
    ctx = DateContext(date(2021, 2, 10), "MDY")
    rounds = 2000
    began = time.perf_counter()
    for _ in range(rounds):
        for text in EXPRESSIONS:
            resolve_date(text, ctx)
    per_expression = (time.perf_counter() - began) / (rounds * len(EXPRESSIONS))
    began = time.perf_counter()
    for _ in range(rounds):
        find_dates(SENTENCE, ctx)
    per_sentence = (time.perf_counter() - began) / rounds
    print(f"detente resolver: {per_expression * 1e3:.4f} ms per expression ({len(EXPRESSIONS)} forms), "
          f"{per_sentence * 1e3:.4f} ms per {len(SENTENCE.split())}-word sentence scan; target < 0.1 ms")
    try:
        import dateparser  # type: ignore[import-not-found]
    except ImportError:
        print("dateparser not installed: no comparison")
        return
    began = time.perf_counter()
    for text in EXPRESSIONS:
        dateparser.parse(text)
    print(f"dateparser: {(time.perf_counter() - began) / len(EXPRESSIONS) * 1e3:.2f} ms per expression")


if __name__ == "__main__":
    main()
