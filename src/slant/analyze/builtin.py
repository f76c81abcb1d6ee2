"""Imports the built-in components so that they register themselves."""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

#: modules holding built-in components; a module whose optional model files are absent is skipped
#: with a log line rather than breaking every other component.
BUILTIN_MODULES = (
    "slant.analyze.persuasion",
    "slant.analyze.entities",
    "slant.analyze.quotes",
    "slant.analyze.claims",
)

for _module in BUILTIN_MODULES:
    try:
        importlib.import_module(_module)
    except ModuleNotFoundError as exc:
        if exc.name != _module:  # the module exists but something it imports is missing: a real bug
            raise
        log.debug("built-in component module %s not present", _module)
