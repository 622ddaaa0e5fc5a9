"""Ingestion: ``POST /documents`` runs the extractor on a text and adds its named graph;
``DELETE /documents/{key}`` removes it. Both need the bearer token.

A document arrives as a file (``multipart/form-data``, field ``file``), as JSON
(``{"text": ..., "language": ..., "published": ..., "source": ..., "title": ...}``),
as a form, or as a ``text/plain`` / ``text/markdown`` body with the metadata in the
query string. Its key is the first 16 hex digits of the SHA-256 of its bytes, its
graph ``graph/extracted/{key}``.

Both run on the app's one writer thread (:class:`api.runner.Writer`), one at a
time, through :mod:`kg.ingest` (as ``kg ingest`` does): extraction, the SHACL
screening under the store's write lock (pySHACL and rdflib's SPARQL parser are
not thread-safe) and the commit, one store transaction that replaces the
document's graph and recomputes the ``derived`` graph with it. The NetworkX
view follows the new revision on the next request. Facts that break the shapes
are kept out and listed under ``rejected`` in the answer.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from api.deps import RunnerDep, SettingsDep, StoreDep, TokenDep, WriterDep, read_body
from api.errors import PayloadTooLarge, UnsupportedMediaType
from kg.errors import DocumentError, InputError
from kg.extract.document import clean_date, decode, make_document
from kg.ingest import document_graph, ingest_text, remove_document
from kg.namespaces import graph_iri

router = APIRouter(tags=["documents"])

TEXT_TYPES = ("text/plain", "text/markdown")

REQUEST_BODY = {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"},
        "language": {"type": "string", "description": "de or en (German, English ...)"},
        "published": {"type": "string", "example": "2016-12-16"},
        "source": {"type": "string"}, "title": {"type": "string"}}}},
    "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string"}, "language": {"type": "string"},
        "published": {"type": "string"}, "source": {"type": "string"},
        "title": {"type": "string"}}},
        "example": {"text": "Japan und Russland unterzeichneten am 12. Mai 2009 ein Abkommen "
                            "über die friedliche Nutzung der Kernenergie.",
                    "language": "de", "published": "2009-05-12",
                    "source": "https://example.org/news/1"}},
    "text/plain": {"schema": {"type": "string"}},
}}


async def _read(request: Request, limit: int) -> tuple[bytes, dict]:
    """The document's bytes and its metadata fields, from whatever body type was sent."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit + 64 * 1024:
        raise PayloadTooLarge(_too_large(limit))
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    meta = {k: v for k, v in request.query_params.items()
            if k in ("language", "published", "source", "title")}
    if media == "multipart/form-data" or media == "application/x-www-form-urlencoded":
        form = await request.form(max_files=1, max_fields=20, max_part_size=limit)
        upload = form.get("file")
        if upload is not None and hasattr(upload, "read"):
            data = await upload.read(limit + 1)
            meta.setdefault("name", upload.filename or "document")
        elif isinstance(form.get("text"), str):
            data = form["text"].encode("utf-8")
        else:
            raise InputError("send the document as a 'file' field or a 'text' field")
        for key in ("language", "published", "source", "title"):
            if isinstance(form.get(key), str) and form[key]:
                meta[key] = form[key]
    elif media == "application/json":
        raw = await _body(request, limit + 64 * 1024)
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # nested too deep
            raise InputError(f"the JSON body is malformed: {exc}") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise InputError('the JSON body must be an object with a "text" string')
        data = payload["text"].encode("utf-8", "surrogatepass")
        for key in ("language", "published", "source", "title"):
            if key in payload and not isinstance(payload[key], str):
                raise InputError(f'"{key}" must be a string')
            if payload.get(key):
                meta[key] = payload[key]
    elif media in TEXT_TYPES:
        data = await _body(request, limit)
    else:
        raise UnsupportedMediaType(f"cannot read a document of type {media or 'unknown'}; send "
                                   "multipart/form-data (file), application/json (text) or "
                                   "text/plain")
    if len(data) > limit:
        raise PayloadTooLarge(_too_large(limit))
    return data, meta


def _too_large(limit: int) -> str:
    return (f"the document has more than {limit} bytes, the most this server accepts "
            "(KG_MAX_UPLOAD_BYTES)")


async def _body(request: Request, limit: int) -> bytes:
    return await read_body(request, limit, _too_large(limit))


def _check_meta(meta: dict) -> None:
    language = meta.get("language")
    if language and language.strip().lower()[:2] not in ("de", "en"):
        raise InputError(f"language must be 'de' or 'en', not {language!r}")
    published = meta.get("published")
    if published and clean_date(published) is None:
        raise InputError(f"published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")


@router.post("/documents", status_code=201, summary="Add a document: extract its facts into "
                                                    "a named graph (bearer token)",
             openapi_extra={"requestBody": REQUEST_BODY},
             responses={201: {"description": "What was added"},
                        200: {"description": "The same document again: its graph replaced"},
                        400: {"description": "Empty, binary or malformed document"},
                        401: {"description": "No bearer token"},
                        403: {"description": "Wrong token, or ingestion disabled"}})
async def add_document(request: Request, _: TokenDep, store: StoreDep, writer: WriterDep,
                       settings: SettingsDep) -> JSONResponse:
    data, meta = await _read(request, settings.max_upload_bytes)
    _check_meta(meta)
    text, warnings = decode(data, meta.get("name", "document"))
    if not text.strip():
        raise DocumentError("the document is empty")

    def work() -> tuple[dict, int]:
        doc = make_document(text, language=meta.get("language"), published=meta.get("published"),
                            source=meta.get("source"), title=meta.get("title"),
                            name=meta.get("name", "document"), raw=data)
        doc.warnings += warnings
        done = ingest_text(store, doc, threshold=settings.review_threshold)
        return {
            "key": done.key, "graph": done.graph, "document": done.document,
            "language": done.language, "published": doc.published,
            "source": doc.source, "title": doc.title,
            "triples": done.triples, "store_change": done.store_change,
            "revision": done.revision, "replaced": done.replaced,
            "agreements": [a.get("title") or a.get("id") for a in
                           done.extraction.get("agreements", [])],
            "extraction": done.extraction, "warnings": doc.warnings,
            "rejected": done.rejected,
            "merged": done.merged, "pending": done.pending,
        }, 200 if done.replaced else 201

    body, status = await writer.run(work, wait=max(settings.query_timeout, 120.0))
    return JSONResponse(body, status_code=status)


@router.get("/documents", summary="Documents added to the graph (extracted named graphs)")
async def list_documents(store: StoreDep, runner: RunnerDep, settings: SettingsDep) -> dict:
    prefix = str(graph_iri("extracted", ""))

    def work(deadline: float) -> list:
        return [{"key": g[len(prefix):], "graph": g, "triples": n}
                for g, n in store.graphs().items() if g.startswith(prefix)]

    items = await runner.run(work, timeout=settings.query_timeout)
    return {"total": len(items), "items": items}


@router.delete("/documents/{key}", summary="Remove a document's named graph (bearer token)",
               responses={404: {"description": "No such document"}})
async def delete_document(
    _: TokenDep, store: StoreDep, writer: WriterDep, settings: SettingsDep,
    key: Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="The document key.")],
) -> dict:
    def work() -> dict:
        removed = remove_document(store, key)
        return {"key": key, "graph": document_graph(key), "removed": removed,
                "revision": store.revision}

    return await writer.run(work, wait=max(settings.query_timeout, 60.0))

