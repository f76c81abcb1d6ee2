"""One Settings object: defaults < slant.toml < SLANT_* environment, validated when built."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from slant.errors import SettingsError

#: 5 MB of text is far beyond any real article (the longest SemEval article is ~40 KB) but
#: small enough that a mistaken log file or dump is refused before it eats memory.
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class ReadSettings:
    max_bytes: int = DEFAULT_MAX_BYTES
    encoding: str | None = None  # force an encoding instead of detecting it
    #: files a folder walk reads (a file named on the command line is read whatever its suffix);
    #: every kind slant.ingest.sources reads, for `slant analyze` and `slant ingest` alike
    extensions: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".json", ".md",
                                   ".jsonl.gz", ".ndjson", ".ndjson.gz", ".warc", ".warc.gz", ".arc.gz",
                                   ".rss", ".atom", ".rdf", ".xml", ".csv", ".csv.gz", ".tsv", ".tsv.gz")


@dataclass(frozen=True)
class CleanSettings:
    #: a line whose junk score reaches this is removed; chosen on the hand-labelled cases in
    #: tests/test_clean_junk.py (precision and recall in the docstring of slant.clean.junk)
    junk_threshold: float = 0.5
    #: a two-letter locale hint ("en-GB", "id", "en-US") for day/month order when nothing else decides
    locale: str | None = None
    #: after the rules, the learned junk-line stage (slant.clean.learned_lines) scores the short lines
    #: they keep; False: the rules alone
    learned_lines: bool = False
    #: its model file (None: the one a release would ship inside the package; none ships yet, so
    #: learned_lines=True needs this set: Settings says so when built)
    learned_lines_path: str | None = None


@dataclass(frozen=True)
class AnalyzeSettings:
    #: persuasion first: it runs the one encoder pass whose states the entity, quote and claim heads
    #: reuse; claims last, since a claim inside a quote takes the quote's speaker
    components: tuple[str, ...] = ("slant.persuasion.v1", "slant.entities.v1", "slant.quotes.v1",
                                   "slant.claims.v1")
    model_dir: str | None = None  # None: the model shipped inside the package
    batch_size: int = 8
    fast: bool = False
    #: run the persuasion model's encoder on the next documents while the rules finish the previous
    #: ones (slant.analyze.registry.Pipeline; same outputs). Off by default: no gain shown at low
    #: load, where it used ~8% more CPU (docs/design.md, "Overlap")
    overlap: bool = False


@dataclass(frozen=True)
class StoreSettings:
    """How the store is opened and how often an ingest commits."""

    #: "sqlite" (a file) or "memory" (the in-memory test double: the same SQL, nothing on disk)
    backend: str = "sqlite"
    #: documents per commit. Measured (3,000 documents of 2.4 KB, store writes only, busy 2-core
    #: machine): 1 per commit 670 docs/s, 20: 1,300, 200: 1,200, 1,000: 1,330 (noise ~10 %). Past
    #: ~20 the commit cost is lost in the noise; 200 keeps what a kill -9 throws away small.
    batch_docs: int = 200
    #: a commit also happens after this many seconds, so a slow analysed run is still durable often
    commit_seconds: float = 2.0
    #: SQLite synchronous mode under WAL: NORMAL survives a killed process; FULL also a power cut
    synchronous: str = "NORMAL"
    #: how long a reader or writer waits for a lock before reporting the store as locked
    busy_timeout_ms: int = 30_000
    #: page cache per connection; 64 MiB keeps index lookups of a million-article store in memory
    cache_mib: int = 64

    def __post_init__(self) -> None:
        if self.backend not in ("sqlite", "memory"):
            raise SettingsError(f"store.backend must be 'sqlite' or 'memory', got {self.backend!r}")
        if self.batch_docs < 1:
            raise SettingsError(f"store.batch_docs must be at least 1, got {self.batch_docs}")
        if self.synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise SettingsError(f"store.synchronous must be NORMAL or FULL, got {self.synchronous!r}")


@dataclass(frozen=True)
class CorpusSettings:
    """Thresholds and sizes for near-duplicates and quote tracking (measured: docs/design-corpus.md)."""

    #: 5-word shingles: on generated same-topic stories they gave the widest gap between the
    #: most similar unrelated pair (J 0.10, C 0.23) and the least similar rewrite (J 0.26, C 0.69);
    #: 3-word shingles let stock phrases through (gap in C 0.35 against 0.455), 6-word ones push
    #: paraphrases down (docs/design-corpus.md has the table).
    shingle_size: int = 5
    #: 128 permutations: Jaccard estimates within +-0.04 (one standard deviation at J=0.3), enough
    #: for the gap above; more permutations cost hashing time and memory linearly.
    num_perm: int = 128
    seed: int = 1
    #: 64 bands of 2 rows: a pair becomes a candidate with probability 1 - (1 - J^2)^64, i.e.
    #: 0.984 at J=0.25, 0.998 at J=0.3, 0.025 for an unrelated pair at J=0.02.
    lsh_bands: int = 64
    lsh_rows: int = 2
    #: link two documents when their estimated Jaccard reaches this ... (measured on 6,733
    #: generated articles: unrelated pairs reach at most J 0.18 and C 0.45; with 0.3 / 0.6 the
    #: links were all correct and 99.8% of same-story pairs linked directly)
    jaccard_threshold: float = 0.3
    #: ... or when the smaller one's estimated containment in the larger reaches this
    containment_threshold: float = 0.6
    #: both ways above this Jaccard the pair is a copy (same text, maybe re-typeset or retitled)
    copy_threshold: float = 0.85
    #: the smaller document is "contained" when it has at most this share of the larger one's shingles
    contained_size_ratio: float = 0.8
    #: documents with fewer distinct shingles are too short for reliable estimates: kept, not linked
    min_shingles: int = 12
    lsh_backend: Literal["compact", "datasketch"] = "compact"
    #: quotes: rapidfuzz ratio (0-100) at or above which two normalised quotes are the same quote
    quote_ratio: float = 85.0
    #: quotes: partial_ratio for a shortened quote inside a longer one, if the short one has at
    #: least quote_min_words words (shorter fragments match too much by chance)
    quote_partial_ratio: float = 92.0
    quote_min_words: int = 5
    #: quotes: how many of a quote's rarest words are used as blocking keys
    quote_block_keys: int = 4

    def __post_init__(self) -> None:
        if self.shingle_size < 1:
            raise SettingsError(f"corpus.shingle_size must be at least 1, got {self.shingle_size}")
        if self.lsh_bands * self.lsh_rows > self.num_perm or self.lsh_bands < 2 or self.lsh_rows < 1:
            raise SettingsError(f"corpus.lsh_bands x corpus.lsh_rows ({self.lsh_bands} x {self.lsh_rows}) must "
                                f"be at most corpus.num_perm ({self.num_perm}), with at least 2 bands")
        for name in ("jaccard_threshold", "containment_threshold", "copy_threshold", "contained_size_ratio"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise SettingsError(f"corpus.{name} must lie in (0, 1], got {value}")
        if self.lsh_backend not in ("compact", "datasketch"):
            raise SettingsError(f"corpus.lsh_backend must be 'compact' or 'datasketch', got {self.lsh_backend!r}")
        if not 0 < self.quote_ratio <= 100 or not 0 < self.quote_partial_ratio <= 100:
            raise SettingsError("corpus.quote_ratio and corpus.quote_partial_ratio lie in (0, 100]")


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
DEFAULT_MAX_SYNC_CHARS = 200_000
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
    #: longest article (in characters) analysed while the client waits; a longer one is refused
    #: up front with 413 and a hint to submit it as a job (POST /api/v1/jobs). Analysis costs time
    #: linear in length (docs/bad-input.md gives the ceiling per MB): 200,000 characters is about
    #: 10-20 s on 2 cores, far above any news article (a long feature is 30,000).
    max_sync_chars: int = DEFAULT_MAX_SYNC_CHARS
    page_size: int = 25
    #: trust X-Forwarded-For for the client address (only behind a reverse proxy you run)
    trust_proxy: bool = False
    #: set the Secure flag on cookies (turn on when served over HTTPS)
    secure_cookies: bool = False

    def __post_init__(self) -> None:
        if self.read_access not in ("public", "token"):
            raise SettingsError(f"web.read_access must be 'public' or 'token', got {self.read_access!r}")
        for name in ("max_body_bytes", "read_per_minute", "analyze_per_minute", "max_batch_items",
                     "max_jobs", "max_sync_chars", "page_size"):
            if getattr(self, name) < 1:
                raise SettingsError(f"web.{name} must be at least 1, got {getattr(self, name)}")
        if self.page_size > 200:
            raise SettingsError(f"web.page_size must be at most 200, got {self.page_size}")


#: where slant.clean.learned_lines looks for a shipped model (none ships: docs/cleaning.md); defined here,
#: below clean/, so that Settings can check it (clean.learned_lines.DEFAULT_PATH is this)
LEARNED_LINES_DEFAULT_PATH = Path(__file__).resolve().parent / "models" / "junk_lines" / "junk_lines.json.gz"


@dataclass(frozen=True)
class Settings:
    read: ReadSettings = field(default_factory=ReadSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    analyze: AnalyzeSettings = field(default_factory=AnalyzeSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    corpus: CorpusSettings = field(default_factory=CorpusSettings)
    web: WebSettings = field(default_factory=WebSettings)

    def __post_init__(self) -> None:
        if self.read.max_bytes <= 0:
            raise SettingsError(f"read.max_bytes must be positive, got {self.read.max_bytes}")
        if not 0.0 < self.clean.junk_threshold < 1.0:
            raise SettingsError(f"clean.junk_threshold must lie between 0 and 1, got {self.clean.junk_threshold}")
        if self.analyze.batch_size < 1:
            raise SettingsError(f"analyze.batch_size must be at least 1, got {self.analyze.batch_size}")
        if self.clean.learned_lines:
            self._check_learned_lines()

    def _check_learned_lines(self) -> None:
        """The learned junk-line stage needs a model file; say so before any article fails on it."""
        hint = ("set clean.learned_lines_path ([clean] in slant.toml, or SLANT_CLEAN_LEARNED_LINES_PATH) to a "
                "junk_lines.json.gz that `python -m slant.train.junk_learned` wrote, or turn clean.learned_lines off "
                "(the rules alone)")
        path = self.clean.learned_lines_path
        if not path:
            if not LEARNED_LINES_DEFAULT_PATH.is_file():
                raise SettingsError("clean.learned_lines is on, but no learned junk-line model ships with Slant",
                                    hint=hint)
        elif not Path(path).is_file():
            raise SettingsError(f"clean.learned_lines_path is not a file: {path}", hint=hint)

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
        if kind.startswith(("int", "float")) and isinstance(value, bool):
            raise TypeError(value)  # bool is an int in Python: "batch_size = true" would silently be 1
        if kind.startswith("int"):
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)  # "max_bytes = 2.5" would silently be 2
            return int(value)
        if kind.startswith("float"):
            return float(value)
        if kind.startswith("bool"):
            if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
                return value.strip().lower() in _TRUE
            if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
                return bool(value)
            raise ValueError(value)  # "maybe", 2, [1]: neither on nor off
        if kind.startswith("str") and not isinstance(value, (str, os.PathLike)) \
                and not (value is None and "None" in kind):
            raise TypeError(value)  # learned_lines_path = 5: a traceback later, an error here
    except (TypeError, ValueError):
        hint = None
        if kind.startswith(("int", "float")):
            number = "a whole number" if kind.startswith("int") else "a number"
            example = f" such as {target.default!r}" if isinstance(target.default, (int, float)) else ""
            hint = (f"write {number}{example} for {where} in slant.toml, or in "
                    f"SLANT_{where.upper().replace('.', '_')}")
            if isinstance(value, bool) or str(value).strip().lower() in ("true", "false", "yes", "no", "on", "off"):
                hint += "; true/false is not a number"
        raise SettingsError(f"{where} has the value {value!r}, which is not a valid {kind}"
                            + (" (true/false, 1/0, yes/no, on/off)" if kind.startswith("bool") else ""),
                            hint=hint) from None
    return value


#: how a boolean setting may be written in slant.toml or a SLANT_* variable
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


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
