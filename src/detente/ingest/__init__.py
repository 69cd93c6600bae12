"""INGEST stage: files on disk to ``Article`` records.

In: paths, folders and glob patterns (``discover_paths``), then the bytes of each file (``read_inputs`` /
``parse_document``). Out: ``Article`` (cleaned by ``detente.clean``) or ``Rejected`` per story. Formats: wire
text (``wire``), plain text, HTML (``html``), JSON and JSON Lines (``jsonfmt``). Outlet names and time zones come
from the agency table (``agencies``).
"""

from detente.ingest.agencies import Agency, AgencyTable, load_agencies
from detente.ingest.sources import detect_format, discover_paths, parse_document, read_inputs

__all__ = [
    "Agency",
    "AgencyTable",
    "detect_format",
    "discover_paths",
    "load_agencies",
    "parse_document",
    "read_inputs",
]
