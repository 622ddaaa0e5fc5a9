"""``/cooperations``: who cooperates with whom, on what, since when, and the evidence.

With ``actor``: that actor's partners (strongest first), each as a summary
(label, type, country, counts, topics, first and last date, the IRIs of its
newest agreements; ``kg.query.PartnerLink.summary_json``); with
``expand=agreements`` each with the agreements and stated cooperations behind
the link and their evidence (``PartnerLink.to_json``). Without ``actor``: every
cooperating pair, strongest first, under the same filters (always with the
agreements).

Partners are sorted on what their links count (``kg.query.partner_links``);
only the page returned is written out, from JSON the view keeps once encoded.
An unfiltered page of summaries is written on the event loop (it reads kept
JSON only); filtered or expanded pages run on the query threads. Answers carry
an ``ETag`` of the store revision, and ``If-None-Match`` with it gets a 304.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import (
    RunnerDep, SettingsDep, StoreDep, ViewDep, etag_of, get_store, not_modified,
)
from api.pagination import MAX_OFFSET, Page, PageDep
from api.routers.agreements import Since, Topic, Until
from kg import query as kq
from kg.remote_view import current_view
from kg.view import window

router = APIRouter(tags=["cooperations"])

EXAMPLE = {"actor": {"iri": "https://w3id.org/energy-kg/id/country/JP", "label": "Japan",
                     "type": "Country"},
           "total": 1, "limit": 50, "offset": 0, "next": None,
           "items": [{"iri": "https://w3id.org/energy-kg/id/country/RU", "label": "Russia",
                      "type": "Country", "country": None, "weight": 1,
                      "agreement_count": 1, "cooperation_count": 0,
                      "topics": [{"iri": "https://w3id.org/energy-kg/id/topic/nuclear-energy",
                                  "label": "nuclear energy", "type": "Topic"}],
                      "first": "2009-05-12", "last": "2009-05-12",
                      "top_agreements": ["https://w3id.org/energy-kg/id/agreement/"
                                         "2009-05-12-japan-russia-nuclear-energy"]}]}
NOT_MODIFIED = {304: {"description": "Not Modified: the `If-None-Match` tag is the store's "
                                     "current one (`ETag`)"}}


def _pairs(view, topic: str | None, since: str | None, until: str | None) -> list[dict]:
    topics = None
    if topic is not None:
        topics = view.topic_closure(kq.resolve(view, topic, types={"Topic"}).iri)
    win = window(since, until)
    filtered = topics is not None or win is not None
    allowed = None
    if filtered:
        allowed = set(kq.agreement_iris(view, topic=topic, since=since, until=until))

    def coop_ok(iri: str) -> bool:
        rec = view.cooperation_records.get(iri)
        return rec is not None and kq.matches(rec, topics, win)

    out = []
    for a, b, data in view.cooperation.edges(data=True):
        agreements = [i for i in data.get("agreements", ()) if allowed is None or i in allowed]
        coops = [i for i in data.get("cooperations", ()) if not filtered or coop_ok(i)]
        if filtered and not agreements and not coops:
            continue
        a, b = sorted((a, b))
        out.append({"a": a, "b": b, "agreements": agreements, "cooperations": coops,
                    "weight": max(1, len(agreements) + len(coops)),
                    "first": data.get("first"), "last": data.get("last")})
    out.sort(key=lambda p: (-p["weight"], view.label(p["a"]).casefold(), p["b"]))
    return out


def _render_pair(view, pair: dict) -> dict:
    infos = [kq.agreement_info(view, i) for i in pair["agreements"] + pair["cooperations"]]
    topics: list[str] = []
    for info in infos:
        topics.extend(t.iri for t in info.topics if t.iri not in topics)
    return {
        "a": kq.entity(view, pair["a"]).to_dict(), "b": kq.entity(view, pair["b"]).to_dict(),
        "weight": pair["weight"], "first": pair["first"], "last": pair["last"],
        "topics": [kq.entity(view, t).to_dict() for t in topics],
        "agreements": [i.to_dict() for i in infos[:len(pair["agreements"])]],
        "cooperations": [i.to_dict() for i in infos[len(pair["agreements"]):]],
        "evidence": [e.to_dict() for i in infos for e in i.evidence],
    }


def summary_page(request: Request, view, page: Page, actor: str,
                 headers: dict[str, str]) -> Response:
    """The unfiltered page of partner summaries: kept JSON joined, on the event loop (the
    work is bounded by the page size)."""
    center, links = kq.partner_links(view, actor)
    if hasattr(links, "summaries_json"):
        items = links.summaries_json(view, page.offset, page.offset + page.limit)
    else:  # an actor without partners
        items = [link.summary_json(view) for link in page.slice(links)]
    return page.json(request, len(links), items, headers=headers, actor=center.to_dict())


def _count(value: str | None) -> int | None:
    return int(value) if value is not None and value.isascii() and value.isdigit() else None


async def cooperations_fast(request: Request) -> Response | None:
    """``GET /cooperations?actor=X[&limit=&offset=]`` past FastAPI's routing table and
    dependency solver (see ``api.app.KGApp``), which cost more than the page itself; the
    answer is the one :func:`cooperations` gives. Anything else, and a view not built yet
    for the current revision, returns None: FastAPI's own route answers it."""
    params = request.query_params
    if "actor" not in params or not params.keys() <= {"actor", "limit", "offset"} or \
            any(len(params.getlist(k)) > 1 for k in params.keys()):
        return None
    limit, offset = _count(params.get("limit")), _count(params.get("offset", "0"))
    if offset is None or offset > MAX_OFFSET or ("limit" in params and not limit):
        return None  # FastAPI writes the 400
    store = get_store(request)
    view = current_view(store)
    if view is None:
        return None
    etag = etag_of(store)
    if not_modified(request, etag):
        return Response(status_code=304, headers={"ETag": etag})
    settings = request.app.state.settings
    page = Page(min(limit or settings.page_size, settings.max_page_size), offset)
    return summary_page(request, view, page, params["actor"], {"ETag": etag})


def expanded(chunk, most: int):
    """The first partners of ``chunk`` whose agreements and stated cooperations come to at
    most ``most`` (``KG_EXPAND_RECORDS``; at least one partner). The partners of the
    busiest actor at a million quads have 1,500 on a page of 50: 6 MB of JSON, whose
    records a remote store reads from its endpoint; ``next`` goes on from there."""
    out, count = [], 0
    for link in chunk:
        count += len(link.agreements) + len(link.cooperations)
        if out and count > most:
            break
        out.append(link)
    return out


@router.get("/cooperations", summary="Who cooperates with whom (with evidence)",
            response_model=dict,
            responses={200: {"content": {"application/json": {"example": EXAMPLE}}},
                       **NOT_MODIFIED})
async def cooperations(
    request: Request, store: StoreDep, view: ViewDep, runner: RunnerDep, settings: SettingsDep,
    page: PageDep,
    actor: Annotated[str | None, Query(
        description="An actor: name (any language), ISO code or IRI. Without it: all pairs.",
        examples=["Japan", "Rosatom", "Nordrhein-Westfalen"])] = None,
    topic: Topic = None, since: Since = None, until: Until = None,
    expand: Annotated[Literal["agreements"] | None, Query(
        description="`agreements`: each partner of `actor` with its agreements, stated "
                    "cooperations and evidence, instead of a summary. Such a page holds at "
                    "most `KG_EXPAND_RECORDS` (200) agreements and stated cooperations "
                    "(always one partner at least): fewer partners than `limit` then, and "
                    "`next` goes on after the last one.")] = None,
) -> Response | dict:
    etag = etag_of(store)
    if view.revision == store.revision and not_modified(request, etag):
        return Response(status_code=304, headers={"ETag": etag})
    headers = {"ETag": etag} if view.revision == store.revision else {}
    if actor is not None:
        if expand is None and topic is None and since is None and until is None:
            return summary_page(request, view, page, actor, headers)

        def work(deadline: float):
            center, links = kq.partner_links(view, actor, topic=topic, since=since,
                                             until=until)
            chunk = page.slice(links)
            if expand:
                chunk = expanded(chunk, settings.expand_records)
            if expand and hasattr(view, "prefetch"):  # a remote store's index
                view.prefetch(i for link in chunk for i in (*link.agreements,
                                                            *link.cooperations))
            items = ([link.to_json(view) for link in chunk] if expand
                     else [link.summary_json(view) for link in chunk])
            return center, len(links), items

        center, total, items = await runner.run(work, timeout=settings.query_timeout)
        return page.json(request, total, items, headers=headers, actor=center.to_dict(),
                         shown=len(items) if expand else None)

    def work_all(deadline: float):
        pairs = _pairs(view, topic, since, until)
        chunk = pairs[page.offset:page.offset + page.limit]
        if hasattr(view, "prefetch"):  # a remote store's index
            view.prefetch(i for p in chunk for i in (*p["agreements"], *p["cooperations"]))
        return pairs, {id(p): _render_pair(view, p) for p in chunk}

    pairs, rendered = await runner.run(work_all, timeout=settings.query_timeout)
    body = page.apply(request, pairs, lambda p: rendered[id(p)])
    return Response(kq.to_json(body), media_type="application/json", headers=headers)
