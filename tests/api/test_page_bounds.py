"""The bounds of the two largest answers, over a disk store and over a remote store (a real
Oxigraph server holding the seed graph), with bounds small enough to bite on it:
``/cooperations?actor=…&expand=agreements`` holds at most ``KG_EXPAND_RECORDS``
agreements and stated cooperations per page and goes on with ``next``; an actor's HTML
page lists its ``KG_PAGE_AGREEMENTS`` newest agreements and ``KG_PAGE_PARTNERS`` strongest
partners, with links to the rest.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest

from kg.store import Store
from tests.api.conftest import LiveServer
from tests.api.test_remote_store import _as_sets, _ready
from tests.sparql_server import OxigraphServer

BOUNDS = {"KG_EXPAND_RECORDS": "2", "KG_PAGE_AGREEMENTS": "2", "KG_PAGE_PARTNERS": "1",
          "KG_QUERY_TIMEOUT": "15"}


@pytest.fixture(scope="module")
def servers(seed_store, tmp_path_factory):
    """Clients of the API over a disk store and over a remote store, both bounded."""
    endpoint = OxigraphServer(tmp_path_factory.mktemp("endpoint"))
    Store(endpoint.url).replace_all(quads=seed_store.quads())
    folder = tmp_path_factory.mktemp("disk") / "store"
    Store(str(folder)).replace_all(quads=seed_store.quads())
    cache = tmp_path_factory.mktemp("index-cache")
    remote = LiveServer(endpoint.url, overrides={**BOUNDS, "KG_REMOTE_CACHE": str(cache)})
    disk = LiveServer(folder, overrides=BOUNDS)
    try:
        with httpx.Client(base_url=remote.url, timeout=60) as r, \
                httpx.Client(base_url=disk.url, timeout=60) as d:
            _ready(r)
            yield {"remote": r, "disk": d}
    finally:
        remote.stop()
        disk.stop()
        endpoint.stop()


def _walk(client: httpx.Client, path: str) -> list[dict]:
    """Every page of ``path``, following ``next``."""
    pages = []
    while path:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        body = response.json()
        pages.append(body)
        path = body["next"] and body["next"][body["next"].index("/cooperations"):]
    return pages


@pytest.mark.parametrize("store", ["disk", "remote"])
def test_expanded_partner_pages_hold_few_agreements_and_go_on(servers, store):
    client = servers[store]
    summary = client.get("/cooperations?actor=Nordrhein-Westfalen&limit=1000").json()
    assert summary["total"] >= 3
    pages = _walk(client, "/cooperations?actor=Nordrhein-Westfalen&expand=agreements")
    assert len(pages) >= 2
    for body in pages:
        records = sum(len(p["agreements"]) + len(p["cooperations"]) for p in body["items"])
        assert records <= 2 or len(body["items"]) == 1, body
        assert body["total"] == summary["total"] and body["limit"] == 50
    partners = [p for body in pages for p in body["items"]]
    # every partner once, in the order of the summaries, each with all its agreements
    assert [p["iri"] for p in partners] == [p["iri"] for p in summary["items"]]
    assert [len(p["agreements"]) + len(p["cooperations"]) for p in partners] == \
        [p["weight"] for p in summary["items"]]
    assert pages[1]["offset"] == len(pages[0]["items"])


def test_expanded_pages_are_the_same_over_both_stores(servers):
    remote, disk = _walk(servers["remote"], "/cooperations?actor=Nordrhein-Westfalen&expand=agreements"), \
        _walk(servers["disk"], "/cooperations?actor=Nordrhein-Westfalen&expand=agreements")
    for body in remote + disk:
        body.pop("next")
    assert _as_sets(remote) == _as_sets(disk)


@pytest.mark.parametrize("store", ["disk", "remote"])
def test_actor_page_lists_the_newest_agreements_and_links_to_the_rest(servers, store):
    client = servers[store]
    partners = client.get("/cooperations?actor=Nordrhein-Westfalen&limit=1000").json()
    html = client.get("/id/region/DE-NW", headers={"Accept": "text/html"}).text
    section = html[html.index('<section id="agreements">'):html.index('<section id="partners">')]
    assert 'id="agreements-more"' in section and "/agreements?party=" in section
    assert section.count("<tr") == 1 + 2  # the header and the two newest
    shown = re.findall(r'<tr data-date="([^"]*)"', section)
    assert shown == sorted(shown, reverse=True)
    # the newest ones: none of the actor's agreements left out is newer than those shown
    iri = quote("https://w3id.org/energy-kg/id/region/DE-NW", safe="")
    dated = sorted(a["date"] for a in client.get(f"/agreements?party={iri}&limit=1000").json()["items"]
                   if a.get("date"))
    assert len(dated) >= 2 and min(shown) >= dated[-2]   # (the lead below counts more than two in all)
    # the summary line counts them all
    lead = re.search(r'<p class="lead">(\d+) agreements? and stated cooperations?, (\d+) '
                     r"partners?", html)
    assert int(lead.group(1)) > 2 and int(lead.group(2)) == partners["total"] > 1
    table = html[html.index('<table class="sortable" id="partner-table">'):]
    table = table[:table.index("</table>")]
    assert 'id="partners-more"' in html and f"/cooperations?actor={iri}" in html
    assert table.count("<tr data-iri=") == 1
