"""Resource endpoints over a real server: entities, /id/ IRIs, agreements, cooperations,
paths, stats, health, export, OpenAPI."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import networkx as nx
import pytest

JP = "https://w3id.org/energy-kg/id/country/JP"
RU = "https://w3id.org/energy-kg/id/country/RU"
MEMO = "https://w3id.org/energy-kg/id/agreement/2016-12-16-japan-rosatom-nuclear-energy"


def test_health_and_stats(http):
    health = http.get("/health").json()
    assert health["status"] == "ok" and health["triples"] > 1000
    stats = http.get("/stats").json()
    assert stats["entities"]["countries"] >= 200
    assert stats["entities"]["agreements"] >= 5
    assert "https://w3id.org/energy-kg/graph/test-fixture" in stats["graphs"]
    assert stats["view"]["agreements"] >= 5


def test_entity_search_is_multilingual_and_fuzzy(http):
    for q in ("Russland", "Russia", "Rusland", "RU"):
        hits = http.get("/entities", params={"q": q}).json()["items"]
        assert hits[0]["iri"] == RU, q
    topic = http.get("/entities", params={"q": "Wasserstoff", "type": "topic"}).json()
    assert topic["items"][0]["iri"].endswith("/topic/hydrogen")
    assert all(i["type"] == "Topic" for i in topic["items"])
    orgs = http.get("/entities", params={"q": "rosatom", "type": "org"}).json()["items"]
    assert orgs[0]["links"]["json"] == "/entities/org/rosatom"
    assert http.get("/entities", params={"q": "x", "type": "spaceship"}).status_code == 400


def test_entities_are_paginated(http):
    first = http.get("/entities", params={"type": "country", "limit": 10}).json()
    assert first["total"] >= 200 and len(first["items"]) == 10 and first["next"]
    second = http.get(first["next"]).json()
    assert second["offset"] == 10
    assert {i["iri"] for i in first["items"]}.isdisjoint(i["iri"] for i in second["items"])
    assert http.get("/entities", params={"limit": 0}).status_code == 400


def test_entity_details(http):
    japan = http.get("/entities/country/JP").json()
    assert japan["label"] == "Japan" and japan["type"] == "Country"
    assert {"value": "Japan", "lang": "en", "property": "rdfs:label"} in japan["labels"]
    assert RU in {p["iri"] for p in japan["partners"]}
    memo = http.get("/entities/agreement/2016-12-16-japan-rosatom-nuclear-energy").json()
    assert memo["agreement"]["date"] == "2016-12-16"
    assert {p["label"] for p in memo["agreement"]["parties"]} == {"Japan", "Rosatom"}
    assert memo["agreement"]["evidence"][0]["quote"].startswith("Rosatom")


def test_unknown_entity_is_404_with_suggestions(http):
    response = http.get("/entities/country/Japn")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not_found" and body["suggestions"]
    assert any("/entities/country/JP" in s for s in body["suggestions"])
    nothing = http.get("/entities/org/zzqqxx-unknown")
    assert nothing.status_code == 404 and "suggestions" in nothing.json()
    assert http.get("/id/country/Japn", headers={"Accept": "text/turtle"}).status_code == 404


@pytest.mark.parametrize("accept,media", [
    ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("*/*", "text/turtle"),
    ("application/json", "application/ld+json"),
])
def test_iri_paths_negotiate(http, accept, media):
    response = http.get("/id/agreement/2016-12-16-japan-rosatom-nuclear-energy",
                        headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/turtle":
        triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
        assert any(t.subject.value == MEMO for t in triples)
        # the evidence node that points at the agreement comes along
        assert any(getattr(t.object, "value", "").startswith("Rosatom und Japan")
                   for t in triples)
    if media == "text/html":
        assert "Japan" in response.text and "<table>" in response.text
    if media == "application/ld+json":
        assert json.loads(response.text)


def test_iri_path_format_parameter_and_406(http):
    assert http.get("/id/country/JP?format=json").json()["label"] == "Japan"
    assert http.get("/id/country/JP", headers={"Accept": "image/png"}).status_code == 406


def test_agreements_with_filters(http):
    japan = http.get("/agreements", params={"party": "Japan"}).json()
    dates = [a["date"] for a in japan["items"]]
    assert dates == sorted(dates) and len(dates) == 3
    nuclear = http.get("/agreements", params={"topic": "Kernenergie", "since": "2010"}).json()
    assert [a["iri"] for a in nuclear["items"]] == [MEMO]
    contracts = http.get("/agreements", params={"kind": "contract"}).json()
    assert contracts["total"] == 2 and all(a["kind"] == "contract" for a in contracts["items"])
    page = http.get("/agreements", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next"]
    assert http.get("/agreements", params={"kind": "sonnet"}).status_code == 400
    assert http.get("/agreements", params={"party": "Atlantis"}).status_code == 404


def test_cooperations_of_an_actor_with_evidence(http):
    body = http.get("/cooperations", params={"actor": "Japan",
                                             "expand": "agreements"}).json()
    assert body["actor"]["iri"] == JP
    partners = {p["label"]: p for p in body["items"]}
    assert {"Russia", "Rosatom", "Germany"} <= set(partners)
    assert partners["Rosatom"]["evidence"][0]["quote"]
    # the default page: a summary per partner, with the newest agreements' IRIs only
    summary = {p["label"]: p for p in http.get("/cooperations",
                                               params={"actor": "Japan"}).json()["items"]}
    assert set(summary) == set(partners)
    for label, p in summary.items():
        full = partners[label]
        assert "evidence" not in p and "agreements" not in p
        assert p["agreement_count"] == len(full["agreements"])
        assert p["cooperation_count"] == len(full["cooperations"])
        assert p["top_agreements"] == [a["iri"] for a in full["agreements"]][::-1][:3]
        assert {k: p[k] for k in ("iri", "type", "country", "topics", "first", "last",
                                  "weight")} == {k: full[k] for k in ("iri", "type", "country",
                                                                      "topics", "first", "last",
                                                                      "weight")}
    hydrogen = http.get("/cooperations", params={"actor": "JP", "topic": "hydrogen"}).json()
    assert [p["label"] for p in hydrogen["items"]] == ["Germany"]
    window = http.get("/cooperations", params={"actor": "Japan", "until": "2010"}).json()
    assert [p["label"] for p in window["items"]] == ["Russia"]
    pairs = http.get("/cooperations", params={"topic": "natural gas"}).json()
    # two gas agreements of the fixture, and the curated Russia–Kazakhstan cooperation
    assert pairs["total"] == 3
    assert all(p["agreements"] or p["cooperations"] for p in pairs["items"])
    assert sum(1 for p in pairs["items"] if p["cooperations"] and not p["agreements"]) == 1
    misspelt = http.get("/cooperations", params={"actor": "Japn"})
    assert misspelt.status_code == 200 and misspelt.json()["actor"]["iri"] == JP
    unknown = http.get("/cooperations", params={"actor": "Atlantis"})
    assert unknown.status_code == 404 and unknown.json()["suggestions"]


def test_paths_are_explained(http):
    body = http.get("/paths", params={"source": "Nordrhein-Westfalen", "target": "Russia",
                                      "k": 2}).json()
    assert body["source"]["label"] == "North Rhine-Westphalia"
    assert 1 <= len(body["paths"]) <= 2
    first = body["paths"][0]
    assert first["text"].startswith("North Rhine-Westphalia") and first["hops"]
    assert first["nodes"][-1]["iri"] == RU
    none = http.get("/paths", params={"source": "Japan", "target": "Russia",
                                      "since": "2030"})
    assert none.status_code == 404 and none.json()["error"] == "no_path"
    unknown = http.get("/paths", params={"source": "Atlantis", "target": "Russia"})
    assert unknown.status_code == 404 and unknown.json()["suggestions"]
    assert http.get("/paths", params={"source": "Japan"}).status_code == 400
    assert http.get("/paths", params={"source": "a", "target": "b", "k": 0}).status_code == 400


@pytest.mark.parametrize("fmt,media,ext", [
    ("turtle", "text/turtle", ".ttl"), ("ntriples", "application/n-triples", ".nt"),
    ("nquads", "application/n-quads", ".nq"), ("trig", "application/trig", ".trig"),
    ("jsonld", "application/ld+json", ".jsonld"), ("rdfxml", "application/rdf+xml", ".rdf"),
    ("graphml", "application/graphml+xml", ".graphml"), ("gexf", "application/gexf+xml", ".gexf"),
    ("cytoscape", "application/vnd.cytoscape+json", ".cyjs"), ("csv", "text/csv", ".csv"),
])
def test_export_formats(http, fmt, media, ext):
    with http.stream("GET", "/export", params={"format": fmt}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media
        assert response.headers["content-disposition"].endswith(f'{ext}"')
        body = response.read()
    assert len(body) > 100
    if fmt == "nquads":
        quads = list(ox.parse(body, format=ox.RdfFormat.N_QUADS))
        assert len(quads) == http.get("/health").json()["triples"]


def test_export_one_graph_and_errors(http):
    one = http.get("/export", params={"format": "turtle", "graph": "test-fixture"})
    assert one.status_code == 200 and "test-fixture" in one.headers["content-disposition"]
    assert len(list(ox.parse(one.content, format=ox.RdfFormat.TURTLE))) < 100
    assert http.get("/export", params={"format": "docx"}).status_code == 400
    assert http.get("/export", params={"format": "turtle", "graph": "nope"}).status_code == 404
    negotiated = http.get("/export", headers={"Accept": "application/n-quads"})
    assert negotiated.headers["content-type"].startswith("application/n-quads")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "csv"])
def test_export_graph_formats_leave_out_isolated_actors(http, tmp_path, fmt):
    from kg.graphio import read_graph

    path = tmp_path / f"cooperation.{fmt}"
    counts = {}
    for all_nodes in (False, True):
        response = http.get("/export", params={"format": fmt, "all_nodes": str(all_nodes).lower()})
        assert response.status_code == 200
        path.write_bytes(response.content)
        graph = read_graph(fmt, path)
        counts[all_nodes] = nx.number_of_isolates(graph)
    assert counts == {False: 0, True: counts[True]} and counts[True] > 0


def test_export_jsonld_is_compacted(http):
    doc = http.get("/export", params={"format": "jsonld", "graph": "curated"}).json()
    assert doc["@context"]["label"] == {"@id": "rdfs:label", "@container": "@language"}
    assert any("party" in node for node in doc["@graph"])


def test_openapi_documents_every_endpoint(http):
    spec = http.get("/openapi.json").json()
    for path in ("/sparql", "/update", "/entities", "/entities/{kind}/{key}", "/id/{kind}/{key}",
                 "/agreements", "/cooperations", "/paths", "/stats", "/health", "/export",
                 "/documents", "/documents/{key}"):
        assert path in spec["paths"], path
    assert http.get("/docs").status_code == 200


def test_home_page(http):
    page = http.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "/sparql" in page.text


def test_pages_of_partners_and_agreements_follow_next(http):
    """Walking ``next`` one item at a time gives the items of one big page, in order."""
    for path, params in (("/cooperations", {"actor": "Japan"}),
                         ("/cooperations", {"actor": "Japan", "expand": "agreements"}),
                         ("/neighbours", {"actor": "Japan", "depth": 2}), ("/agreements", {}),
                         ("/agreements", {"party": "Japan", "topic": "nuclear energy"})):
        whole = http.get(path, params={**params, "limit": 1000})
        assert whole.headers["content-type"] == "application/json"
        whole = whole.json()
        assert whole["next"] is None and whole["total"] == len(whole["items"]) >= 2
        walked, url = [], http.get(path, params={**params, "limit": 1}).json()
        while True:
            assert url["limit"] == 1 and url["total"] == whole["total"]
            walked.extend(url["items"])
            if url["next"] is None:
                break
            url = http.get(url["next"]).json()
        assert walked == whole["items"], path


# --- in process: the pages written from kept JSON are the pages of to_dict() ---------------------

@pytest.fixture(scope="module")
def synthetic_client():
    """The app over a small graph of the benchmark generator (hubs with many partners)."""
    import importlib.util
    from pathlib import Path

    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings
    from kg.store import Store
    from kg.view import get_view

    spec = importlib.util.spec_from_file_location(
        "synthetic", Path(__file__).resolve().parents[2] / "bench" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    store = Store("memory:")
    synthetic.load(store, triples=30_000, countries=30, organizations=150, persons=300)
    with TestClient(create_app(store, Settings(store="memory:", query_timeout=30))) as client:
        yield client, get_view(store)


def _expected_page(items: list, limit: int, offset: int, **extra) -> dict:
    return {**extra, "total": len(items), "limit": limit, "offset": offset,
            "items": [i.to_dict() for i in items[offset:offset + limit]]}


@pytest.mark.parametrize("params", [
    {}, {"limit": 7, "offset": 3}, {"limit": 1000}, {"topic": "nuclear energy"},
    {"since": "2005", "until": "2015-06", "limit": 20, "offset": 5}, {"offset": 100000},
])
def test_cooperations_of_an_actor_answer_as_partners_to_dict(synthetic_client, params):
    from kg import query as kq

    client, view = synthetic_client
    hubs = sorted(view.cooperation, key=lambda i: (-len(view.cooperation._adj[i]), i))[:3]
    filters = {k: v for k, v in params.items() if k in ("topic", "since", "until")}
    for actor in hubs:
        body = client.get("/cooperations", params={"actor": actor, "expand": "agreements",
                                                   **params}).json()
        found = kq.partners(view, actor, **filters)
        limit, offset = params.get("limit", 50), params.get("offset", 0)
        # an expanded page holds at most KG_EXPAND_RECORDS (200) agreements and stated
        # cooperations, one partner at least: fewer partners then, and next goes on
        shown, records = 0, 0
        for partner in found[offset:offset + limit]:
            records += len(partner.agreements) + len(partner.cooperations)
            if shown and records > 200:
                break
            shown += 1
        following = body.pop("next")
        expected = _expected_page(found, limit, offset, actor=kq.entity(view, actor).to_dict())
        expected["items"] = expected["items"][:shown]
        assert body == expected
        assert (following is None) == (offset + shown >= len(found))
        if following is not None:
            assert f"offset={offset + shown}" in following
        # the summaries (the default page) are those of the same partners
        summaries = client.get("/cooperations", params={"actor": actor, **params}).json()
        _, links = kq.partner_links(view, actor, **filters)
        assert summaries["items"] == [link.summary(view)
                                      for link in links[offset:offset + limit]]
        assert summaries["total"] == body["total"]


@pytest.mark.parametrize("params", [
    {}, {"limit": 7, "offset": 3}, {"topic": "nuclear energy"}, {"kind": "memorandum"},
    {"since": "2010", "until": "2012"}, {"party": 0, "topic": "hydrogen", "limit": 1000},
    {"party": 1, "since": "2015", "kind": "Contract"},
])
def test_agreements_answer_as_agreement_info_to_dict(synthetic_client, params):
    from kg import query as kq

    client, view = synthetic_client
    if "party" in params:
        hubs = sorted(view.cooperation, key=lambda i: (-len(view.cooperation._adj[i]), i))
        params = {**params, "party": hubs[params["party"]]}
    filters = {k: v for k, v in params.items() if k not in ("limit", "offset")}
    body = client.get("/agreements", params=params).json()
    found = kq.agreements(view, **filters)
    limit, offset = params.get("limit", 50), params.get("offset", 0)
    following = body.pop("next")
    assert body == _expected_page(found, limit, offset) and found
    assert (following is None) == (offset + limit >= len(found))
