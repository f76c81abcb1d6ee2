"""Errors as RFC 9457 problem details (``application/problem+json``) for the API, pages for the UI."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from slant import errors as E
from slant.store.sqlite import read_error

log = logging.getLogger(__name__)

PROBLEM_TYPE = "application/problem+json"

#: HTTP status of each kind of SlantError; the first class in the MRO found here wins
STATUS_BY_ERROR: dict[type[E.SlantError], int] = {
    E.AuthRequired: 401,
    E.TokenForbidden: 403,
    E.CsrfFailed: 403,
    E.NotFoundError: 404,
    E.JobError: 404,
    E.BodyTooLarge: 413,
    E.InputTooLarge: 413,
    E.RateLimited: 429,
    E.UnknownTable: 404,
    E.InputError: 422,
    E.SettingsError: 400,
    E.UnknownComponent: 422,
    E.SpanError: 422,
    E.SchemaError: 422,
    E.StoreLocked: 503,
    E.DamagedDocument: 500,  # waiting will not mend it
    E.StoreError: 503,
    E.ModelError: 503,
    E.PipelineError: 500,
    E.WebError: 400,
    E.SlantError: 500,
}

TITLES = {400: "Bad request", 401: "Authentication required", 403: "Forbidden", 404: "Not found",
          405: "Method not allowed", 413: "Request body too large", 415: "Unsupported media type",
          422: "Unprocessable content", 429: "Too many requests", 500: "Internal server error",
          503: "Service unavailable"}


def status_of(error: E.SlantError) -> int:
    """The HTTP status of a SlantError."""
    if isinstance(getattr(error, "status", None), int):
        return error.status  # type: ignore[attr-defined]
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 500


def wants_html(request: Request) -> bool:
    """UI pages get HTML error pages; the API, health check and scripts get problem+json."""
    path = request.url.path
    if path.startswith(("/api/", "/healthz", "/openapi.json", "/static/")):
        return False
    return "text/html" in request.headers.get("accept", "")


def problem(request: Request, status: int, detail: str, *, code: str | None = None, hint: str = "",
            headers: dict[str, str] | None = None, **extra: Any):
    """A problem+json response (or the HTML error page for a browser on a UI path)."""
    title = TITLES.get(status, "Error")
    body: dict[str, Any] = {"type": f"urn:slant:error:{code}" if code else "about:blank", "title": title,
                            "status": status, "detail": detail, "instance": request.url.path}
    if code:
        body["code"] = code
    if hint:
        body["hint"] = hint
    body.update(extra)
    if wants_html(request):
        render = getattr(request.app.state, "render_error", None)
        if render is not None:
            try:
                response = render(request, body)
            except Exception:  # noqa: BLE001 - an error page must never fail: fall back to JSON
                log.exception("cannot render the error page for %s", request.url.path)
            else:
                response.headers.update(headers or {})
                return response
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    """Route every error through :func:`problem`, so no response ever carries a traceback."""

    @app.exception_handler(E.SlantError)
    async def slant_error(request: Request, exc: E.SlantError):
        status = status_of(exc)
        headers = {}
        if status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="slant"'
        if status == 429:
            headers["Retry-After"] = str(getattr(exc, "retry_after", 60))
        if status >= 500:
            log.warning("request %s failed: %s", request.url.path, exc)
        return problem(request, status, exc.message, code=exc.code, hint=exc.hint, headers=headers,
                       **({"source": exc.source} if exc.source and status < 500 else {}))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
                   "type": str(e.get("type", ""))} for e in exc.errors()][:20]
        where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:3])
        return problem(request, 422, f"the request does not match the API: {where}", code=E.WebError.code,
                       hint="see /openapi.json for the parameters of this endpoint", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return problem(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(sqlite3.DatabaseError)
    async def database_error(request: Request, exc: sqlite3.DatabaseError):
        # Pages that read as damaged ("database disk image is malformed") are not a bug: on a store read
        # without locks (its folder is not writable) whose file changed since it was opened, the store
        # changed under it (E708: ask again); otherwise the file is damaged (E709: restore or recover it;
        # asking again reads the same pages).
        state = getattr(request.app.state, "slant", None)
        if "malformed" in str(exc) and state is not None:
            return await slant_error(request, read_error(exc, Path(state.db_path).name, state.changed_under_readers))
        return await unexpected(request, exc)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return problem(request, 500, "the server failed to answer this request; it has been logged",
                       code="E000", hint="this is a bug in Slant: please report it with the request that caused it")
