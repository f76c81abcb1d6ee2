"""The HTTP server under the app: uvicorn's h11 protocol, answering over-long requests politely.

h11 gives up on a request line and headers over its buffer (16 KB by default) with a bare 400 and
closes the socket while the client is still sending, which the client sees as a connection reset
(issue 16: a 200 KB query string). Here the buffer is :data:`MAX_REQUEST_HEAD_BYTES`, so anything
up to it reaches :class:`slant.web.security.RequestSizeMiddleware` (414 / 431 with a problem
body), and a head over it gets a 431 problem answer itself; the rest of what the client sends is
read and dropped before the socket closes, so the client reads the answer instead of a reset.
"""

from __future__ import annotations

import json
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

#: Request line and headers h11 buffers: above the middleware's limits, so they answer first.
MAX_REQUEST_HEAD_BYTES = 1 << 20
#: How long the server keeps draining a refused request before it closes the connection.
DRAIN_IDLE_SECONDS = 0.5
DRAIN_MAX_SECONDS = 10.0


class PoliteH11Protocol(H11Protocol):
    """h11 with a bigger head buffer and a 431 problem answer (not a reset) beyond it."""

    _draining = False

    def data_received(self, data: bytes) -> None:
        if self._draining:
            self._drain_timer()
            return
        super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        # h11 gives up with "Receive buffer too long" once the unparsed head outgrows its buffer
        if len(self.conn.trailing_data[0]) > MAX_REQUEST_HEAD_BYTES:
            self._send_431()
            return
        super().send_400_response(msg)

    def _send_431(self) -> None:
        from slant.web.security import BASE_CSP, SECURITY_HEADERS

        body = json.dumps({
            "type": "urn:slant:error:E909", "title": "Request header fields too large", "status": 431,
            "detail": f"the request line and headers are over {MAX_REQUEST_HEAD_BYTES:,} bytes "
                      "(a query string that long is never read)",
            "code": "E909",
            "hint": "shorten the query or the headers; send long input in a POST body (POST /api/v1/analyze)",
        }).encode()
        head = [b"HTTP/1.1 431 Request Header Fields Too Large",
                b"content-type: application/problem+json", b"content-length: " + str(len(body)).encode(),
                b"connection: close", *(k + b": " + v for k, v in SECURITY_HEADERS),
                b"content-security-policy: " + BASE_CSP.encode()]
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self._draining = True
        self._drain_deadline = self.loop.time() + DRAIN_MAX_SECONDS
        self._close_handle = None
        self._drain_timer()

    def _drain_timer(self) -> None:
        handle = getattr(self, "_close_handle", None)
        if handle is not None:
            handle.cancel()
        delay = min(DRAIN_IDLE_SECONDS, max(0.0, self._drain_deadline - self.loop.time()))
        self._close_handle = self.loop.call_later(delay, self.transport.close)


def uvicorn_config(app: Any, host: str, port: int, *, log_level: str = "info", **kwargs: Any):
    """The uvicorn Config `slant serve` runs with (the polite h11 protocol, no server header)."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level=log_level, proxy_headers=False,
                          server_header=False, date_header=True, http=PoliteH11Protocol,
                          h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES, **kwargs)
