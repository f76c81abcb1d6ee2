"""Stored articles: list and search, get one, its near-duplicates; analyse-and-store, delete."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from slant.clean.timestamps import given_publication

from slant.web import queries, service
from slant.web.api.common import DOCUMENT_REF, body_spec, paging, problem_responses, read_body
from slant.web.api.deps import Reader, State, Writer
from slant.web.api.filters import Filters
from slant.web.api.schemas import ArticleIn, ArticleList, Related, Stored

router = APIRouter(tags=["articles"])

DocId = Annotated[str, Path(min_length=1, max_length=300, description="The document id.")]


#: the orders of a list; none given: by relevance for a search, else newest first
Sort = Annotated[Literal["relevance", "newest", "oldest", "techniques", "quotes"] | None,
                 Query(description="`relevance` (a search's default), `newest` (the default without a search), "
                                   "`oldest`, `techniques` (most technique spans first) or `quotes`.")]


def summary_rows(items: list[dict]) -> list[dict]:
    """List rows for the API: the snippet as plain text with the offsets of its marked words."""
    out = []
    for item in items:
        snippet, matches = queries.split_marks(item.get("snippet") or "")
        out.append({**{k: v for k, v in item.items() if k != "title_marked"}, "snippet": snippet, "matches": matches})
    return out


@router.get("/articles", response_model=ArticleList, responses=problem_responses(401, 422, 429),
            summary="List and search articles")
def list_articles(state: State, caller: Reader, f: Filters, page: Annotated[int, Query(ge=1, le=100_000, description="The page, from 1.")] = 1,
                  per_page: Annotated[int, Query(ge=1, le=200, description="Articles per page.")] = 25,
                  sort: Sort = None) -> ArticleList:
    """Stored articles matching the filters, one page at a time. A search (`q`) ranks them by
    relevance and each snippet shows where the words matched (`matches`); the same filters
    export the matching rows at `/api/v1/exports/{table}`."""
    items, total = queries.list_articles(state.conn, f, page=page, per_page=per_page, sort=sort)
    return ArticleList(items=summary_rows(items), filters=f.active(), **paging(total, page, per_page))


@router.get("/articles/{doc_id:path}/related", summary="An article's copies and story", response_model=Related, responses=problem_responses(401, 404, 429))
def related(doc_id: DocId, state: State, caller: Reader) -> Related:
    """Near-duplicates of the article and its story cluster."""
    queries.article_summary(state.conn, doc_id)
    return Related(doc_id=doc_id, **queries.related(state.conn, doc_id))


@router.get("/articles/{doc_id:path}", summary="One stored article", response_class=JSONResponse,
            responses={200: {"description": "The stored Document (as `slant analyze --format json`, without the raw text).",
                             "content": {"application/json": {"schema": DOCUMENT_REF}}},
                       **problem_responses(401, 404, 429)})
def get_article(doc_id: DocId, state: State, caller: Reader) -> JSONResponse:
    """One stored article with every analysis layer."""
    return JSONResponse(state.get_document_dict(doc_id))


@router.post("/articles", summary="Analyse and store an article", status_code=201, response_model=Stored,
             responses={200: {"description": "The same content was stored already: its id", "model": Stored},
                        **problem_responses(401, 403, 413, 415, 422, 429, 503)}, openapi_extra=body_spec(ArticleIn))
async def create_article(request: Request, response: Response, state: State, caller: Writer) -> Stored:
    """Analyse an article and store it (needs a 'write' token); stored content is not stored twice."""
    state.require_writable()  # before reading the body and analysing it
    parsed, body = await read_body(request, ArticleIn, max_bytes=state.web.max_body_bytes)
    meta = {k: v for k, v in (body.fields or {}).items() if k in service.META_FIELDS}
    if parsed is None and meta.get("published"):  # a multipart form's field: checked as the JSON one is
        try:
            meta["published"] = given_publication(str(meta["published"]))
        except ValueError as exc:
            raise RequestValidationError([{"loc": ("body", "published"), "msg": str(exc), "type": "value_error"}]) from None
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


@router.delete("/articles/{doc_id:path}", summary="Delete a stored article", status_code=204, response_class=Response,
               responses=problem_responses(401, 403, 404, 429, 503))
def delete_article(doc_id: DocId, state: State, caller: Writer) -> Response:
    """Delete a stored article and everything derived from it (needs a 'write' token)."""
    service.delete_document(state, doc_id)
    return Response(status_code=204)
