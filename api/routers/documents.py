"""Ingestion: ``POST /documents`` runs the extractor on a text and adds its named graph;
``DELETE /documents/{key}`` removes it. Both need the bearer token.

A document arrives as a file (``multipart/form-data``, field ``file``; a
``.html`` file is read as HTML), as JSON (``{"text": ..., "language": ...,
"published": ..., "source": ..., "title": ...}``), as a form, or as a
``text/plain`` / ``text/markdown`` / ``text/html`` body with the metadata in the
query string. HTML goes through trafilatura (main text; title, date and site
name when the request does not give them), as in ``kg ingest``. ``{"url": ...}``
has the server fetch the page, only when ``KG_FETCH_ALLOW`` lists hosts
(:mod:`kg.fetch` rules; 403 otherwise).

Its key is :func:`kg.namespaces.text_key` of the text, the same rule as
``kg ingest``: the same text again writes nothing (200, ``"unchanged": true``);
a new text whose ``source`` is a URL that gave another text before replaces that
document in the same transaction (200, ``"replaced_key"``). The answer lists the
``agreements`` the document created or merged into known ones.

Both run on the app's one writer thread (:class:`api.runner.Writer`), one at a
time, through :mod:`kg.ingest` (as ``kg ingest`` does): extraction, the SHACL
screening under the store's write lock (pySHACL and rdflib's SPARQL parser are
not thread-safe) and the commit, one store transaction that replaces the
document's graph and recomputes the ``derived`` graph with it. The NetworkX
view follows the new revision on the next request. Facts that break the shapes
are kept out and listed under ``rejected`` in the answer.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from api.deps import RunnerDep, SettingsDep, StoreDep, TokenDep, WriterDep, read_body
from api.errors import Forbidden, PayloadTooLarge, UnsupportedMediaType
from kg.errors import InputError
from kg.extract.document import clean_date
from kg.fetch import Fetcher
from kg.ingest import document_graph, ingest_document, remove_document
from kg.namespaces import graph_iri
from kg.sources import Item, is_url, to_document

router = APIRouter(tags=["documents"])

TEXT_TYPES = ("text/plain", "text/markdown")
HTML_TYPES = ("text/html", "application/xhtml+xml")

REQUEST_BODY = {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"},
        "language": {"type": "string", "description": "de or en (German, English ...)"},
        "published": {"type": "string", "example": "2016-12-16"},
        "source": {"type": "string"}, "title": {"type": "string"}}}},
    "application/json": {"schema": {"type": "object", "properties": {
        "text": {"type": "string"},
        "url": {"type": "string", "description": "a page to fetch instead of a text (only when "
                                                 "the server allows it: KG_FETCH_ALLOW)"},
        "language": {"type": "string"},
        "published": {"type": "string"}, "source": {"type": "string"},
        "title": {"type": "string"}}},
        "example": {"text": "Japan und Russland unterzeichneten am 12. Mai 2009 ein Abkommen "
                            "über die friedliche Nutzung der Kernenergie.",
                    "language": "de", "published": "2009-05-12",
                    "source": "https://example.org/news/1"}},
    "text/plain": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string", "description": "an HTML page or fragment"}},
}}


async def _read(request: Request, limit: int) -> tuple[bytes | None, dict]:
    """The document's bytes and its metadata fields, from whatever body type was sent.

    ``meta["media_type"]`` says how to read the bytes (text, HTML); a JSON body
    ``{"url": ...}`` gives no bytes but ``meta["url"]``.
    """
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
            kind = (getattr(upload, "content_type", None) or "").split(";")[0].strip().lower()
            if (upload.filename or "").lower().endswith((".html", ".htm")) or kind in HTML_TYPES:
                meta["media_type"] = "text/html"
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
        if isinstance(payload, dict) and "url" in payload:
            if not isinstance(payload["url"], str) or not is_url(payload["url"]):
                raise InputError('"url" must be an http or https URL')
            if "text" in payload:
                raise InputError('send either "text" or "url", not both')
            data, meta["url"] = None, payload["url"].strip()
        elif not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise InputError('the JSON body must be an object with a "text" string '
                             '(or a "url" to fetch)')
        else:
            data = payload["text"].encode("utf-8", "surrogatepass")
        for key in ("language", "published", "source", "title"):
            if key in payload and not isinstance(payload[key], str):
                raise InputError(f'"{key}" must be a string')
            if payload.get(key):
                meta[key] = payload[key]
    elif media in TEXT_TYPES:
        data = await _body(request, limit)
    elif media in HTML_TYPES:
        data = await _body(request, limit)
        if not re.search(rb"<[A-Za-z!/]", data):
            raise InputError("a text/html body must be an HTML page or fragment (it has no tag)")
        meta["media_type"] = "text/html"
    else:
        raise UnsupportedMediaType(f"cannot read a document of type {media or 'unknown'}; send "
                                   "multipart/form-data (file), application/json (text or url), "
                                   "text/plain or text/html")
    if data is not None and len(data) > limit:
        raise PayloadTooLarge(_too_large(limit))
    return data, meta


_FETCHERS: dict[tuple, Fetcher] = {}


def _fetcher(settings) -> Fetcher:
    """One fetcher per allow-list, so the per-host rate limit holds across requests."""
    key = (settings.fetch_allow, settings.max_upload_bytes)
    if key not in _FETCHERS:
        _FETCHERS[key] = Fetcher(settings.fetch_allow, rate=1.0, timeout=20.0,
                                 max_bytes=settings.max_upload_bytes)
    return _FETCHERS[key]


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
             responses={201: {"description": "What was added, with the agreements it created "
                                             "or merged into known ones"},
                        200: {"description": "The same text again (nothing written), or a "
                                             "new text from the same source (the old one "
                                             "replaced)"},
                        400: {"description": "Empty, binary or malformed document, or a URL "
                                             "that cannot be fetched"},
                        401: {"description": "No bearer token"},
                        403: {"description": "Wrong token, ingestion disabled, or fetching "
                                             "disabled (KG_FETCH_ALLOW)"}})
async def add_document(request: Request, _: TokenDep, store: StoreDep, writer: WriterDep,
                       settings: SettingsDep) -> JSONResponse:
    data, meta = await _read(request, settings.max_upload_bytes)
    _check_meta(meta)
    location = meta.get("source") if is_url(meta.get("source") or "") else None
    if data is None:
        url = meta["url"]
        if not settings.fetch_allow:
            raise Forbidden("this server does not fetch URLs; send the text or HTML instead "
                            "(fetching is enabled by KG_FETCH_ALLOW)")
        fetched = await asyncio.to_thread(_fetcher(settings).get, url)
        data, location = fetched.data, url
        meta["media_type"] = fetched.media_type
        meta.setdefault("source", url)
        meta.setdefault("name", url)
    name = meta.pop("name", "document")
    media_type = meta.pop("media_type", "text/plain")
    meta.pop("url", None)
    item = Item(location or "", name, data, media_type, meta, name)

    def work() -> tuple[dict, int]:
        doc = to_document(item)
        doc.location = location
        done = ingest_document(store, doc, threshold=settings.review_threshold)
        return {
            "key": done.key, "graph": done.graph, "document": done.document,
            "language": done.language or doc.language, "published": doc.published,
            "source": doc.source, "title": doc.title, "site": doc.site,
            "triples": done.triples, "store_change": done.store_change,
            "revision": done.revision, "unchanged": done.unchanged,
            "replaced": done.replaced, "replaced_key": done.replaced_key,
            "agreements": done.agreements,
            "extraction": done.extraction, "warnings": doc.warnings,
            "rejected": done.rejected,
            "merged": done.merged, "pending": done.pending,
        }, 200 if done.replaced or done.unchanged else 201

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

