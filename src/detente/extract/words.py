"""The closed word lists the coder's rules consult, read from the lexicon's ``wordlists`` section (wordlists.yaml).

Built once per process with the extractor; a list a rule needs and the lexicon lacks is a ``LexiconError`` at load
time, not a silent empty set.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from detente.errors import LexiconError
from detente.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Words:
    """Each field is the list with the same id, "_" written "-" ("speech_verbs" is "speech-verbs")."""

    speech_verbs: frozenset[str]
    act_nouns: frozenset[str]
    unrealised_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    active_only_verbs: frozenset[str]
    arrival_verbs: frozenset[str]
    wish_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    quantities: frozenset[str]
    movement_nouns: frozenset[str]
    harm_nouns: frozenset[str]
    cancelling_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    landing_verbs: frozenset[str]
    agreeing_verbs: frozenset[str]
    names_without_country: frozenset[str]
    decision_verbs: frozenset[str]
    time_words: frozenset[str]
    accusing_verbs: frozenset[str]
    allegation_verbs: frozenset[str]
    border_nouns: frozenset[str]
    document_nouns: frozenset[str]
    complaint_nouns: frozenset[str]
    mass_counts: frozenset[str]
    mass_sizes: frozenset[str]
    collective_heads: frozenset[str]
    pair_heads: frozenset[str]
    person_pair_heads: frozenset[str]
    generic_heads: frozenset[str]
    anaphoric_heads: frozenset[str]
    anaphoric_org_heads: frozenset[str]
    anaphoric_group_heads: frozenset[str]
    honorifics: frozenset[str]
    affiliation_participles: frozenset[str]
    court_words: frozenset[str]
    ruling_verbs: frozenset[str]
    blaming_predicates: frozenset[str]
    crowd_nouns: frozenset[str]
    meaning_particles: frozenset[tuple[str, str]]  # (verb lemma, particle): "give up" is not "give"

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> Words:
        lists = {f.name: f.name.replace("_", "-") for f in fields(cls)}
        missing = [key for key in lists.values() if key not in lexicon.wordlists]
        if missing:
            raise LexiconError([f"wordlists: missing list(s) {', '.join(missing)} (see wordlists.yaml)"])
        values: dict[str, frozenset[str] | frozenset[tuple[str, str]]] = {
            name: frozenset(lexicon.wordlists[key].words) for name, key in lists.items()}
        pairs = [tuple(w.split(None, 1)) for w in lexicon.wordlists["meaning-particles"].words]
        bad = [" ".join(p) for p in pairs if len(p) != 2]
        if bad:
            raise LexiconError([f"wordlists: meaning-particles entries must be two words: {bad}"])
        values["meaning_particles"] = frozenset((p[0], p[1]) for p in pairs)
        return cls(**values)  # type: ignore[arg-type]
