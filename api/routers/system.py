"""``/health`` and ``/stats``."""

from __future__ import annotations

import asyncio
import time

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.deps import RunnerDep, SettingsDep, StoreDep, get_queries, get_writer
from kg.namespaces import EKG
from kg.query import to_json
from kg.remote_view import get_view, index_of

router = APIRouter(tags=["system"])

_CLASSES = {
    "countries": EKG.Country, "regions": EKG.Region, "organizations": EKG.Organization,
    "persons": EKG.Person, "agreements": EKG.Agreement, "topics": EKG.Topic,
    "documents": EKG.Document, "evidence": EKG.Evidence, "cooperations": EKG.Cooperation,
}
_STARTED = time.time()


def _counts(store) -> dict:
    graphs = store.graphs()
    entities = {}
    for name, cls in _CLASSES.items():
        # Agreements come in subclasses; count the instances of the class or any subclass.
        rows = store.select(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { "
            f"{{ ?s a <{cls}> }} UNION {{ ?s a ?c . ?c rdfs:subClassOf+ <{cls}> }} }}")
        entities[name] = int(rows[0]["n"]) if rows else 0
    cooperation_pairs = store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ekg:cooperatesWith ?b FILTER(STR(?a) < STR(?b)) }")
    return {"graphs": graphs, "entities": entities,
            "cooperation_pairs": int(cooperation_pairs[0]["n"]) if cooperation_pairs else 0}


@router.get("/health", summary="Liveness and the store's revision",
            responses={200: {"content": {"application/json": {"example": {
                "status": "ok", "revision": 3, "triples": 12345, "store": "disk",
                "queries": {"mode": "processes", "workers": 4, "busy": 0, "available": 4,
                            "killed": 0, "abandoned": 0, "memory_mb": 1280,
                            "memory_mb_per_worker": 320, "memory_mb_at_open": 65}}}}}})
async def health(request: Request, store: StoreDep) -> Response:
    """Liveness, and whether SPARQL queries can run: ``status`` is ``degraded`` when
    runaway queries hold all query capacity (only possible with query threads). With
    query worker processes (an on-disk store), ``queries`` also tells the memory budget
    they share (``KG_QUERY_MEMORY_MB``), each worker's share of it, and what a worker
    held once it had opened the store at start-up, all in MB.

    Answered on the event loop; only the first call at a new revision counts the
    quads, on a thread. Over a remote store nothing is counted: ``triples`` is the
    count of the index's last full read, and ``index`` says how current it is (how
    often it looks for writes by others: ``poll_s``, ``full_refresh_s``)."""
    queries = get_queries(request)
    index = None
    if store.backend == "remote":  # never counts: the index's last count and its state
        index = index_of(store)
        triples = index.triples
    else:
        triples = store.counted()
        if triples is None:
            triples = await asyncio.get_running_loop().run_in_executor(None, len, store)
    body = {
        "status": "ok" if queries.available() > 0 else "degraded",
        "revision": store.revision, "triples": triples,
        "store": store.backend, "read_only": store.read_only,
        "queries": queries.stats(), "writes": get_writer(request).stats(),
        "uptime_s": round(time.time() - _STARTED, 1)}
    if index is not None:
        body["index"] = index.status()
    return Response(to_json(body), media_type="application/json")


@router.get("/stats", summary="Counts: triples, named graphs, entities by class, the view",
            responses={200: {"content": {"application/json": {"example": {
                "revision": 3, "triples": 12345,
                "graphs": {"https://w3id.org/energy-kg/graph/curated": 2100},
                "entities": {"countries": 250, "agreements": 42},
                "cooperation_pairs": 80}}}}})
async def stats(request: Request, store: StoreDep, settings: SettingsDep,
                runner: RunnerDep) -> dict:
    return await overview(request, store, settings, runner)


async def overview(request: Request, store, settings, runner) -> dict:
    """Counts of the store (cached per revision), the query runner and the view."""
    cache = request.app.state.cache
    remote = index_of(store) if store.backend == "remote" else None
    key = ("stats", store.revision, id(store.oxigraph), remote and remote.generation)
    if key not in cache:
        def work(deadline: float) -> dict:
            return _counts(store)

        cache.clear()
        cache[key] = await runner.run(work, timeout=max(settings.query_timeout, 30.0))
    triples = remote.triples if remote is not None else len(store)
    body = {"revision": store.revision, "triples": triples, **cache[key]}
    body["queries"] = {**request.app.state.queries.stats(), "api_threads": runner.stats(),
                       "cache": request.app.state.sparql_cache.stats()}
    view = await runner.run(lambda deadline: _view_stats(store),
                            timeout=max(settings.query_timeout, 60.0))
    if view is not None:
        body["view"] = view
    return body


def _view_stats(store) -> dict | None:
    view = get_view(store)
    return {**view.stats(), "build_seconds": round(view.build_seconds, 3),
            "from_snapshot": "snapshot" in view.timings,
            "updated": "update" in view.timings}  # followed the store's journal
