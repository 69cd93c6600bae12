"""FUSE stage: near-duplicate stories and event fusion.

In: article texts (for ``NearDupIndex``) and the store's event rows as ``Mention`` records (for ``fuse``). Out:
a near-duplicate cluster id per article, and ``FusedEvent`` records. Each one is a real-world event with its
mentions, its first and last report, and its counts of articles and outlets, dated by the most precise date any
mention gives. Pure library code. The index is an object the caller owns, and ``fuse`` keeps no state between
calls.
"""

from __future__ import annotations

from detente.fuse.fusion import (
    DEFAULT_RULES,
    FINE_ROOTS,
    FusedEvent,
    FusionRules,
    Mention,
    choose_cameo,
    code_family,
    fuse,
    fusion_key,
)
from detente.fuse.neardup import NearDupIndex, shingles_of, words_of

__all__ = [
    "DEFAULT_RULES",
    "FINE_ROOTS",
    "FusedEvent",
    "FusionRules",
    "Mention",
    "NearDupIndex",
    "choose_cameo",
    "code_family",
    "fuse",
    "fusion_key",
    "shingles_of",
    "words_of",
]
