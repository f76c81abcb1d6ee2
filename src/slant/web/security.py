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

from slant.errors import BodyTooLarge, RateLimited

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
    """A fresh random CSRF token."""
    return secrets.token_urlsafe(24)


def csrf_matches(cookie: str | None, field: str | None) -> bool:
    """Double-submit check: the form's token equals the cookie's (both present, constant time)."""
    if not cookie or not field or len(cookie) > 100 or len(field) > 100:
        return False
    return hmac.compare_digest(cookie.encode(), field.encode())
