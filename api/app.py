"""The app factory: ``create_app(store=None, settings=None)``.

Run it with ``kg serve`` or directly with uvicorn::

    uvicorn api.app:app_from_env --factory --host 127.0.0.1 --port 8000 \\
        --loop uvloop --http httptools

``app_from_env`` reads :class:`~api.settings.Settings` from the environment
(``KG_STORE``, ``KG_API_TOKEN``, ...) and opens the store they name.
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import cors, errors, openapi
from api.routers import (
    agreements, cooperations, docs, documents, entities, explorer, export, neighbours, paths,
    review,
    sparql, system,
)
from api.queries import executor_for
from api.result_cache import ResultCache
from api.runner import QueryRunner, Writer
from api.settings import Settings
from kg.remote_view import start_index, stop_index
from kg.store import Store


DESCRIPTION = """
The open knowledge graph of international energy cooperation, over HTTP.

* **SPARQL 1.1 Protocol** at `/sparql` (GET, POST form, POST `application/sparql-query`;
  results as SPARQL JSON/XML/CSV/TSV, graphs as Turtle/N-Triples/JSON-LD/RDF/XML by `Accept`).
  Open `/sparql` in a browser for a query page. Updates at `/sparql` or `/update` need a
  bearer token.
* **Resources** (JSON): `/entities`, `/entities/{kind}/{key}` (and the IRI paths `/id/{kind}/{key}`
  with HTML, Turtle and JSON-LD), `/agreements`, `/cooperations`, `/neighbours`, `/paths`,
  `/stats`, `/health`, `/export`. View-backed answers carry an `ETag` of the store revision.
* **Ingestion** (bearer token): `POST /documents`, `DELETE /documents/{key}`.
* **Review**: `GET /review` lists facts extracted with low confidence and close-call merges;
  `POST /review/{id}` accepts or rejects one (bearer token). `?include=pending` on
  `/agreements`, `/cooperations`, `/paths` and the entity pages shows the pending facts too.

Errors are JSON `{"error", "message", "suggestions"?}` (plain text on the SPARQL paths) with
400 bad input, 401/403 credentials, 404 unknown names (with suggestions), 406/415 media
types, 413 too large, 503 a query past its time limit or row cap.
"""

ROUTERS = (docs, system, sparql, export, entities, agreements, cooperations, neighbours, paths,
           documents, explorer, review)


class KGApp(FastAPI):
    """FastAPI with a short way in for the SPARQL endpoint and the partner pages.

    ``GET`` and ``POST /sparql`` go straight to their handlers in
    :mod:`api.routers.sparql`, past the routing table, the dependency solver and
    the middleware stack, which together cost more than a small query; so does
    ``GET /cooperations?actor=`` without filters (``cooperations_fast``, which
    hands anything else back to FastAPI's route by returning None). The
    handlers read everything from the request themselves, and their errors are
    turned into responses by the app's own exception handlers (looked up along
    the exception's classes, as Starlette does), so the answers are the same
    either way. The short way is only taken while no middleware has been added
    with ``add_middleware`` (compression ... must see every request).

    CORS and plain ``OPTIONS`` (:mod:`api.cors`) sit outside both ways, in
    :attr:`outer`, so they see every request without closing the short way.
    """

    fast_routes: dict[str, dict[str, object]] = {}
    outer = None  # the ASGI app that wraps :meth:`route` (set by create_app)

    async def __call__(self, scope, receive, send) -> None:
        if self.outer is not None and scope["type"] == "http":
            await self.outer(scope, receive, send)
        else:
            await self.route(scope, receive, send)

    async def route(self, scope, receive, send) -> None:
        """The short way for the SPARQL endpoint, else FastAPI's own."""
        if scope["type"] == "http" and not self.user_middleware and \
                not scope.get("root_path"):
            handler = self.fast_routes.get(scope["path"], {}).get(scope["method"])
            if handler is not None and await self._fast(handler, scope, receive, send):
                return
        await super().__call__(scope, receive, send)

    async def _fast(self, handler, scope, receive, send) -> bool:
        """Answer with ``handler``; False when it declined (returned None) before reading
        anything, so that FastAPI's own route answers instead."""
        from starlette.requests import Request  # noqa: PLC0415

        scope["app"] = self
        request = Request(scope, receive)
        try:
            response = await handler(request)
        except Exception as exc:  # noqa: BLE001 - answered by the registered handler
            on_error = self._exception_handler(exc)
            if on_error is None:
                raise
            response = await on_error(request, exc)
        if response is None:
            return False
        await response(scope, receive, send)
        return True

    def _exception_handler(self, exc: Exception):
        for cls in type(exc).__mro__:
            if cls in self.exception_handlers:
                return self.exception_handlers[cls]
        return None


def create_app(store: Store | None = None, settings: Settings | None = None) -> FastAPI:
    """A FastAPI app over ``store`` (default: the one ``settings.store`` names)."""
    settings = settings or Settings.from_env()
    owns_store = store is None
    if store is None:
        store = Store(settings.store, read_only=settings.read_only)

    queries = executor_for(store, settings.query_workers, settings.query_memory_mb,
                           settings.server_processes)
    writer = Writer(store)
    start_index(store)  # a remote store's index is read from now on (kg.remote_view)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if store.backend == "disk":
            # the view from its snapshot, if there is one (a fraction of a second, while the
            # query workers start); a view that must be built is built for the first request
            # that needs it
            threading.Thread(target=_warm_view, args=(store,), name="kg-view-warm",
                             daemon=True).start()
        await queries.start(store)
        yield
        stop_index(store)  # a remote store's (kg.remote_view)
        await queries.close()
        writer.close()
        store.drop_snapshots()  # uvicorn may end the process by re-raising SIGTERM next
        if owns_store:
            store.close()

    app = KGApp(
        title="energy-kg",
        summary="Knowledge graph of international energy cooperation",
        description=DESCRIPTION,
        version=_version(),
        lifespan=lifespan,
        servers=[{"url": settings.base_url}] if settings.base_url else None,
        docs_url=None, redoc_url=None,  # served from shipped assets by api.routers.docs
    )
    app.state.store = store
    app.state.settings = settings
    app.state.runner = QueryRunner(settings.query_workers)  # the API's own reads
    app.state.queries = queries  # SPARQL protocol queries (api.queries)
    app.state.writer = writer  # every write, one at a time
    app.state.last_refresh = 0.0
    app.state.cache = {}
    app.state.sparql_cache = ResultCache(settings.sparql_cache_mb * 2**20)  # api.result_cache
    errors.install(app)
    for module in ROUTERS:
        app.include_router(module.router)
    openapi.install(app)
    docs.install(app)
    explorer.install(app)
    app.fast_routes = {"/sparql": {"GET": sparql.sparql_get, "POST": sparql.sparql_post},
                       "/cooperations": {"GET": cooperations.cooperations_fast}}
    app.outer = cors.wrap(app.route, app.routes, settings)
    return app


def _warm_view(store: Store) -> None:
    from kg.view import warm  # noqa: PLC0415 - heavy import

    try:
        warm(store)
    except Exception:  # noqa: BLE001 - the first request that needs the view tries again
        pass


def app_from_env() -> FastAPI:
    """The app over the store ``KG_STORE`` names (for ``uvicorn --factory``)."""
    return create_app(settings=Settings.from_env())


def _version() -> str:
    try:
        from importlib.metadata import version  # noqa: PLC0415

        return version("energy-kg")
    except Exception:  # noqa: BLE001
        return "0.0.0"
