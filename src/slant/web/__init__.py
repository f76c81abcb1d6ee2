"""The web face of Slant: a FastAPI app (reading view, corpus explorer, JSON API) over the store."""

from __future__ import annotations

from slant.web.auth import create_token, list_tokens, revoke_token
from slant.web.config import WebSettings, web_settings

__all__ = ["WebSettings", "create_app", "create_token", "list_tokens", "revoke_token", "serve", "web_settings"]


def create_app(*args, **kwargs):
    """See :func:`slant.web.app.create_app` (imported lazily: FastAPI loads only when serving)."""
    from slant.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)


def serve(*args, **kwargs) -> None:
    """See :func:`slant.web.app.serve`."""
    from slant.web.app import serve as _serve

    _serve(*args, **kwargs)
