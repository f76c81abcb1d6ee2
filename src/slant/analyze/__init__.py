"""Analysis: the component registry, the pipeline, and the one function every face calls.

``slant.analyze`` is both this package and the public function ``slant.analyze(text_or_path)``:
importing a submodule binds the package over the function on ``slant``, so the package itself is
made callable and forwards to :func:`slant.analyze.process.analyze`.
"""

from __future__ import annotations

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, source, **kwargs):
        """Analyse one article given as text or as a path; returns the Document."""
        from slant.analyze.process import analyze

        return analyze(source, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
