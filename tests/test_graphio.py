"""Graph exports: every format round-trips through NetworkX's own readers."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import InputError, UnsupportedFormatError
from kg.graphio import GRAPH_FORMATS, read_graph, scalar_graph, write_graph
from kg.view import View

FIXTURE = Path(__file__).parent / "data" / "view" / "cooperation.ttl"
ID = "https://w3id.org/energy-kg/id/"
JP, RU = ID + "country/JP", ID + "country/RU"
AGR_2009 = ID + "agreement/2009-05-12-japan-russia-nuclear-energy"


@pytest.fixture(scope="module")
def view() -> View:
    return View.from_turtle(FIXTURE.read_text(encoding="utf-8"))


def written(view, fmt, graph="cooperation") -> bytes:
    buffer = io.BytesIO()
    write_graph(view, fmt, buffer, graph=graph)
    return buffer.getvalue()


def _scalars_only(graph: nx.Graph) -> bool:
    values = [v for _, d in graph.nodes(data=True) for v in d.values()]
    values += [v for *_, d in graph.edges(data=True) for v in d.values()]
    return all(isinstance(v, (str, int, float)) for v in values)


@pytest.mark.parametrize("graph", ["cooperation", "entity"])
def test_exported_graphs_have_scalar_attributes_only(view, graph):
    assert _scalars_only(scalar_graph(view, graph))


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_cooperation_graph_round_trips(view, fmt):
    back = read_graph(fmt, written(view, fmt))
    original = view.cooperation
    assert not back.is_directed()
    assert set(back.nodes) == set(original.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in original.edges}
    edge = back.edges[JP, RU]
    assert edge["agreements"] == AGR_2009
    assert edge["agreement_labels"] == (
        "Japan-Russia agreement on peaceful uses of nuclear energy (2009)")
    assert edge["topics"] == ID + "topic/nuclear-energy"
    assert (edge["first"], edge["last"]) == ("2009-05-12", "2009-05-12")
    assert int(edge["weight"]) == 1
    assert back.nodes[JP]["label"] == "Japan"
    assert back.nodes[ID + "org/rosatom"]["type"] == "Organization"


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_entity_graph_round_trips(view, fmt):
    back = read_graph(fmt, written(view, fmt, graph="entity"))
    original = view.entities
    assert back.is_directed() and back.is_multigraph()
    assert set(back.nodes) == set(original.nodes)
    assert sorted((u, v) for u, v, _ in back.edges(keys=True)) == \
        sorted((u, v) for u, v, _ in original.edges(keys=True))
    predicates = sorted(d["predicate"] for *_, d in back.edges(data=True))
    assert predicates == sorted(k for *_, k in original.edges(keys=True))
    memo = ID + "agreement/2016-12-16-japan-rosatom-nuclear-energy"
    assert back.nodes[memo]["type"] == "Memorandum"
    if fmt != "csv":  # an edge list keeps only the label and type of a node
        assert back.nodes[memo]["kind"] == "memorandum"
        assert back.nodes[memo]["date"] == "2016-12-16"
    roles = [d for u, v, d in back.edges(data=True) if d["predicate"] == "ekg:role"]
    assert {d["title"] for d in roles} >= {"Director General"}


def test_gexf_carries_dates_for_the_timeline(view):
    data = written(view, "gexf")
    root = ET.fromstring(data)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    starts = {e.get("start") for e in graph.iter("{http://www.gexf.net/1.2draft}edge")}
    assert {"2009-05-12", "2010-01-01", "2019-03-01"} <= starts
    back = nx.read_gexf(io.BytesIO(data))
    assert back.edges[JP, RU]["start"] == "2009-05-12"
    entity = nx.read_gexf(io.BytesIO(written(view, "gexf", graph="entity")))
    assert entity.nodes[AGR_2009]["start"] == "2009-05-12"


def test_cytoscape_is_the_elements_format(view):
    payload = json.loads(written(view, "cytoscape"))
    assert set(payload) >= {"data", "elements", "directed", "multigraph"}
    nodes, edges = payload["elements"]["nodes"], payload["elements"]["edges"]
    assert {"id", "label", "type"} <= set(nodes[0]["data"])
    assert {"source", "target", "weight"} <= set(edges[0]["data"])
    assert nx.cytoscape_graph(payload, name="label").number_of_edges() == len(edges)


def test_csv_rows_and_isolated_nodes(view):
    rows = list(csv.DictReader(io.StringIO(written(view, "csv").decode())))
    iceland = [r for r in rows if r["source"] == ID + "country/IS"]
    assert iceland and iceland[0]["target"] == "" and iceland[0]["source_label"] == "Iceland"
    japan_russia = [r for r in rows if {r["source"], r["target"]} == {JP, RU}]
    assert japan_russia[0]["first"] == "2009-05-12"
    entity_rows = list(csv.DictReader(io.StringIO(written(view, "csv", "entity").decode())))
    assert list(entity_rows[0])[:8] == ["source", "target", "source_label", "source_type",
                                        "target_label", "target_type", "predicate", "label"]


def test_write_to_a_path(view, tmp_path):
    out = tmp_path / "cooperation.graphml"
    write_graph(view, "graphml", out)
    assert nx.read_graphml(out).number_of_nodes() == view.cooperation.number_of_nodes()
    write_graph(view, "cyjs", tmp_path / "g.cyjs", graph="entity")  # an alias of cytoscape
    assert read_graph("cytoscape", tmp_path / "g.cyjs").is_multigraph()


def test_bad_format_and_graph(view):
    with pytest.raises(UnsupportedFormatError):
        write_graph(view, "turtle", io.BytesIO())
    with pytest.raises(UnsupportedFormatError):
        write_graph(view, "pdf", io.BytesIO())
    with pytest.raises(InputError):
        write_graph(view, "csv", io.BytesIO(), graph="people")
