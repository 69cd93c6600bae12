"""Find paragraphs a scraper saved more than once.

Scraped pages are often stored with the body twice: in full (p1..pn p1..pn), from the second paragraph on
(p1, p2..pn, p2..pn), or with a run of paragraphs repeated further down. A *repeat* is a later copy of a run of at
least two consecutive paragraphs (at least one of them more than a short caption), or of a single paragraph of
at least 200 characters. Paragraphs are compared by their normalised text, ignoring a leading dateline and a
trailing agency tag such as "(Yonhap)". The first copy is always kept; later copies are reported for removal.

In: a sequence of paragraphs. Out: ``Repeat`` records naming the indexes of each later copy and of the copy it
repeats. Pure functions, no state kept between calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from detente.ids import normalise_text

MIN_SINGLE_CHARS = 200  # a single paragraph this long counts as a repeat on its own
MIN_RUN_PARAGRAPHS = 2
MIN_SUBSTANTIVE_CHARS = 25  # a run of captions/markers ("(END)", "Photo: ...") shorter than this is kept
_MAX_CANDIDATES = 64  # earlier occurrences tried per paragraph
_COMPARISON_BUDGET = 2_000_000  # paragraph comparisons per pass; bounds the work on pathological inputs

_LEADING_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’.\- ]*(?:,[^()\n]{1,30}?)?\s*(?:\([^()\n]{1,40}\))?\s*(?:--|—|–)\s*")
_TRAILING_TAG = re.compile(r"(?<=\S)\s*\([A-Z][A-Za-z&.'\- ]{0,38}\)\s*$")


@dataclass(frozen=True, slots=True)
class Repeat:
    """A later copy (``dropped``) of earlier paragraphs (``original``), as indexes into the input."""

    dropped: tuple[int, ...]
    original: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Run:
    start: int
    length: int
    source: int


def comparison_key(paragraph: str) -> str:
    """Normalised text without a leading dateline or a trailing agency tag."""
    core = _TRAILING_TAG.sub("", paragraph) if paragraph.rstrip().endswith(")") else paragraph  # a tag ends in ")"
    core = _LEADING_DATELINE.sub("", core, count=1)
    return normalise_text(core) or normalise_text(paragraph)


def find_repeats(paragraphs: Sequence[str]) -> list[Repeat]:
    """Every later copy of a repeated run, until none is left (so removing them all is idempotent)."""
    all_keys = [comparison_key(p) for p in paragraphs]
    alive = list(range(len(paragraphs)))
    repeats: list[Repeat] = []
    while True:
        runs = _scan([all_keys[i] for i in alive])
        if not runs:
            return sorted(repeats, key=lambda r: r.dropped)
        gone: set[int] = set()
        for run in runs:
            dropped = tuple(alive[run.start + k] for k in range(run.length))
            original = tuple(alive[run.source + k] for k in range(run.length))
            repeats.append(Repeat(dropped, original))
            gone.update(range(run.start, run.start + run.length))
        alive = [index for position, index in enumerate(alive) if position not in gone]


def _scan(keys: list[str]) -> list[_Run]:
    """One left-to-right pass: at each paragraph, the longest earlier, non-overlapping, still-kept copy."""
    seen: dict[str, list[int]] = {}
    dropped = [False] * len(keys)
    runs: list[_Run] = []
    budget = _COMPARISON_BUDGET
    i = 0
    while i < len(keys) and budget > 0:
        length, source, used = _longest_copy(keys, i, seen.get(keys[i], ()), dropped, budget)
        budget -= used
        if _qualifies(keys[i : i + length]):
            runs.append(_Run(i, length, source))
            for k in range(i, i + length):
                dropped[k] = True
            i += length
            continue
        seen.setdefault(keys[i], []).append(i)
        i += 1
    return runs


def _longest_copy(
    keys: list[str], i: int, candidates: Sequence[int], dropped: list[bool], budget: int
) -> tuple[int, int, int]:
    """(length, start of the earlier copy, comparisons used) of the longest copy of the run starting at i."""
    best_length, best_source, used = 0, -1, 0
    for j in candidates[:_MAX_CANDIDATES]:
        length = 0
        while (
            used < budget
            and i + length < len(keys)
            and j + length < i
            and not dropped[j + length]
            and keys[j + length] == keys[i + length]
        ):
            length += 1
            used += 1
        used += 1
        if length > best_length:
            best_length, best_source = length, j
    return best_length, best_source, used


def _qualifies(run: list[str]) -> bool:
    if not run:
        return False
    if len(run) == 1:
        return len(run[0]) >= MIN_SINGLE_CHARS
    return len(run) >= MIN_RUN_PARAGRAPHS and any(len(key) >= MIN_SUBSTANTIVE_CHARS for key in run)
