"""kg.export: every RDF format round-trips; Turtle passes pyoxigraph's strict parser."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import formats
from kg.build import REPO_ROOT
from kg.export import export, resolve_format
from kg.store import Store


def _union_graph(store: Store) -> Graph:
    graph = Graph()
    graph.parse(data=store.dump(None, "ntriples"), format="nt")
    # checked against the store's own count, so a dump that loses triples cannot pass
    distinct = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                            "WHERE { GRAPH ?g { ?s ?p ?o } } }")[0]["n"]
    assert len(graph) == distinct
    return graph


@pytest.mark.parametrize("fmt", [f for f in formats.rdf_formats() if not f.quads],
                         ids=lambda f: f.name)
def test_triple_formats_round_trip(seed_store: Store, fmt: formats.Format):
    data = export(seed_store, None, fmt)
    parsed = Graph().parse(data=data, format=fmt.rdflib_name)
    assert len(parsed) > 100
    assert isomorphic(parsed, _union_graph(seed_store))


@pytest.mark.parametrize("fmt", [f for f in formats.rdf_formats() if f.quads],
                         ids=lambda f: f.name)
def test_quad_formats_round_trip(seed_store: Store, fmt: formats.Format):
    data = export(seed_store, None, fmt)
    parsed = Dataset()
    parsed.parse(data=data, format=fmt.rdflib_name)
    expected = Dataset()
    expected.parse(data=seed_store.dump(None, "nquads"), format="nquads")
    assert sum(len(g) for g in expected.graphs()) == len(seed_store)
    names = {str(g.identifier) for g in expected.graphs() if len(g)}
    assert names == {str(g.identifier) for g in parsed.graphs() if len(g)}
    for name in names:
        assert isomorphic(parsed.graph(name), expected.graph(name)), name


def test_turtle_passes_pyoxigraph_parser(seed_store: Store):
    data = export(seed_store, None, "turtle")
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(_union_graph(seed_store))


def test_one_named_graph(seed_store: Store):
    data = export(seed_store, None, "nt", graph="curated")
    curated = seed_store.graphs()["https://w3id.org/energy-kg/graph/curated"]
    assert len(Graph().parse(data=data, format="nt")) == curated


def test_export_to_a_stream(seed_store: Store):
    out = io.BytesIO()
    export(seed_store, out, "trig")
    assert out.getvalue().startswith(b"@prefix")


@pytest.mark.parametrize("name, path, expected", [
    ("nq", None, "nquads"), (None, "x.ttl", "turtle"), (None, "x.jsonld", "jsonld"),
    (None, "x.gexf", "gexf"), (None, None, "turtle"), (None, "-", "turtle"),
])
def test_resolve_format(name, path, expected):
    assert resolve_format(name, path).name == expected


def test_unknown_format_is_an_input_error():
    from kg.errors import UnsupportedFormatError

    with pytest.raises(UnsupportedFormatError):
        resolve_format(None, "x.docx")


# --- clean prefixed names ------------------------------------------------------------------

# A prefixed name whose local part carries a backslash escape (id:cooperation\/…).
_ESCAPED_NAME = re.compile(r"(?<![<\"\w])[A-Za-z][\w-]*:[^\s<>\"]*\\[_~.\-!$&'()*+,;=/?#@%]")


def _outside_literals(text: str) -> str:
    return re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_turtle_uses_clean_prefixed_names(seed_store: Store, tmp_path, fmt):
    path = tmp_path / f"seed.{fmt}"
    export(seed_store, path, fmt)
    text = _outside_literals(path.read_text(encoding="utf-8"))
    assert not _ESCAPED_NAME.findall(text)
    assert "@prefix cooperation: <https://w3id.org/energy-kg/id/cooperation/> ." in text
    assert re.search(r"^\s*cooperation:[\w-]+ ", text, re.M)


# --- JSON-LD compacted with the project's context ------------------------------------------

CONTEXT = json.loads((REPO_ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))


@pytest.mark.parametrize("graph", [None, "curated"], ids=["every-graph", "curated"])
def test_jsonld_is_compacted_with_the_project_context(seed_store: Store, tmp_path, graph):
    path = tmp_path / "seed.jsonld"
    export(seed_store, path, "jsonld", graph=graph)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"] == CONTEXT["@context"]
    nodes = [n for g in doc["@graph"] for n in g.get("@graph", [g])]
    # (the derived graph also names JP, without a label; the graphs come in store order)
    japan = next(n for n in nodes if n.get("@id", "").endswith("/id/country/JP") and "label" in n)
    assert japan["label"]["en"] == "Japan" and japan["type"] == "Country"
    assert any("party" in n and "signedOn" in n for n in nodes)
    back = Graph().parse(path, format="json-ld") if graph else None
    if back is not None:  # nothing lost in compaction (blank-node signatures included)
        expected = Graph().parse(data=export(seed_store, None, "nt", graph=graph), format="nt")
        assert isomorphic(back, expected)


# --- graph files: only connected actors by default -----------------------------------------

def test_the_cooperation_graphml_has_no_isolated_node_by_default(seed_store: Store, tmp_path):
    path = tmp_path / "cooperation.graphml"
    export(seed_store, path, "graphml")
    graph = nx.read_graphml(path)
    assert graph.number_of_edges() > 0
    assert nx.number_of_isolates(graph) == 0
    export(seed_store, path, "graphml", all_nodes=True)
    assert nx.number_of_isolates(nx.read_graphml(path)) > 0


@pytest.mark.parametrize("fmt", ["gexf", "cytoscape", "csv"])
def test_every_graph_format_leaves_out_isolated_actors(seed_store: Store, tmp_path, fmt):
    from kg.graphio import read_graph

    path = tmp_path / f"cooperation.{fmt}"
    export(seed_store, path, fmt)
    graph = read_graph(fmt, path)
    assert graph.number_of_nodes() > 0 and nx.number_of_isolates(graph) == 0
