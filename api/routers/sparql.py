"""SPARQL 1.1 Protocol: ``/sparql`` (query, and update with a token) and ``/update``.

Query: ``GET /sparql?query=...``, ``POST`` with ``application/x-www-form-urlencoded``
(``query=...``) or ``application/sparql-query`` (the query as the body).
The dataset is the query's ``FROM`` / ``FROM NAMED``, overridden (as the
protocol says) by ``default-graph-uri`` / ``named-graph-uri``; with neither,
the default graph is the union of all graphs. Results by
``Accept`` (q-values honoured): SELECT/ASK as SPARQL JSON (default), XML, CSV or
TSV; CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, JSON-LD or RDF/XML.
``format``, ``output`` and ``results`` parameters, which several clients add,
are accepted and win over ``Accept`` when they name a format we have.

Every query and update is read by :mod:`api.guard` before Oxigraph sees it:
too many tokens, brackets nested too deep or chains too long give 400 (the
message names the setting), and ``SERVICE`` / ``LOAD`` reach only targets on
the allow-list (``KG_ALLOW_SERVICE``, empty by default).

Status codes: 400 malformed query or request, or past a size limit, or a
SERVICE/LOAD target not allowed (text/plain message), 406 no acceptable result
format, 413 query too large, 414 URL too long, 415 body type not supported,
502 an allowed SERVICE or LOAD target failed (its answer is never passed on),
503 time limit or row cap reached (the message says which), 500 only when
executing fails. Updates: 401 without a bearer token, 403 with a
wrong one or when the server has no token.

A query asked again at the same store revision, for the same dataset and result
format, is answered from :mod:`api.result_cache` without a worker; its ``ETag`` lets a
client revalidate (304). Volatile and remote queries are never kept, and
``Cache-Control: no-cache`` runs the query anyway.

Parameters are parsed here from the raw bytes (not by the framework) so that
invalid UTF-8 and repeated parameters are rejected instead of silently mangled.
"""

from __future__ import annotations

import codecs
import functools
import html
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qsl, urlsplit

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api import guard, negotiation, service_description
from api.deps import (
    check_token,
    etag_of,
    get_queries,
    get_settings,
    get_store,
    get_writer,
    not_modified,
    read_body,
)
from api.errors import (
    ApiError,
    NotAcceptable,
    PayloadTooLarge,
    UnsupportedMediaType,
    UriTooLong,
)
from api.queries import QueryJob, format_named
from api.result_cache import cacheable, etag, no_cache
from api.results import content_type
from kg.errors import InputError, QueryLimitError, QuerySyntaxError, RemoteError
from kg.formats import Format

router = APIRouter(tags=["sparql"])
log = logging.getLogger("api")
T = TypeVar("T")

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
SINGLE = ("query", "update", "format", "output", "results")
PAGE = Path(__file__).resolve().parent.parent / "static" / "query.html"

EXAMPLE = ("SELECT ?partner ?label WHERE { <https://w3id.org/energy-kg/id/country/JP> "
           "ekg:cooperatesWith ?partner . "
           "?partner rdfs:label ?label FILTER(lang(?label) = 'en') } LIMIT 20")


def _decode(raw: bytes, what: str, charset: str = "utf-8") -> str:
    try:
        return raw.decode(charset)
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not valid {charset.upper()} "
                         f"(byte {exc.start}: {raw[exc.start:exc.start + 1]!r})") from None


def _parse_params(raw: bytes, what: str) -> list[tuple[str, str]]:
    """``a=1&b=2`` bytes to pairs, rejecting invalid UTF-8 after percent-decoding."""
    text = _decode(raw, what, "ascii") if raw.isascii() else _decode(raw, what)
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise InputError(f"{what} contains percent-encoded bytes that are not valid UTF-8"
                         ) from None
    except ValueError as exc:
        raise InputError(f"{what} is malformed: {exc}") from None


class Params:
    """The protocol parameters of one request, with repeated-parameter checks."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.values: dict[str, list[str]] = {}
        for key, value in pairs:
            self.values.setdefault(key, []).append(value)
        for key in SINGLE:
            if len(self.values.get(key, ())) > 1:
                raise InputError(f"the parameter {key!r} was given "
                                 f"{len(self.values[key])} times; give it once")

    def one(self, key: str) -> str | None:
        found = self.values.get(key)
        return found[0] if found else None

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])


async def _read_body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise PayloadTooLarge(f"the request body has {int(length)} bytes; this server accepts "
                              f"at most {limit} (KG_MAX_QUERY_BYTES)")
    return await read_body(request, limit, f"the request body is larger than {limit} bytes, "
                           "the most this server accepts (KG_MAX_QUERY_BYTES)")


def _content_type(request: Request) -> tuple[str, str]:
    header = request.headers.get("content-type", "")
    base, _, rest = header.partition(";")
    charset = "utf-8"
    for param in rest.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    try:
        if not codecs.lookup(charset)._is_text_encoding:  # rot13, base64, zlib ... are not
            raise LookupError(charset)
    except LookupError:
        raise UnsupportedMediaType(f"unknown charset {charset!r}") from None
    return base.strip().lower(), charset


_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`]*")


def _graph_iris(values: list[str], name: str) -> list[str]:
    """The graph IRIs of a protocol parameter; 400 unless each is one absolute IRI.

    Spaces, newlines, control characters and ``<>"{}|\\^``` cannot be in an
    IRI (RFC 3987), so they are refused here rather than failing later.
    """
    for value in values:
        if not _ABSOLUTE_IRI.fullmatch(value):
            raise InputError(f"{name} must be an absolute IRI without spaces or control "
                             f"characters, not {value!r}")
        try:
            ox.NamedNode(value)
        except ValueError:
            raise InputError(f"{name} is not a valid IRI: {value!r}") from None
    return values


def _dataset(params: Params, shape: guard.Shape) -> dict:
    """The ``Store.query`` arguments that choose the RDF dataset, as the protocol says.

    ``default-graph-uri`` / ``named-graph-uri`` win over the query's own
    ``FROM`` / ``FROM NAMED``; together they are the whole dataset (a default
    graph from the first, named graphs from the second; one missing means
    none). A query with a dataset clause and no such parameters is left to
    Oxigraph, which honours its clause. Otherwise the default graph is the
    union of every graph, and every named graph is available.
    """
    default_graphs = _graph_iris(params.all("default-graph-uri"), "default-graph-uri")
    named_graphs = _graph_iris(params.all("named-graph-uri"), "named-graph-uri")
    if default_graphs or named_graphs:
        return {"default_graphs": default_graphs, "named_graphs": named_graphs}
    if shape.dataset:
        return {"union": False}
    return {}


def _graphs(dataset: dict, key: str) -> tuple[str, ...] | None:
    """A dataset part for a :class:`QueryJob`: None when not given, else a tuple (maybe empty)."""
    return tuple(dataset[key]) if key in dataset else None


def _remote_failures_hidden(fn: Callable[[float], T], shape: guard.Shape, word: str
                            ) -> Callable[[float], T]:
    """``fn`` with every failure turned into our own :class:`RemoteError` when it reaches out.

    A SERVICE or LOAD target's answer (or error page) can end up in Oxigraph's
    error message; it must never be passed on to the caller, so the message is
    logged here and replaced.
    """
    if not shape.remotes:
        return fn

    def run(deadline: float) -> T:
        try:
            return fn(deadline)
        except (QueryLimitError, ApiError):
            raise
        except Exception as exc:  # noqa: BLE001 - whatever it is, it may carry the remote body
            log.warning("%s with a remote target failed: %s", word, exc)
            raise RemoteError(f"the {word} failed, or one of its SERVICE or LOAD targets "
                              "did; the target's answer is not passed on (the server log "
                              "has the details)") from None

    return run


async def _gather(request: Request, settings, *, update_only: bool = False
                  ) -> tuple[Params, str | None, str | None]:
    """Read the request: parameters, the query text and the update text."""
    raw_qs = request.scope.get("query_string", b"")
    if len(raw_qs) > 3 * settings.max_query_bytes:
        raise UriTooLong("the URL is too long for this server; POST the query instead")
    pairs = _parse_params(raw_qs, "the URL's query string")
    query = update = None
    if request.method == "POST":
        media, charset = _content_type(request)
        body = await _read_body(request, settings.max_query_bytes * 3 if media == FORM
                                else settings.max_query_bytes)
        url_params = Params(pairs)
        if media == FORM:
            pairs += _parse_params(body, "the form body")
        elif media == QUERY_BODY and not update_only:
            if url_params.one("query") is not None:
                raise InputError("the query is in the body; do not also give query= in the URL")
            query = _decode(body, "the query", charset)
        elif media == UPDATE_BODY:
            update = _decode(body, "the update", charset)
        else:
            allowed = [FORM, UPDATE_BODY] if update_only else [FORM, QUERY_BODY, UPDATE_BODY]
            shown = media or "no Content-Type"
            raise UnsupportedMediaType(f"cannot read a request body of type {shown}; "
                                       f"send one of {', '.join(allowed)}")
    params = Params(pairs)
    if query is None:
        query = params.one("query")
    if update is None:
        update = params.one("update")
    if query is not None and update is not None:
        raise InputError("give either query or update, not both")
    if update_only and query is not None:
        raise InputError("/update takes updates only; send queries to /sparql")
    if request.method == "GET" and update is not None:
        raise InputError("updates must be sent with POST")
    for text in (query, update):
        if text is not None and len(text.encode("utf-8", "surrogatepass")) > \
                settings.max_query_bytes:
            raise PayloadTooLarge(f"the query has more than {settings.max_query_bytes} bytes, "
                                  "the most this server accepts (KG_MAX_QUERY_BYTES)")
    return params, query, update


def _negotiate(request: Request, params: Params, form: str | None
               ) -> tuple[Format | None, Format | None]:
    """The formats for solutions/booleans and for graphs; 406 if the query's kind has none."""
    accept = request.headers.get("accept")
    wanted = _format_param(params)
    solutions = negotiation.from_param(wanted, graph=False) if wanted else None
    graph = negotiation.from_param(wanted, graph=True) if wanted else None
    solutions = solutions or negotiation.pick(accept, negotiation.SOLUTIONS)
    graph = graph or negotiation.pick(accept, negotiation.GRAPH)
    need_graph = form in ("CONSTRUCT", "DESCRIBE")
    need_solutions = form in ("SELECT", "ASK")
    if (need_graph and graph is None) or (need_solutions and solutions is None) or \
            (form is None and graph is None and solutions is None):
        offers = negotiation.GRAPH if need_graph else negotiation.SOLUTIONS
        raise NotAcceptable(f"none of the accepted types ({accept}) can represent the "
                            f"result of this query; available: "
                            f"{', '.join(negotiation.media_types(offers))}")
    return solutions, graph


async def _run_query(request: Request, params: Params, query: str) -> Response:
    settings = get_settings(request)
    store = get_store(request)
    if not query.strip():
        raise QuerySyntaxError("the query is empty")
    shape = guard.inspect(query, settings.sparql_limits)  # before anything parses it
    guard.check_remote(shape, settings.remote_allowed)
    form = shape.form
    if form is None and shape.update:
        raise QuerySyntaxError("this is a SPARQL Update; POST it as update= (or "
                               "application/sparql-update) to /update with a bearer token")
    solutions_fmt, graph_fmt = _negotiate(request, params, form)
    dataset = _dataset(params, shape)

    job = QueryJob(query, _graphs(dataset, "default_graphs"), _graphs(dataset, "named_graphs"),
                   solutions_fmt.name if solutions_fmt else None,
                   graph_fmt.name if graph_fmt else None,
                   settings.max_rows, settings.query_timeout, union=dataset.get("union", True))
    started = time.perf_counter()
    # api.result_cache: the same question at the same revision has the same answer
    cache = request.app.state.sparql_cache
    generation = tag = None
    if cache.max_bytes and store.backend != "remote" and cacheable(query, shape.remotes):
        key = (job.query, job.default_graphs, job.named_graphs, job.union,
               job.solutions_format, job.graph_format)
        revision = store.revision  # read once: the tag and the cache key name the same one
        generation = (etag_of(store, revision), revision)
        tag = etag(generation, key)
        skip, keep_out = no_cache(request.headers.get("cache-control"))
        if not skip and request.method == "GET" and not_modified(request, tag):
            return Response(status_code=304, headers={"ETag": tag, "Vary": "Accept"})
        kept = None if skip else cache.get(generation, key)
        if kept is not None:
            return _answer_response(kept, tag, started, "hit")
    try:
        client = request.client.host if request.client else None
        done = await get_queries(request).execute(store, job, client)
    except (QueryLimitError, ApiError):
        raise
    except Exception as exc:  # noqa: BLE001 - with a remote target the message may carry its answer
        if not shape.remotes:
            raise
        log.warning("query with a remote target failed: %s", exc)
        raise RemoteError("the query failed, or one of its SERVICE targets did; the target's "
                          "answer is not passed on (the server log has the details)") from None
    if generation is not None:
        if done.revision == generation[1] and not keep_out:  # computed at the key's revision
            cache.put(generation, key, done, len(done.body) + len(job.query))
        elif done.revision != generation[1]:
            tag = None  # answered at another revision than the tag names
    return _answer_response(done, tag, started, "miss" if generation is not None else None)


def _answer_response(done, tag: str | None, started: float, cached: str | None) -> Response:
    headers = {
        "Vary": "Accept",
        "X-KG-Revision": str(done.revision),
        "X-KG-Results": str(done.count),
        "Server-Timing": f"query;dur={(time.perf_counter() - started) * 1000:.2f}"
                         + (f', cache;desc="{cached}"' if cached else ""),
    }
    if tag is not None:
        headers["ETag"] = tag
    return Response(done.body, media_type=content_type(format_named(done.format)),
                    headers=headers)


async def _run_update(request: Request, params: Params, update: str) -> Response:
    settings = get_settings(request)
    check_token(request, settings)
    store = get_store(request)
    if params.all("using-graph-uri") or params.all("using-named-graph-uri"):
        raise InputError("using-graph-uri and using-named-graph-uri are not supported; "
                         "write USING / WITH in the update instead")
    if not update.strip():
        raise QuerySyntaxError("the update is empty")
    shape = guard.inspect(update, settings.sparql_limits)  # before anything parses it
    guard.check_remote(shape, settings.remote_allowed)

    def work() -> dict:
        before = len(store)
        store.update(update)
        return {"ok": True, "revision": store.revision, "triples": len(store),
                "change": len(store) - before}

    # On the writer thread, after the writes before it; once started it is waited for.
    hidden = _remote_failures_hidden(lambda _deadline: work(), shape, "update")
    return JSONResponse(await get_writer(request).run(
        lambda: hidden(0.0), wait=max(settings.query_timeout, 60.0)))


QUERY_DOC = {
    "parameters": [
        {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
         "example": EXAMPLE, "description": "A SPARQL 1.1 query (prefixes ekg:, id:, rdfs:, "
                                            "skos: ... are predeclared)."},
        {"name": "default-graph-uri", "in": "query", "required": False,
         "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "named-graph-uri", "in": "query", "required": False,
         "schema": {"type": "array", "items": {"type": "string"}}},
    ],
    "responses": {"200": {"description": "Query results; for a browser (HTML first in Accept, "
                          "no format=) the query page with the query run; without a query the "
                          "SPARQL service description (RDF Accept) or the page", "content": {
        "text/html": {}, "application/sparql-results+json": {}, "application/sparql-results+xml": {},
        "text/csv": {}, "text/tab-separated-values": {}, "text/turtle": {},
        "application/n-triples": {}, "application/ld+json": {}, "application/rdf+xml": {}}},
        "400": {"description": "Malformed query (text/plain message)"},
        "406": {"description": "No acceptable result format"},
        "502": {"description": "An allowed SERVICE target failed (its answer is not shown)"},
        "415": {"description": "Unsupported request body type"},
        "503": {"description": "Time limit or row cap reached"}},
}
POST_DOC = {
    "requestBody": {"required": True, "content": {
        FORM: {"schema": {"type": "object", "properties": {
            "query": {"type": "string", "example": EXAMPLE}, "update": {"type": "string"}}}},
        QUERY_BODY: {"schema": {"type": "string"}, "example": EXAMPLE},
        UPDATE_BODY: {"schema": {"type": "string"},
                      "example": "INSERT DATA { GRAPH <https://example.org/g> "
                                 "{ <https://example.org/a> rdfs:label \"a\" } }"},
    }},
    "responses": {**QUERY_DOC["responses"], "200": {"description": "Query results", "content": {
        media: {} for media in QUERY_DOC["responses"]["200"]["content"] if media != "text/html"}}},
}


@router.get("/sparql", summary="SPARQL query (GET); the query page for browsers; "
            "the service description without a query", openapi_extra=QUERY_DOC)
async def sparql_get(request: Request) -> Response:
    """Results by ``Accept``; for a browser the query page, filled in and run; without a
    query the page (HTML) or the SPARQL service description (an RDF type)."""
    settings = get_settings(request)
    params, query, _ = await _gather(request, settings)
    accept = request.headers.get("accept")
    if query is None:
        if negotiation.accepts_html(accept):
            return _page_response(None)
        described = _service_description(request, accept)
        if described is not None:
            return described
        raise InputError("missing the query parameter (GET /sparql?query=...); "
                         "open /sparql in a browser for the query page, or ask for "
                         "text/turtle for the service description")
    if not _format_param(params) and negotiation.prefers_page(accept):
        return _page_response(query)
    return await _run_query(request, params, query)


def _format_param(params: Params) -> str | None:
    """The ``format`` / ``output`` / ``results`` parameter, which wins over ``Accept``."""
    return params.one("format") or params.one("output") or params.one("results")


def _page_response(query: str | None) -> HTMLResponse:
    """The query page; with a query, filled in and run as soon as it loads (a shared link)."""
    return HTMLResponse(query_page() if query is None else query_page_for(query),
                        headers={"Vary": "Accept"})


def _service_description(request: Request, accept: str | None) -> Response | None:
    """The service description in the RDF type ``Accept`` names, or None if it names none."""
    named = negotiation.explicit(accept)
    fmt = negotiation.pick(named, negotiation.GRAPH) if named else None
    if fmt is None:
        return None
    settings = get_settings(request)
    store = get_store(request)
    key = ("service-description", store.revision)
    cache = request.app.state.cache
    if key not in cache:
        cache[key] = store.graphs()
    endpoint = (settings.base_url + "/sparql") if settings.base_url else \
        str(request.url.replace(query=""))
    body = service_description.serialize(
        service_description.describe(endpoint, settings, cache[key]), fmt)
    return Response(body, media_type=content_type(fmt), headers={"Vary": "Accept"})


@router.post("/sparql", summary="SPARQL query or update (POST)", openapi_extra=POST_DOC)
async def sparql_post(request: Request) -> Response:
    settings = get_settings(request)
    params, query, update = await _gather(request, settings)
    if update is not None:
        return await _run_update(request, params, update)
    if query is None:
        raise InputError("the request has neither query nor update")
    return await _run_query(request, params, query)


@router.post("/update", summary="SPARQL update (bearer token required)",
             openapi_extra={"requestBody": {"required": True, "content": {
                 FORM: POST_DOC["requestBody"]["content"][FORM],
                 UPDATE_BODY: POST_DOC["requestBody"]["content"][UPDATE_BODY]}}})
async def update_post(request: Request) -> Response:
    settings = get_settings(request)
    params, _, update = await _gather(request, settings, update_only=True)
    if update is None:
        raise InputError("the request has no update")
    return await _run_update(request, params, update)


@functools.cache
def query_page() -> str:
    """The offline query page (no external assets) with the example, read once."""
    return _fill(EXAMPLE, run=False)


def query_page_for(query: str) -> str:
    """The query page with ``query`` in its editor, set to run it when the page loads."""
    return _fill(query, run=True)


@functools.cache
def _template() -> str:
    return PAGE.read_text(encoding="utf-8")


def _fill(query: str, run: bool) -> str:
    """The page with ``query`` (escaped) in the editor and the run-on-load switch set."""
    return (_template()
            .replace("{{AUTORUN}}", "true" if run else "false")
            .replace("{{QUERY}}", html.escape(query, quote=False)))
