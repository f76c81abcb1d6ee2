"""The web app's settings: who may read, how much a client may send and how often.

They are the ``web`` section of :class:`slant.settings.Settings`: ``[web]`` in slant.toml, or
``SLANT_WEB_*`` environment variables (``SLANT_WEB_READ_ACCESS=token``), over the defaults.
"""

from __future__ import annotations

from typing import Any, Mapping

from slant.settings import WebSettings, load_settings

__all__ = ["WebSettings", "web_settings"]


def web_settings(settings: Any = None, env: Mapping[str, str] | None = None, **overrides: Any) -> WebSettings:
    """``settings.web`` (or, without settings, slant.toml < SLANT_WEB_* ``env``), then ``overrides``."""
    if not isinstance(getattr(settings, "web", None), WebSettings):
        settings = load_settings(env=env)
    # the settings' own override path: unknown names and impossible values are SettingsErrors
    return settings.with_overrides(web=overrides).web
