"""IMPORT: event data other coders already made (ICEWS, GDELT 2.0, plain CSV) into the store.

In: a file or a folder of files in one of ``FORMATS`` (plain, ``.gz`` or ``.zip``). Out: rows in the store's
``events`` table (no evidence: ``article_id`` and ``sentence`` are null, ``rule_id`` is ``import:<fmt>``,
``versions`` names the file, the format and the record) **and** one ``fused_events`` row per imported event, plus
an ``ImportSummary`` that accounts for every row read: imported, skipped as a duplicate, or rejected with a
reason (``IMPORT_REJECT_REASONS``; each rejection is also written to the store's ``rejects`` table).

These datasets already have one row per real-world event, so their rows are not fused with detente's own
mentions nor with each other: each becomes a fused event of its own, under a fusion key in an ``import:``
namespace that detente's fusion never touches. Keys are stable hashes of (format, source id) — ICEWS Event ID,
GDELT GLOBALEVENTID, the CSV ``id`` column — or, when a row has no id, of (format, the row's cells, how many
identical rows came before it in the same file). Importing the same file again adds nothing.

Countries become ISO alpha-3 through our lexicon (``detente.resolve.names.country_code``); codes are checked
against our CAMEO scale; Goldstein comes from the file when it has one, else from our scale; QuadClass and
PLOVER always come from our scale. docs/exports.md documents the formats, the sector mapping and the keys.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson
import pyarrow as pa

from detente.errors import InputPathError
from detente.ids import stable_hash
from detente.lexicon import Lexicon
from detente.records import Rejected
from detente.resolve.names import country_code
from detente.resolve.scale import Scorer
from detente.store import Store

FORMATS: tuple[str, ...] = ("icews", "icews-decoded", "gdelt", "csv")
STAGE = "import"
BATCH_ROWS = 50_000
EXAMPLES_PER_REASON = 5

IMPORT_REJECT_REASONS: dict[str, str] = {
    "bad-header": "the file lacks a column the format requires (the whole file is skipped)",
    "unreadable": "the file could not be opened or decoded",
    "bad-row": "the row has the wrong number of columns for the format",
    "bad-date": "the event date is missing or not a valid date",
    "no-country": "the source or target has no country (a person, a group or a multinational actor)",
    "unknown-country": "the source or target country is not in detente's country lexicon",
    "unknown-sector": "a CSV sector is not one of detente's sector codes",
    "bad-code": "the CAMEO code is missing or not 2-4 digits",
    "unknown-code": "the CAMEO code is not in detente's scale (nor is its 3-digit parent)",
    "bad-goldstein": "the Goldstein value is not a number in [-10, 10]",
}

# Folder imports pick files by suffix (after stripping .gz/.zip).
_SUFFIXES: dict[str, frozenset[str]] = {
    "icews": frozenset({".tab", ".tsv", ".txt"}),
    "icews-decoded": frozenset({".tsv"}),
    "gdelt": frozenset({".csv", ".txt", ".tsv"}),
    "csv": frozenset({".csv"}),
}
_DEFAULT_LABEL = {"icews": "ICEWS", "icews-decoded": "ICEWS", "gdelt": "GDELT 2.0"}

# CAMEO/ICEWS country codes that are not ISO alpha-3, to the ISO code detente uses.
CAMEO_COUNTRY_CODES: dict[str, str] = {"ROM": "ROU", "TMP": "TLS", "KSV": "XKX", "ZAR": "COD"}
# ICEWS country names that our lexicon spells differently.
ICEWS_COUNTRY_NAMES: dict[str, str] = {
    "congo": "COG",
    "moldova, republic of": "MDA",
    "madagaskar": "MDG",
    "serbia and montenegro": "SRB",
}

# ICEWS sector words -> detente sector, first matching rule wins (so a defence ministry, whose ICEWS sectors say
# both "Government" and "Defense", is MIL, as in detente's own sector lexicon). Matched at word starts, case-
# insensitively, against every item of the "Source Sectors" list or the "Sector (Country)" actor name.
ICEWS_SECTOR_RULES: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    ("MIL", ("military", "defense", "defence", "armed forces", "army", "navy", "naval", "air force", "marine",
             "admiral", "joint chiefs", "peacekeep", "fighter", "bomber", "warship", "aircraft carrier")),
    ("SPY", ("intelligence", "spy", "secret agent")),
    ("COP", ("police", "coast guard", "border guard")),
    ("JUD", ("judicial", "judiciary", "judge", "court", "prosecut")),
    ("LEG", ("legislat", "parliament", "congress", "lawmaker", "senate", "house of representatives",
             "house speaker", "assembl")),
    ("OPP", ("opposition", "dissident")),
    ("REB", ("rebel", "insurgent", "separatist")),
    ("GOV", ("government", "executive", "cabinet", "ministry", "minister", "foreign affairs", "head of state",
             "head of government", "diplomat", "envoy", "ambassador", "president", "official", "authorities",
             "secretary", "national security advis", "mayor", "governor", "bureaucrat", "royal", "ruling party")),
    (None, ("party",)),  # other parties: government or opposition changes over time (as in the sector lexicon)
    ("BUS", ("business", "commerc", "industr", "corporat", "company", "bank", "finance", "trade", "airline")),
    ("MED", ("media", "news", "journalist", "blogger")),
    ("EDU", ("education", "academ", "universit", "student", "school", "scholar", "professor")),
    ("REL", ("religio", "clergy", "church", "monaster")),
    ("HLH", ("health", "medical", "hospital")),
    ("LAB", ("labor", "labour", "trade union", "unions", "worker")),
    ("REF", ("refugee", "displaced")),
    ("CRM", ("crimin", "smuggl", "gang")),
    ("AGR", ("agricultur", "farm", "fisher")),
    ("ENV", ("environment",)),
    ("NGO", ("ngo", "non-governmental", "nongovernmental", "human rights", "activist")),
    ("ELI", ("elite",)),
    ("CVL", ("citizen", "civilian", "protester", "social", "general population", "mob")),
)
# CAMEO actor type codes (GDELT Actor1Type1Code...) that are not detente sector codes but mean one.
GDELT_TYPE_CODES: dict[str, str] = {"INS": "REB", "SEP": "REB", "MNC": "BUS", "HRI": "NGO", "AMN": "NGO",
                                    "IRC": "NGO", "PKO": "MIL"}

# The GDELT 2.0 event export: 61 tab-separated columns, no header (GDELT Event Codebook 2.0).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{part}" for n in (1, 2) for part in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{part}" for who in ("Actor1", "Actor2", "Action") for part in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
_GDELT = {name: index for index, name in enumerate(GDELT_COLUMNS)}

ICEWS_REQUIRED = ("event date", "source country", "cameo code", "target country")
DECODED_REQUIRED = ("date", "source", "source_country", "cameo_code", "target", "target_country")
CSV_REQUIRED = ("date", "source_country", "target_country", "cameo")

_TS = pa.timestamp("us", tz="UTC")
_DIGITS = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """One event read from a file, resolved to detente's codes, before it gets its key."""

    identity: tuple[str, ...]  # ("id", "123") or ("row", cells..., occurrence)
    record: str  # "Event ID 123", "line 17": where a person finds it in the file
    day: date
    day_text: str
    source_country: str
    source_sector: str | None
    source_name: str | None
    target_country: str
    target_sector: str | None
    target_name: str | None
    cameo: str
    goldstein: float | None
    outlet: str | None = None
    reported: datetime | None = None
    n_articles: int = 1
    n_sources: int = 1


@dataclass
class ImportSummary:
    """What one import did: every row read is imported, a duplicate, or rejected with a reason."""

    path: str
    fmt: str
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: dict[str, int] = field(default_factory=dict)  # reason -> rows
    bad_files: list[Rejected] = field(default_factory=list)  # whole files skipped (bad-header, unreadable)
    examples: list[Rejected] = field(default_factory=list)  # the first few rejected rows of each reason

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejected.values())

    @property
    def accounted(self) -> bool:
        return self.rows_read == self.imported + self.duplicates + self.rows_rejected

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.fmt, "files": len(self.files), "rows_read": self.rows_read,
                "imported": self.imported, "duplicates": self.duplicates, "rejected": dict(self.rejected),
                "bad_files": [{"file": r.input_ref, "reason": r.reason, "message": r.message}
                              for r in self.bad_files]}

    def _reject(self, rejected: Rejected) -> None:
        seen = self.rejected.get(rejected.reason, 0)
        self.rejected[rejected.reason] = seen + 1
        if seen < EXAMPLES_PER_REASON:
            self.examples.append(rejected)


class RowProblem(Exception):
    """A row that cannot be imported: ``reason`` is a key of IMPORT_REJECT_REASONS."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


class _Resolver:
    """Country, sector, code and number checks shared by the formats, with per-import caches."""

    def __init__(self, lexicon: Lexicon, scorer: Scorer):
        self.lexicon = lexicon
        self.scorer = scorer
        self._names: dict[str, str | None] = {}
        self._sectors: dict[str, str | None] = {}

    def country_by_name(self, name: str) -> str | None:
        key = " ".join(name.split()).lower()
        if key not in self._names:
            self._names[key] = ICEWS_COUNTRY_NAMES.get(key) or country_code(name, self.lexicon)
        return self._names[key]

    def country_by_code(self, code: str) -> str | None:
        code = CAMEO_COUNTRY_CODES.get(code.strip().upper(), code.strip().upper())
        return code if code in self.lexicon.countries or code in self.lexicon.organisations else None

    def country(self, side: str, code: str, name: str, by: Callable[[str], str | None]) -> str:
        """The country of one side: from its code/name column, else (IGOs and countries as actors) its name."""
        if code.strip():
            found = by(code)
            if found is None:
                raise RowProblem("unknown-country", f"{side} country {code.strip()!r} is not in the lexicon")
            return found
        found = self.country_by_name(name) if name.strip() else None
        if found is None:
            raise RowProblem("no-country", f"{side} {name.strip()!r} has no country" if name.strip()
                             else f"{side} has no country")
        return found

    def icews_sector(self, text: str) -> str | None:
        """The detente sector of an ICEWS sector list ("Government,Executive") or actor ("Military (Japan)")."""
        key = text.strip().lower()
        if key not in self._sectors:
            self._sectors[key] = _sector_by_rules(key)
        return self._sectors[key]

    def gdelt_sector(self, codes: Sequence[str]) -> str | None:
        for code in codes:
            code = code.strip().upper()
            if code in self.lexicon.sectors:
                return code
            if code in GDELT_TYPE_CODES:
                return GDELT_TYPE_CODES[code]
        return None

    def csv_sector(self, side: str, text: str) -> str | None:
        code = text.strip().upper()
        if not code:
            return None
        if code not in self.lexicon.sectors:
            raise RowProblem("unknown-sector", f"{side} sector {text.strip()!r} is not a detente sector code")
        return code

    def known(self, code: str) -> bool:
        """A code of the scale, or a 4-digit code whose 3-digit parent is (scored as the parent)."""
        return code in self.scorer or (len(code) == 4 and code[:3] in self.scorer)

    def cameo(self, text: str) -> str:
        code = text.strip()
        if not _DIGITS.match(code):
            raise RowProblem("bad-code", f"CAMEO code {code!r} is not 2-4 digits")
        if len(code) == 2 or (len(code) == 3 and not self.known(code) and self.known("0" + code)):
            code = "0" + code  # a leading zero lost on the way ("43" for 043, "313" for 0313)
        if not self.known(code):
            raise RowProblem("unknown-code", f"CAMEO code {text.strip()!r} is not in the scale")
        return code

    @staticmethod
    def goldstein(text: str) -> float | None:
        if not text.strip():
            return None
        try:
            value = float(text)
        except ValueError:
            raise RowProblem("bad-goldstein", f"Goldstein {text.strip()!r} is not a number") from None
        if not -10.0 <= value <= 10.0:  # also false for NaN
            raise RowProblem("bad-goldstein", f"Goldstein {value} is outside [-10, 10]")
        return value


def _sector_by_rules(text: str) -> str | None:
    for code, words in ICEWS_SECTOR_RULES:
        if any(re.search(r"\b" + re.escape(word), text) for word in words):
            return code
    return None


def _actor_sector(name: str) -> str:
    """The sector part of an ICEWS actor name: "Foreign Affairs (South Korea)" -> "Foreign Affairs"."""
    head, sep, _ = name.strip().rpartition(" (")
    return head if sep and name.strip().endswith(")") else ""


def parse_day(text: str) -> date:
    """ISO dates (2015-12-28) and GDELT's compact form (20151228)."""
    value = text.strip()
    try:
        if len(value) == 8 and value.isdigit():
            day = date(int(value[:4]), int(value[4:6]), int(value[6:]))
        else:
            day = date.fromisoformat(value[:10])
    except ValueError:
        raise RowProblem("bad-date", f"date {value!r} is not YYYY-MM-DD or YYYYMMDD") from None
    if not 1800 <= day.year <= 2100:
        raise RowProblem("bad-date", f"date {value!r} is out of range")
    return day


# -- formats: a header (or None) and the cells of one row -> ImportedRow ---------------------------------------


class _Columns:
    """Cells of a row by (lower-cased) header name."""

    def __init__(self, header: Sequence[str], required: Sequence[str]):
        self.index = {name.strip().lower(): i for i, name in enumerate(header)}
        self.width = len(header)
        self.missing = [name for name in required if name not in self.index]

    def get(self, cells: Sequence[str], name: str) -> str:
        i = self.index.get(name)
        return cells[i] if i is not None and i < len(cells) else ""


def _check_width(cells: Sequence[str], width: int) -> None:
    if len(cells) != width:
        raise RowProblem("bad-row", f"{len(cells)} columns, expected {width}")


def _icews_row(cols: _Columns, cells: list[str], line: int, r: _Resolver) -> ImportedRow:
    _check_width(cells, cols.width)
    ident = cols.get(cells, "event id").strip()
    day_text = cols.get(cells, "event date")
    sides: dict[str, tuple[str, str | None, str | None]] = {}
    for side in ("source", "target"):
        name = cols.get(cells, f"{side} name")
        country = r.country(side, cols.get(cells, f"{side} country"), name, r.country_by_name)
        sectors = cols.get(cells, f"{side} sectors") or _actor_sector(name)
        sides[side] = (country, r.icews_sector(sectors) if sectors else None, name.strip() or None)
    return ImportedRow(
        identity=("id", ident) if ident else ("row", *cells), record=f"Event ID {ident}" if ident else f"line {line}",
        day=parse_day(day_text), day_text=day_text.strip(),
        source_country=sides["source"][0], source_sector=sides["source"][1], source_name=sides["source"][2],
        target_country=sides["target"][0], target_sector=sides["target"][1], target_name=sides["target"][2],
        cameo=r.cameo(cols.get(cells, "cameo code")), goldstein=r.goldstein(cols.get(cells, "intensity")),
        outlet=cols.get(cells, "publisher").strip() or None)


def _decoded_row(cols: _Columns, cells: list[str], line: int, r: _Resolver) -> ImportedRow:
    _check_width(cells, cols.width)
    sides: dict[str, tuple[str, str | None, str | None]] = {}
    for side in ("source", "target"):
        name = cols.get(cells, side)
        country = r.country(side, cols.get(cells, f"{side}_country"), name, r.country_by_code)
        sector = _actor_sector(name)
        sides[side] = (country, r.icews_sector(sector) if sector else None, name.strip() or None)
    day_text = cols.get(cells, "date")
    return ImportedRow(
        identity=("row", *cells), record=f"line {line}", day=parse_day(day_text), day_text=day_text.strip(),
        source_country=sides["source"][0], source_sector=sides["source"][1], source_name=sides["source"][2],
        target_country=sides["target"][0], target_sector=sides["target"][1], target_name=sides["target"][2],
        cameo=r.cameo(cols.get(cells, "cameo_code")), goldstein=r.goldstein(cols.get(cells, "goldstein")))


def _gdelt_row(cells: list[str], line: int, r: _Resolver) -> ImportedRow:
    _check_width(cells, len(GDELT_COLUMNS))

    def cell(name: str) -> str:
        return cells[_GDELT[name]].strip()

    sides: dict[str, tuple[str, str | None, str | None]] = {}
    for side, n in (("source", 1), ("target", 2)):
        name = cell(f"Actor{n}Name")
        code = cell(f"Actor{n}CountryCode")
        if not code:
            raise RowProblem("no-country", f"{side} {name or cell(f'Actor{n}Code')!r} has no country code")
        country = r.country(side, code, name, r.country_by_code)
        sector = r.gdelt_sector([cell(f"Actor{n}Type{k}Code") for k in (1, 2, 3)])
        sides[side] = (country, sector, name or None)
    ident = cell("GLOBALEVENTID")
    url = cell("SOURCEURL")
    host = urlsplit(url).hostname if url.startswith(("http://", "https://")) else None
    return ImportedRow(
        identity=("id", ident) if ident else ("row", *cells), record=f"GLOBALEVENTID {ident}" if ident
        else f"line {line}", day=parse_day(cell("SQLDATE")), day_text=cell("SQLDATE"),
        source_country=sides["source"][0], source_sector=sides["source"][1], source_name=sides["source"][2],
        target_country=sides["target"][0], target_sector=sides["target"][1], target_name=sides["target"][2],
        cameo=r.cameo(cell("EventCode")), goldstein=r.goldstein(cell("GoldsteinScale")),
        outlet=host.removeprefix("www.") if host else (url or None), reported=_gdelt_added(cell("DATEADDED")),
        n_articles=_count(cell("NumArticles")), n_sources=_count(cell("NumSources")))


def _gdelt_added(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC) if text else None
    except ValueError:
        return None


def _count(text: str) -> int:
    return int(text) if text.isdigit() and int(text) > 0 else 1


def _csv_row(cols: _Columns, cells: list[str], line: int, r: _Resolver) -> ImportedRow:
    _check_width(cells, cols.width)
    ident = cols.get(cells, "id").strip()
    sides: dict[str, tuple[str, str | None, str | None]] = {}
    for side in ("source", "target"):
        text = cols.get(cells, f"{side}_country")
        if not text.strip():
            raise RowProblem("no-country", f"{side} has no country")
        country = r.country_by_name(text)
        if country is None:
            raise RowProblem("unknown-country", f"{side} country {text.strip()!r} is not in the lexicon")
        sides[side] = (country, r.csv_sector(side, cols.get(cells, f"{side}_sector")), None)
    url = cols.get(cells, "url").strip()
    day_text = cols.get(cells, "date")
    return ImportedRow(
        identity=("id", ident) if ident else ("row", *cells), record=f"id {ident}" if ident else f"line {line}",
        day=parse_day(day_text), day_text=day_text.strip(),
        source_country=sides["source"][0], source_sector=sides["source"][1], source_name=None,
        target_country=sides["target"][0], target_sector=sides["target"][1], target_name=None,
        cameo=r.cameo(cols.get(cells, "cameo")), goldstein=r.goldstein(cols.get(cells, "goldstein")),
        outlet=cols.get(cells, "source").strip() or (urlsplit(url).hostname if url else None))


# -- files -----------------------------------------------------------------------------------------------------


def _texts(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """(reference, text stream) for a plain, gzipped or zipped file (every member of a zip)."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if not member.is_dir():
                    with archive.open(member) as raw:
                        yield f"{path}!{member.filename}", io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    elif path.suffix.lower() == ".gz":
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
            yield str(path), handle
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield str(path), handle


def _rows(handle: io.TextIOBase, fmt: str) -> Iterator[list[str]]:
    if fmt == "csv":
        return csv.reader(handle)
    return (line.rstrip("\r\n").split("\t") for line in handle if line.strip())


RowParser = Callable[[list[str], int, _Resolver], ImportedRow]


def _parser(fmt: str, header: list[str] | None) -> tuple[RowParser, list[str]]:
    """The row parser of a format for a file with this header, and the required columns it lacks."""
    if fmt == "gdelt":
        return _gdelt_row, []
    assert header is not None
    make: dict[str, tuple[Callable[[_Columns, list[str], int, _Resolver], ImportedRow], Sequence[str]]] = {
        "icews": (_icews_row, ICEWS_REQUIRED), "icews-decoded": (_decoded_row, DECODED_REQUIRED),
        "csv": (_csv_row, CSV_REQUIRED)}
    row_fn, required = make[fmt]
    cols = _Columns(header, required)
    return (lambda cells, line, r: row_fn(cols, cells, line, r)), cols.missing


def _read_file(path: Path, fmt: str, resolver: _Resolver, summary: ImportSummary
               ) -> Iterator[ImportedRow | Rejected]:
    """The rows of one file, parsed; file-level problems go to ``summary.bad_files``."""
    try:
        for ref, handle in _texts(path):
            rows = _rows(handle, fmt)
            first_line = 1
            header = None
            if fmt != "gdelt":
                header = next(rows, None)
                first_line = 2
                if header is None:
                    summary.bad_files.append(Rejected(ref, STAGE, "bad-header", "the file is empty"))
                    continue
            parse, missing = _parser(fmt, header)
            if missing:
                summary.bad_files.append(Rejected(ref, STAGE, "bad-header",
                                                  f"not a {fmt} file: no column(s) {', '.join(missing)}"))
                continue
            occurrences: Counter[tuple[str, ...]] = Counter()
            for line, cells in enumerate(rows, start=first_line):
                if not any(cell.strip() for cell in cells):
                    continue  # a blank line is not a row
                summary.rows_read += 1
                try:
                    row = parse(cells, line, resolver)
                except RowProblem as problem:
                    yield Rejected(f"{ref}:{line}", STAGE, problem.reason, problem.message)
                    continue
                if row.identity[0] == "row":  # no source id: the nth identical row of this file is its own event
                    occurrences[row.identity] += 1
                    row = replace(row, identity=(*row.identity, str(occurrences[row.identity])))
                yield row
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, csv.Error) as exc:
        summary.bad_files.append(Rejected(str(path), STAGE, "unreadable", f"{type(exc).__name__}: {exc}"))


def _files(path: Path, fmt: str) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputPathError(f"no such file or folder: {path}")
    wanted = _SUFFIXES[fmt]

    def fits(p: Path) -> bool:
        suffixes = [s.lower() for s in p.suffixes]
        if suffixes and suffixes[-1] in (".gz", ".zip"):
            suffixes = suffixes[:-1]
        return bool(suffixes) and suffixes[-1] in wanted and not p.name.startswith(".")

    return sorted(p for p in path.rglob("*") if p.is_file() and fits(p))


# -- the store -------------------------------------------------------------------------------------------------


def event_key(fmt: str, identity: Sequence[str]) -> str:
    """The event_id of an imported row: a stable hash of the format and the row's source id (or content)."""
    return stable_hash(["import", fmt, *identity])


def known_event_ids(store: Store, event_ids: Sequence[str]) -> set[str]:
    if not event_ids:
        return set()
    store.con.register("import_wanted", pa.table({"event_id": pa.array(event_ids, pa.string())}))
    try:
        rows = store.con.execute("SELECT event_id FROM events JOIN import_wanted USING (event_id)").fetchall()
    finally:
        store.con.unregister("import_wanted")
    return {r[0] for r in rows}


def _tables(rows: Sequence[tuple[str, ImportedRow]], fmt: str, file: str, label: str, resolver: _Resolver
            ) -> tuple[pa.Table, pa.Table]:
    scores = [resolver.scorer.score(row.cameo) for _, row in rows]
    goldstein = [row.goldstein if row.goldstein is not None else (s.goldstein if s else None)
                 for (_, row), s in zip(rows, scores, strict=True)]
    quad = [s.quad_class if s else None for s in scores]
    ids = [event_id for event_id, _ in rows]
    days = [row.day for _, row in rows]
    reported = [row.reported for _, row in rows]
    n = len(rows)

    def col(name: str) -> list[Any]:
        return [getattr(row, name) for _, row in rows]

    base_versions = {"import": fmt, "file": file, "dataset": label, "lexicon": resolver.lexicon.version,
                     "scale": resolver.scorer.version}
    events = pa.table({
        "event_id": ids,
        "article_id": pa.nulls(n, pa.string()),
        **{f"{side}_{part}": pa.array(col(f"{side}_{part}"), pa.string())
           for side in ("source", "target") for part in ("country", "sector", "name")},
        "source_text": pa.array(col("source_name"), pa.string()),
        "target_text": pa.array(col("target_name"), pa.string()),
        "source_resolved_by": [f"import:{fmt}"] * n,
        "target_resolved_by": [f"import:{fmt}"] * n,
        "cameo": col("cameo"),
        "root": [row.cameo[:2] for _, row in rows],
        "plover_type": pa.array([s.plover.type if s else None for s in scores], pa.string()),
        "plover_mode": pa.array([s.plover.mode if s else None for s in scores], pa.string()),
        "goldstein": pa.array(goldstein, pa.float64()),
        "quad_class": pa.array(quad, pa.int8()),
        "polarity": ["asserted"] * n,
        "modality": ["actual"] * n,
        "occurred_start": pa.array(days, pa.date32()),
        "occurred_end": pa.array(days, pa.date32()),
        "occurred_granularity": ["day"] * n,
        "occurred_basis": ["unknown"] * n,
        "occurred_text": col("day_text"),
        "reported": pa.array(reported, _TS),
        "rule_id": [f"import:{fmt}"] * n,
        "versions": [orjson.dumps({**base_versions, "record": row.record}).decode() for _, row in rows],
    })
    fused = pa.table({
        "fused_id": [stable_hash(["fused", event_id]) for event_id in ids],
        "fusion_key": [f"import:{fmt}|{row.source_country}|{row.target_country}|{row.cameo[:2]}" for _, row in rows],
        **{name: pa.array(col(name), pa.string())
           for name in ("source_country", "source_sector", "target_country", "target_sector")},
        "cameo": col("cameo"),
        "root": [row.cameo[:2] for _, row in rows],
        "goldstein": pa.array(goldstein, pa.float64()),
        "quad_class": pa.array(quad, pa.int8()),
        "modality": ["actual"] * n,
        "occurred_start": pa.array(days, pa.date32()),
        "occurred_end": pa.array(days, pa.date32()),
        "occurred_granularity": ["day"] * n,
        "occurred_basis": ["unknown"] * n,
        "representative": ids,
        "mentions": pa.array([[event_id] for event_id in ids], pa.list_(pa.string())),
        "outlets": pa.array([[row.outlet] if row.outlet else [] for _, row in rows], pa.list_(pa.string())),
        "first_reported": pa.array(reported, _TS),
        "last_reported": pa.array(reported, _TS),
        "n_articles": pa.array(col("n_articles"), pa.int32()),
        "n_sources": pa.array(col("n_sources"), pa.int32()),
    })
    return events, fused


def write_imported(store: Store, events: pa.Table, fused: pa.Table) -> None:
    """Insert one batch of imported events and their fused events in one transaction."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for name, table, verb in (("events", events, "INSERT OR IGNORE"), ("fused_events", fused, "INSERT")):
            con.register("import_batch", table)
            try:
                con.execute(f"{verb} INTO {name} BY NAME SELECT * FROM import_batch")
            finally:
                con.unregister("import_batch")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


class _Batch:
    """Rows waiting to be written; ids seen in this import are tracked so a repeated source id is a duplicate."""

    def __init__(self, store: Store, fmt: str, label: str, resolver: _Resolver, summary: ImportSummary):
        self.store, self.fmt, self.label, self.resolver, self.summary = store, fmt, label, resolver, summary
        self.rows: list[tuple[str, ImportedRow]] = []
        self.rejects: list[Rejected] = []
        self.seen: set[str] = set()
        self.file = ""

    def add(self, item: ImportedRow | Rejected) -> None:
        if isinstance(item, Rejected):
            self.summary._reject(item)
            self.rejects.append(item)
        else:
            event_id = event_key(self.fmt, item.identity)
            if event_id in self.seen:
                self.summary.duplicates += 1
            else:
                self.seen.add(event_id)
                self.rows.append((event_id, item))
        if len(self.rows) + len(self.rejects) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        known = known_event_ids(self.store, [event_id for event_id, _ in self.rows])
        fresh = [(event_id, row) for event_id, row in self.rows if event_id not in known]
        self.summary.duplicates += len(self.rows) - len(fresh)
        if fresh:
            write_imported(self.store, *_tables(fresh, self.fmt, self.file, self.label, self.resolver))
            self.summary.imported += len(fresh)
        if self.rejects:
            self.store.write([], [], self.rejects)
        self.rows, self.rejects = [], []


def import_events(path: str | Path, fmt: str, store: Store, scorer: Scorer, lexicon: Lexicon,
                  source_label: str | None = None) -> ImportSummary:
    """Import a file (or every file of the format in a folder) of coded events into ``store``.

    ``fmt`` is one of ``FORMATS``. ``source_label`` names the dataset in each event's ``versions`` (default:
    "ICEWS", "GDELT 2.0", or the CSV file's name). Returns an ``ImportSummary``; rows that cannot be imported are
    rejected with a reason, never dropped silently, and whole files that are not of the format are listed in
    ``bad_files``. Raises ``InputPathError`` for a path that does not exist, ``ValueError`` for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    path = Path(path)
    summary = ImportSummary(str(path), fmt)
    resolver = _Resolver(lexicon, scorer)
    for file in _files(path, fmt):
        label = source_label or _DEFAULT_LABEL.get(fmt) or file.name
        batch = _Batch(store, fmt, label, resolver, summary)
        batch.file = file.name
        summary.files.append(str(file))
        for item in _read_file(file, fmt, resolver, summary):
            batch.add(item)
        batch.flush()
    if summary.bad_files:
        store.write([], [], summary.bad_files)
    return summary
