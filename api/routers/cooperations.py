"""``/cooperations``: who cooperates with whom, on what, since when, and the evidence.

With ``actor``: that actor's partners (strongest first), each with the
agreements and stated cooperations behind the link and their evidence. Without:
every cooperating pair, strongest first, under the same filters.

Partners are sorted on what their links count (``kg.query.partner_links``);
only the page returned is written out, from the JSON of its agreements, which
the view keeps once encoded (``kg.query.agreement_json``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import RunnerDep, SettingsDep, ViewDep
from api.pagination import PageDep
from api.routers.agreements import Since, Topic, Until
from kg import query as kq
from kg.view import window

router = APIRouter(tags=["cooperations"])

EXAMPLE = {"actor": {"iri": "https://w3id.org/energy-kg/id/country/JP", "label": "Japan",
                     "type": "Country"},
           "total": 1, "limit": 50, "offset": 0, "next": None,
           "items": [{"iri": "https://w3id.org/energy-kg/id/country/RU", "label": "Russia",
                      "type": "Country", "weight": 1, "first": "2009-05-12",
                      "last": "2009-05-12", "agreements": ["…"], "cooperations": [],
                      "topics": [{"iri": "https://w3id.org/energy-kg/id/topic/nuclear-energy",
                                  "label": "nuclear energy", "type": "Topic"}],
                      "evidence": []}]}


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


@router.get("/cooperations", summary="Who cooperates with whom (with evidence)",
            response_model=dict,
            responses={200: {"content": {"application/json": {"example": EXAMPLE}}}})
async def cooperations(
    request: Request, view: ViewDep, runner: RunnerDep, settings: SettingsDep, page: PageDep,
    actor: Annotated[str | None, Query(
        description="An actor: name (any language), ISO code or IRI. Without it: all pairs.",
        examples=["Japan", "Rosatom", "Nordrhein-Westfalen"])] = None,
    topic: Topic = None, since: Since = None, until: Until = None,
) -> Response | dict:
    if actor is not None:
        def work(deadline: float):
            center, links = kq.partner_links(view, actor, topic=topic, since=since,
                                             until=until)
            return center, len(links), [link.to_json(view) for link in page.slice(links)]

        center, total, items = await runner.run(work, timeout=settings.query_timeout)
        return page.json(request, total, items, actor=center.to_dict())

    def work_all(deadline: float):
        pairs = _pairs(view, topic, since, until)
        chunk = pairs[page.offset:page.offset + page.limit]
        return pairs, {id(p): _render_pair(view, p) for p in chunk}

    pairs, rendered = await runner.run(work_all, timeout=settings.query_timeout)
    return page.apply(request, pairs, lambda p: rendered[id(p)])
