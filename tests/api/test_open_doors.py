"""CORS, plain OPTIONS, the service description, HTML for browsers and readable prefix
errors, over HTTP against the live server (the browser side is in test_browser.py)."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from tests.api.conftest import ROOT, LiveServer

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
ASK = "ASK { ?s ?p ?o }"
SD = "http://www.w3.org/ns/sparql-service-description#"


def test_preflight_is_answered(http):
    response = http.options("/sparql", headers={
        "Origin": "http://elsewhere.test", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "authorization" in response.headers["access-control-allow-headers"].lower()


def test_simple_request_gets_cors_headers(http):
    response = http.get("/sparql", params={"query": ASK}, headers={"Origin": "http://x.test"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "X-KG-Results" in response.headers["access-control-expose-headers"]
    assert "access-control-allow-origin" not in http.get("/health").headers  # no Origin


def test_writes_still_need_the_token_cross_origin(http):
    response = http.post("/update", data={"update": "CLEAR SILENT GRAPH <urn:x>"},
                         headers={"Origin": "http://x.test"})
    assert response.status_code == 401
    assert response.headers["access-control-allow-origin"] == "*"  # the page may read why


def test_plain_options_lists_the_methods(http):
    response = http.options("/sparql")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, OPTIONS, POST"
    assert http.options("/no/such/path").status_code == 404


def test_put_is_405_with_allow(http):
    response = http.put("/sparql", content=b"")
    assert response.status_code == 405 and response.headers["allow"] == "GET, POST"


@pytest.fixture(scope="module")
def strict_server():
    server = LiveServer(KG_CORS_ORIGINS="http://allowed.test")
    yield server
    server.stop()


def test_cors_origins_setting_limits_origins(strict_server):
    import httpx  # noqa: PLC0415

    url = strict_server.url + "/sparql"
    allowed = httpx.get(url, params={"query": ASK}, headers={"Origin": "http://allowed.test"})
    assert allowed.headers["access-control-allow-origin"] == "http://allowed.test"
    other = httpx.get(url, params={"query": ASK}, headers={"Origin": "http://other.test"})
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers
    preflight = httpx.options(url, headers={"Origin": "http://other.test",
                                            "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 400


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES)])
def test_service_description(http, base_url, accept, fmt):
    response = http.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    graph = ox.Store()
    graph.load(response.content, format=fmt)

    def objects(predicate: str) -> set[str]:
        return {q.object.value for q in graph.quads_for_pattern(None, ox.NamedNode(SD + predicate),
                                                                 None)}

    services = graph.quads_for_pattern(None, ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(SD + "Service"))
    assert len(list(services)) == 1
    assert objects("endpoint") == {base_url + "/sparql"}
    assert objects("supportedLanguage") == {SD + "SPARQL11Query", SD + "SPARQL11Update"}
    assert SD + "UnionDefaultGraph" in objects("feature")
    assert SD + "BasicFederatedQuery" not in objects("feature")  # no SERVICE allowed here
    assert {"http://www.w3.org/ns/formats/SPARQL_Results_JSON",
            "http://www.w3.org/ns/formats/Turtle"} <= objects("resultFormat")
    assert "https://w3id.org/energy-kg/graph/curated" in objects("name")


def test_no_query_without_rdf_accept_is_still_400(http):
    assert http.get("/sparql").status_code == 400
    assert http.get("/sparql", headers={"Accept": "application/sparql-results+json"}
                    ).status_code == 400


def test_browser_accept_gets_the_page_with_the_query(http):
    response = http.get("/sparql", params={"query": ASK + " # <b>&"},
                        headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert ">ASK { ?s ?p ?o } # &lt;b&gt;&amp;</textarea>" in response.text
    assert 'data-autorun="true"' in response.text
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize("params, accept, media", [
    ({"format": "xml"}, BROWSER, "application/sparql-results+xml"),
    ({"output": "json"}, BROWSER, "application/sparql-results+json"),
    ({}, "application/sparql-results+xml, text/html", "application/sparql-results+xml"),
    ({}, "application/sparql-results+json", "application/sparql-results+json"),
    ({}, "*/*", "application/sparql-results+json"),
])
def test_formats_still_win_over_the_page(http, params, accept, media):
    response = http.get("/sparql", params={"query": ASK, **params}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)


def test_undeclared_prefix_is_named_by_the_endpoint(http):
    response = http.get("/sparql", params={"query": "SELECT * WHERE { ?a foaf:name ?n }"})
    assert response.status_code == 400
    assert response.text.startswith("prefix foaf: is not declared (line 1, column 21)")
    assert "\\u{" not in response.text and "'\\u" not in response.text


def test_undeclared_prefix_in_an_update(http, auth):
    response = http.post("/update", data={"update": "INSERT DATA { dbo:a dbo:b dbo:c }"},
                         headers=auth)
    assert response.status_code == 400 and "prefix dbo: is not declared" in response.text


def test_undeclared_prefix_from_the_cli():
    done = subprocess.run([sys.executable, "-m", "kg", "query", "--store", "memory:",
                           "SELECT * WHERE { ?a foaf:name ?n }"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "prefix foaf: is not declared (line 1, column 21)" in done.stderr
    assert "\\u{" not in done.stderr
