"""Typed dependencies: the app state, who is calling, and whether they may read or write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from slant.errors import AuthRequired, TokenForbidden
from slant.web.auth import TokenInfo, verify_token
from slant.web.security import SESSION_COOKIE
from slant.web.state import AppState


@dataclass(frozen=True)
class Caller:
    """Who sent a request: a token's owner, or an anonymous client known by its address."""

    client: str  # the rate limiter's key
    token: TokenInfo | None = None

    @property
    def can_write(self) -> bool:
        """Whether the caller's token has the 'write' scope."""
        return self.token is not None and self.token.can_write


def get_state(request: Request) -> AppState:
    """The app's AppState."""
    return request.app.state.slant


State = Annotated[AppState, Depends(get_state)]


def client_address(request: Request, trust_proxy: bool) -> str:
    """The client's address (from X-Forwarded-For only behind a trusted proxy)."""
    if trust_proxy:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.client.host if request.client else "unknown"


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def identify(request: Request, state: AppState, *, allow_cookie: bool) -> Caller:
    """The caller of ``request``; a token that is sent but invalid is an error, never ignored."""
    token = _bearer(request)
    from_cookie = False
    if not token and allow_cookie:
        token = request.cookies.get(SESSION_COOKIE, "")
        from_cookie = bool(token)
    address = client_address(request, state.web.trust_proxy)
    if not token:
        return Caller(client=f"ip:{address}")
    info = verify_token(state.conn, token)
    if info is None:
        if from_cookie:  # a revoked token left in a browser: carry on as a visitor (who may sign in again)
            return Caller(client=f"ip:{address}")
        raise AuthRequired("the API token is not valid (unknown, mistyped or revoked)")
    return Caller(client=f"token:{info.token_id}", token=info)


def _reader(request: Request, state: AppState, *, allow_cookie: bool) -> Caller:
    caller = identify(request, state, allow_cookie=allow_cookie)
    if state.web.read_access == "token" and caller.token is None:
        raise AuthRequired("this server only answers readers with an API token")
    state.limiter.hit(caller.client, "read")
    return caller


def api_reader(request: Request, state: State) -> Caller:
    """May read through the API (a session cookie counts only for reads: GETs cannot change data)."""
    return _reader(request, state, allow_cookie=request.method in ("GET", "HEAD"))


def api_analyst(request: Request, state: State) -> Caller:
    """May run an analysis (reading rights, and the stricter analysis rate limit)."""
    caller = _reader(request, state, allow_cookie=False)
    state.limiter.hit(caller.client, "analyze")
    return caller


def api_writer(request: Request, state: State) -> Caller:
    """May change the store: needs a 'write' token in the Authorization header (never a cookie)."""
    caller = identify(request, state, allow_cookie=False)
    if caller.token is None:
        raise AuthRequired("writing needs an API token")
    if not caller.can_write:
        raise TokenForbidden(f"the token {caller.token.name!r} may only read")
    state.limiter.hit(caller.client, "write")
    return caller


def page_reader(request: Request, state: State) -> Caller:
    """May see the UI pages (session cookie or bearer token when reading is token-protected)."""
    return _reader(request, state, allow_cookie=True)


Reader = Annotated[Caller, Depends(api_reader)]
Analyst = Annotated[Caller, Depends(api_analyst)]
Writer = Annotated[Caller, Depends(api_writer)]
PageReader = Annotated[Caller, Depends(page_reader)]
