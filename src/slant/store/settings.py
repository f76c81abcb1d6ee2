"""The store section of the settings (``[store]`` in slant.toml, ``SLANT_STORE_*``)."""

from __future__ import annotations

from slant.settings import StoreSettings

__all__ = ["StoreSettings", "store_settings"]


def store_settings(settings: object | None) -> StoreSettings:
    """The store section of a Settings object (defaults when given none)."""
    section = getattr(settings, "store", None)
    return section if isinstance(section, StoreSettings) else StoreSettings()
