"""The JSON API under /api/v1: one router per resource."""

from __future__ import annotations

from fastapi import APIRouter

from slant.web.api import analyze, articles, exports, jobs, meta, stats

#: every /api/v1 router, mounted by :func:`slant.web.app.create_app`
ROUTERS = (meta.router, analyze.router, articles.router, jobs.router, stats.router, exports.router)


def api_router() -> APIRouter:
    """The /api/v1 router holding every resource router."""
    router = APIRouter(prefix="/api/v1")
    for sub in ROUTERS:
        router.include_router(sub)
    return router
