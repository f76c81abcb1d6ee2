"""POST /api/v1/analyze: one article in, the `slant analyze --format json` document out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from slant.web import service
from slant.web.api.common import DOCUMENT_REF, body_spec, problem_responses, read_body
from slant.web.api.deps import Analyst, State
from slant.web.api.schemas import AnalyzeRequest

router = APIRouter(tags=["analyze"])


@router.post(
    "/analyze",
    summary="Analyse one article",
    response_class=JSONResponse,
    responses={200: {"description": "The analysed Document, exactly as `slant analyze --format json` prints it.",
                     "content": {"application/json": {"schema": DOCUMENT_REF}}},
               **problem_responses(401, 413, 415, 422, 429, 503)},
    openapi_extra=body_spec(AnalyzeRequest),
)
async def analyze(request: Request, state: State, caller: Analyst) -> JSONResponse:
    """Analyse the article sent as JSON `{"text": ...}`, a file upload (`file`), or text/plain.

    Synchronous: the answer is the document. The size limit is the server's `read.max_bytes`.
    """
    parsed, body = await read_body(request, AnalyzeRequest, max_bytes=state.web.max_body_bytes)
    if parsed is not None:
        doc = await run_in_threadpool(service.analyze_text, state, parsed.text, id=parsed.id)
    elif body.filename is not None:
        doc = await run_in_threadpool(service.analyze_upload, state, body.data, body.filename)
    else:
        doc = await run_in_threadpool(service.analyze_body, state, body.data, body.charset)
    return JSONResponse(doc.to_dict())
