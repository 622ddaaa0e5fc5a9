"""The OpenAPI document, made to say which statuses the API really sends.

FastAPI documents a 422 with its validation schema on every operation that has
parameters, but this API answers bad input with 400 (``api/errors.py``) and
sends 401, 403, 404, 406, 409, 413, 414, 415 and 503 where they apply. So the
generated document is post-processed once, in :func:`openapi`: the 422 goes,
and each operation lists the error statuses of :data:`ERRORS` with the JSON
error body (plain text on the SPARQL protocol paths).
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.errors import PLAIN_TEXT_PATHS

READ = (400, 404, 503)  # bad parameters, unknown names, time limit or row cap
WRITE = (400, 401, 403, 409, 413, 415, 503)  # token, read-only, size, media type
# (method, path) → the error statuses it may send; "*" is every other operation.
ERRORS: dict[tuple[str, str], tuple[int, ...]] = {
    ("get", "/sparql"): (400, 406, 413, 414, 503),
    ("post", "/sparql"): (400, 401, 403, 406, 409, 413, 414, 415, 503),
    ("post", "/update"): (400, 401, 403, 409, 413, 414, 415, 503),
    ("post", "/documents"): WRITE,
    ("delete", "/documents/{key}"): (400, 401, 403, 404, 409, 503),
    ("get", "/documents"): (503,),
    ("get", "/export"): (400, 404, 406, 503),
    ("get", "/id/{kind}/{key}"): (*READ, 406),
    ("get", "/review"): (400, 503),
    ("get", "/merges"): (400, 503),
    ("post", "/review/{item}"): (400, 401, 403, 404, 409, 413, 415, 503),
    ("post", "/merges/{key}/undo"): (400, 401, 403, 404, 409, 503),
    ("get", "/health"): (),
    ("get", "/stats"): (503,),
    ("*", "*"): READ,
}

ERROR_BODY = {"type": "object", "required": ["error", "message"], "properties": {
    "error": {"type": "string"}, "message": {"type": "string"},
    "suggestions": {"type": "array", "items": {"type": "string"}}}}


def errors_of(method: str, path: str) -> tuple[int, ...]:
    """The error statuses ``method path`` may answer with."""
    return ERRORS.get((method, path), ERRORS[("*", "*")])


def _error_response(status: int, path: str) -> dict:
    if path in PLAIN_TEXT_PATHS:
        content = {"text/plain": {"schema": {"type": "string"}}}
    else:
        content = {"application/json": {"schema": ERROR_BODY}}
    return {"description": HTTPStatus(status).phrase, "content": content}


def fix_statuses(document: dict) -> dict:
    """Replace FastAPI's 422 by the error statuses each operation really sends."""
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            responses.pop("422", None)
            for status in errors_of(method, path):
                responses.setdefault(str(status), _error_response(status, path))
    schemas = document.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return document


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the corrected document (built once)."""

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = fix_statuses(get_openapi(
                title=app.title, version=app.version, summary=app.summary,
                description=app.description, routes=app.routes, servers=app.servers))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


__all__ = ["ERRORS", "errors_of", "fix_statuses", "install"]
