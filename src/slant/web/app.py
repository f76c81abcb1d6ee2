"""The FastAPI app factory and `slant serve`."""

from __future__ import annotations

import contextlib
import copy
import json
import logging
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from slant.settings import Settings, load_settings
from slant.web.config import WebSettings, web_settings
from slant.web.problems import install_problem_handlers
from slant.web.security import BodyLimitMiddleware, RequestSizeMiddleware, SecurityHeadersMiddleware
from slant.web.server import uvicorn_config
from slant.web.state import AppState

log = logging.getLogger(__name__)

API_DESCRIPTION = """Slant shows how a news article tries to persuade, and where its words come from.

Errors are RFC 9457 problem details (`application/problem+json`) with a `code` and a `hint`.
Reading may be public or need a token (`Authorization: Bearer TOKEN`); everything that writes
needs a token with the `write` scope, created with `slant token create NAME`."""


def _document_schema() -> dict[str, dict[str, Any]]:
    """The Document JSON schema as OpenAPI components (its ``$defs`` moved beside it)."""
    text = resources.files("slant.schema").joinpath("document.schema.json").read_text("utf-8")
    schema = json.loads(text)
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    moved = json.dumps({"Document": schema, **{f"Document_{k}": v for k, v in defs.items()}})
    moved = moved.replace('"#/$defs/', '"#/components/schemas/Document_')
    return json.loads(moved)


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details, with Slant's error code and a hint saying what to do.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "instance": {"type": "string"}, "code": {"type": "string"},
        "hint": {"type": "string"}, "source": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    from slant.web.api import schemas

    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(_document_schema())
    components["Problem"] = copy.deepcopy(PROBLEM_SCHEMA)
    for model in (schemas.AnalyzeRequest, schemas.ArticleIn):
        model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in model_schema.pop("$defs", {}).items():
            components.setdefault(name, sub)
        components[model.__name__] = model_schema
    # Validation errors are problem details too, not FastAPI's default HTTPValidationError body;
    # a body that cannot be parsed at all (broken JSON bytes, broken multipart framing) is a 400.
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.get("responses", {})
            if "requestBody" in operation:
                responses.setdefault("400", {"description": "Problem details (RFC 9457): the body cannot be parsed",
                                             "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
            # every request may be refused for its size before routing (RequestSizeMiddleware)
            for status, what in (("414", "the query string or path is too long"),
                                 ("431", "the request headers are too large")):
                responses.setdefault(status, {"description": f"Problem details (RFC 9457): {what}",
                                              "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
            if "422" in responses:
                responses["422"] = {"description": "Problem details (RFC 9457): the request does not match the API",
                                    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    app.openapi_schema = schema
    return schema


def create_app(settings: Settings | None = None, db_path: str | Path = "slant.db", *,
               web: WebSettings | None = None) -> FastAPI:
    """The web app over the store at ``db_path`` (created if missing).

    Args:
        settings: the Slant settings (analysis components, read limits); loaded if None.
        db_path: the SQLite store file.
        web: the web section; default ``settings.web`` or SLANT_WEB_* environment variables.
    """
    from slant import __version__
    from slant.web.api import api_router
    from slant.web.api.meta import health_router
    from slant.web.ui import install_ui

    settings = settings or load_settings()
    web = web or web_settings(settings)
    state = AppState(settings, web, db_path)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        """Close the store connections and stop the job queue when the server stops."""
        try:
            yield
        finally:
            state.close()

    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN, which the CSP (and a
    # newsroom without internet access) refuses. /api lists the endpoints from /openapi.json instead.
    app = FastAPI(title="Slant", version=__version__, description=API_DESCRIPTION, docs_url=None,
                  redoc_url=None, lifespan=lifespan)
    app.state.slant = state
    install_problem_handlers(app)
    app.include_router(health_router)
    app.include_router(api_router())
    install_ui(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    # add_middleware puts each new one outside the last: the headers wrap everything (the body
    # limit's 413 included), and the body limit refuses before FastAPI parses anything.
    app.add_middleware(BodyLimitMiddleware, max_bytes=web.max_body_bytes)
    app.add_middleware(RequestSizeMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None, *,
          web: WebSettings | None = None, warm: bool = True, log_level: str = "info") -> None:
    """Run the app with uvicorn until interrupted (what `slant serve` calls).

    Args:
        db: the store file (created if missing).
        host, port: where to listen; 127.0.0.1 keeps it on this machine.
        settings: Slant settings (loaded from slant.toml / SLANT_* if None).
        web: the web section (default: ``settings.web`` or SLANT_WEB_* variables), e.g.
            ``web_settings(settings, read_access="token")`` for a `--read-access token` option.
        warm: build the analysis pipeline (load the model) before taking requests.
    """
    import uvicorn

    settings = settings or load_settings()
    app = create_app(settings, db, web=web)
    if warm:
        from slant.analyze.process import make_pipeline

        make_pipeline(settings)
    uvicorn.Server(uvicorn_config(app, host, port, log_level=log_level)).run()
