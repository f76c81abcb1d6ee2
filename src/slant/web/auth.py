"""API tokens: created by `slant token create`, stored hashed in the store's own ``web_tokens`` table.

A token is 32 random bytes (URL-safe base64) behind a ``slant_`` prefix. Only its sha256 is kept:
the token is high-entropy, so a fast hash is as safe as a slow one here and keeps each request's
check to one indexed lookup (scrypt is for guessable passwords, and would cost ~50 ms a request).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from slant.errors import SettingsError, StoreError

TOKEN_PREFIX = "slant_"
#: bytes of randomness per token (256 bits: far beyond guessing)
TOKEN_BYTES = 32
SCOPES = ("read", "write")

TOKENS_TABLE = """CREATE TABLE IF NOT EXISTS web_tokens (
    token_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,                  -- read | write (write may also read)
    token_hash TEXT NOT NULL UNIQUE,      -- sha256 hex of the whole token
    created TEXT NOT NULL,
    revoked TEXT                          -- ISO time, NULL while the token is valid
)"""


@dataclass(frozen=True)
class TokenInfo:
    """Who a valid token belongs to and what it may do."""

    token_id: str
    name: str
    scope: str

    @property
    def can_write(self) -> bool:
        """Whether this token may write."""
        return self.scope == "write"


def hash_token(token: str) -> str:
    """sha256 hex of a token (what the store keeps)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_tokens(db: str | Path) -> sqlite3.Connection:
    """A connection to the store ``db`` (created and migrated if new) with the tokens table."""
    from slant.store import open_store

    store = open_store(db)  # creates and migrates the store's own tables first
    conn = store.conn
    try:
        conn.execute(TOKENS_TABLE)
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StoreError(f"cannot prepare the store for tokens: {exc}", source=str(db)) from None
    return conn


def create_token(db: str | Path, name: str, scope: str = "write") -> str:
    """Create an API token named ``name`` with ``scope`` ('read' or 'write'); returns it (shown once)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise SettingsError("a token needs a name of 1 to 100 characters", hint="e.g. `slant token create newsroom-bot`")
    if scope not in SCOPES:
        raise SettingsError(f"unknown token scope {scope!r}", hint="use 'read' or 'write'")
    token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    conn = open_tokens(db)
    try:
        conn.execute("INSERT INTO web_tokens (token_id, name, scope, token_hash, created) VALUES (?, ?, ?, ?, ?)",
                     (secrets.token_hex(6), name, scope, hash_token(token), _now()))
    finally:
        conn.close()
    return token


def list_tokens(db: str | Path) -> list[dict]:
    """Every token's id, name, scope, creation and revocation time (never the token or its hash)."""
    conn = open_tokens(db)
    try:
        rows = conn.execute("SELECT token_id, name, scope, created, revoked FROM web_tokens ORDER BY created").fetchall()
    finally:
        conn.close()
    return [dict(zip(("token_id", "name", "scope", "created", "revoked"), r)) for r in rows]


def revoke_token(db: str | Path, name_or_id: str) -> int:
    """Revoke the tokens whose id or name is ``name_or_id``; returns how many were revoked."""
    conn = open_tokens(db)
    try:
        cur = conn.execute("UPDATE web_tokens SET revoked = ? WHERE revoked IS NULL AND (token_id = ? OR name = ?)",
                           (_now(), name_or_id, name_or_id))
        return cur.rowcount
    finally:
        conn.close()


def verify_token(conn: sqlite3.Connection, token: str) -> TokenInfo | None:
    """The TokenInfo of a valid, unrevoked ``token``, or None."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    digest = hash_token(token)
    try:
        row = conn.execute("SELECT token_id, name, scope, token_hash FROM web_tokens "
                           "WHERE token_hash = ? AND revoked IS NULL", (digest,)).fetchone()
    except sqlite3.OperationalError:  # no tokens table yet: no token is valid
        return None
    if row is None or not hmac.compare_digest(row[3], digest):
        return None
    return TokenInfo(row[0], row[1], row[2])
