"""kg.export: every RDF format round-trips; Turtle passes pyoxigraph's strict parser."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import formats
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
