"""``/neighbours``: the actors within one to three cooperation hops of an actor.

Answered from the view's cooperation graph (``kg.query.partner_neighbours``):
partners at distance 1, partners of partners at distance 2 (each reached
through ``via``), and so on, strongest links first within each ring. The rings
of an actor are kept per view revision; a page is written with orjson. Answers
carry an ``ETag`` of the store revision (``If-None-Match`` gets a 304).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import RunnerDep, SettingsDep, StoreDep, ViewDep, etag_of, not_modified
from api.pagination import PageDep
from api.routers.cooperations import NOT_MODIFIED
from kg import query as kq

router = APIRouter(tags=["cooperations"])

EXAMPLE = {"actor": {"iri": "https://w3id.org/energy-kg/id/country/RU", "label": "Russia",
                     "type": "Country"},
           "depth": 2, "total": 2, "limit": 50, "offset": 0, "next": None,
           "items": [{"iri": "https://w3id.org/energy-kg/id/country/JP", "label": "Japan",
                      "type": "Country", "distance": 1,
                      "via": "https://w3id.org/energy-kg/id/country/RU"},
                     {"iri": "https://w3id.org/energy-kg/id/country/DE", "label": "Germany",
                      "type": "Country", "distance": 2,
                      "via": "https://w3id.org/energy-kg/id/country/JP"}]}


@router.get("/neighbours", summary="Actors within 1 to 3 cooperation hops of an actor",
            responses={200: {"content": {"application/json": {"example": EXAMPLE}}},
                       **NOT_MODIFIED})
async def neighbours(
    request: Request, store: StoreDep, view: ViewDep, runner: RunnerDep,
    settings: SettingsDep, page: PageDep,
    actor: Annotated[str, Query(description="An actor: name (any language), ISO code or IRI.",
                                examples=["Japan", "Rosatom"])],
    depth: Annotated[int, Query(ge=1, le=3, description="Hops: 1 partners, 2 partners of "
                                                        "partners, 3 one more.")] = 2,
) -> Response:
    etag = etag_of(store)
    current = view.revision == store.revision
    if current and not_modified(request, etag):
        return Response(status_code=304, headers={"ETag": etag})

    def work(deadline: float):
        center, found = kq.partner_neighbours(view, actor, depth)
        nodes = view.cooperation._node
        items = [kq.to_json({"iri": iri, "label": nodes[iri]["label"],
                             "type": nodes[iri]["type"], "distance": distance, "via": via})
                 for iri, distance, via in page.slice(found)]
        return center, len(found), items

    center, total, items = await runner.run(work, timeout=settings.query_timeout)
    return page.json(request, total, items, headers={"ETag": etag} if current else None,
                     actor=center.to_dict(), depth=depth)
