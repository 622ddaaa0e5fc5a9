"""The explorer's pages and assets: the HTML of entity pages (actor, agreement, other),
the path finder (``/pathfinder``), the favicon and the prefix table the scripts use.

The data comes from the same view the JSON resources answer from
(``kg.query``: partners, agreements, paths); the pages only arrange it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from api import evidence, pages
from api.deps import RunnerDep, SettingsDep, StoreDep, ViewDep
from api.settings import Settings
from kg import query as kq
from kg.namespaces import EKG, GRAPH, PREFIXES, SERIALIZATION_PREFIXES
from kg.view import ACTOR_CLASSES

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parent.parent / "static"
FAVICON = STATIC / "favicon.svg"


# --- entity pages (called by api.routers.entities for browsers) ---------------------------

def _agreement_dicts(view, iris) -> list[dict]:
    out = []
    for iri in iris:
        info = kq.agreement_info(view, iri).to_dict()
        info.pop("evidence", None)
        out.append(info)
    return out


def _stated_cooperations(view, iri: str) -> list[str]:
    return [c for c, rec in view.cooperation_records.items() if iri in rec.parties]


# An actor's page shows at most KG_PAGE_AGREEMENTS agreements (the newest) and
# KG_PAGE_PARTNERS partners (the strongest), each with at most PARTNER_LINKS of its
# agreements: the busiest actor at a million quads has 3,200 agreements and hundreds of
# partners, a page of 9 MB whole, whose records a remote store reads from its endpoint.
# The rest is a link away (/agreements?party=, /cooperations?actor=).
PARTNER_LINKS = 5  # the newest agreements (then stated cooperations) listed per partner


def _date_of(view, iri: str) -> str:
    rec = view.agreement_records.get(iri) or view.cooperation_records.get(iri)
    return (rec.date if rec is not None else None) or ""


def _newest(items: list[str], n: int) -> list[str]:
    return items[len(items) - n:] if len(items) > n else items


def _actor_partners(view, iri: str, most: int) -> tuple[list[dict], int]:
    """The strongest partners (at most ``most``), each with its newest
    agreements (at most :data:`PARTNER_LINKS`; ``more``: how many are left out), and
    the number of partners."""
    _, links = kq.partner_links(view, iri)
    shown = []
    for link in links[:most]:
        agreements = _newest(link.agreements, PARTNER_LINKS)
        cooperations = _newest(link.cooperations, PARTNER_LINKS - len(agreements))
        more = len(link.agreements) + len(link.cooperations) - len(agreements) - len(cooperations)
        if more:
            link = replace(link, agreements=agreements, cooperations=cooperations)
        shown.append((link, more))
    if hasattr(view, "prefetch"):  # a remote store's index: read the records at once
        view.prefetch(i for link, _ in shown for i in (*link.agreements, *link.cooperations))
    out = []
    for link, more in shown:
        d = link.partner(view).to_dict()
        d.pop("evidence", None)
        for a in d["agreements"] + d["cooperations"]:
            a.pop("evidence", None)
        if more:
            d["more"] = more
        out.append(d)
    return out, len(links)


def entity_html(store, view, iri: str, detail: dict, settings=None) -> str:
    """The page for ``iri``: an agreement page, an actor page or a general one
    (``settings``: the bounds of an actor's page, :class:`api.settings.Settings`)."""
    settings = settings or Settings()
    if "agreement" in detail:
        return agreement_html(store, view, iri, detail)
    kind = detail.get("type") or ""
    if kind in ACTOR_CLASSES or iri in view.cooperation:
        iris = [*view.agreements_by_party.get(iri, ()), *_stated_cooperations(view, iri)]
        total = len(iris)
        by_date = sorted(((_date_of(view, i), i) for i in iris), key=lambda pair: pair[0])
        dates = [d for d, _ in by_date if d]
        if total > settings.page_agreements:  # the newest, by the dates the view holds
            iris = [i for _, i in by_date[-settings.page_agreements:]]
        if hasattr(view, "prefetch"):  # a remote store's index: read the records at once
            view.prefetch(iris)
        agreements = _agreement_dicts(view, iris)
        agreements.sort(key=lambda a: a.get("date") or "")
        partners, partner_total = [], 0
        if iri in view.cooperation:
            partners, partner_total = _actor_partners(view, iri, settings.page_partners)
        counts = None
        if total > len(agreements) or partner_total > len(partners):
            counts = {"agreements": total, "partners": partner_total,
                      "span": (dates[0], dates[-1]) if dates else None}
        if kind != "Person" or agreements or partners:
            return pages.actor_page(detail, agreements, partners, counts)
    related: list[str] = []
    title = "Agreements"
    if kind == "Topic":
        related = kq.agreement_iris(view, topic=iri)
        title = "Agreements on this topic (and narrower ones)"
    else:
        wanted = {"ekg:signatory", "ekg:witness", "ekg:signedAt", "ekg:party", "ekg:topic",
                  "prov:wasDerivedFrom"}
        for rel in detail.get("relations", {}).get("incoming", []):
            source = rel["source"]["iri"]
            if rel["predicate"] in wanted and (source in view.agreement_records
                                               or source in view.cooperation_records) \
                    and source not in related:
                related.append(source)
        title = {"Person": "Signed or witnessed", "Place": "Signed here",
                 "Document": "Agreements it reports"}.get(kind, "Agreements")
    if hasattr(view, "prefetch"):
        view.prefetch(related)
    return pages.entity_page(detail, _agreement_dicts(view, related), title)


def agreement_html(store, view, iri: str, detail: dict) -> str:
    facts = evidence.facts(store, iri)
    quotes = evidence.quotes(view, store, iri, facts)
    labels = {}
    for fact in facts:
        if fact.is_iri:
            labels[fact.value] = kq.entity(view, fact.value).to_dict()
    documents = {}
    for q in quotes:
        if q.document and q.document not in documents:
            doc = {"label": kq.entity(view, q.document).label}
            for row in store.query(f"SELECT ?s WHERE {{ <{q.document}> "
                                   "dcterms:source|prov:hadPrimarySource|schema:url ?s } "
                                   "LIMIT 1"):
                if row["s"].value.startswith(("http://", "https://")):
                    doc["source"] = row["s"].value
            documents[q.document] = doc
    related = []
    queries = (("renews", f"<{iri}> ekg:renews ?x"), ("renewed by", f"?x ekg:renews <{iri}>"),
               ("supersedes", f"<{iri}> ekg:supersedes|dcterms:replaces ?x"),
               ("superseded by", f"?x ekg:supersedes|dcterms:replaces <{iri}>"))
    for relation, pattern in queries:
        for row in store.query(f"SELECT DISTINCT ?x WHERE {{ {pattern} }}"):
            other = row["x"].value
            rec = view.record(other)
            related.append({"relation": relation, "entity": kq.entity(view, other).to_dict(),
                            "date": rec.date if rec else None})
    return pages.agreement_page(detail, facts, quotes, documents, related, labels)


# --- the path finder, assets ---------------------------------------------------------------

@router.get("/pathfinder")
async def pathfinder(request: Request, view: ViewDep, runner: RunnerDep,
                     settings: SettingsDep) -> HTMLResponse:
    """The path finder page; its form fields come from the address (a shared link)."""
    def work(deadline: float) -> list[dict]:
        found = [kq.entity(view, t).to_dict() for t in view.narrower]
        return sorted(found, key=lambda t: t["label"].casefold())

    topics = await runner.run(work, timeout=settings.query_timeout)
    params = {k: v for k, v in request.query_params.items()
              if k in ("source", "target", "k", "topic", "since", "until", "via")}
    return HTMLResponse(pages.pathfinder_page(params, topics))


@router.get("/favicon.ico")
@router.get("/favicon.svg")
async def favicon() -> Response:
    return Response(FAVICON.read_bytes(), media_type="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})


def _prefix_table() -> dict[str, str]:
    table = {**PREFIXES, **SERIALIZATION_PREFIXES, "graph": str(GRAPH)}
    table.pop("id", None)  # id:country/JP is not a valid prefixed name; country:JP is
    return table


@router.get("/explorer/prefixes.js")
async def prefixes(store: StoreDep, runner: RunnerDep, settings: SettingsDep) -> Response:
    """For the SPARQL page's completion and display: the prefixes names are shortened with
    (``EKG_PREFIXES``), those ``/sparql`` predeclares (``EKG_DECLARED``) and the
    ontology's terms (``EKG_TERMS``), as a script."""
    def work(deadline: float) -> list[str]:
        rows = store.query("SELECT DISTINCT ?t WHERE { ?t a ?k FILTER(isIRI(?t) && "
                           f"STRSTARTS(STR(?t), \"{EKG}\")) }}")
        return sorted(row["t"].value for row in rows)

    terms = await runner.run(work, timeout=settings.query_timeout)
    body = ("window.EKG_PREFIXES = " + json.dumps(_prefix_table()) + ";\n"
            "window.EKG_DECLARED = " + json.dumps(sorted(PREFIXES)) + ";\n"
            "window.EKG_TERMS = " + json.dumps(terms) + ";\n")
    return Response(body, media_type="text/javascript", headers={"Cache-Control": "no-cache"})


def install(app: FastAPI) -> None:
    """Serve ``api/static`` at ``/static`` (the vendored files stay at ``/static/vendor``)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
