"""Lexicons and scales: data files in, validated typed entries out.

``load_lexicon(settings)`` reads every YAML file in the configured lexicon folders (later folders override earlier
entries with the same key), validates each entry against its schema and reports *all* problems at once with
file:line. ``load_scale(path)`` does the same for the CAMEO/Goldstein/PLOVER table.
"""

from detente.lexicon.loader import Lexicon, load_lexicon, load_scale
from detente.lexicon.schema import (
    CameoCode,
    CountryEntry,
    InstitutionEntry,
    OrganisationEntry,
    PatternEntry,
    PersonEntry,
    RoleEntry,
    Scale,
    SectorEntry,
)

__all__ = [
    "CameoCode",
    "CountryEntry",
    "InstitutionEntry",
    "Lexicon",
    "OrganisationEntry",
    "PatternEntry",
    "PersonEntry",
    "RoleEntry",
    "Scale",
    "SectorEntry",
    "load_lexicon",
    "load_scale",
]
