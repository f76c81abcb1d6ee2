"""Stored articles: list and search, get one, its near-duplicates; analyse-and-store, delete."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from slant.web import queries, service
from slant.web.api.common import DOCUMENT_REF, body_spec, paging, problem_responses, read_body
from slant.web.api.deps import Reader, State, Writer
from slant.web.api.schemas import ArticleIn, ArticleList, Related, Stored

router = APIRouter(tags=["articles"])

DocId = Annotated[str, Path(min_length=1, max_length=300, description="The document id.")]


def _day(value: str | None, name: str) -> str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise RequestValidationError([{"loc": ("query", name), "msg": "not a valid date (YYYY-MM-DD)",
                                       "type": "date_from_datetime_parsing"}]) from None


def filters_from(q: str, outlet: str, date_from: str | None, date_to: str | None, technique: str,
                 frame: str, genre: str, speaker: str, entity: str, cluster: str) -> queries.ArticleFilters:
    """ArticleFilters from query parameters (dates checked as YYYY-MM-DD)."""
    return queries.ArticleFilters(q=q, outlet=outlet, date_from=_day(date_from, "date_from"),
                                  date_to=_day(date_to, "date_to"), technique=technique,
                                  frame=frame, genre=genre, speaker=speaker, entity=entity, cluster=cluster)


Text = Annotated[str, Query(max_length=200)]
#: a calendar date; strings only (a bare number is not read as a Unix time)
Day = Annotated[str | None, Query(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description="YYYY-MM-DD")]


@router.get("/articles", response_model=ArticleList, responses=problem_responses(401, 422, 429))
def list_articles(state: State, caller: Reader, q: Annotated[str, Query(max_length=500, description="Full-text search.")] = "",
                  outlet: Text = "", date_from: Day = None, date_to: Day = None,
                  technique: Text = "", frame: Text = "", genre: Text = "", speaker: Text = "", entity: Text = "",
                  cluster: Text = "", page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                  per_page: Annotated[int, Query(ge=1, le=200)] = 25,
                  sort: Literal["newest", "oldest", "techniques", "quotes"] = "newest") -> ArticleList:
    """List or search stored articles with filters, paging and an order (newest first by default)."""
    f = filters_from(q, outlet, date_from, date_to, technique, frame, genre, speaker, entity, cluster)
    items, total = queries.list_articles(state.conn, f, page=page, per_page=per_page, sort=sort)
    return ArticleList(items=items, filters=f.active(), **paging(total, page, per_page))


@router.get("/articles/{doc_id:path}/related", response_model=Related, responses=problem_responses(401, 404, 429))
def related(doc_id: DocId, state: State, caller: Reader) -> Related:
    """Near-duplicates of the article and its story cluster."""
    queries.article_summary(state.conn, doc_id)
    return Related(doc_id=doc_id, **queries.related(state.conn, doc_id))


@router.get("/articles/{doc_id:path}", response_class=JSONResponse,
            responses={200: {"description": "The stored Document (as `slant analyze --format json`, without the raw text).",
                             "content": {"application/json": {"schema": DOCUMENT_REF}}},
                       **problem_responses(401, 404, 429)})
def get_article(doc_id: DocId, state: State, caller: Reader) -> JSONResponse:
    """One stored article with every analysis layer."""
    return JSONResponse(state.get_document_dict(doc_id))


@router.post("/articles", status_code=201, response_model=Stored,
             responses={200: {"description": "The same content was stored already: its id", "model": Stored},
                        **problem_responses(401, 403, 413, 415, 422, 429, 503)}, openapi_extra=body_spec(ArticleIn))
async def create_article(request: Request, response: Response, state: State, caller: Writer) -> Stored:
    """Analyse an article and store it (needs a 'write' token); stored content is not stored twice."""
    parsed, body = await read_body(request, ArticleIn, max_bytes=state.web.max_body_bytes)
    meta = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in (body.fields or {}).items()
            if k in service.META_FIELDS}
    if parsed is not None:
        doc = await run_in_threadpool(service.analyze_text, state, parsed.text, id=parsed.id, meta=meta)
    elif body.filename is not None:
        doc = await run_in_threadpool(service.analyze_upload, state, body.data, body.filename, meta)
    else:
        doc = await run_in_threadpool(service.analyze_body, state, body.data, body.charset)
    result = await run_in_threadpool(service.store_document, state, doc)
    response.headers["Location"] = f"/api/v1/articles/{result['doc_id']}"
    if result["status"] == "duplicate":
        response.status_code = 200
    return Stored(**result)


@router.delete("/articles/{doc_id:path}", status_code=204, response_class=Response,
               responses=problem_responses(401, 403, 404, 429))
def delete_article(doc_id: DocId, state: State, caller: Writer) -> Response:
    """Delete a stored article and everything derived from it (needs a 'write' token)."""
    service.delete_document(state, doc_id)
    return Response(status_code=204)
