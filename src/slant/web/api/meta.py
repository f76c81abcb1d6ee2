"""Liveness and who-am-I."""

from __future__ import annotations

from fastapi import APIRouter

from slant.web.api.common import problem_responses
from slant.web.api.deps import Reader, State
from slant.web.api.schemas import Health, Me

router = APIRouter(tags=["meta"])
health_router = APIRouter(tags=["meta"])


@health_router.get("/healthz", summary="Health check", response_model=Health, responses=problem_responses(503))
def healthz(state: State) -> Health:
    """Liveness: the app runs and its store answers (no token needed, no rate limit)."""
    from slant import __version__
    from slant.analyze.process import make_pipeline

    return Health(status="ok", version=__version__, documents=state.check()["documents"],
                  components=list(make_pipeline(state.settings).names))


@router.get("/me", summary="Who am I", response_model=Me, responses=problem_responses(401, 429))
def me(state: State, caller: Reader) -> Me:
    """Who the server thinks is calling, and whether reading needs a token."""
    token = caller.token
    return Me(authenticated=token is not None, name=token.name if token else None,
              scope=token.scope if token else None, read_access=state.web.read_access)
