"""The outlet table: which agencies and papers detente knows, the names they go by, and their time zones.

In: a YAML file (``agencies.yaml``, packaged by default). Out: an ``AgencyTable`` that maps a byline, trailing tag
or site name (any of an agency's ``forms``, case- and space-insensitive) to its ``Agency``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from detente.config import DATA_DIR
from detente.errors import ConfigError

DEFAULT_AGENCIES_FILE = DATA_DIR / "agencies.yaml"
NUMERIC_DATE_ORDERS = frozenset({"YMD", "DMY", "MDY"})

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Agency:
    """One outlet: canonical name, the forms bylines and tags use, its zone and numeric date order."""

    name: str
    forms: tuple[str, ...]
    zone: str
    country: str | None = None
    numeric_dates: str = "YMD"

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.zone)


def _form_key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().strip(".").lower()


class AgencyTable:
    """Looks agencies up by any of their forms. Build it with ``load_agencies`` or from ``Agency`` records."""

    def __init__(self, agencies: Iterable[Agency], version: str = "") -> None:
        self.version = version
        self._agencies = tuple(agencies)
        self._by_form: dict[str, Agency] = {}
        for agency in self._agencies:
            for form in (agency.name, *agency.forms):
                self._by_form.setdefault(_form_key(form), agency)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self._agencies)

    def __len__(self) -> int:
        return len(self._agencies)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.lookup(text) is not None

    def lookup(self, text: str | None) -> Agency | None:
        """The agency ``text`` names (e.g. "Yonhap News Agency" -> Yonhap), or None."""
        if not text:
            return None
        return self._by_form.get(_form_key(text))

    def canonical(self, text: str | None) -> str | None:
        """The canonical name when ``text`` is a known form, else ``text`` unchanged."""
        agency = self.lookup(text)
        return agency.name if agency is not None else text

    def zone_for(self, text: str | None) -> str | None:
        """The zone of the agency ``text`` names, or None when it is not known."""
        agency = self.lookup(text)
        return agency.zone if agency is not None else None


def load_agencies(path: Path | str | None = None) -> AgencyTable:
    """Read an agencies file (the packaged one when ``path`` is None); every problem is reported at once."""
    source = Path(path) if path is not None else DEFAULT_AGENCIES_FILE
    try:
        loaded = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read agencies file {source}: {exc}") from exc
    if not isinstance(loaded, dict) or not isinstance(loaded.get("agencies"), list):
        raise ConfigError(f"{source}: expected a mapping with an 'agencies' list")
    agencies: list[Agency] = []
    problems: list[str] = []
    for index, entry in enumerate(loaded["agencies"]):
        agency = _make_agency(entry, f"{source}: agencies[{index}]", problems)
        if agency is not None:
            agencies.append(agency)
    if problems:
        raise ConfigError("\n".join([f"{len(problems)} problem(s) in agencies file:", *problems]))
    return AgencyTable(agencies, version=str(loaded.get("version", "")))


def _make_agency(entry: Any, where: str, problems: list[str]) -> Agency | None:
    if not isinstance(entry, dict):
        problems.append(f"{where}: expected a mapping")
        return None
    count = len(problems)
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}: 'name' must be a non-empty string")
    forms = entry.get("forms", [])
    if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
        problems.append(f"{where}: 'forms' must be a list of non-empty strings")
    zone = entry.get("zone")
    if not isinstance(zone, str) or not _zone_exists(zone):
        problems.append(f"{where}: 'zone' {zone!r} is not a known IANA time zone")
    order = entry.get("numeric_dates", "YMD")
    if order not in NUMERIC_DATE_ORDERS:
        problems.append(f"{where}: 'numeric_dates' must be one of {sorted(NUMERIC_DATE_ORDERS)}, got {order!r}")
    country = entry.get("country")
    if country is not None and not isinstance(country, str):
        problems.append(f"{where}: 'country' must be a string")
    if len(problems) > count:
        return None
    return Agency(name=str(name), forms=tuple(forms), zone=str(zone), country=country, numeric_dates=str(order))


def _zone_exists(zone: str) -> bool:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
