"""Entities: search (``/entities?q=``), details (``/entities/{kind}/{key}``) and the
dereferenceable IRI paths (``/id/{kind}/{key}``, HTML, Turtle, JSON-LD by ``Accept``)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api import negotiation, pages
from api.deps import RunnerDep, SettingsDep, StoreDep, ViewDep, get_settings
from api.errors import NotAcceptable
from api.headers import uri_reference
from api.pagination import PageDep
from api.results import content_type, serialize_triples
from api.routers import explorer
from api.routers.system import overview
from kg import formats
from kg import query as kq
from kg.errors import InputError, NotFoundError
from kg.namespaces import ID, split_entity_iri
from kg.store import to_python
from kg.namespaces import compact
from kg.view import ACTOR_CLASSES, KIND_CLASSES, normalize

router = APIRouter(tags=["entities"])

_TYPE_ALIASES = {
    "country": {"Country"}, "region": {"Region"}, "org": {"Organization"},
    "organization": {"Organization"}, "organisation": {"Organization"},
    "person": {"Person"}, "place": {"Place"}, "topic": {"Topic"}, "document": {"Document"},
    "cooperation": {"Cooperation"}, "actor": set(ACTOR_CLASSES),
}
_NAME_PROPS = {"http://www.w3.org/2000/01/rdf-schema#label": "rdfs:label",
               "http://www.w3.org/2004/02/skos/core#prefLabel": "skos:prefLabel",
               "http://www.w3.org/2004/02/skos/core#altLabel": "skos:altLabel",
               "http://www.w3.org/2004/02/skos/core#hiddenLabel": "skos:hiddenLabel"}
MAX_RELATIONS = 500

SEARCH_EXAMPLE = {"q": "Rusland", "total": 1, "limit": 50, "offset": 0, "next": None,
                  "items": [{"iri": "https://w3id.org/energy-kg/id/country/RU",
                             "label": "Russia", "type": "Country", "score": 91.7,
                             "match": "fuzzy", "name": "russland",
                             "links": {"json": "/entities/country/RU",
                                       "html": "/id/country/RU"}}]}


def _links(iri: str) -> dict:
    parts = split_entity_iri(iri)
    if not parts:
        return {}
    return {"json": f"/entities/{parts[0]}/{parts[1]}", "html": f"/id/{parts[0]}/{parts[1]}"}


def _wanted_types(view, type_: str | None) -> set[str] | None:
    if not type_:
        return None
    wanted: set[str] = set()
    for name in type_.split(","):
        key = name.strip()
        if not key:
            continue
        if key.lower() in _TYPE_ALIASES:
            wanted |= _TYPE_ALIASES[key.lower()]
        elif key.lower() == "agreement":
            wanted |= {"Agreement", *view.kind_keys}
        else:
            known = {d.get("type") for _, d in view.entities.nodes(data=True)}
            match = {k for k in known if k and k.lower() == key.lower()}
            if not match:
                raise InputError(f"unknown type {key!r}; use country, region, org, person, "
                                 "agreement, topic, place, document, cooperation or actor")
            wanted |= match
    return wanted


def search(view, q: str, wanted: set[str] | None) -> list[dict]:
    """Entities whose names (any language, aliases, ISO codes) match ``q``: exact names
    first, then names starting with it, containing it, and close fuzzy matches."""
    key = normalize(q)
    if not key:
        raise InputError("q must contain letters or digits")
    nodes = view.entities._node
    best: dict[str, tuple[float, str, str]] = {}

    def offer(iri: str, score: float, how: str, name: str) -> None:
        data = nodes.get(iri)
        if data is None or (wanted is not None and data.get("type") not in wanted):
            return
        if not iri.startswith(str(ID)):  # lexicon entries and other non-entities
            return
        if iri not in best or best[iri][0] < score:
            best[iri] = (score, how, name)

    for rank, iri in view.names.get(key, ()):
        offer(iri, 100.0 - rank, "exact", key)
    for name, hits in view.names.items():
        if name == key:
            continue
        if name.startswith(key):
            how, score = "prefix", 90.0 - min(len(name) - len(key), 20) / 4
        elif len(key) >= 3 and key in name:
            how, score = "contains", 80.0 - min(len(name) - len(key), 40) / 4
        else:
            continue
        for rank, iri in hits:
            offer(iri, score - rank, how, name)
    if len(best) < 10 and len(key) >= 3:
        from rapidfuzz import fuzz, process  # noqa: PLC0415

        for name, score, _ in process.extract(key, list(view.names), scorer=fuzz.ratio,
                                              score_cutoff=70, limit=25):
            for rank, iri in view.names[name]:
                offer(iri, min(score, 79.0) - rank, "fuzzy", name)
    ordered = sorted(best.items(), key=lambda kv: (-kv[1][0], view.label(kv[0]).casefold()))
    return [{**kq.entity(view, iri).to_dict(), "score": round(score, 1), "match": how,
             "name": name, "links": _links(iri)} for iri, (score, how, name) in ordered]


@router.get("/entities", summary="Find entities by name (multilingual, fuzzy)",
            responses={200: {"content": {"application/json": {"example": SEARCH_EXAMPLE}}}})
async def find_entities(
    request: Request, view: ViewDep, runner: RunnerDep, settings: SettingsDep, page: PageDep,
    q: Annotated[str | None, Query(description="A name in any language, an alias or an ISO "
                                               "code; misspellings are tolerated.",
                                   examples=["Rusland", "Wasserstoff", "Rosatom"])] = None,
    type: Annotated[str | None, Query(description="country, region, org, person, agreement, "
                                                  "topic, place, document, cooperation, actor "
                                                  "(comma-separated for several).")] = None,
) -> dict:
    def work(deadline: float) -> list:
        wanted = _wanted_types(view, type)
        if q:
            return search(view, q, wanted)
        out = []
        for iri, data in view.entities.nodes(data=True):
            if (wanted is None or data.get("type") in wanted) and split_entity_iri(iri):
                out.append({**kq.entity(view, iri).to_dict(), "links": _links(iri)})
        out.sort(key=lambda e: (e["type"], e["label"].casefold()))
        return out

    found = await runner.run(work, timeout=settings.query_timeout)
    return page.apply(request, found, q=q, type=type)


# --- one entity ----------------------------------------------------------------------------

# What may stand in an IRI: no spaces, controls (C0, DEL, C1) or <>"{}|\^`. Oxigraph's IRI
# parser has a few more rules (valid %-escapes ...); what breaks them is a 400 as well.
SEGMENT = r'^[^\x00-\x20\x7f-\x9f<>"{}|\\^`]+$'
Kind = Annotated[str, Path(pattern=SEGMENT, description="The entity kind (country, org ...).")]
Key = Annotated[str, Path(pattern=SEGMENT, description="The entity key (JP, rosatom ...).")]


def _iri(kind: str, key: str) -> str:
    if not re.match(SEGMENT, kind) or not re.match(SEGMENT, key):
        raise InputError(f"not an entity path: {kind}/{key}")
    return f"{ID}{kind}/{key}"


def _exists(store, iri: str) -> bool:
    return bool(store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}"))


def _not_found(view, kind: str, key: str) -> NotFoundError:
    types = {KIND_CLASSES[kind]} if kind in KIND_CLASSES and kind != "agreement" else None
    for attempt in (types, None):
        try:
            found = kq.resolve(view, key.replace("-", " "), types=attempt)
        except NotFoundError as exc:
            suggestions = exc.suggestions
            continue
        return NotFoundError(f"no entity {kind}/{key}",
                             suggestions=[f"{found.label} ({_links(found.iri).get('json', found.iri)})"])
    return NotFoundError(f"no entity {kind}/{key}", suggestions=suggestions)


def detail(store, view, iri: str, index=None) -> dict:
    """Everything the API says about one entity, as JSON (``index``: the view its partners
    come from, when ``view`` is a small view of its neighbourhood; see :func:`page_detail`)."""
    ent = kq.entity(view, iri)
    labels, properties = [], {}
    for row in store.query(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o FILTER(isLiteral(?o)) }}"):
        p, o = row["p"].value, row["o"]
        if p in _NAME_PROPS:
            labels.append({"value": o.value, "lang": o.language, "property": _NAME_PROPS[p]})
        else:
            value = to_python(o)
            properties.setdefault(compact(p), []).append(
                value if isinstance(value, (int, float, bool, str)) else str(value))
    labels.sort(key=lambda l: (l["property"] != "rdfs:label", l["lang"] or "", l["value"]))
    graph = view.entities
    outgoing, incoming = [], []
    if iri in graph:
        for _, target, key, data in graph.out_edges(iri, keys=True, data=True):
            outgoing.append({"predicate": key, "target": kq.entity(view, target).to_dict(),
                             **({"attributes": data} if data else {})})
            if len(outgoing) >= MAX_RELATIONS:
                break
        for source, _, key, data in graph.in_edges(iri, keys=True, data=True):
            incoming.append({"predicate": key, "source": kq.entity(view, source).to_dict(),
                             **({"attributes": data} if data else {})})
            if len(incoming) >= MAX_RELATIONS:
                break
    out = {**ent.to_dict(), "type": ent.type or _type_from_store(store, iri),
           "labels": labels, "properties": properties,
           "relations": {"outgoing": outgoing, "incoming": incoming},
           "links": {**_links(iri), "turtle": _links(iri).get("html", "") + "?format=turtle"}}
    if view.record(iri) is not None:
        out["agreement"] = kq.agreement_info(view, iri).to_dict()
    ranked = index if index is not None else view  # who ranks the partners
    if iri in ranked.cooperation:
        partners = []
        for other, data in ranked.cooperation._adj[iri].items():
            partners.append({**kq.entity(ranked, other).to_dict(),
                             "weight": data.get("weight", 1)})
        partners.sort(key=lambda p: (-p["weight"], p["label"].casefold()))
        out["partners"] = partners[:MAX_RELATIONS]
    return out


def _type_from_store(store, iri: str) -> str:
    for row in store.query(f"SELECT ?t WHERE {{ <{iri}> a ?t }} LIMIT 1"):
        return compact(row["t"].value)
    return ""


def describe(store, iri: str, max_triples: int) -> list:
    """The entity's triples, the blank nodes they point to, and the triples pointing at it."""
    outgoing = store.query(
        f"CONSTRUCT {{ <{iri}> ?p ?o . ?o ?bp ?bo }} WHERE {{ <{iri}> ?p ?o "
        f"OPTIONAL {{ FILTER(isBlank(?o)) ?o ?bp ?bo }} }}")
    incoming = store.query(
        f"CONSTRUCT {{ ?s ?p <{iri}> . ?s ?bp ?bo }} WHERE {{ {{ SELECT ?s ?p WHERE "
        f"{{ ?s ?p <{iri}> }} LIMIT {max_triples} }} "
        f"OPTIONAL {{ FILTER(isBlank(?s)) ?s ?bp ?bo }} }}")
    seen, out = set(), []
    for triple in list(outgoing) + list(incoming):
        if triple not in seen:
            seen.add(triple)
            out.append(triple)
    return out


def _one(store, view, kind: str, key: str) -> str:
    iri = _iri(kind, key)
    if iri not in view.entities and not _exists(store, iri):
        raise _not_found(view, kind, key)
    return iri


@router.get("/entities/{kind}/{key:path}", summary="One entity as JSON",
            responses={404: {"description": "Unknown entity, with suggestions"}})
async def get_entity(kind: Kind, key: Key, store: StoreDep, view: ViewDep, runner: RunnerDep,
                     settings: SettingsDep) -> dict:
    def work(deadline: float) -> dict:
        return page_detail(store, view, _one(store, view, kind, key))

    return await runner.run(work, timeout=settings.query_timeout)


def page_detail(store, view, iri: str) -> dict:
    """:func:`detail` of an entity; over a remote store its relations and record come from a
    small view of its neighbourhood read from the endpoint (the index leaves the person
    layer out), its partners from the index."""
    if store.backend != "remote":
        return detail(store, view, iri)
    from kg.remote_view import index_of  # noqa: PLC0415

    return detail(store, index_of(store).entity_view(iri), iri, index=view)


# The RDF formats of one entity's triples, and plain JSON meaning JSON-LD.
_ID_OFFERS = tuple(o for o in negotiation.GRAPH
                   if not o.format.quads or o.format.name == "jsonld") + (
    negotiation.Offer("application/json", formats.by_name("jsonld")),)


@router.get("/id/{kind}/{key:path}", summary="An entity IRI, dereferenced (HTML, Turtle, "
                                             "JSON-LD, N-Triples, RDF/XML or JSON)",
            responses={200: {"content": {"text/html": {}, "text/turtle": {},
                                         "application/ld+json": {}, "application/json": {}}},
                       404: {"description": "Unknown entity, with suggestions"}})
async def dereference(request: Request, kind: Kind, key: Key, store: StoreDep, view: ViewDep,
                      runner: RunnerDep, settings: SettingsDep,
                      format: Annotated[str | None, Query(
                          description="html, json, turtle, jsonld, ntriples or rdfxml; "
                                      "overrides Accept.")] = None) -> Response:
    accept = request.headers.get("accept")
    choice = _choose(accept, format)

    def work(deadline: float):
        iri = _one(store, view, kind, key)
        if choice == "html":
            return iri, explorer.entity_html(store, view, iri, page_detail(store, view, iri),
                                             settings)
        if choice == "json":
            return iri, page_detail(store, view, iri)
        return iri, serialize_triples(describe(store, iri, settings.max_rows), choice)

    iri, body = await runner.run(work, timeout=settings.query_timeout)
    headers = {"Vary": "Accept", "Link": f'<{uri_reference(iri)}>; rel="canonical"'}
    if choice == "html":
        return HTMLResponse(body, headers=headers)
    if choice == "json":
        return JSONResponse(body, headers=headers)
    return Response(body, media_type=content_type(choice), headers=headers)


def _choose(accept: str | None, format: str | None):
    if format:
        key = format.strip().lower()
        if key in ("html", "json"):
            return key
        return formats.by_name(key, ("rdf",))
    if negotiation.accepts_html(accept):
        return "html"
    picked = negotiation.pick_offer(accept, _ID_OFFERS)
    if picked is None:
        raise NotAcceptable("an entity is available as text/html, text/turtle, "
                            "application/ld+json, application/n-triples, application/rdf+xml "
                            "or application/json (use ?format= to choose)")
    return picked.format


@router.get("/", include_in_schema=False)
async def home(request: Request, store: StoreDep, view: ViewDep, runner: RunnerDep,
               q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    """The home page; with ``q`` (the search form without JavaScript) the names found."""
    settings = get_settings(request)
    stats = await overview(request, store, settings, runner)
    hits, message = [], ""
    if q and q.strip():
        def work(deadline: float) -> list[dict]:
            return search(view, q, None)[:20]

        try:
            hits = await runner.run(work, timeout=settings.query_timeout)
        except InputError as exc:
            message = str(exc)
    return HTMLResponse(pages.home_page(stats, q or "", hits, message))
