"""Components: plain callables ``Document -> Document`` registered under a versioned name."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from slant.document import Document
from slant.errors import ComponentFailed, PipelineError, UnknownComponent
from slant.models.blas import one_thread

#: ``slant.<what>.v<N>``: the version is part of the name so stored results can say what made them.
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\.v\d+$")

ComponentFn = Callable[[Document], Document]


@dataclass(frozen=True)
class ComponentInfo:
    """A registered component: its name, what it needs, what it adds, and how to build it."""

    name: str
    factory: Callable[..., ComponentFn]
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    description: str = ""
    settings_section: str | None = None

    @property
    def base(self) -> str:
        return self.name.rsplit(".", 1)[0]

    @property
    def version(self) -> str:
        return self.name.rsplit(".", 1)[1]


_REGISTRY: dict[str, ComponentInfo] = {}


def register(name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = (),
             description: str = "", settings_section: str | None = None):
    """Decorator registering a component factory under ``name`` (e.g. ``"slant.quotes.v1"``).

    The factory takes the component's settings section (or nothing) and returns the callable,
    so expensive set-up (loading a model) happens once per pipeline, not once per document.
    """
    if not NAME_PATTERN.match(name):
        raise PipelineError(f"component name {name!r} must look like 'slant.thing.v1'")

    def decorate(factory: Callable[..., ComponentFn]) -> Callable[..., ComponentFn]:
        _REGISTRY[name] = ComponentInfo(name, factory, tuple(requires), tuple(provides),
                                        description or (factory.__doc__ or "").strip().split("\n")[0],
                                        settings_section)
        return factory

    return decorate


def registered() -> dict[str, ComponentInfo]:
    """All registered components by name (importing the built-in ones first)."""
    import slant.analyze.builtin  # noqa: F401  (registers the built-in components)

    return dict(_REGISTRY)


def get_component(name: str) -> ComponentInfo:
    components = registered()
    if name in components:
        return components[name]
    # Allow the unversioned base name: take the newest version.
    candidates = sorted((c for c in components.values() if c.base == name),
                        key=lambda c: int(c.version[1:]))
    if candidates:
        return candidates[-1]
    raise UnknownComponent(f"no component named {name!r}")


def _section(info: ComponentInfo, settings: Any) -> Any:
    """The settings section ``info`` asks for, from a whole Settings or the section itself
    (make_pipeline hands over ``settings.analyze``); None when no settings are given.

    Raises PipelineError for a section Settings does not have, or settings of another kind (a
    different section handed over by mistake would otherwise reach the component unnoticed).
    """
    import dataclasses

    from slant.settings import Settings

    sections = {f.name: f.default_factory for f in dataclasses.fields(Settings)}
    name = info.settings_section
    if name not in sections:
        raise PipelineError(f"component {info.name} asks for the settings section {name!r}, which Settings "
                            f"does not have", hint=f"register it with one of: {', '.join(sections)}")
    if settings is None:
        return None
    if isinstance(settings, Settings):
        return getattr(settings, name)
    if isinstance(settings, sections[name]):  # type: ignore[arg-type]
        return settings
    raise PipelineError(f"component {info.name} needs the {name!r} settings section, not a "
                        f"{type(settings).__name__}", hint=f"pass the whole Settings or its .{name}")


#: Documents per group when the first component runs ahead (see :meth:`Pipeline.pipe`).
OVERLAP_DOCS = 2


@dataclass
class Pipeline:
    """An ordered list of components, checked once, run on each Document.

    ``overlap`` (``analyze.overlap``, off by default: docs/design.md, "Overlap"): when the first component says it may run ahead (a ``runs_ahead`` attribute that
    is true: it touches only the documents it is given and spends its time in native code that
    releases the GIL, like the persuasion model's ONNX encoder pass), :meth:`pipe` cuts a batch
    into groups of :data:`OVERLAP_DOCS` and runs that component on group k+1 in a worker thread
    while this thread runs the later components (single-threaded Python rules) on group k.
    Outputs and their order are the same either way (tests/test_analyze_registry.py).
    """

    components: list[tuple[ComponentInfo, ComponentFn]] = field(default_factory=list)
    overlap: bool = False

    @classmethod
    def from_names(cls, names: Iterable[str], settings: Any = None) -> "Pipeline":
        infos = [get_component(n) for n in names]
        available = {"text", "paragraphs", "sentences", "meta"}
        for info in infos:
            missing = [r for r in info.requires if r not in available]
            if missing:
                raise PipelineError(f"component {info.name} needs {', '.join(missing)}, "
                                    f"which no component before it provides")
            available.update(info.provides)
        built = []
        for info in infos:
            if info.settings_section:
                built.append((info, info.factory(_section(info, settings))))
            else:
                built.append((info, info.factory()))
        analyze = getattr(settings, "analyze", settings)
        return cls(built, overlap=bool(getattr(analyze, "overlap", False)))

    @property
    def names(self) -> list[str]:
        return [info.name for info, _ in self.components]

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        """Run every component over a batch of Documents.

        A component callable with a ``pipe(list) -> list`` attribute gets the whole batch at once
        (a model batches its encoder calls across documents); others are called per document.
        numpy's BLAS runs at one thread meanwhile (:mod:`slant.models.blas`: the heads' products
        are small, and BLAS threads busy-waiting took the cores from everything else). See the
        class docstring for ``overlap``.
        """
        with one_thread():
            groups = self._overlap_groups(docs)
            if groups is None:
                return _run(self.components, docs)
            return self._pipe_overlapped(groups)

    def _overlap_groups(self, docs: list[Document]) -> list[list[Document]] | None:
        """The batch cut into groups for overlapped running, or None to run it as one."""
        if not self.overlap or len(self.components) < 2 or len(docs) <= OVERLAP_DOCS:
            return None
        if not getattr(self.components[0][1], "runs_ahead", False):
            return None
        docs = list(docs)
        return [docs[i:i + OVERLAP_DOCS] for i in range(0, len(docs), OVERLAP_DOCS)]

    def _pipe_overlapped(self, groups: list[list[Document]]) -> list[Document]:
        first, rest = self.components[:1], self.components[1:]
        out: list[Document] = []
        # the worker lives for this call only: on an error here the ``with`` waits for the group
        # it is running (a thread cannot be stopped midway) and nothing further is submitted
        with ThreadPoolExecutor(1, thread_name_prefix="slant-ahead") as worker:
            ahead = worker.submit(_run, first, groups[0])
            try:
                for k in range(len(groups)):
                    ready = ahead.result()  # re-raises the first component's error in this thread
                    if k + 1 < len(groups):
                        ahead = worker.submit(_run, first, groups[k + 1])
                    out.extend(_run(rest, ready))
            except BaseException:
                ahead.cancel()
                raise
        return out


def _run(components: list[tuple[ComponentInfo, ComponentFn]], docs: list[Document]) -> list[Document]:
    """Run ``components`` in order over ``docs``; each adds its provenance entry to every doc."""
    for info, fn in components:
        t0 = time.perf_counter()
        batch_fn = getattr(fn, "pipe", None)
        try:
            if batch_fn is not None:
                docs = list(batch_fn(docs))
            else:
                docs = [fn(doc) or doc for doc in docs]
        except Exception as exc:  # a component bug must name the component and the documents
            if getattr(exc, "code", None):
                raise
            names = ", ".join(d.id or d.source for d in docs[:3])
            raise ComponentFailed(f"component {info.name} failed: {type(exc).__name__}: {exc}",
                                  source=names or None) from exc
        seconds = round((time.perf_counter() - t0) / max(1, len(docs)), 5)
        for doc in docs:
            doc.provenance.append({"component": info.base, "version": info.version,
                                   "name": info.name, "seconds": seconds})
    return docs
