"""The API over a remote store: a real Oxigraph server on 127.0.0.1 holding the seed graph,
the API served over it, and the API served over an on-disk store with the same graph.

It answers the partners, neighbours, agreements and paths the disk store answers; it sees
writes by other clients within the delay ``/health`` states; ``/health`` reads nothing
from the endpoint; a restart answers from the saved index.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import time
from urllib.parse import quote

import httpx
import pytest

from kg.store import Store
from tests.api.conftest import TOKEN, LiveServer
from tests.sparql_server import OxigraphServer

EKG = "https://w3id.org/energy-kg/ontology#"
ID = "https://w3id.org/energy-kg/id/"
POLL, REFRESH = 0.5, 4.0


@pytest.fixture(scope="module")
def endpoint(seed_store, tmp_path_factory):
    """An Oxigraph server holding the seed graph (as ``kg build`` makes it)."""
    server = OxigraphServer(tmp_path_factory.mktemp("endpoint"))
    Store(server.url).replace_all(quads=seed_store.quads())
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("index-cache")


def _serve_remote(endpoint, cache) -> LiveServer:
    return LiveServer(endpoint.url, overrides={
        "KG_REMOTE_POLL": str(POLL), "KG_REMOTE_REFRESH": str(REFRESH),
        "KG_REMOTE_CACHE": str(cache),
        # answers are compared here, not time limits: a path over the endpoint on a busy
        # machine can take longer than the suite's 1.5 s
        "KG_QUERY_TIMEOUT": "15"})


@pytest.fixture(scope="module")
def remote(endpoint, cache):
    server = _serve_remote(endpoint, cache)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        _ready(client)
        yield client
    server.stop()


@pytest.fixture(scope="module")
def disk(seed_store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("disk") / "store"
    Store(str(folder)).replace_all(quads=seed_store.quads())
    server = LiveServer(folder)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client
    server.stop()


def _ready(client: httpx.Client, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        index = client.get("/health").json()["index"]
        if index["ready"] and not index["building"]:
            return index
        assert time.monotonic() < deadline, index
        time.sleep(0.2)


def _actors(client: httpx.Client) -> list[str]:
    """Every actor that has a partner, from the SPARQL endpoint of the server."""
    query = (f"SELECT DISTINCT ?a WHERE {{ ?x <{EKG}party>|<{EKG}participant> ?a , ?b "
             "FILTER(?a != ?b) } ORDER BY ?a")
    rows = client.get("/sparql", params={"query": query},
                      headers={"Accept": "application/sparql-results+json"}).json()
    return [b["a"]["value"] for b in rows["results"]["bindings"]]


def _page(client: httpx.Client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    body = response.json()
    body.pop("next", None)  # a link to the server itself
    return body


def _as_sets(value):
    """Lists whose order comes from the store's index order, as sets (recursively)."""
    if isinstance(value, dict):
        return {k: _as_sets(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted(json.dumps(_as_sets(v), sort_keys=True) for v in value)
    return value


def test_partners_neighbours_and_agreements_are_those_of_the_disk_store(remote, disk):
    actors = _actors(disk)
    assert len(actors) >= 8 and actors == _actors(remote)
    for actor in actors:
        for path in (f"/cooperations?actor={quote(actor)}",
                     f"/cooperations?actor={quote(actor)}&since=2010",
                     f"/neighbours?actor={quote(actor)}&depth=3"):
            assert _page(remote, path) == _page(disk, path), path
        path = f"/cooperations?actor={quote(actor)}&expand=agreements"
        assert _as_sets(_page(remote, path)) == _as_sets(_page(disk, path)), path
    for path in ("/cooperations", "/agreements", "/agreements?kind=memorandum",
                 "/agreements?topic=nuclear%20energy", "/cooperations?actor=Japan",
                 "/entities?q=Rosatom"):
        assert _as_sets(_page(remote, path)) == _as_sets(_page(disk, path)), path


def test_paths_are_those_of_the_disk_store(remote, disk):
    ends = _actors(disk) + ["Russia", "Germany", "id:topic/hydrogen"]
    for a, b in itertools.combinations(ends, 2):
        path = f"/paths?source={quote(a)}&target={quote(b)}&k=2"
        mine, theirs = remote.get(path), disk.get(path)
        assert mine.status_code == theirs.status_code, (path, mine.text[:300])
        if theirs.status_code != 200:
            continue
        mine, theirs = mine.json(), theirs.json()
        assert (mine["source"], mine["target"]) == (theirs["source"], theirs["target"])
        # the same lengths; among equally short paths the two may pick different ones
        assert [p["length"] for p in mine["paths"]] == [p["length"] for p in theirs["paths"]]
    one = "/paths?source=Nordrhein-Westfalen&target=Russia"
    assert remote.get(one).json()["paths"][0]["text"] == disk.get(one).json()["paths"][0]["text"]


def test_entity_pages_are_those_of_the_disk_store(remote, disk):
    for path in ("/entities/country/JP", "/entities/org/rosatom", "/entities/region/DE-NW",
                 "/entities/agreement/2016-12-16-japan-rosatom-nuclear-energy",
                 "/id/person/alexey-likhachev?format=json"):
        mine, theirs = remote.get(path), disk.get(path)
        assert mine.status_code == theirs.status_code == 200, (path, mine.text[:300])
        assert _as_sets(_roles(mine.json())) == _as_sets(_roles(theirs.json())), path


def _roles(page: dict) -> dict:
    """An entity page without the titles of role and signatory relations: a person with two
    roles at the same place, or two signatures of one agreement, has one relation, whose
    title is the one the view's build met last (the store's index order; ``kg.view`` does
    not choose between them)."""
    for side in page.get("relations", {}).values():
        for rel in side:
            if rel["predicate"] in ("ekg:role", "ekg:signatory"):
                rel.pop("attributes", None)
    return page
    html = remote.get("/id/country/JP", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "Rosatom" in html.text


def test_health_reads_nothing_from_the_endpoint(remote, endpoint):
    """With the endpoint frozen (SIGSTOP), /health still answers at once: it neither counts
    nor asks anything; it says how current the index is and how often it is checked."""
    body = remote.get("/health").json()
    assert body["store"] == "remote" and body["triples"] > 1000
    index = body["index"]
    assert index["poll_s"] == POLL and index["full_refresh_s"] == REFRESH and index["ready"]
    os.kill(endpoint.process.pid, signal.SIGSTOP)
    try:
        for _ in range(20):
            started = time.monotonic()
            response = remote.get("/health", timeout=5)
            assert response.status_code == 200 and response.json()["triples"] == body["triples"]
            assert time.monotonic() - started < 1.0
    finally:
        os.kill(endpoint.process.pid, signal.SIGCONT)


def _partners(client: httpx.Client, actor: str) -> set[str]:
    return {p["iri"] for p in client.get("/cooperations", params={"actor": actor,
                                                                   "limit": 500}).json()["items"]}


def _wait_for(client: httpx.Client, actor: str, partner: str, present: bool,
              limit: float) -> float:
    started = time.monotonic()
    while (partner in _partners(client, actor)) != present:
        elapsed = time.monotonic() - started
        assert elapsed < limit, f"not seen within {limit:.1f} s: {client.get('/health').json()}"
        time.sleep(0.1)
    return time.monotonic() - started


def _cooperation(key: str, a: str, b: str) -> str:
    return (f"<{ID}cooperation/{key}> a <{EKG}Cooperation> ; <{EKG}participant> <{a}> , "
            f"<{b}> .")


def test_writes_by_other_clients_show_up_within_the_stated_delay(remote, endpoint):
    japan, kazakhstan = ID + "country/JP", ID + "country/KZ"
    iceland, nepal = ID + "country/IS", ID + "country/NP"
    assert kazakhstan not in _partners(remote, japan) and nepal not in _partners(remote, iceland)
    index = _ready(remote)
    build = max(index["last_build_s"] or 1.0, 1.0)

    # another client of this library (e.g. `kg` with --store URL): it bumps the marker,
    # which the index polls every poll_s
    other = Store(endpoint.url)
    graph = "https://w3id.org/energy-kg/graph/test-other-client"
    other.add_graph(graph, _cooperation("test-jp-kz", japan, kazakhstan).encode(), "turtle")
    seen = _wait_for(remote, japan, kazakhstan, True, POLL + 3 * build + 5)
    other.remove_graph(graph)
    _wait_for(remote, japan, kazakhstan, False, POLL + 3 * build + 5)

    # a client writing SPARQL Update straight to the endpoint, into a graph that exists
    # (no marker, the same named graphs): seen at the next full refresh
    triples = _cooperation("test-is-np", iceland, nepal)
    update = (f"INSERT DATA {{ GRAPH <https://w3id.org/energy-kg/graph/curated> {{ {triples} }} "
              f"{triples} }}")
    httpx.post(f"{endpoint.url}/update", data={"update": update}, timeout=30).raise_for_status()
    raw = _wait_for(remote, iceland, nepal, True, REFRESH + 3 * build + 5)
    delete = update.replace("INSERT DATA", "DELETE DATA")
    httpx.post(f"{endpoint.url}/update", data={"update": delete}, timeout=30).raise_for_status()
    _wait_for(remote, iceland, nepal, False, REFRESH + 3 * build + 5)
    print(f"marker write seen after {seen:.1f} s, raw write after {raw:.1f} s")


def test_own_writes_show_up(remote):
    japan, mongolia = ID + "country/JP", ID + "country/MN"
    triples = _cooperation("test-jp-mn", japan, mongolia)
    update = f"INSERT DATA {{ GRAPH <https://w3id.org/energy-kg/graph/test-own> {{ {triples} }} }}"
    response = remote.post("/update", content=update, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"})
    assert response.status_code in (200, 204), response.text
    _wait_for(remote, japan, mongolia, True, POLL + 10)
    response = remote.post("/update", content=update.replace("INSERT DATA", "DELETE DATA"),
                           headers={"Authorization": f"Bearer {TOKEN}",
                                    "Content-Type": "application/sparql-update"})
    assert response.status_code in (200, 204), response.text
    _wait_for(remote, japan, mongolia, False, POLL + 10)


def test_a_restart_answers_from_the_saved_index(remote, endpoint, cache):
    _ready(remote)
    expected = _page(remote, "/cooperations?actor=Japan")
    server = _serve_remote(endpoint, cache)
    try:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            assert _page(client, "/cooperations?actor=Japan") == expected
            index = client.get("/health").json()["index"]
            assert index["from_saved"] or index["generation"] > 1, index
    finally:
        server.stop()


def test_include_pending_is_refused_over_a_remote_store(remote):
    response = remote.get("/cooperations", params={"actor": "Japan", "include": "pending"})
    assert response.status_code == 400 and "remote" in response.json()["message"]
