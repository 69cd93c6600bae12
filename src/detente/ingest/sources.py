"""From paths on the command line to ``Article`` records: discovery, decoding and format dispatch.

In: file paths, folders and glob patterns. Out: an iterator of ``Article`` (already cleaned) or ``Rejected``, one
or more per file. A bad file never stops the batch: it becomes a ``Rejected`` with a code from
``detente.errors.REJECT_REASONS``. Only a path that does not exist (or a pattern that matches nothing) raises
``InputPathError``, before any file is read.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

import charset_normalizer
import orjson

from detente.clean import clean_article
from detente.config import Settings
from detente.errors import InputPathError
from detente.ingest.agencies import AgencyTable
from detente.ingest.html import looks_like_html, parse_html
from detente.ingest.jsonfmt import looks_like_jsonl, parse_json, parse_jsonl
from detente.ingest.wire import parse_wire
from detente.records import Article, Rejected

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})

_MAX_CONTROL_SHARE = 0.10
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_GLOB_CHARS = frozenset("*?[")


def discover_paths(patterns: Sequence[str]) -> list[Path]:
    """Files, folders (recursive, hidden entries skipped) and glob patterns -> sorted, de-duplicated files."""
    found: dict[Path, Path] = {}
    for pattern in patterns:
        for path in _expand(pattern):
            found.setdefault(path.resolve(), path)
    return sorted(found.values(), key=str)


def read_inputs(
    paths: Iterable[Path],
    settings: Settings,
    agencies: AgencyTable,
    published: datetime | None = None,
) -> Iterator[Article | Rejected]:
    """Read, parse and clean each file; a file that cannot be used becomes a ``Rejected``."""
    for path in paths:
        ref = str(path)
        data = _read_file(path, ref, settings.max_input_bytes)
        if isinstance(data, Rejected):
            yield data
            continue
        for item in parse_document(data, ref, settings, agencies, suffix=path.suffix, published=published):
            yield clean_article(item) if isinstance(item, Article) else item


def parse_document(
    data: bytes,
    input_ref: str,
    settings: Settings,
    agencies: AgencyTable,
    *,
    suffix: str = "",
    published: datetime | None = None,
) -> list[Article | Rejected]:
    """Decode ``data`` and parse it in the format its suffix (or, failing that, its content) says."""
    if len(data) > settings.max_input_bytes:
        return [_too_large(input_ref, len(data), settings.max_input_bytes)]
    text = decode_document(data, input_ref)
    if isinstance(text, Rejected):
        return [text]
    fmt = detect_format(text, suffix)
    if fmt == "html":
        return [parse_html(text, input_ref, settings, agencies, published=published)]
    if fmt == "json":
        return parse_json(text, input_ref, settings, agencies, published=published)
    if fmt == "jsonl":
        return parse_jsonl(text, input_ref, settings, agencies, published=published)
    return [parse_wire(text, input_ref, settings, agencies, published=published)]


def detect_format(text: str, suffix: str = "") -> str:
    """'html', 'json', 'jsonl' or 'text' (wire or plain): by suffix, else by sniffing the content."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return _sniff_format(text)


def decode_document(data: bytes, input_ref: str) -> str | Rejected:
    """Bytes -> text with newlines normalised, or a ``Rejected`` (empty, binary, undecodable)."""
    if not data.strip():
        return _reject(input_ref, "empty", "the file is empty" if not data else "the file holds only whitespace")
    text = _decode_with_bom(data, input_ref)
    if text is None:
        problem = _binary_problem(data)
        if problem is not None:
            return _reject(input_ref, "binary", problem)
        text = _decode_plain(data)
        if text is None:
            return _reject(input_ref, "undecodable", "the bytes are not UTF-8 and no other encoding fits them")
    if isinstance(text, Rejected):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        return _reject(input_ref, "empty", "the file holds no text after decoding")
    return text


def _binary_problem(data: bytes) -> str | None:
    if b"\x00" in data:
        return "the file contains NUL bytes (binary data, not text)"
    share = (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)  # one pass: the control bytes
    if share > _MAX_CONTROL_SHARE:
        return f"{share:.0%} of the bytes are control characters (binary data, not text)"
    return None


def _decode_with_bom(data: bytes, input_ref: str) -> str | Rejected | None:
    """Decode inputs that start with a byte-order mark; None when there is none."""
    for bom, codec in _BOMS:
        if not data.startswith(bom):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            message = f"the bytes start with a {codec} byte-order mark but do not decode as {codec}"
            return _reject(input_ref, "undecodable", message)
        controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
        if controls > _MAX_CONTROL_SHARE * max(len(text), 1) or "\x00" in text:
            return _reject(input_ref, "binary", "the decoded text is mostly control characters (binary data)")
        return text
    return None


def _decode_plain(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    return str(best)


def _sniff_format(text: str) -> str:
    head = text.lstrip()
    if looks_like_html(head):
        return "html"
    if head.startswith(("{", "[")):
        try:
            orjson.loads(head.encode("utf-8", "surrogatepass"))
        except orjson.JSONDecodeError:
            if head.startswith("{"):
                return "jsonl" if looks_like_jsonl(head) else "json"
            return "text"
        return "json"
    return "text"


def _read_file(path: Path, ref: str, limit: int) -> bytes | Rejected:
    try:
        size = path.stat().st_size
        if size > limit:
            return _too_large(ref, size, limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        return _reject(ref, "unreadable", f"cannot read the file: {exc.strerror or exc}")
    if len(data) > limit:  # the file grew after stat
        return _too_large(ref, len(data), limit)
    return data


def _expand(pattern: str) -> list[Path]:
    path = Path(pattern).expanduser()
    if path.exists():
        files = _walk(path) if path.is_dir() else [path]
        if not files:
            raise InputPathError(f"folder {pattern} holds no input files (hidden files are skipped)")
        return files
    if not _GLOB_CHARS.intersection(pattern):
        raise InputPathError(f"input path does not exist: {pattern}")
    hits = sorted(glob.glob(os.path.expanduser(pattern), recursive=True))
    files = [file for hit in hits for file in (_walk(Path(hit)) if Path(hit).is_dir() else [Path(hit)])]
    if not files:
        raise InputPathError(f"no files match the pattern {pattern!r}")
    return files


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / name for name in sorted(names) if not name.startswith("."))
    return files


def _too_large(ref: str, size: int, limit: int) -> Rejected:
    return _reject(ref, "too-large", f"file is {_human_size(size)}, over the {_human_size(limit)} limit")


def _human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def _reject(ref: str, reason: str, message: str) -> Rejected:
    return Rejected(ref, "ingest", reason, message)
