"""``/sparql`` answers the same through the app's short way in (``KGApp.fast_routes``)
as through FastAPI's routing and middleware, errors included; and the short way
is left alone once middleware is added."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from kg.store import Store

EX = "https://example.org/"
SELECT = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s ?o"

# (method, params, headers, body)
REQUESTS = [
    ("GET", {"query": SELECT}, {}, None),
    ("GET", {"query": SELECT}, {"Accept": "text/csv"}, None),
    ("GET", {"query": SELECT}, {"Accept": "application/sparql-results+xml"}, None),
    ("GET", {"query": SELECT}, {"Accept": "text/tab-separated-values"}, None),
    ("GET", {"query": SELECT}, {"Accept": "image/png"}, None),
    ("GET", {"query": "ASK { ?s ?p ?o }"}, {}, None),
    ("GET", {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, {"Accept": "application/n-triples"},
     None),
    ("GET", {"query": "SELECT WHERE {"}, {}, None),
    ("GET", {"query": ""}, {}, None),
    ("GET", {}, {}, None),
    ("GET", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, {},
     None),
    ("GET", {"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}, {}, None),  # cap
    ("GET", {"query": [SELECT, SELECT]}, {}, None),
    ("POST", {}, {"Content-Type": "application/sparql-query"}, SELECT.encode()),
    ("POST", {}, {"Content-Type": "text/plain"}, SELECT.encode()),
    ("POST", {}, {"Content-Type": "application/sparql-update"}, b"INSERT DATA {}"),
]


@pytest.fixture(scope="module")
def app():
    store = Store("memory:")
    data = "".join(f'<{EX}s{i}> <{EX}p> "v{i}" .\n' for i in range(20))
    store.add_graph(EX + "g", data.encode(), "ntriples")
    return create_app(store, Settings(store="memory:", max_rows=500, query_timeout=5))


def _send(client: TestClient, method, params, headers, body):
    if method == "GET":
        return client.get("/sparql", params=params, headers=headers)
    return client.post("/sparql", params=params, headers=headers, content=body)


def _comparable(response) -> tuple:
    headers = {k: v for k, v in response.headers.items() if k != "server-timing"}
    return response.status_code, headers, response.content


@pytest.mark.parametrize("method,params,headers,body", REQUESTS)
def test_fast_and_framework_paths_answer_alike(app, method, params, headers, body):
    assert app.fast_routes, "the SPARQL handlers are registered for the short way"
    with TestClient(app) as client:
        fast = _send(client, method, params, headers, body)
        routes, app.fast_routes = app.fast_routes, {}
        try:
            framework = _send(client, method, params, headers, body)
        finally:
            app.fast_routes = routes
    assert _comparable(fast) == _comparable(framework)


def test_row_cap_still_503_on_the_short_way(app):
    with TestClient(app) as client:
        response = client.get("/sparql", params={
            "query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    assert response.status_code == 503 and "row cap" in response.text
    assert response.headers["content-type"].startswith("text/plain")


def test_added_middleware_sees_sparql_requests():
    store = Store("memory:")
    app = create_app(store, Settings(store="memory:"))
    seen: list[str] = []

    @app.middleware("http")
    async def record(request, call_next):
        seen.append(request.url.path)
        return await call_next(request)

    with TestClient(app) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert seen == ["/sparql"]
