"""The web app's settings: who may read, how much a client may send and how often.

They are the ``web`` section of :class:`slant.settings.Settings`: ``[web]`` in slant.toml, or
``SLANT_WEB_*`` environment variables (``SLANT_WEB_READ_ACCESS=token``), over the defaults.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, Mapping

from slant.errors import SettingsError
from slant.settings import WebSettings, load_settings

__all__ = ["WebSettings", "web_settings"]


def web_settings(settings: Any = None, env: Mapping[str, str] | None = None, **overrides: Any) -> WebSettings:
    """``settings.web`` (or, without settings, slant.toml < SLANT_WEB_* ``env``), then ``overrides``."""
    web = getattr(settings, "web", None)
    if not isinstance(web, WebSettings):
        web = load_settings(env=env).web
    if overrides:
        known = {f.name for f in fields(WebSettings)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise SettingsError(f"unknown web setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        web = replace(web, **overrides)
    return web
