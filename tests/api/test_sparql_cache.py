"""SPARQL answers kept per store revision (``api.result_cache``), on real servers.

A repeated query is answered from the cache with the same bytes and ``ETag``;
``If-None-Match`` gets a 304; an update moves the revision and the next answer is
fresh; volatile and failing queries are never kept; ``Cache-Control: no-cache``
runs the query; ``KG_SPARQL_CACHE_MB=0`` turns the cache off. The on-disk store
(query worker processes) is covered as well as the in-memory one (threads).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import TOKEN, LiveServer

AUTH = {"Authorization": f"Bearer {TOKEN}"}
GRAPH = "https://example.org/cache-test"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
JSON = {"Accept": "application/sparql-results+json"}


def cached(response: httpx.Response) -> str | None:
    """``hit`` or ``miss`` from the answer's Server-Timing (None: not cacheable)."""
    timing = response.headers.get("server-timing", "")
    for part in timing.split(","):
        if part.strip().startswith("cache;"):
            return part.split('desc="')[1].rstrip('"')
    return None


def count(response: httpx.Response) -> int:
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module", params=["memory", "disk"])
def live(request, tmp_path_factory) -> Iterator[LiveServer]:
    store = tmp_path_factory.mktemp("cache") / "store" if request.param == "disk" else None
    server = LiveServer(store=store)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def client(live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield http


def insert(client: httpx.Client, n: int) -> None:
    update = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <{GRAPH}#s{n}> <{GRAPH}#p> {n} }} }}"
    response = client.post("/update", data={"update": update}, headers=AUTH)
    assert response.status_code == 200, response.text


def test_repeated_query_is_answered_from_the_cache_until_the_store_changes(client):
    query = {"query": COUNT + " # repeated"}
    first = client.get("/sparql", params=query, headers=JSON)
    second = client.get("/sparql", params=query, headers=JSON)
    assert first.status_code == second.status_code == 200
    assert cached(second) == "hit" and second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["x-kg-revision"] == first.headers["x-kg-revision"]
    assert second.headers["x-kg-results"] == first.headers["x-kg-results"] == "1"
    tag = first.headers["etag"]

    not_modified = client.get("/sparql", params=query, headers={**JSON, "If-None-Match": tag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["etag"] == tag

    before = count(first)
    insert(client, 1)
    fresh = client.get("/sparql", params=query, headers=JSON)
    assert fresh.status_code == 200 and cached(fresh) == "miss"
    assert count(fresh) == before + 1
    assert fresh.headers["etag"] != tag
    assert int(fresh.headers["x-kg-revision"]) > int(first.headers["x-kg-revision"])
    again = client.get("/sparql", params=query, headers={**JSON, "If-None-Match": tag})
    assert again.status_code == 200 and count(again) == before + 1  # the old tag is stale


def test_each_format_is_kept_apart(client):
    query = {"query": COUNT + " # formats"}
    as_json = client.get("/sparql", params=query, headers=JSON)
    as_csv = client.get("/sparql", params=query, headers={"Accept": "text/csv"})
    again_csv = client.get("/sparql", params=query, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert again_csv.content == as_csv.content and cached(again_csv) == "hit"
    assert as_csv.headers["etag"] != as_json.headers["etag"]
    # another dataset is another question
    other = client.get("/sparql", params={**query, "default-graph-uri": GRAPH}, headers=JSON)
    assert cached(other) == "miss" and other.headers["etag"] != as_json.headers["etag"]


def test_no_cache_runs_the_query(client):
    query = {"query": COUNT + " # no-cache"}
    client.get("/sparql", params=query, headers=JSON)
    forced = client.get("/sparql", params=query, headers={**JSON, "Cache-Control": "no-cache"})
    assert cached(forced) == "miss"
    assert cached(client.get("/sparql", params=query, headers=JSON)) == "hit"


def test_volatile_queries_are_not_kept(client):
    for text in ("SELECT (RAND() AS ?r) WHERE {}", "SELECT (NOW() AS ?t) WHERE {}",
                 "SELECT (STRUUID() AS ?u) WHERE {}", "SELECT (BNODE() AS ?b) WHERE {}"):
        answers = [client.get("/sparql", params={"query": text}, headers=JSON)
                   for _ in range(2)]
        for answer in answers:
            assert answer.status_code == 200, answer.text
            assert cached(answer) is None and "etag" not in answer.headers
    random = [client.get("/sparql", params={"query": "SELECT (RAND() AS ?r) WHERE {}"},
                         headers=JSON).json()["results"]["bindings"][0]["r"]["value"]
              for _ in range(3)]
    assert len(set(random)) > 1


def test_failures_are_not_kept(client):
    broken = {"query": "SELECT * WHERE { ?s ?p }"}
    assert client.get("/sparql", params=broken).status_code == 400
    assert client.get("/sparql", params=broken).status_code == 400
    capped = {"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}
    for _ in range(2):
        response = client.get("/sparql", params=capped, headers=JSON)
        assert response.status_code == 503 and "etag" not in response.headers


def test_the_cache_is_counted_in_stats(client):
    query = {"query": COUNT + " # stats"}
    client.get("/sparql", params=query, headers=JSON)
    client.get("/sparql", params=query, headers=JSON)
    cache = client.get("/stats").json()["queries"]["cache"]
    assert cache["hits"] >= 1 and cache["entries"] >= 1
    assert 0 < cache["bytes"] <= cache["max_bytes"]


def test_a_post_query_is_kept_too_but_never_304(client):
    body = (COUNT + " # post").encode()
    headers = {**JSON, "Content-Type": "application/sparql-query"}
    first = client.post("/sparql", content=body, headers=headers)
    second = client.post("/sparql", content=body,
                         headers={**headers, "If-None-Match": first.headers["etag"]})
    assert second.status_code == 200 and cached(second) == "hit"
    assert second.content == first.content


def test_cache_off():
    server = LiveServer(overrides={"KG_SPARQL_CACHE_MB": "0"})
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            for _ in range(2):
                answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
                assert answer.status_code == 200
                assert cached(answer) is None and "etag" not in answer.headers
    finally:
        server.stop()
