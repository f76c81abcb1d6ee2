"""One Settings object: defaults < slant.toml < SLANT_* environment, validated when built."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from slant.errors import SettingsError

#: 5 MB of text is far beyond any real article (the longest SemEval article is ~40 KB) but
#: small enough that a mistaken log file or dump is refused before it eats memory.
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class ReadSettings:
    max_bytes: int = DEFAULT_MAX_BYTES
    encoding: str | None = None  # force an encoding instead of detecting it
    extensions: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".json", ".md")


@dataclass(frozen=True)
class CleanSettings:
    #: a line whose junk score reaches this is removed; chosen on the hand-labelled cases in
    #: tests/test_clean_junk.py (precision and recall in the docstring of slant.clean.junk)
    junk_threshold: float = 0.5
    #: a two-letter locale hint ("en-GB", "id", "en-US") for day/month order when nothing else decides
    locale: str | None = None


@dataclass(frozen=True)
class AnalyzeSettings:
    #: persuasion first: it runs the one encoder pass whose states the entity head reuses
    components: tuple[str, ...] = ("slant.persuasion.v1", "slant.entities.v1", "slant.quotes.v1")
    model_dir: str | None = None  # None: the model shipped inside the package
    batch_size: int = 8
    fast: bool = False


@dataclass(frozen=True)
class Settings:
    read: ReadSettings = field(default_factory=ReadSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    analyze: AnalyzeSettings = field(default_factory=AnalyzeSettings)

    def __post_init__(self) -> None:
        if self.read.max_bytes <= 0:
            raise SettingsError(f"read.max_bytes must be positive, got {self.read.max_bytes}")
        if not 0.0 < self.clean.junk_threshold < 1.0:
            raise SettingsError(f"clean.junk_threshold must lie between 0 and 1, got {self.clean.junk_threshold}")
        if self.analyze.batch_size < 1:
            raise SettingsError(f"analyze.batch_size must be at least 1, got {self.analyze.batch_size}")

    def with_overrides(self, **sections: dict[str, Any]) -> "Settings":
        """A copy with some values changed: ``s.with_overrides(read={"max_bytes": 10})``."""
        changed = {}
        for name, values in sections.items():
            if not values:
                continue
            section = getattr(self, name)
            changed[name] = _replace_checked(section, name, values)
        return replace(self, **changed)


def _coerce(value: Any, target: Any, where: str) -> Any:
    kind = target.type if isinstance(target.type, str) else str(target.type)
    try:
        if "tuple" in kind:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            return tuple(value)
        if kind.startswith("int"):
            return int(value)
        if kind.startswith("float"):
            return float(value)
        if kind.startswith("bool"):
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{where} has the value {value!r}, which is not a valid {kind}") from None
    return value


def _replace_checked(section: Any, name: str, values: dict[str, Any]) -> Any:
    known = {f.name: f for f in fields(section)}
    updates = {}
    for key, value in values.items():
        if key not in known:
            raise SettingsError(f"unknown setting {name}.{key}; known: {', '.join(sorted(known))}")
        updates[key] = _coerce(value, known[key], f"{name}.{key}")
    return replace(section, **updates)


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None,
                  **overrides: dict[str, Any]) -> Settings:
    """Build Settings from defaults, then ``slant.toml`` (``path`` or ./slant.toml), then SLANT_* env.

    Environment variables are ``SLANT_<SECTION>_<KEY>`` (``SLANT_READ_MAX_BYTES=10000000``);
    ``SLANT_MAX_BYTES`` is accepted as a short form.
    """
    env = os.environ if env is None else env
    settings = Settings()
    toml_path = Path(path) if path else Path("slant.toml")
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{toml_path} is not valid TOML: {exc}") from None
        settings = _apply(settings, data, str(toml_path))
    elif path:
        raise SettingsError(f"settings file {path} does not exist")
    env_data: dict[str, dict[str, Any]] = {}
    section_names = {f.name for f in fields(Settings)}
    for key, value in env.items():
        if not key.startswith("SLANT_"):
            continue
        rest = key[len("SLANT_"):].lower()
        if rest == "max_bytes":
            env_data.setdefault("read", {})["max_bytes"] = value
            continue
        section, _, name = rest.partition("_")
        if section in section_names and name:
            env_data.setdefault(section, {})[name] = value
    settings = _apply(settings, env_data, "environment")
    return settings.with_overrides(**overrides)


def _apply(settings: Settings, data: dict[str, Any], where: str) -> Settings:
    section_names = {f.name for f in fields(Settings)}
    for name in data:
        if name not in section_names:
            raise SettingsError(f"unknown settings section [{name}] in {where}; known: "
                                f"{', '.join(sorted(section_names))}")
    return settings.with_overrides(**{k: v for k, v in data.items() if isinstance(v, dict)})


def settings_dict(settings: Settings) -> dict[str, Any]:
    return dataclasses.asdict(settings)
