"""Request-level defences: body size limit, security headers, per-client rate limits, CSRF tokens.

The middlewares are plain ASGI so they run before FastAPI parses anything: a body over the limit
is refused while it streams in, whatever its Content-Type, and every response (errors included)
carries the same headers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import OrderedDict
from typing import Any, Iterable

from slant.errors import BodyTooLarge, HeadersTooLarge, RateLimited, UriTooLong

#: The page may load scripts, styles and images from itself only: no CDN, no inline script, no
#: plugins, no framing. Inline ``style=`` attributes (the highlight colours) are allowed by hash
#: per page through :func:`csp_with_style_hashes`.
BASE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

CSRF_COOKIE = "slant_csrf"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "slant_session"
#: clients remembered by the rate limiter; the least recently seen are forgotten beyond this, so
#: a flood of spoofed addresses cannot grow memory without bound
MAX_TRACKED_CLIENTS = 10_000


def csp_with_style_hashes(style_values: Iterable[str]) -> str:
    """BASE_CSP plus ``style-src-attr`` allowing exactly these inline ``style`` attribute values."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(v.encode()).digest()).decode() + "'"
                     for v in style_values})
    if not hashes:
        return BASE_CSP
    return BASE_CSP + "; style-src-attr 'unsafe-hashes' " + " ".join(hashes)


def _problem_bytes(status: int, title: str, error: Any) -> bytes:
    return json.dumps({"type": f"urn:slant:error:{error.code}", "title": title, "status": status,
                       "detail": error.message, "code": error.code, "hint": error.hint}).encode()


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` with 413 problem+json (declared or streamed)."""

    def __init__(self, app: Any, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                too_big = True
            if too_big:
                await self._refuse(send)
                return
        # Read the body here (bounded), then hand it on: a chunked body without a length cannot
        # slip past the limit, and the app never holds more than max_bytes of it.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Any) -> None:
        error = BodyTooLarge(f"the request body is over the {self.max_bytes:,}-byte limit")
        payload = _problem_bytes(413, "Request body too large", error)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/problem+json"),
                                (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close"), *SECURITY_HEADERS,
                                (b"content-security-policy", BASE_CSP.encode())]})
        await send({"type": "http.response.body", "body": payload})


#: The longest query string the app reads: the longest real search (a quoted passage and a few
#: filters) is some hundreds of bytes; longer ones get 414 before any route parses them.
MAX_QUERY_BYTES = 8192
#: The longest path, and all request headers together (cookies included): beyond these, 414 / 431.
MAX_PATH_BYTES = 4096
MAX_HEADER_BYTES = 32768


class RequestSizeMiddleware:
    """Refuses over-long request lines and headers with 414 / 431 problem+json, before routing."""

    def __init__(self, app: Any, *, max_query: int = MAX_QUERY_BYTES, max_path: int = MAX_PATH_BYTES,
                 max_headers: int = MAX_HEADER_BYTES):
        self.app = app
        self.max_query, self.max_path, self.max_headers = max_query, max_path, max_headers

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            query = len(scope.get("query_string") or b"")
            path = len(scope.get("raw_path") or scope.get("path", "").encode())
            headers = sum(len(k) + len(v) + 4 for k, v in scope.get("headers") or ())
            if query > self.max_query:
                await _refuse(send, 414, "URI too long", UriTooLong(
                    f"the query string has {query:,} bytes; at most {self.max_query:,} are read"))
                return
            if path > self.max_path:
                await _refuse(send, 414, "URI too long", UriTooLong(
                    f"the path has {path:,} bytes; at most {self.max_path:,} are read"))
                return
            if headers > self.max_headers:
                await _refuse(send, 431, "Request header fields too large", HeadersTooLarge(
                    f"the request headers have {headers:,} bytes; at most {self.max_headers:,} are read"))
                return
        await self.app(scope, receive, send)


async def _refuse(send: Any, status: int, title: str, error: Any) -> None:
    payload = _problem_bytes(status, title, error)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(payload)).encode()), (b"connection", b"close"),
                            *SECURITY_HEADERS, (b"content-security-policy", BASE_CSP.encode())]})
    await send({"type": "http.response.body", "body": payload})


class SecurityHeadersMiddleware:
    """Adds the security headers (and the base CSP unless a page set its own) to every response."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", BASE_CSP.encode()))
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, wrapped)


class RateLimiter:
    """Token buckets per (client, bucket): ``per_minute`` requests, refilled continuously."""

    def __init__(self, limits: dict[str, int], clock: Any = time.monotonic):
        self.limits = dict(limits)
        self.clock = clock
        self._buckets: OrderedDict[tuple[str, str], tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, client: str, bucket: str) -> None:
        """Count one request; raises RateLimited (with ``retry_after`` seconds) when over the limit."""
        per_minute = self.limits[bucket]
        rate = per_minute / 60.0
        now = self.clock()
        key = (client, bucket)
        with self._lock:
            tokens, last = self._buckets.pop(key, (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - last) * rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                wait = max(1, int((1.0 - tokens) / rate + 0.999))
                error = RateLimited(f"too many requests: the limit is {per_minute} a minute for "
                                    f"{'analysis and writes' if bucket != 'read' else 'reading'}")
                error.retry_after = wait  # type: ignore[attr-defined]
                raise error
            self._buckets[key] = (tokens - 1.0, now)
            while len(self._buckets) > MAX_TRACKED_CLIENTS:
                self._buckets.popitem(last=False)


def new_csrf_token() -> str:
    """A fresh random CSRF nonce (what the ``slant_csrf`` cookie holds)."""
    return secrets.token_urlsafe(24)


class CsrfTokens:
    """Form tokens signed with a server secret and bound to the browser's nonce and session.

    The ``slant_csrf`` cookie holds a random nonce; a form carries
    ``HMAC(secret, nonce + session)``. Someone who can plant a cookie (a sibling subdomain, a
    man-in-the-middle on plain HTTP) still cannot make a form value that fits it without the
    secret, and a token made before signing in (or for another session) does not fit after it.
    The app takes the secret from its store (:func:`stored_secret`), so every worker serving one
    store signs alike (a form from one worker posts to another) and a restart keeps open forms
    valid; without one given it is random for this object.
    """

    def __init__(self, secret: bytes | None = None):
        self.secret = secret or secrets.token_bytes(32)

    def issue(self, nonce: str, session: str | None) -> str:
        """The form token for this nonce and session cookie."""
        session_key = hashlib.sha256((session or "").encode("utf-8", "surrogatepass")).hexdigest()
        mac = hmac.new(self.secret, f"{nonce}\x1f{session_key}".encode("utf-8", "surrogatepass"), hashlib.sha256)
        return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()

    def valid(self, nonce: str | None, session: str | None, field: str | None) -> bool:
        """Whether ``field`` is the token for ``nonce`` and ``session`` (constant-time compare)."""
        if not nonce or not field or len(nonce) > 100 or len(field) > 100:
            return False
        return hmac.compare_digest(self.issue(nonce, session).encode(), field.encode())


#: Secrets the web app keeps in its store, one row per name (the CSRF signing key).
SECRETS_TABLE = """CREATE TABLE IF NOT EXISTS web_secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL                   -- 32 random bytes, made on first use
)"""


def stored_secret(conn: Any, name: str = "csrf") -> bytes:
    """The secret ``name`` of the store behind ``conn`` (an autocommit SQLite connection), made
    on first use. Workers started together race to make it; ``INSERT OR IGNORE`` keeps the first,
    and every worker then reads that one."""
    conn.execute(SECRETS_TABLE)
    conn.execute("INSERT OR IGNORE INTO web_secrets (name, value) VALUES (?, ?)", (name, secrets.token_bytes(32)))
    (value,) = conn.execute("SELECT value FROM web_secrets WHERE name = ?", (name,)).fetchone()
    return bytes(value)
