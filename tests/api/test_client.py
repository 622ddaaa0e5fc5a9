"""kg.client.Client against the live server."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph

from kg.client import APIError, AuthError, BadRequest, Client, NotFound, QueryLimit
from tests.api.conftest import TOKEN


@pytest.fixture(scope="module")
def client(base_url):
    with Client(base_url, token=TOKEN) as c:
        yield c


def test_sparql_gives_frames_bools_and_graphs(client):
    pandas = pytest.importorskip("pandas")
    frame = client.sparql("SELECT ?a ?date WHERE { ?a ekg:signedOn ?date } ORDER BY ?date")
    assert isinstance(frame, pandas.DataFrame) and list(frame.columns) == ["a", "date"]
    import datetime

    assert isinstance(frame["date"].iloc[0], datetime.date)
    count = client.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert pandas.api.types.is_integer_dtype(count["n"]) and count["n"].iloc[0] > 0
    assert client.sparql("ASK { ?s a ekg:Country }") is True
    graph = client.sparql("CONSTRUCT { ?a ekg:party ?p } WHERE { ?a ekg:party ?p }")
    assert isinstance(graph, Graph) and len(graph) >= 10
    rows = client.sparql("SELECT ?s WHERE { ?s a ekg:Memorandum }", as_frame=False)
    assert isinstance(rows, list) and rows[0]["s"].startswith("https://")


def test_resources(client):
    partners = client.partners("Japan", as_frame=False)
    assert {"Russia", "Rosatom", "Germany"} <= {p["partner"] for p in partners}
    detailed = client.partners("Japan", topic="hydrogen", details=True)
    assert detailed[0]["label"] == "Germany" and detailed[0]["agreements"]
    agreements = client.agreements(party="Russia", as_frame=False)
    assert agreements and all("Russia" in a["parties"] for a in agreements)
    paths = client.path("Nordrhein-Westfalen", "Russia", k=2)
    assert paths[0]["text"].startswith("North Rhine-Westphalia")
    japan = client.entity("Japan")
    assert japan["iri"].endswith("/country/JP")
    assert client.entity("country/RU")["label"] == "Russia"
    assert client.search("Rosatom")[0]["iri"].endswith("/org/rosatom")


def test_export_and_networkx(client, tmp_path):
    data = client.export("nquads")  # every quad once; a triple may sit in two graphs
    assert data.count(b"\n") == client.health()["triples"]
    target = tmp_path / "graph.ttl"
    client.export("turtle", target)
    assert target.stat().st_size > 1000
    graph = client.to_networkx()
    assert isinstance(graph, nx.Graph) and graph.number_of_edges() >= 5
    jp = "https://w3id.org/energy-kg/id/country/JP"
    assert "https://w3id.org/energy-kg/id/country/RU" in graph[jp]


def test_errors_carry_the_server_message(client, base_url):
    with pytest.raises(NotFound) as found:
        client.path("Atlantis", "Russia")
    assert found.value.status == 404 and found.value.suggestions
    with pytest.raises(BadRequest) as bad:
        client.sparql("SELECT WHERE {")
    assert "expected" in bad.value.message or "error" in bad.value.message.lower()
    with pytest.raises(QueryLimit):
        client.sparql("SELECT * WHERE { VALUES ?a { %s } VALUES ?b { %s } }"
                      % ((" ".join(map(str, range(200))),) * 2))
    with Client(base_url) as anonymous:
        with pytest.raises(AuthError) as auth:
            anonymous.add_document("Japan and Russia signed an agreement.")
        assert auth.value.status == 401
    with pytest.raises(APIError):
        Client("http://127.0.0.1:9", timeout=2).health()


def test_add_and_delete_document(client):
    added = client.add_document("Germany and Japan signed a declaration of intent on "
                                "hydrogen cooperation in 2019.", language="en",
                                published="2019-05-01")
    assert added["triples"] > 0
    assert added["key"] in {d["key"] for d in client.documents()}
    assert client.delete_document(added["key"])["removed"] == added["triples"]
