"""SPARQL 1.1 Protocol against a real uvicorn server: the status and media-type table,
real clients (SPARQLWrapper, rdflib's SPARQLStore, httpx) and bad input."""

from __future__ import annotations

import io
import re
import time

import httpx
import pytest

from tests.api.conftest import MAX_ROWS, QUERY_TIMEOUT, TOKEN

SELECT = ("SELECT ?a ?label WHERE { ?a a ekg:Country ; rdfs:label ?label "
          "FILTER(lang(?label) = 'en') } ORDER BY ?a LIMIT 5")
ASK = "ASK { <https://w3id.org/energy-kg/id/country/JP> a ekg:Country }"
CONSTRUCT = ("CONSTRUCT { ?a ekg:party ?p } WHERE { ?a ekg:party ?p } ")
DESCRIBE = "DESCRIBE <https://w3id.org/energy-kg/id/country/JP>"
FORM = "application/x-www-form-urlencoded"
JSON = "application/sparql-results+json"

# (name, method, query, extra params, headers, body content type, status, media type)
TABLE = [
    ("select default", "GET", SELECT, {}, {}, None, 200, JSON),
    ("select */*", "GET", SELECT, {}, {"Accept": "*/*"}, None, 200, JSON),
    ("select json", "GET", SELECT, {}, {"Accept": JSON}, None, 200, JSON),
    ("select plain json", "GET", SELECT, {}, {"Accept": "application/json"}, None, 200, JSON),
    ("select xml", "GET", SELECT, {}, {"Accept": "application/sparql-results+xml"}, None, 200,
     "application/sparql-results+xml"),
    ("select csv", "GET", SELECT, {}, {"Accept": "text/csv"}, None, 200, "text/csv"),
    ("select tsv", "GET", SELECT, {}, {"Accept": "text/tab-separated-values"}, None, 200,
     "text/tab-separated-values"),
    ("select q-values", "GET", SELECT, {},
     {"Accept": "text/csv;q=0.4, application/sparql-results+xml;q=0.9, */*;q=0.1"}, None, 200,
     "application/sparql-results+xml"),
    ("select q=0 refuses", "GET", SELECT, {}, {"Accept": "text/csv;q=0, text/*"}, None, 200,
     "text/tab-separated-values"),
    ("select nothing acceptable", "GET", SELECT, {}, {"Accept": "image/png"}, None, 406, None),
    ("select turtle unacceptable", "GET", SELECT, {}, {"Accept": "text/turtle"}, None, 406, None),
    ("select format=csv", "GET", SELECT, {"format": "csv"}, {}, None, 200, "text/csv"),
    ("select output=xml", "GET", SELECT, {"output": "xml"}, {}, None, 200,
     "application/sparql-results+xml"),
    ("select results=json", "GET", SELECT, {"results": "json"}, {"Accept": "text/csv"}, None,
     200, JSON),
    ("select unknown format param", "GET", SELECT, {"format": "fancy"}, {}, None, 200, JSON),
    ("ask default", "GET", ASK, {}, {}, None, 200, JSON),
    ("ask xml", "GET", ASK, {}, {"Accept": "application/sparql-results+xml"}, None, 200,
     "application/sparql-results+xml"),
    ("construct default", "GET", CONSTRUCT, {}, {}, None, 200, "text/turtle"),
    ("construct ntriples", "GET", CONSTRUCT, {}, {"Accept": "application/n-triples"}, None, 200,
     "application/n-triples"),
    ("construct jsonld", "GET", CONSTRUCT, {}, {"Accept": "application/ld+json"}, None, 200,
     "application/ld+json"),
    ("construct rdfxml", "GET", CONSTRUCT, {}, {"Accept": "application/rdf+xml"}, None, 200,
     "application/rdf+xml"),
    ("construct csv unacceptable", "GET", CONSTRUCT, {}, {"Accept": "text/csv"}, None, 406, None),
    ("describe default", "GET", DESCRIBE, {}, {}, None, 200, "text/turtle"),
    ("malformed", "GET", "SELECT WHERE { ?s", {}, {}, None, 400, "text/plain"),
    ("empty query", "GET", "", {}, {}, None, 400, "text/plain"),
    ("post form", "POST", SELECT, {}, {}, FORM, 200, JSON),
    ("post form csv", "POST", SELECT, {}, {"Accept": "text/csv"}, FORM, 200, "text/csv"),
    ("post sparql-query", "POST", SELECT, {}, {}, "application/sparql-query", 200, JSON),
    ("post sparql-query charset", "POST", SELECT, {}, {},
     "application/sparql-query; charset=utf-8", 200, JSON),
    ("post construct", "POST", CONSTRUCT, {}, {"Accept": "application/n-triples"},
     "application/sparql-query", 200, "application/n-triples"),
    ("post malformed", "POST", "SELECT * WHERE {", {}, {}, "application/sparql-query", 400,
     "text/plain"),
    ("post text/plain", "POST", SELECT, {}, {}, "text/plain", 415, "text/plain"),
    ("post json body", "POST", SELECT, {}, {}, "application/json", 415, "text/plain"),
    ("post no content type", "POST", SELECT, {}, {}, "", 415, "text/plain"),
    ("post multipart", "POST", SELECT, {}, {}, "multipart/form-data; boundary=x", 415,
     "text/plain"),
    ("update without token", "POST", None, {}, {}, "application/sparql-update", 401,
     "text/plain"),
    ("update wrong token", "POST", None, {}, {"Authorization": "Bearer nope"},
     "application/sparql-update", 403, "text/plain"),
]


def _send(http: httpx.Client, method, query, params, headers, content_type, path="/sparql"):
    params = dict(params)
    headers = dict(headers)
    if method == "GET":
        if query is not None:
            params["query"] = query
        return http.get(path, params=params, headers=headers)
    if content_type is not None:
        headers["Content-Type"] = content_type
    if content_type and content_type.startswith(FORM):
        body = httpx.QueryParams({"query": query}).__str__().encode()
    elif content_type and "sparql-update" in content_type:
        body = b"INSERT DATA { <https://example.org/x> <https://example.org/p> 1 }"
    else:
        body = (query or "").encode()
    request = http.build_request("POST", path, params=params, headers=headers, content=body)
    if content_type == "":
        request.headers.pop("Content-Type", None)
    return http.send(request)


@pytest.mark.parametrize("name,method,query,params,headers,ctype,status,media", TABLE,
                         ids=[row[0] for row in TABLE])
def test_status_and_media_type_table(http, name, method, query, params, headers, ctype, status,
                                     media):
    response = _send(http, method, query, params, headers, ctype)
    assert response.status_code == status, response.text
    if media:
        assert response.headers["content-type"].split(";")[0] == media
    if status >= 400:
        assert response.text.strip(), "an error needs a message"


def test_results_are_right(http):
    rows = http.get("/sparql", params={"query": SELECT}).json()["results"]["bindings"]
    assert len(rows) == 5 and rows[0]["a"]["type"] == "uri"
    assert rows[0]["label"]["xml:lang"] == "en"
    csv = http.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"}).text
    assert csv.startswith("a,label\r\n") and csv.count("\r\n") == 6
    tsv = http.get("/sparql", params={"query": SELECT},
                   headers={"Accept": "text/tab-separated-values"}).text
    assert tsv.startswith("?a\t?label\n<https://w3id.org/energy-kg/id/country/")
    assert http.get("/sparql", params={"query": ASK}).json() == {"head": {}, "boolean": True}
    malformed = http.get("/sparql", params={"query": "SELECT WHERE { ?s"})
    assert "error" in malformed.text.lower() or "expected" in malformed.text.lower()


def test_sparqlwrapper(base_url):
    from SPARQLWrapper import CSV, JSON as SW_JSON, TURTLE, XML, SPARQLWrapper

    sparql = SPARQLWrapper(f"{base_url}/sparql")
    sparql.setQuery(SELECT)
    sparql.setReturnFormat(SW_JSON)
    result = sparql.queryAndConvert()
    assert len(result["results"]["bindings"]) == 5
    sparql.setReturnFormat(XML)
    dom = sparql.queryAndConvert()
    assert len(dom.getElementsByTagName("result")) == 5
    sparql.setReturnFormat(CSV)
    assert sparql.queryAndConvert().decode().startswith("a,label")
    sparql.setMethod("POST")
    sparql.setReturnFormat(SW_JSON)
    sparql.setQuery(ASK)
    assert sparql.queryAndConvert()["boolean"] is True
    sparql.setMethod("GET")
    sparql.setQuery(CONSTRUCT)
    sparql.setReturnFormat(TURTLE)
    graph_bytes = sparql.queryAndConvert()
    assert b"ekg:party" in graph_bytes or b"ontology#party" in graph_bytes


def test_rdflib_sparqlstore(base_url):
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(f"{base_url}/sparql", returnFormat="json"))
    rows = list(graph.query("PREFIX ekg: <https://w3id.org/energy-kg/ontology#> "
                            "SELECT ?p WHERE { ?a ekg:party ?p }"))
    assert URIRef("https://w3id.org/energy-kg/id/country/JP") in {r[0] for r in rows}
    jp = URIRef("https://w3id.org/energy-kg/id/country/JP")
    assert any(True for _ in graph.triples((jp, None, None)))
    xml_graph = Graph(store=SPARQLStore(f"{base_url}/sparql"))  # default: XML results
    assert len(list(xml_graph.query("SELECT ?s WHERE { ?s a <https://w3id.org/energy-kg/"
                                    "ontology#Memorandum> }"))) >= 1


def test_yasgui_style_form_post(http):
    response = http.post("/sparql", data={"query": SELECT}, headers={
        "Accept": "application/sparql-results+json,*/*;q=0.9",
        "X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(JSON)
    assert len(response.json()["results"]["bindings"]) == 5


def test_sparql_dataframe_style_csv(base_url):
    pandas = pytest.importorskip("pandas")
    response = httpx.get(f"{base_url}/sparql", params={"query": SELECT},
                         headers={"Accept": "text/csv"})
    frame = pandas.read_csv(io.StringIO(response.text))
    assert list(frame.columns) == ["a", "label"] and len(frame) == 5


def test_query_page_works_offline(http):
    page = http.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<form" in page.text and "<textarea" in page.text
    assert "cdn" not in page.text.lower()
    # its scripts and stylesheets are files of this server (tests/api/test_vendor.py checks
    # every page this way)
    loaded = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', page.text)
    assert loaded and all(u.startswith("/") and not u.startswith("//") for u in loaded)
    # without HTML in Accept, a GET without query is a client error
    assert http.get("/sparql").status_code == 400


def test_dataset_parameters(http):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    fixture = "https://w3id.org/energy-kg/graph/test-fixture"
    only = http.get("/sparql", params={"query": count, "default-graph-uri": fixture}).json()
    everything = http.get("/sparql", params={"query": count}).json()
    n_only = int(only["results"]["bindings"][0]["n"]["value"])
    assert 0 < n_only < int(everything["results"]["bindings"][0]["n"]["value"])
    named = http.get("/sparql", params=[
        ("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"),
        ("named-graph-uri", fixture)]).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [fixture]
    bad = http.get("/sparql", params={"query": count, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400


# --- bad input ----------------------------------------------------------------------------

def test_five_megabyte_query_is_refused(http):
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (5 * 1024 * 1024)
    response = http.post("/sparql", content=huge.encode(),
                         headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert "bytes" in response.text
    form = http.post("/sparql", data={"query": huge})
    assert form.status_code == 413


def test_repeated_parameters(http):
    response = http.get("/sparql", params=[("query", ASK), ("query", SELECT)])
    assert response.status_code == 400 and "query" in response.text
    both = http.post("/sparql?query=ASK%7B%7D", content=ASK.encode(),
                     headers={"Content-Type": "application/sparql-query"})
    assert both.status_code == 400
    graphs = http.get("/sparql", params=[("query", ASK), ("format", "json"), ("format", "xml")])
    assert graphs.status_code == 400


def test_invalid_utf8(http):
    body = http.post("/sparql", content=b"SELECT * WHERE { ?s ?p \"\xff\xfe\" }",
                     headers={"Content-Type": "application/sparql-query"})
    assert body.status_code == 400 and "UTF-8" in body.text
    url = http.get("/sparql?query=SELECT%20%2A%20WHERE%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D")
    assert url.status_code == 400 and "UTF-8" in url.text
    form = http.post("/sparql", content=b"query=ASK%7B%22%C3%28%22%7D",
                     headers={"Content-Type": FORM})
    assert form.status_code == 400


def test_service_and_load_are_blocked(http):
    service = ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    response = http.get("/sparql", params={"query": service})
    assert response.status_code == 400 and "SERVICE" in response.text
    hidden = ("PREFIX r: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE SILENT r:sparql "
              "{ ?s ?p ?o } }")
    assert http.get("/sparql", params={"query": hidden}).status_code == 400
    variable = "SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }"
    assert http.get("/sparql", params={"query": variable}).status_code == 400
    in_string = 'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/>" }'
    assert http.get("/sparql", params={"query": in_string}).status_code == 200
    load = http.post("/update", data={"update": "LOAD <http://127.0.0.1:9/data.ttl>"},
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert load.status_code == 400 and "LOAD" in load.text


def test_query_past_its_time_limit(http):
    values = " ".join(str(i) for i in range(230))
    slow = (f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} "
            f"VALUES ?c {{ {values} }} FILTER(?a + ?b + ?c >= 0) }}")
    started = time.monotonic()
    response = http.get("/sparql", params={"query": slow})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "time limit" in response.text
    assert elapsed < QUERY_TIMEOUT + 2.0
    # the server still answers while the abandoned query finishes in the background
    assert http.get("/sparql", params={"query": ASK}).status_code == 200


def test_row_cap(http):
    n = int(MAX_ROWS ** 0.5) + 10
    values = " ".join(str(i) for i in range(n))
    query = f"SELECT * WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} }}"
    response = http.get("/sparql", params={"query": query})
    assert response.status_code == 503 and "row cap" in response.text
    limited = http.get("/sparql", params={"query": query + " LIMIT 10"})
    assert limited.status_code == 200


def test_update_with_token(http):
    graph = "https://example.org/test-update"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    insert = f"INSERT DATA {{ GRAPH <{graph}> {{ <https://example.org/a> rdfs:label \"a\" }} }}"
    before = http.get("/health").json()["revision"]
    response = http.post("/update", data={"update": insert}, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["revision"] == before + 1
    ask = f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert http.get("/sparql", params={"query": ask}).json()["boolean"] is True
    dropped = http.post("/sparql", content=f"DROP GRAPH <{graph}>".encode(),
                        headers={**auth, "Content-Type": "application/sparql-update"})
    assert dropped.status_code == 200
    assert http.get("/sparql", params={"query": ask}).json()["boolean"] is False
    assert http.post("/update", data={"update": "INSERT DATA {"}, headers=auth).status_code == 400
    assert http.post("/update", data={"query": ASK}, headers=auth).status_code == 400
    assert http.get("/sparql", params={"update": insert}).status_code == 400


def test_update_writes_named_graphs_only_and_counts_stay_sets(http):
    """/update refuses a write into the default graph (400, naming the rule); a fact put in
    two graphs counts once from /sparql, while GRAPH ?g sees both copies."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = http.get("/health").json()["revision"]
    refused = http.post("/update", headers=auth, data={
        "update": "INSERT DATA { <https://example.org/set-a> <https://example.org/p> 1 }"})
    assert refused.status_code == 400
    assert "must write into named graphs" in refused.text and "INSERT DATA" in refused.text
    assert http.get("/health").json()["revision"] == before
    fact = "<https://example.org/set-a> <https://example.org/p> 1"
    graphs = ("https://example.org/set-one", "https://example.org/set-two")
    insert = " ".join(f"GRAPH <{g}> {{ {fact} }}" for g in graphs)
    assert http.post("/update", data={"update": f"INSERT DATA {{ {insert} }}"},
                     headers=auth).status_code == 200
    count = "SELECT (COUNT(*) AS ?n) WHERE { <https://example.org/set-a> ?p ?o }"
    counted = http.get("/sparql", params={"query": count}).json()
    assert counted["results"]["bindings"][0]["n"]["value"] == "1"
    per_graph = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://example.org/set-a> ?p ?o } }")
    counted = http.get("/sparql", params={"query": per_graph}).json()
    assert counted["results"]["bindings"][0]["n"]["value"] == "2"
    drop = f"DROP GRAPH <{graphs[0]}> ; DROP GRAPH <{graphs[1]}>"
    assert http.post("/update", data={"update": drop}, headers=auth).status_code == 200
    counted = http.get("/sparql", params={"query": count}).json()
    assert counted["results"]["bindings"][0]["n"]["value"] == "0"
