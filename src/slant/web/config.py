"""The web app's settings: who may read, how much a client may send and how often.

The web section is its own frozen dataclass so that :class:`slant.settings.Settings` can carry it
as ``settings.web`` once the lead wires it in; until then it is built from ``SLANT_WEB_*``
environment variables (``SLANT_WEB_READ_ACCESS=token``) over the defaults below.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields, is_dataclass, replace
from typing import Any, Mapping

from slant.errors import SettingsError

#: 1 MiB of article text is ~25 times the longest SemEval article; a request body over this
#: (plus multipart framing) is refused before it is read into memory.
DEFAULT_MAX_BODY_BYTES = 1_048_576 + 16_384
#: Reads are cheap (one indexed SQLite query, ~1 ms); 600 a minute per client leaves room for an
#: analyst clicking through pages and a script paging the API, but stops a runaway loop.
DEFAULT_READ_PER_MINUTE = 600
#: Analysis costs ~50-500 ms of one of the two cores; 60 a minute per client keeps one client
#: from starving the others.
DEFAULT_ANALYZE_PER_MINUTE = 60
#: A batch job holds at most this many articles, so one job cannot fill the queue for hours.
DEFAULT_MAX_BATCH_ITEMS = 200
#: Jobs kept in memory (finished ones are dropped oldest-first beyond this).
DEFAULT_MAX_JOBS = 100


@dataclass(frozen=True)
class WebSettings:
    """Settings of `slant serve`."""

    read_access: str = "public"  # public | token
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    read_per_minute: int = DEFAULT_READ_PER_MINUTE
    analyze_per_minute: int = DEFAULT_ANALYZE_PER_MINUTE
    max_batch_items: int = DEFAULT_MAX_BATCH_ITEMS
    max_jobs: int = DEFAULT_MAX_JOBS
    page_size: int = 25
    #: trust X-Forwarded-For for the client address (only behind a reverse proxy you run)
    trust_proxy: bool = False
    #: set the Secure flag on cookies (turn on when served over HTTPS)
    secure_cookies: bool = False

    def __post_init__(self) -> None:
        if self.read_access not in ("public", "token"):
            raise SettingsError(f"web.read_access must be 'public' or 'token', got {self.read_access!r}")
        for name in ("max_body_bytes", "read_per_minute", "analyze_per_minute", "max_batch_items",
                     "max_jobs", "page_size"):
            if getattr(self, name) < 1:
                raise SettingsError(f"web.{name} must be at least 1, got {getattr(self, name)}")
        if self.page_size > 200:
            raise SettingsError(f"web.page_size must be at most 200, got {self.page_size}")


def _coerce(value: Any, kind: type) -> Any:
    if kind is bool and isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return kind(value)


def web_settings(settings: Any = None, env: Mapping[str, str] | None = None, **overrides: Any) -> WebSettings:
    """WebSettings from ``settings.web`` if present, else defaults < SLANT_WEB_* env; then overrides."""
    base = getattr(settings, "web", None)
    if isinstance(base, WebSettings):
        web = base
    elif base is not None and is_dataclass(base):
        # a web section declared in slant.settings (same field names): take the fields we know
        known = {f.name for f in fields(WebSettings)}
        web = WebSettings(**{k: v for k, v in asdict(base).items() if k in known})
    else:
        env = os.environ if env is None else env
        web = WebSettings()
        values: dict[str, Any] = {}
        types = {"read_access": str, "trust_proxy": bool, "secure_cookies": bool}
        for f in fields(WebSettings):
            key = f"SLANT_WEB_{f.name.upper()}"
            if key in env:
                try:
                    values[f.name] = _coerce(env[key], types.get(f.name, int))
                except ValueError:
                    raise SettingsError(f"{key} has the value {env[key]!r}, which is not valid") from None
        web = replace(web, **values)
    if overrides:
        known = {f.name for f in fields(WebSettings)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise SettingsError(f"unknown web setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        web = replace(web, **overrides)
    return web
