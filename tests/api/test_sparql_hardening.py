"""Hostile SPARQL against a real server: bounded parsing, the SERVICE/LOAD guard, datasets.

Every hostile request runs against the same session server, which must answer
``/health`` after each one. SERVICE and LOAD targets are a small HTTP server in
this process that counts its hits and answers with a distinctive body, so the
tests can tell both whether it was reached and whether its answer leaked.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from kg.namespaces import CURATED_GRAPH, GAZETTEER_GRAPH
from tests.api.conftest import TOKEN, LiveServer

SECRET = "SECRET-BODY-a41f9c0e"
FIXTURE = "https://w3id.org/energy-kg/graph/test-fixture"
CURATED = str(CURATED_GRAPH)
GAZETTEER = str(GAZETTEER_GRAPH)
QUERY_BODY = {"Content-Type": "application/sparql-query"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT = "SELECT (COUNT(*) AS ?n) {dataset} WHERE {{ ?s ?p ?o }}"
GRAPHS = "SELECT DISTINCT ?g {dataset} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} ORDER BY ?g"


# --- a local target for SERVICE and LOAD ----------------------------------------------------

class _Target(BaseHTTPRequestHandler):
    hits = 0

    def _answer(self) -> None:
        type(self).hits += 1
        length = int(self.headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        if self.path.startswith("/garbage"):  # 200, but not SPARQL results or RDF
            status, media = 200, "application/sparql-results+json"
            body = ('{"head": {"vars": ["' + SECRET + '"]}, "results": ' + SECRET).encode()
        else:
            status, media, body = 500, "text/plain", f"internal: {SECRET}".encode()
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def target():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Target)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def open_server():
    """A second server that allows SERVICE and LOAD to 127.0.0.1 (any port)."""
    server = LiveServer(KG_ALLOW_SERVICE="127.0.0.1")
    yield server
    server.stop()


def _healthy(http: httpx.Client) -> None:
    assert http.get("/health").status_code == 200


# --- bounded parsing --------------------------------------------------------------------------

def _nested_chain(levels: int, width: int) -> str:
    expr = "true"
    for _ in range(levels):  # the nested chain first: it ends up deepest in the tree
        expr = "(" + expr + " || " + " || ".join(["true"] * width) + ")"
    return "SELECT * WHERE { ?s ?p ?o FILTER" + expr + " }"


HOSTILE = {
    "braces-3000": ("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
                    "KG_SPARQL_MAX_DEPTH"),
    "parens-10k": ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10_000 + "1" + ")" * 10_000
                   + ") }", "KG_SPARQL_MAX_DEPTH"),
    "bangs-10k": ("SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 10_000 + "true) }",
                  "KG_SPARQL_MAX_CHAIN"),
    "optional-3000": ("SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 3000
                      + "}" * 3000 + "}", "KG_SPARQL_MAX_DEPTH"),
    "subselect-3000": ("SELECT * WHERE " + "{ SELECT * WHERE " * 3000 + "{ ?s ?p ?o }"
                       + "}" * 3000, "KG_SPARQL_MAX_DEPTH"),
    "union-10k": ("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10_000) + " }",
                  "KG_SPARQL_MAX_CHAIN"),
    "and-10k": ("SELECT * WHERE { ?s ?p ?o FILTER(" + " && ".join(["true"] * 10_000) + ") }",
                "KG_SPARQL_MAX_CHAIN"),
    "path-20k": ("SELECT * WHERE { ?s " + "/".join(["ekg:p"] * 20_000) + " ?o }",
                 "KG_SPARQL_MAX_CHAIN"),
    "alternatives-20k": ("SELECT * WHERE { ?s " + "|".join(["ekg:p"] * 20_000) + " ?o }",
                         "KG_SPARQL_MAX_CHAIN"),
    "patterns-10k": ("SELECT * WHERE { " + " . ".join(f"?s{i} ?p ?o" for i in range(10_000))
                     + " }", "KG_SPARQL_MAX_CHAIN"),
    "collection-30k": ("SELECT * WHERE { ?s ekg:p (" + " ".join(["1"] * 30_000) + ") }",
                       "KG_SPARQL_MAX_CHAIN"),
    "minus-chain-30k": ("SELECT * WHERE { BIND(1 " + " -1" * 30_000 + " AS ?x) }",
                        "KG_SPARQL_MAX_CHAIN"),
    "nested-chains-40x20": (_nested_chain(40, 20), "KG_SPARQL_MAX_CHAIN"),
    "tokens-150k": ("SELECT * WHERE { VALUES ?x { " + "1 " * 150_000 + "} }",
                    "KG_SPARQL_MAX_TOKENS"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_query_is_refused(http, name):
    query, limit = HOSTILE[name]
    response = http.post("/sparql", content=query.encode(), headers=QUERY_BODY)
    assert response.status_code == 400, response.text[:300]
    assert limit in response.text
    _healthy(http)


HOSTILE_UPDATES = {
    "braces-3000": ("INSERT { ?s ?p ?o } WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
                    "KG_SPARQL_MAX_DEPTH"),
    "union-10k": ("DELETE { ?s ?p ?o } WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10_000)
                  + " }", "KG_SPARQL_MAX_CHAIN"),
}


@pytest.mark.parametrize("name", list(HOSTILE_UPDATES))
def test_hostile_update_is_refused(http, name):
    update, limit = HOSTILE_UPDATES[name]
    response = http.post("/update", data={"update": update}, headers=AUTH)
    assert response.status_code == 400, response.text[:300]
    assert limit in response.text
    _healthy(http)


def test_big_flat_data_is_not_a_chain(http):
    """Not a hostile case (passes before the fix too): VALUES and IN lists stay usable."""
    values = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { " + " ".join(
        str(i) for i in range(5000)) + " } }"
    response = http.post("/sparql", content=values.encode(), headers=QUERY_BODY)
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "5000"
    listed = ("SELECT * WHERE { BIND(1 AS ?x) FILTER(?x IN (" + ", ".join(
        f"-{i}" for i in range(2000)) + ")) }")
    assert http.post("/sparql", content=listed.encode(), headers=QUERY_BODY).status_code == 200


# --- the SERVICE / LOAD guard -----------------------------------------------------------------

def _bypasses(url: str) -> dict[str, str]:
    return {
        "escape-in-iri-then-hash": (r"PREFIX x: <http://x/\u0041#> SELECT * WHERE { "
                                    f"SERVICE <{url}/> {{ ?s ?p ?o }} }}"),
        "escaped-quote-in-local-name": (r"PREFIX e: <http://e/> SELECT * WHERE { ?s e:p e:a\' "
                                        f". SERVICE <{url}/> {{ ?s ?p ?o }} }} # '"),
    }


@pytest.mark.parametrize("name", list(_bypasses("")))
def test_service_guard_bypass_is_refused(http, target, name):
    before = _Target.hits
    query = _bypasses(target.url)[name]
    response = http.post("/sparql", content=query.encode(), headers=QUERY_BODY)
    assert response.status_code == 400, response.text[:300]
    assert "SERVICE" in response.text and SECRET not in response.text
    assert _Target.hits == before, "the SERVICE target was contacted"
    _healthy(http)


@pytest.mark.parametrize("template", [
    r"PREFIX x: <http://x/\u0041#> LOAD <{url}/data.ttl> INTO GRAPH <https://example.org/g>",
    r"PREFIX e: <http://e/> INSERT DATA {{ e:a e:b e:c\' }} ; LOAD SILENT <{url}/x> # '",
])
def test_load_of_an_internal_url_is_refused(http, target, template):
    before = _Target.hits
    response = http.post("/update", data={"update": template.format(url=target.url)},
                         headers=AUTH)
    assert response.status_code == 400, response.text[:300]
    assert "LOAD" in response.text and SECRET not in response.text
    assert _Target.hits == before, "the LOAD target was contacted"
    _healthy(http)


@pytest.mark.parametrize("path", ["/fail", "/garbage"])
def test_a_service_answer_is_never_echoed(open_server, target, path):
    before = _Target.hits
    query = f"SELECT * WHERE {{ SERVICE <{target.url}{path}> {{ ?s ?p ?o }} }}"
    response = httpx.post(f"{open_server.url}/sparql", content=query.encode(),
                          headers=QUERY_BODY, timeout=30)
    assert _Target.hits > before, "the allowed SERVICE target was not contacted"
    assert response.status_code == 502, response.text[:300]
    assert SECRET not in response.text
    assert httpx.get(f"{open_server.url}/health").status_code == 200


def test_a_load_answer_is_never_echoed(open_server, target):
    before = _Target.hits
    response = httpx.post(f"{open_server.url}/update", headers=AUTH, timeout=30,
                          data={"update": f"LOAD <{target.url}/garbage.ttl> "
                                          "INTO GRAPH <https://example.org/loaded>"})
    assert _Target.hits > before, "the allowed LOAD target was not contacted"
    assert response.status_code == 502, response.text[:300]
    assert SECRET not in response.text


# --- FROM / FROM NAMED and the protocol's dataset parameters ---------------------------------

def _count(http, query: str, params: list[tuple[str, str]] | None = None) -> int:
    response = http.get("/sparql", params=[("query", query)] + (params or []))
    assert response.status_code == 200, response.text[:300]
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _graphs(http, query: str, params: list[tuple[str, str]] | None = None) -> list[str]:
    response = http.get("/sparql", params=[("query", query)] + (params or []))
    assert response.status_code == 200, response.text[:300]
    return [b["g"]["value"] for b in response.json()["results"]["bindings"]]


@pytest.fixture(scope="module")
def per_graph(http) -> dict[str, int]:
    response = http.get("/sparql", params={"query": (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")})
    return {b["g"]["value"]: int(b["n"]["value"])
            for b in response.json()["results"]["bindings"]}


def test_from_counts_one_graph(http, per_graph):
    total = _count(http, COUNT.format(dataset=""))
    curated = _count(http, COUNT.format(dataset=f"FROM <{CURATED}>"))
    assert curated == per_graph[CURATED] and 0 < curated < total
    assert _count(http, COUNT.format(dataset=f"FROM <{FIXTURE}>")) == per_graph[FIXTURE]
    # a graph that does not exist is an empty default graph
    assert _count(http, COUNT.format(dataset="FROM <https://example.org/none>")) == 0


def test_from_twice_merges(http, per_graph):
    both = _count(http, COUNT.format(dataset=f"FROM <{CURATED}> FROM <{FIXTURE}>"))
    assert max(per_graph[CURATED], per_graph[FIXTURE]) < both <= \
        per_graph[CURATED] + per_graph[FIXTURE]
    by_protocol = _count(http, COUNT.format(dataset=""), [("default-graph-uri", CURATED),
                                                          ("default-graph-uri", FIXTURE)])
    assert both == by_protocol


def test_from_named(http):
    named = f"FROM NAMED <{FIXTURE}>"
    assert _graphs(http, GRAPHS.format(dataset=named)) == [FIXTURE]
    assert _count(http, COUNT.format(dataset=named)) == 0  # no FROM: empty default graph
    # FROM alone: no named graphs at all
    assert _graphs(http, GRAPHS.format(dataset=f"FROM <{CURATED}>")) == []
    both = f"FROM <{CURATED}> FROM NAMED <{FIXTURE}> FROM NAMED <{GAZETTEER}>"
    assert _graphs(http, GRAPHS.format(dataset=both)) == sorted([FIXTURE, GAZETTEER])


def test_protocol_parameters_override_the_query(http, per_graph):
    query = COUNT.format(dataset=f"FROM <{CURATED}>")
    assert _count(http, query, [("default-graph-uri", FIXTURE)]) == per_graph[FIXTURE]
    # named-graph-uri alone is the whole dataset: the default graph is empty
    assert _count(http, query, [("named-graph-uri", FIXTURE)]) == 0
    graphs = GRAPHS.format(dataset=f"FROM NAMED <{CURATED}>")
    assert _graphs(http, graphs, [("named-graph-uri", FIXTURE)]) == [FIXTURE]
    # default-graph-uri alone: no named graphs
    assert _graphs(http, GRAPHS.format(dataset=""), [("default-graph-uri", FIXTURE)]) == []
    form = http.post("/sparql", data={"query": query, "default-graph-uri": FIXTURE}).json()
    assert int(form["results"]["bindings"][0]["n"]["value"]) == per_graph[FIXTURE]


@pytest.mark.parametrize("name", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("value", [FIXTURE + "\n", FIXTURE + "\nX", "https://e.org/\x00",
                                   "https://e.org/\t"])
def test_bad_graph_iri_is_400(http, name, value):
    response = http.get("/sparql", params=[("query", COUNT.format(dataset="")), (name, value)])
    assert response.status_code == 400, response.text[:300]
    assert name in response.text
