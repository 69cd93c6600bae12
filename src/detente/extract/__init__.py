"""Extraction: parsed sentences in, candidate events out (actors, codes, modality, dates, evidence).

spaCy ``Doc`` objects live only inside this package and ``detente.parse``; what leaves is ``Event`` records.
"""

from detente.extract.actors import ActorIndex
from detente.extract.events import EventExtractor, PatternIndex

__all__ = ["ActorIndex", "EventExtractor", "PatternIndex"]
