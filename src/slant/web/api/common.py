"""Helpers shared by the API routers: request bodies in several media types, problem responses."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from slant.errors import InputError, WebError
from slant.ingest.decoding import READ_AS_CP1252
from slant.ingest.readers import load_json

DOCUMENT_REF = {"$ref": "#/components/schemas/Document"}
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem+json error responses an endpoint may give."""
    return {s: {"description": "Problem details (RFC 9457)",
                "content": {"application/problem+json": {"schema": PROBLEM_REF}}} for s in statuses}


def body_spec(model: type[BaseModel], *, upload: bool = True) -> dict[str, Any]:
    """The requestBody of an endpoint taking JSON ``model``, a file upload, or plain text."""
    content: dict[str, Any] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}
    if upload:
        content["multipart/form-data"] = {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary",
                                    "description": "A .txt, .html or .json(l) file holding one article."}}}}
        content["text/plain"] = {"schema": {"type": "string", "minLength": 1}}
    return {"requestBody": {"required": True, "content": content}}


class Body:
    """A parsed request body: JSON fields, or an uploaded file's bytes and name, or plain text."""

    def __init__(self, fields: dict[str, Any] | None = None, data: bytes | None = None, filename: str | None = None,
                 charset: str | None = None):
        self.fields = fields
        self.data = data
        self.filename = filename
        self.charset = charset  # of a text/plain body, from its Content-Type (None: detected)


def content_charset(request: Request) -> str | None:
    """The Python codec named by the Content-Type's ``charset`` (None when absent).

    Raises a 415 WebError for a charset Python does not know.
    """
    import codecs

    for part in request.headers.get("content-type", "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() != "charset":
            continue
        name = value.strip().strip('"').strip()
        if not name:
            return None
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            error = WebError(f"unsupported charset {name[:40]!r} in the Content-Type",
                             hint="send the text as UTF-8, or name a standard charset such as "
                                  "windows-1252, iso-8859-2 or utf-16")
            error.status = 415  # type: ignore[attr-defined]
            raise error from None
        return "cp1252" if codec in READ_AS_CP1252 else codec
    return None


async def read_body(request: Request, model: type[BaseModel], *, max_bytes: int) -> tuple[BaseModel | None, Body]:
    """Parse the body by its Content-Type into ``model`` (JSON) or an upload; 415 for anything else."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in ("application/json", ""):
        raw = await request.body()
        if not raw:
            raise RequestValidationError([{"loc": ("body",), "msg": "a JSON body is required", "type": "missing"}])
        try:
            payload = load_json(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise RequestValidationError([{"loc": ("body",), "msg": f"invalid JSON: {exc}", "type": "json_invalid"}]) from None
        try:
            parsed = model.model_validate(payload)
        except ValidationError as exc:
            raise RequestValidationError([{**e, "loc": ("body", *e.get("loc", ()))}
                                          for e in exc.errors(include_url=False, include_context=False)]) from None
        return parsed, Body(fields=parsed.model_dump(exclude_none=True))
    if ctype == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=20, max_part_size=max_bytes)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InputError("the form holds no file field", hint="send the article as the multipart field 'file'")
        data = await upload.read()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        return None, Body(fields=fields, data=data, filename=upload.filename)
    if ctype == "text/plain":
        data = await request.body()
        if not data.strip():
            raise InputError("the body is empty", hint="send the article's text")
        return None, Body(data=data, filename=None, charset=content_charset(request))
    error = WebError(f"unsupported Content-Type {ctype!r}",
                     hint="send application/json {\"text\": ...}, multipart/form-data with a 'file', or text/plain")
    error.status = 415  # type: ignore[attr-defined]
    raise error


def paging(total: int, page: int, per_page: int) -> dict[str, int]:
    """The paging fields of a list answer."""
    return {"total": total, "page": page, "per_page": per_page, "pages": max(1, -(-total // per_page))}
