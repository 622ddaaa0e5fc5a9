"""FastAPI dependencies: the settings, the store, the NetworkX view, the query runner, auth;
and :func:`read_body`, the size-limited body reader of the SPARQL and ingestion endpoints.

The app keeps one :class:`~kg.store.Store`, one :class:`~api.settings.Settings`,
one :class:`~api.runner.QueryRunner` (the API's own reads), one SPARQL query
executor (:mod:`api.queries`) and one :class:`~api.runner.Writer` on ``app.state``; routers receive them
through these functions (tests can override them with
``app.dependency_overrides``). The view is ``kg.view.get_view(store)``, which
rebuilds itself when the store's revision changes, so ingestion and updates are
visible to the next request.

The dependencies are ``async`` functions: FastAPI calls them on the event loop,
where a plain function would cost a hop to its thread pool and back (and a
thread switch under the GIL) for each of them on every request. None of them
blocks: the view dependency awaits a thread only while the view of a new
revision is being built or loaded.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from api.errors import Forbidden, PayloadTooLarge, Unauthorized
from api.queries import ProcessQueries, ThreadQueries
from api.runner import QueryRunner, Writer
from api.settings import Settings
from kg.errors import ReadOnlyError
from kg.store import Store

REFRESH_EVERY = 1.0  # seconds between checks for a newer revision written by another process


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    """The store; a disk store is reopened when another process committed a new revision."""
    state = request.app.state
    store: Store = state.store
    if store.backend == "disk":
        now = time.monotonic()
        if now - state.last_refresh > REFRESH_EVERY:
            state.last_refresh = now
            store.refresh()
    return store


async def store_dep(request: Request) -> Store:
    return get_store(request)


async def get_runner(request: Request) -> QueryRunner:
    return request.app.state.runner


def get_queries(request: Request) -> ProcessQueries | ThreadQueries:
    """The executor of SPARQL protocol queries (processes or threads, see api.queries)."""
    return request.app.state.queries


def get_writer(request: Request) -> Writer:
    """The one writer thread: every write of this process goes through it."""
    return request.app.state.writer


IncludeQuery = Annotated[Literal["pending"] | None, Query(
    description="'pending': count the facts waiting on the review queue (GET /review) too; "
                "by default only confident and accepted facts are shown.")]


async def writer_dep(request: Request) -> Writer:
    return request.app.state.writer


async def get_view(request: Request, store: Annotated[Store, Depends(store_dep)],
                   include: IncludeQuery = None):
    """The NetworkX view of the store at its current revision (built once per revision);
    with ``?include=pending`` the pending facts of the review queue count too.

    Answered on the event loop when the view is current; otherwise the build (or
    the load of its snapshot) runs on a thread, and concurrent requests wait for
    the same one. Over a remote store the view is the index of
    :mod:`kg.remote_view`; while the first index is being built, a page of an
    actor's partners is answered on a small view read from the endpoint
    (:func:`remote_actor_view`), and other requests wait for the index.
    """
    from kg.remote_view import current_view, get_view as view_of  # noqa: PLC0415

    pending = include == "pending"
    view = None if pending else current_view(store)
    if view is None:
        loop = asyncio.get_running_loop()
        if not pending and store.backend == "remote":
            early = remote_actor_view(request, store)
            if early is not None:
                return await loop.run_in_executor(None, early)
        view = await loop.run_in_executor(None, lambda: view_of(store, include_pending=pending))
    return view


SUMMARY_PARAMS = {"actor", "limit", "offset"}


def remote_actor_view(request: Request, store: Store):
    """Over a remote store whose first index is still being built: for a page of an actor's
    partner summaries (``/cooperations?actor=`` with at most ``limit`` and ``offset``), a
    function giving a small view of that actor read from the endpoint, in which the
    partners are what the index will say; else None (the request waits for the index)."""
    from kg.remote_view import index_of, resolve_iri  # noqa: PLC0415

    index = index_of(store)
    params = request.query_params
    if not index.first_build or request.url.path != "/cooperations" or \
            "actor" not in params or not params.keys() <= SUMMARY_PARAMS:
        return None

    def make():
        iri = resolve_iri(store, params["actor"])
        if iri is None or index.current() is not None:
            return index.wait()
        return index.actor_view(iri)

    return make


def etag_of(store: Store, revision: int | None = None) -> str:
    """The entity tag of every view-backed answer at the store's current revision (or at
    ``revision``, when the caller has read it already).

    The revision alone is not enough: a memory store starts at 0 in every process
    and a rebuilt disk store moves to a new data directory, so the tag also holds
    the data directory (disk) or an id of this store object (memory, remote).
    """
    where = store.data_dir if store.backend == "disk" else f"{id(store):x}-{_BOOT}"
    if revision is None:
        revision = store.revision
    if store.backend == "remote":  # others write too: the index's generation counts them
        from kg.remote_view import index_of  # noqa: PLC0415

        return f'"kg-{where}-{revision}.{index_of(store).generation}"'
    return f'"kg-{where}-{revision}"'


_BOOT = f"{int(time.time() * 1000):x}"


def not_modified(request: Request, etag: str) -> bool:
    """Whether the request's ``If-None-Match`` names ``etag`` (or ``*``)."""
    given = request.headers.get("if-none-match")
    if not given:
        return False
    tags = [t.strip() for t in given.split(",")]
    return "*" in tags or etag in tags or f"W/{etag}" in tags


def check_writable(request: Request, settings: Settings) -> None:
    """409 when the server or its store is read-only: checked before anything else of a write."""
    store = request.app.state.store
    if settings.read_only or getattr(store, "read_only", False):
        raise ReadOnlyError("this server is read-only (KG_READ_ONLY, or several workers): "
                            "updates and ingestion are off")


def check_token(request: Request, settings: Settings) -> None:
    """409 on a read-only server; else 401 without a bearer token, 403 with a wrong one or
    when writes are switched off."""
    check_writable(request, settings)
    if not settings.token:
        raise Forbidden("writes are disabled on this server (it was started without "
                        "KG_API_TOKEN)")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not header:
        raise Unauthorized("this needs a bearer token: send 'Authorization: Bearer <token>'")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             settings.token.encode()):
        raise Forbidden("the bearer token is not valid for this server")


async def read_body(request: Request, limit: int, too_large: str) -> bytes:
    """The request body, read as it streams in; 413 with ``too_large`` past ``limit`` bytes."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(too_large)
        chunks.append(chunk)
    return b"".join(chunks)


async def require_token(request: Request,
                        settings: Annotated[Settings, Depends(settings_dep)]) -> None:
    """Dependency form of :func:`check_token` for write endpoints."""
    check_token(request, settings)


SettingsDep = Annotated[Settings, Depends(settings_dep)]
StoreDep = Annotated[Store, Depends(store_dep)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
WriterDep = Annotated[Writer, Depends(writer_dep)]
ViewDep = Annotated[object, Depends(get_view)]
TokenDep = Annotated[None, Depends(require_token)]
