"""The store's tables, versioned: each migration moves ``PRAGMA user_version`` up by one.

The tables hold what a Document's JSON carries (layers of spans, labels, provenance with component
names and versions), never component internals, so a new component needs no schema change: its
layers land in ``spans``, its document labels in ``labels``, its provenance in ``analyses``.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from typing import Callable

from slant.errors import NotAStore, StoreTooNew
from slant.store.rows import document_blob, document_from_blob

#: Each entry upgrades the schema by one version. Never edit a released entry: append a new one.
MIGRATIONS: list[list[str | Callable[[sqlite3.Connection], None]]] = [
    # 1: documents, analysis projections, runs and failures, near-duplicate and quote tables
    [
        """CREATE TABLE runs (
            run_id TEXT PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            status TEXT NOT NULL DEFAULT 'running',   -- running | done | interrupted | failed
            args TEXT NOT NULL DEFAULT '{}',          -- JSON: the sources and options of the run
            components TEXT NOT NULL DEFAULT '[]',    -- JSON: versioned component names
            counts TEXT NOT NULL DEFAULT '{}'         -- JSON: read, stored, duplicates, failed ...
        )""",
        """CREATE TABLE documents (
            doc_id TEXT PRIMARY KEY,
            source TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            published TEXT,                           -- ISO date YYYY-MM-DD, NULL when unknown
            title TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL,               -- sha256 of the normalised cleaned text
            text TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',          -- JSON: the Document's meta
            doc BLOB NOT NULL,                        -- zlib(JSON of Document.to_dict() less text)
            ingested_at TEXT NOT NULL,
            run_id TEXT,
            UNIQUE (content_hash, outlet)
        )""",
        "CREATE INDEX documents_outlet_published ON documents (outlet, published)",
        "CREATE INDEX documents_published ON documents (published)",
        # Fingerprints of raw input records already handled: a resumed ingest skips them before
        # cleaning, which is what makes a re-run over a finished archive cheap.
        """CREATE TABLE record_keys (
            record_key TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE analyses (
            doc_id TEXT NOT NULL,
            component TEXT NOT NULL,                  -- base name, e.g. slant.techniques
            version TEXT NOT NULL,                    -- e.g. v2
            name TEXT NOT NULL,                       -- versioned name, e.g. slant.techniques.v2
            info TEXT NOT NULL DEFAULT '{}',          -- JSON: the provenance entry
            run_id TEXT,
            PRIMARY KEY (doc_id, component)
        ) WITHOUT ROWID""",
        """CREATE TABLE spans (
            doc_id TEXT NOT NULL,
            layer TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            raw_start INTEGER,
            raw_end INTEGER,
            score REAL,
            attrs TEXT                                -- JSON or NULL
        )""",
        "CREATE INDEX spans_doc ON spans (doc_id, layer)",
        "CREATE INDEX spans_layer_label ON spans (layer, label)",
        """CREATE TABLE labels (
            doc_id TEXT NOT NULL,
            name TEXT NOT NULL,                       -- e.g. frames, genre
            label TEXT NOT NULL,
            score REAL NOT NULL,
            selected INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX labels_doc ON labels (doc_id)",
        "CREATE INDEX labels_name_label ON labels (name, label)",
        """CREATE TABLE quotes (
            quote_id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            raw_start INTEGER,
            raw_end INTEGER,
            text TEXT NOT NULL,
            norm_text TEXT NOT NULL,                  -- normalised for exact matching
            speaker TEXT NOT NULL DEFAULT '',
            speaker_key TEXT NOT NULL DEFAULT '',     -- normalised speaker name
            attrs TEXT
        )""",
        "CREATE INDEX quotes_doc ON quotes (doc_id)",
        "CREATE INDEX quotes_norm ON quotes (norm_text)",
        "CREATE INDEX quotes_speaker ON quotes (speaker_key)",
        """CREATE TABLE entities (
            entity_id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            raw_start INTEGER,
            raw_end INTEGER,
            label TEXT NOT NULL DEFAULT '',           -- PER, ORG, LOC ...
            text TEXT NOT NULL,
            canonical TEXT NOT NULL DEFAULT '',
            attrs TEXT
        )""",
        "CREATE INDEX entities_doc ON entities (doc_id)",
        "CREATE INDEX entities_canonical ON entities (label, canonical)",
        """CREATE TABLE failures (
            failure_id INTEGER PRIMARY KEY,
            run_id TEXT,
            source TEXT NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            hint TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            UNIQUE (source, code)                     -- a re-run updates, never piles up copies
        )""",
        # Near-duplicates (filled through slant.corpus.neardup when it is installed).
        """CREATE TABLE minhashes (
            doc_id TEXT PRIMARY KEY,
            num_perm INTEGER NOT NULL,
            seed INTEGER NOT NULL,
            signature BLOB NOT NULL                   -- num_perm unsigned 64-bit ints, little-endian
        ) WITHOUT ROWID""",
        """CREATE TABLE clusters (
            doc_id TEXT PRIMARY KEY,
            cluster_id TEXT NOT NULL
        ) WITHOUT ROWID""",
        "CREATE INDEX clusters_cluster ON clusters (cluster_id)",
        """CREATE TABLE dup_links (
            doc_a TEXT NOT NULL,                      -- the document already stored
            doc_b TEXT NOT NULL,                      -- the document that matched it
            kind TEXT NOT NULL DEFAULT 'near',        -- exact | near | contained
            score REAL,
            PRIMARY KEY (doc_a, doc_b)
        ) WITHOUT ROWID""",
        # Travelling quotes: each stored quote's group (the same quote across articles).
        """CREATE TABLE quote_groups (
            quote_id INTEGER PRIMARY KEY,
            group_id TEXT NOT NULL
        )""",
        "CREATE INDEX quote_groups_group ON quote_groups (group_id)",
    ],
    # 2: full-text search over title and cleaned text. An external-content FTS5 index (it stores
    # the index, not a second copy of the text) that triggers keep in step with ``documents``;
    # unicode61 with diacritics removed matches "Zelenskyy" typed without accents and splits
    # "Putin's" into "putin" + "s". Existing rows are indexed by the rebuild.
    [
        """CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END""",
        """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
        END""",
        """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, text)
                VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END""",
        "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')",
    ],
    # 3: a word index over the normalised quote texts, so that a new quote finds the stored quotes
    # that share its rarest words without reading every quote (slant.corpus.quote_groups files
    # new quotes into travelling-quote groups incrementally). External content: no second copy.
    [
        """CREATE VIRTUAL TABLE quotes_fts USING fts5(
            norm_text, content='quotes', content_rowid='quote_id', tokenize='unicode61'
        )""",
        """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts (rowid, norm_text) VALUES (new.quote_id, new.norm_text);
        END""",
        """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts (quotes_fts, rowid, norm_text) VALUES ('delete', old.quote_id, old.norm_text);
        END""",
        "INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')",
        # how many quotes hold each word: picks a quote's rarest words as its search terms
        "CREATE VIRTUAL TABLE quotes_vocab USING fts5vocab(quotes_fts, 'row')",
    ],
    # 4: publication time of day and zone. ``published`` stays the day the outlet printed;
    # ``published_at`` is the source's date-time (with its UTC offset when it gave a zone) and
    # ``published_utc`` the instant in UTC that orders copies published the same day. Stores
    # written before keep every row; the backfill recovers the time from each row's date evidence
    # (the string the source gave is kept there), so first publications of old stores improve too.
    [
        # ISO date-time as given (NULL without a time); UTC instant (naive times taken as UTC)
        "ALTER TABLE documents ADD COLUMN published_at TEXT",
        "ALTER TABLE documents ADD COLUMN published_utc TEXT",
        "CREATE INDEX documents_published_utc ON documents (published_utc)",
        lambda conn: backfill_published_at(conn),
    ],
    # 5: dates read from article text by an older Slant are judged again by the rules of
    # slant.clean.dates (a text date is the publication date only on positive evidence): invented
    # dates ("The Feb. 25 speech" -> 1931-02-25) leave ``published``; the old evidence is kept in
    # the ``meta`` column as ``date_before``, so nothing is lost.
    [
        lambda conn: rejudge_text_dates(conn),
    ],
    # 6: a label's ``reason``, why none of its set is selected (Document schema 1.3: the genre of a
    # text too short to judge, or with no genre at 50%), so exports carry it; "" when one is. The
    # rows of documents stored by a 1.3 writer get it back from the stored Document.
    [
        lambda conn: add_label_reasons(conn),
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)

#: The oldest schema a read-only open may read as it is when it cannot migrate the store (a user
#: who may not write the file): migration 6 only adds ``labels.reason``, which such a reader sees
#: as "" (:func:`read_at_version`). Migrations 4 and 5 cannot be skipped so: 4 adds the date
#: columns every query orders by, and 5 withdraws publication dates that were wrong.
READABLE_FROM = 5

#: Table names that exports and stats may read, so user input never reaches SQL unchecked.
TABLES = ("documents", "analyses", "spans", "labels", "quotes", "entities", "clusters", "dup_links",
          "quote_groups", "failures", "runs", "minhashes", "record_keys")


def migrate(conn: sqlite3.Connection, *, path: str = "") -> int:
    """Bring the schema of ``conn`` up to :data:`SCHEMA_VERSION`; returns the version found.

    Safe when several processes open a new (or old) store at once: each step reads the version
    again under the write lock, so a step another process has just made is not made twice.
    """
    found = _version(conn, path)
    version = found
    while version < SCHEMA_VERSION:
        # One transaction per step (the connection is in autocommit mode, so BEGIN is explicit):
        # a crash mid-migration leaves the previous version intact.
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _version(conn, path)
            if version < SCHEMA_VERSION:
                if version == 0:
                    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                    if tables:
                        raise NotAStore(f"the database holds tables ({', '.join(tables[:5])}) but no Slant "
                                        "schema", source=path or None)
                for statement in MIGRATIONS[version]:
                    if callable(statement):
                        statement(conn)
                    else:
                        conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return found


def _version(conn: sqlite3.Connection, path: str) -> int:
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StoreTooNew(f"store schema version {found} is newer than this Slant's {SCHEMA_VERSION}",
                          source=path or None)
    return found


#: SQL ordering that decides which copy of a story came first: dated before undated, then by the
#: UTC instant when the source gave a time, then by day (a copy with a day only sorts after the
#: copies with a time on that day: its hour is unknown), then by ingest order.
def published_order(alias: str = "") -> str:
    """ORDER BY terms for "earliest publication first" over ``documents`` (aliased ``alias``)."""
    a = f"{alias}." if alias else ""
    return (f"{a}published IS NULL, COALESCE({a}published_utc, {a}published || 'T24'), "
            f"{a}ingested_at, {a}rowid")


def backfill_published_at(conn: sqlite3.Connection) -> int:
    """Fill ``published_at``/``published_utc`` of rows stored before migration 4; returns rows updated.

    The time comes from the date the source gave, which the row's date evidence keeps
    (``meta.date.text`` when the method is not a text or URL reading). The stored meta and
    Document JSON get ``published_at`` too, so the API and exports agree with the columns.
    """
    from slant.clean.timestamps import parse_timestamp, utc_instant

    rows = conn.execute(
        f"SELECT rowid, meta, doc FROM documents WHERE published_at IS NULL "
        f"AND {_meta_field('$.date.text')} LIKE '%:%' "
        f"AND {_meta_field('$.date.method')} NOT LIKE 'text:%' "
        f"AND {_meta_field('$.date.method')} NOT LIKE 'url:%'").fetchall()
    updated = undecodable = 0
    for rowid, meta_json, blob in rows:
        meta, doc = _stored_meta_and_document(meta_json, blob)
        if meta is None or doc is None:
            undecodable += 1
            continue
        stamp = parse_timestamp(str((meta.get("date") or {}).get("text") or ""))
        if stamp is None or stamp.at is None or stamp.day.isoformat() != meta.get("published"):
            continue
        meta["published_at"] = stamp.at
        meta["date"]["at"] = stamp.at
        if not isinstance(doc.get("meta"), dict):
            doc["meta"] = {}
        doc["meta"]["published_at"] = stamp.at
        if isinstance(doc["meta"].get("date"), dict):
            doc["meta"]["date"]["at"] = stamp.at
        conn.execute("UPDATE documents SET published_at = ?, published_utc = ?, meta = ?, doc = ? WHERE rowid = ?",
                     (stamp.at, utc_instant(stamp.at), json.dumps(meta, ensure_ascii=False),
                      document_blob(doc),
                      rowid))
        updated += 1
    _say_undecodable(4, undecodable, "keep no time of day")
    return updated


def json_field(column: str, path: str) -> str:
    """SQL: ``json_extract`` of the JSON ``column`` at ``path``, NULL where the stored value is not JSON
    (``json_extract`` stops the whole statement on one malformed row: a migration, an export)."""
    return f"CASE WHEN json_valid({column}) THEN json_extract({column}, '{path}') END"


def _meta_field(path: str) -> str:
    """SQL: :func:`json_field` of ``documents.meta``."""
    return json_field("meta", path)


def _stored_meta_and_document(meta_json: str, blob: bytes) -> tuple[dict | None, dict | None]:
    """A row's decoded ``meta`` column and stored Document, each None where it does not decode."""
    try:
        meta = json.loads(meta_json)
    except (ValueError, TypeError):
        meta = None
    return (meta if isinstance(meta, dict) else None), document_from_blob(blob)


def _say_undecodable(migration: int, count: int, consequence: str) -> None:
    """Say once on stderr that ``count`` stored documents were left as they are by ``migration``:
    one damaged row must not make the whole store unopenable."""
    if count:
        print(f"slant: store migration {migration}: {count} stored document(s) could not be decoded; they "
              f"{consequence} (nothing stored was changed)", file=sys.stderr)


def read_at_version(conn: sqlite3.Connection) -> None:
    """Let a read-only connection to a store at :data:`READABLE_FROM` or later read it as the current schema.

    A temporary view (in this connection only; the file is not touched) shadows ``labels`` with
    the ``reason`` column migration 6 adds, "" on every row, as that migration leaves a row whose
    stored Document gives none."""
    if not _has_label_reasons(conn):
        conn.execute("CREATE TEMP VIEW labels AS SELECT rowid AS rowid, *, '' AS reason FROM main.labels")


def _has_label_reasons(conn: sqlite3.Connection) -> bool:
    """Whether the store's own ``labels`` table (``main``, never a temporary view) has migration 6's column."""
    return "reason" in {r[1] for r in conn.execute("PRAGMA main.table_info(labels)")}


def add_label_reasons(conn: sqlite3.Connection) -> int:
    """Add ``labels.reason`` and fill it from the stored Documents; returns the label rows filled.

    A stored Document that does not decode gives no reasons (its rows keep ""): it is counted and
    the count said once on stderr, so one damaged row does not make the whole store unopenable."""
    if not _has_label_reasons(conn):
        conn.execute("ALTER TABLE labels ADD COLUMN reason TEXT NOT NULL DEFAULT ''")
    # a reason is written only when none of a set is selected: read only those documents
    uncertain = conn.execute("SELECT d.doc_id, d.doc FROM documents d WHERE d.doc_id IN (SELECT doc_id FROM labels "
                             "GROUP BY doc_id, name HAVING MAX(selected) = 0)").fetchall()
    filled = undecodable = 0
    for doc_id, blob in uncertain:
        doc = document_from_blob(blob)
        if doc is None:
            undecodable += 1
            continue
        for name, labels in (doc.get("labels") or {}).items():
            for label in labels:
                if label.get("reason"):
                    filled += conn.execute("UPDATE labels SET reason = ? WHERE doc_id = ? AND name = ? AND label = ?",
                                           (label["reason"], doc_id, name, label["label"])).rowcount
    _say_undecodable(6, undecodable, "keep an empty reason on their labels")
    return filled


def _raw_from_stored(text: str, doc: dict) -> str:
    """The raw text of a stored Document, rebuilt from its kept pieces and its removed lines.

    The store keeps the cleaned text with its map back to the raw input, and every removed line
    with its raw offsets; what lies between them was line breaks and blank space, written back as
    line breaks (which is all the date rules look at)."""
    raw_info = doc.get("raw") or {}
    length = int(raw_info.get("length") or 0)
    chars = ["\n"] * length
    for clean_start, raw_start, size in raw_info.get("offset_map") or ():
        chars[raw_start:raw_start + size] = text[clean_start:clean_start + size]
    for line in doc.get("removed") or ():
        start, end = int(line.get("raw_start", 0)), int(line.get("raw_end", 0))
        if 0 <= start <= end <= length and end - start == len(line.get("text", "")):
            chars[start:end] = line["text"]
    return "".join(chars[:length])


def rejudge_text_dates(conn: sqlite3.Connection) -> int:
    """Judge again every publication date an older Slant read from article text; returns rows changed."""
    from slant.clean.dates import resolve_date

    rows = conn.execute(
        "SELECT rowid, text, meta, doc, published, url, outlet FROM documents "
        f"WHERE {_meta_field('$.date.method')} LIKE 'text:%'").fetchall()
    changed = undecodable = 0
    for rowid, text, meta_json, blob, published, url, outlet in rows:
        meta, doc = _stored_meta_and_document(meta_json, blob)
        if meta is None or doc is None:
            undecodable += 1
            continue
        raw = _raw_from_stored(text, doc)
        evidence = resolve_date(raw, hints=[h for h in (url, outlet) if h], crawled=str(meta.get("crawled") or ""))
        value = evidence.value if evidence is not None else None
        if value == published:
            continue
        new_date = None
        if evidence is not None:
            from dataclasses import asdict

            new_date = asdict(evidence)
            new_date["reasons"] = new_date["reasons"] + [f"judged again by store migration 5 (was {published})"]
        meta["date_before"] = meta.get("date")
        meta["date"], meta["published"] = new_date, value
        if not isinstance(doc.get("meta"), dict):
            doc["meta"] = {}
        doc["meta"]["date"], doc["meta"]["published"] = new_date, value
        conn.execute("UPDATE documents SET published = ?, published_at = NULL, published_utc = NULL, meta = ?, "
                     "doc = ? WHERE rowid = ?",
                     (value, json.dumps(meta, ensure_ascii=False),
                      document_blob(doc),
                      rowid))
        changed += 1
    _say_undecodable(5, undecodable, "keep the date read from their text, unjudged")
    return changed
