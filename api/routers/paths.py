"""``/paths``: how two entities are connected, each hop explained in words.

Over a remote store the search runs on the neighbourhoods of the two ends, read from the
endpoint ring by ring (``kg.remote_view.paths``), not on the index.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import RunnerDep, SettingsDep, StoreDep, ViewDep
from api.routers.agreements import Since, Topic, Until
from kg import query as kq
from kg import remote_view

router = APIRouter(tags=["paths"])

EXAMPLE = {"source": {"iri": "https://w3id.org/energy-kg/id/region/DE-NW",
                      "label": "North Rhine-Westphalia", "type": "Region"},
           "target": {"iri": "https://w3id.org/energy-kg/id/country/RU", "label": "Russia",
                      "type": "Country"},
           "paths": [{"length": 3, "text": "North Rhine-Westphalia — part of → Germany — …",
                      "nodes": ["…"], "hops": ["…"]}]}


@router.get("/paths", summary="Explained paths between two entities",
            responses={200: {"content": {"application/json": {"example": EXAMPLE}}},
                       404: {"description": "An unknown name (with suggestions) or no path"}})
async def paths(
    store: StoreDep, view: ViewDep, runner: RunnerDep, settings: SettingsDep,
    source: Annotated[str, Query(description="Name, ISO code or IRI.",
                                 examples=["Nordrhein-Westfalen"])],
    target: Annotated[str, Query(description="Name, ISO code or IRI.", examples=["Russia"])],
    k: Annotated[int, Query(ge=1, le=20, description="How many alternative paths.")] = 1,
    via: Annotated[str | None, Query(description="An entity every path must pass.")] = None,
    topic: Topic = None, since: Since = None, until: Until = None,
    max_hops: Annotated[int | None, Query(ge=1, le=12, description="Longest path.")] = None,
    edges: Annotated[str | None, Query(
        description="Relations a path may follow, comma-separated (party, partOf, ...) "
                    "or 'all'.")] = None,
) -> dict:
    edge_kinds = None
    if edges:
        edge_kinds = "all" if edges.strip() == "all" else [e.strip() for e in edges.split(",")
                                                          if e.strip()]

    def work(deadline: float) -> dict:
        if store.backend == "remote":  # the neighbourhoods of the ends, from the endpoint
            start, end, found = remote_view.paths(
                remote_view.index_of(store), source, target, k=k, via=via, topic=topic,
                since=since, until=until, max_hops=max_hops, edge_kinds=edge_kinds)
        else:
            start, end = kq.resolve(view, source), kq.resolve(view, target)
            found = kq.path(view, start.iri, end.iri, k=k, via=via, topic=topic, since=since,
                            until=until, max_hops=max_hops, edge_kinds=edge_kinds)
        return {"source": start.to_dict(), "target": end.to_dict(),
                "paths": [p.to_dict() for p in found]}

    return await runner.run(work, timeout=settings.query_timeout)
