"""The app factory: ``create_app(store=None, settings=None)``.

Run it with ``kg serve`` or directly with uvicorn::

    uvicorn api.app:app_from_env --factory --host 127.0.0.1 --port 8000 \\
        --loop uvloop --http httptools

``app_from_env`` reads :class:`~api.settings.Settings` from the environment
(``KG_STORE``, ``KG_API_TOKEN``, ...) and opens the store they name.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from api import errors
from api.runner import QueryRunner
from api.settings import Settings
from kg.store import Store

log = logging.getLogger("api")

DESCRIPTION = """
The open knowledge graph of international energy cooperation, over HTTP.

* **SPARQL 1.1 Protocol** at `/sparql` (GET, POST form, POST `application/sparql-query`;
  results as SPARQL JSON/XML/CSV/TSV, graphs as Turtle/N-Triples/JSON-LD/RDF/XML by `Accept`).
  Open `/sparql` in a browser for a query page. Updates at `/sparql` or `/update` need a
  bearer token.
* **Resources** (JSON): `/entities`, `/entities/{kind}/{key}` (and the IRI paths `/id/{kind}/{key}`
  with HTML, Turtle and JSON-LD), `/agreements`, `/cooperations`, `/paths`, `/stats`, `/health`,
  `/export`.
* **Ingestion** (bearer token): `POST /documents`, `DELETE /documents/{key}`.

Errors are JSON `{"error", "message", "suggestions"?}` (plain text on the SPARQL paths) with
400 bad input, 401/403 credentials, 404 unknown names (with suggestions), 406/415 media
types, 413 too large, 503 a query past its time limit or row cap.
"""

ROUTERS = ("system", "sparql", "export", "entities", "agreements", "cooperations", "paths",
           "documents")


def _include_routers(app: FastAPI) -> list[str]:
    import importlib  # noqa: PLC0415

    included = []
    for name in ROUTERS:
        try:
            module = importlib.import_module(f"api.routers.{name}")
        except ModuleNotFoundError as exc:
            # A router whose kg dependency is not there yet (kg.view, kg.extract) is left out.
            if exc.name and exc.name.startswith(("api.routers.", "kg.")):
                log.warning("router %s left out: %s", name, exc)
                continue
            raise
        app.include_router(module.router)
        included.append(name)
    return included


def create_app(store: Store | None = None, settings: Settings | None = None) -> FastAPI:
    """A FastAPI app over ``store`` (default: the one ``settings.store`` names)."""
    settings = settings or Settings.from_env()
    owns_store = store is None
    if store is None:
        store = Store(settings.store, read_only=settings.read_only)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if owns_store:
            store.close()

    app = FastAPI(
        title="energy-kg",
        summary="Knowledge graph of international energy cooperation",
        description=DESCRIPTION,
        version=_version(),
        lifespan=lifespan,
        servers=[{"url": settings.base_url}] if settings.base_url else None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.runner = QueryRunner(settings.query_workers)
    app.state.last_refresh = 0.0
    app.state.cache = {}
    errors.install(app)
    app.state.routers = _include_routers(app)

    if "entities" not in app.state.routers:
        @app.get("/", include_in_schema=False)
        def root() -> RedirectResponse:
            return RedirectResponse("/docs")

    return app


def app_from_env() -> FastAPI:
    """The app over the store ``KG_STORE`` names (for ``uvicorn --factory``)."""
    return create_app(settings=Settings.from_env())


def _version() -> str:
    try:
        from importlib.metadata import version  # noqa: PLC0415

        return version("energy-kg")
    except Exception:  # noqa: BLE001
        return "0.0.0"
