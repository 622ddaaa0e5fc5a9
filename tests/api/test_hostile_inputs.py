"""Requests that used to crash a handler (500) get a 4xx, or the right answer: charsets that
are not text encodings, JSON nested 100k deep, IRIs with non-ASCII characters in response
headers, and impossible dates."""

from __future__ import annotations

import httpx
import pytest

EURO_GRAPH = "https://w3id.org/energy-kg/graph/test-€"
EURO_ENTITY = "https://w3id.org/energy-kg/id/country/€"


@pytest.fixture
def fresh(base_url):
    """A client without keep-alive: a crashed request must not take the next one with it."""
    with httpx.Client(base_url=base_url, timeout=30,
                      limits=httpx.Limits(max_keepalive_connections=0)) as client:
        yield client


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "zlib"])
@pytest.mark.parametrize("path, media, body", [
    ("/sparql", "application/sparql-query", b"ASK {}"),
    ("/update", "application/sparql-update", b"INSERT DATA {}"),
])
def test_charset_that_is_not_a_text_encoding(fresh, auth, charset, path, media, body):
    response = fresh.post(path, content=body,
                          headers={**auth, "Content-Type": f"{media}; charset={charset}"})
    assert response.status_code == 415, response.text
    assert charset in response.text


def test_json_nested_100k_deep(fresh, auth):
    deep = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = fresh.post("/documents", content=deep,
                          headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert fresh.get("/health").status_code == 200


@pytest.fixture
def euro(fresh, auth):
    """A named graph and an entity whose IRIs hold a '€' (removed afterwards)."""
    insert = (f"INSERT DATA {{ GRAPH <{EURO_GRAPH}> {{ <{EURO_ENTITY}> a ekg:Country ; "
              "rdfs:label 'Euroland'@en } }")
    headers = {**auth, "Content-Type": "application/sparql-update"}
    assert fresh.post("/update", content=insert.encode(), headers=headers).status_code == 200
    yield
    fresh.post("/update", content=f"DROP GRAPH <{EURO_GRAPH}>".encode(), headers=headers)


def test_export_of_a_graph_with_a_non_ascii_iri(fresh, euro):
    response = fresh.get("/export", params={"graph": EURO_GRAPH, "format": "turtle"})
    assert response.status_code == 200, response.text
    assert "Euroland" in response.text
    disposition = response.headers["content-disposition"]
    assert disposition.isascii() and "filename*=UTF-8''" in disposition
    assert "%E2%82%AC" in disposition


@pytest.mark.parametrize("fmt", ["turtle", "json", "html"])
def test_dereferencing_a_non_ascii_iri(fresh, euro, fmt):
    response = fresh.get("/id/country/€", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["link"] == \
        '<https://w3id.org/energy-kg/id/country/%E2%82%AC>; rel="canonical"'


@pytest.mark.parametrize("path, params", [
    ("/agreements", {"until": "2020-13-45"}),
    ("/agreements", {"since": "2021-02-29"}),
    ("/cooperations", {"until": "2020-13-45"}),
    ("/cooperations", {"actor": "Japan", "since": "2020-00"}),
    ("/paths", {"source": "Japan", "target": "Russia", "until": "2020-13-45"}),
])
def test_impossible_dates_are_refused(fresh, path, params):
    response = fresh.get(path, params=params)
    assert response.status_code == 400, response.text
    assert set(params) & {"since", "until"} & set(response.json()["message"].split(":")[0].split())


@pytest.mark.parametrize("path, params", [  # found by schemathesis: 500 when writing the page
    ("/agreements", {"include": "pending"}),
    ("/cooperations", {"topic": "Wasserstoff", "expand": "agreements"}),
    ("/cooperations", {"actor": "Japan"}),
    ("/entities", {"q": "Japan"}),
])
def test_an_offset_past_what_json_can_hold_is_refused(fresh, path, params):
    response = fresh.get(path, params={**params, "offset": str(10**25)})
    assert response.status_code == 400, response.text
    assert "offset" in response.text
    assert fresh.get(path, params={**params, "offset": str(2**53 - 1)}).status_code == 200


def test_impossible_published_date_is_refused(fresh, auth):
    response = fresh.post("/documents", json={"text": "Japan and Russia signed an agreement.",
                                              "published": "2020-13-45"}, headers=auth)
    assert response.status_code == 400, response.text
