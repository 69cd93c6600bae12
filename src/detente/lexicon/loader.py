"""Read lexicon and scale YAML files with line numbers, validate every entry, report all problems at once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from detente.errors import LexiconError
from detente.lexicon.schema import (
    BrokerEntry,
    CameoCode,
    CarrierEntry,
    ComplementEntry,
    ConverseEntry,
    CountryEntry,
    CountryGroupEntry,
    DeverbalEntry,
    DirectiveEntry,
    InstitutionEntry,
    InstrumentEntry,
    ModalEntry,
    NominalEntry,
    OrganisationEntry,
    PatternEntry,
    PersonEntry,
    PlaceEntry,
    ReactionEntry,
    Scale,
    SectorEntry,
    SpeechActEntry,
    StativeEntry,
    VenueEntry,
    VerbAliasEntry,
    WordListEntry,
)

LINE_KEY = "__line__"
M = TypeVar("M", bound=BaseModel)


# libyaml's parser when PyYAML was built with it (about 7x faster on the lexicon's 20,000 lines); the pure-Python
# one otherwise. Both give nodes their start marks, so errors keep their line numbers.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """A safe loader that records the line where each mapping starts under ``__line__``."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LineLoader)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _validate(model: type[M], raw: Any, where: str, problems: list[str]) -> M | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected a mapping, got {type(raw).__name__}")
        return None
    try:
        return model.model_validate(_strip_lines(raw))
    except ValidationError as exc:
        for err in exc.errors():
            loc = ".".join(str(part) for part in err["loc"]) or "entry"
            problems.append(f"{where}: {loc}: {err['msg']}")
        return None


@dataclass
class Lexicon:
    """All actor and verb entries, merged across files; ``origin`` maps entry keys to file:line."""

    countries: dict[str, CountryEntry] = field(default_factory=dict)
    country_groups: dict[str, CountryGroupEntry] = field(default_factory=dict)
    organisations: dict[str, OrganisationEntry] = field(default_factory=dict)
    sectors: dict[str, SectorEntry] = field(default_factory=dict)
    institutions: list[InstitutionEntry] = field(default_factory=list)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    patterns: dict[str, PatternEntry] = field(default_factory=dict)
    complements: dict[str, ComplementEntry] = field(default_factory=dict)
    modals: dict[str, ModalEntry] = field(default_factory=dict)
    directives: dict[str, DirectiveEntry] = field(default_factory=dict)
    statives: dict[str, StativeEntry] = field(default_factory=dict)
    verb_aliases: dict[str, VerbAliasEntry] = field(default_factory=dict)
    wordlists: dict[str, WordListEntry] = field(default_factory=dict)
    speech_acts: dict[str, SpeechActEntry] = field(default_factory=dict)
    venues: dict[str, VenueEntry] = field(default_factory=dict)
    nominals: dict[str, NominalEntry] = field(default_factory=dict)
    deverbals: dict[str, DeverbalEntry] = field(default_factory=dict)
    carriers: dict[str, CarrierEntry] = field(default_factory=dict)
    reactions: dict[str, ReactionEntry] = field(default_factory=dict)
    brokers: dict[str, BrokerEntry] = field(default_factory=dict)
    instruments: dict[str, InstrumentEntry] = field(default_factory=dict)
    converses: dict[str, ConverseEntry] = field(default_factory=dict)
    places: list[PlaceEntry] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # file name -> its declared version
    version: str = ""  # short hash of every file's content: names the exact lexicon that coded an event


_SECTIONS: dict[str, type[BaseModel]] = {
    "countries": CountryEntry,
    "country_groups": CountryGroupEntry,
    "organisations": OrganisationEntry,
    "sectors": SectorEntry,
    "institutions": InstitutionEntry,
    "people": PersonEntry,
    "patterns": PatternEntry,
    "complements": ComplementEntry,
    "modals": ModalEntry,
    "directives": DirectiveEntry,
    "statives": StativeEntry,
    "verb_aliases": VerbAliasEntry,
    "wordlists": WordListEntry,
    "speech_acts": SpeechActEntry,
    "venues": VenueEntry,
    "nominals": NominalEntry,
    "deverbals": DeverbalEntry,
    "carriers": CarrierEntry,
    "reactions": ReactionEntry,
    "brokers": BrokerEntry,
    "instruments": InstrumentEntry,
    "converses": ConverseEntry,
    "places": PlaceEntry,
}


# Sections stored as ``Lexicon.<section>[entry.id]`` with nothing else to check or record.
_KEYED_BY_ID = ("country_groups", "complements", "modals", "directives", "statives", "verb_aliases", "wordlists",
                "speech_acts", "venues", "nominals", "deverbals", "carriers", "reactions", "brokers", "instruments",
                "converses")


def _merge_person(old: PersonEntry, new: PersonEntry) -> PersonEntry:
    variants = list(dict.fromkeys([*old.variants, *new.variants]))
    roles = list({(r.role, r.valid_from, r.valid_to): r for r in [*old.roles, *new.roles]}.values())
    roles.sort(key=lambda r: r.valid_from or r.valid_to or date.min)
    return old.model_copy(update={"variants": variants, "roles": roles})


def _add(lexicon: Lexicon, section: str, entry: BaseModel, where: str, problems: list[str]) -> None:
    if isinstance(entry, CountryEntry):
        lexicon.countries[entry.code] = entry
        lexicon.origin[f"country:{entry.code}"] = where
    elif isinstance(entry, OrganisationEntry):
        lexicon.organisations[entry.code] = entry
        lexicon.origin[f"org:{entry.code}"] = where
    elif isinstance(entry, SectorEntry):
        lexicon.sectors[entry.code] = entry
        lexicon.origin[f"sector:{entry.code}"] = where
    elif isinstance(entry, InstitutionEntry):
        for text in entry.text:
            previous = lexicon.origin.get(f"institution:{text}", "")
            if previous.rsplit(":", 1)[0] == where.rsplit(":", 1)[0]:
                problems.append(f"{where}: institution text {text!r} already listed at {previous}")
            lexicon.origin[f"institution:{text}"] = where
        lexicon.institutions.append(entry)
    elif isinstance(entry, PersonEntry):
        old = lexicon.people.get(entry.id)
        lexicon.people[entry.id] = _merge_person(old, entry) if old else entry
        lexicon.origin.setdefault(f"person:{entry.id}", where)
    elif isinstance(entry, PatternEntry):
        previous = lexicon.origin.get(f"pattern:{entry.id}", "")
        if previous.rsplit(":", 1)[0] == where.rsplit(":", 1)[0]:
            problems.append(f"{where}: pattern id {entry.id!r} already used at {previous}")
        lexicon.patterns[entry.id] = entry
        lexicon.origin[f"pattern:{entry.id}"] = where
    elif section in _KEYED_BY_ID:  # complements, modals, ..., brokers: a dict by id named like the section
        getattr(lexicon, section)[getattr(entry, "id")] = entry  # noqa: B009 - entry is typed as BaseModel
    elif isinstance(entry, PlaceEntry):
        lexicon.places.append(entry)


def lexicon_files(folders: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        files.extend(sorted(p for p in Path(folder).glob("*.y*ml") if p.is_file()))
    return files


def load_lexicon(folders: Iterable[Path]) -> Lexicon:
    """Load and validate every lexicon file in ``folders``; raise ``LexiconError`` listing all problems."""
    lexicon = Lexicon()
    problems: list[str] = []
    digest = hashlib.sha256()
    files = lexicon_files(folders)
    if not files:
        raise LexiconError([f"no lexicon files (*.yaml) in {', '.join(str(f) for f in folders)}"])
    for path in files:
        digest.update(path.read_bytes())
        try:
            document = read_yaml(path)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            problems.append(f"{path}{line}: not valid YAML: {getattr(exc, 'problem', exc)}")
            continue
        if not isinstance(document, dict):
            problems.append(f"{path}:1: expected a mapping with a version and entry lists")
            continue
        lexicon.files[path.name] = str(document.get("version", "unversioned"))
        known = [key for key in document if key in _SECTIONS]
        if not known:
            problems.append(f"{path}:1: no entry list (one of {', '.join(_SECTIONS)})")
        for section in known:
            items = document[section]
            if not isinstance(items, list):
                problems.append(f"{path}: {section} must be a list")
                continue
            for item in items:
                line = item.get(LINE_KEY, "?") if isinstance(item, dict) else "?"
                where = f"{path}:{line}"
                entry = _validate(_SECTIONS[section], item, where, problems)
                if entry is not None:
                    _add(lexicon, section, entry, where, problems)
    if problems:
        raise LexiconError(problems)
    lexicon.version = digest.hexdigest()[:12]
    return lexicon


def load_scale(path: Path) -> Scale:
    """Load the CAMEO scale table; raise ``LexiconError`` with file:line on any problem."""
    try:
        document = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError([f"{path}: cannot read: {exc}"]) from exc
    if not isinstance(document, dict) or not isinstance(document.get("codes"), list):
        raise LexiconError([f"{path}:1: expected a mapping with a list of codes"])
    problems: list[str] = []
    seen: dict[str, str] = {}
    for item in document["codes"]:
        where = f"{path}:{item.get(LINE_KEY, '?') if isinstance(item, dict) else '?'}"
        entry = _validate(CameoCode, item, where, problems)
        if entry is not None:
            if entry.code in seen:
                problems.append(f"{where}: code {entry.code} already defined at {seen[entry.code]}")
            seen[entry.code] = where
    scale = None if problems else _validate(Scale, document, f"{path}:1", problems)
    if scale is None:
        raise LexiconError(problems)
    return scale
