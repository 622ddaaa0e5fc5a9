"""The one place where errors become HTTP responses.

``kg.errors`` classes map to status codes here (:data:`STATUS`); the API adds a
few HTTP-only errors (:class:`ApiError` and its subclasses) for things the
``kg`` package knows nothing about: content negotiation (406), request bodies
(413, 415) and credentials (401, 403).

Error bodies are JSON ``{"error": code, "message": text, "suggestions": [...]}``
everywhere except on the SPARQL protocol paths (``/sparql``, ``/update``), where
the SPARQL 1.1 Protocol asks for the message as ``text/plain``, and except for a
browser (HTML first in ``Accept``) getting a page that does not exist: it gets an
HTML 404 page with the suggestions as links (:func:`api.pages.error_page`).

>>> status_for(NotFoundError("no such entity"))
404
>>> status_for(QueryLimitError("too slow"))
503
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from kg.errors import (
    DocumentError,
    InputError,
    KGError,
    NoPathError,
    NotFoundError,
    QueryLimitError,
    QueryTooComplexError,
    ReadOnlyError,
    RemoteError,
    RemoteNotAllowedError,
    StoreError,
    UnsupportedFormatError,
    ValidationError,
)

log = logging.getLogger("api")

# Most specific class first: the first match wins.
STATUS: tuple[tuple[type[KGError], int, str], ...] = (
    (NoPathError, 404, "no_path"),
    (NotFoundError, 404, "not_found"),
    (DocumentError, 400, "bad_document"),
    (UnsupportedFormatError, 400, "unsupported_format"),
    (QueryTooComplexError, 400, "query_too_complex"),
    (RemoteNotAllowedError, 400, "remote_not_allowed"),
    (InputError, 400, "bad_request"),
    (ValidationError, 422, "validation_failed"),
    (QueryLimitError, 503, "query_limit"),
    (RemoteError, 502, "remote_failed"),
    (ReadOnlyError, 409, "read_only"),
    (StoreError, 500, "store_error"),
    (KGError, 500, "error"),
)

PLAIN_TEXT_PATHS = ("/sparql", "/update")


class ApiError(Exception):
    """An HTTP-level error with a fixed status code."""

    status = 400
    code = "bad_request"
    headers: dict[str, str] | None = None

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Unauthorized(ApiError):
    status, code = 401, "unauthorized"
    headers = {"WWW-Authenticate": 'Bearer realm="energy-kg"'}


class Forbidden(ApiError):
    status, code = 403, "forbidden"


class NotAcceptable(ApiError):
    status, code = 406, "not_acceptable"


class PayloadTooLarge(ApiError):
    status, code = 413, "payload_too_large"


class UriTooLong(ApiError):
    status, code = 414, "uri_too_long"


class UnsupportedMediaType(ApiError):
    status, code = 415, "unsupported_media_type"


def status_for(error: KGError) -> int:
    return _lookup(error)[0]


def _lookup(error: KGError) -> tuple[int, str]:
    for cls, status, code in STATUS:
        if isinstance(error, cls):
            return status, code
    return 500, "error"


def error_response(request: Request | None, status: int, code: str, message: str,
                   suggestions: list[str] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    """The response for an error: plain text on the SPARQL paths, JSON elsewhere."""
    path = request.url.path if request is not None else ""
    if path in PLAIN_TEXT_PATHS:
        text = message
        if suggestions:
            text += "\ndid you mean: " + ", ".join(suggestions)
        return PlainTextResponse(text + "\n", status_code=status, headers=headers)
    if status == 404 and request is not None and _wants_page(request):
        from api.pages import error_page  # noqa: PLC0415 - pages are only for browsers

        return HTMLResponse(error_page(status, message, suggestions), status_code=status,
                            headers={**(headers or {}), "Vary": "Accept"})
    body: dict = {"error": code, "message": message}
    if suggestions is not None:
        body["suggestions"] = suggestions
    return JSONResponse(body, status_code=status, headers=headers)


def _wants_page(request: Request) -> bool:
    """A browser asking for a page (HTML first in ``Accept``), not a script or a client."""
    from api.negotiation import accepts_html  # noqa: PLC0415

    return request.method in ("GET", "HEAD") and accepts_html(request.headers.get("accept")) \
        and "format" not in request.query_params


async def _kg_error(request: Request, error: KGError) -> Response:
    status, code = _lookup(error)
    if status >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, error)
    suggestions = error.suggestions if isinstance(error, NotFoundError) else None
    return error_response(request, status, code, str(error), suggestions)


async def _api_error(request: Request, error: ApiError) -> Response:
    return error_response(request, error.status, error.code, error.message,
                          headers=error.headers)


async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
    headers = getattr(error, "headers", None)
    if error.status_code == 405:
        headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
    return error_response(request, error.status_code, code, str(error.detail), headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path (Starlette names only the first route's)."""
    from api.cors import methods_at  # noqa: PLC0415 - api.cors imports the settings

    return methods_at(request.app.routes, request.scope)


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "body"))
        parts.append(f"{where}: {item.get('msg')}" if where else str(item.get("msg")))
    return error_response(request, 400, "bad_request", "; ".join(parts) or "invalid request")


async def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("%s %s failed", request.method, request.url.path)
    return error_response(request, 500, "internal_error",
                          f"internal error: {type(error).__name__}: {error}")


def install(app: FastAPI) -> None:
    """Register every handler on ``app``."""
    app.add_exception_handler(KGError, _kg_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


__all__ = ["ApiError", "Unauthorized", "Forbidden", "NotAcceptable", "PayloadTooLarge",
           "UriTooLong", "UnsupportedMediaType", "STATUS", "status_for", "error_response",
           "install"]
